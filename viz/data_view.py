"""The data beside a data surface's map, with each run's model at the step shown.

A line y = w x + b over the points (linear regression), a probability curve
σ(w x + b) over the two classes (one-feature logistic regression), or the
decision boundary w₁x₁ + w₂x₂ = 0 among the classes (two features). The
points of the mini-batch of the step shown are ringed. Frames carry the
models and the ring, named as the map's frames: the chart follows the map's
play bar (``chart(..., follow="contour")``) and has none of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from optimizers.batches import PAD
from surfaces.data_surface import Data, DataSurface
from viz import tags
from viz.contour import MAX_FRAMES_2D
from viz.frames import build_frames, frame_steps
from viz.minibatch import first_batched
from viz.style import Look, Path, axis, base_layout, f32, sizes, top_legend

CLASS_COLORS = ("#3b6fb6", "#d9822b")  # class 0, class 1 (not run colours)
CURVE_POINTS = 60
MARGIN = 0.08  # of each axis span, around the data


def data_spec(
    surface: DataSurface,
    params: Mapping[str, float],
    paths: Sequence[Path],
    steps: int,
    *,
    look: Look,
    height: int = 330,
) -> dict:
    """The data, each path's model at the last step, and frames over the steps.

    Trace order: the data (one trace, or one per class), then one model per
    path, then the ring around the shown step's mini-batch (if a path has
    mini-batches). Frames carry the models and the ring.
    """
    data = surface.data_at(params)
    kind = _kind(surface, data)
    box = _box(data, kind)
    models = [_model(kind, p, box, look) for p in paths]
    batched = first_batched(paths)
    traces = [*_points(data, kind, look), *(m(steps) for m in models)]
    moving = list(range(len(traces) - len(models), len(traces)))
    if batched is not None:
        ring = _ring(data, kind, batched, look)
        traces.append(ring(steps))
        moving.append(len(traces) - 1)
    else:
        ring = None
    shown = frame_steps(steps, MAX_FRAMES_2D)

    def at(k: int) -> list[dict]:
        out = [m(k) for m in models]
        return out + ([ring(k)] if ring else [])

    return {
        "data": traces,
        "layout": _layout(kind, box, look, height),
        "frames": build_frames(shown, moving, at),
    }


def _kind(surface: DataSurface, data: Data) -> str:
    if data.inputs.shape[1] == 2:
        return "plane"
    return "line" if surface.loss_name == "squared" else "sigmoid"


def _box(data: Data, kind: str) -> tuple[tuple[float, float], tuple[float, float]]:
    x = data.inputs[:, 0]
    y = data.inputs[:, 1] if kind == "plane" else data.targets
    if kind == "sigmoid":
        y = np.array([0.0, 1.0])
    return _padded(x), _padded(y)


def _padded(values: np.ndarray) -> tuple[float, float]:
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = MARGIN * max(hi - lo, 1e-9)
    return lo - pad, hi + pad


def _coords(data: Data, kind: str) -> tuple[np.ndarray, np.ndarray]:
    if kind == "plane":
        return data.inputs[:, 0], data.inputs[:, 1]
    return data.inputs[:, 0], data.targets


def _points(data: Data, kind: str, look: Look) -> list[dict]:
    x, y = _coords(data, kind)
    size = sizes(look).dot + 3
    if kind == "line":
        groups = [(np.ones(len(x), bool), "#555", look.texts.data)]
    else:
        groups = [
            (data.targets < 0.5, CLASS_COLORS[0], look.texts.class_0),
            (data.targets >= 0.5, CLASS_COLORS[1], look.texts.class_1),
        ]
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": f32(x[mask]),
            "y": f32(y[mask]),
            "marker": {"size": size, "color": color, "opacity": 0.8},
            "name": name,
            "hovertemplate": "(%{x:.3g}, %{y:.3g})<extra></extra>",
        }
        for mask, color, name in groups
    ]


def _model(kind: str, path: Path, box, look: Look):
    """``at(k)``: the path's model at step k, as a trace."""
    (x0, x1), _ = box
    xs = np.linspace(x0, x1, CURVE_POINTS)

    def at(k: int) -> dict:
        w, b = path.points[min(k, len(path.points) - 1)]
        if kind == "line":
            x, y = xs[[0, -1]], w * xs[[0, -1]] + b
        elif kind == "sigmoid":
            x, y = xs, 0.5 * (1.0 + np.tanh(0.5 * (w * xs + b)))
        else:
            x, y = _boundary(w, b, box)
        return {
            "type": "scatter",
            "mode": "lines",
            "x": f32(x),
            "y": f32(y),
            "line": {"color": path.color, "width": sizes(look).path, "dash": path.dash},
            "name": path.label,
            "showlegend": False,  # the map's legend names the runs
            "hoverinfo": "skip",
        }

    return at


def _boundary(w1: float, w2: float, box) -> tuple[np.ndarray, np.ndarray]:
    """The line w₁x₁ + w₂x₂ = 0 across the box (none when w = 0)."""
    (x0, x1), (y0, y1) = box
    if not (np.isfinite(w1) and np.isfinite(w2)) or w1 == w2 == 0:
        return np.array([np.nan]), np.array([np.nan])
    reach = 2.0 * max(abs(x0), abs(x1), abs(y0), abs(y1))
    direction = np.array([-w2, w1]) / np.hypot(w1, w2)
    ends = np.outer([-reach, reach], direction)
    return ends[:, 0], ends[:, 1]


def _ring(data: Data, kind: str, path: Path, look: Look):
    """``at(k)``: open rings round the points of the batch that step k uses."""
    x, y = _coords(data, kind)
    last = len(path.batches) - 1

    def at(k: int) -> dict:
        row = path.batches[min(k, last)]
        chosen = row[row != PAD].astype(int)
        return {
            "type": "scatter",
            "mode": "markers",
            "x": f32(x[chosen]).tolist(),
            "y": f32(y[chosen]).tolist(),
            "marker": {
                "symbol": "circle-open",
                "size": sizes(look).dot + 12,
                "color": path.color,
                "line": {"width": 2.5},
            },
            "name": look.texts.batch,
            "hoverinfo": "skip",
        }

    return at


def _layout(kind: str, box, look: Look, height: int) -> dict:
    (x0, x1), (y0, y1) = box
    texts = look.texts
    x_title = "x₁" if kind == "plane" else texts.feature
    y_title = "x₂" if kind == "plane" else texts.target
    size = sizes(look)
    return base_layout(
        look,
        xaxis=axis(look, range=[x0, x1], title=x_title),
        yaxis=axis(look, range=[y0, y1], title=y_title),
        height=height,
        margin={"l": round(2.4 * size.font + 26), "r": 10, "t": 10, "b": 0},
        # Above the plot: below it, a narrow chart's legend wraps onto the
        # x axis' title.
        legend=top_legend(size.font, y=1.02),
        # A new data set (another N, seed, or z-scoring) is a new view.
        uirevision=f"{kind} {x0:.6g} {x1:.6g} {y0:.6g} {y1:.6g}",
        meta={tags.BOTTOM: round(2.2 * size.font + 20)},
    )
