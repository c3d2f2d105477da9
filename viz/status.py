"""Where a run went wrong: the point it froze at or left the view by, marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from viz.style import BAD_STATUSES, Look, Path, sizes, with_status

Box = Sequence[tuple[float, float]]  # (lo, hi) per plotted coordinate

# Which way a triangle points when the run leaves by an edge: (axis, side).
_EDGE_SYMBOL = {
    (0, 0): "triangle-left",
    (0, 1): "triangle-right",
    (1, 0): "triangle-down",
    (1, 1): "triangle-up",
}


@dataclass(frozen=True)
class Ending:
    """The mark of a run that went wrong, in plot coordinates."""

    point: tuple[float, ...]  # inside the box (clipped), so it is always seen
    step: int  # the step it froze at (diverged_at) or left the view
    edge: tuple[int, int] | None  # (axis, 0 low | 1 high) it left by, if any


def ending(xy: np.ndarray, box: Box, frozen_at: int | None = None) -> Ending | None:
    """The last in-view point before the run's final excursion, moved to where
    the segment after it crosses the box; the frozen point if it never left.

    ``xy``: ``(n, d)`` plot coordinates, any may be non-finite. None when no
    row is finite.
    """
    xy = np.asarray(xy, dtype=np.float64)
    finite = np.isfinite(xy).all(axis=1)
    if not finite.any():
        return None
    lo = np.array([b[0] for b in box], dtype=np.float64)
    hi = np.array([b[1] for b in box], dtype=np.float64)
    with np.errstate(invalid="ignore"):
        inside = finite & ((xy >= lo) & (xy <= hi)).all(axis=1)
    last = len(xy) - 1
    if not inside.any():  # never in view: mark the first point it had
        k = int(np.flatnonzero(finite)[0])
        return Ending(tuple(np.clip(xy[k], lo, hi)), _step(k, frozen_at), None)
    if inside[last]:  # f blew up, the point did not leave: where it froze
        k = last if frozen_at is None else min(max(int(frozen_at), 0), last)
        k = int(np.flatnonzero(finite[: k + 1])[-1]) if finite[: k + 1].any() else 0
        return Ending(tuple(np.clip(xy[k], lo, hi)), _step(k, frozen_at), None)
    i = int(np.flatnonzero(inside)[-1])
    a, b = xy[i], xy[i + 1]
    point, edge = a, None
    if finite[i + 1]:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            t, edge = _crossing(a, b, lo, hi)
            crossed = a + t * (b - a)
        if np.isfinite(crossed).all():
            point = crossed
    return Ending(tuple(np.clip(point, lo, hi)), _step(i + 1, frozen_at), edge)


def in_view(xy: np.ndarray, box: Box) -> tuple[int, np.ndarray | None]:
    """How many leading rows of ``xy`` are in the box, and the point where the
    path first leaves it (None if it never does or jumps to non-finite)."""
    xy = np.asarray(xy, dtype=np.float64)
    lo = np.array([b[0] for b in box], dtype=np.float64)
    hi = np.array([b[1] for b in box], dtype=np.float64)
    with np.errstate(invalid="ignore"):
        inside = np.isfinite(xy).all(axis=1) & ((xy >= lo) & (xy <= hi)).all(axis=1)
    out = np.flatnonzero(~inside)
    k = int(out[0]) if len(out) else len(xy)
    if k == 0 or k == len(xy) or not np.isfinite(xy[k]).all():
        return k, None
    a, b = xy[k - 1], xy[k]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        t, _ = _crossing(a, b, lo, hi)
        point = a + t * (b - a)
    return k, np.clip(point, lo, hi) if np.isfinite(point).all() else None


def _step(exit_step: int, frozen_at: int | None) -> int:
    return int(frozen_at) if frozen_at is not None else int(exit_step)


def _crossing(a, b, lo, hi) -> tuple[float, tuple[int, int] | None]:
    """The fraction of a -> b (a inside) at which it first leaves the box."""
    best, edge = 1.0, None
    for axis in range(len(a)):
        d = b[axis] - a[axis]
        for side, bound in ((0, lo[axis]), (1, hi[axis])):
            if (side == 0 and d < 0) or (side == 1 and d > 0):
                t = (bound - a[axis]) / d
                if 0.0 <= t < best:
                    best, edge = float(t), (axis, side)
    return best, edge


def stop(path: Path, xy: np.ndarray, box: Box) -> Ending | None:
    """The path's :class:`Ending` if its status is a bad one, else None.

    ``xy``: the path in plot coordinates ``(n, 2)``.
    """
    if path.status not in BAD_STATUSES:
        return None
    return ending(xy, box, path.diverged_at)


def legend_name(path: Path, end: Ending | None, look: Look) -> str:
    """The path's label, and how it ended if it went wrong."""
    return with_status(path, look.texts, end.step if end else path.diverged_at)


def status_traces(
    paths: Sequence[Path], endings: Sequence[Ending | None], look: Look
) -> list[dict]:
    """One mark per path that went wrong, in its colour, at its ending."""
    return [
        _mark(p, end, look)
        for p, end in zip(paths, endings, strict=True)
        if end is not None
    ]


def _mark(path: Path, end: Ending, look: Look) -> dict:
    symbol = "circle-x" if path.status == "diverged" else "triangle-up"
    if path.status != "diverged" and end.edge is not None:
        symbol = _EDGE_SYMBOL.get(end.edge, symbol)
    texts = look.texts
    words = texts.status_at.format(status=texts.status(path.status), step=end.step)
    return {
        "type": "scatter",
        "mode": "markers",
        "meta": "status",
        "x": [float(end.point[0])],
        "y": [float(end.point[1])],
        # On the box's edge: drawn whole, not cut in half by the axes.
        "cliponaxis": False,
        "marker": {
            "symbol": symbol,
            "size": sizes(look).status,
            "color": path.color,
            "line": {"width": 2, "color": "white"},
        },
        "name": path.label,
        "legendgroup": path.label,
        "showlegend": False,
        "hovertemplate": f"{path.label}<br>{words}<extra></extra>",
    }
