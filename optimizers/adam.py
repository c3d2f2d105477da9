"""Adam."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import (
    BETA1,
    BETA2,
    Choice,
    GradientTransformation,
    Optimizer,
    eps,
    lr,
    weight_decay,
)


class AdamState(NamedTuple):
    count: jax.Array  # () number of updates so far
    beta1_power: jax.Array  # () beta1**count, carried: cheaper than pow in a scan
    beta2_power: jax.Array  # () beta2**count
    mu: jax.Array  # (dim,) first moment, EMA of gradients
    nu: jax.Array  # (dim,) second moment, EMA of squared gradients


def adam(
    lr: jax.Array,
    beta1: jax.Array,
    beta2: jax.Array,
    eps: jax.Array,
    weight_decay: jax.Array = 0.0,
    bias_correction: str = "on",
) -> GradientTransformation:
    r"""Adam: :math:`m_{t+1} = \beta_1 m_t + (1-\beta_1) g_t`,
    :math:`v_{t+1} = \beta_2 v_t + (1-\beta_2) g_t^2`,
    :math:`\hat m = m_{t+1}/(1-\beta_1^{t+1})`,
    :math:`\hat v = v_{t+1}/(1-\beta_2^{t+1})`,
    :math:`x_{t+1} = x_t - \alpha\,\hat m / (\sqrt{\hat v} + \varepsilon)`.

    :math:`\varepsilon` sits outside the root, as in the paper, PyTorch and
    ``optax.adam(lr, b1=beta1, b2=beta2, eps=eps)`` (``eps_root=0``), whose
    trajectory this reproduces. Reference: Kingma & Ba (2015), Algorithm 1.

    ``weight_decay`` λ is an L2 term :math:`\tfrac{\lambda}{2}\|x\|^2` in the
    loss, so :math:`g_t` becomes :math:`g_t + \lambda x_t` before the moments
    (``optax.chain(optax.add_decayed_weights(λ), optax.adam(...))``); compare
    AdamW, which decays outside them. ``bias_correction="off"`` uses
    :math:`m_{t+1}, v_{t+1}` as they are: the early steps come out of
    scale (the first is :math:`(1-\beta_1)/\sqrt{1-\beta_2}` times too big
    with the defaults), which is what the correction is for.
    """
    corrected = bias_correction == "on"

    def update(grad, state, params=None, **extra):
        del extra
        if params is not None:
            grad = grad + weight_decay * params
        b1t, b2t, mu, nu = update_moments(grad, state, beta1, beta2)
        mu_hat = mu / (1 - b1t) if corrected else mu
        nu_hat = nu / (1 - b2t) if corrected else nu
        step = -lr * mu_hat / (jnp.sqrt(nu_hat) + eps)
        return step, AdamState(state.count + 1, b1t, b2t, mu, nu)

    return GradientTransformation(init_moments, update)


def init_moments(params: jax.Array) -> AdamState:
    """Zero moments; the carried powers of beta start at 1 (count 0)."""
    zeros = jnp.zeros_like(params)
    one = jnp.ones((), zeros.dtype)
    return AdamState(jnp.zeros((), jnp.int32), one, one, zeros, zeros)


def update_moments(grad, state, beta1, beta2) -> tuple[jax.Array, ...]:
    """Adam's moment updates, shared by NAdam and AMSGrad.

    Returns ``(beta1**t, beta2**t, mu, nu)`` after this step (t = count + 1).
    """
    b1t, b2t = state.beta1_power * beta1, state.beta2_power * beta2
    mu = (1 - beta1) * grad + beta1 * state.mu
    nu = (1 - beta2) * grad**2 + beta2 * state.nu
    return b1t, b2t, mu, nu


_MOMENTS = (
    r"g_t = \nabla f(x_t) + @weight_decay\,x_t,\quad "
    r"m_{t+1} = @beta1\,m_t + (1 - @beta1)\,g_t,\quad "
    r"v_{t+1} = @beta2\,v_t + (1 - @beta2)\,g_t^2,\\"
)

ADAM = Optimizer(
    key="adam",
    title="Adam",
    factory=adam,
    hyperparams=(lr(0.05), BETA1, BETA2, eps(1e-8), weight_decay(0.0)),
    choices=(Choice("bias_correction", ("on", "off")),),
    rule=r"\begin{gathered}" + _MOMENTS + r"x_{t+1} = x_t - @lr\,"
    r"\frac{m_{t+1}/(1 - @beta1^{\,t+1})}"
    r"{\sqrt{v_{t+1}/(1 - @beta2^{\,t+1})} + @eps}\end{gathered}",
    rule_variants={
        ("bias_correction", "off"): r"\begin{gathered}"
        + _MOMENTS
        + r"x_{t+1} = x_t - @lr\,\frac{m_{t+1}}{\sqrt{v_{t+1}} + @eps}"
        r"\end{gathered}"
    },
    note="Momentum plus RMSProp's per-coordinate scaling, with bias correction; "
    "the default for deep nets because it needs little tuning. Its weight decay "
    "is an L2 term in the loss, which the scaling distorts: compare AdamW.",
)
