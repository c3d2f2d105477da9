"""Many runs at once, reduced inside the scan: the core of hyperparameter
maps (``sweep``) and basins of attraction (``basins``).

A cell is one run; what a cell keeps is a few numbers, never its path:
where it ended, f there, the first step within tolerance of a documented
minimum, the step it froze at, and a window of its last distances to the
minima, from which the convergence rate is measured. ``cells`` runs a block
of cells: one loop over the steps, each step vmapped over the cells.

The convergence rate ρ: log ‖x_t − x*‖ falls by −log ρ a step once the
slowest mode rules. The window holds the last ``WINDOW`` distances (fewer in
a shorter run; the start counts as step 0) up to the step before the
distance first falls under ``FLOOR`` view-box widths (round-off is near),
up to the step before the run froze, or up to the run's end. ρ is the
geometric mean of the step ratios ‖x_{t+1} − x*‖ / ‖x_t − x*‖ taken
robustly: the least-squares slope of the log-distance over the window's
last two thirds (by then faster modes have died out), with each distance
taken over the pair of the last two points,
√(d_t² + d_{t−1}²) — the state of a two-step method such as momentum, whose
distance alone oscillates when its eigenvalues are complex. Measured on the
course quadratic against max |eig| of the iteration matrices, for heavy-ball
momentum: within 1e-4 for real eigenvalues and 0.003 for complex ones; for
Nesterov's, within 0.005 where ρ ≥ 0.5, and up to 0.015 for the fastest
runs, whose short window still holds a fading mode (tests/test_sweep.py).
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.run import CHUNK
from optimizers.stepper import make as make_stepper

WINDOW = 128  # squared distances kept per cell for the rate
USED = WINDOW - (WINDOW - 1) // 3  # the most steps the rate reads (two thirds)
FLOOR = 1e-14  # view-box widths: below this, round-off is near; the window ends


class Acc(NamedTuple):
    reached: jax.Array  # () int32: first step within tolerance, -1
    frozen: jax.Array  # () int32: step at which the run froze, -1
    last: jax.Array  # () int32: the window's last step (before the floor)
    open: jax.Array  # () bool: the floor not reached yet


class Cell(NamedTuple):
    """One cell's result (``cells`` gives each array the cells' axis in front)."""

    point: jax.Array  # (dim,) where it ended
    value: jax.Array  # () f there (times the sign)
    reached: jax.Array  # () int32
    frozen: jax.Array  # () int32
    rate: jax.Array  # () measured ρ, nan if there is no window


def _distance2(x, minima) -> jax.Array:
    """Squared distance to the nearest documented minimum; inf without minima.

    Written out per minimum and coordinate: a reduction over a tiny axis is
    slow under vmap on the CPU (see ``optimizers.gradients.small_norm``), and
    squares spare a square root and a log per step (taken on the window only).
    """
    nearest = jnp.inf
    for i in range(minima.shape[0]):
        gap = x - minima[i]
        total = gap[0] * gap[0]
        for k in range(1, gap.shape[0]):
            total = total + gap[k] * gap[k]
        nearest = jnp.minimum(nearest, total)
    return nearest


def _note(acc: Acc, d2, t, newly, diverged, tol, floor) -> Acc:
    """The step's marks. ``d2``: the squared distance of the point proposed,
    which is where the run is unless it froze (and then nothing is marked)."""
    reached = jnp.where(
        (acc.reached < 0) & ~diverged & (d2 < tol * tol), t, acc.reached
    )
    frozen = jnp.where((acc.frozen < 0) & (newly > 0), t, acc.frozen)
    still = acc.open & (d2 >= floor * floor) & ~diverged
    last = jnp.where(still, t, acc.last)
    return Acc(reached, frozen, last, still)


def _rate(ring: jax.Array, last: jax.Array) -> jax.Array:
    """ρ: the least-squares slope of log ‖(x_t, x_{t−1}) − x*‖ over the window's
    last two thirds (see module doc); nan with fewer than three points.

    ``ring``: the squared distance of step ``t`` in row ``t % WINDOW``, for the
    last ``WINDOW`` steps up to step ``last``.
    """
    begin = jnp.maximum(last - WINDOW + 1, 1)
    low = begin + (last - begin) // 3  # the first step used
    count = last - low + 1
    # Only the steps used (at most USED) and the one before them are read:
    # the logs are the larger part of the rate's cost (bench/sweep.py).
    read = low - 1 + jnp.arange(USED + 1)
    tiny = jnp.maximum(ring[read % WINDOW], 1e-300)
    # log √(d_t² + d_{t−1}²), one log a point; the sum cannot overflow, as a
    # run freezes long before its squared distance would (stepper.FAR_OUT)
    pair = jnp.log(tiny[1:] + tiny[:-1]) / 2
    steps = read[1:]
    # The steps used are whole numbers low … last: their mean and spread are
    # known, and the slope is Σ (t − t̄) y / Σ (t − t̄)².
    centred = jnp.where(steps <= last, steps - (low + last) / 2, 0)
    spread = count * (count * count - 1) / 12
    slope = jnp.sum(centred * pair) / jnp.maximum(spread, 1)
    return jnp.where(count >= 3, jnp.exp(slope), jnp.nan)


def _cell(
    surface, optimizer, choices, batched, sparams, sign, minima, tol, steps, quiet
):
    """``(first, one)``: a cell's start ``first(start, hyper)`` and its step
    ``one(carry, acc, hyper, row)``, each giving the carry, the marks and the
    distance to the nearest minimum (traced; vmapped by ``cells``)."""
    floor = FLOOR * surface.width

    def stepper(hyper):
        return make_stepper(
            surface, optimizer, choices, hyper, sparams, sign, batched, quiet
        )

    def first(start, hyper):
        d2 = _distance2(start, minima)
        acc = Acc(jnp.int32(-1), jnp.int32(-1), jnp.int32(0), jnp.asarray(True))
        acc = _note(acc, d2, jnp.int32(0), 0.0, jnp.asarray(False), tol, floor)
        return stepper(hyper).init(start), acc, d2

    def one(carry, acc, hyper, row):
        run = stepper(hyper)
        p = run.propose(carry, row)
        d2 = _distance2(p.x, minima)
        # Steps past the count asked for (the chunk's tail) change nothing
        # that a cell returns: the point is held and nothing is marked.
        over = carry.t >= steps
        carry, moved = run.settle(carry, p, over)
        acc = _note(acc, d2, carry.t, moved.newly, carry.diverged | over, tol, floor)
        return carry, acc, d2

    return first, one


def _written(ring: jax.Array, d2: jax.Array, open_: jax.Array, at) -> jax.Array:
    """The window's ring (rows: steps, columns: cells) with step ``at``'s
    distances in row ``at % WINDOW``, for the cells whose window is open."""
    kept = jax.lax.dynamic_index_in_dim(ring, at % WINDOW, keepdims=False)
    new = jnp.where(open_, d2, kept)
    return jax.lax.dynamic_update_index_in_dim(ring, new, at % WINDOW, 0)


def cells(
    surface,
    optimizer,
    choices,
    batched: bool,
    axes: tuple,
    start,
    hyper,
    sparams,
    steps,
    normals,
    sign,
    batches,
    minima,
    tol,
    quiet,
) -> Cell:
    """A block of runs of ``steps`` updates each, reduced (traced).

    ``axes``: ``(start, hyper)`` as ``jax.vmap``'s ``in_axes``, 0 for what
    differs from cell to cell. The loop over the steps is outside the cells
    and each step is vmapped over them, so that the window is a ring of
    rows, one row a step, written in place. (A loop vmapped whole keeps a
    cell's window as a row: a step's write is then a column, a cache line a
    cell, and a per-chunk window was shifted and copied: a 256 x 256 map
    was ~15 % slower, bench/sweep.py.) ``quiet``: no cell adds noise or
    clips its gradient (the same for every cell): the steps then leave
    those out (``stepper.make``).
    """
    first, one = _cell(
        surface, optimizer, choices, batched, sparams, sign, minima, tol, steps, quiet
    )
    step_cells = jax.vmap(one, in_axes=(0, 0, axes[1], None))
    carry, acc, d2 = jax.vmap(first, in_axes=axes)(start, hyper)
    # The window: a ring of the last distances (step t in row t % WINDOW),
    # a row written each step while a cell's window is open.
    ring = jnp.zeros((WINDOW, d2.shape[0])).at[0].set(d2)
    drawn = (normals, batches) if optimizer.first_order else (None, None)

    def step(loop, xs):
        carry, acc, ring = loop
        row, at = xs  # ``at``: this update's step
        carry, acc, d2 = step_cells(carry, acc, hyper, row)
        return (carry, acc, _written(ring, d2, acc.open, at)), None

    def chunk(loop):
        index, carry, acc, ring = loop
        block = jax.tree.map(
            lambda a: jax.lax.dynamic_slice_in_dim(a, index * CHUNK, CHUNK), drawn
        )
        at = index * CHUNK + 1 + jnp.arange(CHUNK, dtype=jnp.int32)
        (carry, acc, ring), _ = jax.lax.scan(step, (carry, acc, ring), (block, at))
        return index + 1, carry, acc, ring

    _, carry, acc, ring = jax.lax.while_loop(
        lambda loop: loop[0] * CHUNK < steps, chunk, (0, carry, acc, ring)
    )
    rate = jax.vmap(_rate, in_axes=(1, 0))(ring, acc.last)
    return Cell(carry.x, carry.value, acc.reached, acc.frozen, rate)
