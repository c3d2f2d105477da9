"""ui/heap.py: the process's long-lived objects are frozen, so Streamlit's
collection after each rerun walks only what reruns made; evicted runners are
still freed."""

from __future__ import annotations

import gc
import re
import time
import weakref
from pathlib import Path

import jax
import pytest

from optimizers import run
from optimizers.compiled import RUNNERS, set_runner_bound
from ui import heap

PAIRS = [("booth", "gd"), ("matyas", "gd"), ("booth", "momentum")]


@pytest.fixture
def thawed():
    """A fresh start: nothing frozen, no mark; thawed again afterwards so other
    tests' explicit collections see every object."""
    gc.unfreeze()
    heap._mark = None
    yield
    gc.unfreeze()
    heap._mark = None


def test_settle_freezes_once_until_the_runners_change(thawed) -> None:
    run(*PAIRS[0], steps=3)
    assert heap.settle() is True
    frozen = gc.get_freeze_count()
    # jax, plotly, streamlit and numpy are loaded: a full walk is big.
    assert frozen > 50_000
    # What a collection still walks is a small part of it.
    assert len(gc.get_objects()) < frozen / 10
    assert heap.settle() is False  # nothing changed: no second full collection
    assert gc.get_freeze_count() == frozen
    run(*PAIRS[0], steps=5, lr=0.3)  # same runner, new numbers
    assert heap.settle() is False
    new_runner()
    assert heap.settle() is True


def new_runner() -> None:
    """A key no other test uses, so the cache builds (and counts) a runner."""
    RUNNERS.get(("test_heap", object()), lambda key: jax.jit(lambda x: x))


class Cycle:
    """Garbage only a collection frees (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


def test_frozen_cycles_are_freed_when_the_runners_change(thawed) -> None:
    cycle = Cycle()
    gone = weakref.ref(cycle)
    heap.settle()  # the cycle is frozen now
    del cycle
    gc.collect()
    assert gone() is not None  # a frozen cycle waits ...
    new_runner()
    assert heap.settle() is True  # ... for the next change of the runners
    assert gone() is None


def test_a_frozen_runner_is_freed_once_evicted(thawed) -> None:
    previous = set_runner_bound(2)
    try:
        run("booth", "adam", steps=3)
        key = next(reversed(RUNNERS._runners))
        jitted = weakref.ref(RUNNERS._runners[key])
        heap.settle()  # the runner is frozen now
        assert jitted() is not None
        for surface, method in PAIRS[:2]:  # push it out of the cache
            run(surface, method, steps=3)
        assert key not in RUNNERS
        assert heap.settle() is True  # the eviction thaws and collects
        assert jitted() is None
    finally:
        set_runner_bound(previous)


def test_frozen_cycles_are_freed_after_a_while(thawed, monkeypatch) -> None:
    cycle = Cycle()
    gone = weakref.ref(cycle)
    heap.settle()
    del cycle
    assert heap.settle() is False
    assert gone() is not None
    now = time.monotonic()
    monkeypatch.setattr(heap.time, "monotonic", lambda: now + heap.THAW_EVERY_S)
    assert heap.settle() is True  # time's up, with no compile at all
    assert gone() is None


def test_every_streamlit_cache_is_bounded() -> None:
    """A server up all term: each st.cache_* names its max_entries."""
    root = Path(__file__).resolve().parent.parent
    sources = [*root.glob("*.py"), *root.glob("ui/*.py"), *root.glob("pages/*.py")]
    caches = [
        (path.name, line)
        for path in sources
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"st\.cache_(data|resource)\b", line)
    ]
    assert caches, "no cache found: the search is broken"
    unbounded = [c for c in caches if "max_entries=" not in c[1]]
    assert not unbounded, unbounded
