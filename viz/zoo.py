"""What some optimizers have beyond a path: swarm, simplex, population or
covariance ellipse, line-search trials, seed fan.

Shared by the 2-D map and the 1-D curve: ``project`` turns points ``(m, dim)``
into plot coordinates ``(x, y)`` (on the map the two coordinates; on the curve
x and f(x)). Non-finite rows are dropped before anything is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from viz.style import Look, Path, f32, rgba, thin

Project = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]

# A fan is a few faint context lines: 300 points per seed keep its shape at a
# third of a main path's bytes.
MAX_FAN_POINTS = 300
MAX_TRIAL_POINTS = 1000  # the faint cloud of every step's trials
ELLIPSE_POINTS = 49  # 48 chords: smooth at any zoom, and closed (θ = 0 and 2π)


@dataclass(frozen=True)
class Mover:
    """An animated trace: its look, and its positions at a step."""

    style: dict
    at: Callable[[int], dict]  # step -> {"x": ..., "y": ...}

    def trace(self, step: int) -> dict:
        return {**self.style, **self.at(step)}


def still_traces(
    paths: Sequence[Path], project: Project, look: Look | None = None
) -> list[dict]:
    """In path order: each path's fan lines (one per seed), then its trial cloud."""
    look = look or Look()
    out = []
    for p in paths:
        out += [_fan_line(p, points, project, look) for points in p.fan]
        if p.trials is not None:
            out.append(_trial_cloud(p, project, look))
    return out


def movers(
    paths: Sequence[Path], project: Project, polygons: bool, look: Look | None = None
) -> list[Mover]:
    """In path order: each path's population, then the trials of the shown step.

    ``polygons``: draw a simplex as a closed, lightly filled polygon and a
    covariance ellipse as a closed curve (2-D); on the 1-D curve both are dots.
    """
    look = look or Look()
    out = []
    for p in paths:
        if p.population is not None and p.population_kind == "ellipse":
            out.append(_ellipse(p, project, polygons, look))
        elif p.population is not None:
            closed = polygons and p.population_kind == "simplex"
            out.append(_population(p, project, closed, look))
        if p.trials is not None:
            out.append(_step_trials(p, project, look))
    return out


def _scale(look: Look) -> float:
    """Extras grow with the paths in presentation mode."""
    return 1.4 if look.present else 1.0


def finite_rows(points: np.ndarray) -> np.ndarray:
    points = np.asarray(points, dtype=np.float64)
    return points[np.isfinite(points).all(axis=-1)]


def row_at(array: np.ndarray, step: int) -> np.ndarray:
    """``array[step]``, the last row past the end; no rows -> no points."""
    array = np.asarray(array, dtype=np.float64)
    if len(array) == 0:
        return np.empty((0, array.shape[-1]))
    return array[min(step, len(array) - 1)]


def _xy(points: np.ndarray, project: Project) -> dict:
    x, y = project(points)
    return {"x": f32(x), "y": f32(y)}


def _group(p: Path, name: str) -> dict:
    return {"name": name, "legendgroup": p.label, "showlegend": False}


def _fan_line(p: Path, points: np.ndarray, project: Project, look: Look) -> dict:
    points = finite_rows(points)
    words = look.texts.seed_fan
    return {
        "type": "scatter",
        "mode": "lines",
        "meta": "fan",
        **_xy(points[thin(len(points), MAX_FAN_POINTS)], project),
        "line": {"color": p.color, "width": 1.5 if look.present else 1},
        "opacity": 0.35,
        **_group(p, f"{p.label} {words}"),
        "hovertemplate": f"{p.label}<br>{words}<extra></extra>",
    }


def _trial_cloud(p: Path, project: Project, look: Look) -> dict:
    trials = np.asarray(p.trials, dtype=np.float64)
    n, m, dim = trials.shape
    points = trials.reshape(n * m, dim)
    step = np.repeat(np.arange(n, dtype=np.int32), m)
    keep = np.isfinite(points).all(axis=1)
    points, step = points[keep], step[keep]
    idx = thin(len(points), MAX_TRIAL_POINTS)
    return {
        "type": "scatter",
        "mode": "markers",
        "meta": "trials",
        **_xy(points[idx], project),
        "marker": {
            "symbol": "circle-open",
            "size": round(5 * _scale(look)),
            "color": p.color,
            "line": {"width": 1},
        },
        "opacity": 0.3,
        **_group(p, f"{p.label} {look.texts.trials}"),
        "customdata": step[idx],
        "hovertemplate": f"{p.label}<br>{look.texts.trial_of_step} %{{customdata}}"
        "<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    }


def _population(p: Path, project: Project, closed: bool, look: Look) -> Mover:
    kind = look.texts.kind(p.population_kind)
    scale = _scale(look)

    def at(step: int) -> dict:
        points = finite_rows(row_at(p.population, step))
        if closed and len(points):
            points = np.concatenate([points, points[:1]])
        return _xy(points, project)

    if closed:
        look = {
            "mode": "lines+markers",
            "fill": "toself",
            "fillcolor": rgba(p.color, 0.12),
            "line": {"color": p.color, "width": 1.5 * scale},
            "marker": {"size": round(5 * scale), "color": p.color},
        }
    else:
        # Diamonds: on the 1-D curve a path is dots of the same colour too.
        look = {
            "mode": "markers",
            "marker": {
                "symbol": "diamond",
                "size": round(7 * scale),
                "color": p.color,
                "opacity": 0.6,
                "line": {"width": 0.5, "color": "white"},
            },
        }
    style = {
        "type": "scatter",
        "meta": "population",
        **look,
        **_group(p, f"{p.label} {kind}"),
        "hovertemplate": f"{p.label} {kind}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    }
    return Mover(style, at)


def ellipse_points(row: np.ndarray, curve: bool) -> np.ndarray:
    """Points of a covariance ellipse from its row: the centre, then the
    semi-axes (CMA-ES's ``ellipse``, ``(dim + 1, dim)``).

    ``curve``: the closed curve ``m + cos θ a_1 + sin θ a_2`` (2-D); else the
    axes' ends ``m ± a_j`` (on the 1-D curve, the interval m ± σ√C). A row
    with a non-finite number gives no points.
    """
    row = np.asarray(row, dtype=np.float64)
    if not np.isfinite(row).all():
        return np.empty((0, row.shape[-1]))
    centre, axes = row[0], row[1:]
    if curve and len(axes) == 2:
        theta = np.linspace(0.0, 2.0 * np.pi, ELLIPSE_POINTS)
        # The last point is the first, up to rounding: the curve closes.
        circle = np.stack([np.cos(theta), np.sin(theta)], axis=1)
        return centre[None, :] + circle @ axes
    return np.concatenate([centre[None, :] - axes, centre[None, :] + axes])


def _ellipse(p: Path, project: Project, curve: bool, look: Look) -> Mover:
    kind = look.texts.kind(p.population_kind)
    scale = _scale(look)

    def at(step: int) -> dict:
        return _xy(ellipse_points(row_at(p.population, step), curve), project)

    if curve:
        look_of = {
            "mode": "lines",
            "fill": "toself",
            "fillcolor": rgba(p.color, 0.1),
            "line": {"color": p.color, "width": 2 * scale},
        }
    else:
        # On the 1-D curve: the interval's two ends, as upright ticks.
        marker = {"symbol": "line-ns-open", "size": round(12 * scale)}
        look_of = {"mode": "markers", "marker": {**marker, "color": p.color}}
    style = {
        "type": "scatter",
        "meta": "population",
        **look_of,
        **_group(p, f"{p.label} {kind}"),
        "hovertemplate": f"{p.label} {kind}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    }
    return Mover(style, at)


def _step_trials(p: Path, project: Project, look: Look) -> Mover:
    style = {
        "type": "scatter",
        "mode": "markers",
        "meta": "step_trials",
        "marker": {
            "symbol": "circle-open",
            "size": round(9 * _scale(look)),
            "color": p.color,
            "line": {"width": 2},
        },
        **_group(p, f"{p.label} {look.texts.step_trials}"),
        "hovertemplate": f"{p.label}<br>{look.texts.step_trial}"
        "<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    }
    return Mover(style, lambda k: _xy(finite_rows(row_at(p.trials, k)), project))
