"""In the browser: a function typed by the teacher is drawn and run; bad
text is said in place and the last good function stays drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from scenes import TYPED, Run, Scene
from tests.browserhelp import HEIGHT, PATHS, WIDTH, address, paths, settled
from ui import state
from ui.texts import t

FIELD = f".st-key-{state.W_FUNCTION.replace('.', '-')} input"
ERROR = "[data-testid='stSidebar'] [data-testid='stAlert']"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_type_a_function_then_a_wrong_one(browser: Browser, app_url: str, lang) -> None:
    scene = Scene(surface=TYPED, expression="x^2 + y^2", runs=(Run("gd"), Run("adam")))
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(address(app_url, scene, lang))
        settled(page)
        bowl = paths(page)
        field = page.locator(FIELD)
        field.fill("(1-x)^2 + 100(y-x^2)^2")
        field.press("Enter")
        page.wait_for_function(f"(old) => ({PATHS})() !== old", arg=bowl)
        settled(page)
        valley = paths(page)
        assert valley != bowl
        assert "s=typed" in page.url and "100" in page.url
        field.fill("x^2 + sin(y")
        field.press("Enter")
        page.wait_for_selector(ERROR, timeout=30_000)
        settled(page)
        assert t("typed_problem", lang, column=12) in page.locator(ERROR).inner_text()
        assert field.input_value() == "x^2 + sin(y"  # kept, to be mended
        assert paths(page) == valley  # the last good function stays drawn
    finally:
        context.close()
