"""Classic optimization test functions, most of them with several minima.

Formulas follow Surjanovic & Bingham, "Virtual Library of Simulation
Experiments" (sfu.ca/~ssurjano). Every minimum listed here was re-polished
numerically (gradient below 1e-12, Hessian positive definite) rather than copied
from the rounded published coordinates.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from surfaces.base import Minimum, Params, Surface

_MULTIMODAL = frozenset({"classic", "multimodal"})


def _beale(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return (
        (1.5 - x + x * y) ** 2
        + (2.25 - x + x * y**2) ** 2
        + (2.625 - x + x * y**3) ** 2
    )


def _himmelblau(p: jax.Array, params: Params) -> jax.Array:
    return (p[0] ** 2 + p[1] - 11.0) ** 2 + (p[0] + p[1] ** 2 - 7.0) ** 2


def _six_hump_camel(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return (4.0 - 2.1 * x**2 + x**4 / 3.0) * x**2 + x * y + (4.0 * y**2 - 4.0) * y**2


def _three_hump_camel(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return 2.0 * x**2 - 1.05 * x**4 + x**6 / 6.0 + x * y + y**2


def _goldstein_price(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    a = 19.0 - 14.0 * x + 3.0 * x**2 - 14.0 * y + 6.0 * x * y + 3.0 * y**2
    b = 18.0 - 32.0 * x + 12.0 * x**2 + 48.0 * y - 36.0 * x * y + 27.0 * y**2
    return (1.0 + (x + y + 1.0) ** 2 * a) * (30.0 + (2.0 * x - 3.0 * y) ** 2 * b)


def _mccormick(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return jnp.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1.0


BEALE = Surface(
    key="beale",
    title="Beale",
    fn=_beale,
    domain=((-4.5, 4.5), (-4.5, 4.5)),
    # Also a valley y ~ 1 - 0.99/x that descends toward f = 0.452 as x -> -inf:
    # starts in the left half may run off the box, which is correct behaviour.
    minima=(Minimum((3.0, 0.5), 0.0),),
    start=(1.0, 1.5),
    latex=r"f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
    tags=frozenset({"classic"}),
)

HIMMELBLAU = Surface(
    key="himmelblau",
    title="Himmelblau",
    fn=_himmelblau,
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    minima=(
        Minimum((3.0, 2.0), 0.0),
        Minimum((-2.805118086952745, 3.131312518250573), 0.0),
        Minimum((-3.779310253377747, -3.2831859912861696), 0.0),
        Minimum((3.5844283403304917, -1.8481265269644036), 0.0),
    ),
    start=(0.0, 0.0),
    latex=r"f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    tags=_MULTIMODAL,
)

SIX_HUMP_CAMEL = Surface(
    key="six_hump_camel",
    title="Six-hump camel",
    fn=_six_hump_camel,
    # Tighter than the usual [-3, 3] x [-2, 2], where x^6 / 3 reaches 243 and
    # flattens every contour around the six minima.
    domain=((-2.0, 2.0), (-1.2, 1.2)),
    minima=(
        Minimum((0.08984201310031806, -0.7126564030207396), -1.0316284534898774),
        Minimum((-0.08984201310031806, 0.7126564030207396), -1.0316284534898774),
        Minimum((1.703606714969981, -0.7960835686726251), -0.2154638243837187, "local"),
        Minimum((-1.703606714969981, 0.7960835686726251), -0.2154638243837187, "local"),
        Minimum((1.6071047529201976, 0.5686514548841314), 2.104250310311258, "local"),
        Minimum((-1.6071047529201976, -0.5686514548841314), 2.104250310311258, "local"),
    ),
    start=(-1.5, -1.0),
    latex=(
        r"f(x, y) = \left(4 - 2.1x^2 + \tfrac{x^4}{3}\right)x^2 + xy"
        r" + (4y^2 - 4)\,y^2"
    ),
    tags=_MULTIMODAL,
)

THREE_HUMP_CAMEL = Surface(
    key="three_hump_camel",
    title="Three-hump camel",
    fn=_three_hump_camel,
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    minima=(
        Minimum((0.0, 0.0), 0.0),
        # On the line y = -x / 2, where the derivative in y vanishes.
        Minimum(
            (1.7475523458302888, -0.8737761729151444), 0.29863844223685904, "local"
        ),
        Minimum(
            (-1.7475523458302888, 0.8737761729151444), 0.29863844223685904, "local"
        ),
    ),
    start=(-1.5, -1.5),
    latex=r"f(x, y) = 2x^2 - 1.05x^4 + \tfrac{x^6}{6} + xy + y^2",
    tags=_MULTIMODAL,
)

GOLDSTEIN_PRICE = Surface(
    key="goldstein_price",
    title="Goldstein–Price",
    fn=_goldstein_price,
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    # Exact: the polished minima agree with these to 1e-14.
    minima=(
        Minimum((0.0, -1.0), 3.0),
        Minimum((-0.6, -0.4), 30.0, "local"),
        Minimum((1.8, 0.2), 84.0, "local"),
        Minimum((1.2, 0.8), 840.0, "local"),
    ),
    # Beside the local minimum (-0.6, -0.4), a trap next to the global one.
    start=(-1.0, 0.0),
    # \bigl[ … \bigr], not \left[ … \right]: KaTeX breaks an inline
    # formula only between top-level terms, and this one is wider than the
    # map's column on a 1280-pixel projector.
    latex=(
        r"f(x, y) = \bigl[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)"
        r"\bigr]\bigl[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)"
        r"\bigr]"
    ),
    tags=_MULTIMODAL,
)

MCCORMICK = Surface(
    key="mccormick",
    title="McCormick",
    fn=_mccormick,
    domain=((-1.5, 4.0), (-3.0, 4.0)),
    # With u = x + y, v = x - y: f = sin u + u/2 + (v - 1)^2, so the minima are
    # v = 1 and u = -2pi/3 + 2pi k, in closed form.
    minima=(
        Minimum(
            (0.5 - math.pi / 3, -0.5 - math.pi / 3), -math.sqrt(3) / 2 - math.pi / 3
        ),
        Minimum(
            (0.5 + 2 * math.pi / 3, -0.5 + 2 * math.pi / 3),
            -math.sqrt(3) / 2 + 2 * math.pi / 3,
            "local",
        ),
    ),
    start=(3.0, -2.0),
    latex=r"f(x, y) = \sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1",
    tags=_MULTIMODAL,
)
