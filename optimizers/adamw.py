"""AdamW: Adam with decoupled weight decay."""

from __future__ import annotations

import jax

from optimizers.adam import adam
from optimizers.base import (
    BETA1,
    BETA2,
    GradientTransformation,
    Optimizer,
    eps,
    lr,
    weight_decay,
)


def adamw(
    lr: jax.Array,
    beta1: jax.Array,
    beta2: jax.Array,
    eps: jax.Array,
    weight_decay: jax.Array,
) -> GradientTransformation:
    r"""AdamW: Adam's direction plus the weight decay, outside the moments:
    :math:`x_{t+1} = x_t - \alpha\big(\hat m / (\sqrt{\hat v} + \varepsilon)
    + \lambda x_t\big)`.

    With Adam and an L2 term :math:`\tfrac{\lambda}{2}\|x\|^2` in the loss, the
    decay would pass through the adaptive scaling and shrink least where the
    gradients are largest; here every coordinate decays at the same rate.
    Same trajectory as ``optax.adamw(lr, b1, b2, eps, weight_decay=λ)``.
    Reference: Loshchilov & Hutter (2019), "Decoupled weight decay
    regularization".
    """
    inner = adam(1.0, beta1, beta2, eps)

    def update(grad, state, params=None, **extra):
        direction, state = inner.update(grad, state, params)
        return -lr * (-direction + weight_decay * params), state

    return GradientTransformation(inner.init, update)


ADAMW = Optimizer(
    key="adamw",
    title="AdamW",
    factory=adamw,
    hyperparams=(lr(0.05), BETA1, BETA2, eps(1e-8), weight_decay(0.01)),
    rule=r"x_{t+1} = x_t - @lr\Big(\frac{\hat m_{t+1}}{\sqrt{\hat v_{t+1}} + @eps}"
    r" + @weight_decay\,x_t\Big)",
    note="Adam with weight decay applied to the point directly rather than "
    "through the gradient: the standard way to regularise transformers.",
)
