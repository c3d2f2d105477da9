"""Load benchmark: a hall of websocket clients on one server; prints a table.
Not a test: nothing is asserted (tests/test_load.py checks 25 clients).

    python bench/load.py [--clients 10 25 50 100] [--seconds 20] [--period 2]
                         [--warm] [--pages playground trivial]

For each N, the playground (`streamlit run app.py`, default scene, run 1's lr
slider) and then the trivial page (bench/trivial_app.py: one slider, one small
st.plotly_chart) each get a fresh server: headless, on a free loopback port,
`--server.fileWatcherType none`, DESCENT_LAB_WARMUP=0 unless --warm. N clients
speaking Streamlit's protocol (bench/wsclient.py, no browser) open the page,
then each moves the slider every --period s (never before its previous move's
script_finished) for --seconds, alternating two values. The moves still in
flight when the window closes are awaited (each at most --timeout s).

Columns: clients whose first run worked, and the seconds those first runs
took; moves sent in the window; reruns/s answered, from the window's start to
the last answer; p50/p95 of send -> script_finished over the window's moves;
errors (exceptions, closed sockets, timeouts, error statuses, exception
deltas) and moves never answered; server RSS (VmRSS) at the window's start,
its peak and its end; server CPU (utime + stime) over the window, as % of one
core, and per answered rerun (window start -> last answer); the CPU this
driver used, as % of one core. Loopback only; every wait is bounded, so the
run stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import subprocess
import sys
from pathlib import Path

import serve
from wsclient import (
    LAB_VALUES,
    LAB_WIDGET,
    QUERY,
    TRIVIAL_VALUES,
    TRIVIAL_WIDGET,
    Crowd,
    crowd,
    percentile,
)

ROOT = Path(__file__).resolve().parent.parent
# page: (script, query, widget key, the two values a client alternates)
PAGES = {
    "playground": ("app.py", QUERY, LAB_WIDGET, LAB_VALUES),
    "trivial": ("bench/trivial_app.py", "", TRIVIAL_WIDGET, TRIVIAL_VALUES),
}


def start(script: str, warm: bool) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` on a free loopback port; returns when healthy."""
    return serve.start(script, env={"DESCENT_LAB_WARMUP": "1" if warm else "0"})


def stop(proc: subprocess.Popen) -> None:
    serve.stop(proc)


def measure(page: str, n: int, args: argparse.Namespace) -> Crowd:
    script, query, key, values = PAGES[page]
    proc, url = start(script, args.warm)
    try:
        return asyncio.run(
            crowd(
                url,
                key,
                values,
                query=query,
                clients=n,
                seconds=args.seconds,
                period=args.period,
                timeout=args.timeout,
                pid=proc.pid,
            )
        )
    finally:
        stop(proc)


def row(page: str, c: Crowd) -> list[str]:
    lat = c.latencies
    errors = sum(c.errors.values())
    why = ", ".join(f"{k}: {v}" for k, v in sorted(c.errors.items()))
    rss = c.rss_mb or [math.nan]
    return [
        page,
        f"{c.clients}",
        f"{c.opened}",
        f"{c.setup_s:.1f}",
        f"{c.sent}",
        f"{c.throughput:.2f}",
        f"{percentile(lat, 50):.0f}",
        f"{percentile(lat, 95):.0f}",
        f"{errors}" + (f" ({why})" if why else ""),
        f"{c.unanswered}",
        f"{rss[0]:.0f} / {max(rss):.0f} / {rss[-1]:.0f}",
        f"{100 * c.cpu_window_ms / (1e3 * c.seconds):.0f}",
        f"{c.cpu_per_rerun_ms:.0f}",
        f"{100 * c.driver_cpu_ms / (1e3 * c.seconds):.0f}",
    ]


HEAD = [
    "page",
    "clients",
    "opened",
    "setup s",
    "moves",
    "reruns/s",
    "p50 ms",
    "p95 ms",
    "errors",
    "unanswered",
    "RSS MB start / peak / end",
    "server CPU %",
    "CPU ms / rerun",
    "driver CPU %",
]


def print_wide(rows: list[list[str]]) -> None:
    """A Markdown table, the page left, numbers right (table.py has 2 columns)."""
    width = [max(len(r[i]) for r in [HEAD, *rows]) for i in range(len(HEAD))]

    def line(cells: list[str]) -> None:
        print("| " + " | ".join(cells) + " |")

    line([h.ljust(w) for h, w in zip(HEAD, width, strict=True)])
    line([":" + "-" * (width[0] - 1)] + ["-" * (w - 1) + ":" for w in width[1:]])
    for r in rows:
        cells = [v.rjust(w) for v, w in zip(r, width, strict=True)]
        line([r[0].ljust(width[0]), *cells[1:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--period", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="per rerun, s")
    parser.add_argument("--warm", action="store_true", help="background warm-up on")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    args = parser.parse_args()
    if min(args.clients) < 1 or args.seconds <= 0 or args.period <= 0:
        parser.error("--clients, --seconds and --period must be positive")
    rows = []
    for n in args.clients:
        for page in args.pages:
            c = measure(page, n, args)
            rows.append(row(page, c))
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)  # progress
    print(
        f"\n{args.seconds:g} s window, a move every {args.period:g} s per client, "
        f"warm-up {'on' if args.warm else 'off'}, {os.cpu_count()} cores\n"
    )
    print_wide(rows)


if __name__ == "__main__":
    main()
