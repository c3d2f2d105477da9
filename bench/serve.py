"""`streamlit run` on a free loopback port, as the tests and benchmarks start it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


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
    command = [sys.executable, "-m", "streamlit", "run", script]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--server.fileWatcherType", "none"]
    command += ["--browser.gatherUsageStats", "false"]
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
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"streamlit did not start within {timeout:g} s: {script}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
