r"""The optimizer's path on the plane of its two principal directions.

Random directions in a space of :math:`10^3` dimensions are almost orthogonal
to a path, which then looks like noise on a random plane. Li et al. (2018),
§7, use instead the top two principal directions of the matrix
:math:`M = [\theta_0 - \theta_n; \dots; \theta_{n-1} - \theta_n]` of the
recorded points relative to the final one.

What this module does, exactly as their code (``sklearn.decomposition.PCA``
then a projection): the principal directions are the top right-singular
vectors of :math:`M` with its mean row subtracted; the explained variance
ratios are the squared singular values over their sum (the squared
Frobenius norm of the centred matrix); the path's
coordinates are the plain projections :math:`\langle\theta_i - \theta_n,
d_k\rangle` (not centred), so the final point sits at :math:`(0, 0)`. Each
direction's sign is chosen so that the start has a coordinate ≤ 0.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from surfaces.network.architecture import Architecture
from surfaces.network.landscape import plane


class PathPCA(NamedTuple):
    directions: np.ndarray  # (2, P) orthonormal rows
    explained: np.ndarray  # (2,) explained variance ratios, in [0, 1], sum <= 1
    coords: np.ndarray  # (R, 2) each point's projection; the final point's is 0


class PathPlane(NamedTuple):
    alphas: np.ndarray  # (na,) first-direction coordinates of the grid
    betas: np.ndarray  # (nb,)
    losses: np.ndarray  # (nb, na) loss at final + α d1 + β d2
    pca: PathPCA


def path_pca(points: np.ndarray, final: np.ndarray) -> PathPCA:
    """Top two principal directions of ``points - final`` (``points`` ``(R, P)``
    with R >= 3: the recorded parameters, the last one usually ``final``).

    From ``eigh`` of the smaller Gram matrix of the centred differences
    (``R x R`` or ``P x P``) rather than an SVD of the whole: for a 501 x 337
    path 13 ms against 40 ms (single-threaded OpenBLAS; on a busy machine
    OpenBLAS's threads made the SVD take up to 2.4 s, the Gram route 0.5 s).
    """
    points = np.asarray(points, np.float64)
    if len(points) < 3:
        raise ValueError(f"a path needs at least 3 points, got {len(points)}")
    M = points - np.asarray(final, np.float64)[None, :]
    C = M - M.mean(axis=0)[None, :]
    if len(C) <= C.shape[1]:  # C C^T = U S^2 U^T; the directions are C^T u / s
        values, vectors = np.linalg.eigh(C @ C.T)
        top = C.T @ vectors[:, ::-1][:, :2]
        dirs = (top / np.linalg.norm(top, axis=0)[None, :]).T
    else:  # C^T C = V S^2 V^T
        values, vectors = np.linalg.eigh(C.T @ C)
        dirs = vectors[:, ::-1][:, :2].T
    total = np.sum(C**2)
    explained = np.clip(values[::-1][:2] / total, 0.0, 1.0) if total else np.zeros(2)
    coords = M @ dirs.T
    flip = np.where(coords[0] > 0, -1.0, 1.0)
    return PathPCA(dirs * flip[:, None], explained, coords * flip[None, :])


def path_plane(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    points: np.ndarray,
    final: np.ndarray,
    resolution: int = 51,
    margin: float = 0.2,
) -> PathPlane:
    """The loss on the PCA plane around ``final``, over the box of the path's
    coordinates widened by ``margin`` of its size, with the path on it."""
    pca = path_pca(points, final)
    axes = []
    for k in range(2):
        low, high = min(pca.coords[:, k].min(), 0.0), max(pca.coords[:, k].max(), 0.0)
        extra = margin * max(high - low, 1e-6)
        axes.append(np.linspace(low - extra, high + extra, int(resolution)))
    d1, d2 = pca.directions
    losses = plane(arch, X, y, final, d1, d2, axes[0], axes[1])
    return PathPlane(axes[0], axes[1], losses, pca)
