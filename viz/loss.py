"""Loss against step, on a log scale when there is a minimum to measure from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz.marks import extrema
from viz.status import legend_name, stop
from viz.style import (
    DEFAULT_LOOK,
    Look,
    Path,
    axis,
    base_layout,
    f32,
    sizes,
    thin,
    top_legend,
)

FLOOR = 1e-16  # float64 round-off: a gap below this is "at the minimum"


def loss_spec(
    surface: Surface,
    paths: Sequence[Path],
    per: str = "step",
    *,
    look: Look = DEFAULT_LOOK,
    params: Mapping[str, float] | None = None,
) -> dict:
    """``f(x_t) - f*`` on a log axis, or ``f(x_t)`` where no minimum exists.

    Maximising (``look.maximize``), the gap is ``f* - f(x_t)`` to the best
    documented maximum. ``per="evaluation"`` puts the evaluations used so far
    on the x axis (a fair race between a cheap step and an expensive one);
    paths without an ``evaluations`` count keep the step. ``params``: the
    surface parameters (f* of a data surface follows its data).
    """
    found = [m.value for m in extrema(surface, look, params)]
    best = (max if look.maximize else min)(found, default=None)
    sign = -1.0 if look.maximize else 1.0
    texts = look.texts
    data = []
    for p in paths:
        idx = thin(len(p.values))
        values = np.asarray(p.values[idx], dtype=np.float64)
        y = values if best is None else np.maximum(sign * (values - best), FLOOR)
        by_evals = per == "evaluation" and p.evaluations is not None
        x = np.asarray(p.evaluations)[idx] if by_evals else idx
        end = stop(p, p.points, surface.domain)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": x.astype(np.int32),
                "y": f32(y),
                "line": {"color": p.color, "width": sizes(look).path, "dash": p.dash},
                "name": legend_name(p, end, look),
                "legendgroup": p.label,
                "hovertemplate": f"{p.label}<br>%{{x}}: %{{y:.4g}}<extra></extra>",
            }
        )
    if best is None:
        y_title = texts.curve
    else:
        y_title = texts.gap_max if look.maximize else texts.gap
    layout = base_layout(
        look,
        xaxis=axis(
            look, title=texts.per_evaluation if per == "evaluation" else texts.per_step
        ),
        yaxis=axis(
            look,
            title=y_title,
            type="log" if best is not None else "linear",
            exponentformat="power",
            # The margin grows to hold 10⁻¹² and the title beside it, which
            # the fixed 50 px overlapped.
            automargin=True,
        ),
        height=400 if look.present else 340,
        legend=top_legend(sizes(look).font, y=1.02),
    )
    return {"data": data, "layout": layout}


def loss_figure(*args, look: Look = DEFAULT_LOOK, **kwargs) -> go.Figure:
    """:func:`loss_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(loss_spec(*args, look=look, **kwargs), _validate=False)
