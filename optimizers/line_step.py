"""What BFGS, L-BFGS and nonlinear CG share: the line search around a direction."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import Choice, HyperParam
from optimizers.linesearch import (
    MAX_TRIALS,
    LineSearchResult,
    armijo,
    exact_quadratic,
    strong_wolfe,
)

LINE_SEARCH = Choice("line_search", ("wolfe", "armijo", "exact"))
C1 = HyperParam("c1", "c_1", 1e-4, 1e-6, 0.5, log=True)


def c2(default: float) -> HyperParam:
    """The curvature constant of the Wolfe conditions (c1 < c2 < 1)."""
    return HyperParam("c2", "c_2", default, 1e-3, 0.999)


def initial_step(lr, value, value_before, slope) -> jax.Array:
    r"""The first trial step, as scipy's BFGS and CG pick it:
    :math:`\alpha_0 = \min(\alpha, 2.02 (f_k - f_{k-1}) / \nabla f_k^\top d_k)`.

    It assumes the decrease of the last step repeats (Nocedal & Wright, eq.
    3.60); the very first step takes :math:`f_{-1} = f_0 + \|g_0\|/2`
    (scipy's convention), a step of length about 1. Where the guess is not a
    positive number, :math:`\alpha`.
    """
    guess = 1.01 * 2 * (value - value_before) / slope
    usable = jnp.isfinite(guess) & (guess > 0)
    return jnp.where(usable, jnp.minimum(lr, guess), lr)


def search(
    kind: str,
    value_fn: Callable,
    x: jax.Array,
    value: jax.Array,
    grad: jax.Array,
    direction: jax.Array,
    alpha0: jax.Array,
    c1: jax.Array,
    c2: jax.Array,
) -> LineSearchResult:
    """The line search named by ``kind`` (a ``LINE_SEARCH`` option)."""
    value_and_grad = jax.value_and_grad(value_fn)
    args = (value_and_grad, x, value, grad, direction, alpha0)
    if kind == "wolfe":
        return strong_wolfe(*args, c1=c1, c2=c2)
    if kind == "armijo":
        return armijo(*args, c1=c1)
    if kind == "exact":
        return exact_quadratic(*args)
    raise ValueError(f"unknown line search {kind!r}; valid: {LINE_SEARCH.options}")


def search_unless_stuck(failures: jax.Array, *args) -> tuple[LineSearchResult, ...]:
    """``search(*args)``, skipped after two failed searches in a row.

    A search fails when it finds no step that lowers f (at a minimum, to
    round-off, that is every search). A failure resets the method to steepest
    descent (BFGS: H = I; L-BFGS: no memory; CG: a restart); when that fails
    too, further searches would only add evaluations. Returns the result and
    the new failure count.
    """
    value, grad = args[3], args[4]

    def skip(_):
        none = jnp.zeros((), jnp.int32)
        nan = jnp.full(MAX_TRIALS, jnp.nan, grad.dtype)
        return LineSearchResult(
            jnp.zeros((), grad.dtype), value, grad, nan, *[none] * 3
        )

    found = jax.lax.cond(failures >= 2, skip, lambda _: search(*args), None)
    progress = (found.alpha > 0) & (found.value < value)
    return found, jnp.where(progress, 0, failures + 1).astype(jnp.int32)


def trial_points(x: jax.Array, direction: jax.Array, found: LineSearchResult):
    """The points the search evaluated, ``(MAX_TRIALS, dim)``, NaN-padded."""
    return x[None, :] + found.trials[:, None] * direction[None, :]


def no_trials(x: jax.Array) -> jax.Array:
    return jnp.full((MAX_TRIALS, x.shape[0]), jnp.nan, x.dtype)


def counted(evals: jax.Array, found: LineSearchResult) -> jax.Array:
    """The running (f, grad, hess) count plus this search's evaluations."""
    used = jnp.stack([found.f_evals, found.grad_evals, found.hess_evals])
    return evals + used.astype(evals.dtype)


def fresh(params: jax.Array) -> tuple[jax.Array, ...]:
    """A line-search method's bookkeeping before its first step:
    ``(trials, evals, value_before, failures)``, the last four state fields."""
    return no_trials(params), jnp.zeros(3), jnp.asarray(jnp.nan), jnp.int32(0)


class Searched(NamedTuple):
    """One searched step and the state fields every line-search method keeps."""

    found: LineSearchResult
    step: jax.Array  # (dim,) alpha * direction
    trials: jax.Array  # (MAX_TRIALS, dim)
    evals: jax.Array  # (3,) running f, grad, hess
    failures: jax.Array  # () int32 failed searches in a row


def searched_step(
    kind: str, state, value_fn, params, value, grad, direction, lr, c1, c2
) -> Searched:
    """The first trial step, the search (unless stuck) and its bookkeeping.

    ``state`` has the fields ``evals``, ``value_before`` and ``failures``.
    """
    before = first_value_before(state.value_before, value, grad)
    alpha0 = initial_step(lr, value, before, grad @ direction)
    found, failures = search_unless_stuck(
        state.failures, kind, value_fn, params, value, grad, direction, alpha0, c1, c2
    )
    return Searched(
        found,
        found.alpha * direction,
        trial_points(params, direction, found),
        counted(state.evals, found),
        failures,
    )


def first_value_before(value_before, value, grad):
    """scipy's stand-in for the value before the first step: f + ‖g‖/2."""
    return jnp.where(
        jnp.isnan(value_before), value + jnp.linalg.norm(grad) / 2, value_before
    )
