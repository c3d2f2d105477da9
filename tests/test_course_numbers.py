"""The numbers worked in the course notes."""

import math

import numpy as np
import pytest

from optimizers import run


@pytest.mark.parametrize(("lr", "expected"), [(0.1, 0.2), (0.01, 1.82), (1.0, -16.0)])
def test_one_gd_step_on_parabola(lr: float, expected: float) -> None:
    # y = 3x^2 + 6x, y' = 6x + 6; from x = 2: x - lr * 18.
    t = run("parabola", "gd", start=(2.0,), steps=1, lr=lr)
    assert t.points[0, 0] == 2.0
    assert t.points[1, 0] == pytest.approx(expected, abs=1e-12)
    assert t.values[0] == pytest.approx(24.0)


def _course_momentum_paths(f_grad, x0, lr, mu, steps):
    """Both formulations in the course notes, written out literally."""
    x_a, v_a = np.array(x0, float), np.zeros(len(x0))
    x_b, v_b = np.array(x0, float), np.zeros(len(x0))
    path_a, path_b = [x_a.copy()], [x_b.copy()]
    for _ in range(steps):
        v_a = mu * v_a + lr * f_grad(x_a)  # v <- mu v + a grad, theta <- theta - v
        x_a = x_a - v_a
        v_b = mu * v_b - lr * f_grad(x_b)  # v <- mu v - a grad, theta <- theta + v
        x_b = x_b + v_b
        path_a.append(x_a.copy())
        path_b.append(x_b.copy())
    return np.array(path_a), np.array(path_b)


def test_momentum_formulations_agree() -> None:
    def grad(p):
        x, y = p
        return np.array([6 * x + 2 * y - 20, 2 * x + 4 * y - 16])

    a, b = _course_momentum_paths(grad, (0.0, 0.0), 0.05, 0.8, 60)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)
    ours = run(
        "course_quadratic",
        "momentum",
        start=(0.0, 0.0),
        steps=60,
        lr=0.05,
        momentum=0.8,
    )
    np.testing.assert_allclose(ours.points, a, rtol=1e-9, atol=1e-12)
    # The course's own form (lr inside v) is the same path for a constant lr.
    course = run("course_quadratic", "momentum", start=(0.0, 0.0), steps=60,
                 lr=0.05, momentum=0.8, form="course")  # fmt: skip
    np.testing.assert_allclose(course.points, a, rtol=1e-9, atol=1e-12)


def test_gd_on_course_quadratic_converges() -> None:
    t = run("course_quadratic", "gd", start=(0.0, 0.0), steps=500, lr=0.1)
    np.testing.assert_allclose(t.points[-1], [2.4, 2.8], atol=1e-8)
    assert t.values[-1] == pytest.approx(-46.4, abs=1e-10)
    assert t.diverged_at is None


def test_course_ascent_numbers() -> None:
    # lr 0.01 stops at the local maximum, not the highest one; 0.1 > 2/25.43
    # does not settle.
    low = run("sin_minus_square", "gd", start=(-2.0,), steps=3000, lr=0.01,
              maximize=True)  # fmt: skip
    assert low.points[-1, 0] == pytest.approx(-4.35641, abs=1e-5)
    assert low.values[-1] == pytest.approx(4.45434, abs=1e-5)
    assert low.status == "converged"
    high = run("sin_minus_square", "gd", start=(-2.0,), steps=3000, lr=0.1,
               maximize=True)  # fmt: skip
    assert abs(high.points[-1, 0] - high.points[-2, 0]) > 0.1
    assert high.status == "not_converged"


def test_x_plus_sin_has_no_minimum_every_rate_walks_left() -> None:
    # The notes' claim about x + sin x from 2.5 does not hold: f' >= 0.
    for lr in (1.0, 0.1, 0.01):
        t = run("x_plus_sin", "gd", start=(2.5,), steps=50, lr=lr)
        assert np.all(np.diff(t.points[:, 0]) <= 0), lr
    t = run("x_plus_sin", "gd", start=(2.5,), steps=50, lr=1.0)
    assert t.points[-1, 0] == pytest.approx(-3.10, abs=5e-3)


def test_x_squared_plus_sin_behaves_as_the_notes_describe() -> None:
    cycle = run("x_sq_plus_sin", "gd", start=(2.5,), steps=50, lr=1.0)
    # x <- x - (2x + cos x) = -x - cos x: the 2-cycle is ±pi/2.
    np.testing.assert_allclose(
        np.abs(cycle.points[-6:, 0]), math.pi / 2, rtol=0, atol=1e-6
    )
    assert cycle.points[-1, 0] == pytest.approx(-cycle.points[-2, 0], abs=1e-6)
    good = run("x_sq_plus_sin", "gd", start=(2.5,), steps=200, lr=0.1)
    assert good.points[-1, 0] == pytest.approx(-0.45018, abs=1e-4)
    assert good.values[-1] == pytest.approx(-0.23247, abs=1e-5)
