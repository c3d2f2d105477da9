"""Valleys and bowls: quadratics of growing condition number, and Rosenbrock.

These are the surfaces on which plain gradient descent zig-zags or crawls,
so they are the first stop when comparing momentum and adaptive methods.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from surfaces.base import Minimum, Params, Surface, SurfaceParam


def _valley(p: jax.Array, params: Params) -> jax.Array:
    # Rotating the coordinates (not the box) keeps the minimum at the origin for
    # every angle, so the Hessian's eigenvalues are exactly 1 and kappa.
    theta = jnp.deg2rad(params["angle"])
    c, s = jnp.cos(theta), jnp.sin(theta)
    u = c * p[0] + s * p[1]
    v = -s * p[0] + c * p[1]
    return 0.5 * (u**2 + params["kappa"] * v**2)


def _rosenbrock(p: jax.Array, params: Params) -> jax.Array:
    return (1.0 - p[0]) ** 2 + 100.0 * (p[1] - p[0] ** 2) ** 2


def _course_quadratic(p: jax.Array, params: Params) -> jax.Array:
    x1, x2 = p[0], p[1]
    return 2.0 * x1**2 + x2**2 + (x1 + x2) ** 2 - 20.0 * x1 - 16.0 * x2


def _booth(p: jax.Array, params: Params) -> jax.Array:
    return (p[0] + 2.0 * p[1] - 7.0) ** 2 + (2.0 * p[0] + p[1] - 5.0) ** 2


def _matyas(p: jax.Array, params: Params) -> jax.Array:
    return 0.26 * (p[0] ** 2 + p[1] ** 2) - 0.48 * p[0] * p[1]


VALLEY = Surface(
    key="valley",
    title="Valley (rotated quadratic)",
    fn=_valley,
    domain=((-3.0, 3.0), (-3.0, 3.0)),
    minima=(Minimum((0.0, 0.0), 0.0),),
    # Off both eigen-axes, so gradient descent visibly zig-zags.
    start=(-2.5, 2.0),
    latex=(
        r"f(x, y) = \tfrac12\left(u^2 + \kappa\,v^2\right),\quad"
        r" u = x\cos\theta + y\sin\theta,\ v = -x\sin\theta + y\cos\theta"
    ),
    tags=frozenset({"valley", "quadratic", "convex"}),
    params=(
        SurfaceParam("kappa", 10.0, 1.0, 100.0, log=True, symbol=r"\kappa"),
        SurfaceParam("angle", 30.0, -90.0, 90.0, symbol=r"\theta"),
    ),
)

ROSENBROCK = Surface(
    key="rosenbrock",
    title="Rosenbrock",
    fn=_rosenbrock,
    domain=((-2.0, 2.0), (-1.0, 3.0)),
    minima=(Minimum((1.0, 1.0), 0.0),),
    start=(-1.2, 1.0),  # Rosenbrock's own 1960 start point
    latex=r"f(x, y) = (1 - x)^2 + 100\,(y - x^2)^2",
    tags=frozenset({"valley", "classic"}),
)

COURSE_QUADRATIC = Surface(
    key="course_quadratic",
    title="Course quadratic",
    fn=_course_quadratic,
    domain=((-1.0, 6.0), (-1.0, 6.0)),
    # Gradient zero: 6x1 + 2x2 = 20 and 2x1 + 4x2 = 16.
    minima=(Minimum((2.4, 2.8), -46.4),),
    start=(0.0, 0.0),
    latex=r"f(x_1, x_2) = 2x_1^2 + x_2^2 + (x_1 + x_2)^2 - 20x_1 - 16x_2",
    tags=frozenset({"quadratic", "convex", "course"}),
)

BOOTH = Surface(
    key="booth",
    title="Booth",
    fn=_booth,
    domain=((-10.0, 10.0), (-10.0, 10.0)),
    minima=(Minimum((1.0, 3.0), 0.0),),
    start=(-6.0, -2.0),
    latex=r"f(x, y) = (x + 2y - 7)^2 + (2x + y - 5)^2",
    tags=frozenset({"classic", "quadratic", "convex"}),
)

MATYAS = Surface(
    key="matyas",
    title="Matyas",
    fn=_matyas,
    domain=((-10.0, 10.0), (-10.0, 10.0)),
    minima=(Minimum((0.0, 0.0), 0.0),),
    # Hessian eigenvalues 0.04 and 1 along the diagonals: a flat valley (kappa 25).
    start=(8.0, 3.0),
    latex=r"f(x, y) = 0.26\,(x^2 + y^2) - 0.48\,xy",
    tags=frozenset({"classic", "quadratic", "convex", "valley"}),
)
