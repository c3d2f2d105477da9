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
    """One optimizer's trajectory, as a figure needs it.

    The last four fields are optional extras that some optimizers have. The
    arrays are aligned on the step index of ``points`` (row ``t`` belongs to
    step ``t``, drawn when the markers show ``points[t]``); rows with a
    non-finite coordinate are never drawn (NaN padding, lost particles).

    Attributes:
        population: ``(n, k, dim)`` the particles of a swarm (``k = 20``) or
            the vertices of a Nelder-Mead simplex (``k = dim + 1``) at step t.
        population_kind: ``"simplex"`` draws the population as a closed
            polygon on the 2-D map; anything else (``"swarm"``) as dots.
        trials: ``(n, m, dim)`` the points the line search of step ``t``
            evaluated on its way to ``points[t]`` (the accepted one usually
            last), NaN-padded (``m = 24``; row 0 all NaN).
        fan: the same optimizer's paths for other seeds, each ``(n_i, dim)``;
            drawn whole, not animated.
        evaluations: ``(n,)`` evaluations (f, gradient and Hessian together)
            used up to step t: the loss chart's x axis "per evaluation".
    """

    label: str
    color: str
    points: np.ndarray  # (n, dim)
    values: np.ndarray  # (n,)
    diverged_at: int | None = None
    population: np.ndarray | None = None  # (n, k, dim)
    population_kind: str = ""  # "swarm" | "simplex"
    trials: np.ndarray | None = None  # (n, m, dim), NaN-padded
    fan: tuple[np.ndarray, ...] = ()  # each (n_i, dim)
    evaluations: np.ndarray | None = None  # (n,) f + grad + hess used by step t


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def rgba(color: str, alpha: float) -> str:
    """``#rrggbb`` with an opacity, for fills; other colour forms unchanged."""
    if len(color) != 7 or not color.startswith("#"):
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"


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
