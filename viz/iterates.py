"""x_t and f(x_t) against the step (1-D runs): the course's other picture,
beside the curve, animated in step with it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import tags
from viz.frames import build_frames, frame_steps
from viz.line1d import MAX_FRAMES_1D
from viz.style import (
    DEFAULT_LOOK,
    Look,
    Path,
    axis,
    base_layout,
    f32,
    marker_trace,
    sizes,
    thin,
)

PAD = 0.08  # of an axis' span, above and below: the markers stay whole
GAP = 0.08  # of the height, between the two panels


def iterates_spec(
    surface: Surface,
    paths: Sequence[Path],
    steps: int,
    *,
    look: Look = DEFAULT_LOOK,
) -> dict:
    """Two stacked panels sharing the step axis: x_t on top, f(x_t) below.

    One line per path in its colour and dash, in each panel, then one marker
    per path in each panel (``meta`` "path" / "marker"; top panel first).
    Frames move the markers; they are named as :func:`viz.line1d.line_spec`'s
    for the same ``steps`` (one play bar may drive both). No legend: the curve
    beside it carries the names in the same colours and dashes.

    The value axis spans what the runs visit inside the view box, so a run
    that leaves the box leaves this chart too rather than squashing the rest.
    """
    shown = frame_steps(steps, MAX_FRAMES_1D)
    n = len(paths)
    data = [_line(p, p.points[:, 0], "", look) for p in paths]
    data += [_line(p, p.values, "2", look) for p in paths]
    data += [_marker(p, _at(p, steps, 0), "", look) for p in paths]
    data += [_marker(p, _at(p, steps, 1), "2", look) for p in paths]

    def data_at(k: int) -> list[dict]:
        return [_at(p, k, panel) for panel in (0, 1) for p in paths]

    frames = build_frames(shown, range(2 * n, 4 * n), data_at)
    return {
        "data": data,
        "layout": _layout(surface, paths, steps, look),
        "frames": frames,
    }


def _line(p: Path, y: np.ndarray, panel: str, look: Look) -> dict:
    """A run's coordinate (or value) at every step, thinned for the payload."""
    idx = thin(len(y))
    return {
        "type": "scatter",
        "mode": "lines",
        "meta": tags.PATH,
        "xaxis": "x" + panel,
        "yaxis": "y" + panel,
        "x": idx.astype(np.int32),
        "y": f32(y[idx]),
        "line": {"color": p.color, "width": sizes(look).path, "dash": p.dash},
        "name": p.label,
        "legendgroup": p.label,
        "showlegend": False,
        "hovertemplate": f"{p.label}<br>%{{x}}: %{{y:.4g}}<extra></extra>",
    }


def _marker(p: Path, at: dict, panel: str, look: Look) -> dict:
    return {
        **marker_trace(p, at, look),
        "meta": "marker",
        # Whole at step 0 and at the last step, on the panel's edges.
        "cliponaxis": False,
        "xaxis": "x" + panel,
        "yaxis": "y" + panel,
    }


def _at(p: Path, k: int, panel: int) -> dict:
    """The marker at step ``k`` (the path's last past its end): x_t or f(x_t)."""
    k = min(k, len(p.points) - 1)
    y = p.points[k, 0] if panel == 0 else p.values[k]
    return {"x": [k], "y": [float(y)]}


def _visited(surface: Surface, paths: Sequence[Path]) -> tuple[np.ndarray, ...]:
    """The x and f(x) of every step inside the view box (finite ones)."""
    lo, hi = surface.domain[0]
    xs = np.concatenate([np.asarray(p.points[:, 0], np.float64) for p in paths])
    fs = np.concatenate([np.asarray(p.values, np.float64) for p in paths])
    keep = np.isfinite(xs) & np.isfinite(fs) & (xs >= lo) & (xs <= hi)
    return xs[keep], fs[keep]


def _span(values: np.ndarray, fallback: tuple[float, float]) -> list[float]:
    """A padded range around ``values``; a flat run gets a unit-wide one."""
    if len(values) == 0:
        return [float(v) for v in fallback]
    low, high = float(values.min()), float(values.max())
    pad = PAD * (high - low) if high > low else 0.5 * max(1.0, abs(low))
    return [low - pad, high + pad]


def _layout(surface: Surface, paths: Sequence[Path], steps: int, look: Look) -> dict:
    size = sizes(look)
    texts = look.texts
    below = round(2.2 * size.font + 20)
    xs, fs = _visited(surface, paths)
    steps_range = [0, max(int(steps), 1)]
    half = (1 - GAP) / 2
    return base_layout(
        look,
        # The top panel's step axis follows the bottom one, without labels.
        xaxis=axis(
            look, range=steps_range, matches="x2", showticklabels=False, anchor="y"
        ),
        xaxis2=axis(look, range=steps_range, title=texts.per_step, anchor="y2"),
        yaxis=axis(
            look,
            range=_span(xs, surface.domain[0]),
            title=texts.axis_x,
            domain=[1 - half, 1],
            anchor="x",
        ),
        yaxis2=axis(
            look,
            range=_span(fs, (0.0, 1.0)),
            title=texts.curve,
            domain=[0, half],
            anchor="x2",
        ),
        showlegend=False,
        uirevision=surface.key,
        height=540 if look.present else 480,
        margin={"l": round(3 * size.font + 26), "r": 20, "t": 20, "b": below},
        meta={tags.BOTTOM: below},
    )


def iterates_figure(*args, look: Look = DEFAULT_LOOK, **kwargs) -> go.Figure:
    """:func:`iterates_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(iterates_spec(*args, look=look, **kwargs), _validate=False)
