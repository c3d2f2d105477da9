"""Slider moves never recompile: only the surface, optimizer and choices are static."""

import jax
import numpy as np
import pytest

from optimizers import OPTIMIZERS, run
from optimizers.compiled import RUNNERS, set_runner_bound

COMPILES: list[str] = []


def _listener(event: str, duration: float, **kwargs) -> None:
    if event == "/jax/core/compile/backend_compile_duration":
        COMPILES.append(event)


jax.monitoring.register_event_duration_secs_listener(_listener)


def compiles_during(fn) -> int:
    before = len(COMPILES)
    fn()
    return len(COMPILES) - before


def test_the_counter_sees_a_compile() -> None:
    # A fresh jit must register, or a zero below would prove nothing.
    assert compiles_during(lambda: jax.jit(lambda x: x * 3.0 + 1.0)(np.ones(3))) >= 1


@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_no_recompile_on_hyperparameters_start_steps(opt_key: str) -> None:
    opt = OPTIMIZERS[opt_key]
    run("rosenbrock", opt_key, steps=10)  # compile once

    def moves() -> None:
        for h in opt.all_hyperparams:
            for value in (h.low, h.high, (h.low + h.high) / 2):
                run("rosenbrock", opt_key, steps=10, **{h.key: value})
        run("rosenbrock", opt_key, start=(0.5, -0.5), steps=10)
        run("rosenbrock", opt_key, start=(1, 2), steps=10)  # ints from a widget
        for steps in (1, 99, 100, 101, 4999, 5000):
            run("rosenbrock", opt_key, steps=steps)
        if "lr" in opt.defaults():
            run("rosenbrock", opt_key, steps=10, lr=1)  # an int learning rate
        # Climbing instead of descending flips a traced sign, not the program.
        run("rosenbrock", opt_key, steps=10, maximize=True)
        run("rosenbrock", opt_key, steps=10, maximize=False)

    assert compiles_during(moves) == 0


# The choices added with weight decay and momentum's form: each combination
# compiles once, and none of the numbers beside them compiles again.
NEW_CHOICES = [
    ("gd", {"decay": "decoupled"}),
    ("momentum", {"form": "course"}),
    ("momentum", {"form": "course", "decay": "decoupled"}),
    ("momentum", {"form": "course", "schedule": "exponential"}),
    ("momentum", {"decay": "decoupled", "schedule": "step"}),
]


@pytest.mark.parametrize(("opt_key", "choices"), NEW_CHOICES)
def test_new_choices_compile_once_and_their_numbers_never(opt_key, choices) -> None:
    opt = OPTIMIZERS[opt_key]
    run("booth", opt_key, steps=10, **choices)  # compile once

    def moves() -> None:
        for h in opt.all_hyperparams:
            for value in (h.low, h.high, (h.low + h.high) / 2):
                run("booth", opt_key, steps=10, **choices, **{h.key: value})
        run("booth", opt_key, steps=10, maximize=True, **choices)

    assert compiles_during(moves) == 0


def test_no_recompile_on_surface_parameters() -> None:
    run("valley", "adam", steps=10)

    def moves() -> None:
        for kappa in (1, 2.5, 100):
            for angle in (-90, 0, 45.5):
                run(
                    "valley",
                    "adam",
                    steps=10,
                    surface_params={"kappa": kappa, "angle": angle},
                )

    assert compiles_during(moves) == 0


def test_a_new_pair_compiles_once() -> None:
    def first_and_again() -> None:
        run("booth", "nesterov", steps=5)
        run("booth", "nesterov", steps=6, lr=0.001)

    assert compiles_during(first_and_again) <= 2  # the runner, and at most one helper


# --- Compiled runners live in a bounded LRU (optimizers.compiled) -------------


@pytest.fixture
def bound_of_two():
    previous = set_runner_bound(2)
    yield
    set_runner_bound(previous)


def test_an_evicted_key_compiles_again_exactly_once(bound_of_two) -> None:
    run("booth", "gd", steps=5)
    run("booth", "momentum", steps=5)
    run("booth", "nesterov", steps=5)  # the third key evicts gd's runner

    def again() -> None:
        run("booth", "gd", steps=5, lr=0.01)
        run("booth", "gd", steps=7, lr=0.02, start=(1.0, 2.0))

    assert compiles_during(again) == 1


def test_sliders_on_a_live_key_compile_nothing_while_others_go(bound_of_two) -> None:
    run("matyas", "adam", steps=5)
    evicted = RUNNERS.evicted
    for i, other in enumerate(("gd", "momentum", "nesterov")):
        run("matyas", other, steps=5)  # a new key: it evicts the one before

        def moves(i=i) -> None:
            for lr in (0.001, 0.1):
                run("matyas", "adam", steps=5 + i, lr=lr, maximize=i % 2 == 1)

        assert compiles_during(moves) == 0
    assert RUNNERS.evicted - evicted >= 2
