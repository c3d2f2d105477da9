"""Momentum's two forms: where lr sits (outside v: optax; inside v: the course)."""

import numpy as np
import optax
import pytest

from optimizers import get_optimizer, run
from optimizers.schedules import learning_rate
from surfaces import get_surface
from tests.test_optax_reference import optax_path
from tests.test_recompile import compiles_during

START = (0.0, 0.0)
HYPER = {"lr": 0.05, "momentum": 0.8}
SCHEDULED = {"decay_steps": 10.0, "decay_rate": 0.3, "lr_min": 0.005}


def course_grad(p: np.ndarray) -> np.ndarray:
    # 2x² + y² + (x + y)² - 20x - 16y
    x, y = p
    return np.array([6 * x + 2 * y - 20, 2 * x + 4 * y - 16])


def course_loop(kind: str, steps: int, weight_decay: float = 0.0, decay="l2"):
    """v <- mu v + a_t (g + l2), x <- x - v (- a_t lambda x), written out."""
    hyper = HYPER | SCHEDULED
    mu, x, v = hyper["momentum"], np.array(START), np.zeros(2)
    path = [x.copy()]
    for t in range(steps):
        rate = _rate(kind, t, hyper)
        g = course_grad(x) + (weight_decay * x if decay == "l2" else 0.0)
        v = mu * v + rate * g
        shrink = rate * weight_decay * x if decay == "decoupled" else 0.0
        x = x - v - shrink
        path.append(x.copy())
    return np.array(path)


def _rate(kind: str, t: int, hyper: dict) -> float:
    lr, steps, rate = hyper["lr"], hyper["decay_steps"], hyper["decay_rate"]
    if kind == "exponential":
        return lr * rate ** (t / steps)
    if kind == "step":
        return lr * rate ** (t // steps)
    return lr


def test_the_forms_coincide_for_a_constant_lr() -> None:
    optax_form = run("course_quadratic", "momentum", start=START, steps=100, **HYPER)
    course = run("course_quadratic", "momentum", start=START, steps=100,
                 form="course", **HYPER)  # fmt: skip
    np.testing.assert_allclose(course.points, optax_form.points, rtol=1e-12)
    np.testing.assert_allclose(course.points, course_loop("constant", 100), rtol=1e-12)
    # The course's velocity is lr times optax's.
    np.testing.assert_allclose(
        course.internals["velocity"],
        HYPER["lr"] * optax_form.internals["velocity"],
        rtol=1e-12,
        atol=1e-15,
    )


@pytest.mark.parametrize("kind", ["exponential", "step"])
def test_the_forms_part_under_a_schedule(kind: str) -> None:
    args = {"start": START, "steps": 60, "schedule": kind, **HYPER, **SCHEDULED}
    optax_form = run("course_quadratic", "momentum", **args)
    course = run("course_quadratic", "momentum", form="course", **args)
    assert np.abs(course.points - optax_form.points).max() > 1e-2
    # Each is its own reference: the hand loop, and optax.sgd with a schedule.
    np.testing.assert_allclose(course.points, course_loop(kind, 60), rtol=1e-12)
    schedule = optax.exponential_decay(
        HYPER["lr"],
        SCHEDULED["decay_steps"],
        SCHEDULED["decay_rate"],
        staircase=kind == "step",
    )
    tx = optax.sgd(schedule, momentum=HYPER["momentum"])
    expected = optax_path("course_quadratic", tx, START)[:61]
    np.testing.assert_allclose(optax_form.points, expected, rtol=1e-6, atol=1e-10)


def test_the_runner_hands_the_scheduled_rate_to_the_course_form() -> None:
    # Under a schedule the course form is not rescaled by the runner: its first
    # step is lr_0 g_0 and its second mixes lr_0 and lr_1, as the loop says.
    t = run("course_quadratic", "momentum", start=START, steps=2, form="course",
            schedule="step", **HYPER, **SCHEDULED | {"decay_steps": 1.0})  # fmt: skip
    g0 = course_grad(np.array(START))
    x1 = np.array(START) - 0.05 * g0
    v2 = 0.8 * 0.05 * g0 + 0.05 * 0.3 * course_grad(x1)
    np.testing.assert_allclose(t.points[1], x1, rtol=1e-14)
    np.testing.assert_allclose(t.points[2], x1 - v2, rtol=1e-14)


def test_rates_match_the_schedule_module() -> None:
    import jax.numpy as jnp

    hyper = {k: jnp.float64(v) for k, v in (HYPER | SCHEDULED).items()}
    for kind in ("exponential", "step"):
        for t in (0, 5, 10, 17):
            got = float(learning_rate(kind, jnp.int32(t), hyper))
            assert got == pytest.approx(_rate(kind, t, HYPER | SCHEDULED))


def test_only_the_course_form_applies_its_own_schedule() -> None:
    opt = get_optimizer("momentum")
    assert opt.applies_own_schedule({"form": "course"})
    assert not opt.applies_own_schedule({"form": "optax"})
    assert not get_optimizer("gd").applies_own_schedule({"decay": "decoupled"})


def test_formula_panel_shows_each_form() -> None:
    opt = get_optimizer("momentum")
    assert opt.latex_for({}) == opt.latex_for({"form": "optax"})
    course = opt.latex_for({"form": "course"})
    assert r"x_{t+1} = x_t - v_{t+1}" in course and r"\alpha" in course
    assert course != opt.latex
    assert "@" not in opt.latex_with({"form": "course", "lr": 0.1})
    assert "0.1" in opt.latex_with({"form": "course", "lr": 0.1})


def test_form_compiles_once_and_its_numbers_never() -> None:
    run("course_quadratic", "momentum", steps=5, form="course", schedule="step")

    def moves() -> None:
        for lr in (0.01, 0.1, 1):
            for mu in (0.0, 0.5, 0.99):
                run("course_quadratic", "momentum", steps=5, form="course",
                    schedule="step", lr=lr, momentum=mu, decay_rate=0.9,
                    weight_decay=0.1)  # fmt: skip

    assert compiles_during(moves) == 0


def test_form_runs_on_every_surface_and_a_bad_form_is_clear() -> None:
    with pytest.raises(ValueError, match="form must be one of optax, course"):
        run("course_quadratic", "momentum", form="pytorch")
    s = get_surface("rosenbrock")
    t = run(s, "momentum", steps=300, form="course", lr=10.0)
    assert np.all(np.isfinite(t.points)) and t.status == "diverged"
