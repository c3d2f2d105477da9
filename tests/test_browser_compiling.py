"""In the browser: a pair that must compile says so on the map, in the
viewer's language, and the note goes once the paths are drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scenes import Run, Scene
from tests.browserhelp import HEIGHT, SHOTS, WIDTH, address, settled
from ui.names import surface_name
from ui.texts import t

NOTE = ".st-key-dl-compiling [data-testid='stAlert']"
# Remembers whether the note was ever on the page, however briefly, and
# whether the new map was drawn while it was (the map first, the paths once
# they compile): the back layer's contour with no path on the front one.
WATCH = f"""
new MutationObserver(() => {{
  if (!document.querySelector("{NOTE}")) return;
  window.sawCompilingNote = true;
  const back = document.querySelector(".descent-lab-back");
  const front = document.querySelector(".descent-lab-front");
  const drawn = (el) => el && el._fullData ? el._fullData : [];
  if (drawn(back).some((t) => t.type === "contour")
      && !drawn(front).some((t) => t.meta === "path")) window.sawMapFirst = true;
}}).observe(document, {{ childList: true, subtree: true, attributes: true }});
"""
SAW = "() => window.sawCompilingNote === true"


@pytest.mark.parametrize(
    ("lang", "run"),
    [
        ("en", Run("amsgrad", choices={"schedule": "exponential"})),
        ("zh", Run("nadam", choices={"schedule": "inverse_time"})),
    ],
)
def test_a_compile_shows_a_note_on_the_map(
    browser: Browser, app_url: str, lang: str, run: Run
) -> None:
    # A pair no other test opens, so this server has not compiled it yet.
    scene = Scene(surface="goldstein_price", start=(-1.0, 1.5), runs=(run,))
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        page.goto(address(app_url, scene, lang))
        note = page.wait_for_selector(NOTE, timeout=60_000)
        assert t("compiling", lang, runs="")[:4] in note.inner_text()
        Path(SHOTS).mkdir(exist_ok=True)
        page.screenshot(path=f"{SHOTS}/compiling-{lang}.png")
        settled(page)
        assert page.locator(NOTE).count() == 0
        assert page.evaluate(SAW)
        # Warm now: the same scene again compiles nothing and shows no note.
        page.reload()
        settled(page)
        assert not page.evaluate(SAW)
    finally:
        context.close()


def test_a_new_surface_shows_its_map_before_its_paths(
    browser: Browser, app_url: str
) -> None:
    """Switching to a surface whose runs must compile: the new map is drawn at
    once (no paths yet) under the note, and the paths follow."""
    run = Run("adadelta", choices={"schedule": "cyclic"})  # no other test's pair
    scene = Scene(surface="booth", start=(1.0, -2.0), runs=(run,))
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.add_init_script(WATCH)
        page.goto(address(app_url, scene, "en"))
        settled(page)  # plotly.js loaded, booth's runner compiled
        page.evaluate("() => { window.sawMapFirst = false; }")
        page.locator("[data-testid='stSelectbox']", has_text="Surface").click()
        page.keyboard.type(surface_name("three_hump_camel", "en"))
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.sawMapFirst === true", timeout=60_000)
        settled(page)
        assert page.locator(NOTE).count() == 0
        assert "s=three_hump_camel" in page.url
    finally:
        context.close()
