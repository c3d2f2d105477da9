"""The networks page in chromium at 1280×720: both charts drawn in both
languages with nothing off the page and no legend on an axis title; the step
slider redraws the boundary in the same element (Plotly.react); a new net
says it is compiling; a typed bad width is refused; the comparisons drawn.
Screenshots in /tmp/browser_shots/networks-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browserhelp import DRAWN, HEIGHT, IDLE, SHOTS, WIDTH, outside
from ui import state
from ui.names import dataset_name
from ui.texts import t

pytestmark = pytest.mark.browser

CHART = ".descent-lab-chart"
# The boundary chart's step and a digest of its probabilities, and whether
# it is the element marked earlier (the same node, redrawn in place).
BOUNDARY = f"""() => {{
  for (const el of document.querySelectorAll('{CHART}')) {{
    const meta = el._fullLayout && el._fullLayout.meta;
    if (!meta || meta.step === undefined) continue;
    const z = el._fullData[0].z;
    let sum = 0;
    for (const row of z) for (const v of row) sum += v;
    return {{step: meta.step, sum: sum, marked: el.__nnMark === 1,
             frames: (el._transitionData._frames || []).length}};
  }}
  return null;
}}"""
MARK = f"""() => {{
  for (const el of document.querySelectorAll('{CHART}')) {{
    const meta = el._fullLayout && el._fullLayout.meta;
    if (meta && meta.step !== undefined) el.__nnMark = 1;
  }}
}}"""
# Per chart: the legend's box and each axis title's box.
BOXES = f"""() => Array.from(document.querySelectorAll('{CHART}')).map((el) => {{
  const box = (n) => {{
    if (!n) return null;
    const b = n.getBoundingClientRect();
    return {{left: b.left, top: b.top, right: b.right, bottom: b.bottom}};
  }};
  return {{
    legend: box(el.querySelector('g.legend')),
    titles: Array.from(el.querySelectorAll('.g-xtitle text, .g-x2title text'))
      .map(box),
    chart: box(el),
  }};
}})"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def settle(page: Page, timeout: float = 90_000) -> None:
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(f"() => ({BOUNDARY})() !== null", timeout=timeout)
    page.wait_for_function(DRAWN, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)


def open_page(page: Page, app_url: str, query: str) -> None:
    page.goto(f"{app_url}/networks?{query}")
    settle(page)


def shot(page: Page, name: str) -> None:
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.mouse.move(WIDTH - 2, HEIGHT - 2)  # no hover label in the picture
    page.wait_for_timeout(400)
    page.screenshot(path=f"{SHOTS}/{name}.png")


def css_key(key: str) -> str:
    return ".st-key-" + key.replace(".", "-")


def overlapping(a: dict, b: dict) -> bool:
    dx = min(a["right"], b["right"]) - max(a["left"], b["left"])
    dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return dx > 1 and dy > 1


def legible(page: Page) -> list[str]:
    """Charts that leave the page sideways, or a legend on an axis title."""
    problems = []
    for i, found in enumerate(page.evaluate(BOXES)):
        chart = found["chart"]
        if chart["right"] > WIDTH + 0.5 or chart["left"] < -0.5:
            problems.append(f"chart {i} leaves the page: {outside(chart)}")
        legend = found["legend"]
        for title in found["titles"]:
            if legend and title and overlapping(legend, title):
                problems.append(f"chart {i}: the legend covers an axis title")
    return problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_draws_in_both_languages(page: Page, app_url: str, lang: str):
    open_page(page, app_url, f"lang={lang}")
    assert page.locator(CHART).count() == 2  # the curves and the boundary
    assert not page.locator("[data-testid='stException']").count()
    main = page.locator("[data-testid='stMain']").inner_text()
    assert dataset_name("moons", lang) in main
    assert t("nn_step", lang) in main
    boundary = page.evaluate(BOUNDARY)
    assert boundary["step"] == 500 and boundary["frames"] == 0
    shot(page, f"networks-{lang}")
    assert not legible(page), legible(page)
    # Both charts begin within the first screen (the projector's view).
    tops = [b["chart"]["top"] for b in page.evaluate(BOXES)]
    assert all(0 <= top < HEIGHT / 2 for top in tops), tops


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_step_slider_redraws_the_boundary_in_place(
    page: Page, app_url: str, lang: str
) -> None:
    open_page(page, app_url, f"lang={lang}&steps=200")
    page.evaluate(MARK)
    before = page.evaluate(BOUNDARY)
    assert before["step"] == 200
    slider = page.locator(f"{css_key(state.W_NN_STEP)} input[type='range']")
    if not slider.count():
        slider = page.locator(css_key(state.W_NN_STEP)).get_by_role("slider")
    slider.focus()
    slider.press("ArrowLeft")
    page.wait_for_function(
        f"() => {{ const b = ({BOUNDARY})(); return b && b.step === 199; }}",
        timeout=30_000,
    )
    settle(page)
    after = page.evaluate(BOUNDARY)
    assert after["marked"], "the chart was made anew instead of redrawn"
    assert after["sum"] != before["sum"]
    assert after["frames"] == 0
    slider.focus()
    slider.press("Home")
    page.wait_for_function(
        f"() => {{ const b = ({BOUNDARY})(); return b && b.step === 0; }}",
        timeout=30_000,
    )
    settle(page)
    start = page.evaluate(BOUNDARY)
    assert start["marked"] and start["sum"] != after["sum"]
    text = t("nn_step_metrics", lang, step=0, train="@", val="@").split("@")[0]
    assert text.replace("**", "") in page.locator("[data-testid='stMain']").inner_text()
    shot(page, f"networks-step0-{lang}")


def test_a_new_net_says_it_is_compiling(page: Page, app_url: str) -> None:
    # Widths no other test uses: this server has not compiled them yet.
    page.goto(f"{app_url}/networks?lang=en&net=5-3")
    note = page.get_by_text(t("nn_compiling", "en"))
    note.wait_for(timeout=60_000)
    settle(page)
    assert not note.count()  # gone once trained
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "2 → 5 → 3 → 1" in main


def test_a_bad_typed_width_is_refused(page: Page, app_url: str) -> None:
    open_page(page, app_url, "lang=en")
    field = page.locator(f"{css_key(state.W_NN_WIDTHS)} input")
    field.fill("8-abc")
    field.press("Enter")
    warning = page.locator("[data-testid='stSidebar'] [data-testid='stAlert']")
    warning.wait_for(timeout=30_000)
    assert "8-abc" in warning.inner_text() and "16-16" in warning.inner_text()
    settle(page)
    assert "2 → 16 → 16 → 1" in page.locator("[data-testid='stMain']").inner_text()
    assert not page.locator("[data-testid='stException']").count()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_comparisons(page: Page, app_url: str, lang: str) -> None:
    open_page(page, app_url, f"lang={lang}&opt=momentum&lr=0.1&wd=0.02&cmp=1&inits=1")
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length === 4")
    page.wait_for_function(DRAWN, timeout=60_000)
    shot(page, f"networks-compare-top-{lang}")
    for index, name in ((2, "norms"), (3, "inits")):
        page.locator(CHART).nth(index).scroll_into_view_if_needed()
        page.wait_for_timeout(600)
        shot(page, f"networks-{name}-{lang}")
    assert not legible(page), legible(page)
    assert not page.locator("[data-testid='stException']").count()
