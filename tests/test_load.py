"""Load (issue 12): a hall of websocket clients on one server, bounded.

25 clients speak Streamlit's protocol (bench/wsclient.py, no browser) to a real
`streamlit run app.py` on loopback; each moves run 1's lr slider every 2 s,
never before its previous move's script_finished, for 20 s. Asserted: every
client opened the page, no errors, every move sent was answered by a
script_finished. Timing is printed, never asserted (bench/load.py measures).
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from bench import serve
from bench.wsclient import LAB_VALUES, LAB_WIDGET, QUERY, crowd, percentile

CLIENTS, SECONDS, PERIOD = 25, 20.0, 2.0


@pytest.fixture
def lab():
    """`streamlit run app.py` started as conftest's ``_serve`` starts it
    (loopback, headless, no file watcher, the suite's environment: warm-up
    off), without its chromium check: no browser here. Yields (pid, url)."""
    try:
        proc, url = serve.start("app.py", timeout=60)
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield proc.pid, url
    finally:
        serve.stop(proc)


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
