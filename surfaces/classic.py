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


def _mccormick(p: jax.Array, params: Params) -> jax.Array:
    x, y = p[0], p[1]
    return jnp.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1.0


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
    latex=(
        r"f(x, y) = \left[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)"
        r"\right]\left[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)"
        r"\right]"
    ),
    tags=_MULTIMODAL,
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
