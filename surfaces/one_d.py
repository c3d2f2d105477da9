"""One-dimensional surfaces from the course notes, where every step fits on a line."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from surfaces.base import Minimum, Params, Surface


def _x_plus_sin(p: jax.Array, params: Params) -> jax.Array:
    return p[0] + jnp.sin(p[0])


def _sin_minus_square(p: jax.Array, params: Params) -> jax.Array:
    return 25.0 * jnp.sin(p[0]) - p[0] ** 2


def _parabola(p: jax.Array, params: Params) -> jax.Array:
    return 3.0 * p[0] ** 2 + 6.0 * p[0]


X_PLUS_SIN = Surface(
    key="x_plus_sin",
    title="x + sin x",
    fn=_x_plus_sin,
    domain=((-10.0, 10.0),),
    # f' = 1 + cos x >= 0: f is monotone, and its stationary points x = (2k+1) pi
    # are inflection points, not minima. Descent from x = 6 stalls at pi.
    minima=(),
    start=(6.0,),
    latex=r"f(x) = x + \sin x",
    tags=frozenset({"1d", "course"}),
)

SIN_MINUS_SQUARE = Surface(
    key="sin_minus_square",
    title="25 sin x − x²",
    fn=_sin_minus_square,
    domain=((-10.0, 10.0),),
    # Unbounded below, so no minimum is global. Roots of 25 cos x = 2x where
    # 25 sin x < -2, polished to machine precision.
    minima=(
        Minimum((-8.61428732068473,), -92.32158061201197, "local"),
        Minimum((-1.707853279879543,), -27.682322554735673, "local"),
        Minimum((5.1357896125963425,), -49.16876044589537, "local"),
    ),
    start=(1.0,),
    latex=r"f(x) = 25\sin x - x^2",
    tags=frozenset({"1d", "course", "multimodal"}),
)

PARABOLA = Surface(
    key="parabola",
    title="3x² + 6x",
    fn=_parabola,
    # Centred on the minimum, so the course's start x = 2 is inside.
    domain=((-5.0, 3.0),),
    minima=(Minimum((-1.0,), -3.0),),
    start=(2.0,),
    latex=r"f(x) = 3x^2 + 6x",
    tags=frozenset({"1d", "course", "quadratic", "convex"}),
)
