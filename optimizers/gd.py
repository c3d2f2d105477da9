"""Plain gradient descent."""

from __future__ import annotations

from typing import NamedTuple

import jax

from optimizers.base import GradientTransformation, Optimizer, lr


class GDState(NamedTuple):
    """GD keeps nothing between steps."""


def gd(lr: jax.Array) -> GradientTransformation:
    r"""Gradient descent, :math:`x_{t+1} = x_t - \alpha \nabla f(x_t)`.

    Same trajectory as ``optax.sgd(lr)``. Reference: Cauchy (1847); course
    notes, "gradient descent" (on :math:`3x^2 + 6x` from :math:`x = 2`,
    :math:`\alpha = 0.1` gives :math:`0.2`).
    """

    def init(params: jax.Array) -> GDState:
        del params
        return GDState()

    def update(grad, state, params=None, **extra):
        del params, extra
        return -lr * grad, state

    return GradientTransformation(init, update)


GD = Optimizer(
    key="gd",
    title="Gradient descent",
    factory=gd,
    hyperparams=(lr(0.05),),
    rule=r"x_{t+1} = x_t - @lr\,\nabla f(x_t)",
    note="The baseline every other method refines. Too small a step crawls, "
    "too large a step oscillates across a narrow valley or diverges.",
)
