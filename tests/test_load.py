"""Load (issue 12): a hall of websocket clients on one server, bounded; and
the same clients through nginx to two replicas.

25 clients speak Streamlit's protocol (bench/wsclient.py, no browser) to a real
`streamlit run server.py` (app.py) on loopback; each moves run 1's lr slider
every 2 s, never before its previous move's script_finished, for 20 s (10 s
through the proxy). Asserted: every client opened the page, no errors, every
move sent was answered by a script_finished; through the proxy, both replicas
served. Timing is printed, never asserted (bench/load.py measures).
"""

from __future__ import annotations

import asyncio
import os
import threading

import pytest

import hall as hall_module
from bench import serve
from bench.wsclient import (
    LAB_VALUES,
    LAB_WIDGET,
    QUERY,
    REPLICA_HEADER,
    Crowd,
    crowd,
    percentile,
)

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


@pytest.fixture
def replicas():
    """Two replicas behind nginx (bench/serve.py's hall, hall.py's config);
    skipped outside CI without nginx. Yields (replica pids, proxy url)."""
    if hall_module.nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: .ci/run installs it with apt")
        pytest.skip("nginx not installed (apt-get install nginx): hall load skipped")
    try:
        h = serve.start_hall(2, timeout=60)
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield [p.pid for p in h.replicas], h.url
    finally:
        serve.stop_hall(h)


def hall_of(url: str, pids: int | list[int], seconds: float) -> Crowd:
    """CLIENTS clients moving every PERIOD s for ``seconds``; checked sound."""
    hall = in_own_loop(
        crowd(
            url,
            LAB_WIDGET,
            LAB_VALUES,
            query=QUERY,
            clients=CLIENTS,
            seconds=seconds,
            period=PERIOD,
            timeout=60.0,
            pid=pids,
        )
    )
    lat = hall.latencies
    print(
        f"\n{CLIENTS} clients, {seconds:g} s: setup {hall.setup_s:.1f} s, "
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
    return hall


def test_a_hall_of_25_clients_gets_every_rerun_without_errors(lab) -> None:
    pid, url = lab
    hall_of(url, pid, SECONDS)


def test_25_clients_through_nginx_reach_both_replicas_without_errors(
    replicas,
) -> None:
    pids, url = replicas
    hall = hall_of(url, pids, SECONDS / 2)
    # No cookie: nginx deals the sessions round robin, one websocket each.
    assert set(hall.served_by) == {"r0", "r1"}
    assert sorted(hall.served_by.values()) == [CLIENTS // 2, CLIENTS - CLIENTS // 2]
    assert hall_module.HEADER == REPLICA_HEADER
