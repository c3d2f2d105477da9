"""BFGS: a quasi-Newton method that learns the inverse Hessian from gradients."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import GradientTransformation, Optimizer, lr
from optimizers.line_step import C1, LINE_SEARCH, c2, fresh, searched_step

QUASI_NEWTON_NOTE = (
    "Newton's speed without the Hessian: the curvature is learnt from "
    "successive gradients, and a line search makes every step safe. The "
    "method of choice for smooth problems of modest size; not for deep nets, "
    "whose minibatch gradients are too noisy for line searches and curvature "
    "pairs."
)


class BFGSState(NamedTuple):
    inverse_hessian: jax.Array  # (dim, dim) current approximation H_k
    trials: jax.Array  # (MAX_TRIALS, dim) points the last line search tried
    evals: jax.Array  # (3,) running f, grad, hess evaluations
    value_before: jax.Array  # () f at the previous point, for the first trial
    failures: jax.Array  # () int32 line searches failed in a row


def bfgs(
    lr: jax.Array, c1: jax.Array, c2: jax.Array, line_search: str = "wolfe"
) -> GradientTransformation:
    r"""BFGS: :math:`d_k = -H_k g_k`, :math:`x_{k+1} = x_k + \alpha_k d_k` with
    :math:`\alpha_k` from a line search, then with :math:`s = x_{k+1} - x_k`,
    :math:`y = g_{k+1} - g_k`, :math:`\rho = 1 / y^\top s`:

    .. math:: H_{k+1} = (I - \rho s y^\top) H_k (I - \rho y s^\top) + \rho s s^\top.

    :math:`H_0 = I`, as in ``scipy.optimize.minimize(method="BFGS")``; the
    update is skipped when :math:`y^\top s \le 0` (possible without the Wolfe
    curvature condition), and :math:`H` is reset to :math:`I` when the search
    finds no step. ``lr`` caps the first trial step (see ``initial_step``).
    Reference: Nocedal & Wright, *Numerical Optimization*, Algorithm 6.1.
    """

    def init(params):
        dim = params.shape[0]
        return BFGSState(jnp.eye(dim), *fresh(params))

    def update(grad, state, params, *, value_fn, value, **extra):
        del extra
        direction = -state.inverse_hessian @ grad
        move = searched_step(
            line_search, state, value_fn, params, value, grad, direction, lr, c1, c2
        )
        inverse = bfgs_update(state.inverse_hessian, move.step, move.found.grad - grad)
        inverse = jnp.where(move.failures == 0, inverse, jnp.eye(grad.shape[0]))
        return move.step, BFGSState(
            inverse, move.trials, move.evals, value, move.failures
        )

    return GradientTransformation(init, update)


def bfgs_update(inverse: jax.Array, s: jax.Array, y: jax.Array) -> jax.Array:
    """The BFGS inverse-Hessian update, or ``inverse`` unchanged if yᵀs ≤ 0."""
    curvature = y @ s
    ok = curvature > 0
    rho = 1.0 / jnp.where(ok, curvature, 1.0)
    left = jnp.eye(s.shape[0]) - rho * jnp.outer(s, y)
    updated = left @ inverse @ left.T + rho * jnp.outer(s, s)
    return jnp.where(ok, updated, inverse)


BFGS = Optimizer(
    key="bfgs",
    title="BFGS",
    factory=bfgs,
    hyperparams=(lr(1.0), C1, c2(0.9)),
    choices=(LINE_SEARCH,),
    rule=r"\begin{gathered}d_k = -H_k \nabla f(x_k),\quad x_{k+1} = x_k + "
    r"\alpha_k d_k\ (\alpha_k:\ c_1 = @c1,\ c_2 = @c2),\\ H_{k+1} = "
    r"(I - \rho s y^\top) H_k (I - \rho y s^\top) + \rho s s^\top,\quad "
    r"\rho = 1/y^\top s\end{gathered}",
    note=QUASI_NEWTON_NOTE,
    evals_per_step=None,
    family="second_order",
)
