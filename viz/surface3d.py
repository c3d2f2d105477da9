"""The 3-D view: the surface with the paths lying on it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz.frames import animation_controls, build_frames, frame_steps
from viz.heights import choose_heights
from viz.style import LIGHT_SCALE, Path, base_layout, f32, thin

MAX_FRAMES_3D = 60
GRID_3D = 60  # a coarser grid than the contour: WebGL redraws it in software here


def surface_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: Sequence[Path],
    steps: int,
) -> dict:
    """Surface (static), one line per path, and animated markers (frames)."""
    xs, ys, z = grid
    heights = choose_heights(z)
    shown = heights(z)
    top, bottom = float(np.nanmax(shown)), float(np.nanmin(shown))
    lift = 0.01 * (top - bottom)  # keep paths visible above the surface

    def height(values):
        return np.clip(heights(values), bottom, top) + lift

    data = [
        {
            "type": "surface",
            "x": f32(xs),
            "y": f32(ys),
            "z": f32(shown),
            "colorscale": LIGHT_SCALE,
            "opacity": 0.9,
            "showscale": False,
            "hoverinfo": "skip",
        }
    ]
    for p in paths:
        idx = thin(len(p.points))
        data.append(
            {
                "type": "scatter3d",
                "mode": "lines",
                "x": f32(p.points[idx, 0]),
                "y": f32(p.points[idx, 1]),
                "z": f32(height(p.values[idx])),
                "line": {"color": p.color, "width": 5},
                "name": p.label,
            }
        )
    first_marker = len(data)

    def at(p: Path, k: int) -> dict:
        k = min(k, len(p.points) - 1)
        x, y = p.points[k]
        z = float(height(p.values[k]))
        return {"type": "scatter3d", "x": [float(x)], "y": [float(y)], "z": [z]}

    for p in paths:
        data.append(
            {
                "mode": "markers",
                **at(p, steps),
                "marker": {"size": 6, "color": p.color},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    shown_steps = frame_steps(steps, MAX_FRAMES_3D)
    markers = range(first_marker, first_marker + len(paths))
    frames = build_frames(shown_steps, markers, lambda k: [at(p, k) for p in paths])
    (x0, x1), (y0, y1) = surface.domain
    z_title = "log10(f - min)" if heights.log else "f"
    layout = base_layout(
        scene={
            "xaxis": {"range": [x0, x1], "title": {"text": "x"}},
            "yaxis": {"range": [y0, y1], "title": {"text": "y"}},
            "zaxis": {"range": [bottom, top + 2 * lift], "title": {"text": z_title}},
            "aspectmode": "manual",
            "aspectratio": {"x": 1, "y": 1, "z": 0.6},
            "camera": {"eye": {"x": 1.25, "y": -1.25, "z": 0.85}},
        },
        uirevision=surface.key,
        showlegend=False,  # the 2-D map above carries the legend
        height=560,
        margin={"l": 0, "r": 0, "t": 10, "b": 90},
        **animation_controls(shown_steps, redraw=True, duration=80),
    )
    return {"data": data, "layout": layout, "frames": frames}


def surface_figure(*args, **kwargs) -> go.Figure:
    """:func:`surface_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(surface_spec(*args, **kwargs), _validate=False)
