"""AMSGrad."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.adam import update_moments
from optimizers.base import BETA1, BETA2, GradientTransformation, Optimizer, eps, lr


class AMSGradState(NamedTuple):
    count: jax.Array  # () number of updates so far
    beta1_power: jax.Array  # () beta1**count, carried (cheaper than pow)
    beta2_power: jax.Array  # () beta2**count
    mu: jax.Array  # (dim,) first moment
    nu: jax.Array  # (dim,) second moment
    nu_max: jax.Array  # (dim,) running maximum of the corrected second moment


def amsgrad(
    lr: jax.Array, beta1: jax.Array, beta2: jax.Array, eps: jax.Array
) -> GradientTransformation:
    r"""AMSGrad: Adam whose denominator never shrinks,
    :math:`\hat v^{\max}_{t+1} = \max(\hat v^{\max}_t, \hat v_{t+1})`,
    :math:`x_{t+1} = x_t - \alpha\,\hat m / (\sqrt{\hat v^{\max}} + \varepsilon)`.

    The maximum is taken of the bias-corrected second moment, as in
    ``optax.amsgrad(lr, b1, b2, eps)``, whose trajectory this reproduces.
    Reference: Reddi, Kale & Kumar (2018), "On the convergence of Adam and
    beyond".
    """

    def init(params: jax.Array) -> AMSGradState:
        zeros = jnp.zeros_like(params)
        one = jnp.ones((), zeros.dtype)
        return AMSGradState(jnp.zeros((), jnp.int32), one, one, zeros, zeros, zeros)

    def update(grad, state, params=None, **extra):
        del params, extra
        b1t, b2t, mu, nu = update_moments(grad, state, beta1, beta2)
        nu_max = jnp.maximum(state.nu_max, nu / (1 - b2t))
        step = -lr * (mu / (1 - b1t)) / (jnp.sqrt(nu_max) + eps)
        return step, AMSGradState(state.count + 1, b1t, b2t, mu, nu, nu_max)

    return GradientTransformation(init, update)


AMSGRAD = Optimizer(
    key="amsgrad",
    title="AMSGrad",
    factory=amsgrad,
    hyperparams=(lr(0.05), BETA1, BETA2, eps(1e-8)),
    rule=r"\hat v^{\max}_{t+1} = \max(\hat v^{\max}_t, \hat v_{t+1}),\quad "
    r"x_{t+1} = x_t - @lr\,\frac{\hat m_{t+1}}{\sqrt{\hat v^{\max}_{t+1}} + @eps}",
    note="Adam that never lets its step grow back after a large gradient; it "
    "fixes Adam's non-convergence counter-examples, rarely matters in practice.",
)
