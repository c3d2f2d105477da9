"""Browser benchmarks in headless Debian chromium; prints a table.

    python bench/browser.py [--moves 12]

Starts two servers, `streamlit run app.py` and `streamlit run
bench/trivial_app.py` (one slider, one small st.plotly_chart), and measures:
cold start to the first chart; a new session's first chart on the warm server
(default scene, 3-D view on, 12 runs); and key press -> the new path painted,
on run 1's learning-rate slider and on the trivial page's slider, alternately
(a, b, a, b, ...), each move from a settled page. The issue's target is
playground / trivial <= 1.2. Then the same key press on the 12-run scene,
with ?chart=plain (st.plotly_chart instead of the component) and with the 3-D
view shown (d3=1), --moves / 2 each. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time

import serve
from playwright.sync_api import Browser, Locator, Page, sync_playwright
from table import print_table

VIEWPORT = {"width": 1400, "height": 1000}
IDLE = "[data-test-script-state='notRunning']"
# Every chart has drawn its figure (a chart is aria-busy while it draws).
SETTLED = "() => !document.querySelector(\".descent-lab-chart[aria-busy='true']\")"
LINE = ".js-plotly-plot .scatterlayer .js-line"

# The default scene, spelled out, and a 12-run scene of mixed methods.
THREE = "s=valley&n=200&r1=gd,lr:0.05&r2=momentum,lr:0.02&r3=adam,lr:0.05"
TWELVE = "&".join(
    [
        "s=valley&n=200",
        "r1=gd,lr:0.05",
        "r2=gd,lr:0.02",
        "r3=gd,lr:0.1",
        "r4=momentum,lr:0.02",
        "r5=nesterov,lr:0.02",
        "r6=adam,lr:0.05",
        "r7=rmsprop,lr:0.02",
        "r8=adagrad,lr:0.5",
        "r9=bfgs",
        "r10=lbfgs",
        "r11=nelder_mead",
        "r12=pso",
    ]
)

# Stores in window.__paint the ms from the last keydown to the start of the
# animation frame that paints the changed path (checked every frame).
# Returns at once (a returned promise would block Playwright).
WATCH = """
(old) => { window.__paint = null; new Promise((resolve) => {
  const read = () => {
    // The drawn SVG of the first path, not the data behind it: plotly may
    // set the data before it finishes drawing.
    const line = document.querySelector('$LINE');
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
""".replace("$LINE", LINE)
READ = f"() => document.querySelector('{LINE}').getAttribute('d')"
PLOTLY_ASKED = (
    "() => performance.getEntriesByType('resource')"
    ".find((e) => /plotly[^/]*[.]js$/.test(e.name))?.startTime ?? NaN"
)
KEYDOWN = (
    "() => document.addEventListener('keydown', "
    "() => { window.__keydown = performance.now(); }, true)"
)


def start_server(script: str):
    """``streamlit run`` as the tests start it, measured without the
    background warm-up competing for the CPU."""
    return serve.start(script, env={"DESCENT_LAB_WARMUP": "0"})


def charted(traces: int) -> str:
    return f"() => document.querySelector('.js-plotly-plot')?.data?.length >= {traces}"


def settle(page: Page) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(SETTLED, timeout=120_000)


def first_chart(page: Page, url: str, traces: int = 4) -> float:
    """ms from navigation to the first chart holding ``traces`` traces."""
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_function(charted(traces), timeout=120_000)
    return 1e3 * (time.perf_counter() - t)


def visit(
    browser: Browser, url: str, more: str | None = None
) -> tuple[float, float, float]:
    """A new session in a fresh tab: ms to the first chart; to ``more`` (a JS
    predicate) or the settled page; and when the page asked for plotly.js."""
    page = browser.new_page(viewport=VIEWPORT)
    t = time.perf_counter()
    first = first_chart(page, url)
    if more:
        page.wait_for_function(more, timeout=120_000)
    settle(page)
    done = 1e3 * (time.perf_counter() - t)
    asked = page.evaluate(PLOTLY_ASKED)
    page.close()
    return first, done, asked


class Mover:
    """Key presses on one page's slider, each timed to the new path painted."""

    def __init__(self, page: Page, slider: Locator) -> None:
        self.page, self.slider, self.count = page, slider, 0
        page.evaluate(KEYDOWN)

    def move(self) -> float:
        page = self.page
        page.bring_to_front()
        # Start each move from a settled page: no chart (say the 3-D view,
        # drawn in software here) still drawing the previous move.
        settle(page)
        self.slider.focus()
        old = page.evaluate(READ)
        page.evaluate(WATCH, old)
        self.slider.press("ArrowLeft" if self.count % 2 else "ArrowRight")
        self.count += 1
        page.wait_for_function("() => window.__paint !== null", timeout=60_000)
        return page.evaluate("() => window.__paint")

    def moves(self, n: int) -> list[float]:
        return [self.move() for _ in range(n)]


def open_lab(browser: Browser, url: str) -> Mover:
    page = browser.new_page(viewport=VIEWPORT)
    first_chart(page, url)
    settle(page)
    slider = page.locator(".st-key-runpanel0").get_by_role("slider").first
    return Mover(page, slider)


def open_trivial(browser: Browser, url: str) -> Mover:
    page = browser.new_page(viewport=VIEWPORT)
    first_chart(page, url, traces=1)
    settle(page)
    slider = page.locator("[data-testid='stSlider']").get_by_role("slider").first
    return Mover(page, slider)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=12)
    moves = parser.parse_args().moves
    few = max(2, moves // 2)
    began = time.perf_counter()
    lab, lab_url = start_server("app.py")
    trivial, trivial_url = start_server("bench/trivial_app.py")
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=serve.CHROMIUM_ARGS
            )
            page = browser.new_page(viewport=VIEWPORT)
            rows.append(
                (
                    "cold start to first chart, playground, new server (ms)",
                    first_chart(page, lab_url),
                )
            )
            settle(page)
            page.close()
            page = browser.new_page(viewport=VIEWPORT)
            rows.append(
                (
                    "cold start to first chart, trivial page, new server (ms)",
                    first_chart(page, trivial_url, traces=1),
                )
            )
            page.close()

            first, done, asked = visit(browser, f"{lab_url}/?{THREE}")
            rows.append(("new session, 3 runs: first chart (ms)", first))
            rows.append(("new session, 3 runs: page settled (ms)", done))
            rows.append(("new session, 3 runs: plotly.js requested at (ms)", asked))
            page = browser.new_page(viewport=VIEWPORT)
            rows.append(
                (
                    "new session, trivial page: first chart (ms)",
                    first_chart(page, trivial_url, traces=1),
                )
            )
            page.close()
            surface = (
                "() => [...document.querySelectorAll('.js-plotly-plot')]"
                ".some((e) => e.data?.some((d) => d.type === 'surface'))"
            )
            first, done, _ = visit(browser, f"{lab_url}/?{THREE}&d3=1", surface)
            rows.append(("new session, 3 runs, d3=1: first chart (ms)", first))
            rows.append(("new session, 3 runs, d3=1: 3-D drawn, settled (ms)", done))
            # The 12-run scene's methods compile on their first visit.
            first, done, _ = visit(browser, f"{lab_url}/?{TWELVE}")
            rows.append(("first visit, 12 runs (compiles): first chart (ms)", first))
            first, done, _ = visit(browser, f"{lab_url}/?{TWELVE}")
            rows.append(("new session, 12 runs: first chart (ms)", first))
            rows.append(("new session, 12 runs: page settled (ms)", done))

            a, b = (
                open_lab(browser, f"{lab_url}/?{THREE}"),
                open_trivial(browser, trivial_url),
            )
            a.move(), b.move()  # warm-up, not counted
            lab_ms, trivial_ms = [], []
            for _ in range(moves):
                lab_ms.append(a.move())
                trivial_ms.append(b.move())
            lab_med, trivial_med = (
                statistics.median(lab_ms),
                statistics.median(trivial_ms),
            )
            rows.append(
                (
                    f"key -> path painted, run 1 lr, 3 runs, median of {moves} (ms)",
                    lab_med,
                )
            )
            rows.append(
                (
                    f"key -> path painted, trivial page, median of {moves} (ms)",
                    trivial_med,
                )
            )
            rows.append(
                (
                    "ratio playground / trivial (target <= 1.2)",
                    lab_med / trivial_med,
                    ".2f",
                )
            )
            a.page.close()

            twelve = open_lab(browser, f"{lab_url}/?{TWELVE}")
            twelve.move()
            med = statistics.median(twelve.moves(few))
            rows.append((f"key -> path painted, 12 runs, median of {few} (ms)", med))
            rows.append(("ratio 12 runs / trivial", med / trivial_med, ".2f"))
            twelve.page.close()

            # The same page drawn by st.plotly_chart instead of the component.
            plain = open_lab(browser, f"{lab_url}/?{THREE}&chart=plain")
            plain.move()
            med = statistics.median(plain.moves(few))
            rows.append(
                (f"key -> path painted, ?chart=plain, median of {few} (ms)", med)
            )
            plain.page.close()

            # 3-D shown: the 2-D path's paint, the software-drawn 3-D beside it.
            shown = open_lab(browser, f"{lab_url}/?{THREE}&d3=1")
            shown.page.wait_for_function(surface, timeout=120_000)
            shown.move()
            med = statistics.median(shown.moves(few))
            rows.append((f"key -> 2-D path painted, d3=1, median of {few} (ms)", med))
            browser.close()
    finally:
        serve.stop(lab)
        serve.stop(trivial)
    rows.append(("whole benchmark, wall (s)", time.perf_counter() - began, ".0f"))
    print_table(rows, digits=".0f")


if __name__ == "__main__":
    main()
