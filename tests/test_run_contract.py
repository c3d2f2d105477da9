"""run()'s contract: shapes, slicing, divergence, internals, evaluations, errors."""

import math

import numpy as np
import pytest

from optimizers import OPTIMIZERS, STATUSES, STEP_BUDGET, get_optimizer, run
from surfaces import SURFACES, get_surface


@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_shapes_and_start(opt_key: str) -> None:
    t = run("rosenbrock", opt_key, start=(-1.5, 2.0), steps=50)
    assert t.points.shape == (51, 2)
    assert t.points.dtype == np.float64
    assert t.values.shape == t.grad_norms.shape == (51,)
    assert tuple(t.points[0]) == (-1.5, 2.0)
    s = get_surface("rosenbrock")
    assert t.values[0] == pytest.approx(float(s.f(np.array([-1.5, 2.0]))))
    moved = 50 if t.diverged_at is None else t.diverged_at
    opt = get_optimizer(opt_key)
    per = opt.evals_per_step
    if per is not None:  # None: the method counts its own evaluations
        assert t.evals == {k: per.get(k, 0) * moved for k in ("f", "grad", "hess")}
    for name, series in t.internals.items():
        assert series.shape[0] == 51 and series.shape[-1] == 2, name
    assert t.status in STATUSES and t.maximize is False


def test_fewer_steps_is_a_prefix() -> None:
    long = run("valley", "adam", steps=300, lr=0.05)
    short = run("valley", "adam", steps=120, lr=0.05)
    np.testing.assert_array_equal(short.points, long.points[:121])
    np.testing.assert_array_equal(short.values, long.values[:121])


def test_full_budget_and_zero_steps() -> None:
    t = run("valley", "gd", steps=STEP_BUDGET)
    assert t.points.shape == (STEP_BUDGET + 1, 2)
    z = run("valley", "gd", steps=0)
    assert z.points.shape == (1, 2)


def test_values_and_grad_norms_match_the_surface() -> None:
    s = get_surface("himmelblau")
    t = run(s, "momentum", start=(0.0, 0.0), steps=30, lr=0.005)
    import jax

    params = s.param_values()
    for k in (0, 7, 30):
        p = t.points[k]
        assert t.values[k] == pytest.approx(float(s.fn(p, params)), rel=1e-12)
        g = np.asarray(jax.grad(lambda x: s.fn(x, params))(p))
        assert t.grad_norms[k] == pytest.approx(np.linalg.norm(g), rel=1e-10)


def test_divergence_is_data_and_freezes() -> None:
    t = run("parabola", "gd", start=(2.0,), steps=400, lr=1.0)
    assert t.diverged_at is not None
    k = t.diverged_at
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    np.testing.assert_array_equal(
        t.points[k:], np.repeat(t.points[k - 1 : k], 401 - k, 0)
    )
    # Before divergence it followed x <- x - 18 (x + 1) ... i.e. x+1 <- -5 (x+1).
    np.testing.assert_allclose(
        t.points[: min(k, 5), 0] + 1, 3 * (-5.0) ** np.arange(min(k, 5))
    )


def test_divergence_beyond_requested_steps_is_not_reported() -> None:
    t = run("parabola", "gd", start=(2.0,), steps=3, lr=1.0)
    assert t.diverged_at is None


def test_internals_are_the_optimizer_state() -> None:
    t = run("valley", "momentum", steps=5, lr=0.02, momentum=0.9)
    v = t.internals["velocity"]
    assert np.all(v[0] == 0)
    np.testing.assert_allclose(t.points[1:] - t.points[:-1], -0.02 * v[1:], rtol=1e-12)
    a = run("valley", "adam", steps=5)
    assert {"mu", "nu", "step"} <= set(a.internals)


def test_surface_params_are_used() -> None:
    flat = run("valley", "gd", steps=20, lr=0.05, surface_params={"kappa": 1.0})
    steep = run("valley", "gd", steps=20, lr=0.05, surface_params={"kappa": 30.0})
    assert not np.allclose(flat.points, steep.points)


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: run("nope", "gd"), KeyError, "rosenbrock"),
        (lambda: run("valley", "sgdx"), KeyError, "adam"),
        (lambda: run("valley", "gd", beta9=0.1), TypeError, "lr"),
        (lambda: run("valley", "gd", lr=-1.0), ValueError, "lr"),
        (lambda: run("valley", "gd", lr=math.inf), ValueError, "lr"),
        (lambda: run("valley", "gd", lr="fast"), ValueError, "lr"),
        (lambda: run("valley", "momentum", momentum=1.5), ValueError, "momentum"),
        (lambda: run("valley", "gd", start=(math.nan, 0.0)), ValueError, "finite"),
        (lambda: run("valley", "gd", start=(1.0,)), ValueError, "2"),
        (lambda: run("valley", "gd", steps=STEP_BUDGET + 1), ValueError, "steps"),
        (
            lambda: run("valley", "gd", surface_params={"kappa": 1e9}),
            ValueError,
            "kappa",
        ),
        (lambda: run("valley", "gd", surface_params={"zeta": 1}), TypeError, "kappa"),
    ],
)
def test_bad_input_has_a_clear_message(call, error, needle) -> None:
    with pytest.raises(error, match=needle):
        call()


def test_every_hyperparameter_spec_is_sane() -> None:
    for opt in OPTIMIZERS.values():
        assert get_optimizer(opt.key) is opt
        for h in opt.all_hyperparams:
            assert h.low <= h.default <= h.high, (opt.key, h.key)
            assert not h.log or h.low > 0
            assert not h.integer or float(h.default).is_integer()
        for c in opt.all_choices:
            assert len(set(c.options)) == len(c.options) >= 2, (opt.key, c.key)
        assert "@" not in opt.latex_for({}), opt.key
        if "@" in opt.rule:  # values go where the symbols were
            assert opt.latex_with(opt.defaults()) != opt.latex
        for key, rule in opt.rule_variants.items():
            # Each variant is what the panel shows when its options are picked.
            pairs = (key,) if isinstance(key[0], str) else key
            picked = dict(pairs) | {"weight_decay": 0.1}  # every term shown
            picked = {
                k: v
                for k, v in picked.items()
                if k in opt.defaults() or k in dict(pairs)
            }
            for choice, option in pairs:
                spec = next(c for c in opt.all_choices if c.key == choice)
                assert option in spec.options, (opt.key, choice, option)
            assert opt.rule_for(picked) == rule, (opt.key, key)
            assert "@" not in opt.latex_for(picked), (opt.key, key)
            assert "@" not in opt.latex_with(picked), (opt.key, key)
        for choice, option in opt.own_schedule:
            spec = next(c for c in opt.all_choices if c.key == choice)
            assert option in spec.options and opt.first_order, opt.key


def test_every_surface_runs_from_its_start() -> None:
    for s in SURFACES.values():
        t = run(s.key, "adam", steps=50)
        assert np.all(np.isfinite(t.points)), s.key


def test_trajectory_fields_keep_the_contract() -> None:
    import dataclasses

    from optimizers import Trajectory

    names = {f.name for f in dataclasses.fields(Trajectory)}
    contract = {"points", "values", "grad_norms", "diverged_at", "evals"}
    assert contract | {"status", "maximize"} <= names
    defaults = {f.name: f.default for f in dataclasses.fields(Trajectory)}
    assert defaults["maximize"] is False and defaults["status"] in STATUSES
