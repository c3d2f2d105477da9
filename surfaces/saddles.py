"""Saddles: surfaces with no minimum, where descent must escape a flat point.

Both are unbounded below, so their ``minima`` are empty and a run that slides
off to infinity is the expected, correct outcome.
"""

from __future__ import annotations

import jax

from surfaces.base import Params, Surface


def _saddle(p: jax.Array, params: Params) -> jax.Array:
    return p[0] ** 2 - p[1] ** 2


def _monkey_saddle(p: jax.Array, params: Params) -> jax.Array:
    return p[0] ** 3 - 3.0 * p[0] * p[1] ** 2


SADDLE = Surface(
    key="saddle",
    title="Saddle",
    fn=_saddle,
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    minima=(),
    # Almost on the ridge y = 0: descent first heads for the saddle point, then
    # the small y offset grows geometrically and carries it away.
    start=(1.5, 0.05),
    latex=r"f(x, y) = x^2 - y^2",
    tags=frozenset({"saddle"}),
)

MONKEY_SADDLE = Surface(
    key="monkey_saddle",
    title="Monkey saddle",
    fn=_monkey_saddle,
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    minima=(),
    # The gradient vanishes to second order at the origin: from near the ridge
    # y = 0 descent slows down on the flat middle before it turns into one of
    # the three valleys (here the one at 60 degrees).
    start=(1.5, 0.1),
    latex=r"f(x, y) = x^3 - 3xy^2",
    tags=frozenset({"saddle"}),
)
