"""The decision boundary at one step: the net's probability of class 1 over
the data's box, its ½ level line, and the training and validation points.

A single static picture: the page recomputes it for the step chosen and the
chart component redraws it with ``Plotly.react``; it has no animation frames,
so the probability field never travels in one (NOTES.md).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from surfaces.network.data import Split
from viz import tags
from viz.data_view import CLASS_COLORS
from viz.network import CHART_WIDTH, MARK, _words
from viz.style import (
    DEFAULT_LOOK,
    Look,
    axis,
    base_layout,
    f32,
    legend_height,
    legend_rows,
    sizes,
    top_legend,
)

# Light blue (class 0) through white (undecided) to light orange (class 1).
PROBABILITY_SCALE = [[0.0, "#bcd3ee"], [0.5, "#ffffff"], [1.0, "#f5cfa6"]]


def boundary_spec(
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    split: Split,
    step: int,
    words: Mapping[str, str] | None = None,
    look: Look = DEFAULT_LOOK,
    plot: int = 340,
) -> dict:
    """The net's P(class 1) at ``step`` over the data's box
    (``probability_grid``'s ``(xs, ys, p)``), its ½ level line, and the
    points: training filled, validation open."""
    w = _words(words)
    xs, ys, p = grid
    size = sizes(look)
    field = {
        "type": "contour",
        "meta": "probability",
        "x": f32(xs),
        "y": f32(ys),
        "z": f32(p),
        "zmin": 0.0,
        "zmax": 1.0,
        "colorscale": PROBABILITY_SCALE,
        # The shading is the probability; the one line drawn is p = ½.
        "contours": {"coloring": "heatmap", "start": 0.5, "end": 0.5, "size": 1},
        "line": {"color": MARK, "width": 3},
        "showscale": False,
        "name": w["boundary"],
        "showlegend": True,
        "hovertemplate": f"x₁ %{{x:.2f}}, x₂ %{{y:.2f}}<br>{w['probability']} "
        "= %{z:.2f}<extra></extra>",
    }
    points = [
        _points(split.X_train, split.y_train, label, w[f"class_{label}"], look, True)
        for label in (0, 1)
    ] + [
        _points(split.X_val, split.y_val, label, w["validation_points"], look, False)
        for label in (0, 1)
    ]
    points[3]["showlegend"] = False  # one legend entry for the validation points
    (x0, x1), (y0, y1) = (xs[0], xs[-1]), (ys[0], ys[-1])
    names = [w["boundary"], w["class_0"], w["class_1"], w["validation_points"]]
    # As the playground's map: the legend's rows above the plot (the chart
    # component measures them and fits the figure to the map), equal scales.
    top = legend_height(legend_rows(names, size.font, CHART_WIDTH), size.font) + 8
    below = round(2.2 * size.font + 20)
    layout = base_layout(
        look,
        height=plot + top + below,
        margin={"l": round(2.4 * size.font + 20), "r": 12, "t": top, "b": below},
        xaxis=axis(look, title="x₁", range=[float(x0), float(x1)], constrain="domain"),
        yaxis=axis(
            look,
            title="x₂",
            range=[float(y0), float(y1)],
            scaleanchor="x",
            scaleratio=1,
            constrain="domain",
        ),
        legend=top_legend(size.font),
        hovermode="closest",
        # Zoom survives a step move; a new data box is a new view.
        uirevision=f"{x0:.6g} {x1:.6g} {y0:.6g} {y1:.6g}",
        meta={"step": int(step), tags.BOTTOM: below},
    )
    return {"data": [field, *points], "layout": layout}


def _points(X, y, label: int, name: str, look: Look, filled: bool) -> dict:
    rows = np.asarray(y) == label
    size = sizes(look).dot + (5 if filled else 6)
    color = CLASS_COLORS[label]
    marker = (
        {"color": color, "line": {"width": 1, "color": "white"}}
        if filled
        else {"color": color, "symbol": "circle-open", "line": {"width": 2.5}}
    )
    return {
        "type": "scatter",
        "mode": "markers",
        "meta": f"{'train' if filled else 'val'}_{label}",
        "x": f32(np.asarray(X)[rows, 0]),
        "y": f32(np.asarray(X)[rows, 1]),
        "marker": {"size": size, **marker},
        "name": name,
        "legendgroup": name if not filled else f"class_{label}",
        "hovertemplate": f"{name}<br>(%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
    }


def square_box(
    box: tuple[tuple[float, float], tuple[float, float]],
) -> tuple[tuple[float, float], tuple[float, float]]:
    """``box`` widened about its centre along its shorter side to a square:
    with equal scales on both axes the boundary's plot then fills its area."""
    (x0, x1), (y0, y1) = box
    half = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - half, cx + half), (cy - half, cy + half)
