"""Set everything up, then run the app or the tests: ``python3 lab.py run|test``.

The virtual environment lives outside the work tree (Streamlit's file watcher
would crawl it) and is reinstalled only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(
    os.environ.get(
        "DESCENT_LAB_VENV",
        Path.home()
        / ".cache"
        / "descent-lab"
        / f"venv-py{sys.version_info[0]}{sys.version_info[1]}",
    )
)
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_venv() -> None:
    """Create the venv and install the package with its test extra if stale."""
    if not (BIN / "python").exists():
        print(f"lab: creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".descent-lab-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted += str(ROOT)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("lab: installing Descent Lab and its test tools", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(wanted)


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses, from its own name (no network request)."""
    import socket

    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return sorted({i[4][0] for i in infos if not i[4][0].startswith("127.")})


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command not in ("run", "test"):
        print("usage: python3 lab.py run|test [extra arguments]", file=sys.stderr)
        return 2
    ensure_venv()
    os.chdir(ROOT)
    if command == "run":
        args = [str(BIN / "streamlit"), "run", "app.py", *argv[1:]]
        for address in lan_addresses():
            print(f"lab: students on this network open http://{address}:8501")
    else:
        args = [str(BIN / "python"), "-m", "pytest", *argv[1:]]
    return subprocess.call(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
