"""Memory of a long-lived server: RSS while every (surface, optimizer) pair of the
registry compiles; prints a table. Not a test: nothing is asserted.

python bench/memory.py [--bound 96] [--sample N] [--passes 2]

Each pass visits every pair once (default choices, a few steps: the compile is
what costs memory), in a fixed shuffled order; the second pass visits them
again, long after their runners were evicted. Issue 12's target: RSS after all
pairs at most 1 GB, and no growth from one pass to the next. ``--sample N``
visits N random pairs instead (at least 3x the bound makes the LRU evict).
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import timeit

from table import print_table

from optimizers import OPTIMIZERS, run
from optimizers.compiled import RUNNER_BOUND, RUNNERS, live_runners, set_runner_bound
from surfaces import SURFACES
from ui import heap

STEPS = 20


def status_mb(field: str) -> float:
    """A field of /proc/self/status (VmRSS: now, VmHWM: peak), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def tour(pairs: list[tuple[str, str]], rows: list[tuple], name: str) -> None:
    errors, t = 0, time.perf_counter()
    checkpoints = {len(pairs) // 4 * k for k in (1, 2, 3)}
    for i, (surface, method) in enumerate(pairs, 1):
        try:
            run(surface, method, steps=STEPS)
        except Exception as error:  # a broken pair is reported, not fatal
            errors += 1
            print(f"{surface} x {method}: {error!r}")
        heap.settle()
        if i in checkpoints:
            rows.append(
                (f"{name}: RSS after {i} pairs (MB)", status_mb("VmRSS"), ".0f")
            )
    seconds = time.perf_counter() - t
    rows += [
        (f"{name}: RSS after all {len(pairs)} pairs (MB)", status_mb("VmRSS"), ".0f"),
        (f"{name}: seconds", seconds, ".0f"),
        (f"{name}: errors", errors, "d"),
        (f"{name}: live runners", live_runners(), "d"),
    ]


def lookup_us() -> float:
    """The LRU lookup a warm run pays (a hit), in microseconds."""
    key = next(reversed(RUNNERS._runners))
    number = 100_000
    best = min(timeit.repeat(lambda: RUNNERS.get(key, None), number=number, repeat=5))
    return 1e6 * best / number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=int, default=RUNNER_BOUND)
    parser.add_argument("--sample", type=int, default=0, help="random pairs only")
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()
    set_runner_bound(args.bound)

    pairs = [(s, o) for s in SURFACES for o in OPTIMIZERS]
    random.Random(12).shuffle(pairs)
    if args.sample:
        pairs = pairs[: args.sample]
    run("valley", "gd", steps=STEPS)  # imports, helpers and one runner
    rows: list[tuple] = [
        ("runner bound", args.bound, "d"),
        ("pairs per pass", len(pairs), "d"),
        ("RSS after one run (MB)", status_mb("VmRSS"), ".0f"),
    ]
    for n in range(1, args.passes + 1):
        tour(pairs, rows, f"pass {n}")
    warm = min(timeit.repeat(lambda: run("valley", "gd", steps=STEPS), number=200))
    rows += [
        ("peak RSS (MB)", status_mb("VmHWM"), ".0f"),
        ("objects frozen at the last settle", gc.get_freeze_count(), "d"),
        ("runners built / evicted", f"{RUNNERS.built} / {RUNNERS.evicted}", "s"),
        ("LRU lookup per run (µs)", lookup_us(), ".2f"),
        ("warm run, 20 steps, lookup included (µs)", 1e6 * warm / 200, ".0f"),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
