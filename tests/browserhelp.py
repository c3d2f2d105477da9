"""Helpers for the browser tests of the scene: addresses, waits, measurements."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from scenes import GALLERY, Scene

IDLE = "[data-test-script-state='notRunning']"
# A chart marks itself aria-busy while it draws a figure (ui/assets/chart.js).
DRAWN = "() => !document.querySelector(\".descent-lab-chart[aria-busy='true']\")"
FRONT = ".descent-lab-front"
LINK_FIELD = ".descent-lab-link input"
SHOTS = "/tmp/browser_shots"
WIDTH, HEIGHT = 1280, 720


def address(app_url: str, scene: Scene, lang: str = "en") -> str:
    """The app's address for ``scene`` (as the link component writes it)."""
    return f"{app_url}/?" + urlencode(scene.to_query() | {"lang": lang}, safe=",:")


def default_scene(present: bool = False) -> Scene:
    scene = Scene()
    return replace(scene, view=replace(scene.view, present=present))


def lesson_scene(key: str, present: bool = False) -> Scene:
    scene = GALLERY[key].scene
    return replace(scene, view=replace(scene.view, present=present))


# Every path on the map (front layer, meta 'path'): x and y as plain numbers,
# so that a figure drawn afresh and one updated by Plotly.react compare equal.
PATHS = """() => {
  const front = document.querySelector('.descent-lab-front');
  if (!front || !front._fullData) return null;
  return JSON.stringify(front._fullData.filter((t) => t.meta === 'path')
    .map((t) => ({name: t.name, x: Array.from(t.x), y: Array.from(t.y)})));
}"""


def paths(page: Page) -> str | None:
    return page.evaluate(PATHS)


def settled(page: Page, timeout: float = 60_000) -> None:
    """The script is idle, the map shows paths and no chart is still drawing.

    A timeout fails with what the page showed (and a screenshot), so a rare
    failure in CI can be read rather than guessed at."""
    try:
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_function(
            f"() => {{ const p = ({PATHS})(); return p !== null && p !== '[]'; }}",
            timeout=timeout,
        )
        page.wait_for_function(DRAWN, timeout=timeout)
        page.wait_for_selector(IDLE, timeout=timeout)
    except PlaywrightTimeout as error:
        raise AssertionError(f"page not settled: {page_state(page)}") from error


# What a page shows when a wait fails: the script's state, each chart (busy,
# its traces by meta, its draw record), alerts, exceptions and the
# standard-chart fallback.
STATE = """() => {
  const q = (s) => Array.from(document.querySelectorAll(s));
  const run = document.querySelector('[data-test-script-state]');
  return {
    script: run ? run.getAttribute('data-test-script-state') : null,
    charts: q('.descent-lab-chart').map((c) => ({
      busy: c.getAttribute('aria-busy'),
      text: c.textContent.slice(0, 200),
      layers: Array.from(c.querySelectorAll('.js-plotly-plot')).map((p) =>
        (p._fullData || []).map((t) => t.meta || t.type).join(',')),
      // ui/assets/chart.js's own record: the figure last received and last
      // drawn in full, draws asked for, quick updates, a draw under way.
      own: ((s) => s && {signature: s.signature, drawn: s.drawn, calls: s.calls,
        job: s.job, quick: s.quick, drawing: Boolean(s.drawing)})(c.__descentLab),
    })),
    alerts: q('[data-testid=stAlert]').map((a) => a.innerText.slice(0, 200)),
    exceptions: q('[data-testid=stException]').map((e) => e.innerText.slice(0, 400)),
    plain: q('[data-testid=stPlotlyChart]').length,
    url: location.href,
  };
}"""


def page_state(page: Page) -> str:
    Path(SHOTS).mkdir(exist_ok=True)
    shot = f"{SHOTS}/not-settled-{time.time_ns()}.png"
    try:
        page.screenshot(path=shot)
        return f"{page.evaluate(STATE)} (screenshot {shot})"
    except Exception as error:  # the report must not hide the first failure
        return f"unreadable ({error})"


def open_scene(page: Page, url: str) -> None:
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(url)
    settled(page)


def lr_slider(page: Page, run: int = 0):
    """The learning-rate slider of a run's panel (the first slider in it)."""
    return page.locator(f".st-key-runpanel{run}").get_by_role("slider").first


def nudge(page: Page, run: int = 0, key: str = "ArrowRight") -> None:
    """One key press on a run's learning rate; returns once the new paths are
    drawn and the script is idle again."""
    before = paths(page)
    slider = lr_slider(page, run)
    slider.focus()
    slider.press(key)
    page.wait_for_function(f"(old) => ({PATHS})() !== old", arg=before, timeout=30_000)
    settled(page)


def sidebar_collapsed(page: Page) -> bool:
    return (
        page.locator("[data-testid='stSidebar']").get_attribute("data-collapsed")
        == "true"
    )


def collapse_sidebar(page: Page) -> None:
    if not sidebar_collapsed(page):
        page.locator("[data-testid='stSidebar']").hover()
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]')"
        ".getBoundingClientRect().right <= 0"
    )
    page.mouse.move(WIDTH - 2, HEIGHT - 2)  # no hover effects in screenshots
    quiet(page)


def expand_sidebar(page: Page) -> None:
    if sidebar_collapsed(page):
        page.locator("[data-testid='stExpandSidebarButton']").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stSidebar]')"
        ".getBoundingClientRect().left >= 0"
    )
    quiet(page)


def quiet(page: Page, ms: int = 1200) -> None:
    """Time for transitions, debounced resizes and redraws to finish."""
    page.wait_for_timeout(ms)
    page.wait_for_function(DRAWN)


def eventually(page: Page, js: str, arg=None, timeout: float = 10_000) -> bool:
    """Whether ``js`` (a function of ``arg``) turns true within ``timeout`` ms."""
    try:
        page.wait_for_function(js, arg=arg, timeout=timeout)
    except PlaywrightTimeout:
        return False
    return True


def box(page: Page, selector: str, index: int = 0) -> dict | None:
    """The viewport box of the index-th element matching ``selector``."""
    return page.evaluate(
        """([s, i]) => {
            const el = document.querySelectorAll(s)[i];
            if (!el) return null;
            const b = el.getBoundingClientRect();
            return {left: b.left, top: b.top, right: b.right, bottom: b.bottom,
                    width: b.width, height: b.height};
        }""",
        [selector, index],
    )


def outside(b: dict, width: int = WIDTH, height: int = HEIGHT) -> list[str]:
    """The sides of box ``b`` that leave the viewport (half-pixel tolerance)."""
    sides = []
    if b["top"] < -0.5:
        sides.append(f"top {b['top']:.0f} < 0")
    if b["left"] < -0.5:
        sides.append(f"left {b['left']:.0f} < 0")
    if b["bottom"] > height + 0.5:
        sides.append(f"bottom {b['bottom']:.0f} > {height}")
    if b["right"] > width + 0.5:
        sides.append(f"right {b['right']:.0f} > {width}")
    return sides


SCROLLED = """() => {
  let s = window.scrollY + window.scrollX;
  const chart = document.querySelector('.descent-lab-chart');
  for (let a = chart && chart.parentElement; a; a = a.parentElement) {
    s += (a.scrollTop || 0) + (a.scrollLeft || 0);
  }
  return s;
}"""
