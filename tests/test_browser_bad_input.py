"""In the browser: what a student types that is not a number changes nothing
but a notice, and the highest seed with the widest fan keeps every setting."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser

from optimizers.base import SEED
from scenes import Run, Scene
from scenes.limits import FAN_MOST
from tests.browserhelp import HEIGHT, WIDTH, address, paths, settled
from ui import state

# Streamlit writes a widget's key into a class, dots as dashes.
START_X = f".st-key-{state.w_start(0).replace('.', '-')} input"
WARNING = "[data-testid='stSidebar'] [data-testid='stAlert']"


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def first_x(page) -> list[float]:
    return [p["x"][0] for p in json.loads(paths(page))]


@pytest.mark.parametrize("text", ["abc", "1,5", "1e309", "nan", "inf"])
def test_a_typed_start_that_is_no_number_changes_nothing(
    page, app_url: str, text: str
) -> None:
    scene = Scene(surface="valley", start=(-1.5, 2.0), runs=(Run("gd"),))
    page.goto(address(app_url, scene))
    settled(page)
    field = page.locator(START_X)
    assert field.input_value() == "-1.5"
    field.fill(text)
    field.press("Enter")
    page.wait_for_selector(WARNING, timeout=30_000)
    settled(page)
    assert text in page.locator(WARNING).inner_text()
    assert field.input_value() == "-1.5"  # the field shows the kept value
    assert first_x(page) == [-1.5]
    assert "x=-1.5" in page.url  # the link still holds the scene


def test_the_highest_seed_and_widest_fan_draw_every_seed(page, app_url: str) -> None:
    top = int(SEED.high)
    noisy = Run("gd", {"lr": 0.03, "noise": 0.7, "seed": top}, fan=FAN_MOST)
    page.goto(address(app_url, Scene(surface="saddle", runs=(noisy,))))
    settled(page)
    fans = page.evaluate(
        "() => document.querySelector('.descent-lab-front')._fullData"
        ".filter((t) => t.meta === 'fan').length"
    )
    assert fans == FAN_MOST - 1
    assert page.locator("[data-testid='stAlert']").count() == 0
    assert f"seed:{top}" in page.url and f"fan:{FAN_MOST}" in page.url
