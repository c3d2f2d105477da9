"""The basins page in chromium at 1280×720: both maps are drawn as heatmaps
of their starts, a click on a start draws both methods' paths from it (on
the maps and on the small map under them), in both languages; screenshots
in /tmp/browser_shots."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browserhelp import DRAWN, HEIGHT, IDLE, SHOTS, WIDTH, page_state

pytestmark = pytest.mark.browser

QUICK = "bres=32&bn=100"
# Each chart as drawn: its trace types, and its paths' points (a layered
# chart keeps its paths on the front layer).
CHARTS = """() => Array.from(document.querySelectorAll('.descent-lab-chart'))
  .map((el) => {
    const front = el.querySelector('.descent-lab-front');
    const plot = front || el;
    if (!plot._fullData) return null;
    return {
      types: plot._fullData.map((d) => d.type),
      paths: plot._fullData.filter((d) => d.meta === 'path')
        .map((d) => ({x: Array.from(d.x), y: Array.from(d.y)})),
    };
  })"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def charts(page: Page) -> list:
    return page.evaluate(CHARTS)


def wait_for(page: Page, count: int) -> None:
    """Idle, ``count`` charts drawn, none busy."""
    js = f"() => ({CHARTS})().filter((c) => c !== null).length >= {count}"
    try:
        page.wait_for_selector(IDLE, timeout=180_000)
        page.wait_for_function(js, timeout=180_000)
        page.wait_for_function(DRAWN, timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
    except Exception as error:  # a timeout: say what the page showed
        raise AssertionError(f"page not settled: {page_state(page)}") from error


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_click_on_a_start_draws_its_paths(page: Page, app_url: str, lang) -> None:
    page.goto(f"{app_url}/basins?{QUICK}&lang={lang}")
    wait_for(page, 2)
    drawn = charts(page)
    assert len(drawn) == 2
    for chart in drawn:  # the starts, the level lines, no path yet
        assert chart["types"][:2] == ["heatmap", "contour"]
        assert chart["paths"] == []
    plot = page.locator(".descent-lab-chart").nth(1).locator(".nsewdrag").last
    box = plot.bounding_box()
    assert box is not None and box["y"] + box["height"] <= HEIGHT + 40
    # Himmelblau's view box is [-5, 5]²: a quarter in from the left, a third
    # down from the top is about (-2.5, 1.7).
    page.mouse.click(box["x"] + 0.25 * box["width"], box["y"] + box["height"] / 3)
    page.wait_for_timeout(500)
    wait_for(page, 3)
    drawn = charts(page)
    assert len(drawn) == 3
    on_maps = [c["paths"] for c in drawn[:2]]
    assert all(len(p) == 1 and len(p[0]["x"]) > 10 for p in on_maps)
    small = drawn[2]["paths"]
    assert len(small) == 2  # both methods from the picked start
    x0, y0 = small[0]["x"][0], small[0]["y"][0]
    assert abs(x0 + 2.5) < 0.5 and abs(y0 - 1.7) < 0.5
    assert (small[1]["x"][0], small[1]["y"][0]) == (x0, y0)
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/basins_clicked_{lang}.png")
