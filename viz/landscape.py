"""Loss-landscape figures (Li et al. 2018): a plane of losses as a contour map,
with optimizer paths projected on it. Plain dicts.

The same plane in 3-D is in viz/landscape3d.py; the 1-D curves
(interpolation, sharp against flat) in viz/landscape_lines.py.
Heights follow the app's rule (``viz.heights.choose_heights``: logarithmic
levels where the grid spans decades); figures compared side by side share
one :class:`Scale`, so equal colours mean equal losses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from viz import tags
from viz.heights import Heights, _short, choose_heights
from viz.style import (
    DEFAULT_LOOK,
    LIGHT_SCALE,
    Look,
    axis,
    base_layout,
    f32,
    legend_height,
    legend_rows,
    sizes,
    thin,
    top_legend,
)
from viz.surface3d import nice_ticks

MAX_DOTS = 120  # a dot per recorded step up to this many; a plain line beyond
LEVELS = 24
MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)  # candidate colour-bar labels per decade


class PlanePath(NamedTuple):
    """An optimizer's recorded weights projected on a plane."""

    label: str
    color: str
    coords: np.ndarray  # (R, 2) the projections
    steps: np.ndarray  # (R,) the steps they were recorded at
    losses: np.ndarray  # (R,) the loss of the weights themselves (hovers)
    dash: str = "solid"


class Scale(NamedTuple):
    """Drawn heights and their range: one for figures compared side by side."""

    heights: Heights
    low: float  # drawn height of the colour scale's bottom
    high: float


def finite(losses: np.ndarray) -> np.ndarray:
    """Non-finite losses (a net far out overflows) drawn as the largest finite
    one: no NaN reaches a figure."""
    z = np.asarray(losses, np.float64)
    good = np.isfinite(z)
    top = float(z[good].max()) if good.any() else 0.0
    return np.where(good, z, top)


def shared_scale(*grids: np.ndarray) -> Scale:
    """One scale for several grids (their values pooled)."""
    pooled = np.concatenate([finite(g).ravel() for g in grids])
    heights = choose_heights(pooled)
    shown = heights(pooled)
    low, high = float(shown.min()), float(shown.max())
    return Scale(heights, low, high if high > low else low + 1.0)


def plane_spec(
    alphas: np.ndarray,
    betas: np.ndarray,
    losses: np.ndarray,
    *,
    x_title: str,
    y_title: str,
    colorbar: str,
    look: Look = DEFAULT_LOOK,
    paths: Sequence[PlanePath] = (),
    center: str = "",
    start: str = "",
    scale: Scale | None = None,
    height: int = 520,
) -> dict:
    """Contour map of ``losses`` (rows β, columns α), with a cross at (0, 0)
    named ``center`` (if given), and each path as a line through its
    projected points with a dot at its end; ``start``, if given, names an
    open circle at the first path's start (the shared initialisation).

    Trace order: contour, then per path its line and its end dot, then the
    start and the centre marks.
    """
    z = finite(losses)
    scale = scale or shared_scale(z)
    data = [_contour(alphas, betas, z, scale, colorbar, look)]
    size = sizes(look)
    for p in paths:
        data += [_path_line(p, look), _path_end(p, look)]
    if start and paths:
        first = paths[0].coords[0]
        data.append(_mark(first, start, "circle-open", size.start, look))
    if center:
        data.append(_mark((0.0, 0.0), center, "x", size.start, look))
    names = [p.label for p in paths] + [n for n in (start, center) if n]
    top, legend = legend_above(names, look)
    layout = base_layout(
        look,
        xaxis=axis(look, title=x_title, range=extent(alphas)),
        yaxis=axis(look, title=y_title, range=extent(betas)),
        height=height + (60 if look.present else 0),
        margin={"l": round(2.6 * size.font + 30), "r": 10, "t": top, "b": 60},
        legend=legend,
        showlegend=bool(names),
    )
    return {"data": data, "layout": layout}


def legend_above(names: Sequence[str], look: Look, width: int = 540) -> tuple:
    """A horizontal legend above the plot: the top margin its rows need (in
    a half column about ``width`` px wide) and the legend itself."""
    font = sizes(look).font
    top = legend_height(legend_rows(names, font, width), font) + 8
    return top, top_legend(font)


def extent(values: np.ndarray) -> list[float]:
    """An axis range: ``[min, max]`` of its values."""
    return [float(np.min(values)), float(np.max(values))]


def _contour(xs, ys, z, scale: Scale, title: str, look: Look) -> dict:
    shown = scale.heights(z)
    font = {"size": sizes(look).font}
    tickvals, ticktext = colorbar_ticks(scale)
    colorbar = {
        # On top, not beside: the map keeps the width of a half column.
        "title": {"text": title, "font": font, "side": "top"},
        "tickfont": font,
        "thickness": 16 if look.present else 12,
        "xpad": 6,
        "tickvals": tickvals,
        "ticktext": ticktext,
    }
    hover = "α %{x:.3g}, β %{y:.3g}"
    if not scale.heights.log:
        hover += f"<br>{title} %{{z:.4g}}"
    return {
        "type": "contour",
        "x": f32(xs),
        "y": f32(ys),
        "z": f32(shown),
        "zmin": scale.low,
        "zmax": scale.high,
        "autocontour": False,
        # Fixed levels: two maps on one scale have the same level lines.
        "contours": {
            "start": scale.low,
            "end": scale.high,
            "size": (scale.high - scale.low) / LEVELS,
            "coloring": "fill",
            "showlines": True,
        },
        "colorscale": LIGHT_SCALE,
        "line": {"width": 0.8, "color": "rgba(30,30,30,0.45)"},
        "colorbar": colorbar,
        "hovertemplate": hover + "<extra></extra>",
        "showlegend": False,
    }


def colorbar_ticks(scale: Scale, count: int = 6) -> tuple[list, list]:
    """Colour-bar ticks at round losses: positions in drawn heights, labels in
    loss. On a logarithmic scale the bottom (the lowest loss) is labelled
    too, then round values (1, 1.5, 2, 3, 5, 7 per decade) spread evenly."""
    heights, low, high = scale
    if not heights.log:
        values = nice_ticks(low, high, count=count - 1, margin=0.0)
        return values, [_short(v) for v in values]
    top = 10**high - heights.delta + heights.floor
    decades = range(int(np.floor(np.log10(max(heights.delta, 1e-300)))) - 1, 40)
    candidates = [
        m * 10.0**e
        for e in decades
        if 10.0**e <= 10 * top
        for m in MANTISSAS
        if heights.floor < m * 10.0**e <= top
    ]
    gap = (high - low) / (count + 1)
    values, positions = [heights.floor], [low]
    for f in candidates:
        at = float(heights(f))
        if at - positions[-1] >= gap and high - at >= gap / 2:
            values.append(f)
            positions.append(at)
    return positions, [_short(v) for v in values]


def _path_line(p: PlanePath, look: Look) -> dict:
    idx = thin(len(p.coords))
    size = sizes(look)
    return {
        "type": "scatter",
        "mode": "lines+markers" if len(idx) <= MAX_DOTS else "lines",
        "meta": tags.PATH,
        "x": f32(p.coords[idx, 0]),
        "y": f32(p.coords[idx, 1]),
        "line": {"color": p.color, "width": size.path, "dash": p.dash},
        "marker": {"size": size.dot, "color": p.color},
        "name": p.label,
        "legendgroup": p.label,
        "customdata": np.stack([p.steps[idx], p.losses[idx]], axis=1).astype(
            np.float32
        ),
        "hovertemplate": f"{p.label}<br>{look.texts.step_at('%{customdata[0]}')}"
        "<br>%{customdata[1]:.4g}<extra></extra>",
    }


def _path_end(p: PlanePath, look: Look) -> dict:
    x, y = (float(v) for v in p.coords[-1])
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [x],
        "y": [y],
        "marker": {
            "size": sizes(look).marker,
            "color": p.color,
            "line": {"width": 2, "color": "white"},
        },
        "name": p.label,
        "legendgroup": p.label,
        "showlegend": False,
        "hovertemplate": f"{p.label} ({x:.3g}, {y:.3g})<extra></extra>",
    }


def _mark(at, name: str, symbol: str, size: int, look: Look) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(at[0])],
        "y": [float(at[1])],
        "marker": {
            "symbol": symbol,
            "size": size,
            "color": "#111",
            "line": {"width": 2},
        },
        "name": name,
        "hovertemplate": f"{name}<extra></extra>",
    }
