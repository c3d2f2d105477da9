"""Plain gradient descent."""

from __future__ import annotations

from typing import NamedTuple

import jax

from optimizers.base import GradientTransformation, Optimizer, lr, weight_decay
from optimizers.decay import DECAY, Decay, with_decoupled, with_l2


class GDState(NamedTuple):
    """GD keeps nothing between steps."""


def gd(
    lr: jax.Array, weight_decay: jax.Array = 0.0, decay: Decay = "l2"
) -> GradientTransformation:
    r"""Gradient descent, :math:`x_{t+1} = x_t - \alpha \nabla f(x_t)`.

    Same trajectory as ``optax.sgd(lr)``. Reference: Cauchy (1847); course
    notes, "gradient descent" (on :math:`3x^2 + 6x` from :math:`x = 2`,
    :math:`\alpha = 0.1` gives :math:`0.2`).

    Weight decay λ (see ``optimizers/decay.py``): ``decay="l2"`` is
    :math:`x_{t+1} = x_t - \alpha(\nabla f(x_t) + \lambda x_t)`, as
    ``optax.chain(optax.add_decayed_weights(λ), optax.sgd(lr))``;
    ``"decoupled"`` is :math:`x_{t+1} = x_t - \alpha\nabla f(x_t) -
    \alpha\lambda x_t`, as ``optax.chain(optax.add_decayed_weights(λ),
    optax.scale(-lr))``. For GD they are the same path.
    """

    def init(params: jax.Array) -> GDState:
        del params
        return GDState()

    def update(grad, state, params=None, **extra):
        del extra  # a schedule rescales this update: it is linear in lr
        step = -lr * with_l2(grad, params, weight_decay, decay)
        return with_decoupled(step, params, lr, weight_decay, decay), state

    return GradientTransformation(init, update)


GD = Optimizer(
    key="gd",
    title="Gradient descent",
    factory=gd,
    hyperparams=(lr(0.05), weight_decay(0.0)),
    choices=(DECAY,),
    rule=r"x_{t+1} = x_t - @lr\,\big(\nabla f(x_t) + @weight_decay\,x_t\big)",
    rule_variants={
        ("decay", "decoupled"): r"x_{t+1} = x_t - @lr\,\nabla f(x_t)"
        r" - @lr\,@weight_decay\,x_t"
    },
    note="The baseline every other method refines. Too small a step crawls, "
    "too large a step oscillates across a narrow valley or diverges.",
)
