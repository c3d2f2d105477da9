"""The course's two hyperparameter searches (part 001) over a box of settings.

A grid search of budget B tries √B values of each of two axes, every pair of
them; a random search tries B points drawn at random in the same box. Both
are plain numbers here; who runs them decides how to score them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def grid_and_random(
    log: Sequence[bool],
    ranges: Sequence[tuple[float, float]],
    budget: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The grid search's √B × √B points (cell centres of a √B grid over the
    ranges, log-spaced on a log axis) and the random search's B points
    (uniform, log-uniform on a log axis; seeded), each (B, axes)."""
    side = round(np.sqrt(budget))
    grids = []
    for is_log, (lo, hi) in zip(log, ranges, strict=True):
        ends = (np.log10(lo), np.log10(hi)) if is_log else (lo, hi)
        centres = ends[0] + (np.arange(side) + 0.5) / side * (ends[1] - ends[0])
        grids.append(10.0**centres if is_log else centres)
    mesh = np.meshgrid(*grids, indexing="ij")
    grid = np.stack([m.ravel() for m in mesh], axis=1)
    rng = np.random.default_rng(seed)
    columns = []
    for is_log, (lo, hi) in zip(log, ranges, strict=True):
        if is_log:
            columns.append(10.0 ** rng.uniform(np.log10(lo), np.log10(hi), budget))
        else:
            columns.append(rng.uniform(lo, hi, budget))
    return grid, np.stack(columns, axis=1)
