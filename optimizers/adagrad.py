"""AdaGrad, with the accumulator starting at zero as in the course notes."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import GradientTransformation, Optimizer, eps, lr


class AdaGradState(NamedTuple):
    sum_of_squares: jax.Array  # (dim,) running sum of squared gradients


def adagrad(lr: jax.Array, eps: jax.Array) -> GradientTransformation:
    r"""AdaGrad: :math:`G_{t+1} = G_t + g_t^2`,
    :math:`x_{t+1} = x_t - \alpha\, g_t / \sqrt{G_{t+1} + \varepsilon}`,
    with :math:`G_0 = 0` (course notes) and :math:`\varepsilon` inside the root.

    Maps to ``optax.adagrad(lr, initial_accumulator_value=0.0, eps=eps)``;
    optax's own default starts the accumulator at 0.1. Where :math:`G = 0`
    (a zero gradient so far) the step is 0, as in optax.
    Reference: Duchi, Hazan & Singer (2011), JMLR 12.
    """

    def init(params: jax.Array) -> AdaGradState:
        return AdaGradState(sum_of_squares=jnp.zeros_like(params))

    def update(grad, state, params=None, **extra):
        del params, extra
        total = state.sum_of_squares + grad**2
        scale = jnp.where(total > 0, jax.lax.rsqrt(total + eps), 0.0)
        return -lr * scale * grad, AdaGradState(total)

    return GradientTransformation(init, update)


ADAGRAD = Optimizer(
    key="adagrad",
    title="AdaGrad",
    factory=adagrad,
    hyperparams=(lr(0.5), eps(1e-7)),
    rule=r"G_{t+1} = G_t + g_t^2,\quad "
    r"x_{t+1} = x_t - \frac{@lr}{\sqrt{G_{t+1} + @eps}}\,g_t",
    note="Per-coordinate steps that shrink with the gradients seen so far: good "
    "for sparse features, but the step only ever shrinks, so it stalls on long runs.",
)
