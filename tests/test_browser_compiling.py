"""In the browser: a pair that must compile says so on the map, in the
viewer's language, and the note goes once the paths are drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scenes import Run, Scene
from tests.browserhelp import HEIGHT, SHOTS, WIDTH, address, settled
from ui.texts import t

NOTE = ".st-key-dl-compiling [data-testid='stAlert']"
# Remembers whether the note was ever on the page, however briefly.
WATCH = f"""
new MutationObserver(() => {{
  if (document.querySelector("{NOTE}")) window.sawCompilingNote = true;
}}).observe(document, {{ childList: true, subtree: true }});
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
