"""Learning rate against update index: what a schedule does, at a glance."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from viz.style import base_layout, f32, thin


def schedule_spec(curves: Sequence[tuple[str, str, np.ndarray]], steps: int) -> dict:
    """A small line chart of ``lr`` over ``t = 0 .. steps - 1``, one line per curve.

    Args:
        curves: ``(label, color, lr)`` with ``lr[t]`` the learning rate of
            update ``t``; only the first ``steps`` values are drawn.
        steps: the number of updates shown.
    """
    data = []
    for label, color, lr in curves:
        lr = np.asarray(lr, dtype=np.float64)[:steps]
        idx = thin(len(lr))  # a schedule is smooth or piecewise: 1000 points do
        idx = idx[np.isfinite(lr[idx])]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": idx.astype(np.int32),
                "y": f32(lr[idx]),
                "line": {"color": color, "width": 2},
                "name": label,
                "hovertemplate": f"{label}<br>t %{{x}}<br>lr %{{y:.4g}}<extra></extra>",
            }
        )
    layout = base_layout(
        xaxis={"title": {"text": "t"}, "range": [0, max(steps - 1, 1)]},
        yaxis={
            "title": {"text": "lr"},
            "rangemode": "tozero",
            "exponentformat": "power",
        },
        height=180,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        showlegend=len(data) > 1,
        # Inside the plot: a legend above it would need a taller chart.
        legend={"x": 1, "xanchor": "right", "y": 1, "bgcolor": "rgba(255,255,255,0.7)"},
    )
    return {"data": data, "layout": layout}


def schedule_figure(*args, **kwargs) -> go.Figure:
    """:func:`schedule_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(schedule_spec(*args, **kwargs), _validate=False)
