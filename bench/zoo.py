"""Every optimizer: first compile and warm 500-step run, 2-D; prints a table.

python bench/zoo.py          (not a test: nothing is asserted)

Issue 4's targets: warm run of any method x 500 steps under 5 ms, first
compile of a (surface, optimizer) pair under 1.5 s.
"""

from __future__ import annotations

import statistics
import time

from table import print_table

from optimizers import OPTIMIZERS, run, run_fan

SURFACE, START, STEPS = "rosenbrock", (-1.2, 1.0), 500


def median_ms(fn, repeat: int = 30) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def settings(key: str) -> dict:
    # Small steps for the first-order methods, so that the runs do not
    # diverge (a frozen run would be cheaper than a real one).
    lr = {h.key: h for h in OPTIMIZERS[key].hyperparams}.get("lr")
    if lr is None or OPTIMIZERS[key].family != "first_order":
        return {}
    return {"lr": max(lr.low, min(lr.default, 1e-3))}


def main() -> None:
    rows = []
    for key in OPTIMIZERS:
        hyper = settings(key)
        t = time.perf_counter()
        run(SURFACE, key, start=START, steps=STEPS, **hyper)
        compile_ms = 1e3 * (time.perf_counter() - t)
        warm = median_ms(lambda k=key, h=hyper: run(SURFACE, k, START, STEPS, **h))
        rows.append((f"{key}: first compile (ms)", compile_ms))
        rows.append((f"{key}: warm, {STEPS} steps (ms)", warm))
    fan = {"start": (1.5, 0.0), "steps": STEPS, "lr": 0.05, "noise": 0.1}
    run_fan("saddle", "gd", range(8), **fan)
    rows.append(
        (
            "gd fan of 8 seeds x 500 steps, saddle, warm (ms)",
            median_ms(lambda: run_fan("saddle", "gd", range(8), **fan)),
        )
    )
    print_table(rows)


if __name__ == "__main__":
    main()
