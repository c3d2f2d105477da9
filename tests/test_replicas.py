"""A hall (issue 12): replicas behind nginx, started by following the README.

The module's hall is the README's own command (its "In a lecture hall"
section), run as written, with loopback ports appended: two replicas of
server.py behind nginx. Through the proxy: the page and plotly.js (with its
long-lived cache header), the cookie that pins a visitor to a replica for
every kind of request (websocket included), one browser session that keeps
its state and its one websocket over 20 slider moves, and two sessions that
land on different replicas. At the end the hall is stopped as a teacher stops
it, with Ctrl-C (SIGINT), and every process must be gone.

Skipped only outside CI when nginx (or, for the browser tests, chromium) is
missing; in CI (CI=true) a missing one fails.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Browser, Page

import hall
from bench import serve
from scenes import Scene
from ui.widgets import log_options

from . import browserhelp
from .conftest import ROOT

PLOTLY = "/app/static/plotly-{}.min.js"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass
class Hall:
    url: str  # the proxy's
    replicas: dict[str, str]  # cookie value -> http://host:port
    log: Path


def nginx_or_skip() -> None:
    if hall.nginx_binary():
        return
    if os.environ.get("CI"):
        pytest.fail("nginx is missing in CI: .ci/run installs it with apt")
    pytest.skip("nginx not installed (apt-get install nginx): hall tests skipped")


def readme_hall_commands() -> list[str]:
    """The shell lines of the fenced blocks in the README's hall section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## In a lecture hall\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.S)
    lines = [line.split("  #")[0].strip() for b in blocks for line in b.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def consecutive_free_ports(n: int) -> int:
    """A port p with p .. p+n-1 all free on loopback (lab.py numbers replicas
    from --replica-port on)."""
    for _ in range(50):
        first = serve.free_port()
        socks = []
        try:
            for port in range(first, first + n):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError("no consecutive free ports")


def get(url: str, cookie: str | None = None) -> urllib.request.addinfourl:
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", f"{hall.COOKIE}={cookie}")
    return urllib.request.urlopen(request, timeout=10)


def cookies(response) -> str:
    """Every Set-Cookie of a response (Streamlit sets its own too)."""
    return "\n".join(response.headers.get_all("Set-Cookie") or [])


def running(log: Path, proc: subprocess.Popen, timeout: float = 120) -> bool:
    """lab.py says the hall is up (it has announced the students' address)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if "hall: running" in log.read_text():
            return True
        time.sleep(0.2)
    return False


def start_lab(command: str, extra: list[str], log: Path) -> subprocess.Popen:
    """A README line (``python3 lab.py run ...``) run with this venv's Python,
    ``extra`` appended, in a process group of its own (a stray child can be
    ended); returns once lab.py says the hall runs."""
    args = [sys.executable if a == "python3" else a for a in shlex.split(command)]
    args += [*extra, "--server.fileWatcherType", "none"]
    env = {**os.environ, "DESCENT_LAB_VENV": sys.prefix}  # this venv, no install
    with log.open("w") as out:
        proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    if not running(log, proc):
        stopped_by_ctrl_c(proc, log)
        pytest.fail(f"{command!r} did not start:\n{log.read_text()}")
    return proc


@pytest.fixture(scope="module")
def readme_hall(tmp_path_factory) -> Iterator[Hall]:
    """The README's ``python3 lab.py run --replicas 2``, on loopback ports."""
    nginx_or_skip()
    command = next(c for c in readme_hall_commands() if c.endswith("--replicas 2"))
    port, first = serve.free_port(), consecutive_free_ports(2)
    extra = ["--port", str(port), "--address", "127.0.0.1"]
    log = tmp_path_factory.mktemp("hall") / "hall.log"
    proc = start_lab(command, [*extra, "--replica-port", str(first)], log)
    try:
        assert hall.healthy(f"127.0.0.1:{port}", 10, proc), log.read_text()
        replicas = {"r0": f"127.0.0.1:{first}", "r1": f"127.0.0.1:{first + 1}"}
        yield Hall(f"http://127.0.0.1:{port}", replicas, log)
    finally:
        stopped_by_ctrl_c(proc, log)


def stopped_by_ctrl_c(proc: subprocess.Popen, log: Path) -> None:
    """Ctrl-C stops the hall: lab.py exits 0 and every process it started
    (their group) is gone."""
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"the hall ignored Ctrl-C:\n{log.read_text()}")
    time.sleep(0.5)
    left = _group_left(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert code == 0, log.read_text()
    assert not left, f"still running after Ctrl-C: {left}"
    assert "hall: stopped" in log.read_text()


def _group_left(pgid: int) -> list[str]:
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[2]) == pgid and stat[0] != "Z":
                left.append((entry / "cmdline").read_text().replace("\0", " "))
    return left


def test_the_generated_config_is_valid_and_keeps_to_its_run_directory(tmp_path):
    """``nginx -t`` accepts it as the current user; every path is in the run
    directory (no /var/log, /run or /var/lib/nginx: those need root)."""
    nginx_or_skip()
    replicas = hall.all_replicas(
        hall.local_replicas("127.0.0.1", 8511, 2), ["192.168.1.12:8511"]
    )
    conf = hall.nginx_conf(replicas, "0.0.0.0", 8501, tmp_path)
    (tmp_path / "nginx.conf").write_text(conf)
    paths = re.findall(r"(?<![\w:])/[\w./-]+", conf)
    assert paths and all(p.startswith(str(tmp_path)) for p in paths), paths
    checked = subprocess.run(
        hall.nginx_command(tmp_path, "-t"),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert checked.returncode == 0, checked.stderr
    assert "r2" in conf and "192\\.168\\.1\\.12:8511" in conf  # the helper's cookie


def test_readme_hall_serves_the_app_and_plotly_through_the_proxy(readme_hall):
    with get(readme_hall.url + "/") as page:
        assert page.status == 200
        assert b"<html" in page.read().lower()
        assert page.headers[hall.HEADER] in readme_hall.replicas
    import plotly

    with get(readme_hall.url + PLOTLY.format(plotly.__version__)) as js:
        assert js.status == 200
        assert js.headers["Cache-Control"] == IMMUTABLE
        assert len(js.read()) > 1_000_000


def test_new_visitors_alternate_and_get_a_cookie_naming_their_replica(readme_hall):
    seen = []
    for _ in range(4):
        with get(readme_hall.url + "/_stcore/health") as r:
            replica = r.headers[hall.HEADER]
            assert f"{hall.COOKIE}={replica};" in cookies(r)
            seen.append(replica)
    assert set(seen) == {"r0", "r1"}
    assert all(a != b for a, b in itertools.pairwise(seen)), seen


@pytest.mark.parametrize("replica", ["r0", "r1"])
def test_a_returning_visitor_stays_on_its_replica(readme_hall, replica):
    """Page, static file, component registry, health: all to the cookie's
    replica; and the websocket handshake too."""
    import plotly

    for path in ["/", PLOTLY.format(plotly.__version__), "/_stcore/health"] * 2:
        with get(readme_hall.url + path, cookie=replica) as r:
            assert r.headers[hall.HEADER] == replica, path
    assert websocket_replica(readme_hall.url, replica) == replica


def websocket_replica(url: str, cookie: str) -> str:
    """The replica that answered a websocket upgrade carrying the cookie."""
    import asyncio

    import websockets

    async def handshake() -> str:
        async with websockets.connect(
            url.replace("http", "ws") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"{hall.COOKIE}={cookie}"},
            open_timeout=10,
        ) as ws:
            return ws.response.headers[hall.HEADER]

    # A thread of its own: sync Playwright may leave a loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, handshake()).result(timeout=60)


def test_an_unknown_cookie_is_repinned(readme_hall):
    with get(readme_hall.url + "/", cookie="r9") as r:
        assert r.headers[hall.HEADER] in readme_hall.replicas
        assert f"{hall.COOKIE}={r.headers[hall.HEADER]};" in cookies(r)


# --- In a browser -------------------------------------------------------------


def replicas_answering(page: Page, seen: list[str]) -> None:
    """Collects the replica named by every response the page gets over the
    network (blob: URLs are the page's own)."""

    def note(response) -> None:
        if response.url.startswith("http"):
            seen.append(response.headers.get(hall.HEADER.lower(), response.url))

    page.on("response", note)


def expected_lr(start: float, steps: int) -> float:
    """Run 1's learning rate ``steps`` slider positions from ``start``."""
    from optimizers import get_optimizer

    spec = next(h for h in get_optimizer("gd").hyperparams if h.key == "lr")
    options = log_options(spec.low, spec.high, keep=start)
    return float(options[options.index(start) + steps])


@pytest.mark.browser
def test_one_session_keeps_its_state_over_20_moves_on_one_websocket(
    readme_hall, page: Page
):
    opened: list = []
    closed: list[str] = []
    answered: list[str] = []

    def on_websocket(ws) -> None:
        opened.append(ws)
        ws.on("close", lambda w: closed.append(w.url))

    page.on("websocket", on_websocket)
    replicas_answering(page, answered)
    browserhelp.open_scene(page, readme_hall.url + "/")
    keys = ["ArrowLeft"] * 12 + ["ArrowRight"] * 8  # every move changes the path
    for key in keys:
        browserhelp.nudge(page, 0, key)
    query = dict(parse_qsl(urlsplit(page.url).query))
    scene = Scene.from_query(query)
    assert scene.runs[0].hyper["lr"] == pytest.approx(expected_lr(0.05, -4))
    assert len(opened) == 1, [ws.url for ws in opened]
    assert closed == []
    assert set(answered) in ({"r0"}, {"r1"}), answered  # one replica served all
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.browser
def test_two_students_land_on_different_replicas(readme_hall, browser: Browser):
    pinned = []
    for _ in range(2):
        context = browser.new_context()
        try:
            page = context.new_page()
            answered: list[str] = []
            replicas_answering(page, answered)
            browserhelp.open_scene(page, readme_hall.url + "/")
            cookie = {c["name"]: c["value"] for c in context.cookies()}[hall.COOKIE]
            assert set(answered) == {cookie}, answered
            pinned.append(cookie)
        finally:
            context.close()
    assert sorted(pinned) == ["r0", "r1"]


def test_readme_recipe_for_several_machines_on_loopback(tmp_path) -> None:
    """The README's two-machine recipe with the helper's LAN address made
    127.0.0.1 and free ports: the helper's replicas join the main hall's
    upstream under cookies of their own, and a cookie reaches its machine."""
    nginx_or_skip()
    helper_line, main_line = (
        next(c for c in readme_hall_commands() if flag in c)
        for flag in ("--no-proxy", "--upstream")
    )
    helper_port, main_port, port = (
        consecutive_free_ports(2),
        consecutive_free_ports(2),
        serve.free_port(),
    )
    main_extra = ["--port", str(port), "--address", "127.0.0.1"]
    main_extra += ["--replica-port", str(main_port)]

    def on_loopback(line: str) -> str:
        # The helper's documented ports (8511, 8512) become its free ones.
        return re.sub(
            r"192\.168\.1\.12(?::(\d+))?",
            lambda m: (
                "127.0.0.1" + (f":{helper_port + int(m[1]) - 8511}" if m[1] else "")
            ),
            line,
        )

    helper = start_lab(
        on_loopback(helper_line),
        ["--replica-port", str(helper_port)],
        tmp_path / "helper.log",
    )
    try:
        main = start_lab(
            on_loopback(main_line),
            main_extra,
            tmp_path / "main.log",
        )
        try:
            url = f"http://127.0.0.1:{port}"
            new = [get(url + "/_stcore/health").headers[hall.HEADER] for _ in range(4)]
            assert sorted(new) == ["r0", "r1", "r2", "r3"]
            for cookie in ["r2", "r3"]:  # the helper's, by the cookie alone
                with get(url + "/", cookie=cookie) as r:
                    assert r.headers[hall.HEADER] == cookie
        finally:
            stopped_by_ctrl_c(main, tmp_path / "main.log")
    finally:
        stopped_by_ctrl_c(helper, tmp_path / "helper.log")
