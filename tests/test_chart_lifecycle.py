"""In a real browser, the chart over a lecture's worth of reruns: its memory
stays flat, its trace store stays within the limit both sides share and holds
what Python counts as sent, removing it frees everything, and a chart whose
plotly.js failed to load comes back once it loads.

Driven on tests/apps/chart_app.py (the real component, a light page) by the
keyboard on its slider: every move is a real rerun with a new figure.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page

from tests.browserhelp import DRAWN, IDLE, eventually
from tests.conftest import _serve
from ui.chart import FALLBACK_RERUNS, SENT_LIMIT

pytestmark = pytest.mark.browser

MOVES = int(os.environ.get("DESCENT_LAB_HEAP_MOVES", "2000"))
BASELINE = 200  # moves before the heap's reference level is taken
HEAP_GROWTH_MB = 50.0
CHART = ".descent-lab-chart"

# The move's rerun has finished. Its figure may still be drawing when the next
# move comes, as when a teacher drags a slider: a newer figure replaces it.
MOVED = """(n) => !!document.querySelector("[data-test-script-state='notRunning']")
  && [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
     .some((e) => e.textContent.trim() === 'moves: ' + n)"""
STORE = f"() => [...document.querySelector('{CHART}').__descentLab.store.keys()]"
SENT = """() => [...document.querySelectorAll('[data-testid="stText"]')]
  .map((e) => e.textContent).find((t) => t.startsWith('sent: '))"""


@pytest.fixture(scope="module")
def lab_url():
    yield from _serve("tests/apps/chart_app.py")


def open_lab(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(f"{CHART} .js-plotly-plot", timeout=60_000)
    page.wait_for_function(DRAWN, timeout=60_000)


def slider(page: Page):
    return page.locator("[data-testid='stSlider']").get_by_role("slider").first


def move_to(page: Page, start: int, end: int) -> None:
    """ArrowRight on the slider from ``start`` to ``end``: one rerun each,
    every one waited for; then the last figure drawn."""
    handle = slider(page)
    handle.focus()
    for n in range(start + 1, end + 1):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(MOVED, arg=n, timeout=30_000)
    page.wait_for_selector(IDLE)
    page.wait_for_function(DRAWN)


def heap_mb(cdp) -> float:
    """The page's JavaScript heap after a full garbage collection, in MB."""
    cdp.send("HeapProfiler.collectGarbage")
    return cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6


def sent_hashes(page: Page) -> list[str]:
    text = page.evaluate(SENT)
    return [h for h in text.removeprefix("sent: ").split(",") if h]


def test_a_lecture_of_moves_keeps_memory_and_store_bounded(
    page: Page, lab_url: str
) -> None:
    open_lab(page, lab_url)
    cdp = page.context.new_cdp_session(page)
    move_to(page, 0, BASELINE)
    at_baseline = heap_mb(cdp)
    move_to(page, BASELINE, MOVES)
    at_end = heap_mb(cdp)
    print(
        f"\nheap after {BASELINE} moves: {at_baseline:.1f} MB; "
        f"after {MOVES}: {at_end:.1f} MB"
    )
    assert at_end - at_baseline <= HEAP_GROWTH_MB, (at_baseline, at_end)

    # The store: within the limit, and exactly what Python counts as sent
    # (the same hashes in the same order), after enough new maps to evict.
    page.wait_for_timeout(500)  # a resend the browser asked for would come now
    page.wait_for_selector(IDLE)
    page.wait_for_function(DRAWN)
    held, sent = page.evaluate(STORE), sent_hashes(page)
    assert MOVES // 5 > SENT_LIMIT, "too few moves to fill the store"
    assert len(held) <= SENT_LIMIT
    assert held == sent

    # Removing the chart frees its store, its plots and its play bar.
    page.evaluate(f"() => {{ window.__kept = document.querySelector('{CHART}'); }}")
    page.get_by_text("chart", exact=True).click()
    page.wait_for_function(f"() => !document.querySelector('{CHART}')")
    page.wait_for_selector(IDLE)
    page.wait_for_function("() => window.__kept.__descentLab === null")
    gone = page.evaluate(
        "() => ({plots: document.querySelectorAll('.js-plotly-plot').length,"
        " bars: document.querySelectorAll('.descent-lab-controls').length,"
        " inside: window.__kept.childElementCount})"
    )
    assert gone == {"plots": 0, "bars": 0, "inside": 0}
    cdp.detach()


def test_the_live_chart_comes_back_after_plotly_failed_to_load(
    page: Page, lab_url: str
) -> None:
    """plotly.js fails once (refused): the standard chart stands in, and the
    live chart is tried again a few reruns later, when plotly.js loads."""
    refused: list[str] = []

    def once(route) -> None:
        if refused:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/plotly-*.min.js", once)
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(lab_url)
    page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=60_000)
    page.wait_for_selector(IDLE)
    assert refused, "plotly.js was not asked for"
    assert page.get_by_text("The live chart could not load").is_visible()
    assert page.locator(CHART).count() == 0
    live = f"() => !!document.querySelector('{CHART} .js-plotly-plot')"
    for moves in range(1, FALLBACK_RERUNS + 1):
        move_to(page, moves - 1, moves)
        if eventually(page, live, timeout=2_000):
            break
    page.wait_for_function(DRAWN)
    assert moves == FALLBACK_RERUNS, f"live again after {moves} moves"
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    assert page.get_by_text("The live chart could not load").count() == 0
