"""Colours, fonts and the shared layout pieces: one look on every figure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Okabe-Ito: distinguishable for colour-blind students and on a washed-out projector.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    # Beyond Okabe-Ito's eight, for the whole zoo at once.
    "#8C564B",
    "#9467BD",
    "#7F7F7F",
    "#17BECF",
)
FONT = {"size": 15}
# Neutral greys, light at the minimum: every path colour stands out on them,
# also on a washed-out projector.
LIGHT_SCALE = [
    [0.0, "#ffffff"],
    [0.35, "#e3e3e3"],
    [1.0, "#8c8c8c"],
]
MAX_PATH_POINTS = 1000  # drawn points per path; the animation still visits every step


@dataclass(frozen=True)
class Path:
    """One optimizer's trajectory, as a figure needs it."""

    label: str
    color: str
    points: np.ndarray  # (n, dim)
    values: np.ndarray  # (n,)
    diverged_at: int | None = None


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def thin(n: int, most: int = MAX_PATH_POINTS) -> np.ndarray:
    """Indices of at most ``most`` of ``n`` points, first and last kept."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, most).round().astype(int))


def f32(a) -> np.ndarray:
    """Figures carry float32 (half the bytes, far beyond screen precision)."""
    return np.asarray(a, dtype=np.float32)


def base_layout(**extra) -> dict:
    return {
        "template": "plotly_white",
        "font": FONT,
        "margin": {"l": 50, "r": 20, "t": 30, "b": 50},
        "legend": {"orientation": "h", "y": -0.15},
        **extra,
    }
