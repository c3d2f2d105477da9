"""1-D loss-landscape figures: losses along a line through weight space, one
colour per curve, training loss solid and validation loss dashed, all on one
axis (the initial-to-final interpolation; sharp against flat). Plain dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from viz.landscape import extent, finite, legend_above
from viz.style import DEFAULT_LOOK, Look, axis, base_layout, f32, sizes


class Line(NamedTuple):
    """One curve: its name and colour, the positions, the two losses there."""

    label: str
    color: str
    x: np.ndarray  # (n,) t or α
    train: np.ndarray  # (n,)
    val: np.ndarray  # (n,)


def lines_spec(
    lines: Sequence[Line],
    *,
    x_title: str,
    y_title: str,
    dashed: str,
    look: Look = DEFAULT_LOOK,
    marks: Sequence[tuple[float, str]] = (),
    height: int = 420,
) -> dict:
    """Each line's training loss (solid, in the legend) and validation loss
    (dashed, grouped with it); a grey dashed legend entry named ``dashed``
    says what dashes mean. ``marks``: ``(x, label)`` dotted verticals (t = 0,
    t = 1) labelled at the top.

    Trace order: per line its training then its validation curve, then the
    legend entry for dashes.
    """
    size = sizes(look)
    data = [_curve(line, kind, look) for line in lines for kind in ("train", "val")]
    data.append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": [None],
            "y": [None],
            "line": {"color": "#777", "width": size.path, "dash": "dash"},
            "name": dashed,
            "hoverinfo": "skip",
        }
    )
    top, legend = legend_above([line.label for line in lines] + [dashed], look)
    xs = np.concatenate([np.asarray(line.x) for line in lines]) if lines else [0, 1]
    layout = base_layout(
        look,
        xaxis=axis(look, title=x_title, range=extent(xs)),
        yaxis=axis(look, title=y_title, rangemode="tozero"),
        height=height + (60 if look.present else 0),
        margin={"l": round(2.6 * size.font + 30), "r": 16, "t": top, "b": 60},
        legend=legend,
        shapes=[_vertical(x) for x, _ in marks],
        annotations=[_label(x, text, look) for x, text in marks],
    )
    return {"data": data, "layout": layout}


def _curve(line: Line, kind: str, look: Look) -> dict:
    values = line.train if kind == "train" else line.val
    return {
        "type": "scatter",
        "mode": "lines",
        "meta": kind,
        "x": f32(line.x),
        "y": f32(finite(values)),
        "line": {
            "color": line.color,
            "width": sizes(look).path,
            "dash": "solid" if kind == "train" else "dash",
        },
        "name": line.label,
        "legendgroup": line.label,
        "showlegend": kind == "train",
        "hovertemplate": f"{line.label}<br>%{{x:.3g}}: %{{y:.4g}}<extra></extra>",
    }


def _vertical(x: float) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": "#555", "width": 1.2, "dash": "dot"},
    }


def _label(x: float, text: str, look: Look) -> dict:
    return {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "yanchor": "top",
        "xanchor": "left",
        "text": text,
        "showarrow": False,
        "font": {"size": sizes(look).font},
        "bgcolor": "rgba(255,255,255,0.8)",
    }
