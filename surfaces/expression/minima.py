"""Minima of a typed function, found numerically in its view box.

BFGS from a grid of starts, on the host with numpy: every start at once, a
vectorised backtracking line search, central-difference gradients. No JAX
here on purpose: a new function is new code, and a jitted search compiled for
0.6-1.2 s on the 2-core reference machine (its value-and-grad alone took
0.15-0.4 s), against ~10-60 ms for this search. The surface's f itself stays
pure JAX; tests check the minima against its autodiff gradient.

What counts as a minimum: a search that stopped (gradient ~0, or no step
descends even along steepest descent) inside the view box, at a point that
every probe, in eight directions (two in 1-D), at 1e-4 or else at 1e-2
view-box widths, finds strictly higher: isolated minima only, so a constant,
a slope, a saddle or a valley floor of minima (y sin²x) has none. Points
closer than ``MERGE`` view-box widths, or than the probe radius a point
needed, are one minimum (the lowest). ``global`` is the
lowest found when nothing lower was seen anywhere the search went (the grid,
or runs that left the box); otherwise every minimum is ``local``, as for a
function unbounded below. At most ``MAX_MINIMA``, the lowest.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from surfaces.base import Minimum

Values = Callable[[np.ndarray], np.ndarray]  # (n, dim) -> (n,)

STARTS = {1: 64, 2: 16}  # starts per axis: 64 in 1-D, 16 x 16 in 2-D
ITERATIONS = 100
STEPS = 2.0 ** -np.arange(20)  # line-search trial step sizes, all at once
ARMIJO = 1e-4
FD_STEP = 6e-6  # ~ eps^(1/3): central differences' best accuracy
GRAD_TOL = 1e-9  # stop: |g| <= GRAD_TOL * (1 + |f|)
PROBES = (1e-4, 1e-2)  # probe radii, in view-box widths
MERGE = 1e-3  # in view-box widths (the "converged" tolerance of a run)
MAX_MINIMA = 32
ESCAPE = 2.0  # a run this many widths from the box has left it for good


def grid_starts(domain: tuple[tuple[float, float], ...]) -> np.ndarray:
    """Cell centres of a regular grid over the box, (n, dim)."""
    n = STARTS[len(domain)]
    axes = [lo + (np.arange(n) + 0.5) * (hi - lo) / n for lo, hi in domain]
    return np.stack([a.ravel() for a in np.meshgrid(*axes)], axis=1)


def find_minima(values: Values, domain: tuple[tuple[float, float], ...]) -> tuple:
    """``(minima, starts, start_values)``: the minima found, and the grid."""
    with np.errstate(all="ignore"):
        starts = grid_starts(domain)
        start_values = values(starts)
        ends, end_values, stopped = _bfgs(values, starts, start_values, domain)
        minima = _minima(values, ends, end_values, stopped, domain)
        seen = np.concatenate([start_values, end_values])
        return _kinds(minima, seen), starts, start_values


def _gradients(values: Values, x: np.ndarray) -> np.ndarray:
    """Central differences, every point and axis in one call."""
    n, dim = x.shape
    h = FD_STEP * np.maximum(1.0, np.abs(x))  # (n, dim)
    shifts = np.eye(dim)[None, :, :] * h[:, :, None]  # (n, dim, dim)
    probes = np.concatenate([x[:, None] + shifts, x[:, None] - shifts], axis=1)
    f = values(probes.reshape(-1, dim)).reshape(n, 2 * dim)
    return (f[:, :dim] - f[:, dim:]) / (2 * h)


def _bfgs(values, starts, start_values, domain):
    x, f = starts.copy(), start_values.copy()
    g = _gradients(values, x)
    n, dim = x.shape
    inverse = np.repeat(np.eye(dim)[None], n, axis=0)
    active = np.isfinite(f) & np.all(np.isfinite(g), axis=1)
    stopped = np.zeros(n, bool)
    width = max(hi - lo for lo, hi in domain)
    centre = np.array([(lo + hi) / 2 for lo, hi in domain])
    for _ in range(ITERATIONS):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        moved, fn, gn, small, found, uphill = _step(
            values, x[idx], f[idx], g[idx], inverse[idx], width
        )
        # No step size descended along the quasi-Newton direction (a kink, a
        # stale curvature estimate): retry along steepest descent before
        # calling the run stuck. Likewise when the direction was not downhill.
        fresh = np.all(inverse[idx] == np.eye(dim), axis=(1, 2)) | uphill
        inverse[idx[uphill | ~found]] = np.eye(dim)
        inverse[idx] = _updated(inverse[idx], moved - x[idx], gn - g[idx])
        x[idx], f[idx], g[idx] = moved, fn, gn
        done = small | (~found & fresh)
        gone = ~np.isfinite(fn) | np.any(
            np.abs(moved - centre) > ESCAPE * width, axis=1
        )
        stopped[idx] = done & ~gone
        active[idx] = ~(done | gone)
    return x, f, stopped


def _step(values, x, f, g, inverse, width):
    """One BFGS step per row: the new point, value and gradient, whether the
    gradient is ~0, whether a step size descended, and whether the direction
    fell back to steepest descent."""
    d = -np.einsum("nij,nj->ni", inverse, g)
    slope = np.sum(g * d, axis=1)
    uphill = ~(slope < 0)  # also nan: fall back to steepest descent
    d[uphill], slope[uphill] = -g[uphill], -np.sum(g[uphill] ** 2, axis=1)
    # Never jump more than a view-box width: keeps runs near the box.
    norm = np.linalg.norm(d, axis=1)
    d *= np.minimum(1.0, width / np.where(norm > 0, norm, 1.0))[:, None]
    slope = np.sum(g * d, axis=1)
    trials = x[:, None, :] + STEPS[None, :, None] * d[:, None, :]
    ft = values(trials.reshape(-1, x.shape[1])).reshape(len(x), len(STEPS))
    ok = ft <= f[:, None] + ARMIJO * STEPS[None, :] * slope[:, None]
    found = ok.any(axis=1)
    first = np.argmax(ok, axis=1)
    rows = np.arange(len(x))
    moved = np.where(found[:, None], trials[rows, first], x)
    fn = np.where(found, ft[rows, first], f)
    gn = _gradients(values, moved)
    small = np.linalg.norm(gn, axis=1) <= GRAD_TOL * (1 + np.abs(fn))
    return moved, fn, gn, small, found, uphill


def _updated(inverse, s, y):
    """The BFGS inverse-Hessian update, where the curvature condition holds;
    the first step also rescales the identity (Nocedal & Wright, eq. 6.20)."""
    sy = np.sum(s * y, axis=1)
    good = sy > 1e-12 * np.linalg.norm(s, axis=1) * np.linalg.norm(y, axis=1)
    good &= np.isfinite(sy)
    if not good.any():
        return inverse
    dim = s.shape[1]
    eye = np.eye(dim)[None]
    h, s, y, sy = inverse[good], s[good], y[good], sy[good]
    first = np.all(h == eye, axis=(1, 2))
    yy = np.sum(y * y, axis=1)
    h = np.where(first[:, None, None], (sy / yy)[:, None, None] * eye, h)
    rho = (1.0 / sy)[:, None, None]
    v = eye - rho * s[:, :, None] * y[:, None, :]
    h = v @ h @ np.swapaxes(v, 1, 2) + rho * s[:, :, None] * s[:, None, :]
    out = inverse.copy()
    out[good] = h
    return out


def _minima(values, ends, end_values, stopped, domain):
    """Stopped runs inside the box that pass the probe test, merged."""
    lo, hi = np.array(domain).T
    inside = stopped & np.all((ends >= lo) & (ends <= hi), axis=1)
    inside &= np.isfinite(end_values)
    points, f = ends[inside], end_values[inside]
    width = float(np.max(hi - lo))
    radius = _probe_radius(values, points, f, width)
    keep = np.isfinite(radius)
    points, f, radius = points[keep], f[keep], radius[keep]
    kept: list[int] = []
    for i in np.argsort(f, kind="stable"):
        # A point passed only at the wide probe is imprecise (x^4, a cone's
        # tip): it is the lower minimum found within that radius, if any.
        reach = max(MERGE, radius[i]) * width
        if all(np.linalg.norm(points[i] - points[j]) > reach for j in kept):
            kept.append(i)
        if len(kept) == MAX_MINIMA:
            break
    return [(tuple(map(float, points[i])), float(f[i])) for i in kept]


def _probe_radius(values, points, f, width) -> np.ndarray:
    """Per point, the smallest of ``PROBES`` at which every probe is strictly
    higher (an isolated minimum), or inf: a saddle, a slope, or a flat floor
    (a constant, a valley of minima such as y sin²x) has no isolated minimum."""
    radius = np.full(len(points), np.inf)
    if len(points) == 0:
        return radius
    dim = points.shape[1]
    directions = _directions(dim)
    tol = 1e-12 * (1 + np.abs(f))[:, None]
    for r in reversed(PROBES):
        near = points[:, None, :] + r * width * directions[None]
        fp = values(near.reshape(-1, dim)).reshape(len(points), len(directions))
        radius = np.where(np.all(fp > f[:, None] + tol, axis=1), r, radius)
    return radius


def _directions(dim: int) -> np.ndarray:
    if dim == 1:
        return np.array([[1.0], [-1.0]])
    angles = np.arange(8) * np.pi / 4
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def _kinds(minima, seen) -> tuple[Minimum, ...]:
    if not minima:
        return ()
    lowest = minima[0][1]
    tol = 1e-9 * (1 + abs(lowest))
    finite = seen[np.isfinite(seen)]
    unbeaten = finite.size == 0 or float(np.min(finite)) >= lowest - tol
    return tuple(
        Minimum(
            point, value, "global" if unbeaten and value <= lowest + tol else "local"
        )
        for point, value in minima
    )
