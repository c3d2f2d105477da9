"""AdaDelta."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import RHO, GradientTransformation, Optimizer, eps, lr


class AdaDeltaState(NamedTuple):
    e_g: jax.Array  # (dim,) running average of squared gradients
    e_x: jax.Array  # (dim,) running average of squared (unscaled) updates


def adadelta(lr: jax.Array, rho: jax.Array, eps: jax.Array) -> GradientTransformation:
    r"""AdaDelta: :math:`E[g^2]_{t+1} = \rho E[g^2]_t + (1-\rho) g_t^2`,
    :math:`\Delta_t = \frac{\sqrt{E[\Delta^2]_t + \varepsilon}}
    {\sqrt{E[g^2]_{t+1} + \varepsilon}}\, g_t`,
    :math:`E[\Delta^2]_{t+1} = \rho E[\Delta^2]_t + (1-\rho)\Delta_t^2`,
    :math:`x_{t+1} = x_t - \alpha\,\Delta_t`.

    The ratio of the two running RMS values gives the step its units, so the
    paper has no learning rate (:math:`\alpha = 1`). Same trajectory as
    ``optax.adadelta(lr, rho=rho, eps=eps)``, which also keeps
    :math:`E[\Delta^2]` of the update before the learning rate.
    Reference: Zeiler (2012), "ADADELTA: an adaptive learning rate method".
    """

    def init(params: jax.Array) -> AdaDeltaState:
        zeros = jnp.zeros_like(params)
        return AdaDeltaState(zeros, zeros)

    def update(grad, state, params=None, **extra):
        del params, extra
        e_g = (1 - rho) * grad**2 + rho * state.e_g
        delta = jnp.sqrt(state.e_x + eps) / jnp.sqrt(e_g + eps) * grad
        e_x = (1 - rho) * delta**2 + rho * state.e_x
        return -lr * delta, AdaDeltaState(e_g, e_x)

    return GradientTransformation(init, update)


ADADELTA = Optimizer(
    key="adadelta",
    title="AdaDelta",
    factory=adadelta,
    hyperparams=(lr(1.0), RHO, eps(1e-6)),
    rule=r"E[g^2]_{t+1} = @rho\,E[g^2]_t + (1-@rho)\,g_t^2,\quad "
    r"x_{t+1} = x_t - @lr\,\frac{\sqrt{E[\Delta^2]_t + @eps}}"
    r"{\sqrt{E[g^2]_{t+1} + @eps}}\,g_t",
    note="RMSProp whose step carries its own units, so no learning rate is "
    "needed; it starts very slowly because the update average starts at zero.",
)
