"""In the browser, on a 1-D surface: a click on the curve sets the start, and
no 2-D-only control is offered."""

from __future__ import annotations

import json
import math

import pytest
from playwright.sync_api import Browser

from scenes import Run, Scene
from tests.browserhelp import HEIGHT, IDLE, WIDTH, address
from ui import state
from ui.texts import t

START_X = f".st-key-{state.w_start(0).replace('.', '-')} input"
CURVE = ".descent-lab-chart"  # the first chart: the curve (one layer in 1-D)
# The first path's x values, as JSON (or null before it is drawn).
PATH_X = f"""() => {{
  const el = document.querySelector('{CURVE}');
  const path = el && (el._fullData || []).find((t) => t.meta === 'path');
  return path ? JSON.stringify(Array.from(path.x)) : null;
}}"""
# The page pixel of data point (x, y) on the curve (tests may read plotly's
# private fields; the app does not).
PIXEL = """([x, y]) => {
  const el = document.querySelector('.descent-lab-chart');
  const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
  const box = el.getBoundingClientRect();
  return [box.left + xa._offset + xa.d2p(x), box.top + ya._offset + ya.d2p(y)];
}"""


def settled(page) -> None:
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(f"() => ({PATH_X})() !== null", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def test_a_click_on_the_curve_sets_the_start(page, app_url: str) -> None:
    scene = Scene(surface="x_sq_plus_sin", start=(2.5,), runs=(Run("gd"),))
    page.goto(address(app_url, scene))
    settled(page)
    before = page.evaluate(PATH_X)
    x = -1.0
    px, py = page.evaluate(PIXEL, [x, x * x + math.sin(x)])
    page.mouse.click(px, py)
    page.wait_for_function(f"(old) => ({PATH_X})() !== old", arg=before)
    settled(page)
    assert abs(float(page.locator(START_X).input_value()) - x) < 0.02
    assert abs(json.loads(page.evaluate(PATH_X))[0] - x) < 0.02
    assert "x=-1" in page.url


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_two_d_control_on_a_curve(page, app_url: str, lang: str) -> None:
    scene = Scene(surface="x_plus_sin", start=(2.0,), runs=(Run("gd"),))
    page.goto(address(app_url, scene, lang))
    settled(page)
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert t("show_3d", lang) not in sidebar
    assert t("start_hint", lang) not in sidebar
    assert t("start_hint_1d", lang) in sidebar
