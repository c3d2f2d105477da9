"""Nesterov's accelerated gradient, in the form optax and PyTorch use."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import MOMENTUM, GradientTransformation, Optimizer, lr


class NesterovState(NamedTuple):
    velocity: jax.Array  # (dim,) heavy-ball velocity


def nesterov(lr: jax.Array, momentum: jax.Array) -> GradientTransformation:
    r"""Nesterov momentum with the look-ahead folded in:
    :math:`v_{t+1} = \mu v_t + \nabla f(x_t)`,
    :math:`x_{t+1} = x_t - \alpha(\nabla f(x_t) + \mu v_{t+1})`.

    Same trajectory as ``optax.sgd(lr, momentum, nesterov=True)`` and
    ``torch.optim.SGD(nesterov=True)``. It is the classical "gradient at the
    look-ahead point :math:`x_t - \alpha\mu v_t`" method rewritten in the
    variable :math:`x_t - \alpha\mu v_t`, so only one gradient per step is
    needed. Reference: Nesterov (1983); Sutskever et al. (2013), "On the
    importance of initialization and momentum in deep learning".
    """

    def init(params: jax.Array) -> NesterovState:
        return NesterovState(velocity=jnp.zeros_like(params))

    def update(grad, state, params=None, **extra):
        del params, extra
        velocity = grad + momentum * state.velocity
        return -lr * (grad + momentum * velocity), NesterovState(velocity)

    return GradientTransformation(init, update)


NESTEROV = Optimizer(
    key="nesterov",
    title="Nesterov momentum",
    factory=nesterov,
    hyperparams=(lr(0.02), MOMENTUM),
    rule=r"v_{t+1} = @momentum\,v_t + \nabla f(x_t),\quad "
    r"x_{t+1} = x_t - @lr\,\big(\nabla f(x_t) + @momentum\,v_{t+1}\big)",
    note="Momentum that corrects itself before it overshoots: it brakes earlier "
    "than the heavy ball at the same settings.",
)
