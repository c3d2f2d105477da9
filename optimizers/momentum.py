"""Heavy-ball momentum (Polyak)."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import MOMENTUM, GradientTransformation, Optimizer, lr


class MomentumState(NamedTuple):
    velocity: jax.Array  # (dim,) running sum of past gradients, decayed by mu


def momentum(lr: jax.Array, momentum: jax.Array) -> GradientTransformation:
    r"""Heavy ball: :math:`v_{t+1} = \mu v_t + \nabla f(x_t)`,
    :math:`x_{t+1} = x_t - \alpha v_{t+1}`, with :math:`v_0 = 0`.

    Same trajectory as ``optax.sgd(lr, momentum)``. The course notes write
    :math:`v \leftarrow \mu v + \alpha\nabla f,\ \theta \leftarrow \theta - v`
    (and the sign-flipped :math:`v \leftarrow \mu v - \alpha\nabla f,\ \theta
    \leftarrow \theta + v`); both are this rule with :math:`v` scaled by
    :math:`\pm\alpha`, so for a constant learning rate the paths coincide.
    Reference: Polyak (1964), "Some methods of speeding up the convergence of
    iteration methods".
    """

    def init(params: jax.Array) -> MomentumState:
        return MomentumState(velocity=jnp.zeros_like(params))

    def update(grad, state, params=None, **extra):
        del params, extra
        velocity = grad + momentum * state.velocity
        return -lr * velocity, MomentumState(velocity)

    return GradientTransformation(init, update)


MOMENTUM_OPT = Optimizer(
    key="momentum",
    title="Momentum (heavy ball)",
    factory=momentum,
    hyperparams=(lr(0.02), MOMENTUM),
    rule=r"v_{t+1} = @momentum\,v_t + \nabla f(x_t),\quad "
    r"x_{t+1} = x_t - @lr\,v_{t+1}",
    note="Averages gradients so the zig-zag across a valley cancels and the "
    "motion along it builds up; overshoots and spirals when the momentum is high.",
)
