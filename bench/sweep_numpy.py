"""A hyperparameter map in vectorised NumPy, doing ``optimizers.sweep``'s work.

Heavy-ball momentum (v ← μv + ∇f, x ← x − αv) on Rosenbrock over a grid of
learning rate × momentum, every cell at once, with everything the library's
map gives per cell:

- the divergence rule: a non-finite point, value or gradient, or a point
  ``FAR_OUT`` view-box widths from the centre, freezes the run where it was;
- the marks: the first step within tolerance of the minimum, the step the
  run froze at;
- the measured rate ρ, from the last log-distances before round-off
  (optimizers/many.py), over the same window and with the same formula.

bench/sweep.py times it against the library; tests/test_sweep_numpy.py
checks that the two give the same map.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from optimizers.many import FLOOR, USED, WINDOW
from optimizers.status import TOLERANCE
from optimizers.stepper import FAR_OUT
from surfaces import get_surface


class NumpyMap(NamedTuple):
    final_values: np.ndarray  # (len(lrs), len(mus))
    reached_at: np.ndarray
    diverged_at: np.ndarray
    rate: np.ndarray


def rosenbrock(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """f and its gradient."""
    r = y - x * x
    return (1 - x) ** 2 + 100 * r * r, -2 * (1 - x) - 400 * x * r, 200 * r


def momentum_map(
    lrs: Sequence[float], mus: Sequence[float], start: Sequence[float], steps: int
) -> NumpyMap:
    """The map of ``len(lrs) × len(mus)`` runs of ``steps`` updates."""
    surface = get_surface("rosenbrock")
    width, (cx, cy) = surface.width, surface.center
    (mx, my) = surface.minima[0].point
    limit, tol2 = FAR_OUT * width, (TOLERANCE * width) ** 2
    floor2 = (FLOOR * width) ** 2
    lr, mu = (a.ravel() for a in np.meshgrid(lrs, mus, indexing="ij"))
    n = lr.size
    x, y = np.full(n, float(start[0])), np.full(n, float(start[1]))
    value, gx, gy = rosenbrock(x, y)
    vx, vy = np.zeros(n), np.zeros(n)
    diverged = np.zeros(n, bool)
    d2 = (x - mx) ** 2 + (y - my) ** 2
    reached = np.where(d2 < tol2, 0, -1)
    frozen = np.full(n, -1)
    still = d2 >= floor2  # the window still open: round-off not reached
    last = np.zeros(n, int)
    # The window: a ring of squared distances, step t in row t % WINDOW,
    # written while the window is open; cells are columns.
    ring = np.zeros((WINDOW, n))
    ring[0] = d2
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            vx, vy = mu * vx + gx, mu * vy + gy
            nx, ny = x - lr * vx, y - lr * vy
            nv, ngx, ngy = rosenbrock(nx, ny)
            finite = np.isfinite(nx) & np.isfinite(ny) & np.isfinite(nv)
            finite &= np.isfinite(ngx) & np.isfinite(ngy)
            near = (np.abs(nx - cx) <= limit) & (np.abs(ny - cy) <= limit)
            newly = ~diverged & ~(finite & near)
            diverged |= newly
            x, y = np.where(diverged, x, nx), np.where(diverged, y, ny)
            value = np.where(diverged, value, nv)
            gx, gy = np.where(diverged, gx, ngx), np.where(diverged, gy, ngy)
            d2 = (nx - mx) ** 2 + (ny - my) ** 2
            reached = np.where((reached < 0) & ~diverged & (d2 < tol2), t, reached)
            frozen = np.where(newly, t, frozen)
            still &= (d2 >= floor2) & ~diverged
            last = np.where(still, t, last)
            np.copyto(ring[t % WINDOW], d2, where=still)
        rate = _rate(ring, last)
    shape = (len(lrs), len(mus))
    return NumpyMap(
        value.reshape(shape),
        reached.reshape(shape),
        frozen.reshape(shape),
        rate.reshape(shape),
    )


def _rate(ring: np.ndarray, last: np.ndarray) -> np.ndarray:
    """optimizers.many._rate, for every cell (column of ``ring``) at once."""
    begin = np.maximum(last - WINDOW + 1, 1)
    low = begin + (last - begin) // 3
    count = last - low + 1
    read = low - 1 + np.arange(USED + 1)[:, None]
    tiny = np.maximum(np.take_along_axis(ring, read % WINDOW, axis=0), 1e-300)
    pair = np.log(tiny[1:] + tiny[:-1]) / 2
    steps = read[1:]
    centred = np.where(steps <= last, steps - (low + last) / 2, 0)
    spread = count * (count * count - 1) / 12
    slope = np.sum(centred * pair, axis=0) / np.maximum(spread, 1)
    return np.where(count >= 3, np.exp(slope), np.nan)
