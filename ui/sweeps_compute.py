"""The library calls of the hyperparameter-map page, cached and bounded: the
sweep, the Hessian's eigenvalues at the minimum, the course's grid and random
search (each point run on its own with ``optimizers.run``), and the run of a
clicked cell as a one-run scene.

Whether a map compiles is known before it runs: one executable per
(surface, method, axes) and resolution bucket (optimizers/sweep.py); this
process remembers which it has run, so the page can say "compiling" first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import streamlit as st

from optimizers import run, theory
from optimizers.run import is_compiled
from optimizers.search import grid_and_random
from optimizers.sweep import BUCKETS, SweepMap, sweep
from scenes import Run, Scene
from surfaces import get_surface
from ui.sweeps_settings import Settings
from viz.sweep_map import loss_floor

_RUN: set[tuple] = set()  # (surface, method, axes, bucket) swept in this process
_RUN_MOST = 512


def compile_key(s: Settings) -> tuple:
    cells = s.resolution ** len(s.axes)
    bucket = next(b for b in BUCKETS if b >= cells)
    return (s.surface, s.method, tuple(sorted(s.axes)), bucket)


def needs_compile(s: Settings, single: bool = False) -> bool:
    """Whether this map's executable is new to the process (a first sweep of
    this surface, method and axes at this resolution bucket), or, with
    ``single``, the single runs (a clicked cell, the search) would compile."""
    fresh = compile_key(s) not in _RUN
    return fresh or (single and not is_compiled(s.surface, s.method))


@st.cache_data(max_entries=16, show_spinner=False)
def lambda_max(surface: str, params: tuple[tuple[str, float], ...]) -> float | None:
    c = curvature(surface, params)
    return c.lambda_max if c is not None and c.lambda_max > 0 else None


@st.cache_data(max_entries=16, show_spinner=False)
def curvature(
    surface: str, params: tuple[tuple[str, float], ...]
) -> theory.Curvature | None:
    return theory.curvature(get_surface(surface), dict(params))


def best_value(s: Settings) -> float:
    """f* (the lowest documented minimum for the surface's parameters)."""
    minima = get_surface(s.surface).minima_at(dict(s.surface_params))
    return float(min(m.value for m in minima))


def gap_text(gap: float, s: Settings) -> str:
    """How f − f* reads after its symbol: "= 0.0123", or "≈ 0" within
    round-off of f, or "= —" if not finite."""
    if not np.isfinite(gap):
        return "= —"
    return "≈ 0" if gap < loss_floor(best_value(s)) else f"= {gap:.3g}"


@st.cache_data(max_entries=6, show_spinner=False)
def sweep_map(s: Settings) -> SweepMap:
    """The map of ``s`` (hashable settings: the cache key). Raises ValueError
    as ``sweep`` does."""
    result = sweep(
        s.surface,
        s.method,
        start=s.start_point(),
        steps=s.steps,
        axes=dict(zip(s.axes, s.values(), strict=True)),
        surface_params=dict(s.surface_params),
        **s.hyper(),
    )
    if len(_RUN) < _RUN_MOST:
        _RUN.add(compile_key(s))
    return result


def search_points(s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The grid search's and the random search's points (optimizers/search.py)."""
    log = [spec.log for spec in s.specs()]
    return grid_and_random(log, s.ranges, s.budget, s.seed)


def score(s: Settings, values: Sequence[float]) -> float:
    """f − f* after one run with the axes at ``values`` (inf if it diverged)."""
    hyper = s.hyper() | dict(zip(s.axes, map(float, values), strict=True))
    t = run(
        s.surface,
        s.method,
        start=s.start_point(),
        steps=s.steps,
        surface_params=dict(s.surface_params),
        **hyper,
    )
    gap = float(t.values[-1]) - best_value(s)
    return gap if t.diverged_at is None and np.isfinite(gap) else float("inf")


@st.cache_data(max_entries=16, show_spinner=False)
def search(s: Settings) -> dict[str, np.ndarray]:
    """Both searches' points and scores (``s.budget`` runs each)."""
    grid, randoms = search_points(s)
    return {
        "grid": grid,
        "grid_scores": np.array([score(s, p) for p in grid]),
        "random": randoms,
        "random_scores": np.array([score(s, p) for p in randoms]),
    }


def cell_scene(s: Settings, picked: dict[str, float]) -> Scene:
    """A scene of the picked cell's one run: the map's surface, start, steps."""
    own = {k: v for k, v in s.fixed if k not in s.axes}
    hyper = own | {k: float(v) for k, v in picked.items()}
    return Scene(
        surface=s.surface,
        start=tuple(s.start_point()),
        steps=s.steps,
        runs=(Run(s.method, hyper),),
        surface_params=dict(s.surface_params),
    )


def picked_values(s: Settings, index: tuple[int, ...]) -> dict[str, float]:
    """The axis values of the cell at ``index`` of the map of ``s``."""
    grids = s.values()
    return {
        k: float(grids[a][i])
        for a, (k, i) in enumerate(zip(s.axes, index, strict=True))
    }
