"""The trajectories of a scene as CSV: one row per run per step."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from optimizers import Trajectory

AXES = ("x", "y")


def trajectories_csv(labels: Sequence[str], trajectories: Sequence[Trajectory]) -> str:
    """Columns: run (1-based), label, optimizer, step, the point's coordinates,
    f, the gradient norm, and the f / gradient / Hessian evaluations used so
    far. Full precision (``repr``): the figures thin long paths, this does not.
    """
    dim = max((tr.points.shape[1] for tr in trajectories), default=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "run",
            "label",
            "optimizer",
            "step",
            *AXES[:dim],
            "f",
            "grad_norm",
            "f_evals",
            "grad_evals",
            "hess_evals",
        ]
    )
    for number, (label, tr) in enumerate(zip(labels, trajectories, strict=True), 1):
        counts = tr.eval_counts
        for step in range(len(tr.points)):
            point = [repr(float(v)) for v in tr.points[step]]
            point += [""] * (dim - len(point))
            writer.writerow(
                [
                    number,
                    label,
                    tr.optimizer,
                    step,
                    *point,
                    repr(float(tr.values[step])),
                    repr(float(tr.grad_norms[step])),
                    *(int(c) for c in counts[step]),
                ]
            )
    return out.getvalue()
