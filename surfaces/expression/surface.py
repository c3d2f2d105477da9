"""``parse_expression``: typed text to a ``Surface`` every optimizer can run."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.base import Params, Surface
from surfaces.expression.evaluate import Closure, compile_tree
from surfaces.expression.minima import find_minima
from surfaces.expression.nodes import Node, variables
from surfaces.expression.parser import parse
from surfaces.expression.printing import function_latex, to_text
from surfaces.expression.tokens import check_raw

DEFAULT_DOMAIN = (-5.0, 5.0)  # per axis: room for Himmelblau's four minima
MAX_COORDINATE = 1e6  # a view box beyond this is a typo, not a lesson
MIN_SPAN = 1e-6  # narrower, and the map is rounding noise
# Where a run starts by default, as a fraction of the view box per axis:
# off-centre, so that a bowl centred in the box is not already solved.
START_FRACTION = (0.25, 5 / 6)
KEY_PREFIX = "expr:"
TITLE_LENGTH = 60
CACHE_SIZE = 32  # parsed surfaces kept, so a rerun does not search again
TAGS = frozenset({"typed", "numeric_minima"})

Domain = tuple[tuple[float, float], ...]


# Compared by value, unlike registry surfaces (eq=False, compared by identity):
# a runner compiled for a function is reused whenever the same text and view
# box come back, however often it is parsed.
@dataclass(frozen=True, eq=False)
class ExpressionSurface(Surface):
    """A typed function as a ``Surface``.

    Attributes:
        text: the canonical text (``x^2 + 10*sin(y)``) the key is built from.
        host_fn: f on the host, numpy ``(n, dim) -> (n,)``: the same function
            as ``fn`` with nothing to compile, for the map of a function just
            typed (a jitted grid costs 0.05-0.4 s of compile; this ~0.3 ms).
    """

    text: str = ""
    host_fn: Closure | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExpressionSurface):
            return NotImplemented
        return (self.text, self.domain) == (other.text, other.domain)

    def __hash__(self) -> int:
        return hash((KEY_PREFIX, self.text, self.domain))


def parse_expression(
    text: str, domain: Sequence[float] | Sequence[Sequence[float]] | None = None
) -> ExpressionSurface:
    """f(x) or f(x, y) as typed, as a ``Surface``.

    The grammar (precedence, implicit products, ``sin x``) is documented in
    ``surfaces.expression.parser``. The dimension is 2 if ``y`` appears, else 1
    (so ``y^2`` is a 2-D surface constant along x).

    Args:
        text: the function, e.g. ``"(1-x)^2 + 100(y-x^2)^2"``.
        domain: the view box: ``None`` (``DEFAULT_DOMAIN`` on every axis), one
            ``(lo, hi)`` for every axis, or one pair per axis. A 2-D box given
            to a function of x alone keeps x's range, so a view box can stay
            as the text changes.

    Returns:
        A surface whose ``fn`` is pure ``jax.numpy`` (any optimizer, autodiff
        gradients and Hessians), ``latex`` built from the parsed tree, and
        ``minima`` found numerically (tag ``"numeric_minima"``). Equal for the
        same canonical text and view box.

    Raises:
        ExpressionError: the text is empty, too long, too deep or too big, or
            uses anything outside the grammar; ``.column`` says where (1-based)
            and ``.message`` what is allowed. It is a ``ValueError``.
        ValueError: a view box that is not finite numbers with lo < hi.
        TypeError: ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"the function must be text, got {type(text).__name__}")
    check_raw(text)
    tree = parse(text)
    dim = 2 if "y" in variables(tree) else 1
    return _build(tree, _as_domain(domain, dim))


# Keyed on the tree (frozen, hashable), which is one-to-one with the canonical
# text: one surface per function and box, however it was spelt.
@lru_cache(maxsize=CACHE_SIZE)
def _build(tree: Node, domain: Domain) -> ExpressionSurface:
    canonical = to_text(tree)
    values = _host_values(compile_tree(tree, np))
    minima, starts, start_values = find_minima(values, domain)
    return ExpressionSurface(
        key=KEY_PREFIX + canonical,
        title=_title(canonical),
        fn=_jax_fn(tree),
        domain=domain,
        minima=minima,
        start=_start(values, domain, starts, start_values),
        latex=function_latex(tree, len(domain)),
        tags=TAGS | ({"1d"} if len(domain) == 1 else set()),
        text=canonical,
        host_fn=values,
    )


def _jax_fn(tree: Node):
    closure = compile_tree(tree, jnp)

    def fn(p: jax.Array, params: Params) -> jax.Array:
        return jnp.asarray(closure(p), dtype=jnp.float64)

    return fn


def _host_values(closure: Closure) -> Closure:
    def values(points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=np.float64)
        with np.errstate(all="ignore"):
            out = closure(points)
        # A constant (or y-only) function must still give one value per point.
        return np.broadcast_to(np.asarray(out, np.float64), points.shape[:-1]).copy()

    return values


def _title(canonical: str) -> str:
    if len(canonical) <= TITLE_LENGTH:
        return canonical
    return canonical[: TITLE_LENGTH - 1] + "…"


def _start(values: Closure, domain: Domain, starts, start_values) -> tuple:
    """The default start: ``START_FRACTION`` of the box, or else the grid
    start nearest to it where f is finite (log x is not, at x < 0)."""
    fractions = START_FRACTION[: len(domain)]
    preferred = np.array(
        [lo + t * (hi - lo) for (lo, hi), t in zip(domain, fractions, strict=True)]
    )
    finite = np.isfinite(start_values)
    if np.isfinite(values(preferred[None])[0]) or not finite.any():
        return tuple(map(float, preferred))
    candidates = starts[finite]
    nearest = np.argmin(np.linalg.norm(candidates - preferred, axis=1))
    return tuple(map(float, candidates[nearest]))


def _as_domain(domain, dim: int) -> Domain:
    """The view box as ``((lo, hi),) * dim`` floats, validated."""
    if domain is None:
        return (DEFAULT_DOMAIN,) * dim
    try:
        array = np.asarray(domain, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"the view box must be numbers, got {domain!r}") from None
    if array.shape == (2,):
        array = np.repeat(array[None], dim, axis=0)
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] not in (1, 2):
        raise ValueError(
            f"the view box must be (lo, hi) or one pair per axis, got {domain!r}"
        )
    if array.shape[0] < dim:
        array = np.repeat(array, dim, axis=0)
    pairs = tuple((float(lo), float(hi)) for lo, hi in array[:dim])
    for axis, (lo, hi) in zip("xy", pairs, strict=False):
        _check_range(axis, lo, hi)
    return pairs


def _check_range(axis: str, lo: float, hi: float) -> None:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"the {axis} range must be finite, got ({lo}, {hi})")
    if max(abs(lo), abs(hi)) > MAX_COORDINATE:
        raise ValueError(f"the {axis} range must lie within ±{MAX_COORDINATE:g}")
    if not hi - lo >= MIN_SPAN:
        raise ValueError(
            f"the {axis} range must have lo < hi (at least {MIN_SPAN:g} apart), "
            f"got ({lo}, {hi})"
        )
