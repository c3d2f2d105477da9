"""Small data sets made in code: seeded, no downloads, no files.

Every maker takes ``(n, noise, seed)`` and returns numpy ``(X, y)``: ``X`` of
shape ``(n, features)``, ``y`` of shape ``(n,)`` (targets for regression,
labels 0 or 1 for classification). The same arguments give the same data on
every machine (numpy's PCG64 generator), and a data set of ``n`` points is
not a prefix of one of ``n + 1``: each is drawn whole, as a class would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np

N_MIN = 4
N_MAX = 256  # the largest data set; models pad to it so N moves never recompile
NOISE_MAX = 3.0

# y = SLOPE x + INTERCEPT + noise, x uniform on [X_LOW, X_HIGH]: a feature far
# from zero, so that raw it makes a narrow valley and z-scored a round bowl.
SLOPE, INTERCEPT = 1.0, -3.0
X_LOW, X_HIGH = 2.0, 8.0

Kind = Literal["blobs", "moons", "circles", "xor", "spirals"]
KINDS: tuple[Kind, ...] = ("blobs", "moons", "circles", "xor", "spirals")


def _check(n: int, noise: float) -> int:
    if isinstance(n, bool) or not float(n).is_integer() or not N_MIN <= n <= N_MAX:
        raise ValueError(f"n must be a whole number in [{N_MIN}, {N_MAX}], got {n!r}")
    if not 0.0 <= float(noise) <= NOISE_MAX:
        raise ValueError(f"noise must be in [0, {NOISE_MAX}], got {noise!r}")
    return int(n)


def regression(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points on the line y = x − 3 plus Gaussian noise of std ``noise``."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    x = rng.uniform(X_LOW, X_HIGH, n)
    y = SLOPE * x + INTERCEPT + noise * rng.standard_normal(n)
    return x[:, None], y


def _labels(n: int) -> np.ndarray:
    """Half the points (rounded down) in class 0, the rest in class 1."""
    return (np.arange(n) >= n // 2).astype(np.float64)


def blobs(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clouds at ±(1, 0.5), std ``noise``: they overlap for noise ≳ 0.5."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    y = _labels(n)
    centre = np.where(y[:, None] > 0, 1.0, -1.0) * np.array([1.0, 0.5])
    return centre + noise * rng.standard_normal((n, 2)), y


def moons(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles (as scikit-learn's ``make_moons``)."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    y = _labels(n)
    angle = rng.uniform(0.0, np.pi, n)
    upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    lower = np.stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
    X = np.where(y[:, None] > 0, lower, upper) - np.array([0.5, 0.25])
    return X + noise * rng.standard_normal((n, 2)), y


def circles(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A ring of radius 1 (class 0) around a disc of radius 0.5 (class 1)."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    y = _labels(n)
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    radius = np.where(y > 0, 0.5, 1.0)
    X = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return X + noise * rng.standard_normal((n, 2)), y


def xor(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Four clouds at (±1, ±1); the class is the sign of x₁·x₂ (XOR of signs)."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    y = _labels(n)
    signs = rng.choice([-1.0, 1.0], n)
    # class 1: same signs; class 0: opposite signs
    first = signs
    second = np.where(y > 0, signs, -signs)
    X = np.stack([first, second], axis=1)
    return X + noise * rng.standard_normal((n, 2)), y


def spirals(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved spirals of 1.5 turns each, radius up to 1."""
    n = _check(n, noise)
    rng = np.random.default_rng(int(seed))
    y = _labels(n)
    t = np.sqrt(rng.uniform(0.05, 1.0, n))
    angle = 3.0 * np.pi * t + np.pi * y
    X = t[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return X + noise * rng.standard_normal((n, 2)), y


MAKERS: dict[Kind, Callable[[int, float, int], tuple[np.ndarray, np.ndarray]]] = {
    "blobs": blobs,
    "moons": moons,
    "circles": circles,
    "xor": xor,
    "spirals": spirals,
}


def classification(
    kind: Kind, n: int, noise: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The 2-D classification set ``kind`` (one of ``KINDS``)."""
    try:
        maker = MAKERS[kind]
    except KeyError:
        raise KeyError(
            f"unknown data set {kind!r}; valid: {', '.join(KINDS)}"
        ) from None
    return maker(n, noise, seed)


def standardize(X: np.ndarray) -> np.ndarray:
    """Each feature z-scored: mean 0, standard deviation 1 (population std)."""
    std = X.std(axis=0)
    return (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)
