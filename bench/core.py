"""Runner, figure and server benchmarks; prints a table. Not a test: nothing is
asserted.

python bench/core.py [--moves 30]

The last rows drive two real servers (app.py and bench/trivial_app.py) over
Streamlit's websocket protocol, without a browser, and compare the server CPU
one slider rerun costs on each (NOTES.md, "Driving the server").
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
from table import print_table
from wsclient import (
    LAB_VALUES,
    LAB_WIDGET,
    QUERY,
    TRIVIAL_VALUES,
    TRIVIAL_WIDGET,
    Client,
    cpu_ms,
)

from optimizers import run
from surfaces import get_surface

ROOT = Path(__file__).resolve().parent.parent

FOUR = {
    "gd": {"lr": 1e-3},
    "momentum": {"lr": 1e-4, "momentum": 0.9},
    "nesterov": {"lr": 1e-4, "momentum": 0.9},
    "adam": {"lr": 1e-2},
}
STEPS = 500
START = (-1.2, 1.0)


def median_ms(fn, repeat: int = 50) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1e3 * statistics.median(times)


def ours() -> None:
    for key, hyper in FOUR.items():
        run("rosenbrock", key, start=START, steps=STEPS, **hyper)


def rosenbrock_grad(x: np.ndarray) -> np.ndarray:
    return np.array(
        [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)]
    )


def numpy_loop() -> None:
    for key, h in FOUR.items():
        x, v, m, s = np.array(START), np.zeros(2), np.zeros(2), np.zeros(2)
        for t in range(1, STEPS + 1):
            g = rosenbrock_grad(x)
            if key == "gd":
                x = x - h["lr"] * g
            elif key in ("momentum", "nesterov"):
                v = h["momentum"] * v + g
                step = g + h["momentum"] * v if key == "nesterov" else v
                x = x - h["lr"] * step
            else:
                m = 0.9 * m + 0.1 * g
                s = 0.999 * s + 0.001 * g * g
                mh, sh = m / (1 - 0.9**t), s / (1 - 0.999**t)
                x = x - h["lr"] * mh / (np.sqrt(sh) + 1e-8)


def optax_runner():
    import optax

    f = get_surface("rosenbrock").f
    txs = {
        "gd": optax.sgd(1e-3),
        "momentum": optax.sgd(1e-4, momentum=0.9),
        "nesterov": optax.sgd(1e-4, momentum=0.9, nesterov=True),
        "adam": optax.adam(1e-2),
    }

    def make(tx):
        @jax.jit
        def go(x0):
            def step(carry, _):
                x, state = carry
                u, state = tx.update(jax.grad(f)(x), state, x)
                x = optax.apply_updates(x, u)
                return (x, state), x

            return jax.lax.scan(step, (x0, tx.init(x0)), length=STEPS)[1]

        return go

    fns = [make(tx) for tx in txs.values()]
    x0 = jnp.asarray(START)

    def all_four() -> None:
        for fn in fns:
            np.asarray(fn(x0))

    return all_four


def first_compiles() -> list[tuple[str, float]]:
    out = []
    for surface, key in [
        ("beale", "gd"),
        ("ackley", "adam"),
        ("goldstein_price", "rmsprop"),
    ]:
        t = time.perf_counter()
        run(surface, key, steps=10)
        out.append(
            (f"first compile {surface} x {key} (ms)", 1e3 * (time.perf_counter() - t))
        )
    return out


def figure_build() -> list[tuple[str, float]]:
    from viz import Path as VPath
    from viz import (
        color_for,
        contour_spec,
        loss_spec,
        surface_grid,
        surface_spec,
        to_json,
    )

    s = get_surface("valley")
    keys = ("gd", "momentum", "nesterov", "adam")
    paths = [
        VPath(k, color_for(i), t.points, t.values)
        for i, k in enumerate(keys)
        for t in [run("valley", k, steps=500)]
    ]
    g2, g3 = surface_grid(s, n=100), surface_grid(s, n=60)
    specs = (
        contour_spec(s, g2, paths, s.start, 500),
        surface_spec(s, g3, paths, 500),
        loss_spec(s, paths),
    )
    return [
        (
            "contour figure build + JSON, 4 paths x 500 steps (ms)",
            median_ms(lambda: to_json(contour_spec(s, g2, paths, s.start, 500)), 20),
        ),
        (
            "3-D figure build + JSON (ms)",
            median_ms(lambda: to_json(surface_spec(s, g3, paths, 500)), 20),
        ),
        (
            "full figure JSON, 2-D + 3-D + loss (KB)",
            sum(len(to_json(f)) for f in specs) / 1e3,
        ),
    ]


def playground_reruns() -> list[tuple[str, float]]:
    """Server side of a slider move: one AppTest rerun of the playground
    (default scene: run 1 is GD at lr 0.05)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    values = [0.07, 0.05, 0.03, 0.05]

    def move(i: int) -> float:
        t = time.perf_counter()
        at.select_slider(key="w.r0.lr").set_value(values[i % 4]).run()
        return 1e3 * (time.perf_counter() - t)

    for i in range(3):
        move(i)
    rows = [
        (
            "playground rerun after a slider move, AppTest (ms)",
            statistics.median(move(i) for i in range(20)),
        )
    ]
    at.toggle(key="w.show_3d").set_value(True).run()
    first = sum(len(el.proto.json) for el in at.get("bidi_component"))
    rows.append(("payload when the 3-D view is switched on (KB)", first / 1e3))
    rows.append(
        (
            "playground rerun with the 3-D view, AppTest (ms)",
            statistics.median(move(i) for i in range(10)),
        )
    )
    update = sum(len(el.proto.json) for el in at.get("bidi_component"))
    rows.append(
        ("update payload after a slider move, 2-D + 3-D + loss (KB)", update / 1e3)
    )
    return rows


async def drive(
    url: str, pid: int, query: str, key: str, values: tuple, moves: int
) -> tuple[float, float, float]:
    """One client (bench/wsclient.py): the page, then ``moves`` slider moves,
    each sent as the browser sends it and awaited until the script (or
    fragment) finishes.

    Returns server CPU per move, and the medians of send -> first delta and
    send -> finished (ms)."""
    client = Client(url, key=key, query=query)
    try:
        if await client.open() is None:
            raise RuntimeError(f"first run failed on {url}: {dict(client.errors)}")
        for i in range(3):  # warm-up: compiles, caches
            await client.move(values[i % 2])
        before = cpu_ms(pid)
        moved = [await client.move(values[i % 2]) for i in range(moves)]
        used = cpu_ms(pid) - before
    finally:
        await client.close()
    if client.errors:
        raise RuntimeError(f"errors on {url}: {dict(client.errors)}")
    return (
        used / moves,
        statistics.median(m.first_delta_ms for m in moved),
        statistics.median(m.latency_ms for m in moved),
    )


def server_cpu(moves: int) -> list[tuple]:
    """Server CPU per slider rerun: the playground against the trivial page."""
    from serve import start, stop

    # No background warm-up: its compiles would be counted as the moves' CPU.
    lab, lab_url = start("app.py", env={"DESCENT_LAB_WARMUP": "0"})
    trivial, trivial_url = start("bench/trivial_app.py")
    try:
        a = asyncio.run(drive(lab_url, lab.pid, QUERY, LAB_WIDGET, LAB_VALUES, moves))
        b = asyncio.run(
            drive(trivial_url, trivial.pid, "", TRIVIAL_WIDGET, TRIVIAL_VALUES, moves)
        )
    finally:
        for proc in (lab, trivial):
            stop(proc)
    return [
        (f"server CPU per lr move, playground, {moves} moves (ms)", a[0]),
        (f"server CPU per slider move, trivial page, {moves} moves (ms)", b[0]),
        ("ratio server CPU playground / trivial", a[0] / b[0], ".2f"),
        ("lr move: send -> first delta, playground, median (ms)", a[1]),
        ("lr move: send -> script finished, playground, median (ms)", a[2]),
        ("slider move: send -> first delta, trivial, median (ms)", b[1]),
        ("slider move: send -> script finished, trivial, median (ms)", b[2]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=30)
    moves = parser.parse_args().moves
    rows = first_compiles()
    mine = median_ms(ours, 200)
    rows.append(("warm run, 4 optimizers x 500 steps (ms)", mine))
    numpy_ms = median_ms(numpy_loop, 10)
    rows.append(("plain NumPy loop, same 4 x 500 (ms)", numpy_ms))
    optax_ms = median_ms(optax_runner(), 100)
    rows.append(("optax + jit scan, same 4 x 500 (ms)", optax_ms))
    rows.append(("ratio NumPy / ours", numpy_ms / mine))
    rows.append(("ratio optax+jit / ours", optax_ms / mine))
    rows += figure_build()
    rows += playground_reruns()
    rows += server_cpu(moves)
    print_table(rows)


if __name__ == "__main__":
    main()
