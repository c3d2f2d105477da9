"""One-dimensional surfaces from the course notes, where every step fits on a line."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from surfaces.base import Minimum, Params, Surface


def _x_plus_sin(p: jax.Array, params: Params) -> jax.Array:
    return p[0] + jnp.sin(p[0])


def _x_sq_plus_sin(p: jax.Array, params: Params) -> jax.Array:
    return p[0] ** 2 + jnp.sin(p[0])


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

X_SQ_PLUS_SIN = Surface(
    key="x_sq_plus_sin",
    title="x² + sin x",
    fn=_x_sq_plus_sin,
    # Wide enough for the course's start x = 2.5 and for GD's 2-cycle at
    # x = ±pi/2 (lr = 1), with room to see both ends of each jump.
    domain=((-4.0, 4.0),),
    # f'' = 2 - sin x > 0: convex, one minimum, the root of 2x + cos x = 0,
    # polished to machine precision.
    minima=(Minimum((-0.45018361129487355,), -0.23246557515821564),),
    start=(2.5,),
    latex=r"f(x) = x^2 + \sin x",
    tags=frozenset({"1d", "course", "convex"}),
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
    # Where gradient ascent stops: roots of 25 cos x = 2x where 25 sin x > -2,
    # polished likewise. The course climbs from x = -2 to the local one at
    # -4.356 instead of the highest, 1.454; for |x| > 5, f < 0 < f(1.454).
    maxima=(
        Minimum((-4.356405415380388,), 4.45433579723862, "local"),
        Minimum((1.4541965749766173,), 22.71556099678873, "global"),
        Minimum((7.236571118164048,), -31.98345385718283, "local"),
    ),
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
