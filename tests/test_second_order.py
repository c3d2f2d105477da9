"""Newton, saddle-free Newton, BFGS, L-BFGS and CG against scipy and the course."""

import jax
import numpy as np
import pytest
from scipy.optimize import minimize, rosen, rosen_der

from optimizers import OPTIMIZERS, run
from surfaces import get_surface
from tests.test_recompile import compiles_during

ROSENBROCK_START = (-1.2, 1.0)
SCIPY_METHOD = {"bfgs": "BFGS", "lbfgs": "L-BFGS-B", "cg": "CG"}


def first_within(points: np.ndarray, target, tol: float) -> int | None:
    close = np.flatnonzero(np.linalg.norm(points - np.asarray(target), axis=1) < tol)
    return int(close[0]) if close.size else None


def test_our_rosenbrock_is_scipys() -> None:
    s = get_surface("rosenbrock")
    for p in [(-1.2, 1.0), (0.3, -0.7), (2.0, 2.0)]:
        assert float(s.f(np.array(p))) == pytest.approx(rosen(np.array(p)), rel=1e-12)


@pytest.mark.parametrize("key", list(SCIPY_METHOD))
def test_reaches_rosenbrock_minimum_within_twice_scipys_iterations(key: str) -> None:
    reference = minimize(
        rosen, ROSENBROCK_START, jac=rosen_der, method=SCIPY_METHOD[key]
    )
    assert reference.success
    t = run("rosenbrock", key, start=ROSENBROCK_START, steps=2 * reference.nit)
    reached = first_within(t.points, (1.0, 1.0), 1e-4)
    print(f"{key}: ours {reached} iterations, scipy {reference.nit}")
    assert reached is not None and reached <= 2 * reference.nit
    assert t.diverged_at is None


def test_cg_needs_strong_wolfe() -> None:
    # The measurement: backtracking makes PR+ CG crawl on Rosenbrock.
    wolfe = run("rosenbrock", "cg", start=ROSENBROCK_START, steps=600)
    armijo = run("rosenbrock", "cg", start=ROSENBROCK_START, steps=600,
                 line_search="armijo")  # fmt: skip
    fast = first_within(wolfe.points, (1.0, 1.0), 1e-4)
    slow = first_within(armijo.points, (1.0, 1.0), 1e-4)
    assert fast is not None and fast <= 40
    assert slow is None or slow > 5 * fast


@pytest.mark.parametrize(
    ("key", "choice"),
    [("cg", {"variant": "pr"}), ("cg", {"variant": "fr"}), ("bfgs", {}), ("lbfgs", {})],
)
def test_exact_line_search_ends_a_quadratic_in_two_steps(key: str, choice: dict):
    # Conjugate directions: n = 2 exact line searches minimise a 2-D quadratic.
    t = run("course_quadratic", key, start=(-4.0, 7.0), steps=2,
            line_search="exact", **choice)  # fmt: skip
    np.testing.assert_allclose(t.points[2], (2.4, 2.8), atol=1e-9)
    assert t.values[2] == pytest.approx(-46.4, abs=1e-9)
    assert np.linalg.norm(t.points[1] - (2.4, 2.8)) > 0.1  # not in one step


@pytest.mark.parametrize("start", [(0.0, 0.0), (10.0, -7.0), (-3.0, 5.0)])
def test_newton_ends_the_course_quadratic_in_one_step(start) -> None:
    t = run("course_quadratic", "newton", start=start, steps=1)
    np.testing.assert_allclose(t.points[1], (2.4, 2.8), atol=1e-12)
    assert t.values[1] == pytest.approx(-46.4)
    assert t.evals == {"f": 0, "grad": 1, "hess": 1}


def test_damped_newton_step_is_the_formula() -> None:
    s = get_surface("rosenbrock")
    x = np.array([-0.5, 0.8])
    t = run("rosenbrock", "newton", start=tuple(x), steps=1, lr=0.7, damping=3.0)
    hess = np.asarray(jax.hessian(s.f)(x))
    grad = np.asarray(jax.grad(s.f)(x))
    expected = x - 0.7 * np.linalg.solve(hess + 3.0 * np.eye(2), grad)
    np.testing.assert_allclose(t.points[1], expected, rtol=1e-12)


def test_newton_goes_to_the_saddle_saddle_free_newton_escapes() -> None:
    start = (1.5, 0.3)
    newton = run("saddle", "newton", start=start, steps=5)
    np.testing.assert_allclose(newton.points[-1], (0.0, 0.0), atol=1e-12)
    free = run("saddle", "saddle_free_newton", start=start, steps=20, lr=0.5)
    assert abs(free.points[-1, 0]) < 1e-3  # x still goes to 0 (positive curvature)
    assert abs(free.points[-1, 1]) > 100 or free.diverged_at is not None
    assert free.values[-1] < -1e4 or free.diverged_at is not None
    assert np.all(np.diff(free.values[: free.diverged_at]) < 0)  # always downhill


def test_saddle_free_newton_equals_newton_where_convex() -> None:
    a = run("booth", "newton", start=(-5.0, 8.0), steps=3, lr=0.5)
    b = run("booth", "saddle_free_newton", start=(-5.0, 8.0), steps=3, lr=0.5)
    np.testing.assert_allclose(a.points, b.points, rtol=1e-12)


@pytest.mark.parametrize("key", ["bfgs", "lbfgs", "cg"])
def test_trials_are_drawn_and_counted(key: str) -> None:
    t = run("rosenbrock", key, start=ROSENBROCK_START, steps=20)
    trials = t.internals["trials"]
    assert trials.shape == (21, 24, 2)
    assert np.all(np.isnan(trials[0]))
    tried = 0
    for k in range(1, 21):
        rows = trials[k][~np.isnan(trials[k, :, 0])]
        tried += len(rows)
        if np.any(t.points[k] != t.points[k - 1]):
            # The accepted point is one of the points the search tried.
            assert np.min(np.linalg.norm(rows - t.points[k], axis=1)) < 1e-12
    # Strong Wolfe evaluates f and its gradient once per trial.
    assert t.evals == {"f": tried, "grad": tried, "hess": 0}
    np.testing.assert_array_equal(t.eval_counts[-1], [tried, tried, 0])
    assert np.all(np.diff(t.eval_counts, axis=0) >= 0)


def test_a_stalled_search_stops_counting() -> None:
    t = run("course_quadratic", "bfgs", start=(0.0, 0.0), steps=300)
    assert first_within(t.points, (2.4, 2.8), 1e-8) is not None
    late = t.eval_counts[-1] - t.eval_counts[100]
    assert late.sum() == 0  # nothing is spent once the minimum is reached


def test_lbfgs_memory_one_differs_from_ten_and_bfgs_matches_on_short_runs() -> None:
    # With m >= the number of steps taken, L-BFGS with H0 = I would be BFGS;
    # ours scales H0 by gamma, so only check that memory is used at all.
    one = run("rosenbrock", "lbfgs", start=ROSENBROCK_START, steps=30, memory=1)
    ten = run("rosenbrock", "lbfgs", start=ROSENBROCK_START, steps=30, memory=10)
    assert np.abs(one.points - ten.points).max() > 1e-3


def test_discrete_choices_compile_once_each_numbers_never() -> None:
    run("himmelblau", "cg", steps=5, variant="fr", line_search="armijo")

    def again() -> None:
        for lr in (0.1, 1.0, 3):
            for c2 in (0.1, 0.4, 0.9):
                run("himmelblau", "cg", steps=5, variant="fr",
                    line_search="armijo", lr=lr, c2=c2)  # fmt: skip

    assert compiles_during(again) == 0


@pytest.mark.parametrize(
    "key", [k for k, o in OPTIMIZERS.items() if o.family == "second_order"]
)
@pytest.mark.parametrize("surface", ["x_plus_sin", "parabola", "rastrigin"])
def test_second_order_on_awkward_surfaces_is_finite(key: str, surface: str) -> None:
    # x + sin x has inflection points (H = 0): Newton's step is infinite there.
    t = run(surface, key, steps=200)
    stop = t.steps + 1 if t.diverged_at is None else t.diverged_at
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert np.all(np.isfinite(t.points[:stop]))
