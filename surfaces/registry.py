"""Every surface by key, in the order the surface picker lists them."""

from __future__ import annotations

from types import MappingProxyType

from surfaces import classic as c
from surfaces import multimodal as m
from surfaces import one_d, regression, saddles, valleys
from surfaces.base import Surface

# Read-only: pages and tests share these singletons (they are static jit keys).
SURFACES = MappingProxyType(
    {
        s.key: s
        for s in (
            valleys.VALLEY,
            valleys.ROSENBROCK,
            saddles.SADDLE,
            saddles.MONKEY_SADDLE,
            valleys.COURSE_QUADRATIC,
            c.BEALE,
            c.HIMMELBLAU,
            valleys.BOOTH,
            valleys.MATYAS,
            c.SIX_HUMP_CAMEL,
            c.THREE_HUMP_CAMEL,
            c.GOLDSTEIN_PRICE,
            m.RASTRIGIN,
            m.ACKLEY,
            m.STYBLINSKI_TANG,
            c.MCCORMICK,
            one_d.X_PLUS_SIN,
            one_d.X_SQ_PLUS_SIN,
            one_d.SIN_MINUS_SQUARE,
            one_d.PARABOLA,
            regression.LINEAR_REGRESSION,
            regression.LOGISTIC_REGRESSION,
        )
    }
)


def get_surface(key: str | Surface) -> Surface:
    """The registered surface called ``key``.

    Args:
        key: a registry key, or a ``Surface`` (e.g. a parsed expression), which
            is returned unchanged.

    Returns:
        The surface.

    Raises:
        KeyError: ``key`` is not registered; the message lists the valid keys.
    """
    if isinstance(key, Surface):
        return key
    try:
        return SURFACES[key]
    except (KeyError, TypeError):
        valid = ", ".join(SURFACES)
        raise KeyError(f"unknown surface {key!r}; valid keys: {valid}") from None
