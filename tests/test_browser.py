"""In a real browser: the chart shows, sliders repaint the path, divergence is calm."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

IDLE = "[data-test-script-state='notRunning']"
CONTOUR = ".js-plotly-plot"


# Trace 4 is the first optimizer's path (contour, click grid, minima, start);
# its x arrives as {dtype, bdata}, so compare the JSON of what was sent.
PATH_X = "() => JSON.stringify(document.querySelector('.js-plotly-plot').data[4].x)"


def path_x(page: Page) -> str:
    return page.evaluate(PATH_X)


def open_app(page: Page, app_url: str, requests: list[str]) -> None:
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(CONTOUR, timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data?.length > 4",
        timeout=30_000,
    )


def lr_slider(page: Page):
    section = page.locator("[data-testid='stExpander']", has_text="Gradient descent")
    return section.get_by_role("slider").first


def test_chart_slider_and_divergence(page: Page, app_url: str) -> None:
    requests: list[str] = []
    open_app(page, app_url, requests)
    expect(page.locator(CONTOUR).first).to_be_visible()
    before = path_x(page)

    slider = lr_slider(page)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"(old) => ({PATH_X})() !== old", arg=before, timeout=30_000)
    page.wait_for_selector(IDLE)
    assert path_x(page) != before

    slider.press("End")  # the largest learning rate: GD flies off the valley
    expect(page.get_by_text("diverged at step").first).to_be_visible(timeout=30_000)
    page.wait_for_selector(IDLE)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0

    hosts = {
        urlparse(u).hostname
        for u in requests
        if urlparse(u).scheme in ("http", "https", "ws", "wss")
    }
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
