"""The data side of the net: a seeded train/validation split, padding, the box.

Compiled loops see data of a fixed padded length plus a 0/1 weight per row,
so changing the number of points (or the split) never recompiles: lengths are
padded to ``datasets.N_MAX`` and, past it, to the next power of two.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from surfaces.datasets import N_MAX


class Split(NamedTuple):
    """Training and validation sets (numpy, float64)."""

    X_train: np.ndarray  # (n_train, 2)
    y_train: np.ndarray  # (n_train,) labels 0 or 1
    X_val: np.ndarray  # (n_val, 2)
    y_val: np.ndarray  # (n_val,)


class Padded(NamedTuple):
    """A set padded to ``padded_length(n)`` rows; ``w`` is 1 on real rows."""

    X: np.ndarray  # (pad, 2), zero rows past n
    y: np.ndarray  # (pad,)
    w: np.ndarray  # (pad,) 1.0 for the n real rows, then 0.0


def split_data(
    X: np.ndarray, y: np.ndarray, val_fraction: float = 0.25, seed: int = 0
) -> Split:
    """A seeded random split: ``round(n * val_fraction)`` points (at least one)
    for validation, the rest (at least one) for training, in shuffled order.

    Raises:
        ValueError: ``val_fraction`` outside (0, 1) or too few points.
    """
    X, y = np.asarray(X, np.float64), np.asarray(y, np.float64)
    n = len(y)
    if X.shape != (n, 2):
        raise ValueError(f"X must have shape (n, 2) with n = len(y), got {X.shape}")
    if not 0.0 < float(val_fraction) < 1.0:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    n_val = max(1, round(n * float(val_fraction)))
    if n - n_val < 1:
        raise ValueError(f"{n} points leave none for training")
    order = np.random.default_rng(int(seed)).permutation(n)
    val, train = order[:n_val], order[n_val:]
    return Split(X[train], y[train], X[val], y[val])


def padded_length(n: int) -> int:
    """``N_MAX`` for data sets the app makes; the next power of two beyond."""
    return N_MAX if n <= N_MAX else 1 << (int(n) - 1).bit_length()


def pad(X: np.ndarray, y: np.ndarray) -> Padded:
    """``(X, y)`` padded with zero rows of weight 0 to ``padded_length``."""
    n = len(y)
    size = padded_length(n)
    Xp, yp, w = np.zeros((size, 2)), np.zeros(size), np.zeros(size)
    Xp[:n], yp[:n], w[:n] = X, y, 1.0
    return Padded(Xp, yp, w)


def data_box(X: np.ndarray, margin: float = 0.1) -> tuple[tuple[float, float], ...]:
    """The data's bounding box, widened by ``margin`` of its size on each side."""
    low, high = np.min(X, axis=0), np.max(X, axis=0)
    extra = margin * np.maximum(high - low, 1e-9)
    return tuple(
        (float(a), float(b)) for a, b in zip(low - extra, high + extra, strict=True)
    )
