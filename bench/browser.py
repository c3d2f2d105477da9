"""Browser benchmarks in headless Debian chromium; prints a table.

    python bench/browser.py [--moves 12]

Measures, against a real `streamlit run app.py` on localhost: cold start to the
first chart, and key press on the learning-rate slider -> the new path painted
(2-D view alone, then with the 3-D view shown). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from table import print_table

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = "[data-test-script-state='notRunning']"

# Stores in window.__paint the ms from the last keydown to the start of the
# animation frame that paints the changed path (checked every frame).
# Returns at once (a returned promise would block Playwright).
WATCH = """
(old) => { window.__paint = null; new Promise((resolve) => {
  const read = () => {
    // The drawn SVG of the first optimizer's path, not the data behind it:
    // plotly may set the data before it finishes drawing.
    const line = document.querySelector('.js-plotly-plot .scatterlayer .js-line');
    return line ? line.getAttribute('d') : null;
  };
  const tick = () => {
    const now = read();
    if (now && now !== old) {
      // This callback runs at the start of the frame whose paint shows the
      // new path (it changed before this frame began).
      resolve(performance.now() - window.__keydown);
    } else {
      requestAnimationFrame(tick);
    }
  };
  tick();
}).then((ms) => { window.__paint = ms; }); }
"""
READ = (
    "() => document.querySelector('.js-plotly-plot .scatterlayer .js-line')"
    ".getAttribute('d')"
)


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("streamlit did not start")


def first_chart(page: Page, url: str) -> float:
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')?.data?.length > 3",
        timeout=120_000,
    )
    return 1e3 * (time.perf_counter() - t)


def key_to_paint(page: Page, moves: int) -> list[float]:
    page.evaluate(
        "() => document.addEventListener('keydown', "
        "() => { window.__keydown = performance.now(); }, true)"
    )
    section = page.locator("[data-testid='stExpander']", has_text="Gradient descent")
    slider = section.get_by_role("slider").first
    slider.focus()
    times = []
    for i in range(moves):
        page.wait_for_selector(IDLE)
        # Start each move from a settled page: no chart (say the 3-D view,
        # drawn in software here) still drawing the previous move.
        page.wait_for_function("() => !window.__descentLabBusy", timeout=60_000)
        old = page.evaluate(READ)
        page.evaluate(WATCH, old)
        slider.press("ArrowLeft" if i % 2 else "ArrowRight")
        page.wait_for_function("() => window.__paint !== null", timeout=60_000)
        times.append(page.evaluate("() => window.__paint"))
    page.wait_for_selector(IDLE)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=12)
    moves = parser.parse_args().moves
    proc, url = start_server()
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            rows.append(("cold start to first chart (ms)", first_chart(page, url)))
            page.wait_for_selector(IDLE)
            two_d = key_to_paint(page, moves)
            rows.append(
                (
                    f"key -> new path painted, 2-D, median of {moves} (ms)",
                    statistics.median(two_d),
                )
            )
            page.locator("label", has_text="Show the 3-D view").click()
            page.wait_for_selector(IDLE)
            page.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot').length >= 3"
            )
            with_3d = key_to_paint(page, moves)
            rows.append(
                (
                    f"key -> 2-D path painted, 3-D shown, median of {moves} (ms)",
                    statistics.median(with_3d),
                )
            )
            # The same page drawn by st.plotly_chart instead of the component.
            plain = browser.new_page(viewport={"width": 1400, "height": 1000})
            first_chart(plain, f"{url}/?chart=plain")
            plain.wait_for_selector(IDLE)
            rows.append(
                (
                    f"same, st.plotly_chart instead, 2-D, median of {moves} (ms)",
                    statistics.median(key_to_paint(plain, moves)),
                )
            )
            browser.close()
    finally:
        proc.terminate()
    print_table(rows, digits=".0f")


if __name__ == "__main__":
    main()
