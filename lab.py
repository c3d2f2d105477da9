"""Set everything up, then run the app or the tests: ``python3 lab.py run|test``.

The virtual environment lives outside the work tree (Streamlit's file watcher
would crawl it) and is reinstalled only when ``pyproject.toml`` changes.
``run`` serves ``server.py`` (app.py with cache headers); ``run --replicas N``
starts a hall of N of them behind nginx (hall.py). Stdlib only: this runs
before the virtual environment exists.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

import hall

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


def run(argv: list[str]) -> int:
    """One server (``streamlit run server.py``), or a hall with --replicas N.
    Options lab.py does not know go on to ``streamlit run``."""
    options, extra = hall.parser().parse_known_args(argv)
    if options.replicas > 0:
        return hall.serve(options, extra, BIN / "streamlit")
    port = 8501 if options.port is None else options.port
    args = [str(BIN / "streamlit"), "run", hall.ENTRY, *extra]
    if options.port is not None:
        args += ["--server.port", str(port)]
    for address in hall.lan_addresses():
        print(f"lab: students on this network open http://{address}:{port}")
    try:
        return subprocess.call(args)
    except KeyboardInterrupt:  # Ctrl-C reached streamlit too; it has stopped
        return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command not in ("run", "test"):
        print("usage: python3 lab.py run|test [extra arguments]", file=sys.stderr)
        return 2
    ensure_venv()
    os.chdir(ROOT)
    if command == "run":
        return run(argv[1:])
    return subprocess.call([str(BIN / "python"), "-m", "pytest", *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
