"""The 1-D view: the curve, the points each optimizer visits, moving markers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import zoo
from viz.frames import animation_controls, build_frames, frame_steps
from viz.style import Path, base_layout, f32, thin

MAX_FRAMES_1D = 120


def line_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray],
    paths: Sequence[Path],
    steps: int,
) -> dict:
    """f(x) over the view box; each path as dots on the curve; frames move markers.

    Trace order as in :func:`viz.contour.contour_spec` without the contour and
    start: curve, minima (if any), one dotted path per path, one marker per
    path, then the still extras (fans, trial clouds) and the animated ones
    (populations as dots on the curve, step trials). Frames carry the markers
    and the animated extras.
    """
    xs, z = grid
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": f32(xs),
            "y": f32(z),
            "line": {"color": "#444", "width": 2},
            "name": "f(x)",
            "hoverinfo": "skip",
        }
    ]
    if surface.minima:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [m.point[0] for m in surface.minima],
                "y": [m.value for m in surface.minima],
                "marker": {"symbol": "star", "size": 14, "color": "#111"},
                "name": "minima",
            }
        )
    for p in paths:
        idx = thin(len(p.points))
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": f32(p.points[idx, 0]),
                "y": f32(p.values[idx]),
                "line": {"color": p.color, "width": 1, "dash": "dot"},
                "marker": {"size": 6, "color": p.color},
                "name": p.label,
            }
        )
    first_marker = len(data)

    def at(p: Path, k: int) -> dict:
        k = min(k, len(p.points) - 1)
        return {"x": [float(p.points[k, 0])], "y": [float(p.values[k])]}

    for p in paths:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                **at(p, steps),
                "marker": {"size": 15, "color": p.color, "line": {"width": 2}},
                "showlegend": False,
            }
        )
    on_curve = _on_curve(xs, z)
    data += zoo.still_traces(paths, on_curve)
    # A 1-D simplex is two points: dots, like a swarm.
    moving = zoo.movers(paths, on_curve, polygons=False)
    first_mover = len(data)
    data += [m.trace(steps) for m in moving]
    shown = frame_steps(steps, MAX_FRAMES_1D)
    traces = [
        *range(first_marker, first_marker + len(paths)),
        *range(first_mover, first_mover + len(moving)),
    ]
    frames = build_frames(
        shown,
        traces,
        lambda k: [*(at(p, k) for p in paths), *(m.at(k) for m in moving)],
    )
    finite = z[np.isfinite(z)]
    pad = 0.05 * (finite.max() - finite.min() + 1e-12)
    layout = base_layout(
        xaxis={"range": list(surface.domain[0]), "title": {"text": "x"}},
        yaxis={"range": [float(finite.min() - pad), float(finite.max() + pad)]},
        uirevision=surface.key,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        height=480,
        margin={"l": 50, "r": 20, "t": 20, "b": 140},
        **animation_controls(shown, redraw=False),
    )
    return {"data": data, "layout": layout, "frames": frames}


def _on_curve(xs: np.ndarray, z: np.ndarray) -> zoo.Project:
    """Points (m, 1) -> (x, f(x)), f read off the grid (blank cells skipped)."""
    ok = np.isfinite(z)
    grid_x, grid_z = np.asarray(xs)[ok], np.asarray(z)[ok]

    def project(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = points[:, 0]
        return x, np.interp(x, grid_x, grid_z)

    return project


def line_figure(*args, **kwargs) -> go.Figure:
    """:func:`line_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(line_spec(*args, **kwargs), _validate=False)
