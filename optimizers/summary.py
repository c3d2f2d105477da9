"""The numbers a class compares: final value, distance, when it got there."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from optimizers.run import Trajectory
from optimizers.status import TOLERANCE, distances_to
from surfaces import Surface

__all__ = [
    "TOLERANCE",
    "Summary",
    "distances_to",
    "distances_to_minima",
    "summarize",
]


@dataclass(frozen=True)
class Summary:
    final_value: float
    # to the nearest documented minimum (maximum when the run climbed); nan
    # if there is none
    distance: float
    reached_at: int | None  # first step within TOLERANCE of one
    diverged_at: int | None
    grad_evals: int
    status: str  # Trajectory.status, one of optimizers.STATUSES


def summarize(surface: Surface, traj: Trajectory) -> Summary:
    minima = surface.minima_at(traj.surface_params)
    targets = surface.maxima if traj.maximize else minima
    distances = distances_to(targets, traj.points)
    close = np.flatnonzero(distances < TOLERANCE * surface.width)
    return Summary(
        final_value=float(traj.values[-1]),
        distance=float(distances[-1]),
        reached_at=int(close[0]) if close.size else None,
        diverged_at=traj.diverged_at,
        grad_evals=traj.evals["grad"],
        status=traj.status,
    )


def distances_to_minima(surface: Surface, points: np.ndarray) -> np.ndarray:
    """Per point, the distance to the closest documented minimum (nan if none)."""
    return distances_to(surface.minima, points)
