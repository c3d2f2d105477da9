"""The calculus behind a step: difference quotients against autodiff, tangents,
secants, directional derivatives and slices (course parts 002 and 004).

Everything here evaluates a surface's own pure-JAX ``fn``; the exact value is
``jax.grad`` in float64. Difference quotients use the nominal ``h`` (not the
``(x + h) - x`` the machine actually stepped), which is what the course writes
and what makes the rounding arm of the error's V visible.

Error of a difference quotient with step h (Taylor; ε the unit roundoff):
forward/backward ≈ |f''| h/2 + 2ε|f|/h, best near √ε; central ≈ |f'''| h²/6 +
ε|f|/h, best near ∛ε.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.base import Surface

KINDS = ("forward", "backward", "central")
DTYPES = ("float32", "float64")
H_LOW, H_HIGH = 1e-16, 1.0  # the h slider's log range
COURSE_H = 1e-5  # the step the course uses for its numeric gradients
CURVE_POINTS = 200  # values of h on an error curve


def _scalar_fn(surface: Surface, params: Mapping[str, float] | None):
    values = surface.param_values(params)

    def f(p: jax.Array) -> jax.Array:
        # Parameters in p's dtype: a float32 curve must stay float32 throughout.
        return surface.fn(p, {k: jnp.asarray(v, p.dtype) for k, v in values.items()})

    return f


def derivative(
    surface: Surface, x: float, params: Mapping[str, float] | None = None
) -> float:
    """f'(x) of a 1-D surface by autodiff, float64."""
    f = _scalar_fn(surface, params)
    return float(jax.grad(lambda t: f(t[None]))(jnp.float64(x)))


def difference(
    surface: Surface,
    x: float,
    h: float,
    kind: str = "central",
    params: Mapping[str, float] | None = None,
    dtype: str = "float64",
) -> float:
    """A difference quotient of a 1-D surface at ``x`` with step ``h``."""
    table = _quotients(surface, _frozen(params), dtype)
    return float(table[_kind(kind)](np.asarray([h]), x)[0])


def error_curves(
    surface: Surface,
    x: float,
    hs: np.ndarray | None = None,
    params: Mapping[str, float] | None = None,
) -> dict[tuple[str, str], np.ndarray]:
    """|quotient − f'(x)| for every h of ``hs`` (default: CURVE_POINTS values
    from H_LOW to H_HIGH, log-spaced), by (dtype, kind)."""
    hs = np.geomspace(H_LOW, H_HIGH, CURVE_POINTS) if hs is None else np.asarray(hs)
    exact = derivative(surface, x, params)
    curves = {}
    for dtype in DTYPES:
        table = _quotients(surface, _frozen(params), dtype)
        for kind in KINDS:
            got = np.asarray(table[kind](hs, x), dtype=np.float64)
            curves[dtype, kind] = np.abs(got - exact)
    return curves


def best_h(hs: np.ndarray, errors: np.ndarray) -> float:
    """The h with the smallest finite error (the bottom of the V)."""
    errors = np.where(np.isfinite(errors), errors, np.inf)
    return float(np.asarray(hs)[int(np.argmin(errors))])


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return kind


def _frozen(params: Mapping[str, float] | None) -> tuple:
    return tuple(sorted((params or {}).items()))


@functools.lru_cache(maxsize=64)
def _quotients(surface: Surface, params: tuple, dtype: str) -> dict:
    """Jitted quotients ``(hs, x) -> values`` of one surface and dtype, one per
    kind, vectorised over h (one compile per surface, dtype and kind)."""
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    f = _scalar_fn(surface, dict(params))
    real = jnp.dtype(dtype)

    def at(t: jax.Array) -> jax.Array:
        return f(t[None])

    def forward(h, x):
        return (at(x + h) - at(x)) / h

    def backward(h, x):
        return (at(x) - at(x - h)) / h

    def central(h, x):
        return (at(x + h) - at(x - h)) / (2 * h)

    def vectorised(quotient):
        def curve(hs, x):
            return jax.vmap(quotient, in_axes=(0, None))(hs, x)

        jitted = jax.jit(curve)
        return lambda hs, x: jitted(jnp.asarray(hs, real), jnp.asarray(x, real))

    return {
        "forward": vectorised(forward),
        "backward": vectorised(backward),
        "central": vectorised(central),
    }


# --- tangents, secants, the local parabola (1-D) ------------------------------


class Line(NamedTuple):
    """y = value + slope (x − x0): a tangent or a secant through (x0, value)."""

    x0: float
    value: float
    slope: float

    def at(self, x: np.ndarray) -> np.ndarray:
        return self.value + self.slope * (np.asarray(x) - self.x0)


def tangent(
    surface: Surface, x: float, params: Mapping[str, float] | None = None
) -> Line:
    f = _scalar_fn(surface, params)
    value, slope = jax.value_and_grad(lambda t: f(t[None]))(jnp.float64(x))
    return Line(float(x), float(value), float(slope))


def secant(
    surface: Surface, x: float, h: float, params: Mapping[str, float] | None = None
) -> Line:
    """The line through (x, f(x)) and (x + h, f(x + h))."""
    f = _scalar_fn(surface, params)
    a, b = (float(f(jnp.asarray([v], jnp.float64))) for v in (x, x + h))
    return Line(float(x), a, (b - a) / h)


def local_parabola(
    surface: Surface, x: float, params: Mapping[str, float] | None = None
) -> tuple[float, float, float]:
    """(f, f', f'') at x: Newton's model f + f'(t − x) + f''(t − x)²/2."""
    f = _scalar_fn(surface, params)

    def g(t):
        return f(t[None])

    t = jnp.float64(x)
    return float(g(t)), float(jax.grad(g)(t)), float(jax.grad(jax.grad(g))(t))


# --- gradient geometry (2-D) ------------------------------------------------------


class Geometry(NamedTuple):
    """At a point: ∇f, the unit tangent of the level line, and the directional
    derivative along the unit vector at ``angle`` (radians from the x axis)."""

    gradient: np.ndarray
    level_tangent: np.ndarray
    direction: np.ndarray
    directional: float  # e·∇f
    alpha: float  # the angle between e and ∇f, in [0, π]


def value_at(
    surface: Surface, point, params: Mapping[str, float] | None = None
) -> float:
    """f at a point, float64."""
    return float(_scalar_fn(surface, params)(jnp.asarray(point, jnp.float64)))


def gradient(
    surface: Surface, point, params: Mapping[str, float] | None = None
) -> np.ndarray:
    f = _scalar_fn(surface, params)
    return np.asarray(jax.grad(f)(jnp.asarray(point, jnp.float64)))


def geometry(
    surface: Surface,
    point,
    angle: float,
    params: Mapping[str, float] | None = None,
) -> Geometry:
    g = gradient(surface, point, params)
    e = np.array([np.cos(angle), np.sin(angle)])
    norm = float(np.hypot(*g))
    # The level line's tangent is ∇f turned a quarter: perpendicular by build.
    tangent_dir = np.array([-g[1], g[0]]) / norm if norm > 0 else np.zeros(2)
    cosine = float(e @ g) / norm if norm > 0 else 1.0
    alpha = float(np.arccos(np.clip(cosine, -1.0, 1.0)))
    return Geometry(g, tangent_dir, e, float(e @ g), alpha)


def gradient_check(
    surface: Surface,
    point,
    h: float = COURSE_H,
    params: Mapping[str, float] | None = None,
) -> float:
    """‖central-difference gradient − autodiff‖ / ‖autodiff‖ at ``point``."""
    f = _scalar_fn(surface, params)
    p = np.asarray(point, np.float64)
    exact = gradient(surface, p, params)
    numeric = np.empty_like(p)
    for i in range(p.size):
        step = np.zeros_like(p)
        step[i] = h
        up, down = (float(f(jnp.asarray(p + s * step))) for s in (1, -1))
        numeric[i] = (up - down) / (2 * h)
    scale = max(float(np.linalg.norm(exact)), np.finfo(float).tiny)
    return float(np.linalg.norm(numeric - exact)) / scale


def slices(
    surface: Surface,
    point,
    n: int = 200,
    params: Mapping[str, float] | None = None,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """f(x, y₀) over x and f(x₀, y) over y, across the view box: the two
    partial derivatives are these curves' slopes at the point."""
    f = jax.vmap(_scalar_fn(surface, params))
    x0, y0 = (float(v) for v in point)
    (xlo, xhi), (ylo, yhi) = surface.domain
    xs, ys = np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n)
    along_x = np.asarray(f(jnp.stack([xs, np.full(n, y0)], axis=1)))
    along_y = np.asarray(f(jnp.stack([np.full(n, x0), ys], axis=1)))
    return (xs, along_x), (ys, along_y)
