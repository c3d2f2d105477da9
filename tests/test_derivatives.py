"""surfaces/derivatives.py against the course's numbers, Taylor's error
terms, autodiff and geometry."""

from __future__ import annotations

import json
import math

import jax.numpy as jnp
import numpy as np
import pytest

from surfaces import get_surface
from surfaces.derivatives import (
    COURSE_H,
    best_h,
    derivative,
    difference,
    error_curves,
    geometry,
    gradient,
    gradient_check,
    local_parabola,
    secant,
    slices,
    tangent,
)

PARABOLA = get_surface("parabola")  # 3x² + 6x
X_PLUS_SIN = get_surface("x_plus_sin")
EPS = {
    "float32": float(jnp.finfo(jnp.float32).eps),
    "float64": float(np.finfo(float).eps),
}


def test_the_course_numbers_at_x_2() -> None:
    # Course, part 004: forward 18.00003 (error 3.0e-5), central error ≈ 2e-10.
    assert derivative(PARABOLA, 2.0) == 18.0
    forward = difference(PARABOLA, 2.0, COURSE_H, "forward")
    assert f"{forward:.7g}" == "18.00003"
    assert f"{forward - 18:.1e}" == "3.0e-05"
    central = abs(difference(PARABOLA, 2.0, COURSE_H, "central") - 18)
    assert f"{central:.0e}" == "2e-10"


@pytest.mark.parametrize("surface", [PARABOLA, X_PLUS_SIN])
def test_central_beats_forward_at_the_course_h(surface) -> None:
    exact = derivative(surface, 2.5)
    forward = abs(difference(surface, 2.5, COURSE_H, "forward") - exact)
    central = abs(difference(surface, 2.5, COURSE_H, "central") - exact)
    assert central < forward / 100


def test_best_h_sits_near_the_roots_of_epsilon() -> None:
    hs = np.geomspace(1e-16, 1.0, 400)
    curves = error_curves(X_PLUS_SIN, 2.5, hs)
    for dtype, eps in EPS.items():
        for kind, root in (("forward", eps**0.5), ("central", eps ** (1 / 3))):
            h = best_h(hs, curves[dtype, kind])
            assert abs(math.log10(h / root)) <= 1, (dtype, kind, h, root)


def test_float32_rounds_far_sooner_than_float64() -> None:
    curves = error_curves(X_PLUS_SIN, 2.5)
    assert curves["float32", "central"].min() > 100 * curves["float64", "central"].min()


def test_a_parabola_has_no_central_truncation_error() -> None:
    # f''' = 0: the central quotient is exact up to rounding, which only
    # shrinks as h grows; the forward one has the h-proportional arm 3h.
    hs = np.geomspace(1e-6, 1.0, 50)
    curves = error_curves(PARABOLA, 2.0, hs)
    central, forward = curves["float64", "central"], curves["float64", "forward"]
    assert np.all(central[hs > 1e-3] < 1e-11)
    np.testing.assert_allclose(forward[hs > 1e-3], 3 * hs[hs > 1e-3], rtol=1e-4)


def test_backward_mirrors_forward_on_the_parabola() -> None:
    h = 1e-3
    assert difference(PARABOLA, 2.0, h, "backward") == pytest.approx(18 - 3 * h)


def test_unknown_kind_or_dtype_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        difference(PARABOLA, 2.0, 1e-3, "sideways")
    with pytest.raises(ValueError, match="dtype"):
        difference(PARABOLA, 2.0, 1e-3, "central", dtype="float16")


def test_error_curves_cover_both_dtypes_and_every_kind() -> None:
    curves = error_curves(X_PLUS_SIN, 2.0)
    assert set(curves) == {
        (d, k) for d in EPS for k in ("forward", "backward", "central")
    }
    assert all(c.shape == (200,) and np.all(c >= 0) for c in curves.values())


@pytest.mark.parametrize("key", ["x_plus_sin", "x_sq_plus_sin", "sin_minus_square"])
def test_secants_tend_to_the_tangent(key: str) -> None:
    surface = get_surface(key)
    line = tangent(surface, 1.3)
    assert line.slope == pytest.approx(derivative(surface, 1.3))
    gaps = [abs(secant(surface, 1.3, h).slope - line.slope) for h in (1, 0.1, 0.01)]
    # First order in h: each tenth of h takes the gap down about tenfold.
    assert gaps[0] > 5 * gaps[1] > 25 * gaps[2]
    assert line.at(1.3) == pytest.approx(line.value)


def test_the_local_parabola_is_newtons_model() -> None:
    value, slope, curvature = local_parabola(X_PLUS_SIN, 2.5)
    assert value == pytest.approx(2.5 + math.sin(2.5))
    assert slope == pytest.approx(1 + math.cos(2.5))
    assert curvature == pytest.approx(-math.sin(2.5))


@pytest.mark.parametrize("key", ["rosenbrock", "himmelblau", "valley"])
def test_directional_derivative_is_e_dot_grad_and_largest_along_grad(key) -> None:
    surface = get_surface(key)
    point = (0.3, -0.7)
    g = gradient(surface, point)
    along = math.atan2(g[1], g[0])
    best = geometry(surface, point, along)
    assert best.alpha == pytest.approx(0.0, abs=1e-7)
    assert best.directional == pytest.approx(np.hypot(*g))
    for angle in np.linspace(0, 2 * np.pi, 37):
        geo = geometry(surface, point, angle)
        assert geo.directional == pytest.approx(float(geo.direction @ g))
        assert geo.directional == pytest.approx(np.hypot(*g) * math.cos(geo.alpha))
        assert geo.directional <= best.directional + 1e-12


@pytest.mark.parametrize("key", ["rosenbrock", "himmelblau", "booth", "ackley"])
def test_the_gradient_is_perpendicular_to_the_level_line(key) -> None:
    surface = get_surface(key)
    point = np.array([0.4, 0.9])
    geo = geometry(surface, point, 0.0)
    assert abs(float(geo.level_tangent @ geo.gradient)) < 1e-6 * np.hypot(*geo.gradient)
    # And numerically: f barely changes along the tangent, first order.
    f = surface.fn
    params = {k: jnp.float64(v) for k, v in surface.default_params().items()}
    step = 1e-4
    change = float(f(jnp.asarray(point + step * geo.level_tangent), params)) - float(
        f(jnp.asarray(point), params)
    )
    assert abs(change) < 1e-6 * max(1.0, np.hypot(*geo.gradient))


@pytest.mark.parametrize("key", ["rosenbrock", "beale", "six_hump_camel"])
def test_numeric_gradient_matches_autodiff(key: str) -> None:
    assert gradient_check(get_surface(key), (0.5, 0.25)) < 1e-7


def test_slices_have_the_partial_derivatives_as_slopes() -> None:
    surface = get_surface("himmelblau")
    point = (1.0, 1.5)
    (xs, fx), (ys, fy) = slices(surface, point, n=4001)
    g = gradient(surface, point)
    i, j = np.argmin(abs(xs - 1.0)), np.argmin(abs(ys - 1.5))
    assert np.gradient(fx, xs)[i] == pytest.approx(g[0], rel=1e-3)
    assert np.gradient(fy, ys)[j] == pytest.approx(g[1], rel=1e-3)


@pytest.mark.parametrize("surface", [PARABOLA, X_PLUS_SIN])
def test_the_error_figure_is_valid_json_even_where_a_quotient_is_exact(
    surface,
) -> None:
    # JSON has no NaN: a browser's JSON.parse refuses the whole figure.
    from surfaces.derivatives import H_HIGH, H_LOW
    from viz import to_json
    from viz.calculus import errors_spec

    hs = np.geomspace(H_LOW, H_HIGH, 200)
    curves = error_curves(surface, 2.0, hs)
    best = {k: best_h(hs, v) for k, v in curves.items()}
    words = ("forward", "backward", "central", "best_h", "error", "course_h")
    spec = errors_spec(hs, curves, 1e-5, COURSE_H, best, {w: w for w in words})

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the figure's JSON")

    json.loads(to_json(spec), parse_constant=refuse)
