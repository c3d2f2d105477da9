"""Surface values on a grid over the view box (cached by the pages)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import jax
import numpy as np

from surfaces import Surface


@partial(jax.jit, static_argnums=0)
def _values(surface: Surface, points, params):
    return jax.vmap(lambda p: surface.fn(p, params))(points)


def host_grid(surface: Surface, n: int = 100) -> tuple[np.ndarray, ...]:
    """As :func:`surface_grid`, for a surface with a NumPy twin of its function
    (``host_fn``: a typed function), so nothing compiles."""
    axes = [np.linspace(lo, hi, n) for lo, hi in surface.domain]
    mesh = np.meshgrid(*axes)
    points = np.stack([m.ravel() for m in mesh], axis=1)
    z = np.asarray(surface.host_fn(points), dtype=np.float64)
    z = np.where(np.isfinite(z), z, np.nan).reshape(mesh[0].shape)
    return (*axes, z)


def surface_grid(
    surface: Surface, params: Mapping[str, float] | None = None, n: int = 100
) -> tuple[np.ndarray, ...]:
    """``(xs, ys, z)`` with ``z[i, j] = f(xs[j], ys[i])``; 1-D: ``(xs, z)``.

    Non-finite values (overflow far from the minimum) become nan, which plotly
    leaves blank.
    """
    axes = [np.linspace(lo, hi, n) for lo, hi in surface.domain]
    mesh = np.meshgrid(*axes)
    points = np.stack([m.ravel() for m in mesh], axis=1)
    z = np.asarray(_values(surface, points, surface.param_values(params)))
    z = np.where(np.isfinite(z), z, np.nan).reshape(mesh[0].shape)
    return (*axes, z)
