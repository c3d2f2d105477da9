r"""The loss-landscape page's numbers, from the library (no Streamlit here).

Everything the page draws comes from ``surfaces.network``: training
(``train.train``), filter-normalised directions (``landscape.directions``),
the PCA of a path (``pca.path_pca``), the 1-D interpolation and the
sharp/flat pair (``minima.sharp_and_flat``). What this module adds:

- **One compiled evaluator per net.** The library's ``landscape.plane`` and
  ``line`` evaluate in blocks of a fixed number of rows, so a 21², 31² or 51²
  grid, and the PCA planes, all use one executable, and every line one more.
  Per net: two, each compiled in about 0.4 s.

The PCA plane of several paths is in ui/landscape_pca.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from surfaces.datasets import classification, standardize
from surfaces.network import Architecture, History, Split, split_data
from surfaces.network.landscape import directions, interpolation, plane
from surfaces.network.minima import TrainedMinimum, sharp_and_flat
from surfaces.network.train import is_compiled, train

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
    losses = plane(arch, split.X_train, split.y_train, theta, *dirs, axis, axis)
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
        plane(
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
