"""Issue 9's timings: a typed function to its first map and paths, a slider
move on it against the same move on a registry surface, and the derivative
lab's error curves; prints a table. Not a test: nothing is asserted.

python bench/calculus.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

from table import print_table

from optimizers import run
from scenes import TYPED, Run, Scene
from surfaces import get_surface, parse_expression
from surfaces.derivatives import error_curves
from viz import host_grid

ROOT = Path(__file__).resolve().parent.parent
# No background warm-up: its compiles would land in the timings.
os.environ["DESCENT_LAB_WARMUP"] = "0"
METHODS = ("gd", "momentum", "adam")


def ms(fn) -> float:
    started = time.perf_counter()
    fn()
    return 1e3 * (time.perf_counter() - started)


def median_ms(fn, repeat: int) -> float:
    fn()
    return statistics.median(ms(fn) for _ in range(repeat))


def typed_first(repeat: int) -> list[tuple]:
    """A function never seen before: parse (with the minima search), its map
    on the host, then each method's first run (which compiles)."""
    parse, grid, paths = [], [], []
    for i in range(repeat):
        text = f"(x - {i / 7:.3f})^2 + 3 (y + 0.5)^2 + sin(3x)"
        parse.append(ms(lambda t=text: parse_expression(t)))
        surface = parse_expression(text)  # cached now
        grid.append(ms(lambda s=surface: host_grid(s, 100)))
        paths.append(
            sum(ms(lambda m=m, s=surface: run(s, m, steps=200)) for m in METHODS)
        )
    return [
        (
            f"typed function: parse + minima, new text, median of {repeat} (ms)",
            statistics.median(parse),
        ),
        ("typed function: its 100x100 map on the host (ms)", statistics.median(grid)),
        (
            f"typed function: first runs of {len(METHODS)} methods, compiles (ms)",
            statistics.median(paths),
        ),
        (
            "typed function: to the first drawn map (parse + map, ms)",
            statistics.median(parse) + statistics.median(grid),
        ),
    ]


def slider_moves(repeat: int) -> list[tuple]:
    """AppTest: run 1's lr moved on a typed function and on the registry's
    Rosenbrock (the same function), one move each in turn, same process."""
    from streamlit.testing.v1 import AppTest

    runs = {f"r{i}": m for i, m in enumerate(METHODS, 1)}
    pages = {}
    for name, query in (
        ("typed", {"s": TYPED, "f": "(1-x)^2 + 100(y-x^2)^2"}),
        ("registry", {"s": "rosenbrock"}),
    ):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update(query | runs)
        at.run()
        at.select_slider(key="w.r0.lr").set_value(0.0015).run()  # warm
        pages[name] = at
    times: dict[str, list[float]] = {name: [] for name in pages}
    for i in range(repeat):
        for name, at in pages.items():
            slider = at.select_slider(key="w.r0.lr").set_value([0.001, 0.0015][i % 2])
            times[name].append(ms(slider.run))
    typed, registry = (statistics.median(times[k]) for k in ("typed", "registry"))
    return [
        (f"AppTest lr move, typed Rosenbrock, median of {repeat} (ms)", typed),
        (f"AppTest lr move, registry Rosenbrock, median of {repeat} (ms)", registry),
        ("ratio typed / registry", typed / registry, ".2f"),
    ]


def derivative_lab(repeat: int) -> list[tuple]:
    surface = get_surface("x_plus_sin")
    warm = median_ms(lambda: error_curves(surface, 2.5), repeat)
    return [("error curves, 200 h x 2 dtypes x 3 quotients, warm (ms)", warm)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    Scene(runs=(Run("gd"),)).the_surface()  # imports
    rows = typed_first(repeat) + slider_moves(repeat) + derivative_lab(repeat)
    print_table(rows, digits=".4g")


if __name__ == "__main__":
    main()
