"""run(..., maximize=True): every method on -f, values still f, sign traced."""

import dataclasses

import numpy as np
import pytest

from optimizers import OPTIMIZERS, run, run_fan
from surfaces import get_surface
from tests.test_recompile import compiles_during

BASE = get_surface("himmelblau")
# The same surface upside down: a new Surface object, so its own compile.
NEGATED = dataclasses.replace(
    BASE, key="negated_himmelblau", fn=lambda p, params: -BASE.fn(p, params)
)
START = (-0.5, -0.5)  # near the local maximum (-0.2708, -0.9230)


@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_maximizing_f_is_minimizing_minus_f(opt_key: str) -> None:
    up = run(BASE, opt_key, start=START, steps=40, maximize=True)
    down = run(NEGATED, opt_key, start=START, steps=40)
    np.testing.assert_array_equal(up.points, down.points)
    np.testing.assert_array_equal(up.values, -down.values)  # values hold f
    np.testing.assert_array_equal(up.grad_norms, down.grad_norms)
    assert up.diverged_at == down.diverged_at
    assert up.evals == down.evals
    assert up.maximize and not down.maximize
    assert "maximize" not in up.hyperparams
    params = BASE.param_values()
    for k in (0, 20, 40):
        assert up.values[k] == pytest.approx(float(BASE.fn(up.points[k], params)))


def test_gradient_ascent_is_the_course_rule() -> None:
    # x <- x + lr f'(x) on 25 sin x - x² from -2 (course notes 002).
    t = run("sin_minus_square", "gd", start=(-2.0,), steps=30, lr=0.01,
            maximize=True)  # fmt: skip
    x = -2.0
    for k in range(30):
        x = x + 0.01 * (25 * np.cos(x) - 2 * x)
        assert t.points[k + 1, 0] == pytest.approx(x, rel=1e-12)
    assert np.all(np.diff(t.values) > 0)  # climbing, in f itself


def test_maximize_off_is_the_default_path() -> None:
    a = run("rosenbrock", "adam", steps=50)
    b = run("rosenbrock", "adam", steps=50, maximize=False)
    np.testing.assert_array_equal(a.points, b.points)
    assert not a.maximize


def test_fan_maximizes_like_single_runs() -> None:
    kwargs = {"start": START, "steps": 40, "lr": 0.002, "noise": 1.0}
    fan = run_fan(BASE, "gd", seeds=[1, 2], maximize=True, **kwargs)
    for seed, t in zip([1, 2], fan, strict=True):
        single = run(BASE, "gd", seed=seed, maximize=True, **kwargs)
        np.testing.assert_allclose(t.points, single.points, rtol=1e-12)
        np.testing.assert_allclose(t.values, single.values, rtol=1e-12)
        assert t.maximize


def test_flipping_maximize_does_not_recompile() -> None:
    run("booth", "momentum", steps=5)
    run_fan("booth", "gd", seeds=[1], steps=5, noise=1.0)

    def flips() -> None:
        for flag in (True, False, True):
            run("booth", "momentum", steps=5, maximize=flag)
            run_fan("booth", "gd", seeds=[1, 2], steps=5, noise=1.0, maximize=flag)

    assert compiles_during(flips) == 0


@pytest.mark.parametrize("bad", [1, "yes", None])
def test_maximize_must_be_a_bool(bad) -> None:
    with pytest.raises(TypeError, match="maximize"):
        run("booth", "gd", steps=5, maximize=bad)
