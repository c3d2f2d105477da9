"""RMSProp."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import RHO, GradientTransformation, Optimizer, eps, lr


class RMSPropState(NamedTuple):
    nu: jax.Array  # (dim,) exponential moving average of squared gradients


def rmsprop(lr: jax.Array, rho: jax.Array, eps: jax.Array) -> GradientTransformation:
    r"""RMSProp: :math:`s_{t+1} = \rho s_t + (1-\rho) g_t^2`,
    :math:`x_{t+1} = x_t - \alpha\, g_t / \sqrt{s_{t+1} + \varepsilon}`,
    with :math:`s_0 = 0` and :math:`\varepsilon` inside the root.

    Maps to ``optax.rmsprop(lr, decay=rho, eps=eps)`` (optax's default
    ``eps_in_sqrt=True``); PyTorch puts :math:`\varepsilon` outside the root,
    which differs only while :math:`s` is tiny.
    Reference: Tieleman & Hinton (2012), Coursera NNML lecture 6.5.
    """

    def init(params: jax.Array) -> RMSPropState:
        return RMSPropState(nu=jnp.zeros_like(params))

    def update(grad, state, params=None, **extra):
        del params, extra
        nu = (1 - rho) * grad**2 + rho * state.nu
        return -lr * jax.lax.rsqrt(nu + eps) * grad, RMSPropState(nu)

    return GradientTransformation(init, update)


RMSPROP = Optimizer(
    key="rmsprop",
    title="RMSProp",
    factory=rmsprop,
    hyperparams=(lr(0.02), RHO, eps(1e-8)),
    rule=r"s_{t+1} = @rho\,s_t + (1 - @rho)\,g_t^2,\quad "
    r"x_{t+1} = x_t - \frac{@lr}{\sqrt{s_{t+1} + @eps}}\,g_t",
    note="AdaGrad with a forgetting average, so steps stop shrinking for good; "
    "near a minimum it keeps taking steps of about the learning rate and jitters.",
)
