r"""The loss-landscape page's numbers, from the library (no Streamlit here).

Everything the page draws comes from ``surfaces.network``: training
(``train.train``), filter-normalised directions (``landscape.directions``),
the PCA of a path (``pca.path_pca``), the 1-D interpolation and the
sharp/flat pair (``minima.sharp_and_flat``). What this module adds:

- **One compiled evaluator per net.** Planes are evaluated through
  ``landscape.losses_at`` in blocks of :data:`BLOCK` coefficient rows (the
  last block padded), so a 21², 31² or 51² grid, and the PCA planes, all use
  one executable; the library's ``plane`` compiles once per grid size. Lines
  (interpolation, sharp/flat) have :data:`LINE_POINTS` points each: one more
  executable. Per net: two, each compiled in about 0.4 s.

The PCA plane of several paths is in ui/landscape_pca.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from surfaces.datasets import classification, standardize
from surfaces.network import Architecture, History, Split, split_data
from surfaces.network.landscape import directions, interpolation, losses_at
from surfaces.network.minima import TrainedMinimum, sharp_and_flat
from surfaces.network.train import is_compiled, train

BLOCK = 441  # coefficient rows per evaluator call (21 x 21): one compile per net
LINE_POINTS = 81  # points of every 1-D curve: one more compile per net
INTERPOLATION = (-0.5, 1.5)  # t range of the initial-to-final line
SHARP_RANGE = 1.0  # α in [-1, 1] for the sharp/flat pair, as in the paper
VAL_FRACTION = 0.25


@dataclass(frozen=True)
class Data:
    """The 2-D classification set, standardised, a quarter held out."""

    kind: str = "moons"
    n: int = 200
    noise: float = 0.2
    seed: int = 0

    def split(self) -> Split:
        X, y = classification(self.kind, self.n, self.noise, self.seed)
        return split_data(standardize(X), y, VAL_FRACTION, self.seed)


@dataclass(frozen=True)
class Run:
    """One training run: the method, its learning rate, K, steps, the seed
    (initialisation and shuffling)."""

    method: str
    lr: float
    batch: int
    steps: int
    seed: int

    def train_args(self) -> dict:
        return {
            "optimizer": self.method,
            "steps": self.steps,
            "init_seed": self.seed,
            "seed": self.seed,
            "lr": self.lr,
            "patience": None,
        }


def train_run(split: Split, arch: Architecture, run: Run) -> History:
    return train(split, arch=arch, batch_size=run.batch, **run.train_args())


def needs_compile(split: Split, arch: Architecture, methods: Sequence[str]) -> list:
    """The methods whose training loop for this net is not compiled yet."""
    return [m for m in methods if not is_compiled(split, m, arch)]


def losses_on(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    base: np.ndarray,
    dirs: np.ndarray,
    coefficients: np.ndarray,
) -> np.ndarray:
    """``landscape.losses_at`` for ``(M, 2)`` coefficients over two directions,
    in blocks of :data:`BLOCK` rows (zero-padded): one compile for any M."""
    coefficients = np.asarray(coefficients, np.float64).reshape(-1, 2)
    m = len(coefficients)
    padded = np.zeros((-(-m // BLOCK) * BLOCK, 2))
    padded[:m] = coefficients
    parts = [
        losses_at(arch, X, y, base, dirs, padded[i : i + BLOCK])
        for i in range(0, len(padded), BLOCK)
    ]
    return np.concatenate(parts)[:m]


def grid_losses(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    center: np.ndarray,
    d1: np.ndarray,
    d2: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
) -> np.ndarray:
    """Loss at ``center + α d1 + β d2``: ``(len(betas), len(alphas))``, rows β
    (``landscape.plane``'s layout and numbers)."""
    a, b = np.meshgrid(np.asarray(alphas, np.float64), np.asarray(betas, np.float64))
    grid = np.stack([a.ravel(), b.ravel()], axis=1)
    losses = losses_on(arch, X, y, center, np.stack([d1, d2]), grid)
    return losses.reshape(a.shape)


class RandomPlane(NamedTuple):
    alphas: np.ndarray  # (n,) also the β axis
    losses: np.ndarray  # (n, n) training loss, rows β
    directions: np.ndarray  # (2, P) filter-normalised for the centre
    center_loss: float  # the trained net's training loss (the grid's centre)


def random_plane(
    split: Split,
    arch: Architecture,
    history: History,
    seed: int,
    span: float,
    resolution: int,
) -> RandomPlane:
    """The training loss around ``history.final`` along two random
    filter-normalised directions (Li et al., §4), α and β in ±``span``."""
    theta = history.final
    dirs = directions(arch, theta, seed)
    axis = np.linspace(-span, span, int(resolution))
    losses = grid_losses(arch, split.X_train, split.y_train, theta, *dirs, axis, axis)
    return RandomPlane(axis, losses, dirs, float(history.train_loss[-1]))


class Curve(NamedTuple):
    label: str  # a method key, or "small" / "large"
    x: np.ndarray  # (LINE_POINTS,) t or α
    train: np.ndarray  # training loss
    val: np.ndarray  # validation loss


def interpolations(
    split: Split, arch: Architecture, runs: Sequence[tuple[str, History]]
) -> list[Curve]:
    """Each run's loss on the line from its initial to its final weights,
    ``(1 - t) θ₀ + t θ*``, t in :data:`INTERPOLATION`."""
    ts = np.linspace(*INTERPOLATION, LINE_POINTS)
    curves = []
    for method, h in runs:
        theta0, theta1 = h.snapshots[0], h.final
        train_loss = interpolation(
            arch, split.X_train, split.y_train, theta0, theta1, ts
        )
        val_loss = interpolation(arch, split.X_val, split.y_val, theta0, theta1, ts)
        curves.append(Curve(method, ts, train_loss, val_loss))
    return curves


class SharpFlat(NamedTuple):
    minima: dict[str, TrainedMinimum]  # "small", "large" (minima.sharp_and_flat)
    curves: tuple[Curve, Curve]  # along each minimum's first direction
    alphas: np.ndarray  # (resolution,) the planes' α and β
    planes: tuple[np.ndarray, np.ndarray]  # training loss around each minimum


def sharp_flat(
    split: Split,
    arch: Architecture,
    run: Run,
    small: int,
    large: int,
    direction_seed: int,
    resolution: int,
) -> SharpFlat:
    """``run`` trained with batch sizes ``small`` and ``large`` from one
    initialisation (``minima.sharp_and_flat``): the loss along each minimum's
    first filter-normalised direction, and on the plane of both."""
    alphas = np.linspace(-SHARP_RANGE, SHARP_RANGE, LINE_POINTS)
    pair = sharp_and_flat(
        split, small, large, arch, alphas, direction_seed, False, **run.train_args()
    )
    curves = tuple(
        Curve(name, alphas, m.train_losses, m.val_losses) for name, m in pair.items()
    )
    axis = np.linspace(-SHARP_RANGE, SHARP_RANGE, int(resolution))
    planes = tuple(
        grid_losses(
            arch,
            split.X_train,
            split.y_train,
            m.history.final,
            *m.directions,
            axis,
            axis,
        )
        for m in pair.values()
    )
    return SharpFlat(pair, curves, axis, planes)  # type: ignore[arg-type]
