"""Hyperparameter maps and basins (optimizers.sweep); prints a table.

    python bench/sweep.py

A 256 × 256 map of momentum on Rosenbrock (lr × momentum, 500 steps): the
first call (compile) and warm calls, against vectorised NumPy in the same
run, twice: doing the same work (bench/sweep_numpy.py: the same update,
divergence rule, marks and measured rate; tests/test_sweep_numpy.py checks
it gives the same map; the two are timed in turn, round by round), and
doing only the update and the freeze, which is less than the library does.
Also its peak memory, measured in a fresh child process (VmHWM reset through
/proc/self/clear_refs before the call); basins of Himmelblau, 128 × 128
starts × 500 steps of GD; and the slowest first map of any method in the
registry. Not a test: nothing is asserted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from sweep_numpy import momentum_map  # noqa: E402

from optimizers.sweep import basins, sweep  # noqa: E402

LRS = np.geomspace(1e-5, 5e-3, 256)
MUS = np.linspace(0.0, 0.99, 256)
START = (-1.5, 2.0)
STEPS = 500
ROUNDS = 7  # map and NumPy timed in turn


def rosenbrock_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return -2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)


def same_work():
    return momentum_map(LRS, MUS, START, STEPS)


def update_only() -> np.ndarray:
    """The 65 536 runs' update and freeze alone, vectorised in NumPy:
    v ← μv + g, x ← x − αv, frozen once non-finite or far out; no value,
    no marks, no rate. Returns the final f."""
    lr, mu = (a.ravel() for a in np.meshgrid(LRS, MUS, indexing="ij"))
    x = np.full(lr.shape, START[0])
    y = np.full(lr.shape, START[1])
    vx, vy = np.zeros_like(x), np.zeros_like(y)
    frozen = np.zeros(lr.shape, bool)
    with np.errstate(all="ignore"):
        for _ in range(STEPS):
            gx, gy = rosenbrock_grad(x, y)
            vx, vy = mu * vx + gx, mu * vy + gy
            nx, ny = x - lr * vx, y - lr * vy
            bad = ~np.isfinite(nx) | ~np.isfinite(ny) | (np.abs(nx) > 4e3)
            frozen |= bad
            x, y = np.where(frozen, x, nx), np.where(frozen, y, ny)
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2


@jax.jit
def _bare(lr: jax.Array, mu: jax.Array) -> jax.Array:
    def one(lr, mu):
        def step(carry, _):
            x, y, vx, vy = carry
            gx, gy = rosenbrock_grad(x, y)
            vx, vy = mu * vx + gx, mu * vy + gy
            return (x - lr * vx, y - lr * vy, vx, vy), None

        zero = jnp.zeros(())
        start = (zero + START[0], zero + START[1], zero, zero)
        (x, y, _, _), _ = jax.lax.scan(step, start, None, length=STEPS)
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2

    return jax.vmap(one)(lr, mu)


def bare_map() -> np.ndarray:
    """The bare update alone (no divergence rule, no marks), vmapped in JAX on
    one device: what the generic runner's bookkeeping costs, by difference."""
    lr, mu = (a.ravel() for a in np.meshgrid(LRS, MUS, indexing="ij"))
    return np.asarray(_bare(lr, mu))


def the_map():
    return sweep(
        "rosenbrock",
        "momentum",
        start=START,
        steps=STEPS,
        axes={"lr": LRS, "momentum": MUS},
    )


def timed(fn, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def first_maps() -> tuple[str, float]:
    """The slowest first map (compile and run, 200 steps on Himmelblau, 16
    values per axis) over every method of the registry with a numeric
    setting, its first two (or one) as the axes, as the page's map does."""
    from optimizers import OPTIMIZERS

    times = {}
    for key, opt in OPTIMIZERS.items():
        own = [h for h in opt.hyperparams if not h.integer and h.key != "seed"]
        if not own:
            continue
        axes = {
            h.key: np.linspace(float(h.default) / 2, float(h.default), 16)
            for h in own[:2]
        }
        t = time.perf_counter()
        sweep("himmelblau", key, steps=200, axes=axes)
        times[key] = time.perf_counter() - t
    slowest = max(times, key=times.get)
    return slowest, times[slowest]


def paired(ours, theirs, rounds: int) -> tuple[float, float, float]:
    """Medians of ``ours`` and ``theirs`` timed in turn, and the median of the
    rounds' ratios theirs / ours: a slow spell of the shared machine then
    slows both sides of a ratio, not one."""
    a, b = [], []
    for _ in range(rounds):
        a.append(timed(ours))
        b.append(timed(theirs))
    ratios = [y / x for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


PEAK = """
import sys; sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import sweep as bench
def rss(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
before = rss("VmRSS")
open("/proc/self/clear_refs", "w").write("5")
bench.the_map()
first = rss("VmHWM") - before
open("/proc/self/clear_refs", "w").write("5")
warm_before = rss("VmRSS")
bench.the_map()
print(first, rss("VmHWM") - warm_before)
"""


def peak_memory() -> tuple[float, float]:
    code = PEAK.format(root=str(ROOT), bench=str(ROOT / "bench"))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    first, warm = out.stdout.split()[-2:]
    return float(first), float(warm)


def main() -> None:
    first = timed(the_map)
    # NumPy warm too: its first call pays for fresh memory (2 s against 0.8).
    same_work()
    warm, reference, speedup = paired(the_map, same_work, ROUNDS)
    lean = timed(update_only, repeat=3)
    bare_map()
    bare = timed(bare_map, repeat=5)
    m, theirs = the_map(), same_work()
    kept = m.outcome >= 0  # cells that did not diverge
    gap = np.abs(m.final_values - theirs.final_values)
    agree = np.nanmax(gap[kept] / np.maximum(1.0, np.abs(theirs.final_values[kept])))
    marks = np.mean(
        (m.reached_at == theirs.reached_at) & (m.diverged_at == theirs.diverged_at)
    )
    first_b = timed(lambda: basins("himmelblau", "gd", 128, STEPS, lr=0.01))
    warm_b = timed(lambda: basins("himmelblau", "gd", 128, STEPS, lr=0.01), 5)
    grown_first, grown_warm = peak_memory()
    slowest, slowest_first = first_maps()
    print_table(
        [
            ("map 256 x 256 x 500 momentum, Rosenbrock: first call (s)", first),
            (f"map: warm, median of {ROUNDS} (s) (target < 0.5)", warm),
            (f"the same work in vectorised NumPy, median of {ROUNDS} (s)", reference),
            (
                "speed-up over NumPy, same work, median of the rounds' ratios "
                "(target >= 10)",
                speedup,
                ".1f",
            ),
            ("NumPy doing only the update and the freeze, median of 3 (s)", lean),
            ("speed-up over that (less work than the map)", lean / warm, ".1f"),
            ("the bare update alone, vmapped JAX scan, warm (s)", bare),
            (
                "largest relative difference of final f from NumPy's, "
                f"{int(kept.sum())} cells that did not diverge",
                agree,
                ".1e",
            ),
            ("cells whose two marks equal NumPy's (fraction)", marks, ".4f"),
            ("map, child process: peak RSS growth, first call (MB)", grown_first),
            (
                "map, child process: peak RSS growth, warm call (MB) (target < 500)",
                grown_warm,
            ),
            ("basins 128 x 128 x 500 GD, Himmelblau: first call (s)", first_b),
            ("basins: warm, median of 5 (s) (target < 0.5)", warm_b),
            (
                f"slowest first map over the registry, 16 per axis ({slowest}) "
                "(s) (target < 2)",
                slowest_first,
            ),
        ]
    )


if __name__ == "__main__":
    main()
