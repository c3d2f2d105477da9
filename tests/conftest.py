"""Shared test set-up: float64 and strict shapes for every test."""

import os

import jax

# No background warm-up or on-disk compilation cache in tests: they count
# compilations (servers started by tests inherit this too).
os.environ.setdefault("DESCENT_LAB_WARMUP", "0")

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_numpy_rank_promotion", "raise")

# The suite visits every (surface, optimizer) pair, some several times: a
# roomier bound than a server's spares it recompiling what it evicted.
from optimizers.compiled import set_runner_bound  # noqa: E402

set_runner_bound(1024)


# --- Browser tests: Debian's chromium driven by pytest-playwright -------------
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from bench import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = serve.CHROMIUM_ARGS


def chromium_path() -> str:
    """Debian's chromium; in CI its absence is a failure, elsewhere a skip."""
    path = shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is missing in CI: .ci/run installs it with apt")
    pytest.skip(
        "chromium not installed (apt-get install chromium): browser test skipped"
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never `playwright install`: there is no internet; use the system browser.
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def app_url():
    """A real `streamlit run app.py` on localhost for the whole session."""
    yield from _serve("app.py")


@pytest.fixture(scope="session")
def heatmap_url():
    """The small heatmap app of tests/apps, for the cell-click path."""
    yield from _serve("tests/apps/heatmap_app.py")


def _serve(script: str):
    chromium_path()
    try:
        proc, url = serve.start(script, timeout=60)
    except RuntimeError as err:
        pytest.fail(str(err))
    yield url
    serve.stop(proc)
