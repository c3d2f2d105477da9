"""The loss-landscape page in chromium at 1280×720: every chart is drawn (the
3-D one too), legends sit above their plots and colour bars inside their
charts, a resolution change redraws the plane, a new net says it compiles,
a bad link is named; screenshots in /tmp/browser_shots in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browserhelp import DRAWN, HEIGHT, IDLE, SHOTS, WIDTH
from ui import state
from ui.texts import t

pytestmark = pytest.mark.browser

CHARTS = 7  # random plane, its 3-D view, PCA plane, line, sharp/flat and its two
# Each chart as drawn: its trace types, its box, its legend's and plot's boxes,
# its colour bars' right edges (tests may read plotly's private fields).
DRAWN_CHARTS = """() => Array.from(document.querySelectorAll('.descent-lab-chart'))
  .map((el) => {
    const box = (e) => {
      if (!e) return null;
      const b = e.getBoundingClientRect();
      return {l: b.left, r: b.right, t: b.top, b: b.bottom};
    };
    return {
      types: el._fullData ? el._fullData.map((d) => d.type) : null,
      columns: el._fullData && el._fullData[0].z ? el._fullData[0].z[0].length : 0,
      chart: box(el),
      legend: box(el.querySelector('.legend')),
      plot: box(el.querySelector('.nsewdrag')),
      colorbars: Array.from(el.querySelectorAll('.colorbar')).map((c) => box(c).r),
    };
  })"""
ALL_DRAWN = f"""() => {{
  const charts = ({DRAWN_CHARTS})();
  return charts.length === {CHARTS} && charts.every((c) => c.types !== null);
}}"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def open_page(page: Page, app_url: str, query: str) -> None:
    page.goto(f"{app_url}/landscape?{query}")
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(ALL_DRAWN, timeout=120_000)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def shot(page: Page, name: str, chart: int | None = None) -> None:
    """A screenshot of the window, scrolled so that ``chart`` is at its top."""
    if chart is not None:
        page.evaluate(
            """(i) => {
              const el = document.querySelectorAll('.descent-lab-chart')[i];
              const main = document.querySelector('[data-testid=stMain]');
              main.scrollBy(0, el.getBoundingClientRect().top - 170);
            }""",
            chart,
        )
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.mouse.move(WIDTH - 2, HEIGHT - 2)  # no hover label in the picture
    page.wait_for_timeout(600)
    page.screenshot(path=f"{SHOTS}/{name}.png")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_is_drawn_and_legible(page: Page, app_url: str, lang: str):
    open_page(page, app_url, f"lang={lang}")
    assert not page.locator("[data-testid='stException']").count()
    charts = page.evaluate(DRAWN_CHARTS)
    types = [c["types"] for c in charts]
    assert types[0] == ["contour", "scatter"]
    assert types[1] == ["surface", "scatter3d"]
    assert types[2][0] == "contour" and types[2].count("scatter") == 3 * 2 + 2
    assert set(types[3]) == {"scatter"} and len(types[3]) == 3 * 2 + 1
    assert types[5][0] == types[6][0] == "contour"
    assert charts[0]["columns"] == 31  # the default grid
    for i, c in enumerate(charts):
        assert c["chart"]["r"] <= WIDTH, i
        for right in c["colorbars"]:  # inside its chart, never clipped
            assert right <= c["chart"]["r"] + 0.5, i
        if c["legend"] and c["plot"]:  # legends above their plots
            assert c["legend"]["b"] <= c["plot"]["t"] + 1, i
    title = page.locator(".st-key-dl-title").inner_text()
    assert t("landscape", lang) in title or "损失地形" in title
    shot(page, f"landscape-top-{lang}")
    shot(page, f"landscape-paths-{lang}", chart=2)
    shot(page, f"landscape-sharp-{lang}", chart=4)
    shot(page, f"landscape-sharp-planes-{lang}", chart=5)


def test_a_finer_grid_redraws_the_plane(page: Page, app_url: str) -> None:
    open_page(page, app_url, "lang=en&res=21")
    assert page.evaluate(DRAWN_CHARTS)[0]["columns"] == 21
    key = state.w_ls("resolution").replace(".", "-")
    page.locator(f".st-key-{key} button").filter(has_text="51×51").click()
    page.wait_for_function(
        f"() => ({DRAWN_CHARTS})()[0].columns === 51", timeout=60_000
    )
    page.wait_for_selector(IDLE, timeout=60_000)
    assert "res=51" in page.url  # the address follows


def test_a_new_net_says_it_compiles(page: Page, app_url: str) -> None:
    """A shape no other test trains: its loop compiles, and the page says so."""
    note = t("ls_compiling", "en", methods="@").split("@")[0]
    page.goto(f"{app_url}/landscape?lang=en&hidden=5,4,3&m=gd:0.5&steps=100")
    page.get_by_text(note).first.wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(ALL_DRAWN, timeout=120_000)
    assert not page.get_by_text(note).count()  # gone once trained


def test_a_bad_link_is_named_and_the_page_still_draws(page: Page, app_url: str):
    open_page(page, app_url, "lang=en&points=abc&res=17&m=gd:0.5,foo")
    warning = page.locator("[data-testid='stMain'] [data-testid='stAlert']").first
    text = warning.inner_text()
    assert t("ls_notices", "en") in text
    for given in ("abc", "17", "foo"):
        assert given in text
    assert page.evaluate(DRAWN_CHARTS)[0]["columns"] == 31  # the default grid
