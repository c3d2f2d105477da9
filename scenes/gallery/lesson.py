"""A lesson of the course gallery, and the helpers its claims share.

A claim is a predicate on a scene's trajectories (``scene.play()``, in run order)
that states in numbers what the picture shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import wraps
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from scenes.model import Scene

if TYPE_CHECKING:
    from optimizers import Trajectory

Claim = Callable[[tuple["Trajectory", ...]], bool]
Text = Mapping[str, str]


@dataclass(frozen=True)
class Lesson:
    """One picture of the course, ready to play.

    Attributes:
        key: registry-style key; ``scene.lesson == key``.
        scene: the scene, valid as it stands (``validate()`` changes nothing).
        part: the course part it comes from, "000" … "004" (the file prefix).
        title: {"en": …, "zh": …}.
        picture: one line: what the picture shows (for the gallery card).
        look_for: two or three sentences: what to look for, what it teaches.
        claim: a predicate on ``scene.play()``, in run order.
        claim_text: the claim in words, shown under the map.
    """

    key: str
    scene: Scene
    part: str
    title: Text
    picture: Text
    look_for: Text
    claim: Claim
    claim_text: Text


def _tx(en: str, zh: str) -> Text:
    return MappingProxyType({"en": en, "zh": zh})


# --- Helpers the claims share ---------------------------------------------------


def _runs(count: int) -> Callable[[Claim], Claim]:
    """A claim about exactly ``count`` runs: any other number makes it false."""

    def wrap(claim: Claim) -> Claim:
        @wraps(claim)
        def checked(trajectories: tuple[Trajectory, ...]) -> bool:
            return len(trajectories) == count and bool(claim(trajectories))

        return checked

    return wrap


def _x(t: Trajectory) -> np.ndarray:
    return t.points[:, 0]


def _near(a: object, b: object, tol: float = 1e-4) -> bool:
    diff = np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))
    return bool(np.all(diff <= tol))


def _distance(t: Trajectory, point: Sequence[float]) -> np.ndarray:
    return np.linalg.norm(t.points - np.asarray(point, dtype=np.float64), axis=1)


def _first_within(t: Trajectory, point: Sequence[float], tol: float) -> int | None:
    hits = np.nonzero(_distance(t, point) < tol)[0]
    return int(hits[0]) if hits.size else None


def _step_lengths(t: Trajectory) -> np.ndarray:
    """(steps,) the length of each update; entry k moved points[k] to [k + 1]."""
    return np.linalg.norm(t.internals["step"][1:], axis=1)


# The course quadratic 2x₁² + x₂² + (x₁ + x₂)² − 20x₁ − 16x₂ = ½xᵀHx − bᵀx.
COURSE_H = np.array([[6.0, 2.0], [2.0, 4.0]])
COURSE_B = np.array([20.0, 16.0])
COURSE_MIN = (2.4, 2.8)


def schedule_rates(
    kind: str, steps: int, lr: float, every: float, gamma: float, low: float
) -> np.ndarray:
    """α_t for t = 0 … steps − 1, written from note 001's formulas in the app's
    parametrisation (T = ``every`` steps, γ = ``gamma``, α_min = ``low``)."""
    t = np.arange(steps, dtype=np.float64)
    if kind == "constant":
        return np.full(steps, lr)
    if kind == "step":  # 分段常数衰减
        return lr * gamma ** np.floor(t / every)
    if kind == "inverse_time":  # 逆时衰减
        return lr / (1.0 + gamma * t / every)
    if kind == "exponential":  # 指数衰减
        return lr * gamma ** (t / every)
    if kind in ("cosine", "sgdr"):  # 余弦衰减; restarted: 带热重启
        phase = np.minimum(t, every) if kind == "cosine" else np.mod(t, every)
        return low + (lr - low) * 0.5 * (1.0 + np.cos(np.pi * phase / every))
    if kind == "cyclic":  # 循环学习率: triangular, period 2T
        return low + (lr - low) * (1.0 - np.abs(np.mod(t, 2 * every) / every - 1.0))
    raise ValueError(f"unknown schedule {kind!r}")
