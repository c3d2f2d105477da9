"""A link straight to a page, the first thing a fresh server is asked for,
runs the whole app: the language and the scene of the link, our page list
(server.py; Streamlit's pages/ folder convention must not kick in)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from bench import serve
from tests.browserhelp import HEIGHT, IDLE, WIDTH
from tests.conftest import chromium_path
from ui.texts import t


@pytest.fixture
def fresh_url():
    chromium_path()
    proc, url = serve.start("app.py", env={"DESCENT_LAB_WARMUP": "0"}, timeout=60)
    yield url
    serve.stop(proc)


def test_a_page_link_to_a_fresh_server_runs_the_whole_app(
    browser: Browser, fresh_url: str
) -> None:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(f"{fresh_url}/calculus?s=parabola&x=2&lang=zh")
        page.wait_for_selector(IDLE, timeout=60_000)
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        for name in ("playground", "calculus", "gallery", "about"):
            assert t(name, "zh") in nav
        assert "playground" not in nav  # not the file names
        body = page.locator("[data-testid='stMain']").inner_text()
        assert t("calc_point", "zh", point="(2)") in body  # the link's scene
        page.goto(f"{fresh_url}/about?lang=en")
        page.wait_for_selector(IDLE, timeout=60_000)
        assert (
            t("about", "en")
            in page.locator("[data-testid='stSidebarNav']").inner_text()
        )
    finally:
        context.close()
