"""Every surface x checks (metadata, minima, gradients, finiteness), then specifics."""

from __future__ import annotations

import functools
import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from scipy import optimize

from surfaces import SURFACES, Surface, get_surface

KEYS = list(SURFACES)
CHUNK = 4096  # every batch is padded to this, so each function compiles once
WITH_GLOBAL = [k for k in KEYS if any(m.kind == "global" for m in SURFACES[k].minima)]
WITH_MAXIMA = [k for k in KEYS if SURFACES[k].maxima]
# The keys DESIGN.md promises (tests and shared links use them). The registry
# may hold more: every other table here reads SURFACES.
CONTRACT_KEYS = [
    "valley",
    "rosenbrock",
    "saddle",
    "monkey_saddle",
    "course_quadratic",
    "beale",
    "himmelblau",
    "booth",
    "matyas",
    "six_hump_camel",
    "three_hump_camel",
    "goldstein_price",
    "rastrigin",
    "ackley",
    "styblinski_tang",
    "mccormick",
    "x_plus_sin",
    "x_sq_plus_sin",
    "sin_minus_square",
    "parabola",
]


@functools.cache
def kit(key: str) -> dict:
    """Value, gradient and Hessian at default parameters over batches of points.

    Each takes an (n, dim) array and returns numpy arrays; "vg" is the unbatched
    value-and-gradient for scipy.
    """
    s = SURFACES[key]
    params = s.param_values()

    def f(p):
        return s.fn(p, params)

    def batched(fn):
        compiled = jax.jit(jax.vmap(fn))

        def call(points):
            points = np.asarray(points, dtype=np.float64).reshape(-1, s.dim)
            n = len(points)
            # Pad with a real point (not zeros: Ackley's cusp) to whole chunks.
            padded = np.concatenate([points, np.repeat(points[:1], -n % CHUNK, 0)])
            parts = [compiled(padded[i : i + CHUNK]) for i in range(0, n, CHUNK)]
            return np.concatenate([np.asarray(a) for a in parts])[:n]

        return call

    return {
        "f": batched(f),
        "grad": batched(jax.grad(f)),
        "hess": batched(jax.hessian(f)),
        "vg": jax.jit(jax.value_and_grad(f)),
    }


def grid(s: Surface, n: int) -> np.ndarray:
    """An n-per-axis grid of the view box, flattened to shape (n**dim, dim)."""
    axes = [np.linspace(lo, hi, n) for lo, hi in s.domain]
    return np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], -1)


def inside(s: Surface, point) -> bool:
    return all(lo <= x <= hi for x, (lo, hi) in zip(point, s.domain, strict=True))


@pytest.mark.parametrize("key", KEYS)
def test_metadata(key: str) -> None:
    s = SURFACES[key]
    assert s.key == key and get_surface(key) is s and s.title and s.latex
    assert s.dim in (1, 2) and len(s.start) == s.dim
    assert all(lo < hi for lo, hi in s.domain)
    assert inside(s, s.start)
    assert ("1d" in s.tags) == (s.dim == 1)
    for m in s.minima + s.maxima:
        assert len(m.point) == s.dim and inside(s, m.point), m
        assert m.kind in ("global", "local")
    for p in s.params:
        assert p.low <= p.default <= p.high and (not p.log or p.low > 0)
    value = kit(key)["f"](np.array([s.start]))
    assert value.shape == (1,) and math.isfinite(float(value[0]))


@pytest.mark.parametrize("key", [k for k in KEYS if SURFACES[k].minima])
def test_documented_minima_are_minima(key: str) -> None:
    s, k = SURFACES[key], kit(key)
    points = np.array([m.point for m in s.minima])
    values = np.array([m.value for m in s.minima])
    np.testing.assert_allclose(k["f"](points), values, rtol=1e-9, atol=1e-9)
    hessians = np.asarray(k["hess"](points))
    eig = np.linalg.eigvalsh(hessians)
    # The gradient left by ~1e-16 errors in the coordinates scales with curvature.
    grad_norms = np.linalg.norm(k["grad"](points), axis=-1)
    assert np.all(grad_norms < 1e-6 * np.maximum(1.0, eig[:, -1])), grad_norms
    assert np.all(eig[:, 0] > 1e-6 * np.maximum(1.0, eig[:, -1])), eig
    is_global = np.array([m.kind == "global" for m in s.minima])
    if is_global.any():
        tol = 1e-9 * max(1.0, abs(values.min()))
        assert values[is_global].max() <= values.min() + tol, "a local one is lower"
        assert np.ptp(values[is_global]) <= tol, "global minima differ in value"


@pytest.mark.parametrize("key", WITH_GLOBAL)
def test_no_grid_point_beats_the_global_minimum(key: str) -> None:
    s = SURFACES[key]
    best = min(m.value for m in s.minima if m.kind == "global")
    lowest = float(np.min(kit(key)["f"](grid(s, 401 if s.dim == 2 else 20001))))
    assert lowest >= best - 1e-9 * max(1.0, abs(best)), (lowest, best)


@pytest.mark.parametrize("key", KEYS)
def test_every_local_minimum_found_from_a_grid_is_documented(key: str) -> None:
    """Each true minimum next to a strict local minimum of a fine grid is listed.

    Grid minima alone are not enough: curved valleys and skewed saddles leave
    discretisation artefacts (Rosenbrock, Goldstein-Price), and Beale has a
    valley that descends out of the box. So each unlisted one is polished inside
    a small box around it; only an interior point with zero gradient and a
    positive definite Hessian is a minimum that must be listed. The small box
    also stops the first quasi-Newton step from jumping to another basin.
    """
    for point in unlisted_extrema(key, 1.0):
        pytest.fail(f"unlisted minimum {point}")


@pytest.mark.parametrize("key", WITH_MAXIMA)
def test_every_local_maximum_found_from_a_grid_is_documented(key: str) -> None:
    """The same for the maxima of a surface that documents them (on -f)."""
    for point in unlisted_extrema(key, -1.0):
        pytest.fail(f"unlisted maximum {point}")


def unlisted_extrema(key: str, sign: float) -> list[np.ndarray]:
    """True minima of ``sign * f`` found from a grid but not documented."""
    s, k = SURFACES[key], kit(key)
    n = 401 if s.dim == 2 else 4001
    values = sign * np.asarray(k["f"](grid(s, n))).reshape((n,) * s.dim)
    centre = tuple(slice(1, -1) for _ in range(s.dim))
    is_min = np.ones_like(values[centre], dtype=bool)
    for shift in np.ndindex(*(3,) * s.dim):
        if shift != (1,) * s.dim:
            neighbour = tuple(slice(d, n - 2 + d) for d in shift)
            is_min &= values[centre] < values[neighbour]
    lo, hi = np.array(s.domain).T
    steps = (hi - lo) / (n - 1)
    listed = s.minima if sign > 0 else s.maxima
    documented = np.array([m.point for m in listed]).reshape(-1, s.dim)
    unlisted = []
    for i in np.argwhere(is_min):
        start = lo + (i + 1) * steps
        if near(documented, start, 2 * steps):
            continue  # the grid found a listed one; no need to polish
        box_lo, box_hi = start - 4 * steps, start + 4 * steps
        res = optimize.minimize(
            lambda p: tuple(sign * np.asarray(a) for a in k["vg"](p)),
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=list(zip(box_lo, box_hi, strict=True)),
            options={"ftol": 1e-15, "gtol": 1e-10},
        )
        eig = np.linalg.eigvalsh(sign * k["hess"](res.x)[0])
        is_interior = np.all((box_lo + 1e-6 * steps < res.x) & (res.x < box_hi))
        is_stationary = np.linalg.norm(k["grad"](res.x)) < 1e-6 * max(1.0, eig[-1])
        is_listed = near(documented, res.x, 1e-6 * s.width)
        if is_interior and is_stationary and eig[0] > 0 and not is_listed:
            unlisted.append(res.x)
    return unlisted


@pytest.mark.parametrize("key", WITH_MAXIMA)
def test_documented_maxima_are_maxima(key: str) -> None:
    s, k = SURFACES[key], kit(key)
    points = np.array([m.point for m in s.maxima])
    values = np.array([m.value for m in s.maxima])
    np.testing.assert_allclose(k["f"](points), values, rtol=1e-9, atol=1e-9)
    eig = np.linalg.eigvalsh(np.asarray(k["hess"](points)))
    grad_norms = np.linalg.norm(k["grad"](points), axis=-1)
    assert np.all(grad_norms < 1e-6 * np.maximum(1.0, -eig[:, 0])), grad_norms
    assert np.all(eig[:, -1] < -1e-6 * np.maximum(1.0, -eig[:, 0])), eig
    is_global = np.array([m.kind == "global" for m in s.maxima])
    assert is_global.any(), "no maximum is marked global"
    tol = 1e-9 * max(1.0, abs(values.max()))
    assert values[is_global].min() >= values.max() - tol, "a local one is higher"
    best = values[is_global].min()
    highest = float(np.max(k["f"](grid(s, 401 if s.dim == 2 else 20001))))
    assert highest <= best + tol, (highest, best)


@pytest.mark.parametrize("key", WITH_MAXIMA)
def test_scipy_climbs_back_to_each_documented_maximum(key: str) -> None:
    """From a nudge off each maximum, scipy's L-BFGS-B on -f returns to it."""
    s, k = SURFACES[key], kit(key)
    nudge = 1e-3 * s.width
    for m in s.maxima:
        point = np.asarray(m.point)
        res = optimize.minimize(
            lambda p: tuple(-np.asarray(a) for a in k["vg"](p)),
            point + nudge,
            jac=True,
            method="L-BFGS-B",
            bounds=[(x - 10 * nudge, x + 10 * nudge) for x in point],
            options={"ftol": 1e-15, "gtol": 1e-12},
        )
        np.testing.assert_allclose(res.x, point, atol=1e-7 * s.width)
        assert -res.fun == pytest.approx(m.value, abs=1e-12 * max(1, abs(m.value)))


def near(points: np.ndarray, x: np.ndarray, tol) -> bool:
    """Whether some row of ``points`` is within ``tol`` of ``x`` per coordinate."""
    return bool(np.any(np.all(np.abs(points - x) <= tol, axis=-1)))


@pytest.mark.parametrize("key", KEYS)
def test_grad_matches_central_differences(key: str) -> None:
    s, k = SURFACES[key], kit(key)
    rng = np.random.default_rng(20240601)
    lo, hi = np.array(s.domain).T
    points = rng.uniform(lo, hi, size=(20, s.dim))
    h = 1e-6
    steps = h * np.eye(s.dim)
    fd = np.stack(
        [(k["f"](points + e) - k["f"](points - e)) / (2 * h) for e in steps], -1
    )
    scale = 1.0 + np.abs(np.asarray(k["f"](points)))[:, None]
    assert np.all(np.abs(k["grad"](points) - fd) <= 1e-5 * np.abs(fd) + 1e-7 * scale)


@pytest.mark.parametrize("key", KEYS)
def test_finite_values_and_gradients_on_the_view_box(key: str) -> None:
    s, k = SURFACES[key], kit(key)
    points = grid(s, 41 if s.dim == 2 else 401)
    assert np.all(np.isfinite(k["f"](points)))
    assert np.all(np.isfinite(k["grad"](points)))


def test_ackley_gradient_at_the_origin_is_finite() -> None:
    k = kit("ackley")
    origin = np.zeros((1, 2))
    np.testing.assert_array_equal(k["grad"](origin), 0.0)
    assert np.all(np.isfinite(k["hess"](origin)))


@functools.cache
def valley_kit() -> tuple:
    """The valley's value, gradient and Hessian, compiled once for all params."""
    fn = get_surface("valley").fn
    return jax.jit(fn), jax.jit(jax.grad(fn)), jax.jit(jax.hessian(fn))


@pytest.mark.parametrize(("kappa", "angle"), [(1.0, 0.0), (10.0, 30.0), (73.5, -64.0)])
def test_valley_parameters(kappa: float, angle: float) -> None:
    s = get_surface("valley")
    f, grad, hess = valley_kit()
    params = {"kappa": jnp.float64(kappa), "angle": jnp.float64(angle)}
    assert float(f(jnp.zeros(2), params)) == 0.0
    assert np.linalg.norm(grad(jnp.zeros(2), params)) == 0.0
    eig = np.linalg.eigvalsh(hess(jnp.array(s.start), params))
    np.testing.assert_allclose(eig, sorted([1.0, kappa]), rtol=1e-12)
    # The low-curvature axis points along the angle.
    theta = math.radians(angle)
    along = 2.0 * jnp.array([math.cos(theta), math.sin(theta)])
    assert float(f(along, params)) == pytest.approx(2.0)


def test_valley_kappa_changes_the_values() -> None:
    s = get_surface("valley")
    p = jnp.array(s.start)
    f = [float(s.f(p, s.param_values({"kappa": k}))) for k in (1.0, 10.0, 100.0)]
    assert f[0] < f[1] < f[2]


def test_course_numbers() -> None:
    q = get_surface("course_quadratic")
    assert q.minima[0].point == (2.4, 2.8) and q.minima[0].value == -46.4
    assert float(q.f(jnp.array([2.4, 2.8]))) == pytest.approx(-46.4, abs=1e-12)
    y = get_surface("parabola")
    assert float(y.f(jnp.array([2.0]))) == 24.0
    assert y.minima[0].point == (-1.0,) and y.minima[0].value == -3.0
    assert float(jax.grad(lambda p: y.f(p))(jnp.array([2.0]))[0]) == 18.0


def test_registry_keys_and_lookup() -> None:
    missing = [k for k in CONTRACT_KEYS if k not in SURFACES]
    assert not missing, f"DESIGN.md's keys missing from the registry: {missing}"
    s = get_surface("himmelblau")
    assert get_surface(s) is s
    with pytest.raises(KeyError, match="rosenbrock"):
        get_surface("rosenbrok")
    with pytest.raises(TypeError):
        SURFACES["new"] = s  # type: ignore[index]


def test_param_values_refuses_bad_input() -> None:
    s = get_surface("valley")
    assert set(s.param_values()) == {"kappa", "angle"}
    assert s.param_values({"kappa": 50.0})["kappa"].dtype == jnp.float64
    with pytest.raises(TypeError, match="kappa"):
        s.param_values({"kapa": 5.0})
    with pytest.raises(ValueError, match="kappa"):
        s.param_values({"kappa": 1000.0})
    with pytest.raises(ValueError):
        s.param_values({"angle": float("nan")})
    with pytest.raises(TypeError, match="none"):
        get_surface("rosenbrock").param_values({"kappa": 5.0})


ONE_D = [
    k for k in KEYS if SURFACES[k].dim == 1 and SURFACES[k].minima + SURFACES[k].maxima
]


@pytest.mark.parametrize("key", ONE_D)
def test_one_d_extrema_are_roots_of_the_derivative_to_machine_precision(key: str):
    s, k = SURFACES[key], kit(key)
    for m in s.minima + s.maxima:
        x = m.point[0]
        root = optimize.brentq(
            lambda p: float(k["grad"](np.array([[p]]))[0, 0]),
            x - 0.01,
            x + 0.01,
            xtol=1e-300,
            rtol=4 * np.finfo(float).eps,
        )
        assert root == pytest.approx(x, rel=8 * np.finfo(float).eps, abs=1e-300)


def test_x_squared_plus_sin_is_the_course_curve() -> None:
    s = get_surface("x_sq_plus_sin")
    assert s.start == (2.5,) and {"1d", "course", "convex"} <= s.tags
    assert inside(s, (math.pi / 2 + 0.5,)) and inside(s, (-math.pi / 2 - 0.5,))
    # Convex: f'' = 2 - sin x >= 1 everywhere.
    second = kit("x_sq_plus_sin")["hess"](grid(s, 1001)).ravel()
    np.testing.assert_allclose(second, 2 - np.sin(grid(s, 1001).ravel()))
    assert second.min() >= 1.0
    (minimum,) = s.minima
    assert minimum.point[0] == pytest.approx(-0.45018, abs=1e-5)
    assert minimum.kind == "global"
