"""Mini-batches on the map of a data surface: epoch marks and the batch's own
loss surface.

The lesson (course parts 000–004): a stochastic gradient is the gradient of a
random surface. The map shows the full loss; behind the paths, faint level
lines show the loss of the mini-batch that the step on the step slider uses,
so the step taken is downhill on *that* surface. Its level lines are not
carried in animation frames (a contour in frames breaks plotly, NOTES.md):
the chart component computes them in the browser, for the step shown, when
the animation is paused or scrubbed (ui/assets/batch.js), from the data and
the batch indices in ``layout.meta.batch``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from optimizers.batches import PAD
from surfaces.data_surface import DataSurface
from viz import tags
from viz.style import Look, Path, f32, sizes

BATCH_GRID = 41  # level lines of the batch surface: 41 × 41 points in the browser
BATCH_META = tags.BATCH  # the trace's meta and the layout.meta key batch.js reads
EPOCHS_META = "epochs"


def first_batched(paths: Sequence[Path]) -> Path | None:
    """The path whose mini-batches the map shows (the first that has them)."""
    return next((p for p in paths if p.batches is not None), None)


def epoch_traces(paths: Sequence[Path], look: Look) -> list[dict]:
    """Per mini-batch path, a small mark where each epoch after the first begins."""
    out = []
    for p in paths:
        if p.epochs is None:
            continue
        starts = p.epochs[(p.epochs > 0) & (p.epochs < len(p.points))]
        out.append(
            {
                "type": "scatter",
                "mode": "markers",
                "meta": EPOCHS_META,
                "x": f32(p.points[starts, 0]),
                "y": f32(p.points[starts, 1]),
                "customdata": np.arange(1, len(starts) + 1, dtype=np.int32),
                "marker": {
                    "symbol": "diamond-open",
                    "size": sizes(look).dot + 5,
                    "color": p.color,
                    "line": {"width": 2, "color": p.color},
                },
                "name": f"{p.label}: {look.texts.epochs}",
                "legendgroup": p.label,
                "showlegend": False,
                "hovertemplate": f"{p.label}<br>{look.texts.epoch} %{{customdata}}"
                "<extra></extra>",
            }
        )
    return out


def batch_surface_trace(surface: DataSurface, path: Path, look: Look) -> dict:
    """The batch surface's level lines, hidden until the browser computes them."""
    (x0, x1), (y0, y1) = surface.domain
    return {
        "type": "contour",
        "meta": BATCH_META,
        "visible": False,
        "x": f32(np.linspace(x0, x1, BATCH_GRID)),
        "y": f32(np.linspace(y0, y1, BATCH_GRID)),
        "z": np.zeros((BATCH_GRID, BATCH_GRID), dtype=np.float32),
        "ncontours": 18,
        "contours": {"coloring": "lines"},
        "colorscale": [[0, path.color], [1, path.color]],
        "line": {"width": 1.6 if look.present else 1.2, "dash": "dot"},
        "opacity": 0.75,
        "showscale": False,
        "hoverinfo": "skip",
        # No legend group: the label changes with the run's settings, and a
        # changed contour would cost every slider move a full redraw.
        "name": look.texts.batch_loss,
    }


def batch_meta(
    surface: DataSurface,
    params: Mapping[str, float],
    path: Path,
    shown: Sequence[int],
) -> dict:
    """What the browser needs to draw the batch surface of any frame.

    ``steps`` maps a frame's name (its step k) to the points of the batch that
    moves the run on from step k (the last step shows the last batch used).
    """
    data = surface.data_at(params)
    (x0, x1), (y0, y1) = surface.domain
    last = len(path.batches) - 1
    steps = {}
    for k in shown:
        row = path.batches[min(int(k), last)]
        steps[str(int(k))] = row[row != PAD].astype(int).tolist()
    return {
        "loss": surface.loss_name,
        "ridge": surface.ridge,
        # Full precision: the browser's sums must be the engine's.
        "features": data.features.tolist(),
        "targets": data.targets.tolist(),
        "steps": steps,
        # The grid of the hidden trace: x0, x1, y0, y1, points per side.
        "grid": [x0, x1, y0, y1, BATCH_GRID],
    }
