"""The loss-landscape plane in 3-D: the app's 3-D look (viz/surface3d.py:
level lines on the surface and its floor, logarithmic heights where the plane
spans decades), framed for a half column. Plain dicts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from viz import tags
from viz.landscape import extent, finite
from viz.style import DEFAULT_LOOK, Look, base_layout, sizes
from viz.surface3d import EYE, Relief, _axis, _surface, _z_axis

# A half column is narrow: plotly's perspective would crop the playground's
# full-width framing at the sides, so the box is smaller and the eye farther.
ASPECT_HALF = {"x": 0.75, "y": 0.75, "z": 0.6}
EYE_DISTANCE = 2.3
FLOOR = 0.12  # the floor sits this share of the height range below the surface


def plane_surface_spec(
    alphas: np.ndarray,
    betas: np.ndarray,
    losses: np.ndarray,
    *,
    x_title: str,
    y_title: str,
    z_title: str,
    look: Look = DEFAULT_LOOK,
    height: int = 520,
) -> dict:
    """The plane of ``losses`` (rows β) as a 3-D surface, with the trained
    weights (0, 0) marked just above it. Trace order: surface, mark."""
    # The colour bar names the height; a z-axis title would be clipped at the
    # chart's left edge in a half column.
    texts = replace(look.texts, colorbar=z_title, value="")
    look = replace(look, texts=texts)
    z = finite(losses)
    relief = Relief.of((np.asarray(alphas), np.asarray(betas), z), look)
    center = relief.above_point((0.0, 0.0))
    floor = relief.bottom - FLOOR * relief.span
    mark = {
        "type": "scatter3d",
        "mode": "markers",
        "x": [0.0],
        "y": [0.0],
        "z": [center],
        "marker": {"size": sizes(look).marker3d, "color": "#111"},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    eye = EYE / np.linalg.norm(EYE) * EYE_DISTANCE
    scene = {
        "xaxis": _axis(extent(alphas), x_title, look),
        "yaxis": _axis(extent(betas), y_title, look),
        "zaxis": _z_axis(floor, relief.top + 2 * relief.lift, relief.heights, look),
        "aspectmode": "manual",
        "aspectratio": ASPECT_HALF,
        "camera": {
            "center": {"x": -0.04, "y": -0.04, "z": -0.1},
            "eye": {k: float(round(v, 2)) for k, v in zip("xyz", eye, strict=True)},
        },
    }
    layout = base_layout(
        look,
        scene=scene,
        showlegend=False,
        height=height + (60 if look.present else 0),
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        meta={tags.BOTTOM: 10},
    )
    return {"data": [_surface(relief, look), mark], "layout": layout}
