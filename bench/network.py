"""Issue 10's timings for the small MLP: a 51 x 51 loss-landscape slice (first
call, warm call, peak memory), training (first call, warm call) and the
smaller views; prints a table. Not a test: nothing is asserted.

python bench/network.py [--repeat 5]

The landscape is Li et al.'s plane through a 2x32 tanh net (1 185
parameters) on 1 000 moons points: four seeded draws of 250 stacked
(``datasets.N_MAX`` is 256). Peak memory is measured in a fresh child
process from /proc/self/status: the high-water mark VmHWM is reset (write
"5" to /proc/self/clear_refs) just before the call, and the row is VmHWM
after it minus VmRSS before it, so it counts what XLA allocates outside
Python's heap (tracemalloc sees none of it). The first call's row includes
its compile; "unchunked" evaluates the whole grid in one vmap, for contrast.
Targets (issue 10): warm slice < 1 s, warm 2 000-step training < 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # surfaces/ is not an installed package

import numpy as np  # noqa: E402

import surfaces  # noqa: E402, F401  # XLA flags before JAX starts
from surfaces.datasets import classification, standardize  # noqa: E402
from surfaces.network import (  # noqa: E402
    Architecture,
    data_box,
    flatten,
    init_params,
    landscape,
    split_data,
)
from surfaces.network.boundary import probability_grid  # noqa: E402
from surfaces.network.pca import path_plane  # noqa: E402
from surfaces.network.train import train  # noqa: E402

LANDSCAPE_ARCH = Architecture((32, 32))
TRAIN_ARCH = Architecture((16, 16))
AXIS = np.linspace(-1.0, 1.0, 51)


def thousand_points() -> tuple[np.ndarray, np.ndarray]:
    draws = [classification("moons", 250, 0.15, seed) for seed in range(4)]
    X = standardize(np.concatenate([d[0] for d in draws]))
    return X, np.concatenate([d[1] for d in draws])


def moons_split():
    X, y = classification("moons", 256, 0.15, 0)
    return split_data(standardize(X), y, 0.25, 0)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(fn) -> tuple[float, float]:
    """Wall-clock and process CPU seconds of ``fn()`` (CPU: all threads)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    fn()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def first_and_warm(fn, repeat: int) -> tuple[float, float, float]:
    """First call (wall), then the median wall and CPU time of warm calls."""
    first = timed(lambda: fn(0))[0]
    warm = [timed(lambda i=i: fn(i)) for i in range(1, repeat + 1)]
    return (
        first,
        statistics.median(w for w, _ in warm),
        statistics.median(c for _, c in warm),
    )


def slice_call():
    """A plane slice through a random net: ``call(i)`` moves the grid a little
    (a slider move: traced, no compile)."""
    X, y = thousand_points()
    theta = np.asarray(flatten(init_params(LANDSCAPE_ARCH, "glorot_normal", 0)))
    d1, d2 = landscape.directions(LANDSCAPE_ARCH, theta, 0)

    def call(i: int) -> np.ndarray:
        scale = 1.0 + 0.01 * i
        return landscape.plane(LANDSCAPE_ARCH, X, y, theta, d1, d2, scale * AXIS, AXIS)

    return call


def status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def peak_mb(fn) -> tuple[float, float]:
    """(VmRSS before, VmHWM after minus VmRSS before) around ``fn()``, with
    the high-water mark reset first."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    before = status_mb("VmRSS")
    fn()
    return before, status_mb("VmHWM") - before


def child(unchunked: bool) -> None:
    """Run in a fresh process: memory around the first call (compile and
    run) and a warm call. XLA keeps its buffers, so a warm call mostly
    reuses what the first one allocated."""
    if unchunked:
        landscape.ACTIVATION_BYTES = 2**62  # the whole grid in one chunk
        landscape.BLOCKS = {**landscape.BLOCKS, 2: AXIS.size**2}  # of one block
    call = slice_call()
    before, first = peak_mb(lambda: call(0))
    _, warm = peak_mb(lambda: call(1))
    print(json.dumps({"before": before, "first": first, "warm": warm}))


def memory_rows() -> list[tuple]:
    rows = []
    for unchunked in (False, True):
        args = [sys.executable, __file__, "--child"] + ["--unchunked"] * unchunked
        out = subprocess.run(args, capture_output=True, text=True, check=True)
        peak = json.loads(out.stdout.strip().splitlines()[-1])
        name = "one vmap of the whole grid" if unchunked else "chunked"
        if not unchunked:
            rows.append(
                ("slice, child process: RSS before the first call (MB)", peak["before"])
            )
        rows += [
            (f"slice, {name}: peak RSS growth, first call + compile (MB)",
             peak["first"]),
            (f"slice, {name}: peak RSS growth, warm call (MB)", peak["warm"]),
        ]  # fmt: skip
    return rows


def landscape_rows(repeat: int) -> list[tuple]:
    first, wall, cpu = first_and_warm(slice_call(), repeat)
    chunk = landscape.chunk_size(LANDSCAPE_ARCH, 1024, landscape.BLOCKS[2])
    return [
        (f"slice 51x51, 2x32 tanh ({LANDSCAPE_ARCH.n_params} params), 1 000 "
         "points: first call (s)", first),
        (f"slice 51x51: warm, median of {repeat}, wall (s)", wall),
        ("slice 51x51: warm, process CPU time, all threads (s)", cpu),
        ("slice 51x51: grid points per vmapped chunk", chunk, "d"),
    ]  # fmt: skip


def training_rows(repeat: int) -> list[tuple]:
    split = moons_split()

    def adam(i: int):
        return train(split, "adam", arch=TRAIN_ARCH, steps=2000, batch_size=32,
                     lr=0.01 * (1 + 0.01 * i), seed=i)  # fmt: skip

    def full_gd(i: int):
        return train(split, "gd", arch=TRAIN_ARCH, steps=2000, batch_size=0,
                     lr=0.1 + 0.001 * i)  # fmt: skip

    first, wall, cpu = first_and_warm(adam, repeat)
    gd_first, gd_wall, gd_cpu = first_and_warm(full_gd, repeat)
    history = adam(0)
    return [
        ("train 2 000 steps, adam, K=32, 16x16 tanh, 192 + 64 points: "
         "first call (s)", first),
        (f"train 2 000 steps, adam, K=32: warm, median of {repeat}, wall (s)",
         wall),
        ("train 2 000 steps, adam, K=32: warm, process CPU time (s)", cpu),
        ("train 2 000 steps, gd, full batch: first call (s)", gd_first),
        ("train 2 000 steps, gd, full batch: warm, wall (s)", gd_wall),
        ("train 2 000 steps, gd, full batch: warm, process CPU time (s)", gd_cpu),
        ("train: final training accuracy of the adam run", history.train_acc[-1],
         ".3f"),
        *view_rows(split, history, repeat),
    ]  # fmt: skip


def view_rows(split, history, repeat: int) -> list[tuple]:
    arch, X, y = TRAIN_ARCH, split.X_train, split.y_train
    ts = np.linspace(-0.5, 1.5, 201)
    theta0 = history.snapshots[0]
    views = {
        "interpolation theta0 -> theta1, 201 t": lambda i: landscape.interpolation(
            arch, X, y, theta0, history.final, ts + 0.01 * i
        ),
        "PCA of the path (501 x 337) + its 51x51 plane": lambda i: path_plane(
            arch, X, y, history.snapshots, history.final, 51, 0.2 + 0.01 * i
        ),
        "decision boundary, 100x100 grid": lambda i: probability_grid(
            arch, history.snapshots[i], data_box(X), 100
        ),
    }
    rows = []
    for name, fn in views.items():
        first, wall, _ = first_and_warm(fn, repeat)
        rows += [(f"{name}: first call (ms)", 1e3 * first),
                 (f"{name}: warm, wall (ms)", 1e3 * wall)]  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--unchunked", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.unchunked)
        return
    load = os.getloadavg()[0]
    rows = landscape_rows(args.repeat) + memory_rows() + training_rows(args.repeat)
    print(f"{os.cpu_count()} cores; load average {load:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")  # fmt: skip
    print_table(rows, digits=".3g")


if __name__ == "__main__":
    main()
