"""The 2-D view: contour map, minima, start, paths and moving markers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import zoo
from viz.frames import animation_controls, build_frames, frame_steps
from viz.heights import choose_heights
from viz.style import LIGHT_SCALE, Path, base_layout, f32, thin

MAX_DOTS = 120
MAX_FRAMES_2D = 60  # measured: each frame adds ≈ 1 ms to every repaint


def contour_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: Sequence[Path],
    start: Sequence[float],
    steps: int,
) -> dict:
    """Contour map with every path drawn and its current-position marker animated.

    Trace order: contour, minima, start, one line per path (``meta`` "path"),
    one marker per path; then the extras of the paths that have them, in path
    order: first the still ones (per path its seed-fan lines, ``meta`` "fan",
    one per seed, then its trial cloud, "trials"), then the animated ones (per
    path its swarm or simplex, "population", then the trials of the shown
    step, "step_trials"). Frames carry the markers and the animated extras,
    in that order. Paths without extras give exactly the traces they always
    did. A click anywhere is turned into a position by the chart component
    (ui/chart.py), not by a trace.
    """
    xs, ys, z = grid
    heights = choose_heights(z)
    data = [
        _contour(xs, ys, z, heights),
        _minima(surface),
        _start(start),
        *(_line(p) for p in paths),
    ]
    first_marker = len(data)
    data += [_marker(p, steps) for p in paths]
    data += zoo.still_traces(paths, _plane)
    moving = zoo.movers(paths, _plane, polygons=True)
    first_mover = len(data)
    data += [m.trace(steps) for m in moving]
    shown = frame_steps(steps, MAX_FRAMES_2D)
    traces = [
        *range(first_marker, first_marker + len(paths)),
        *range(first_mover, first_mover + len(moving)),
    ]
    frames = build_frames(
        shown,
        traces,
        lambda k: [*(_at(p, k) for p in paths), *(m.at(k) for m in moving)],
    )
    (x0, x1), (y0, y1) = surface.domain
    layout = base_layout(
        xaxis={"range": [x0, x1], "title": {"text": "x"}, "constrain": "domain"},
        # Equal scales: gradients must look perpendicular to the level lines.
        yaxis={
            "range": [y0, y1],
            "title": {"text": "y"},
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
        uirevision=surface.key,
        dragmode="zoom",
        height=640,
        # Fixed margins (no autoexpand): the background and foreground layers of
        # the chart component must have exactly the same plotting area.
        margin={"l": 60, "r": 90, "t": 90, "b": 140, "autoexpand": False},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        **animation_controls(shown, redraw=False),
    )
    return {"data": data, "layout": layout, "frames": frames}


def _plane(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return points[:, 0], points[:, 1]


def _contour(xs, ys, z, heights) -> dict:
    shown = heights(z)
    tickvals, ticktext = heights.ticks(shown[np.isfinite(shown)])
    colorbar = {"title": {"text": "f"}, "thickness": 14}
    if heights.log:
        colorbar |= {"tickvals": tickvals, "ticktext": ticktext}
    return {
        "type": "contour",
        # Drawn once on a layer of its own by the chart component: redrawing
        # its level lines on every slider move costs ≈ 40 ms (measured).
        "meta": "background",
        "x": f32(xs),
        "y": f32(ys),
        "z": f32(shown),
        "ncontours": 30,
        "colorscale": LIGHT_SCALE,
        "contours": {"coloring": "fill", "showlines": True},
        "line": {"width": 0.8, "color": "rgba(30,30,30,0.45)"},
        "colorbar": {**colorbar, "x": 1.02, "xanchor": "left"},
        "hovertemplate": _contour_hover(heights.log),
        "showlegend": False,
    }


def _contour_hover(log: bool) -> str:
    """The position, and f where the plotted height is f itself.

    On a log scale the height is log10(f - floor + delta); plotly cannot undo
    that in a hover, and sending the true f as customdata doubles the
    contour's bytes (100x100: 55 kB -> 108 kB, measured), so there the hover
    shows the position only.
    """
    where = "(%{x:.3g}, %{y:.3g})"
    return (
        f"{where}<extra></extra>" if log else f"{where}<br>f %{{z:.4g}}<extra></extra>"
    )


def _minima(surface: Surface) -> dict:
    points = np.asarray([m.point for m in surface.minima] or np.empty((0, 2)))
    kinds = [m.kind for m in surface.minima]
    return {
        "type": "scatter",
        "mode": "markers",
        "x": points[:, 0].tolist(),
        "y": points[:, 1].tolist(),
        "marker": {
            "symbol": ["star" if k == "global" else "star-open" for k in kinds],
            # Rastrigin and Ackley list 121 minima: keep the local ones small.
            "size": [16 if k == "global" else 9 for k in kinds],
            "color": "#111",
            "line": {"width": 1, "color": "white"},
        },
        "name": "minima",
        "hovertemplate": "minimum (%{x:.4g}, %{y:.4g})<extra></extra>",
    }


def _start(start: Sequence[float]) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(start[0])],
        "y": [float(start[1])],
        "marker": {"symbol": "x", "size": 14, "color": "#111"},
        "name": "start",
        "hovertemplate": "start (%{x:.3g}, %{y:.3g})<extra></extra>",
    }


def _line(path: Path) -> dict:
    idx = thin(len(path.points))
    # A dot per step shows the step sizes; past ~120 dots they blur into the
    # line and cost ≈ 40 ms per repaint (measured), so long paths are lines.
    dots = len(idx) <= MAX_DOTS
    return {
        "type": "scatter",
        "mode": "lines+markers" if dots else "lines",
        "meta": "path",
        "x": f32(path.points[idx, 0]),
        "y": f32(path.points[idx, 1]),
        "line": {"color": path.color, "width": 2.5},
        "marker": {"size": 4, "color": path.color},
        "name": path.label,
        "legendgroup": path.label,
        "customdata": idx.astype(np.int32),
        "hovertemplate": f"{path.label}<br>step %{{customdata}}"
        "<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    }


def _marker(path: Path, step: int) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        **_at(path, step),
        "marker": {
            "size": 15,
            "color": path.color,
            "line": {"width": 2, "color": "white"},
        },
        "name": path.label,
        "legendgroup": path.label,
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _at(path: Path, step: int) -> dict:
    point = path.points[min(step, len(path.points) - 1)]
    return {"x": [float(point[0])], "y": [float(point[1])]}


def contour_figure(*args, **kwargs) -> go.Figure:
    """:func:`contour_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(contour_spec(*args, **kwargs), _validate=False)
