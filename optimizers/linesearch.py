"""Line searches for BFGS, L-BFGS and nonlinear CG, in pure jittable JAX.

Every numeric argument may be traced, every loop is a ``lax.while_loop`` with at
most ``MAX_TRIALS`` evaluations, and no search raises or returns a NaN step.

On failure (``direction`` is not a descent direction, ``alpha0`` or ``value``
is not usable, or no acceptable step within ``MAX_TRIALS`` trials) the result
is ``alpha = 0`` with ``value`` and ``grad`` the inputs, so the caller stays
put; ``armijo`` and ``strong_wolfe`` instead return the lowest trial that met
the sufficient-decrease condition, if any did. A trial whose value or
directional derivative is not finite counts as failing sufficient decrease.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

import optimizers.base  # noqa: F401  # float64 before any array exists

MAX_TRIALS = 24  # length of ``LineSearchResult.trials``
ValueAndGrad = Callable[[jax.Array], tuple[jax.Array, jax.Array]]
_BRACKET, _ZOOM, _DONE = 0, 1, 2
_DELTA1, _DELTA2 = 0.2, 0.1  # scipy's _zoom: cubic / quadratic safeguards


class LineSearchResult(NamedTuple):
    """The accepted step, the point it reaches, and what it cost."""

    alpha: jax.Array  # () accepted step length; 0.0 if the search failed
    value: jax.Array  # () f(x + alpha d)
    grad: jax.Array  # (dim,) grad f(x + alpha d)
    trials: jax.Array  # (MAX_TRIALS,) step lengths evaluated, in order, NaN-padded
    f_evals: jax.Array  # () int32 function evaluations used
    grad_evals: jax.Array  # () int32 gradient evaluations used
    hess_evals: jax.Array  # () int32 Hessian-vector products used


def _start(x, value, grad, direction, alpha0):
    """dtype, phi(0), phi'(0), alpha0 cast, and whether a search makes sense."""
    dtype = jnp.result_type(float, x, grad, direction)
    phi0 = jnp.asarray(value, dtype)
    dphi0 = jnp.vdot(grad, direction).astype(dtype)
    alpha0 = jnp.asarray(alpha0, dtype)
    ok = (dphi0 < 0) & jnp.isfinite(phi0) & (alpha0 > 0) & jnp.isfinite(alpha0)
    return dtype, phi0, dphi0, alpha0, ok


def _probe(value_and_grad, x, direction, alpha, dtype):
    """phi(alpha), grad f there, phi'(alpha), and whether both are finite."""
    f, g = value_and_grad(x + alpha * direction)
    f, g = jnp.asarray(f, dtype), jnp.asarray(g, dtype)
    dphi = jnp.vdot(g, direction).astype(dtype)
    return f, g, dphi, jnp.isfinite(f) & jnp.isfinite(dphi)


def _result(found, alpha, f, g, value, grad, trials, n_f, n_g, n_h=0):
    """Pack a result, falling back to the start point where nothing was found."""
    return LineSearchResult(
        alpha=jnp.where(found, alpha, jnp.zeros_like(alpha)),
        value=jnp.where(found, f, jnp.asarray(value, f.dtype)),
        grad=jnp.where(found, g, jnp.asarray(grad, g.dtype)),
        trials=trials,
        f_evals=jnp.asarray(n_f, jnp.int32),
        grad_evals=jnp.asarray(n_g, jnp.int32),
        hess_evals=jnp.asarray(n_h, jnp.int32),
    )


def armijo(
    value_and_grad: ValueAndGrad,
    x: jax.Array,
    value: jax.Array,
    grad: jax.Array,
    direction: jax.Array,
    alpha0: jax.Array,
    c1: jax.Array = 1e-4,
    shrink: jax.Array = 0.5,
) -> LineSearchResult:
    r"""Backtracking: the first :math:`\alpha_k = \alpha_0 \rho^k` with
    :math:`f(x + \alpha_k d) \le f(x) + c_1 \alpha_k \nabla f(x)^\top d`.

    Counts are algorithmic: one f evaluation per trial (``f_evals = k + 1``)
    and one gradient at the accepted point (``grad_evals = 1``, 0 on failure);
    ``value_and_grad`` is called per trial only because that is simpler to
    trace. The first sufficient-decrease point is accepted, so a failure
    (module docstring) always returns ``alpha = 0``. Reference: Armijo (1966),
    "Minimization of functions having Lipschitz continuous first partial
    derivatives"; Nocedal & Wright, Numerical Optimization 2nd ed., Alg. 3.1.

    Args:
        value_and_grad: ``y -> (f(y), grad f(y))``.
        x: current point, shape (dim,).
        value: f(x). grad: grad f(x) (both known; not counted).
        direction: search direction d, shape (dim,).
        alpha0: first trial step. c1: sufficient-decrease constant.
        shrink: factor :math:`\rho \in (0, 1)` applied after each rejection.

    Returns:
        The ``LineSearchResult``.
    """
    dtype, phi0, dphi0, alpha0, ok = _start(x, value, grad, direction, alpha0)
    c1, shrink = jnp.asarray(c1, dtype), jnp.asarray(shrink, dtype)

    def body(s):
        n, alpha, trials, _, _, _ = s
        f, g, _, finite = _probe(value_and_grad, x, direction, alpha, dtype)
        good = finite & (f <= phi0 + c1 * alpha * dphi0)
        alpha_next = jnp.where(good, alpha, alpha * shrink)
        return n + 1, alpha_next, trials.at[n].set(alpha), good, f, g

    trials = jnp.full(MAX_TRIALS, jnp.nan, dtype)
    init = (jnp.int32(0), alpha0, trials, ~ok, phi0, jnp.asarray(grad, dtype))
    n, alpha, trials, done, f, g = jax.lax.while_loop(
        lambda s: ~s[3] & (s[0] < MAX_TRIALS), body, init
    )
    found = ok & done
    return _result(found, alpha, f, g, value, grad, trials, n, found.astype(int))


def _cubicmin(a, fa, fpa, b, fb, c, fc):
    """Minimiser of the cubic through (a, fa), (b, fb), (c, fc) with slope fpa
    at a; NaN where there is none (scipy returns None there)."""
    db, dc = b - a, c - a
    denom = (db * dc) ** 2 * (db - dc)
    r1, r2 = fb - fa - fpa * db, fc - fa - fpa * dc
    big_a = (dc**2 * r1 - db**2 * r2) / denom
    big_b = (-(dc**3) * r1 + db**3 * r2) / denom
    radical = big_b * big_b - 3 * big_a * fpa
    return a + (-big_b + jnp.sqrt(radical)) / (3 * big_a)


def _quadmin(a, fa, fpa, b, fb):
    """Minimiser of the quadratic through (a, fa), (b, fb) with slope fpa at a."""
    db = b - a
    return a - fpa / (2.0 * (fb - fa - fpa * db) / (db * db))


class _Wolfe(NamedTuple):
    """The ``lax.while_loop`` carry of ``strong_wolfe``."""

    phase: jax.Array  # _BRACKET, _ZOOM or _DONE
    n: jax.Array  # trials so far
    trials: jax.Array
    a_next: jax.Array  # next bracketing trial
    lo: tuple  # (alpha, phi, dphi): previous point in bracketing, zoom's low end
    hi: tuple  # (alpha, phi): zoom's high end
    rec: tuple  # (alpha, phi): point dropped last, for the cubic
    zoom_i: jax.Array
    best: tuple  # (alpha, phi, grad): accepted, else lowest sufficient decrease


def _zoom_trial(s: _Wolfe):
    """scipy's _zoom choice: cubic, else quadratic, else bisection."""
    (a_lo, phi_lo, dphi_lo), (a_hi, phi_hi), (a_rec, phi_rec) = s.lo, s.hi, s.rec
    dalpha = a_hi - a_lo
    a, b = jnp.minimum(a_lo, a_hi), jnp.maximum(a_lo, a_hi)

    def inside(t, delta):
        # NaN (no minimiser) fails every comparison, so it is rejected too.
        return (t <= b - delta * dalpha) & (t >= a + delta * dalpha)

    cubic = _cubicmin(a_lo, phi_lo, dphi_lo, a_hi, phi_hi, a_rec, phi_rec)
    quad = _quadmin(a_lo, phi_lo, dphi_lo, a_hi, phi_hi)
    bisect = jnp.where(inside(quad, _DELTA2), quad, a_lo + 0.5 * dalpha)
    return jnp.where((s.zoom_i > 0) & inside(cubic, _DELTA1), cubic, bisect)


def _sel(cond, a, b):
    """``jnp.where`` over matching tuples."""
    return jax.tree.map(lambda u, v: jnp.where(cond, u, v), a, b)


def _bracket_step(s: _Wolfe, new, suff, curv):
    """N&W Alg. 3.5 after the trial ``new = (alpha, phi, dphi)``."""
    rises = ~suff | ((new[1] >= s.lo[1]) & (s.n > 0))
    accept = ~rises & curv
    # phi rose: the minimum lies behind, zoom(old, new); phi' >= 0: zoom(new, old).
    up = ~rises & ~accept & (new[2] >= 0)
    phase = jnp.where(accept, _DONE, jnp.where(rises | up, _ZOOM, _BRACKET))
    lo = _sel(rises, s.lo, new)
    hi = _sel(up, s.lo[:2], new[:2])
    # rec stays (0, phi(0)) until zoom has dropped a point of its own.
    return phase, lo, hi, s.rec, accept


def _zoom_step(s: _Wolfe, new, suff, curv):
    """N&W Alg. 3.6 after the trial ``new``: keep phi(lo) the lowest seen and
    phi'(lo) pointing into [lo, hi]."""
    to_hi = ~suff | (new[1] >= s.lo[1])
    accept = ~to_hi & curv
    flip = ~to_hi & (new[2] * (s.hi[0] - s.lo[0]) >= 0)
    lo = _sel(to_hi, s.lo, new)
    hi = _sel(to_hi, new[:2], _sel(flip, s.lo[:2], s.hi))
    rec = _sel(to_hi | flip, s.hi, s.lo[:2])
    # Rounding can shrink the interval to a point; more trials would repeat it.
    collapsed = jnp.abs(hi[0] - lo[0]) <= jnp.finfo(lo[0].dtype).eps * lo[0]
    return jnp.where(accept | collapsed, _DONE, _ZOOM), lo, hi, rec, accept


def _wolfe_body(s: _Wolfe, value_and_grad, x, direction, phi0, dphi0, c1, c2):
    """One trial: the next bracketing step or zoom interpolant, then update."""
    bracketing = s.phase == _BRACKET
    alpha = jnp.where(bracketing, s.a_next, _zoom_trial(s))
    f, g, dphi, finite = _probe(value_and_grad, x, direction, alpha, phi0.dtype)
    suff = finite & (f <= phi0 + c1 * alpha * dphi0)
    curv = jnp.abs(dphi) <= -c2 * dphi0
    new = (alpha, f, dphi)
    phase, lo, hi, rec, accept = _sel(
        bracketing,
        _bracket_step(s, new, suff, curv),
        _zoom_step(s, new, suff, curv),
    )
    # The accepted point wins; otherwise keep the lowest sufficient decrease.
    keep = accept | (suff & (f < s.best[1]))
    return _Wolfe(
        phase=phase,
        n=s.n + 1,
        trials=s.trials.at[s.n].set(alpha),
        a_next=2 * alpha,  # scipy's growth; amax is left to the caller's alpha0
        lo=lo,
        hi=hi,
        rec=rec,
        zoom_i=jnp.where(bracketing, 0, s.zoom_i + 1),
        best=_sel(keep, (alpha, f, g), s.best),
    )


def strong_wolfe(
    value_and_grad: ValueAndGrad,
    x: jax.Array,
    value: jax.Array,
    grad: jax.Array,
    direction: jax.Array,
    alpha0: jax.Array,
    c1: jax.Array = 1e-4,
    c2: jax.Array = 0.9,
) -> LineSearchResult:
    r"""A step satisfying the strong Wolfe conditions, with
    :math:`\phi(\alpha) = f(x + \alpha d)`,

    .. math::
        \phi(\alpha) \le \phi(0) + c_1 \alpha \phi'(0), \qquad
        |\phi'(\alpha)| \le c_2 |\phi'(0)|.

    Nocedal & Wright, Numerical Optimization 2nd ed., ch. 3: Algorithm 3.5
    (bracketing from ``alpha0``, doubling) and Algorithm 3.6 (zoom), with the
    trial choice of scipy's ``scalar_search_wolfe2`` / ``_zoom`` (cubic
    interpolation, else quadratic, else bisection; safeguards 0.2 and 0.1), so
    it follows scipy's trials when started from the same ``alpha0``. Unlike
    scipy, zoom is bounded only by the shared ``MAX_TRIALS`` budget.

    Counts: one ``value_and_grad`` per trial, so ``f_evals = grad_evals`` =
    number of trials, ``hess_evals = 0``. Failure: see the module docstring.

    Args:
        value_and_grad: ``y -> (f(y), grad f(y))``.
        x: current point, shape (dim,).
        value: f(x). grad: grad f(x) (both known; not counted).
        direction: search direction d, shape (dim,).
        alpha0: first trial step (1 for quasi-Newton directions).
        c1: sufficient-decrease constant. c2: curvature constant, c1 < c2 < 1.

    Returns:
        The ``LineSearchResult``.
    """
    dtype, phi0, dphi0, alpha0, ok = _start(x, value, grad, direction, alpha0)
    c1, c2 = jnp.asarray(c1, dtype), jnp.asarray(c2, dtype)
    zero = jnp.zeros((), dtype)
    init = _Wolfe(
        phase=jnp.where(ok, _BRACKET, _DONE),
        n=jnp.int32(0),
        trials=jnp.full(MAX_TRIALS, jnp.nan, dtype),
        a_next=alpha0,
        lo=(zero, phi0, dphi0),
        hi=(zero, phi0),
        rec=(zero, phi0),
        zoom_i=jnp.int32(0),
        best=(zero, jnp.asarray(jnp.inf, dtype), jnp.asarray(grad, dtype)),
    )
    s = jax.lax.while_loop(
        lambda s: (s.phase != _DONE) & (s.n < MAX_TRIALS),
        lambda s: _wolfe_body(s, value_and_grad, x, direction, phi0, dphi0, c1, c2),
        init,
    )
    alpha, f, g = s.best
    return _result(jnp.isfinite(f), alpha, f, g, value, grad, s.trials, s.n, s.n)


def exact_quadratic(
    value_and_grad: ValueAndGrad,
    x: jax.Array,
    value: jax.Array,
    grad: jax.Array,
    direction: jax.Array,
    alpha0: jax.Array,
) -> LineSearchResult:
    r"""The minimiser of the local quadratic model along d,
    :math:`\alpha = -\nabla f(x)^\top d \,/\, d^\top H d`, with
    :math:`Hd` a Hessian-vector product (``jax.jvp`` of the gradient).

    Exact on quadratics (Nocedal & Wright, Numerical Optimization 2nd ed.,
    ch. 3, the exact step of §3.3). Where :math:`d^\top H d \le 0` or is not
    finite, the model has no minimiser and ``alpha = alpha0`` is used. No
    decrease test is made, but a non-finite value or gradient at the new point
    counts as a failure (module docstring), as does an ascent direction, which
    is checked first.

    Counts: ``hess_evals = 1`` and one ``value_and_grad`` at the new point
    (``f_evals = grad_evals = 1``); all 0 for an ascent direction.
    ``trials = [alpha, nan, ...]``.

    Args:
        value_and_grad: ``y -> (f(y), grad f(y))``.
        x: current point, shape (dim,).
        value: f(x). grad: grad f(x) (both known; not counted).
        direction: search direction d, shape (dim,).
        alpha0: fallback step where the curvature is not positive.

    Returns:
        The ``LineSearchResult``.
    """
    dtype, phi0, dphi0, alpha0, ok = _start(x, value, grad, direction, alpha0)
    nan_trials = jnp.full(MAX_TRIALS, jnp.nan, dtype)

    def search(_):
        grad_fn = lambda y: value_and_grad(y)[1]  # noqa: E731
        _, hd = jax.jvp(grad_fn, (x,), (direction.astype(x.dtype),))
        curvature = jnp.vdot(direction, hd).astype(dtype)
        positive = (curvature > 0) & jnp.isfinite(curvature)
        step = -dphi0 / jnp.where(positive, curvature, 1.0)
        alpha = jnp.where(positive & jnp.isfinite(step), step, alpha0)
        f, g, _, finite = _probe(value_and_grad, x, direction, alpha, dtype)
        trials = nan_trials.at[0].set(alpha)
        return _result(finite, alpha, f, g, value, grad, trials, 1, 1, 1)

    def give_up(_):
        g = jnp.asarray(grad, dtype)
        return _result(
            False, jnp.zeros((), dtype), phi0, g, value, grad, nan_trials, 0, 0
        )

    return jax.lax.cond(ok, search, give_up, None)
