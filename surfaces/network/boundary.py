"""The net's decision boundary: its probability of class 1 over a grid."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.network.architecture import Architecture, unflatten
from surfaces.network.compiled import cached_jit
from surfaces.network.mlp import logits


def probability_grid(
    arch: Architecture,
    theta: np.ndarray,
    box: tuple[tuple[float, float], tuple[float, float]],
    resolution: int = 100,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""``(xs, ys, p)``: :math:`p = \sigma(z(x, y))` on a ``resolution``-square
    grid over ``box`` (e.g. ``data_box(X)``); ``p`` has rows y, columns x. The
    boundary is its 0.5 contour. One compile per architecture and resolution;
    the parameters and the box are traced."""
    (x0, x1), (y0, y1) = box
    xs = np.linspace(x0, x1, int(resolution))
    ys = np.linspace(y0, y1, int(resolution))
    fn = cached_jit(("boundary", arch, int(resolution)), lambda: _grid_fn(arch))
    return xs, ys, np.asarray(fn(np.asarray(theta, np.float64), xs, ys))


def _grid_fn(arch: Architecture):
    def fn(theta, xs, ys):
        gx, gy = jnp.meshgrid(xs, ys)
        points = jnp.stack([gx.ravel(), gy.ravel()], axis=1)
        z = logits(arch, unflatten(arch, theta), points)
        return jax.nn.sigmoid(z).reshape(gx.shape)

    return fn
