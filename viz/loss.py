"""Loss against step, on a log scale when there is a minimum to measure from."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz.style import Path, base_layout, f32, thin

FLOOR = 1e-16  # float64 round-off: a gap below this is "at the minimum"


def loss_spec(surface: Surface, paths: Sequence[Path], per: str = "step") -> dict:
    """``f(x_t) - f*`` on a log axis, or ``f(x_t)`` where no minimum exists.

    ``per="evaluation"`` puts the evaluations used so far on the x axis (a
    fair race between a cheap step and an expensive one); paths without an
    ``evaluations`` count keep the step.
    """
    best = min((m.value for m in surface.minima), default=None)
    data = []
    for p in paths:
        idx = thin(len(p.values))
        values = np.asarray(p.values[idx], dtype=np.float64)
        y = values if best is None else np.maximum(values - best, FLOOR)
        by_evals = per == "evaluation" and p.evaluations is not None
        x = np.asarray(p.evaluations)[idx] if by_evals else idx
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": x.astype(np.int32),
                "y": f32(y),
                "line": {"color": p.color, "width": 2.5},
                "name": p.label,
            }
        )
    y_title = "f(x) − f*" if best is not None else "f(x)"
    layout = base_layout(
        xaxis={"title": {"text": "evaluations" if per == "evaluation" else "step"}},
        yaxis={
            "title": {"text": y_title},
            "type": "log" if best is not None else "linear",
            "exponentformat": "power",
        },
        height=340,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return {"data": data, "layout": layout}


def loss_figure(*args, **kwargs) -> go.Figure:
    """:func:`loss_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(loss_spec(*args, **kwargs), _validate=False)
