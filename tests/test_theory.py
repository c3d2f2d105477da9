"""optimizers/theory.py against independent computations: the eigenvalues of
the iteration matrices (np.linalg.eigvals), the characteristic polynomial's
roots (np.roots), the course quadratic's eigenvalues 5 ± √5, and Distill's
optimal rate (√κ − 1)/(√κ + 1)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optimizers import run, theory
from surfaces import get_surface

COURSE = np.array([5.0 - math.sqrt(5.0), 5.0 + math.sqrt(5.0)])  # eig [[6,2],[2,4]]
LRS = np.geomspace(1e-3, 0.8, 23)
MUS = np.linspace(0.0, 0.99, 17)


def test_course_quadratic_curvature_is_five_plus_minus_root_five() -> None:
    c = theory.curvature(get_surface("course_quadratic"))
    np.testing.assert_allclose(c.eigenvalues, COURSE, rtol=1e-12)
    assert c.exact and c.positive and c.point == (2.4, 2.8)
    assert theory.gd_limit(c.lambda_max) == pytest.approx(0.2763932, abs=1e-7)


def test_curvature_follows_surface_parameters_and_says_where_it_is_local() -> None:
    valley = get_surface("valley")
    for kappa in (4.0, 25.0):
        c = theory.curvature(valley, {"kappa": kappa})
        assert c.lambda_max / c.lambda_min == pytest.approx(kappa, rel=1e-9)
    rosen = theory.curvature(get_surface("rosenbrock"))
    # Rosenbrock's Hessian at (1, 1) is [[802, -400], [-400, 200]].
    expected = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]]))
    np.testing.assert_allclose(rosen.eigenvalues, expected, rtol=1e-9)
    assert not rosen.exact
    assert theory.curvature(get_surface("saddle")) is None  # no minimum


def test_gd_rate_is_the_largest_eigenvalue_of_its_iteration_matrix() -> None:
    h = np.array([[6.0, 2.0], [2.0, 4.0]])
    for lr in LRS:
        expected = np.abs(np.linalg.eigvals(np.eye(2) - lr * h)).max()
        assert theory.gd_rate(lr, COURSE) == pytest.approx(expected, rel=1e-12)
    stable = theory.gd_rate(LRS, COURSE) < 1
    np.testing.assert_array_equal(stable, theory.gd_limit(COURSE[-1]) > LRS)


def test_heavy_ball_rate_equals_the_eigenvalues_of_the_two_by_two_matrices() -> None:
    grid = theory.heavy_ball_rate(LRS[:, None], MUS[None, :], COURSE)
    assert grid.shape == (len(LRS), len(MUS))
    for i, lr in enumerate(LRS):
        for j, mu in enumerate(MUS):
            by_matrix = max(
                np.abs(np.linalg.eigvals(theory.heavy_ball_matrix(lr, mu, lam))).max()
                for lam in COURSE
            )
            by_roots = max(
                np.abs(np.roots([1.0, -(1.0 + mu - lr * lam), mu])).max()
                for lam in COURSE
            )
            assert grid[i, j] == pytest.approx(by_matrix, rel=1e-9, abs=1e-12)
            assert grid[i, j] == pytest.approx(by_roots, rel=1e-9, abs=1e-12)


def test_heavy_ball_stability_region_is_where_the_rate_is_below_one() -> None:
    lrs = np.linspace(0.005, 0.6, 61)
    rate = theory.heavy_ball_rate(lrs[:, None], MUS[None, :], COURSE)
    stable = theory.heavy_ball_stable(lrs[:, None], MUS[None, :], COURSE)
    margin = np.abs(rate - 1.0) > 1e-9  # exactly on the edge: either answer
    np.testing.assert_array_equal(stable[margin], (rate < 1.0)[margin])
    edge = theory.heavy_ball_limit(MUS, COURSE[-1])
    np.testing.assert_allclose(edge, 2.0 * (1.0 + MUS) / COURSE[-1])
    assert not theory.heavy_ball_stable(0.1, 1.0, COURSE)  # μ = 1 never settles
    assert not theory.heavy_ball_stable(-0.1, 0.5, COURSE)


def _registry_step_matrix(lr: float, mu: float, lam: float) -> np.ndarray:
    """The registry's Nesterov update on f = λx²/2, applied to the unit
    states (x, v) = (1, 0) and (0, 1): the columns of its step matrix."""
    import jax.numpy as jnp

    from optimizers.nesterov import NesterovState, nesterov

    opt = nesterov(lr, mu)
    columns = []
    for x0, v0 in ((1.0, 0.0), (0.0, 1.0)):
        x = jnp.array([x0])
        update, state = opt.update(lam * x, NesterovState(jnp.array([v0])), x)
        columns.append([float((x + update)[0]), float(state.velocity[0])])
    return np.array(columns).T


def test_nesterov_rate_equals_the_eigenvalues_of_the_registry_step() -> None:
    for lr in (0.01, 0.1, 0.25, 0.4):
        for mu in (0.0, 0.3, 0.9):
            by_steps = [_registry_step_matrix(lr, mu, lam) for lam in COURSE]
            for lam, matrix in zip(COURSE, by_steps, strict=True):
                np.testing.assert_allclose(
                    theory.nesterov_matrix(lr, mu, lam), matrix, atol=1e-12
                )
            by_matrix = max(np.abs(np.linalg.eigvals(m)).max() for m in by_steps)
            rate = theory.nesterov_rate(lr, mu, COURSE)
            assert rate == pytest.approx(by_matrix, rel=1e-9, abs=1e-12)


def test_nesterov_edge_is_where_its_rate_crosses_one() -> None:
    lrs = np.linspace(0.005, 0.6, 61)
    rate = theory.nesterov_rate(lrs[:, None], MUS[None, :], COURSE)
    edge = theory.nesterov_limit(MUS, COURSE[-1])
    inside = lrs[:, None] < edge[None, :]
    margin = np.abs(rate - 1.0) > 1e-9
    np.testing.assert_array_equal(inside[margin], (rate < 1.0)[margin])
    # Narrower than the heavy ball's for μ > 0, the same (GD's) at μ = 0.
    assert edge[0] == pytest.approx(2.0 / COURSE[-1])
    assert np.all(edge[1:] < theory.heavy_ball_limit(MUS[1:], COURSE[-1]))


def test_the_edges_in_momentum_are_where_the_rates_cross_one() -> None:
    lmax = COURSE[-1]
    for step in (1.4, 1.5, 1.8, 1.95):  # αλmax: Nesterov unstable above μ
        mu = theory.nesterov_momentum_limit(step / lmax, lmax)
        assert 0 < mu < 1
        assert theory.nesterov_rate(step / lmax, mu - 0.01, [lmax]) < 1.0
        assert theory.nesterov_rate(step / lmax, mu + 0.01, [lmax]) > 1.0
    for step in (2.2, 3.0, 3.9):  # heavy ball: unstable below μ
        mu = theory.heavy_ball_momentum_limit(step / lmax, lmax)
        assert 0 < mu < 1
        assert theory.heavy_ball_rate(step / lmax, mu + 0.01, [lmax]) < 1.0
        assert theory.heavy_ball_rate(step / lmax, mu - 0.01, [lmax]) > 1.0
    # No edge for μ in [0, 1): all stable, or none.
    for step, stable in ((0.5, True), (1.3, True), (2.05, False), (2.5, False)):
        assert theory.nesterov_momentum_limit(step / lmax, lmax) is None
        rates = theory.nesterov_rate(step / lmax, np.linspace(0, 0.99, 50), [lmax])
        assert np.all(rates < 1.0) if stable else np.all(rates >= 1.0 - 1e-12)
    for step, stable in ((1.0, True), (1.9, True), (4.1, False), (5.0, False)):
        assert theory.heavy_ball_momentum_limit(step / lmax, lmax) is None
        rates = theory.heavy_ball_rate(step / lmax, np.linspace(0, 0.99, 50), [lmax])
        assert np.all(rates <= 1.0 + 1e-12) if stable else np.all(rates >= 1.0)


def test_distill_optimum_gives_the_square_root_kappa_rate() -> None:
    for low, high in ((COURSE[0], COURSE[1]), (1.0, 100.0), (0.01, 1.0)):
        best = theory.optimal_momentum(low, high)
        root = math.sqrt(high / low)
        assert best.rate == pytest.approx((root - 1.0) / (root + 1.0), rel=1e-12)
        measured = theory.heavy_ball_rate(best.lr, best.momentum, [low, high])
        # Critically damped: a double root, whose square root amplifies
        # round-off to ~1e-8.
        assert float(measured) == pytest.approx(best.rate, rel=1e-7)
        # Better than GD's best, (κ − 1)/(κ + 1), and than nearby settings.
        kappa = high / low
        assert best.rate < (kappa - 1.0) / (kappa + 1.0)
        around = theory.heavy_ball_rate(
            best.lr * np.array([0.9, 1.1, 1.0, 1.0]),
            np.clip(best.momentum + np.array([0.0, 0.0, -0.05, 0.05]), 0, 0.999),
            [low, high],
        )
        assert np.all(around >= best.rate - 1e-12)


def test_a_run_at_the_optimum_shrinks_its_error_at_the_predicted_rate() -> None:
    """The engine's own heavy ball (optax's form) on the course quadratic."""
    best = theory.optimal_momentum(*COURSE)
    t = run("course_quadratic", "momentum", start=(0.0, 0.0), steps=40, lr=best.lr,
            momentum=best.momentum)  # fmt: skip
    gaps = np.linalg.norm(t.points - np.array([2.4, 2.8]), axis=1)
    # Critically damped, the error falls like t·ρ^t (a Jordan block): divide
    # the polynomial factor out; steps 5 to 25 stay above round-off.
    measured = (gaps[25] / gaps[5] * 5 / 25) ** (1.0 / 20.0)
    assert measured == pytest.approx(best.rate, abs=0.01)
    assert measured < theory.gd_rate(0.2, COURSE)  # faster than a good GD


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        theory.gd_limit(0.0)
    with pytest.raises(ValueError):
        theory.optimal_momentum(-1.0, 2.0)
    with pytest.raises(ValueError):
        theory.gd_rate(0.1, [])
