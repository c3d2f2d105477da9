"""Every core optimizer reproduces optax's trajectory (float64, rtol 1e-6)."""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from optimizers import run
from surfaces import get_surface

STEPS = 200

# key -> (optax factory from our hyperparameters, hyperparameters per surface)
REFERENCES = {
    "gd": lambda h: optax.sgd(h["lr"]),
    "momentum": lambda h: optax.sgd(h["lr"], momentum=h["momentum"]),
    "nesterov": lambda h: optax.sgd(h["lr"], momentum=h["momentum"], nesterov=True),
    # Course notes: AdaGrad's accumulator starts at 0 (optax's default is 0.1).
    "adagrad": lambda h: optax.adagrad(
        h["lr"], initial_accumulator_value=0.0, eps=h["eps"]
    ),
    "rmsprop": lambda h: optax.rmsprop(h["lr"], decay=h["rho"], eps=h["eps"]),
    "adam": lambda h: optax.adam(h["lr"], b1=h["beta1"], b2=h["beta2"], eps=h["eps"]),
    "adadelta": lambda h: optax.adadelta(h["lr"], rho=h["rho"], eps=h["eps"]),
    "adamw": lambda h: optax.adamw(
        h["lr"],
        b1=h["beta1"],
        b2=h["beta2"],
        eps=h["eps"],
        weight_decay=h["weight_decay"],
    ),
    "amsgrad": lambda h: optax.amsgrad(
        h["lr"], b1=h["beta1"], b2=h["beta2"], eps=h["eps"]
    ),
    "nadam": lambda h: optax.nadam(h["lr"], b1=h["beta1"], b2=h["beta2"], eps=h["eps"]),
    # optax's Lion decays weights by 1e-3 unless told otherwise.
    "lion": lambda h: optax.lion(
        h["lr"], b1=h["beta1"], b2=h["beta2"], weight_decay=h["weight_decay"]
    ),
}

# Step sizes that keep each surface well-behaved for every method, so that
# round-off is not amplified by chaos and rtol 1e-6 is a fair bar.
CASES = {
    "valley": ((-2.5, 2.0), {"gd": 0.05, "momentum": 0.02, "nesterov": 0.02}),
    "rosenbrock": ((-1.2, 1.0), {"gd": 1e-3, "momentum": 2e-4, "nesterov": 2e-4}),
    "course_quadratic": ((0.0, 0.0), {"gd": 0.05, "momentum": 0.02, "nesterov": 0.02}),
    "himmelblau": ((0.5, 0.5), {"gd": 5e-3, "momentum": 2e-3, "nesterov": 2e-3}),
    "booth": ((-5.0, 8.0), {"gd": 0.02, "momentum": 0.01, "nesterov": 0.01}),
}
ADAPTIVE_LR = {
    "adagrad": 0.3,
    "rmsprop": 0.01,
    "adam": 0.02,
    "adadelta": 1.0,
    "adamw": 0.02,
    "amsgrad": 0.02,
    "nadam": 0.02,
    "lion": 0.005,
}

OTHER = {
    "gd": {},
    "momentum": {"momentum": 0.9},
    "nesterov": {"momentum": 0.85},
    "adagrad": {"eps": 1e-7},
    "rmsprop": {"rho": 0.95, "eps": 1e-8},
    "adam": {"beta1": 0.85, "beta2": 0.995, "eps": 1e-8},
    "adadelta": {"rho": 0.9, "eps": 1e-6},
    "adamw": {"beta1": 0.9, "beta2": 0.99, "eps": 1e-8, "weight_decay": 0.05},
    "amsgrad": {"beta1": 0.85, "beta2": 0.99, "eps": 1e-8},
    "nadam": {"beta1": 0.9, "beta2": 0.995, "eps": 1e-8},
    "lion": {"beta1": 0.9, "beta2": 0.99, "weight_decay": 0.01},
}


def optax_path(surface_key: str, tx: optax.GradientTransformation, start) -> np.ndarray:
    s = get_surface(surface_key)
    params = s.param_values()
    grad = jax.grad(lambda x: s.fn(x, params))

    def step(carry, _):
        x, state = carry
        updates, state = tx.update(grad(x), state, x)
        x = optax.apply_updates(x, updates)
        return (x, state), x

    x0 = jnp.asarray(start, dtype=jnp.float64)
    _, xs = jax.lax.scan(step, (x0, tx.init(x0)), length=STEPS)
    return np.concatenate([np.asarray(x0)[None], np.asarray(xs)])


@pytest.mark.parametrize("surface_key", list(CASES))
@pytest.mark.parametrize("opt_key", list(REFERENCES))
def test_matches_optax(opt_key: str, surface_key: str) -> None:
    start, lrs = CASES[surface_key]
    hyper = {"lr": lrs.get(opt_key, ADAPTIVE_LR.get(opt_key)), **OTHER[opt_key]}
    ours = run(surface_key, opt_key, start=start, steps=STEPS, **hyper)
    expected = optax_path(surface_key, REFERENCES[opt_key](hyper), start)
    assert ours.diverged_at is None
    assert ours.points.shape == expected.shape == (STEPS + 1, 2)
    np.testing.assert_allclose(ours.points, expected, rtol=1e-6, atol=1e-10)
    # The path really moved: a frozen runner would not match by accident.
    assert np.linalg.norm(ours.points[-1] - ours.points[0]) > 1e-2


def test_every_first_order_optimizer_is_referenced() -> None:
    from optimizers import OPTIMIZERS

    core = ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]
    assert [k for k in OPTIMIZERS if k in core] == core
    first_order = {k for k, o in OPTIMIZERS.items() if o.first_order}
    assert first_order <= set(REFERENCES)
