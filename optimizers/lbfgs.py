"""L-BFGS: BFGS that keeps only the last m curvature pairs."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import GradientTransformation, HyperParam, Optimizer, lr
from optimizers.line_step import C1, LINE_SEARCH, c2, fresh, searched_step

MAX_MEMORY = 20  # buffer size; the traced ``memory`` uses the newest of these
MEMORY = HyperParam("memory", "m", 10.0, 1.0, float(MAX_MEMORY), integer=True)


class History(NamedTuple):
    s: jax.Array  # (MAX_MEMORY, dim) steps, newest first
    y: jax.Array  # (MAX_MEMORY, dim) gradient changes, newest first
    stored: jax.Array  # () int32 pairs stored so far


class LBFGSState(NamedTuple):
    history: History  # nested, so the runner does not record the buffers
    trials: jax.Array  # (MAX_TRIALS, dim) points the last line search tried
    evals: jax.Array  # (3,) running f, grad, hess evaluations
    value_before: jax.Array  # () f at the previous point, for the first trial
    failures: jax.Array  # () int32 line searches failed in a row


def lbfgs(
    lr: jax.Array,
    c1: jax.Array,
    c2: jax.Array,
    memory: jax.Array,
    line_search: str = "wolfe",
) -> GradientTransformation:
    r"""L-BFGS: :math:`d_k = -H_k g_k` by the two-loop recursion over the last
    :math:`m` pairs :math:`(s_i, y_i)`, with :math:`H^0_k = \gamma_k I`,
    :math:`\gamma_k = s_{k-1}^\top y_{k-1} / y_{k-1}^\top y_{k-1}`; then a line
    search, as BFGS. Pairs with :math:`y^\top s \le 0` are not stored, and the
    memory is cleared when the search finds no step.

    ``memory`` is traced: a fixed buffer of ``MAX_MEMORY`` pairs is masked, so
    moving its slider does not recompile. Reference: Nocedal & Wright,
    *Numerical Optimization*, Algorithms 7.4 and 7.5; Liu & Nocedal (1989).
    """

    def init(params):
        zeros = jnp.zeros((MAX_MEMORY, params.shape[0]))
        history = History(zeros, zeros, jnp.int32(0))
        return LBFGSState(history, *fresh(params))

    def update(grad, state, params, *, value_fn, value, **extra):
        del extra
        direction = -two_loop(state.history, grad, memory)
        move = searched_step(
            line_search, state, value_fn, params, value, grad, direction, lr, c1, c2
        )
        history = remember(state.history, move.step, move.found.grad - grad)
        history = jax.tree.map(
            lambda new, empty: jnp.where(move.failures == 0, new, empty),
            history,
            jax.tree.map(jnp.zeros_like, history),
        )
        return move.step, LBFGSState(
            history, move.trials, move.evals, value, move.failures
        )

    return GradientTransformation(init, update)


def remember(history: History, s: jax.Array, y: jax.Array) -> History:
    """``history`` with (s, y) in front, if it has positive curvature."""
    ok = y @ s > 0
    newer_s = jnp.roll(history.s, 1, axis=0).at[0].set(s)
    newer_y = jnp.roll(history.y, 1, axis=0).at[0].set(y)
    return History(
        jnp.where(ok, newer_s, history.s),
        jnp.where(ok, newer_y, history.y),
        history.stored + ok.astype(jnp.int32),
    )


def two_loop(history: History, grad: jax.Array, memory: jax.Array) -> jax.Array:
    """:math:`H_k g` from the newest ``min(stored, memory)`` pairs."""
    index = jnp.arange(MAX_MEMORY)
    used = (index < history.stored) & (index < memory)
    sy = jnp.sum(history.s * history.y, axis=1)
    rho = jnp.where(used, 1.0 / jnp.where(used, sy, 1.0), 0.0)

    def newest_first(q, pair):
        s, y, r = pair
        a = r * (s @ q)
        return q - a * y, a

    q, alphas = jax.lax.scan(newest_first, grad, (history.s, history.y, rho))
    yy = history.y[0] @ history.y[0]
    gamma = jnp.where(used[0], sy[0] / jnp.where(used[0], yy, 1.0), 1.0)

    def oldest_first(r, pair):
        s, y, rh, a = pair
        return r + s * (a - rh * (y @ r)), None

    r, _ = jax.lax.scan(
        oldest_first, gamma * q, (history.s, history.y, rho, alphas), reverse=True
    )
    return r


LBFGS = Optimizer(
    key="lbfgs",
    title="L-BFGS",
    factory=lbfgs,
    hyperparams=(lr(1.0), C1, c2(0.9), MEMORY),
    choices=(LINE_SEARCH,),
    rule=r"\begin{gathered}d_k = -H_k \nabla f(x_k)\ \text{(two-loop recursion "
    r"over the last } @memory \text{ pairs } (s_i, y_i)),\\ H^0_k = "
    r"\frac{s^\top y}{y^\top y} I,\quad x_{k+1} = x_k + \alpha_k d_k\ "
    r"(c_1 = @c1,\ c_2 = @c2)\end{gathered}",
    note="BFGS in O(mn) memory instead of O(n²): the standard for smooth, "
    "deterministic problems with many variables. Deep nets still use SGD and "
    "Adam, because minibatch noise spoils its curvature pairs.",
    evals_per_step=None,
    family="second_order",
)
