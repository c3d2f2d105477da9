"""Trajectory.status: how a run ended, the first of STATUSES that applies."""

import math

import numpy as np
import pytest

import optimizers
from optimizers import OPTIMIZERS, STATUSES, run
from optimizers.status import FAR, NON_FINITE, TOLERANCE, run_status
from surfaces import SURFACES, get_surface


def test_statuses_are_exported_in_precedence_order() -> None:
    assert STATUSES == (
        "diverged",
        "unbounded",
        "left_view",
        "converged",
        "not_converged",
    )
    assert optimizers.STATUSES is STATUSES
    from optimizers.summary import TOLERANCE as summary_tolerance

    assert summary_tolerance == TOLERANCE


def test_x_plus_sin_with_a_huge_step_leaves_the_view_and_settles() -> None:
    # f' = 1 + cos x >= 0: every step goes left; lr = 10 jumps out of the
    # box and creeps onto the inflection point -123 pi (f' ~ e²/2 there).
    t = run("x_plus_sin", "gd", steps=200, lr=10.0)
    assert t.points[0, 0] == get_surface("x_plus_sin").start[0] == 6.0
    assert t.status == "left_view" and t.diverged_at is None
    assert abs(t.points[-1, 0] + 123 * math.pi) < 2e-3
    assert abs(t.points[-1, 0] - t.points[-2, 0]) < 1e-5  # it has settled
    assert np.all(np.diff(t.points[:, 0]) <= 0)


def test_saddle_free_newton_runs_down_the_saddle_unbounded() -> None:
    # The playground's "Newton is drawn to saddles" scenario: start and lr.
    t = run("saddle", "saddle_free_newton", start=(1.5, 0.3), steps=30, lr=0.5)
    assert t.status == "unbounded"
    assert t.diverged_at is not None and t.diverged_at < 30
    assert t.values[-1] < -1e6 < t.values[0]
    # Newton, drawn into the saddle point itself, neither escapes nor converges.
    newton = run("saddle", "newton", start=(1.5, 0.3), steps=30)
    np.testing.assert_allclose(newton.points[-1], (0.0, 0.0), atol=1e-12)
    assert newton.status == "not_converged"


@pytest.mark.parametrize(
    ("surface", "start"), [("x_plus_sin", (0.0,)), ("monkey_saddle", (0.0, 0.0))]
)
def test_a_nan_run_is_diverged(surface: str, start) -> None:
    # Newton where the Hessian is 0: x + sin x at 0 (f' = 2, f'' = 0) steps to
    # -inf and f(-inf) is NaN; the monkey saddle's origin gives 0 / 0.
    t = run(surface, "newton", start=start, steps=10)
    assert t.status == "diverged" and t.diverged_at == 1
    np.testing.assert_array_equal(t.points, np.zeros((11, len(start))))
    np.testing.assert_array_equal(t.values, np.zeros(11))


def test_a_huge_step_on_the_course_quadratic_diverges() -> None:
    t = run("course_quadratic", "gd", start=(0.0, 0.0), steps=50, lr=10.0)
    assert t.status == "diverged" and t.diverged_at == 2
    # One step out (x = -lr * grad = (200, 160)), then beyond the far bound.
    np.testing.assert_allclose(t.points[1], (200.0, 160.0))
    assert t.values[-1] > t.values[0]


def test_the_course_lrs_on_x_squared_plus_sin() -> None:
    cycle = run("x_sq_plus_sin", "gd", start=(2.5,), steps=50, lr=1.0)
    assert cycle.status == "not_converged"
    np.testing.assert_allclose(
        sorted(cycle.points[-2:, 0]), (-math.pi / 2, math.pi / 2), atol=1e-6
    )
    good = run("x_sq_plus_sin", "gd", start=(2.5,), steps=200, lr=0.1)
    assert good.status == "converged"
    assert good.points[-1, 0] == pytest.approx(-0.45018, abs=1e-4)
    # The course's third rate crawls: after its 50 steps still right of 0.
    crawl = run("x_sq_plus_sin", "gd", start=(2.5,), steps=50, lr=0.01)
    assert crawl.status == "not_converged"
    assert 0.8 < crawl.points[-1, 0] < 0.9


def test_ascent_status_uses_the_maxima() -> None:
    up = run("sin_minus_square", "gd", start=(-2.0,), steps=2000, lr=0.01,
             maximize=True)  # fmt: skip
    assert up.status == "converged" and up.maximize
    np.testing.assert_allclose(up.points[-1], (-4.356405415380388,), atol=1e-9)
    down = run("sin_minus_square", "gd", start=(-2.0,), steps=2000, lr=0.01)
    assert down.status == "converged" and not down.maximize  # to a minimum
    np.testing.assert_allclose(down.points[-1], (-1.707853279879543,), atol=1e-9)


def test_climbing_a_bowl_is_unbounded_and_falling_is_diverged() -> None:
    # Ascent on a convex parabola runs off with f rising: the climb's goal.
    up = run("parabola", "gd", start=(2.0,), steps=500, lr=0.1, maximize=True)
    assert up.status == "unbounded" and up.diverged_at is not None
    # Descent with lr = 1 flips across the minimum with f rising: diverged.
    down = run("parabola", "gd", start=(2.0,), steps=500, lr=1.0)
    assert down.status == "diverged"


# run_status by itself: every branch, with arrays made up to hit it.
PARABOLA = get_surface("parabola")  # view (-5, 3), minimum -3 at -1
SADDLE = get_surface("saddle")  # no minima
NEAR = TOLERANCE * PARABOLA.width  # "at the minimum"


@pytest.mark.parametrize(
    ("surface", "path", "reason", "maximize", "expected"),
    [
        # non-finite wins even when f was falling
        (SADDLE, [(1.0, 0.0), (1.0, 0.0)], NON_FINITE, False, "diverged"),
        # far out with f rising / falling
        (PARABOLA, [(2.0,), (900.0,)], FAR, False, "diverged"),
        (SADDLE, [(0.0, 0.5), (0.0, 900.0)], FAR, False, "unbounded"),
        (SADDLE, [(0.0, 0.5), (0.0, 900.0)], FAR, True, "diverged"),
        (SADDLE, [(0.5, 0.0), (900.0, 0.0)], FAR, True, "unbounded"),
        # far out and falling but not below the minimum: judged by position
        # (f: 24 -> -2.25, above the minimum's -3)
        (PARABOLA, [(2.0,), (-1.5,)], FAR, False, "not_converged"),
        (PARABOLA, [(2.0,), (3.5,)], FAR, True, "unbounded"),  # no maxima
        # (f: -92.3 -> -88.3, below every maximum)
        (get_surface("sin_minus_square"), [(-8.6,), (-10.5,)], FAR, True, "left_view"),
        (PARABOLA, [(2.0,), (2.5,)], 0.0, False, "not_converged"),
        (PARABOLA, [(2.0,), (3.5,)], 0.0, False, "left_view"),
        (PARABOLA, [(2.0,), (-1.0 + 0.5 * NEAR,)], 0.0, False, "converged"),
        (PARABOLA, [(2.0,), (-1.0 + 2.0 * NEAR,)], 0.0, False, "not_converged"),
        # maximising: no documented maximum, so being at the minimum is not it
        (PARABOLA, [(2.0,), (-1.0,)], 0.0, True, "not_converged"),
    ],
)
def test_run_status_branches(surface, path, reason, maximize, expected) -> None:
    points = np.asarray(path, dtype=np.float64)
    values = np.asarray([float(surface.f(p)) for p in points])
    assert run_status(surface, points, values, reason, maximize) == expected


def test_run_status_nan_values_are_diverged() -> None:
    points = np.array([[2.0], [1.0]])
    assert run_status(PARABOLA, points, np.array([24.0, np.nan]), 0.0) == "diverged"


@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_every_run_has_a_known_status(opt_key: str) -> None:
    for key in ("rosenbrock", "x_sq_plus_sin"):
        t = run(key, opt_key, steps=30)
        assert t.status in STATUSES, (key, t.status)
        assert (t.status == "diverged") <= (t.diverged_at is not None)
        assert t.maximize is False


def test_status_keys_cover_every_surface_start() -> None:
    # Zero steps: a run that never moved is converged only if it starts there.
    for s in SURFACES.values():
        t = run(s, "gd", steps=0)
        at_min = any(np.allclose(m.point, s.start) for m in s.minima)
        assert t.status == ("converged" if at_min else "not_converged"), s.key


def test_summary_measures_against_maxima_when_climbing() -> None:
    from optimizers.summary import summarize

    s = get_surface("sin_minus_square")
    up = run(s, "gd", start=(-2.0,), steps=2000, lr=0.01, maximize=True)
    summary = summarize(s, up)
    assert summary.status == "converged" and summary.distance < 1e-9
    assert summary.reached_at is not None and summary.final_value > 4.45
    down = summarize(s, run(s, "gd", start=(-2.0,), steps=2000, lr=0.01))
    assert down.distance < 1e-9 and down.final_value < -27.6
