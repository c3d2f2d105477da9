"""The server as a hall starts it: no lookup of an external IP, LAN reachable."""

from __future__ import annotations

import time

from bench import serve

from .conftest import ROOT


def test_startup_makes_no_external_ip_lookup() -> None:
    log = ROOT / ".server-startup.log"
    with log.open("w") as out:
        # No --server.address: the repository's own config, as `lab.py run` uses.
        proc, _ = serve.start("app.py", address=None, output=out, timeout=60)
    try:
        time.sleep(1.5)  # a lookup would log within its 1 s timeout
        text = log.read_text()
    finally:
        serve.stop(proc)
        log.unlink(missing_ok=True)
    assert "You can now view" in text  # the banner was printed
    assert "external IP" not in text and "External URL" not in text, text
