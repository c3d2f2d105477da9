"""Figures of the networks page: the words and pieces they share, and the
training curves with the early-stopping marks. The decision boundary is in
``viz/network_boundary.py``, the comparisons in ``viz/network_compare.py``.

Builders take the words they show (``words``, English by default) and return
plain dicts; none has animation frames.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from surfaces.network.history import History
from viz.style import (
    DEFAULT_LOOK,
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

TRAIN, VAL, BATCH, MARK = "#0072B2", "#D55E00", "#b0b0b0", "#111111"
WORDS = {
    "step": "step",
    "loss": "loss",
    "accuracy": "accuracy",
    "training": "training",
    "validation": "validation",
    "batch_loss": "mini-batch",
    "lowest": "lowest validation loss",
    "early_stop": "early stop",
    "kept": "weights kept",
    "class_0": "class 0",
    "class_1": "class 1",
    "validation_points": "validation (open)",
    "boundary": "boundary p = ½",
    "probability": "P(class 1)",
    "layer": "layer",
    "grad_norm": "‖∂L/∂W‖ at step 0",
    "first_loss": "training loss",
    "weight_norm": "‖W‖ (weights)",
    "log2": "log 2",
}
CHART_WIDTH = 430  # px of a chart in a half-width column at 1280 × 720


@dataclass(frozen=True)
class Curve:
    """One training run on the curves chart: its words and its dash."""

    history: History
    label: str = ""  # added to the legend names ("training · ℓ2"); "" for none
    dash: str = "solid"


def _words(words: Mapping[str, str] | None) -> dict[str, str]:
    return WORDS | dict(words or {})


def _name(word: str, label: str) -> str:
    return f"{word} · {label}" if label else word


def _line(x, y, name: str, color: str, look: Look, **extra) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "x": np.asarray(x, np.int32),
        "y": f32(y),
        "name": name,
        "line": {"color": color, "width": sizes(look).path, **extra.pop("line", {})},
        **extra,
    }


def _frame(
    look: Look,
    plot: int,
    names: Sequence[str],
    left: int | None = None,
    width: int = CHART_WIDTH,
) -> dict:
    """Height, margins and a horizontal legend above a plotting area ``plot``
    pixels high (its rows estimated for a chart ``width`` pixels wide). Above,
    a legend with more rows than estimated pushes the plot down instead of
    running into the axis titles below it."""
    font = sizes(look).font
    under = round(2.2 * font + 20)  # tick labels and the axis title
    rows = legend_rows(names, font, width)
    top = legend_height(rows, font) + 8 if names else 12
    return {
        "height": plot + top + under,
        "margin": {
            "l": round(2.6 * font + 22) if left is None else left,
            "r": 12,
            "t": top,
            "b": under,
        },
        "legend": top_legend(font),
    }


def curves_spec(
    curves: Sequence[Curve],
    shown: int | None = None,
    words: Mapping[str, str] | None = None,
    look: Look = DEFAULT_LOOK,
    plot: int = 340,
) -> dict:
    """Loss (top) and accuracy (bottom) against the step, training and
    validation, for each run; the first run's early-stopping marks: a star at
    its lowest validation loss (``best_step``), a dashed line where early
    stopping halts (``stopped_at``) and a ring on the weights it keeps
    (``restored_step``) when those differ from the lowest. A single run also
    shows each update's mini-batch loss; ``shown`` draws a thin line at the
    step the boundary shows.
    """
    w = _words(words)
    data: list[dict] = []
    single = len(curves) == 1
    for c in curves:
        h = c.history
        idx = thin(len(h.train_loss))
        if single and h.batches_per_epoch > 1:
            batch = thin(len(h.batch_loss))
            data.append(
                _line(
                    batch,
                    h.batch_loss[batch],
                    w["batch_loss"],
                    BATCH,
                    look,
                    line={"width": 1},
                    opacity=0.8,
                    hoverinfo="skip",
                )
            )
        for key, color, loss, acc in (
            ("training", TRAIN, h.train_loss, h.train_acc),
            ("validation", VAL, h.val_loss, h.val_acc),
        ):
            name = _name(w[key], c.label)
            group = {"legendgroup": name, "line": {"dash": c.dash}}
            tip = f"{name}<br>{w['step']} %{{x}}: %{{y:.4g}}<extra></extra>"
            data.append(
                _line(idx, loss[idx], name, color, look, hovertemplate=tip, **group)
            )
            data.append(
                _line(
                    idx,
                    acc[idx],
                    name,
                    color,
                    look,
                    hovertemplate=tip,
                    yaxis="y2",
                    showlegend=False,
                    **group,
                )
            )
    data += _stop_marks(curves[0].history, w, look)
    top = _loss_top(curves)
    names = [d["name"] for d in data if d.get("showlegend", True)]
    shapes = []
    if shown is not None:
        shapes.append(_vertical(shown, "#888888", "dot", 1.5))
    layout = base_layout(
        look,
        **_frame(look, plot, names),
        xaxis=axis(look, title=w["step"], anchor="y2", range=_x_range(curves)),
        yaxis=axis(look, title=w["loss"], domain=[0.44, 1.0], range=[0, top]),
        yaxis2=axis(
            look,
            title=w["accuracy"],
            domain=[0.0, 0.34],
            range=[0, 1.04],
            tickformat=".0%",
            dtick=0.5,
        ),
        shapes=shapes,
        hovermode="closest",
        uirevision="curves",
    )
    return {"data": data, "layout": layout}


def _x_range(curves: Sequence[Curve]) -> list[float]:
    steps = max(c.history.steps for c in curves)
    return [0, max(steps, 1)]


def _loss_top(curves: Sequence[Curve]) -> float:
    """The loss axis' top: the highest training or validation loss drawn (the
    mini-batch losses, noisier, may leave it)."""
    tops = [
        float(np.max(np.concatenate([c.history.train_loss, c.history.val_loss])))
        for c in curves
    ]
    return 1.1 * max(max(tops), 1e-3)


def _vertical(x: float, color: str, dash: str, width: float) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "dash": dash, "width": width},
        "layer": "below",
    }


def _stop_marks(h: History, w: Mapping[str, str], look: Look) -> list[dict]:
    """The lowest validation loss, and early stopping's halt and kept weights."""
    size = sizes(look).marker
    best = h.best_step
    marks = [
        {
            "type": "scatter",
            "mode": "markers",
            "meta": "best",
            "x": [best],
            "y": [float(h.val_loss[best])],
            "marker": {
                "symbol": "star",
                "size": size + 4,
                "color": MARK,
                "line": {"width": 1, "color": "white"},
            },
            "name": w["lowest"],
            "hovertemplate": f"{w['lowest']}<br>{w['step']} %{{x}}: %{{y:.4g}}"
            "<extra></extra>",
        }
    ]
    if h.stopped_at is None:
        return marks
    stop = h.stopped_at
    top = float(max(np.max(h.train_loss), np.max(h.val_loss))) * 1.05
    marks.append(
        {
            "type": "scatter",
            "mode": "lines",
            "meta": "early_stop",
            "x": [stop, stop],
            "y": [0.0, top],
            "line": {"color": MARK, "dash": "dash", "width": 2},
            "name": w["early_stop"],
            "hovertemplate": f"{w['early_stop']}<br>{w['step']} {stop}<extra></extra>",
        }
    )
    kept = h.restored_step
    if kept != best:
        marks.append(
            {
                "type": "scatter",
                "mode": "markers",
                "meta": "kept",
                "x": [kept],
                "y": [float(h.val_loss[kept])],
                "marker": {
                    "symbol": "circle-open",
                    "size": size + 4,
                    "color": MARK,
                    "line": {"width": 3},
                },
                "name": w["kept"],
                "hovertemplate": f"{w['kept']}<br>{w['step']} %{{x}}<extra></extra>",
            }
        )
    return marks
