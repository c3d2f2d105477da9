"""First-load bytes: what a student's browser transfers to open the playground;
prints a table. Not a test: nothing is asserted.

    python bench/firstload.py [--replicas 2]

Opens the default playground page in headless Debian chromium, once from one
server (`streamlit run server.py`, as `python3 lab.py run` serves it) and once
through a hall (--replicas servers behind nginx, hall.py), each on free
loopback ports with the warm-up off. Per setup, in one fresh browser context:
the first load, then a second load in a new tab of the same context (so the
browser cache is reused, as when a student opens a second tab or comes back).
A load ends when the script is idle, the map shows its paths and nothing has
arrived for 1.5 s.

Counted from chromium's network events (DevTools protocol): requests (all),
of those answered from the browser cache (memory or disk), the HTTP
bytes received (encoded: compressed bodies plus headers, as on the wire) and
of those the bodies alone; websocket frames' payload bytes received and sent
(the protocol reports payloads, uncompressed); total received = HTTP +
websocket. Loopback only.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import serve
from playwright.sync_api import BrowserContext, Page, sync_playwright
from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browserhelp import settled  # noqa: E402

QUIET_S = 1.5  # no network event for this long: the load is over


@dataclass
class Load:
    """Network totals of one page load (bytes)."""

    requests: int = 0  # every request the page made, cached ones too
    from_cache: set[str] = field(default_factory=set)  # their request ids
    http: int = 0  # encoded, headers + bodies
    bodies: int = 0
    ws_in: int = 0
    ws_out: int = 0
    last_event: float = field(default_factory=time.monotonic)
    _headers: dict[str, int] = field(default_factory=dict)


def payload_bytes(response: dict) -> int:
    """A websocket frame's payload size: binary frames come base64-encoded."""
    data = response.get("payloadData", "")
    return len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data)


def recorder(load: Load) -> dict[str, Callable[[dict], None]]:
    """DevTools Network event handlers that add up into ``load``."""

    def seen(fn: Callable[[dict], None]) -> Callable[[dict], None]:
        def handler(event: dict) -> None:
            load.last_event = time.monotonic()
            fn(event)

        return handler

    def sent(e: dict) -> None:
        load.requests += 1

    def cached(e: dict) -> None:
        load.from_cache.add(e["requestId"])

    def response(e: dict) -> None:
        r = e["response"]
        load._headers[e["requestId"]] = int(r.get("encodedDataLength", 0))
        if r.get("fromDiskCache") or r.get("fromMemoryCache"):
            load.from_cache.add(e["requestId"])

    def finished(e: dict) -> None:
        total = int(e["encodedDataLength"])
        load.http += total
        load.bodies += max(0, total - load._headers.get(e["requestId"], 0))

    def ws_in(e: dict) -> None:
        load.ws_in += payload_bytes(e["response"])

    def ws_out(e: dict) -> None:
        load.ws_out += payload_bytes(e["response"])

    return {
        "Network.requestWillBeSent": seen(sent),
        "Network.requestServedFromCache": seen(cached),
        "Network.responseReceived": seen(response),
        "Network.loadingFinished": seen(finished),
        "Network.webSocketFrameReceived": seen(ws_in),
        "Network.webSocketFrameSent": seen(ws_out),
    }


def load_once(context: BrowserContext, url: str) -> Load:
    """Opens ``url`` in a new tab of ``context``; returns its network totals."""
    page: Page = context.new_page()
    cdp = context.new_cdp_session(page)
    load = Load()
    for event, handler in recorder(load).items():
        cdp.on(event, handler)
    cdp.send("Network.enable")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(url)
    settled(page)
    while time.monotonic() - load.last_event < QUIET_S:
        page.wait_for_timeout(250)
    page.close()
    return load


def rows(setup: str, first: Load, second: Load) -> list[tuple]:
    out = []
    for name, load in (("first load", first), ("second load", second)):
        kb = 1 / 1024
        out += [
            (f"{setup}, {name}: requests", load.requests, "d"),
            (
                f"{setup}, {name}: answered from the browser cache",
                len(load.from_cache),
                "d",
            ),
            (f"{setup}, {name}: HTTP received, kB", load.http * kb, ".1f"),
            (f"{setup}, {name}: of which bodies, kB", load.bodies * kb, ".1f"),
            (f"{setup}, {name}: websocket received, kB", load.ws_in * kb, ".1f"),
            (f"{setup}, {name}: websocket sent, kB", load.ws_out * kb, ".1f"),
            (
                f"{setup}, {name}: total received, kB",
                (load.http + load.ws_in) * kb,
                ".1f",
            ),
        ]
    return out


def measure(context_of: Callable[[], BrowserContext], url: str) -> tuple[Load, Load]:
    context = context_of()
    try:
        return load_once(context, url), load_once(context, url)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args()
    env = {"DESCENT_LAB_WARMUP": "0"}
    table: list[tuple] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"), args=serve.CHROMIUM_ARGS
        )
        try:
            proc, url = serve.start("app.py", env=env)
            try:
                table += rows("1 server", *measure(browser.new_context, url + "/"))
            finally:
                serve.stop(proc)
            hall = serve.start_hall(args.replicas, env=env)
            try:
                setup = f"{args.replicas} behind nginx"
                table += rows(setup, *measure(browser.new_context, hall.url + "/"))
            finally:
                serve.stop_hall(hall)
        finally:
            browser.close()
    print("\nThe default playground page, headless chromium, loopback\n")
    print_table(table)


if __name__ == "__main__":
    main()
