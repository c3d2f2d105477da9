"""The numbers a class compares: final value, distance, when it got there."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from optimizers.run import Trajectory
from surfaces import Surface

TOLERANCE = 1e-3  # in view-box widths: "at the minimum" to the eye


@dataclass(frozen=True)
class Summary:
    final_value: float
    distance: float  # to the nearest documented minimum; nan if there is none
    reached_at: int | None  # first step within TOLERANCE of a minimum
    diverged_at: int | None
    grad_evals: int


def summarize(surface: Surface, traj: Trajectory) -> Summary:
    distances = distances_to_minima(surface, traj.points)
    close = np.flatnonzero(distances < TOLERANCE * surface.width)
    return Summary(
        final_value=float(traj.values[-1]),
        distance=float(distances[-1]),
        reached_at=int(close[0]) if close.size else None,
        diverged_at=traj.diverged_at,
        grad_evals=traj.evals["grad"],
    )


def distances_to_minima(surface: Surface, points: np.ndarray) -> np.ndarray:
    """Per point, the distance to the closest documented minimum (nan if none)."""
    if not surface.minima:
        return np.full(len(points), np.nan)
    minima = np.asarray([m.point for m in surface.minima], dtype=np.float64)
    gaps = points[:, None, :] - minima[None, :, :]
    return np.min(np.linalg.norm(gaps, axis=2), axis=1)
