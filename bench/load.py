"""Load benchmark: a hall of websocket clients on one server, or on R replicas
behind nginx; prints a table. Not a test: nothing is asserted
(tests/test_load.py checks 25 clients).

    python bench/load.py [--clients 10 25 50 100] [--seconds 20] [--period 2]
                         [--warm] [--pages playground trivial] [--replicas 0 1 2]

For each N, the playground (`streamlit run server.py`, i.e. app.py, default
scene, run 1's lr slider) and then the trivial page (bench/trivial_app.py: one
slider, one small st.plotly_chart) each get a fresh server: headless, on a
free loopback port, `--server.fileWatcherType none`, DESCENT_LAB_WARMUP=0
unless --warm. With --replicas R > 0 they get a fresh hall instead: R such
servers behind nginx (hall.py, as `python3 lab.py run --replicas R` starts
them, one per core), the clients connecting to the proxy (without a cookie,
so nginx deals them round robin); R = 0 is one server, no proxy. N clients
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
core, and per answered rerun (window start -> last answer), summed over the
replicas; nginx's CPU (master + worker) per answered rerun; the CPU this driver
used, as % of one core. Loopback only; every wait is bounded, so the run
stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import subprocess
import sys
from collections.abc import Iterator
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
Servers = tuple[str, list[int], list[int]]  # url, server pids, nginx pids
# page: (script, query, widget key, the two values a client alternates)
PAGES = {
    "playground": ("app.py", QUERY, LAB_WIDGET, LAB_VALUES),
    "trivial": ("bench/trivial_app.py", "", TRIVIAL_WIDGET, TRIVIAL_VALUES),
}


@contextlib.contextmanager
def servers(script: str, replicas: int, warm: bool) -> Iterator[Servers]:
    """One server (replicas 0) or a hall of ``replicas`` behind nginx, on free
    loopback ports; yields (url, server pids, nginx pids); stops them after."""
    env = {"DESCENT_LAB_WARMUP": "1" if warm else "0"}
    if replicas == 0:
        proc, url = serve.start(script, env=env)
        try:
            yield url, [proc.pid], []
        finally:
            serve.stop(proc)
        return
    if script != "app.py":
        raise ValueError("a hall serves app.py only")
    h = serve.start_hall(replicas, env=env)
    try:
        assert h.nginx is not None
        yield h.url, [p.pid for p in h.replicas], [h.nginx.pid, *children(h.nginx)]
    finally:
        serve.stop_hall(h)


def children(proc: subprocess.Popen) -> list[int]:
    """nginx's worker processes (children of its master)."""
    text = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text()
    return [int(pid) for pid in text.split()]


def measure(page: str, replicas: int, n: int, args: argparse.Namespace) -> Crowd:
    script, query, key, values = PAGES[page]
    with servers(script, replicas, args.warm) as (url, pids, proxy):
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
                pid=pids,
                proxy=proxy,
            )
        )


def where(replicas: int) -> str:
    return "1 server" if replicas == 0 else f"{replicas} behind nginx"


def row(page: str, replicas: int, c: Crowd) -> list[str]:
    lat = c.latencies
    errors = sum(c.errors.values())
    why = ", ".join(f"{k}: {v}" for k, v in sorted(c.errors.items()))
    rss = c.rss_mb or [math.nan]
    return [
        page,
        where(replicas),
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
        "-" if math.isnan(c.proxy_cpu_ms) else f"{c.proxy_cpu_ms / c.answered:.1f}",
        f"{100 * c.driver_cpu_ms / (1e3 * c.seconds):.0f}",
    ]


HEAD = [
    "page",
    "servers",
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
    "nginx CPU ms / rerun",
    "driver CPU %",
]


def print_wide(rows: list[list[str]]) -> None:
    """A Markdown table, page and servers left, numbers right (table.py has 2
    columns)."""
    width = [max(len(r[i]) for r in [HEAD, *rows]) for i in range(len(HEAD))]

    def line(cells: list[str]) -> None:
        print("| " + " | ".join(cells) + " |")

    line([h.ljust(w) for h, w in zip(HEAD, width, strict=True)])
    left = [":" + "-" * (w - 1) for w in width[:2]]
    line(left + ["-" * (w - 1) + ":" for w in width[2:]])
    for r in rows:
        cells = [v.rjust(w) for v, w in zip(r, width, strict=True)]
        line([r[0].ljust(width[0]), r[1].ljust(width[1]), *cells[2:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 25, 50, 100])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--period", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="per rerun, s")
    parser.add_argument("--warm", action="store_true", help="background warm-up on")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument(
        "--replicas",
        type=int,
        nargs="+",
        default=[0],
        help="0: one server, no proxy; R > 0: R replicas behind nginx (playground)",
    )
    args = parser.parse_args()
    if min(args.clients) < 1 or args.seconds <= 0 or args.period <= 0:
        parser.error("--clients, --seconds and --period must be positive")
    if min(args.replicas) < 0:
        parser.error("--replicas must be 0 or more")
    rows = []
    for n in args.clients:
        for page in args.pages:
            for r in args.replicas if page == "playground" else [0]:
                rows.append(row(page, r, measure(page, r, n, args)))
                print(" | ".join(rows[-1]), file=sys.stderr, flush=True)  # progress
    print(
        f"\n{args.seconds:g} s window, a move every {args.period:g} s per client, "
        f"warm-up {'on' if args.warm else 'off'}, {os.cpu_count()} cores\n"
    )
    print_wide(rows)


if __name__ == "__main__":
    main()
