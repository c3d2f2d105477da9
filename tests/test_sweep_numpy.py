"""The NumPy map that bench/sweep.py times the library against does the same
work: it gives the same map as ``optimizers.sweep``, cell for cell."""

from __future__ import annotations

import numpy as np

from bench.sweep_numpy import momentum_map
from optimizers.sweep import sweep

LRS = np.geomspace(1e-4, 4e-3, 12)
MUS = np.linspace(0.0, 0.95, 10)
START = (-1.5, 2.0)


def _both(steps: int):
    ours = sweep(
        "rosenbrock",
        "momentum",
        start=START,
        steps=steps,
        axes={"lr": LRS, "momentum": MUS},
    )
    return ours, momentum_map(LRS, MUS, START, steps)


def test_the_numpy_map_is_the_librarys_map() -> None:
    ours, theirs = _both(2000)  # the window's ring wraps many times
    # The grid has every kind of cell, so each mark is compared in earnest.
    assert (ours.reached_at >= 0).sum() >= 5
    assert (ours.diverged_at >= 0).sum() >= 10
    assert ((ours.reached_at < 0) & (ours.diverged_at < 0)).sum() >= 10
    np.testing.assert_array_equal(theirs.reached_at, ours.reached_at)
    np.testing.assert_array_equal(theirs.diverged_at, ours.diverged_at)
    # f at the minimum is 0: near it only round-off differs
    np.testing.assert_allclose(
        theirs.final_values, ours.final_values, rtol=1e-9, atol=1e-12
    )
    measured = np.isfinite(ours.rate)
    assert measured.sum() >= 50
    np.testing.assert_array_equal(np.isfinite(theirs.rate), measured)
    # A run that reaches the minimum measures its rate on distances that end
    # near round-off, where the last bits of the two paths differ.
    exact = measured & (ours.reached_at < 0)
    assert exact.sum() >= 50
    np.testing.assert_allclose(theirs.rate[exact], ours.rate[exact], atol=1e-9)
    near = measured & (ours.reached_at >= 0)
    np.testing.assert_allclose(theirs.rate[near], ours.rate[near], atol=1e-3)


def test_a_count_that_ends_inside_a_chunk_gives_the_same_map() -> None:
    ours, theirs = _both(250)
    np.testing.assert_array_equal(theirs.reached_at, ours.reached_at)
    np.testing.assert_array_equal(theirs.diverged_at, ours.diverged_at)
    measured = np.isfinite(ours.rate)
    np.testing.assert_allclose(theirs.rate[measured], ours.rate[measured], atol=1e-9)
