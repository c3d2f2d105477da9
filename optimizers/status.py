"""How a run ended, in one word the UI can translate and colour."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np

from surfaces import Minimum, Surface

TOLERANCE = 1e-3  # in view-box widths: "at the minimum" to the eye

Status = Literal["diverged", "unbounded", "left_view", "converged", "not_converged"]
# The order is the precedence: the first that applies is the status.
STATUSES: tuple[Status, ...] = (
    "diverged",
    "unbounded",
    "left_view",
    "converged",
    "not_converged",
)

# Why the scan froze a run (its ``newly`` column): 0 = it was not frozen.
NON_FINITE = 1.0
FAR = 2.0


def run_status(
    surface: Surface,
    points: np.ndarray,
    values: np.ndarray,
    reason: float,
    maximize: bool = False,
    minima: Sequence[Minimum] | None = None,
) -> Status:
    """The first of :data:`STATUSES` that applies to a run.

    - diverged: a non-finite point, value or gradient, or frozen beyond the far
      bound while f got worse than at the start (higher; lower when maximising);
    - unbounded: frozen beyond the far bound while f got better than at the
      start and better than every documented minimum (maximum), or there is
      none: descent that truly runs off, e.g. down the saddle x² − y²;
    - left_view: finite, and the last point lies outside the view box;
    - converged: the last point is within ``TOLERANCE`` view-box widths of a
      documented minimum (a documented maximum when maximising);
    - not_converged: anything else (a 2-cycle, a crawl, a stall on a saddle).

    Args:
        surface: the surface run on (its view box and documented extrema).
        points: (steps + 1, dim) the path, frozen after a divergence.
        values: (steps + 1,) f along it (f itself, also when maximising).
        reason: why the scan froze the run: 0, ``NON_FINITE`` or ``FAR``.
        maximize: whether the run climbed.
        minima: the documented minima for the run's surface parameters
            (``surface.minima_at``); ``surface.minima`` if not given.
    """
    minima = surface.minima if minima is None else minima
    final = points[-1]
    # The scan freezes a run at its first non-finite step (reason NON_FINITE);
    # only the start itself can be non-finite without one.
    if reason == NON_FINITE or not _finite(final, values[0], values[-1]):
        return "diverged"
    # Compare in the direction of travel: "better" means lower when minimising.
    sign = -1.0 if maximize else 1.0
    start, end = sign * values[0], sign * values[-1]
    if reason == FAR:
        if not end < start:
            return "diverged"
        targets = surface.maxima if maximize else minima
        if all(end < sign * m.value for m in targets):
            return "unbounded"
    if any(
        not lo <= x <= hi
        for x, (lo, hi) in zip(final.tolist(), surface.domain, strict=True)
    ):
        return "left_view"
    targets = surface.maxima if maximize else minima
    if distances_to(targets, final[None])[0] < TOLERANCE * surface.width:
        return "converged"  # (nan, with no targets, compares False)
    return "not_converged"


def distances_to(targets: Sequence[Minimum], points: np.ndarray) -> np.ndarray:
    """Per point of ``points`` (n, dim), the distance to the closest of
    ``targets`` (documented minima or maxima); nan if there are none."""
    if not targets:
        return np.full(len(points), np.nan)
    centres = np.asarray([m.point for m in targets], dtype=np.float64)
    gaps = points[:, None, :] - centres[None, :, :]
    return np.min(np.linalg.norm(gaps, axis=2), axis=1)


def _finite(point: np.ndarray, *values: float) -> bool:
    return all(map(math.isfinite, [*point.tolist(), *map(float, values)]))
