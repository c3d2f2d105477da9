"""Schedules, clipping, gradient noise and seed fans; Adam's switches."""

import jax.numpy as jnp
import numpy as np
import optax
import pytest

from optimizers import run, run_fan
from optimizers.base import SCHEDULES
from optimizers.schedules import learning_rate
from tests.test_optax_reference import optax_path
from tests.test_recompile import compiles_during

START = (-2.5, 2.0)
BASE = {"lr": 0.05, "decay_steps": 30.0, "decay_rate": 0.3, "lr_min": 0.005}

# Our schedule -> optax's, from the same numbers (the mapping in schedules.py).
OPTAX_SCHEDULES = {
    "exponential": lambda h: optax.exponential_decay(
        h["lr"], h["decay_steps"], h["decay_rate"]
    ),
    "step": lambda h: optax.exponential_decay(
        h["lr"], h["decay_steps"], h["decay_rate"], staircase=True
    ),
    "cosine": lambda h: optax.cosine_decay_schedule(
        h["lr"], h["decay_steps"], alpha=h["lr_min"] / h["lr"]
    ),
}
OPTAX_OPTIMIZERS = {
    "gd": (lambda lr: optax.sgd(lr), {}),
    "momentum": (lambda lr: optax.sgd(lr, momentum=0.8), {"momentum": 0.8}),
    "adam": (lambda lr: optax.adam(lr, b1=0.9, b2=0.99), {"beta2": 0.99}),
}


@pytest.mark.parametrize("kind", list(OPTAX_SCHEDULES))
@pytest.mark.parametrize("opt_key", list(OPTAX_OPTIMIZERS))
def test_schedules_match_optax(opt_key: str, kind: str) -> None:
    make, extra = OPTAX_OPTIMIZERS[opt_key]
    hyper = BASE | extra
    ours = run("valley", opt_key, start=START, steps=200, schedule=kind, **hyper)
    tx = make(OPTAX_SCHEDULES[kind](BASE))
    expected = optax_path("valley", tx, START)
    np.testing.assert_allclose(ours.points, expected, rtol=1e-6, atol=1e-10)
    constant = run("valley", opt_key, start=START, steps=200, **hyper)
    assert np.abs(constant.points - ours.points).max() > 1e-3  # it did something


# lr = 1, lr_min = 0.2, T = 10, rate 0.5: the definitions, worked by hand.
HAND = {
    "constant": {0: 1.0, 7: 1.0, 25: 1.0},
    "exponential": {0: 1.0, 10: 0.5, 15: 0.5**1.5, 20: 0.25},
    "step": {0: 1.0, 9: 1.0, 10: 0.5, 25: 0.25},
    "inverse_time": {0: 1.0, 10: 1 / 1.5, 20: 0.5},
    "cosine": {0: 1.0, 5: 0.6, 10: 0.2, 30: 0.2},
    "sgdr": {0: 1.0, 5: 0.6, 9: 0.2 + 0.8 * 0.5 * (1 + np.cos(0.9 * np.pi)), 10: 1.0},
    "cyclic": {0: 0.2, 5: 0.6, 10: 1.0, 15: 0.6, 20: 0.2, 25: 0.6},
}


@pytest.mark.parametrize("kind", SCHEDULES)
def test_schedule_values_by_hand(kind: str) -> None:
    hyper = {
        "lr": jnp.float64(1.0),
        "decay_steps": jnp.float64(10.0),
        "decay_rate": jnp.float64(0.5),
        "lr_min": jnp.float64(0.2),
    }
    for t, expected in HAND[kind].items():
        got = float(learning_rate(kind, jnp.int32(t), hyper))
        assert got == pytest.approx(expected, rel=1e-12), (kind, t)


def test_the_first_update_uses_t_zero() -> None:
    # Course parabola 3x² + 6x from x = 2, lr 0.1: the first step gives 0.2
    # whatever the decay; the second uses 0.1 * 0.5.
    t = run(
        "parabola",
        "gd",
        start=(2.0,),
        steps=2,
        lr=0.1,
        schedule="step",
        decay_steps=1,
        decay_rate=0.5,
    )
    assert t.points[1, 0] == pytest.approx(0.2)
    assert t.points[2, 0] == pytest.approx(0.2 - 0.05 * (6 * 0.2 + 6))


def test_clip_norm_bounds_every_step_and_matches_optax() -> None:
    lr, c = 1e-3, 5.0
    t = run("rosenbrock", "gd", start=(-1.5, 2.0), steps=300, lr=lr, clip_norm=c)
    steps = np.linalg.norm(np.diff(t.points, axis=0), axis=1)
    assert steps.max() <= lr * c * (1 + 1e-12)
    assert np.isclose(steps, lr * c).sum() > 5  # the clip was active
    tx = optax.chain(optax.clip_by_global_norm(c), optax.sgd(lr))
    np.testing.assert_allclose(
        t.points[:201], optax_path("rosenbrock", tx, (-1.5, 2.0)), rtol=1e-6
    )


def test_clip_value_matches_optax() -> None:
    t = run("rosenbrock", "momentum", start=(-1.5, 2.0), steps=200, lr=1e-3,
            momentum=0.5, clip_value=2.0)  # fmt: skip
    tx = optax.chain(optax.clip(2.0), optax.sgd(1e-3, momentum=0.5))
    expected = optax_path("rosenbrock", tx, (-1.5, 2.0))
    np.testing.assert_allclose(t.points, expected, rtol=1e-6)


def test_same_seed_same_path_other_seed_other_path() -> None:
    args = ("himmelblau", "gd")
    a = run(*args, start=(0.0, 0.0), steps=100, lr=0.01, noise=2.0, seed=3)
    b = run(*args, start=(0.0, 0.0), steps=100, lr=0.01, noise=2.0, seed=3)
    c = run(*args, start=(0.0, 0.0), steps=100, lr=0.01, noise=2.0, seed=4)
    np.testing.assert_array_equal(a.points, b.points)
    assert np.abs(a.points - c.points).max() > 1e-2
    quiet = run(*args, start=(0.0, 0.0), steps=100, lr=0.01, seed=4)
    clean = run(*args, start=(0.0, 0.0), steps=100, lr=0.01)
    np.testing.assert_array_equal(quiet.points, clean.points)


def test_noise_pushes_gd_off_the_saddle_ridge() -> None:
    # x² − y²: on y = 0 the gradient has no y part, so noiseless GD runs into
    # the saddle point and stays on the ridge; noise starts the escape.
    still = run("saddle", "gd", start=(1.5, 0.0), steps=200, lr=0.05)
    assert np.all(still.points[:, 1] == 0.0)
    assert np.abs(still.points[-1]).max() < 1e-6  # it sits on the saddle
    fan = run_fan(
        "saddle", "gd", seeds=range(6), start=(1.5, 0.0), steps=200, lr=0.05,
        noise=0.1,
    )  # fmt: skip
    for t in fan:
        assert abs(t.points[-1, 1]) > 1.0 or t.diverged_at is not None


FAN_CASES = {
    "momentum": {"lr": 0.01, "noise": 1.0},
    "annealing": {},  # randomness from the seed itself, not gradient noise
    "pso": {},
}


@pytest.mark.parametrize("opt_key", list(FAN_CASES))
def test_fan_equals_single_runs(opt_key: str) -> None:
    kwargs = {"start": (0.0, 0.0), "steps": 80, **FAN_CASES[opt_key]}
    fan = run_fan("himmelblau", opt_key, seeds=[5, 6, 7], **kwargs)
    assert [t.hyperparams["seed"] for t in fan] == [5.0, 6.0, 7.0]
    for seed, t in zip([5, 6, 7], fan, strict=True):
        single = run("himmelblau", opt_key, seed=seed, **kwargs)
        np.testing.assert_allclose(t.points, single.points, rtol=1e-12)
    assert np.abs(fan[0].points - fan[1].points).max() > 1e-2


def test_fan_compiles_once_per_block() -> None:
    kwargs = {"start": (0.0, 0.0), "steps": 80, "lr": 0.01, "noise": 1.0}
    run_fan("himmelblau", "momentum", seeds=[5, 6, 7], **kwargs)

    def other_sizes() -> None:
        run_fan("himmelblau", "momentum", seeds=range(5), **kwargs)
        run_fan("himmelblau", "momentum", seeds=[1], **kwargs | {"noise": 3.0})

    assert compiles_during(other_sizes) == 0


def test_fan_needs_a_seed_and_checks_it() -> None:
    with pytest.raises(ValueError, match="seed"):
        run_fan("saddle", "gd", seeds=[-1])
    assert run_fan("saddle", "gd", seeds=[]) == []


def test_adam_with_l2_matches_optax_and_differs_from_adamw() -> None:
    hyper = {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    l2 = run("valley", "adam", start=START, steps=200, weight_decay=0.3, **hyper)
    tx = optax.chain(optax.add_decayed_weights(0.3), optax.adam(0.05))
    np.testing.assert_allclose(l2.points, optax_path("valley", tx, START), rtol=1e-6)
    decoupled = run("valley", "adamw", start=START, steps=200, weight_decay=0.3,
                    **hyper)  # fmt: skip
    # Same λ, different places: the adaptive scaling changes where they end.
    assert np.linalg.norm(l2.points[-1] - decoupled.points[-1]) > 0.05


def test_adam_without_bias_correction_is_the_raw_rule() -> None:
    t = run("booth", "adam", start=(-5.0, 8.0), steps=50, bias_correction="off")
    s_grad = _booth_grad
    x, m, v = np.array([-5.0, 8.0]), np.zeros(2), np.zeros(2)
    for k in range(50):
        g = s_grad(x)
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
        x = x - 0.05 * m / (np.sqrt(v) + 1e-8)
        np.testing.assert_allclose(t.points[k + 1], x, rtol=1e-9)
    on = run("booth", "adam", start=(-5.0, 8.0), steps=50)
    assert np.abs(on.points - t.points).max() > 1e-2
    assert t.hyperparams["bias_correction"] == "off"


def _booth_grad(p: np.ndarray) -> np.ndarray:
    x, y = p
    a, b = x + 2 * y - 7, 2 * x + y - 5
    return np.array([2 * a + 4 * b, 4 * a + 2 * b])


def test_bad_choices_are_clear() -> None:
    with pytest.raises(ValueError, match="schedule must be one of"):
        run("valley", "gd", schedule="warp")
    with pytest.raises(ValueError, match="bias_correction must be one of"):
        run("valley", "adam", bias_correction="maybe")
    with pytest.raises(TypeError, match=r"valid: .*schedule"):
        run("valley", "gd", schedule_kind="step")
