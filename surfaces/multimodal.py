"""Multimodal test functions: a lattice of local minima around one global one.

Formulas follow Surjanovic & Bingham, "Virtual Library of Simulation
Experiments" (sfu.ca/~ssurjano). Rastrigin's and Ackley's local minima are all
listed (121 each in the view box) so that basin maps can name them.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp

from surfaces.base import Minimum, Params, Surface

_MULTIMODAL = frozenset({"classic", "multimodal"})


def _rastrigin_1d(z):
    return z**2 - 10.0 * jnp.cos(2.0 * jnp.pi * z) + 10.0


def _rastrigin(p: jax.Array, params: Params) -> jax.Array:
    return _rastrigin_1d(p[0]) + _rastrigin_1d(p[1])


def _ackley(p: jax.Array, params: Params) -> jax.Array:
    s = p[0] ** 2 + p[1] ** 2
    # sqrt has an infinite derivative at 0; masking its input (not only its
    # output) keeps the gradient at the origin finite (zero) instead of NaN.
    safe = jnp.where(s > 0.0, s, 1.0)
    r = jnp.where(s > 0.0, jnp.sqrt(0.5 * safe), 0.0)
    waves = 0.5 * (jnp.cos(2.0 * jnp.pi * p[0]) + jnp.cos(2.0 * jnp.pi * p[1]))
    return -20.0 * jnp.exp(-0.2 * r) - jnp.exp(waves) + jnp.e + 20.0


def _styblinski_tang(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return 0.5 * (x**4 - 16.0 * x**2 + 5.0 * x + y**4 - 16.0 * y**2 + 5.0 * y)


def _rastrigin_minima() -> tuple[Minimum, ...]:
    """All 121 minima in [-5.12, 5.12]^2: products of the 11 minima in 1-D."""
    zs = []
    for k in range(-5, 6):
        # Newton on the 1-D derivative from the integer k; the parabola pulls
        # each minimum slightly toward 0 (4.9747 for k = 5).
        z = float(k)
        for _ in range(8):
            d1 = 2.0 * z + 20.0 * math.pi * math.sin(2.0 * math.pi * z)
            z -= d1 / (2.0 + 40.0 * math.pi**2 * math.cos(2.0 * math.pi * z))
        zs.append(z)
    g = {z: z * z - 10.0 * math.cos(2.0 * math.pi * z) + 10.0 for z in zs}
    return _sorted([((a, b), g[a] + g[b]) for a in zs for b in zs])


# Ackley's local minima sit next to every integer point of [-5, 5]^2, pulled
# toward the origin by the exponential bowl. One per symmetry class (a >= b >= 0),
# polished by Newton's method: (a, b, value).
_ACKLEY_TABLE = (
    (0.9521665459501717, 0.0, 2.5799275570298725),
    (0.9684776587077244, 0.9684776587077244, 3.5744518772576797),
    (1.9589197181217175, 0.0, 4.884065258091152),
    (1.9646166628629864, 0.9824160350791393, 5.381864187490191),
    (1.9744519864841168, 1.9744519864841168, 6.559645375627877),
    (2.964619443112052, 0.0, 6.882582646801293),
    (2.9672595287625643, 0.9891541864816626, 7.180951647715364),
    (2.973139419924383, 1.9821399503814776, 7.961711274689826),
    (2.9792239546911445, 2.9792239546911445, 9.00109347829201),
    (3.969466743351758, 0.0, 8.616250044048797),
    (3.9709183150642837, 0.9927672061700447, 8.81315177404689),
    (3.9745401784682053, 1.9873106146274968, 9.353039239137804),
    (3.978924750768195, 2.9842137381272384, 10.12035074363267),
    (3.983067699689763, 3.983067699689763, 10.998262102599444),
    (4.973611257996986, 0.0, 10.120331273799986),
    (4.974497722176982, 0.9949203738218392, 10.25797437214942),
    (4.976843849330102, 1.9907648757355256, 10.645027483714344),
    (4.97995793948682, 2.987995058852837, 11.217549480016736),
    (4.983198896760883, 3.9865680979539455, 11.901256635114166),
    (4.986180456997876, 4.986180456997876, 12.632268991516),
)


def _ackley_minima() -> tuple[Minimum, ...]:
    """The global minimum and the 120 local ones, unfolded by symmetry."""
    found = {(0.0, 0.0): 0.0}
    for a, b, value in _ACKLEY_TABLE:
        for x, y in ((a, b), (b, a)):
            for sx in (1.0, -1.0):
                for sy in (1.0, -1.0):
                    # 0.0 == -0.0 as a dict key, so the axis points appear once.
                    found[(sx * x, sy * y)] = value
    return _sorted(list(found.items()))


def _sorted(points: list) -> tuple[Minimum, ...]:
    """Minima by increasing value; the first (value 0 at the origin) is global."""
    points = sorted(points, key=lambda pv: (pv[1], pv[0]))
    return tuple(
        Minimum(pt, value, "global" if i == 0 else "local")
        for i, (pt, value) in enumerate(points)
    )


RASTRIGIN = Surface(
    key="rastrigin",
    title="Rastrigin",
    fn=_rastrigin,
    domain=((-5.12, 5.12), (-5.12, 5.12)),
    minima=_rastrigin_minima(),
    start=(3.3, -2.6),
    latex=r"f(x, y) = 20 + x^2 - 10\cos 2\pi x + y^2 - 10\cos 2\pi y",
    tags=_MULTIMODAL,
)

ACKLEY = Surface(
    key="ackley",
    title="Ackley",
    fn=_ackley,
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    minima=_ackley_minima(),
    start=(3.2, -2.3),
    latex=(
        r"f(x, y) = -20\,e^{-0.2\sqrt{(x^2 + y^2)/2}}"
        r" - e^{(\cos 2\pi x + \cos 2\pi y)/2} + e + 20"
    ),
    tags=_MULTIMODAL,
)

# The 1-D minima are the roots -2.9035... and 2.7468... of 4z^3 - 32z + 5.
_ST_LO, _ST_HI = -2.9035340277711774, 2.746802770990837

STYBLINSKI_TANG = Surface(
    key="styblinski_tang",
    title="Styblinski–Tang",
    fn=_styblinski_tang,
    domain=((-5.0, 5.0), (-5.0, 5.0)),
    minima=(
        Minimum((_ST_LO, _ST_LO), -78.33233140754284),
        Minimum((_ST_LO, _ST_HI), -64.19561235905536, "local"),
        Minimum((_ST_HI, _ST_LO), -64.19561235905536, "local"),
        Minimum((_ST_HI, _ST_HI), -50.05889331056789, "local"),
    ),
    # Just past the maximum near (0.157, 0.157): descent lands in the worst minimum.
    start=(0.5, 0.5),
    latex=r"f(x, y) = \tfrac12\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)",
    tags=_MULTIMODAL,
)
