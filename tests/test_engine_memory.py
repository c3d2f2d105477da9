"""Bounded memory: compiled runners live in an LRU, and evicted ones are freed.

Cheap pairs and few steps; the full registry tour is bench/memory.py.
"""

from __future__ import annotations

import gc
import itertools
import weakref

import jax.extend.backend
import numpy as np
import pytest

from optimizers import OPTIMIZERS, run, run_fan
from optimizers.compiled import (
    RUNNER_BOUND,
    RUNNERS,
    RunnerCache,
    live_runners,
    set_runner_bound,
)
from scenes import GALLERY, Scene

BOUND = 4
SURFACES = ("booth", "matyas", "three_hump_camel", "mccormick")
METHODS = ("gd", "momentum", "nesterov")
PAIRS = list(itertools.product(SURFACES, METHODS))  # 3 x BOUND distinct keys


@pytest.fixture
def small_bound():
    previous = set_runner_bound(BOUND)
    yield
    set_runner_bound(previous)


def live_executables() -> int:
    gc.collect()
    return len(jax.extend.backend.get_backend().live_executables())


def warmed_keys() -> set[tuple]:
    """The runners the default scene and every gallery scene use (a fan
    counted for every run that fans out, random or not)."""
    keys = set()
    for scene in [Scene(), *(lesson.scene for lesson in GALLERY.values())]:
        for r in scene.runs:
            _, chosen = OPTIMIZERS[r.optimizer].split(r.settings(), scene.on_data())
            chosen.pop("sampler", None)  # read on the host, as the runner does
            key = (scene.surface, r.optimizer, tuple(sorted(chosen.items())))
            keys |= {(*key, False)} | ({(*key, True)} if r.fan > 1 else set())
    return keys


def test_the_default_bound_holds_the_warmed_set_twice() -> None:
    # The warmed set, and as much again for what a hall explores.
    assert 30 <= len(warmed_keys()) <= RUNNER_BOUND // 2


def test_visiting_many_pairs_keeps_at_most_the_bound(small_bound) -> None:
    assert len(PAIRS) >= 3 * BOUND
    run(*PAIRS[0], steps=3)  # helpers (e.g. the zero noise) compile once here
    floor = live_executables()
    for surface, method in PAIRS:
        run(surface, method, steps=3, lr=0.01)
        assert live_runners() <= BOUND
    run_fan("booth", "gd", [1, 2, 3], steps=3, noise=0.5)
    assert live_runners() <= BOUND
    # Executables do not grow with the keys visited: the evicted ones are gone.
    assert live_executables() <= floor + BOUND


def test_an_evicted_runner_is_freed(small_bound) -> None:
    run("booth", "adam", steps=3)
    key = next(reversed(RUNNERS._runners))  # the most recent: booth, adam
    jitted = weakref.ref(RUNNERS._runners[key])
    fn = weakref.ref(RUNNERS._runners[key].__wrapped__)
    before = live_executables()
    for surface, method in PAIRS[:BOUND]:  # new keys push adam's out
        run(surface, method, steps=3)
    assert key not in RUNNERS
    gc.collect()
    assert jitted() is None
    assert fn() is None  # nothing keyed on the traced function keeps it
    assert live_executables() <= before


def test_results_are_identical_after_eviction(small_bound) -> None:
    settings = {"steps": 40, "lr": 0.05, "start": (0.5, -1.5)}
    first = run("booth", "adam", **settings)
    fan = run_fan("booth", "adam", [4, 5], noise=0.3, **settings)
    for surface, method in PAIRS[:BOUND]:
        run(surface, method, steps=3)
    again = run("booth", "adam", **settings)
    fan_again = run_fan("booth", "adam", [4, 5], noise=0.3, **settings)
    for a, b in [(first, again), *zip(fan, fan_again, strict=True)]:
        np.testing.assert_array_equal(a.points, b.points)
        np.testing.assert_array_equal(a.values, b.values)
        np.testing.assert_array_equal(a.grad_norms, b.grad_norms)
        assert a.diverged_at == b.diverged_at


# --- The cache itself, without JAX --------------------------------------------


class Fake:
    def __init__(self, key) -> None:
        self.key, self.cleared = key, False

    def clear_cache(self) -> None:
        self.cleared = True


def test_the_least_recently_used_goes_first_and_is_cleared() -> None:
    cache = RunnerCache(2)
    a, b = cache.get("a", Fake), cache.get("b", Fake)
    assert cache.get("a", Fake) is a  # a is now the most recent
    cache.get("c", Fake)
    assert b.cleared and not a.cleared
    assert "b" not in cache and "a" in cache and len(cache) == 2
    assert (cache.built, cache.evicted) == (3, 1)


def test_lowering_the_bound_evicts_and_returns_the_old_one() -> None:
    cache = RunnerCache(3)
    fakes = [cache.get(k, Fake) for k in "xyz"]
    assert cache.set_bound(1) == 3
    assert [f.cleared for f in fakes] == [True, True, False]
    assert len(cache) == 1


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "4"])
def test_a_bound_must_be_a_positive_whole_number(bad) -> None:
    with pytest.raises(ValueError, match="runner bound"):
        RunnerCache(bad)
