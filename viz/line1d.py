"""The 1-D view: the curve, the points each optimizer visits, moving markers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import zoo
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
)

MAX_FRAMES_1D = 120


def line_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray],
    paths: Sequence[Path],
    steps: int,
    *,
    look: Look = DEFAULT_LOOK,
) -> dict:
    """f(x) over the view box; each path as dots on the curve; frames move markers.

    Trace order as in :func:`viz.contour.contour_spec` without the contour and
    start: curve, extrema (if any), one dots-and-line path per path (``meta``
    "path"), one marker per path, then the still extras (fans, trial clouds)
    and the animated ones (populations as dots on the curve, step trials),
    last the marks of runs that went wrong ("status"). Frames carry the
    markers and the animated extras.
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
    first_marker = len(data)
    data += [marker_trace(p, _at(p, steps), look) for p in paths]
    on_curve = _on_curve(xs, z)
    data += zoo.still_traces(paths, on_curve, look)
    # A 1-D simplex is two points: dots, like a swarm.
    moving = zoo.movers(paths, on_curve, polygons=False, look=look)
    first_mover = len(data)
    data += [m.trace(steps) for m in moving]
    data += status_traces(paths, endings, look)
    shown = frame_steps(steps, MAX_FRAMES_1D)
    traces = [
        *range(first_marker, first_marker + len(paths)),
        *range(first_mover, first_mover + len(moving)),
    ]
    frames = build_frames(
        shown,
        traces,
        lambda k: [*(_at(p, k) for p in paths), *(m.at(k) for m in moving)],
    )
    return {
        "data": data,
        "layout": _layout(surface, y_range, shown, look),
        "frames": frames,
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
        "meta": "path",
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
        legend={
            "orientation": "h",
            # A little above the plot: a mark on its top edge stays whole.
            "y": 1.04,
            "yanchor": "bottom",
            "x": 0,
            "font": {"size": size.font},
            "tracegroupgap": 0,
        },
        height=540 if look.present else 480,
        # One plotting layer: the legend may push the top margin itself.
        margin={
            "l": round(3 * size.font + 26),
            "r": 20,
            "t": 20,
            "b": below,
        },
        meta={"bottom": below},
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
