"""The hyperparameter-map page in chromium at 1280×720: the map and its
theory lines are drawn, a click on a heatmap cell draws that cell's run on
the map beside it (and marks the cell); screenshots in /tmp/browser_shots in
both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browserhelp import DRAWN, HEIGHT, IDLE, SHOTS, WIDTH

pytestmark = pytest.mark.browser

QUERY = "mres=24&mn=60"
# Each chart of the page as drawn: its key-free order is the map, then the cell.
# A contour chart draws its paths on a front layer of its own.
LAYER = "(el) => el.querySelector('.descent-lab-front') || el"
CHARTS = f"""() => Array.from(document.querySelectorAll('.descent-lab-chart'))
  .map((el) => (({LAYER})(el)._fullData || []).map((d) => ({{
    type: d.type, name: d.name, meta: d.meta || '',
    x: d.x ? Array.from(d.x).slice(0, 400) : [],
    y: d.y ? Array.from(d.y).slice(0, 400) : [],
  }})))"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def settle(page: Page, charts: int) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(
        f"""() => {{
          const c = document.querySelectorAll('.descent-lab-chart');
          return c.length === {charts}
            && Array.from(c).every((e) => ({LAYER})(e)._fullData);
        }}""",
        timeout=120_000,
    )
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def cell_pixel(page: Page, i: int, j: int) -> tuple[float, float]:
    """The page pixel of the map's cell (x index i, y index j)."""
    return tuple(
        page.evaluate(
            """([i, j]) => {
              const el = document.querySelector('.descent-lab-chart');
              const heat = el._fullData[0];
              const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
              const box = el.getBoundingClientRect();
              return [box.left + xa._offset + xa.d2p(heat.x[i]),
                      box.top + ya._offset + ya.d2p(heat.y[j])];
            }""",
            [i, j],
        )
    )


def shot(page: Page, name: str) -> None:
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.mouse.move(WIDTH - 2, HEIGHT - 2)
    page.wait_for_timeout(500)
    page.screenshot(path=f"{SHOTS}/{name}.png")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_click_a_cell_and_see_its_run(page: Page, app_url: str, lang: str) -> None:
    page.goto(f"{app_url}/sweeps?lang={lang}&{QUERY}")
    settle(page, 1)
    assert not page.locator("[data-testid='stException']").count()
    (drawn,) = page.evaluate(CHARTS)
    assert drawn[0]["type"] == "heatmap"
    assert any(d["type"] == "contour" for d in drawn)  # the theoretical rate
    shot(page, f"sweeps-{lang}-map")
    px, py = cell_pixel(page, 6, 10)
    page.mouse.click(px, py)
    settle(page, 2)
    the_map, cell = page.evaluate(CHARTS)
    (path,) = [d for d in cell if d["meta"] == "path"]
    assert len(path["x"]) > 10  # the run's path is drawn beside the map
    assert path["x"][0] == pytest.approx(0.0) and path["y"][0] == pytest.approx(0.0)
    # Its end is near the course quadratic's minimum (2.4, 2.8) or not, but
    # the cell clicked is the one marked on the map.
    marks = [d for d in the_map if d["type"] == "scatter" and d["x"] and
             d["name"] not in [m["name"] for m in drawn]]  # fmt: skip
    heat = the_map[0]
    assert marks and marks[0]["x"][0] == pytest.approx(heat["x"][6], rel=1e-5)
    assert marks[0]["y"][0] == pytest.approx(heat["y"][10], rel=1e-5)
    assert page.get_by_role("button", name="Add to the playground" if lang == "en"
                            else "加入实验场").count() == 1  # fmt: skip
    shot(page, f"sweeps-{lang}-cell")


def test_a_cell_added_to_the_playground_runs_there(page: Page, app_url: str) -> None:
    """'Add to the playground' opens the playground with the cell's run added
    to the scene (its settings in the address) and its path drawn."""
    page.goto(f"{app_url}/sweeps?lang=en&{QUERY}")
    settle(page, 1)
    px, py = cell_pixel(page, 6, 10)
    page.mouse.click(px, py)
    settle(page, 2)
    page.get_by_role("button", name="Add to the playground").click()
    page.wait_for_function("() => !location.pathname.includes('sweeps')")
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(
        """() => {
          const f = document.querySelector('.descent-lab-front');
          return f && f._fullData && f._fullData.some((t) => t.meta === 'path');
        }""",
        timeout=120_000,
    )
    assert "s=course_quadratic" in page.url and "momentum" in page.url
    assert not page.locator("[data-testid='stException']").count()
    shot(page, "sweeps-added-to-playground")
