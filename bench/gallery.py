"""Opening a lesson after the server's warm-up, against a cold server; prints a
table. Not a test: nothing is asserted.

python bench/gallery.py [--repeat 3]

Each lesson is opened as a student opens a shared lesson link: a new session
over Streamlit's websocket protocol (bench/wsclient.py), timed from the first
message to the run's script_finished (the server's whole answer; the browser's
paint follows, bench/browser.py). A warm server has finished its warm-up
(ui/warmup.py prints when); a cold one runs with the warm-up off and an empty
JAX cache, so each lesson's first open compiles.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from serve import start, stop
from table import print_grid
from wsclient import Client

from scenes import GALLERY
from ui.state import W_STEPS
from ui.warmup import DONE

TARGET_MS = 300.0  # issue 12: a warmed lesson repaints within this


def wait_for_line(log: Path, text: str, timeout: float = 600.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if text in line:
                return line
        time.sleep(0.5)
    raise RuntimeError(f"no {text!r} in the server's output within {timeout:g} s")


async def open_ms(url: str, query: str) -> float:
    """One new session on ``query``: first message -> script_finished (ms)."""
    client = Client(url, key=W_STEPS, query=query)
    try:
        run = await client.open()
        if run is None or run.latency_ms is None:
            raise RuntimeError(f"{query}: {dict(client.errors)}")
        return run.latency_ms
    finally:
        await client.close()


def lesson_times(url: str, repeat: int) -> dict[str, list[float]]:
    # The server's very first session pays once for what every page shares
    # (its modules, the chart component): not a lesson's cost.
    asyncio.run(open_ms(url, ""))
    times: dict[str, list[float]] = {}
    for key, lesson in GALLERY.items():
        query = "&".join(f"{k}={v}" for k, v in lesson.scene.to_query().items())
        times[key] = [asyncio.run(open_ms(url, query)) for _ in range(repeat)]
    return times


def serve_once(warm: bool, repeat: int) -> tuple[dict[str, list[float]], str]:
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        env = {"DESCENT_LAB_WARMUP": "1" if warm else "0"}
        if not warm:  # an empty JAX cache: nothing loads from disk either
            env["XDG_CACHE_HOME"] = tmp
        with log.open("w") as out:
            proc, url = start("app.py", env=env, output=out)
            try:
                done = wait_for_line(log, DONE) if warm else "(warm-up off)"
                return lesson_times(url, repeat), done.strip()
            finally:
                stop(proc)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    warm, done = serve_once(True, repeat)
    cold, _ = serve_once(False, 1)
    rows: list[tuple] = []
    for key in GALLERY:
        first, again = warm[key][0], statistics.median(warm[key])
        rows.append((key, cold[key][0], first, again))
    worst = max(r[2] for r in rows)
    print(done)
    header = ("lesson", "cold: first open", "warm: first open", "warm: median")
    print_grid(header, rows)
    print(
        f"warm first opens: worst {worst:.0f} ms, median "
        f"{statistics.median(r[2] for r in rows):.0f} ms "
        f"(target <= {TARGET_MS:.0f} ms); CPU count {os.cpu_count()}"
    )


if __name__ == "__main__":
    main()
