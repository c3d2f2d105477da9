"""NAdam: Adam with Nesterov momentum."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from optimizers.adam import AdamState, init_moments, update_moments
from optimizers.base import BETA1, BETA2, GradientTransformation, Optimizer, eps, lr


def nadam(
    lr: jax.Array, beta1: jax.Array, beta2: jax.Array, eps: jax.Array
) -> GradientTransformation:
    r"""NAdam: Adam's first moment with the Nesterov look-ahead,
    :math:`\hat m = \beta_1 m_{t+1}/(1-\beta_1^{t+2})
    + (1-\beta_1) g_t/(1-\beta_1^{t+1})`,
    :math:`x_{t+1} = x_t - \alpha\,\hat m / (\sqrt{\hat v} + \varepsilon)`.

    Same trajectory as ``optax.nadam(lr, b1, b2, eps)`` (which, like most
    implementations, omits the extra :math:`\beta_2` factor of Dozat's
    Algorithm 2). Reference: Dozat (2016), "Incorporating Nesterov momentum
    into Adam".
    """

    def update(grad, state, params=None, **extra):
        del params, extra
        b1t, b2t, mu, nu = update_moments(grad, state, beta1, beta2)
        mu_hat = beta1 * mu / (1 - b1t * beta1) + (1 - beta1) * grad / (1 - b1t)
        step = -lr * mu_hat / (jnp.sqrt(nu / (1 - b2t)) + eps)
        return step, AdamState(state.count + 1, b1t, b2t, mu, nu)

    return GradientTransformation(init_moments, update)


NADAM = Optimizer(
    key="nadam",
    title="NAdam",
    factory=nadam,
    hyperparams=(lr(0.05), BETA1, BETA2, eps(1e-8)),
    rule=r"x_{t+1} = x_t - @lr\,\frac{@beta1\,\hat m_{t+1} + "
    r"(1 - @beta1)\,\hat g_t}{\sqrt{\hat v_{t+1}} + @eps}",
    note="Adam with Nesterov's look-ahead in the first moment: it reacts a step "
    "earlier when the gradient turns.",
)
