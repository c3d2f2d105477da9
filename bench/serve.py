"""`streamlit run` on a free loopback port, as the tests and benchmarks start it;
and a hall (replicas behind nginx, hall.py) on loopback.

``start("app.py")`` runs app.py's server entry, ``server.py`` (cache headers,
warm-up at start), as ``python3 lab.py run`` does; any other script runs as is.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # hall.py, when run as bench/x.py

import hall  # noqa: E402

# The app is served through its st.App entry, as `python3 lab.py run` serves it.
ENTRIES = {"app.py": hall.ENTRY}
FLAGS = ["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]


# Debian's chromium as every browser test and bench launches it: no sandbox
# (root in CI), no GPU, and nothing that would call out to the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    script: str,
    *,
    address: str | None = "127.0.0.1",
    env: dict[str, str] | None = None,
    output: IO | int = subprocess.DEVNULL,
    timeout: float = 120.0,
) -> tuple[subprocess.Popen, str]:
    """Start ``script`` headless, without a file watcher, and wait until it
    answers its health check. ``address=None`` keeps the repository's own
    server address setting (every interface). Raises RuntimeError on time-out.
    """
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", ENTRIES.get(script, script)]
    command += ["--server.port", str(port), "--server.headless", "true", *FLAGS]
    if address is not None:
        command += ["--server.address", address]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT if output is not subprocess.DEVNULL else output,
    )
    url = f"http://127.0.0.1:{port}"
    if hall.healthy(f"127.0.0.1:{port}", timeout, proc):
        return proc, url
    stop(proc)
    raise RuntimeError(f"streamlit did not start within {timeout:g} s: {script}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@dataclass
class Hall:
    """A hall on loopback: ``url`` is the proxy's; replicas' processes first."""

    url: str
    replicas: list[subprocess.Popen]
    nginx: subprocess.Popen | None = None
    run: tempfile.TemporaryDirectory = field(
        default_factory=lambda: tempfile.TemporaryDirectory(prefix="descent-lab-")
    )


def start_hall(
    replicas: int, *, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Hall:
    """``replicas`` servers of app.py (server.py) behind nginx, everything on
    free loopback ports, as ``lab.py run --replicas N`` starts them (the same
    hall.py functions). Raises RuntimeError if any part does not answer."""
    local = [hall.Replica(f"r{i}", f"127.0.0.1:{free_port()}") for i in range(replicas)]
    streamlit = Path(sys.executable).parent / "streamlit"
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    procs = hall.start_replicas(streamlit, local, FLAGS, env, subprocess.DEVNULL)
    h = Hall("", procs)
    try:
        for r, proc in zip(local, h.replicas, strict=True):
            if not hall.healthy(r.address, timeout, proc):
                raise RuntimeError(f"replica {r.address} did not start")
        port = free_port()
        conf = hall.nginx_conf(local, "127.0.0.1", port, Path(h.run.name))
        h.nginx = hall.start_nginx(conf, Path(h.run.name))
        if not hall.healthy(f"127.0.0.1:{port}", 30, h.nginx):
            raise RuntimeError("nginx did not start")
    except BaseException:
        stop_hall(h)
        raise
    h.url = f"http://127.0.0.1:{port}"
    return h


def stop_hall(h: Hall) -> None:
    hall.stop_all([p for p in [h.nginx, *h.replicas] if p is not None])
    h.run.cleanup()
