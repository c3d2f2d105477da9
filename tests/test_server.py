"""The server as a hall starts it: no lookup of an external IP, LAN reachable."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

from .conftest import ROOT, _free_port


def test_startup_makes_no_external_ip_lookup() -> None:
    port = _free_port()
    log = ROOT / f".server-{port}.log"
    with log.open("w") as out:
        # No --server.address: the repository's own config, as `lab.py run` uses.
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(port),
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=1
                ) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        time.sleep(1.5)  # a lookup would log within its 1 s timeout
        text = log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.unlink(missing_ok=True)
    assert "You can now view" in text  # the banner was printed
    assert "external IP" not in text and "External URL" not in text, text
