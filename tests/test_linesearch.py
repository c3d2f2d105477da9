"""Line searches: the conditions hold, scipy's trials are reproduced, failures
stay put, counts match the trials, and traced constants never recompile."""

import functools
import warnings

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from scipy.optimize import line_search

import optimizers.base  # noqa: F401  # float64
from optimizers.linesearch import (
    MAX_TRIALS,
    LineSearchResult,
    armijo,
    exact_quadratic,
    strong_wolfe,
)

C1 = 1e-4


def rosen(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def beale(p):
    x, y = p
    return sum((c - x + x * y**k) ** 2 for c, k in ((1.5, 1), (2.25, 2), (2.625, 3)))


def himmelblau(p):
    x, y = p
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def rosen_np(p: np.ndarray) -> tuple[float, np.ndarray]:
    """Rosenbrock and its gradient by hand, independent of JAX."""
    x, y = p
    grad = np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    return float((1 - x) ** 2 + 100 * (y - x**2) ** 2), grad


def beale_np(p: np.ndarray) -> tuple[float, np.ndarray]:
    x, y = p
    terms = [(c - x + x * y**k, k) for c, k in ((1.5, 1), (2.25, 2), (2.625, 3))]
    gx = sum(2 * t * (y**k - 1) for t, k in terms)
    gy = sum(2 * t * k * x * y ** (k - 1) for t, k in terms)
    return float(sum(t**2 for t, _ in terms)), np.array([gx, gy])


def himmelblau_np(p: np.ndarray) -> tuple[float, np.ndarray]:
    x, y = p
    a, b = x**2 + y - 11, x + y**2 - 7
    return float(a**2 + b**2), np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


# name -> (value_and_grad in JAX, the same by hand in numpy)
SURFACES = {
    "rosenbrock": (jax.value_and_grad(rosen), rosen_np),
    "beale": (jax.value_and_grad(beale), beale_np),
    "himmelblau": (jax.value_and_grad(himmelblau), himmelblau_np),
}
ROSEN_VG = SURFACES["rosenbrock"][0]
RNG = np.random.default_rng(0)
POINTS = [np.array([-1.2, 1.0])] + [RNG.uniform([-2, -1], [2, 3]) for _ in range(5)]


def newton_direction(x: np.ndarray) -> np.ndarray:
    hess = np.asarray(jax.hessian(rosen)(jnp.asarray(x)))
    return -np.linalg.solve(hess, rosen_np(x)[1])


@functools.cache
def jitted(search):
    # One compile per search and surface; the other tests run eagerly.
    return jax.jit(search, static_argnums=0)


def run(search, x, d, *args, surface="rosenbrock") -> LineSearchResult:
    vg = SURFACES[surface][0]
    f0, g0 = vg(jnp.asarray(x))
    return jitted(search)(vg, jnp.asarray(x), f0, g0, jnp.asarray(d), *args)


def trials_of(result: LineSearchResult) -> np.ndarray:
    trials = np.asarray(result.trials)
    n = int(np.sum(~np.isnan(trials)))
    assert np.all(np.isnan(trials[n:])), "trials must be a NaN-padded prefix"
    return trials[:n]


def armijo_holds(x, d, alpha, c1=C1, fn=rosen_np) -> bool:
    f0, g0 = fn(x)
    return fn(x + alpha * d)[0] <= f0 + c1 * alpha * (g0 @ d)


def wolfe_holds(x, d, alpha, c2, fn=rosen_np) -> bool:
    slope = fn(x + alpha * d)[1] @ d
    curvature = abs(slope) <= c2 * abs(fn(x)[1] @ d)
    return armijo_holds(x, d, alpha, fn=fn) and curvature


def scipy_trials(x, d, c2, alpha0, fn=rosen_np):
    """scipy's accepted step (None if it warned) and every step length it
    evaluated f at, in order.

    scipy starts at min(1, 2.02 (f0 - old_old_fval) / g'd); old_old_fval is
    chosen so that this is ``alpha0``. It warns when its 10 bracketing or 10
    zoom iterations run out, and may then return an unchecked step.
    """
    f0, g0 = fn(x)
    seen: list[float] = []

    def f(z):
        seen.append(float((z - x) @ d / (d @ d)))
        return fn(z)[0]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        alpha = line_search(
            f,
            lambda z: fn(z)[1],
            x,
            d,
            g0,
            f0,
            old_old_fval=f0 - alpha0 * (g0 @ d) / 2.02,
            c1=C1,
            c2=c2,
        )[0]
    return (None if caught else alpha), np.array(seen)


def check_wolfe_result(result, x, d, alpha0, c2, fn) -> np.ndarray:
    """Conditions, counts and the returned f / gradient; returns the trials."""
    alpha, trials = float(result.alpha), trials_of(result)
    assert wolfe_holds(x, d, alpha, c2, fn)
    assert alpha == trials[-1]
    assert int(result.f_evals) == int(result.grad_evals) == len(trials)
    assert int(result.hess_evals) == 0
    f, g = fn(x + alpha * d)
    np.testing.assert_allclose(float(result.value), f, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(result.grad), g, rtol=1e-9, atol=1e-12)
    if wolfe_holds(x, d, alpha0, c2, fn):
        # Both algorithms accept a first trial that already qualifies.
        assert alpha == alpha0 and len(trials) == 1
    return trials


def check_against_scipy(result, x, d, alpha0, c2, fn) -> bool:
    """Where scipy succeeds, the same trial sequence; False if scipy failed."""
    ref_alpha, ref_trials = scipy_trials(x, d, c2, alpha0, fn)
    if ref_alpha is None:
        return False
    # Same bracketing, same interpolants: the same trials, to rounding.
    np.testing.assert_allclose(trials_of(result), ref_trials, rtol=1e-8)
    np.testing.assert_allclose(float(result.alpha), ref_alpha, rtol=1e-8)
    return True


@pytest.mark.parametrize("c2", [0.9, 0.4, 0.1])
@pytest.mark.parametrize("alpha0", [1.0, 0.1, 1e-2, 1e-5])
@pytest.mark.parametrize("x", POINTS)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_strong_wolfe_steepest_descent_matches_scipy(surface, x, alpha0, c2) -> None:
    fn = SURFACES[surface][1]
    d = -fn(x)[1]
    result = run(strong_wolfe, x, d, alpha0, C1, c2, surface=surface)
    check_wolfe_result(result, x, d, alpha0, c2, fn)
    check_against_scipy(result, x, d, alpha0, c2, fn)


@pytest.mark.parametrize("c2", [0.9, 0.4, 0.1])
@pytest.mark.parametrize("x", POINTS)
def test_strong_wolfe_newton_direction_matches_scipy(x, c2) -> None:
    d = newton_direction(x)
    if rosen_np(x)[1] @ d >= 0:
        pytest.skip("the Newton direction is not a descent direction here")
    result = run(strong_wolfe, x, d, 1.0, C1, c2)
    check_wolfe_result(result, x, d, 1.0, c2, rosen_np)
    assert check_against_scipy(result, x, d, 1.0, c2, rosen_np)


def test_newton_step_from_the_classic_start_is_accepted_at_once() -> None:
    x = POINTS[0]
    result = run(strong_wolfe, x, newton_direction(x), 1.0, C1, 0.9)
    assert float(result.alpha) == 1.0 and int(result.f_evals) == 1


def test_strong_wolfe_grows_the_step_while_bracketing() -> None:
    x = POINTS[0]
    trials = trials_of(run(strong_wolfe, x, newton_direction(x), 1e-3, C1, 0.9))
    assert trials[0] == 1e-3 and len(trials) > 3
    np.testing.assert_array_equal(trials[1:4], 1e-3 * np.array([2.0, 4.0, 8.0]))


def test_strong_wolfe_one_dimensional() -> None:
    def f(x):
        return jnp.sum(x**4 - 3 * x**2 + x)

    vg = jax.value_and_grad(f)
    x = jnp.array([2.0])
    f0, g0 = vg(x)
    result = strong_wolfe(vg, x, f0, g0, -g0, 1.0, C1, 0.1)
    alpha = float(result.alpha)
    assert 0 < alpha < 1
    d = -float(g0[0])
    assert float(result.value) <= float(f0) + C1 * alpha * float(g0[0]) * d
    assert abs(float(result.grad[0]) * d) <= 0.1 * abs(float(g0[0]) * d)


@pytest.mark.parametrize("alpha0", [1.0, 0.05, 1e-3])
def test_strong_wolfe_out_of_budget_returns_lowest_sufficient_decrease(
    alpha0,
) -> None:
    # |phi'| = 1 everywhere, so the curvature condition never holds; zoom
    # homes in on the kink until the budget runs out.
    vg = jax.value_and_grad(lambda x: jnp.sum(jnp.abs(x - 0.3)))
    x = jnp.zeros(1)
    f0, g0 = vg(x)
    result = strong_wolfe(vg, x, f0, g0, -g0, alpha0, C1, 0.5)
    trials = trials_of(result)
    assert len(trials) == int(result.f_evals) == MAX_TRIALS
    values = np.abs(trials - 0.3)
    good = values <= 0.3 - C1 * trials
    assert float(result.alpha) == trials[good][np.argmin(values[good])]
    assert float(result.value) == np.min(values[good])


@pytest.mark.parametrize(("alpha0", "shrink"), [(1.0, 0.5), (0.7, 0.3), (1e-4, 0.5)])
@pytest.mark.parametrize("x", POINTS[:3])
def test_armijo_takes_the_largest_backtracked_step(x, alpha0, shrink) -> None:
    d = -rosen_np(x)[1]
    result = run(armijo, x, d, alpha0, C1, shrink)
    trials = trials_of(result)
    k = len(trials) - 1
    np.testing.assert_allclose(trials, alpha0 * shrink ** np.arange(k + 1), rtol=1e-14)
    alpha = float(result.alpha)
    assert alpha == trials[-1] and armijo_holds(x, d, alpha)
    assert all(not armijo_holds(x, d, a) for a in trials[:-1])
    assert (int(result.f_evals), int(result.grad_evals)) == (k + 1, 1)
    assert int(result.hess_evals) == 0
    np.testing.assert_allclose(float(result.value), rosen_np(x + alpha * d)[0])
    np.testing.assert_allclose(np.asarray(result.grad), rosen_np(x + alpha * d)[1])


def test_armijo_accepts_alpha0_when_it_already_decreases() -> None:
    x = POINTS[0]
    result = run(armijo, x, newton_direction(x), 1.0)
    assert float(result.alpha) == 1.0 and int(result.f_evals) == 1


def assert_stays_put(result: LineSearchResult, x: np.ndarray) -> None:
    """alpha = 0 with exactly the f and gradient that were passed in."""
    f0, g0 = ROSEN_VG(jnp.asarray(x))
    assert float(result.alpha) == 0.0
    assert float(result.value) == float(f0)
    np.testing.assert_array_equal(np.asarray(result.grad), np.asarray(g0))


def test_armijo_out_of_budget_stays_put() -> None:
    x = POINTS[0]
    result = run(armijo, x, -rosen_np(x)[1], 1e6, C1, 0.9)  # 1e6 * 0.9**23: too big
    assert_stays_put(result, x)
    assert (int(result.f_evals), int(result.grad_evals)) == (MAX_TRIALS, 0)
    assert len(trials_of(result)) == MAX_TRIALS


A_SPD = np.array([[3.0, 1.0], [1.0, 2.0]])
B = np.array([1.0, -2.0])


def quadratic(a: np.ndarray):
    a = jnp.asarray(a)
    return jax.value_and_grad(lambda x: 0.5 * x @ a @ x - jnp.asarray(B) @ x)


@pytest.mark.parametrize("d", [None, np.array([1.0, 0.3]), np.array([-0.2, 1.0])])
def test_exact_quadratic_minimises_along_the_line(d) -> None:
    vg = quadratic(A_SPD)
    x = jnp.array([0.5, -1.5])
    f0, g0 = vg(x)
    d = -np.asarray(g0) if d is None else d * -np.sign(np.asarray(g0) @ d)
    result = exact_quadratic(vg, x, f0, g0, jnp.asarray(d), 1.0)
    expected = -(np.asarray(g0) @ d) / (d @ A_SPD @ d)
    np.testing.assert_allclose(float(result.alpha), expected, rtol=1e-14)
    assert abs(float(result.grad @ jnp.asarray(d))) < 1e-10
    assert (int(result.f_evals), int(result.grad_evals), int(result.hess_evals)) == (
        1,
        1,
        1,
    )
    np.testing.assert_array_equal(trials_of(result), [float(result.alpha)])


def test_exact_quadratic_negative_curvature_takes_alpha0() -> None:
    vg = quadratic(np.diag([1.0, -1.0]))
    x = jnp.array([0.0, 0.5])
    f0, g0 = vg(x)
    d = jnp.array([0.0, -1.0])  # g'd = -1.5 < 0, d'Ad = -1
    result = exact_quadratic(vg, x, f0, g0, d, 0.25)
    assert float(result.alpha) == 0.25
    np.testing.assert_allclose(float(result.value), float(vg(x + 0.25 * d)[0]))


SEARCHES = [armijo, strong_wolfe, exact_quadratic]


@pytest.mark.parametrize("search", SEARCHES)
@pytest.mark.parametrize("sign", [1.0, 0.0])
def test_non_descent_direction_stays_put(search, sign) -> None:
    x = POINTS[0]
    result = run(search, x, sign * rosen_np(x)[1], 1.0)
    assert_stays_put(result, x)
    assert np.all(np.isnan(np.asarray(result.trials)))
    counts = (result.f_evals, result.grad_evals, result.hess_evals)
    assert tuple(int(c) for c in counts) == (0, 0, 0)


def walled(radius: float, sign: float = 1.0, wall: float = jnp.inf):
    """sign * |x - 1|^2 / 2 inside the disc, ``wall`` (inf or NaN) outside."""

    def f(x):
        inside = jnp.sum(x**2) < radius**2
        return jnp.where(inside, sign * 0.5 * jnp.sum((x - 1.0) ** 2), wall)

    return jax.value_and_grad(f)


@pytest.mark.parametrize("wall", [jnp.inf, jnp.nan])
@pytest.mark.parametrize("search", [armijo, strong_wolfe])
def test_non_finite_values_shrink_back(search, wall) -> None:
    vg = walled(3.0, wall=wall)
    x = jnp.zeros(2)
    f0, g0 = vg(x)
    result = search(vg, x, f0, g0, -g0, 100.0)  # the first trial is far outside
    alpha = float(result.alpha)
    assert np.isfinite(alpha) and 0 < alpha < 3.0
    assert np.isfinite(float(result.value)) and float(result.value) < float(f0)
    assert np.all(np.isfinite(np.asarray(result.grad)))


@pytest.mark.parametrize("search", [armijo, strong_wolfe])
def test_non_finite_gradient_rejects_the_trial(search) -> None:
    # f keeps falling past the disc of radius 3 but its gradient is NaN there:
    # accepting such a point would hand the caller a NaN gradient.
    centre = jnp.array([10.0, 0.0])

    def vg(x):
        grad = jnp.where(jnp.sum(x**2) < 9.0, x - centre, jnp.nan)
        return 0.5 * jnp.sum((x - centre) ** 2), grad

    x = jnp.zeros(2)
    f0, g0 = vg(x)
    result = search(vg, x, f0, g0, -g0, 1.0)  # the first trial lands on centre
    assert 0 < float(result.alpha) < 0.3
    assert np.all(np.isfinite(np.asarray(result.grad)))
    assert float(result.value) < float(f0)


def test_exact_quadratic_non_finite_landing_stays_put() -> None:
    vg = walled(3.0, sign=-1.0)  # concave: falls back to alpha0, outside the disc
    x = jnp.array([0.5, 0.5])
    f0, g0 = vg(x)
    result = exact_quadratic(vg, x, f0, g0, -g0, 100.0)
    assert float(result.alpha) == 0.0 and float(result.value) == float(f0)
    np.testing.assert_array_equal(np.asarray(result.grad), np.asarray(g0))


@pytest.mark.parametrize("search", SEARCHES)
def test_traced_constants_compile_once(search) -> None:
    def step(x, alpha0, c):
        f0, g0 = ROSEN_VG(x)
        if search is exact_quadratic:
            return search(ROSEN_VG, x, f0, g0, -g0, alpha0)
        return search(ROSEN_VG, x, f0, g0, -g0, alpha0, 1e-4, c)

    jitted = jax.jit(step)
    x = jnp.asarray(POINTS[0])
    first = jitted(x, 1.0, 0.5 if search is armijo else 0.9)
    second = jitted(x + 0.1, 0.3, 0.3 if search is armijo else 0.1)
    assert jitted._cache_size() == 1
    eager = step(x + 0.1, 0.3, 0.3 if search is armijo else 0.1)
    for got, want in zip(second, eager, strict=True):
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-12)
    assert float(first.alpha) != float(second.alpha)


def test_strong_wolfe_inside_scan_descends() -> None:
    def step(x, _):
        f0, g0 = ROSEN_VG(x)
        result = strong_wolfe(ROSEN_VG, x, f0, g0, -g0, 1.0)
        return x - result.alpha * g0, (result.value, result.f_evals)

    _, (values, evals) = jax.lax.scan(step, jnp.asarray(POINTS[0]), length=30)
    assert np.all(np.diff(np.asarray(values)) < 0)
    assert np.all((np.asarray(evals) >= 1) & (np.asarray(evals) <= MAX_TRIALS))
