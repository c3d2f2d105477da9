"""Weight decay on gd and momentum: the L2 term vs decoupled (SGDW), against optax."""

import numpy as np
import optax
import pytest

from optimizers import get_optimizer, run
from tests.test_optax_reference import optax_path

START = (-2.5, 2.0)
LAMBDA = 0.3
MU = 0.8
LR = {"gd": 0.05, "momentum": 0.02}
SCHEDULE = {"decay_steps": 30.0, "decay_rate": 0.3}


def reference(opt_key: str, decay: str, lr) -> optax.GradientTransformation:
    """optax's chain for each (method, decay); ``lr`` a number or a schedule."""
    if decay == "l2":
        method = optax.sgd(lr) if opt_key == "gd" else optax.sgd(lr, momentum=MU)
        return optax.chain(optax.add_decayed_weights(LAMBDA), method)
    direction = [] if opt_key == "gd" else [optax.trace(decay=MU)]
    return optax.chain(
        *direction,
        optax.add_decayed_weights(LAMBDA),
        optax.scale_by_learning_rate(lr),
    )


def hyper(opt_key: str) -> dict:
    extra = {"momentum": MU} if opt_key == "momentum" else {}
    return {"lr": LR[opt_key], "weight_decay": LAMBDA, **extra}


@pytest.mark.parametrize("decay", ["l2", "decoupled"])
@pytest.mark.parametrize("opt_key", ["gd", "momentum"])
def test_matches_optax(opt_key: str, decay: str) -> None:
    ours = run("valley", opt_key, start=START, steps=200, decay=decay,
               **hyper(opt_key))  # fmt: skip
    expected = optax_path("valley", reference(opt_key, decay, LR[opt_key]), START)
    np.testing.assert_allclose(ours.points, expected, rtol=1e-6, atol=1e-10)
    plain = run("valley", opt_key, start=START, steps=200,
                **hyper(opt_key) | {"weight_decay": 0.0})  # fmt: skip
    assert np.abs(plain.points - ours.points).max() > 1e-2  # the decay acted


@pytest.mark.parametrize("decay", ["l2", "decoupled"])
@pytest.mark.parametrize("opt_key", ["gd", "momentum"])
def test_matches_optax_under_a_schedule(opt_key: str, decay: str) -> None:
    # Decoupled decay follows lr(t) too: optax scales the decay by the schedule.
    schedule = optax.exponential_decay(
        LR[opt_key], SCHEDULE["decay_steps"], SCHEDULE["decay_rate"]
    )
    ours = run("valley", opt_key, start=START, steps=200, decay=decay,
               schedule="exponential", **hyper(opt_key), **SCHEDULE)  # fmt: skip
    expected = optax_path("valley", reference(opt_key, decay, schedule), START)
    np.testing.assert_allclose(ours.points, expected, rtol=1e-6, atol=1e-10)


def test_course_form_with_decoupled_decay_under_a_schedule() -> None:
    from tests.test_engine_momentum_form import HYPER, SCHEDULED, course_loop

    t = run("course_quadratic", "momentum", start=(0.0, 0.0), steps=60,
            form="course", decay="decoupled", weight_decay=LAMBDA,
            schedule="step", **HYPER, **SCHEDULED)  # fmt: skip
    expected = course_loop("step", 60, weight_decay=LAMBDA, decay="decoupled")
    np.testing.assert_allclose(t.points, expected, rtol=1e-12)
    l2 = run("course_quadratic", "momentum", start=(0.0, 0.0), steps=60,
             form="course", weight_decay=LAMBDA, schedule="step", **HYPER,
             **SCHEDULED)  # fmt: skip
    np.testing.assert_allclose(
        l2.points, course_loop("step", 60, weight_decay=LAMBDA), rtol=1e-12
    )


def test_for_gd_l2_and_decoupled_are_one_path() -> None:
    # The course's claim: decay omega = lr lambda is GD on f + lambda/2 |x|².
    a = run("course_quadratic", "gd", start=(0.0, 0.0), steps=300, lr=0.05,
            weight_decay=0.5)  # fmt: skip
    b = run("course_quadratic", "gd", start=(0.0, 0.0), steps=300, lr=0.05,
            weight_decay=0.5, decay="decoupled")  # fmt: skip
    np.testing.assert_allclose(a.points, b.points, rtol=1e-12)
    # Both end at the minimiser of f + 0.25 |x|²: (6 + .5)x + 2y = 20,
    # 2x + (4 + .5)y = 16.
    target = np.linalg.solve([[6.5, 2.0], [2.0, 4.5]], [20.0, 16.0])
    np.testing.assert_allclose(a.points[-1], target, atol=1e-9)


def test_with_momentum_l2_and_decoupled_part() -> None:
    args = {"start": START, "steps": 200, **hyper("momentum")}
    l2 = run("valley", "momentum", **args)
    decoupled = run("valley", "momentum", decay="decoupled", **args)
    assert np.abs(l2.points - decoupled.points).max() > 1e-2
    # On the course quadratic they also settle at different points.
    q = {"start": (0.0, 0.0), "steps": 3000, "lr": 0.02, "momentum": MU,
         "weight_decay": 0.5}  # fmt: skip
    l2_end = run("course_quadratic", "momentum", **q).points[-1]
    dec_end = run("course_quadratic", "momentum", decay="decoupled", **q).points[-1]
    # L2 is GD on f + lambda/2 |x|²: its minimiser. Decoupled, the velocity
    # settles at g / (1 - mu), so the fixed point solves g + (1 - mu) lambda x.
    l2_target = np.linalg.solve([[6.5, 2.0], [2.0, 4.5]], [20.0, 16.0])
    shrink = (1 - MU) * 0.5
    dec_target = np.linalg.solve([[6 + shrink, 2.0], [2.0, 4 + shrink]], [20.0, 16.0])
    np.testing.assert_allclose(l2_end, l2_target, atol=1e-9)
    np.testing.assert_allclose(dec_end, dec_target, atol=1e-9)


def test_formula_panel_shows_each_decay() -> None:
    on = {"weight_decay": 0.1}  # with λ = 0 the term is left out
    gd = get_optimizer("gd")
    assert r"\lambda" in gd.latex_for(on)
    assert gd.latex_for(on | {"decay": "decoupled"}) != gd.latex_for(on)
    momentum = get_optimizer("momentum")
    rules = {
        (form, decay): momentum.latex_for(on | {"form": form, "decay": decay})
        for form in ("optax", "course")
        for decay in ("l2", "decoupled")
    }
    assert len(set(rules.values())) == 4  # every combination has its own rule
    assert rules["optax", "l2"] == momentum.latex_for(on)
    assert rules["course", "decoupled"].endswith(r"- \alpha\,\lambda\,x_t")
    for (form, decay), rule in rules.items():
        shown = momentum.latex_with({"form": form, "decay": decay, "lr": 0.25})
        assert "@" not in shown and "0.25" in shown, (form, decay, rule)


def test_defaults_keep_the_plain_methods() -> None:
    for key in ("gd", "momentum"):
        opt = get_optimizer(key)
        assert opt.defaults()["weight_decay"] == 0.0
        assert opt.resolve_choices({})["decay"] == "l2"
    with pytest.raises(ValueError, match="decay must be one of l2, decoupled"):
        run("valley", "gd", decay="adamw")


def test_the_rule_shows_the_decay_term_only_when_it_is_on() -> None:
    from optimizers import OPTIMIZERS

    for key in ("gd", "momentum", "adam"):
        opt = OPTIMIZERS[key]
        assert r"\lambda" not in opt.latex_for({}), key
        assert "0\\,x_t" not in opt.latex_with({}), key
        assert r"\lambda" in opt.latex_for({"weight_decay": 0.1}), key
        assert r"0.1\,x_t" in opt.latex_with({"weight_decay": 0.1}), key
