"""Load (issue 12): a hall of websocket clients on one server, bounded.

25 clients speak Streamlit's protocol (bench/wsclient.py, no browser) to a real
`streamlit run app.py` on loopback; each moves run 1's lr slider every 2 s,
never before its previous move's script_finished, for 20 s. Asserted: every
client opened the page, no errors, every move sent was answered by a
script_finished. Timing is printed, never asserted (bench/load.py measures).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from bench.wsclient import LAB_VALUES, LAB_WIDGET, QUERY, crowd, percentile

from .conftest import ROOT, _free_port

CLIENTS, SECONDS, PERIOD = 25, 20.0, 2.0


@pytest.fixture
def lab():
    """`streamlit run app.py` started as conftest's ``_serve`` starts it
    (loopback, headless, no file watcher, the suite's environment: warm-up
    off), without its chromium check: no browser here. Yields (pid, url)."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield proc.pid, url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def in_own_loop(coroutine):
    """Run ``coroutine`` in a thread of its own: the browser tests' sync
    Playwright may leave an event loop running in this one."""
    result = {}

    def target() -> None:
        result["value"] = asyncio.run(coroutine)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=300)
    assert "value" in result, "the crowd did not finish"
    return result["value"]


def test_a_hall_of_25_clients_gets_every_rerun_without_errors(lab) -> None:
    pid, url = lab
    hall = in_own_loop(
        crowd(
            url,
            LAB_WIDGET,
            LAB_VALUES,
            query=QUERY,
            clients=CLIENTS,
            seconds=SECONDS,
            period=PERIOD,
            timeout=60.0,
            pid=pid,
        )
    )
    lat = hall.latencies
    print(
        f"\n{CLIENTS} clients, {SECONDS:g} s: setup {hall.setup_s:.1f} s, "
        f"{hall.sent} moves, {hall.throughput:.2f} reruns/s, "
        f"p50 {percentile(lat, 50):.0f} ms, p95 {percentile(lat, 95):.0f} ms, "
        f"server CPU {hall.cpu_per_rerun_ms:.0f} ms/rerun, "
        f"RSS peak {max(hall.rss_mb):.0f} MB"
    )
    assert hall.opened == CLIENTS
    assert dict(hall.errors) == {}
    assert hall.sent >= CLIENTS  # every client moved at least once
    assert hall.unanswered == 0
    assert len(hall.moves) == hall.sent
    assert all(m.finished is not None and m.error is None for m in hall.moves)
