r"""The loss landscape of the net around a point, as Li et al. (2018) draw it.

A direction :math:`d` has the parameters' shape and is drawn from
:math:`\mathcal N(0, 1)`, then **filter-normalised** (§4): for every filter
(for a dense layer, the column :math:`W_{:,j}` that feeds unit :math:`j`)

.. math:: d_{:,j} \leftarrow \frac{d_{:,j}}{\|d_{:,j}\|}\,\|\theta_{:,j}\|,

and bias directions are zero (their code's ``ignore="biasbn"``). A step of
:math:`\alpha = 1` then moves every filter by its own size, so landscapes of
different nets (or of one net at two minima) share a scale: without it,
sharpness could be faked by rescaling weights that ReLU or a softmax ignore.

The loss is evaluated at :math:`\theta + \alpha d_1 + \beta d_2` over a grid
(and along a line), ``vmap``-ed over the grid in chunks so that memory stays
bounded (see :data:`ACTIVATION_BYTES`). Reference: H. Li, Z. Xu, G. Taylor,
C. Studer, T. Goldstein, "Visualizing the Loss Landscape of Neural Nets",
NeurIPS 2018, §4 (filter normalisation) and §5 (sharp against flat).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.network.architecture import Architecture, Dense, flatten, unflatten
from surfaces.network.compiled import cached_jit
from surfaces.network.data import pad
from surfaces.network.mlp import loss_flat

# Bound on the activations one chunk of grid points holds at once. Measured
# (bench/network.py: 51 x 51 slice, 1 000 points, 2x32 tanh): peak RSS grows
# 35 MB with chunks of 10 points, 1.4 GB with the whole grid in one vmap;
# the warm time is the same for chunks of 4 to 80 points.
ACTIVATION_BYTES = 16 * 2**20


# Coefficient rows per evaluator call, by the number of directions: a 21 x 21
# block for planes, 81 points for lines.
BLOCKS = {1: 81, 2: 441}


def filter_norms(arch: Architecture, flat: np.ndarray) -> list[np.ndarray]:
    """Each layer's per-filter norms: ``‖W[:, j]‖`` for every unit ``j``."""
    layers = unflatten(arch, jnp.asarray(flat, jnp.float64))
    return [np.linalg.norm(np.asarray(layer.w), axis=0) for layer in layers]


def directions(
    arch: Architecture, theta: np.ndarray, seed: int = 0, count: int = 2
) -> np.ndarray:
    """``count`` filter-normalised random directions for ``theta``: ``(count, P)``.

    The raw Gaussian draws depend only on ``seed`` and the architecture, so
    two nets of one architecture get the same directions, each scaled to its
    own filters (the comparison of §5).
    """
    rng = np.random.default_rng(int(seed))
    layers = unflatten(arch, jnp.asarray(theta, jnp.float64))
    out = []
    for _ in range(count):
        parts = []
        for layer in layers:
            w = np.asarray(layer.w)
            d = rng.standard_normal(w.shape)
            d *= np.linalg.norm(w, axis=0)[None, :] / np.linalg.norm(d, axis=0)[None, :]
            parts.append(Dense(jnp.asarray(d), jnp.zeros(w.shape[1])))
        out.append(np.asarray(flatten(tuple(parts))))
    return np.stack(out)


def losses_at(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    base: np.ndarray,
    dirs: np.ndarray,
    coefficients: np.ndarray,
) -> np.ndarray:
    """The mean loss on ``(X, y)`` at ``base + c @ dirs`` for each row ``c`` of
    ``coefficients`` (``(M, k)``, ``dirs`` ``(k, P)``): ``(M,)``.

    Evaluated in blocks of a fixed number of rows (``BLOCKS``; the last block
    zero-padded): one compile per (architecture, padded data length, k),
    whatever M, so a 21², 31² or 51² plane and any line share an executable.
    The points, directions and coefficients are traced.
    """
    data = pad(np.asarray(X, np.float64), np.asarray(y, np.float64))
    coefficients = np.asarray(coefficients, np.float64)
    m, k = coefficients.shape
    block = BLOCKS.get(k, BLOCKS[2])
    padded = np.zeros((-(-m // block) * block, k))
    padded[:m] = coefficients
    chunk = chunk_size(arch, len(data.y), block)
    key = ("losses", arch, len(data.y), block, k, chunk)
    fn = cached_jit(key, lambda: _losses_fn(arch, chunk))
    base = np.asarray(base, np.float64)
    dirs = np.asarray(dirs, np.float64)
    parts = [
        np.asarray(fn(*data, base, dirs, padded[i : i + block]))
        for i in range(0, len(padded), block)
    ]
    return np.concatenate(parts)[:m]


def chunk_size(arch: Architecture, n: int, m: int) -> int:
    """Grid points per vmapped chunk: forward activations (about three arrays
    of ``n`` x units per layer) within ``ACTIVATION_BYTES``."""
    per_point = 3 * 8 * n * sum(arch.sizes[1:])
    return int(max(1, min(m, ACTIVATION_BYTES // per_point)))


def _losses_fn(arch: Architecture, chunk: int):
    def fn(X, y, w, base, dirs, coefficients):
        def one(c):
            return loss_flat(arch, base + c @ dirs, X, y, w)

        return jax.lax.map(one, coefficients, batch_size=chunk)

    return fn


def plane(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    center: np.ndarray,
    d1: np.ndarray,
    d2: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
) -> np.ndarray:
    """Loss at ``center + α d1 + β d2``: ``(len(betas), len(alphas))`` (rows β)."""
    a, b = np.meshgrid(np.asarray(alphas, np.float64), np.asarray(betas, np.float64))
    grid = np.stack([a.ravel(), b.ravel()], axis=1)
    losses = losses_at(arch, X, y, center, np.stack([d1, d2]), grid)
    return losses.reshape(a.shape)


def line(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    center: np.ndarray,
    d: np.ndarray,
    alphas: np.ndarray,
) -> np.ndarray:
    """Loss at ``center + α d`` for each α: ``(len(alphas),)``."""
    coefficients = np.asarray(alphas, np.float64)[:, None]
    return losses_at(arch, X, y, center, np.asarray(d)[None, :], coefficients)


def interpolation(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    theta0: np.ndarray,
    theta1: np.ndarray,
    ts: np.ndarray,
) -> np.ndarray:
    r"""Loss at :math:`(1-t)\theta_0 + t\theta_1` for each ``t`` (e.g. from
    -0.5 to 1.5): the 1-D linear interpolation of Goodfellow et al. (2015),
    §5 of Li et al.; ``t = 0`` is ``theta0``, ``t = 1`` is ``theta1``."""
    theta0 = np.asarray(theta0, np.float64)
    step = np.asarray(theta1, np.float64) - theta0
    return line(arch, X, y, theta0, step, ts)
