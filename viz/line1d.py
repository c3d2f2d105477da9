"""The 1-D view: the curve, the points each optimizer visits, moving markers,
and on request each run's tangent (a Newton run's parabola) at the step shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import NamedTuple

import jax
import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import tags, zoo
from viz.frames import build_frames, frame_steps
from viz.marks import extrema_trace
from viz.status import Ending, legend_name, status_traces, stop
from viz.style import (
    DEFAULT_LOOK,
    Look,
    Path,
    axis,
    base_layout,
    f32,
    marker_trace,
    sizes,
    thin,
    top_legend,
)

MAX_FRAMES_1D = 120
# Runs that get a tangent (the first ones): more crowd the curve on a projector.
MAX_TANGENTS = 4
TANGENT_SPAN = 0.3  # of the view width, centred on the point
PARABOLA_SPAN = 0.5  # wider: the parabola's bend must show
PARABOLA_POINTS = 21  # odd: the middle one is the iterate itself
# Newton-type runs step to the vertex of a local parabola: theirs is drawn,
# with the curvature each one uses (saddle-free flips a negative one).
NEWTON_CURVATURE = {"newton": np.asarray, "saddle_free_newton": np.abs}
# Derivatives are taken at this many points, padded: one compilation per
# surface, whatever the number of runs and steps.
_TAYLOR_POINTS = MAX_TANGENTS * MAX_FRAMES_1D


def line_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray],
    paths: Sequence[Path],
    steps: int,
    *,
    look: Look = DEFAULT_LOOK,
    params: Mapping[str, float] | None = None,
    tangents: bool = False,
) -> dict:
    """f(x) over the view box; each path as dots on the curve; frames move markers.

    Trace order as in :func:`viz.contour.contour_spec` without the contour and
    start: curve, extrema (if any), one dots-and-line path per path (``meta``
    "path"), with ``tangents`` one line per path (``meta`` "tangent", or
    "parabola" for a Newton-type run) for the first :data:`MAX_TANGENTS`
    paths, one marker per path, then the still extras (fans, trial clouds)
    and the animated ones (populations as dots on the curve, step trials),
    last the marks of runs that went wrong ("status"). Frames carry the
    tangents, the markers and the animated extras.

    ``params``: the surface parameters the runs used (default: the surface's
    defaults); the tangents' slopes and curvatures are taken there.
    """
    xs, z = grid
    finite = z[np.isfinite(z)]
    pad = 0.05 * (finite.max() - finite.min() + 1e-12)
    y_range = [float(finite.min() - pad), float(finite.max() + pad)]
    data = [_curve(xs, z, look)]
    extrema = extrema_trace(surface, look, dim=1)
    if extrema["x"]:
        data.append(extrema)
    box = (tuple(surface.domain[0]), tuple(y_range))
    plotted = [np.stack([p.points[:, 0], p.values], axis=1) for p in paths]
    endings = [stop(p, xy, box) for p, xy in zip(paths, plotted, strict=True)]
    data += [_dots(p, end, look) for p, end in zip(paths, endings, strict=True)]
    shown = frame_steps(steps, MAX_FRAMES_1D)
    touching = paths[:MAX_TANGENTS] if tangents else ()
    models = _local_models(surface, touching, shown, params)
    lo, hi = surface.domain[0]
    width = float(hi - lo)
    first_tangent = len(data)
    # Under the markers: the point of contact stays a marker, not a crossing.
    data += [_model_trace(m, width, look) for m in models]
    first_marker = len(data)
    data += [marker_trace(p, _at(p, steps), look) for p in paths]
    on_curve = _on_curve(xs, z)
    data += zoo.still_traces(paths, on_curve, look)
    # A 1-D simplex is two points: dots, like a swarm.
    moving = zoo.movers(paths, on_curve, polygons=False, look=look)
    first_mover = len(data)
    data += [m.trace(steps) for m in moving]
    data += status_traces(paths, endings, look)
    traces = [
        *range(first_tangent, first_tangent + len(models)),
        *range(first_marker, first_marker + len(paths)),
        *range(first_mover, first_mover + len(moving)),
    ]
    frame_of = {int(k): j for j, k in enumerate(shown)}

    def data_at(k: int) -> list[dict]:
        return [
            *(_model_xy(m, frame_of[k], width) for m in models),
            *(_at(p, k) for p in paths),
            *(m.at(k) for m in moving),
        ]

    frames = build_frames(shown, traces, data_at)
    return {
        "data": data,
        "layout": _layout(surface, y_range, shown, look),
        "frames": frames,
    }


class LocalModel(NamedTuple):
    """A run's local model at each shown step: f(x) + f'(x)(t − x) + c(t − x)²/2,
    c = 0 for a tangent. Arrays of one value per frame (``frame_steps``)."""

    path: Path
    x: np.ndarray
    value: np.ndarray
    slope: np.ndarray
    curvature: np.ndarray | None  # None: a tangent line


def _local_models(
    surface: Surface,
    paths: Sequence[Path],
    shown: np.ndarray,
    params: Mapping[str, float] | None,
) -> list[LocalModel]:
    """Value, slope and curvature at every shown step of every path, by
    autodiff of the surface in one vectorised call."""
    if not paths:
        return []
    at = np.stack([_frame_x(p, shown) for p in paths])  # (paths, frames)
    value, slope, curvature = _taylor_at(surface, at.ravel(), params)
    models = []
    for i, p in enumerate(paths):
        row = slice(i * len(shown), (i + 1) * len(shown))
        reshape = NEWTON_CURVATURE.get(p.optimizer)
        bend = None if reshape is None else reshape(curvature[row])
        models.append(LocalModel(p, at[i], value[row], slope[row], bend))
    return models


def _frame_x(p: Path, shown: np.ndarray) -> np.ndarray:
    """The path's x at each shown step (its last one past its end), as _at."""
    return np.asarray(p.points[np.minimum(shown, len(p.points) - 1), 0], np.float64)


def warm_tangents(surface: Surface) -> None:
    """Compile the tangents' derivatives of a 1-D surface ahead of its first
    figure (the server's warm-up: a lesson on a curve then opens at once)."""
    _taylor_at(surface, np.asarray(surface.start, np.float64), None)


def _taylor_at(
    surface: Surface, xs: np.ndarray, params: Mapping[str, float] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(f, f', f'') at each of ``xs`` (at most ``_TAYLOR_POINTS``), float64;
    non-finite where x or a derivative is."""
    padded = np.zeros(_TAYLOR_POINTS)
    ok = np.isfinite(xs)
    padded[: len(xs)] = np.where(ok, xs, 0.0)
    out = _taylor(surface, padded, surface.param_values(params))
    value, slope, curvature = (
        np.where(ok, np.asarray(a, np.float64)[: len(xs)], np.nan) for a in out
    )
    return value, slope, curvature


@partial(jax.jit, static_argnums=0)
def _taylor(surface: Surface, xs: jax.Array, params: dict) -> tuple[jax.Array, ...]:
    def one(x: jax.Array):
        def f(t: jax.Array) -> jax.Array:
            return surface.fn(t[None], params)

        slope = jax.grad(f)
        return f(x), slope(x), jax.grad(slope)(x)

    return jax.vmap(one)(xs)


def _model_xy(m: LocalModel, j: int, width: float) -> dict:
    """The tangent (3 points) or parabola at frame ``j``; nothing where it is
    not finite. float64: the slope read back from the ends is the exact one."""
    x, value, slope = m.x[j], m.value[j], m.slope[j]
    bend = 0.0 if m.curvature is None else m.curvature[j]
    if not np.isfinite([x, value, slope, bend]).all():
        return {"x": [], "y": []}
    if m.curvature is None:
        offsets = np.array([-0.5, 0.0, 0.5]) * TANGENT_SPAN * width
    else:
        offsets = np.linspace(-0.5, 0.5, PARABOLA_POINTS) * PARABOLA_SPAN * width
    y = value + slope * offsets + 0.5 * bend * offsets**2
    if not np.isfinite(y).all():  # a slope near overflow: nothing sensible to draw
        return {"x": [], "y": []}
    return {"x": x + offsets, "y": y}


def _model_trace(m: LocalModel, width: float, look: Look) -> dict:
    """The run's tangent or parabola as the figure opens: at the last step."""
    p = m.path
    return {
        "type": "scatter",
        "mode": "lines",
        "meta": "tangent" if m.curvature is None else "parabola",
        **_model_xy(m, len(m.x) - 1, width),
        # Solid whatever the run's dash: a dotted tangent reads as the path's
        # own dotted line. See-through, so the curve shows where they touch.
        "line": {"color": p.color, "width": sizes(look).path},
        "opacity": 0.75,
        "name": p.label,
        "legendgroup": p.label,
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _curve(xs: np.ndarray, z: np.ndarray, look: Look) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "x": f32(xs),
        "y": f32(z),
        "line": {"color": "#444", "width": 3 if look.present else 2},
        "name": look.texts.curve,
        "hoverinfo": "skip",
    }


def _dots(p: Path, end: Ending | None, look: Look) -> dict:
    """The points a run visits, on the curve, joined by a thin line."""
    idx = thin(len(p.points))
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "meta": tags.PATH,
        "x": f32(p.points[idx, 0]),
        "y": f32(p.values[idx]),
        # Thin: a step is a jump, not a walk along the curve; the dash tells
        # runs of one method apart.
        "line": {"color": p.color, "width": 3 if look.present else 1, "dash": p.dash},
        "marker": {"size": sizes(look).dot + 2, "color": p.color},
        "name": legend_name(p, end, look),
        "legendgroup": p.label,
        "hovertemplate": f"{p.label}<br>(%{{x:.4g}}, {look.texts.value}"
        " %{y:.4g})<extra></extra>",
    }


def _at(p: Path, k: int) -> dict:
    k = min(k, len(p.points) - 1)
    return {"x": [float(p.points[k, 0])], "y": [float(p.values[k])]}


def _layout(surface: Surface, y_range: list, shown: np.ndarray, look: Look) -> dict:
    size = sizes(look)
    below = round(2.2 * size.font + 20)
    return base_layout(
        look,
        xaxis=axis(look, range=list(surface.domain[0]), title=look.texts.axis_x),
        yaxis=axis(look, range=y_range, title=look.texts.curve),
        uirevision=surface.key,
        # A little above the plot: a mark on its top edge stays whole.
        legend=top_legend(size.font, y=1.04),
        height=540 if look.present else 480,
        # One plotting layer: the legend may push the top margin itself.
        margin={
            "l": round(3 * size.font + 26),
            "r": 20,
            "t": 20,
            "b": below,
        },
        meta={tags.BOTTOM: below},
    )


def _on_curve(xs: np.ndarray, z: np.ndarray) -> zoo.Project:
    """Points (m, 1) -> (x, f(x)), f read off the grid (blank cells skipped)."""
    ok = np.isfinite(z)
    grid_x, grid_z = np.asarray(xs)[ok], np.asarray(z)[ok]

    def project(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = points[:, 0]
        return x, np.interp(x, grid_x, grid_z)

    return project


def line_figure(*args, look: Look = DEFAULT_LOOK, **kwargs) -> go.Figure:
    """:func:`line_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(line_spec(*args, look=look, **kwargs), _validate=False)
