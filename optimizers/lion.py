"""Lion."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import (
    BETA1,
    GradientTransformation,
    HyperParam,
    Optimizer,
    lr,
    weight_decay,
)


class LionState(NamedTuple):
    mu: jax.Array  # (dim,) momentum, an EMA of gradients with rate beta2


def lion(
    lr: jax.Array, beta1: jax.Array, beta2: jax.Array, weight_decay: jax.Array
) -> GradientTransformation:
    r"""Lion: only the sign of an interpolated momentum is used,
    :math:`u_t = \operatorname{sign}(\beta_1 m_t + (1-\beta_1) g_t)`,
    :math:`x_{t+1} = x_t - \alpha(u_t + \lambda x_t)`,
    :math:`m_{t+1} = \beta_2 m_t + (1-\beta_2) g_t`.

    Every coordinate moves by exactly :math:`\alpha` (plus the decay). Same
    trajectory as ``optax.lion(lr, b1, b2, weight_decay=λ)``; note that optax's
    default decay is 1e-3, ours 0. Reference: Chen et al. (2023), "Symbolic
    discovery of optimization algorithms".
    """

    def init(params: jax.Array) -> LionState:
        return LionState(jnp.zeros_like(params))

    def update(grad, state, params=None, **extra):
        del extra
        direction = jnp.sign((1 - beta1) * grad + beta1 * state.mu)
        mu = (1 - beta2) * grad + beta2 * state.mu
        return -lr * (direction + weight_decay * params), LionState(mu)

    return GradientTransformation(init, update)


LION = Optimizer(
    key="lion",
    title="Lion",
    factory=lion,
    hyperparams=(
        lr(0.01),
        BETA1,
        HyperParam("beta2", r"\beta_2", 0.99, 0.5, 0.99999),
        weight_decay(0.0),
    ),
    rule=r"x_{t+1} = x_t - @lr\Big(\operatorname{sign}\big(@beta1\,m_t + "
    r"(1-@beta1)\,g_t\big) + @weight_decay\,x_t\Big)",
    note="Steps of a fixed size in the sign of a momentum: cheap in memory; "
    "near a minimum it rattles at the scale of the learning rate.",
)
