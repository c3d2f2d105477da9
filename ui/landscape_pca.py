r"""Several optimizers' paths on one PCA plane (from ui/landscape_compute.py).

Li et al. (§7) take the PCA of one path's recorded weights minus its final
weights. For several methods (trained from one initialisation) the rows of
all paths, each minus the *reference* final weights :math:`\theta^*_{ref}`
(the first method's), are stacked and the same PCA taken; the plane goes
through :math:`\theta^*_{ref}`, whose path ends at (0, 0). The other paths
end at the projections of their final weights, which in general lie off the
plane: the loss drawn under them is the loss at the projection. With one
path this is exactly the paper's construction (``pca.path_plane``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from surfaces.network import Architecture, History, Split
from surfaces.network.landscape import plane
from surfaces.network.pca import path_pca

PCA_MARGIN = 0.2  # the plane's box: the paths' box widened by this share


def path_points(history: History) -> tuple[np.ndarray, np.ndarray]:
    """The recorded weights of a run and their steps, ending at its final
    weights: ``(steps (R,), points (R, P))``."""
    steps, points = history.snapshot_steps, history.snapshots
    if steps[-1] < history.steps:
        steps = np.append(steps, history.steps)
        points = np.concatenate([points, history.final[None, :]])
    return steps, points


class PathOnPlane(NamedTuple):
    method: str
    steps: np.ndarray  # (R,) the recorded steps
    coords: np.ndarray  # (R, 2) their projections; the reference ends at (0, 0)
    losses: np.ndarray  # (R,) the training loss of the weights themselves


class PCAPlane(NamedTuple):
    alphas: np.ndarray  # (na,) first-direction coordinates of the grid
    betas: np.ndarray  # (nb,)
    losses: np.ndarray  # (nb, na) training loss at θ*_ref + α d1 + β d2
    explained: np.ndarray  # (2,) explained variance ratios of the stacked rows
    paths: tuple[PathOnPlane, ...]
    reference: str  # the method whose final weights are the origin


def pca_plane(
    split: Split,
    arch: Architecture,
    runs: Sequence[tuple[str, History]],
    resolution: int,
) -> PCAPlane:
    """The PCA plane of one or several paths (see the module doc), centred on
    the first run's final weights, over the paths' box widened by
    :data:`PCA_MARGIN`, with every path projected."""
    reference = runs[0][1].final
    recorded = [path_points(h) for _, h in runs]
    stacked = np.concatenate([points for _, points in recorded])
    pca = path_pca(stacked, reference)
    paths, start = [], 0
    for (method, history), (steps, points) in zip(runs, recorded, strict=True):
        coords = pca.coords[start : start + len(points)]
        start += len(points)
        paths.append(PathOnPlane(method, steps, coords, history.train_loss[steps]))
    axes = []
    for k in range(2):
        low = min(pca.coords[:, k].min(), 0.0)
        high = max(pca.coords[:, k].max(), 0.0)
        extra = PCA_MARGIN * max(high - low, 1e-6)
        axes.append(np.linspace(low - extra, high + extra, int(resolution)))
    d1, d2 = pca.directions
    losses = plane(
        arch, split.X_train, split.y_train, reference, d1, d2, axes[0], axes[1]
    )
    return PCAPlane(axes[0], axes[1], losses, pca.explained, tuple(paths), runs[0][0])
