"""The backprop page in chromium at 1280×720: stepping with the buttons and the
keyboard to the final gradients, a refused input, and every graph's last step
with no label on another label or on a node (screenshots in /tmp/browser_shots,
in both languages)."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from surfaces.graphs import GRAPHS, steps
from tests.browserhelp import HEIGHT, IDLE, SHOTS, WIDTH
from ui import state
from ui.texts import t

pytestmark = pytest.mark.browser

CHART = ".descent-lab-chart"
# The figure's annotations as drawn: {name: text} (tests may read plotly's
# private fields; the app does not).
LABELS = f"""() => {{
  const el = document.querySelector('{CHART}');
  if (!el || !el._fullLayout || !el._fullLayout.annotations) return null;
  const out = {{}};
  el._fullLayout.annotations.forEach((a) => {{ out[a.name] = a.text; }});
  return out;
}}"""
# Boxes of the labels with text, and the node circles (centre and radius).
BOXES = f"""() => {{
  const el = document.querySelector('{CHART}');
  const labels = [], circles = [];
  el.querySelectorAll('g.annotation').forEach((g) => {{
    const bg = g.querySelector('rect.bg'), text = g.querySelector('text');
    if (!bg || !text || !text.textContent) return;
    const b = bg.getBoundingClientRect();
    labels.push({{text: text.textContent, l: b.left, t: b.top, r: b.right,
                  b: b.bottom}});
  }});
  el.querySelectorAll('g.points path.point').forEach((p) => {{
    const b = p.getBoundingClientRect();
    circles.push({{x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2,
                   r: (b.right - b.left) / 2}});
  }});
  return {{labels, circles}};
}}"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


def open_graph(page: Page, app_url: str, graph: str, lang: str) -> None:
    page.goto(f"{app_url}/backprop?g={graph}&lang={lang}")
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(f"() => ({LABELS})() !== null", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def counter(lang: str, k: int, n: int) -> str:
    return t("bp_step_count", lang, k=k, n=n)


def wait_step(page: Page, lang: str, k: int, n: int) -> None:
    """The counter reads step k and the figure drawn is step k's."""
    page.get_by_text(counter(lang, k, n), exact=True).wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_function(
        f"() => !document.querySelector(\"{CHART}[aria-busy='true']\")",
        timeout=30_000,
    )


def button(page: Page, key: str):
    return page.locator(f".st-key-{key.replace('.', '-')} button")


def overlaps(page: Page) -> list[str]:
    """Labels on labels (more than a pixel), and labels on circles."""
    found = page.evaluate(BOXES)
    labels, circles = found["labels"], found["circles"]
    problems = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            dx = min(a["r"], b["r"]) - max(a["l"], b["l"])
            dy = min(a["b"], b["b"]) - max(a["t"], b["t"])
            if dx > 1 and dy > 1:
                problems.append(f"{a['text']!r} on {b['text']!r}")
        for c in circles:
            # The nearest point of the box to the circle's centre.
            nx = min(max(c["x"], a["l"]), a["r"])
            ny = min(max(c["y"], a["t"]), a["b"])
            if math.hypot(nx - c["x"], ny - c["y"]) < c["r"] - 1.5:
                problems.append(f"{a['text']!r} on a node at {c['x']:.0f}")
    return problems


def shot(page: Page, name: str) -> None:
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.mouse.move(WIDTH - 2, HEIGHT - 2)  # no hover label in the picture
    page.wait_for_timeout(300)
    page.screenshot(path=f"{SHOTS}/{name}.png")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_through_with_buttons_and_keys(page: Page, app_url: str, lang: str):
    open_graph(page, app_url, "sigmoid", lang)
    last = len(steps(GRAPHS["sigmoid"])) - 1
    wait_step(page, lang, 0, last)
    assert page.evaluate(LABELS)["value h1"] == "h₁"
    button(page, state.W_BP_NEXT).click()
    wait_step(page, lang, 1, last)
    assert page.evaluate(LABELS)["value h1"] == "h₁ = 0"
    for k in range(2, last + 1):  # the rest with the → key (Streamlit's shortcut)
        page.keyboard.press("ArrowRight")
        wait_step(page, lang, k, last)
        if k == last // 2:
            shot(page, f"backprop-sigmoid-step{k}-{lang}")
    final = page.evaluate(LABELS)
    assert final["grad w>h1"] == "0.25" and final["grad w"] == "0.25"
    assert final["grad b"] == "0.25" and final["grad x"] == "0"
    assert final["grad h6"] == "1"
    assert button(page, state.W_BP_NEXT).is_disabled()
    body = page.locator("[data-testid='stMain']").inner_text()
    assert t("bp_at_end", lang) in body
    shot(page, f"backprop-sigmoid-end-{lang}")
    page.keyboard.press("ArrowLeft")
    wait_step(page, lang, last - 1, last)
    page.keyboard.press("Home")
    wait_step(page, lang, 0, last)
    assert not [k for k in page.evaluate(LABELS) if k.startswith("grad")]


def test_keys_do_not_step_while_typing_and_bad_input_is_refused(
    page: Page, app_url: str
) -> None:
    open_graph(page, app_url, "sigmoid", "en")
    last = len(steps(GRAPHS["sigmoid"])) - 1
    field = page.locator(
        ".st-key-" + state.w_bp_input("sigmoid", "w").replace(".", "-") + " input"
    )
    field.fill("abc")
    field.press("ArrowRight")  # moves the caret, not the step
    field.press("Enter")
    page.wait_for_selector(IDLE, timeout=30_000)
    warning = page.locator("[data-testid='stSidebar'] [data-testid='stAlert']")
    warning.wait_for(timeout=30_000)
    assert "abc" in warning.inner_text() and "0" in warning.inner_text()
    assert field.input_value() == "0"
    wait_step(page, "en", 0, last)
    assert not page.locator("[data-testid='stException']").count()
    field.fill("1")
    field.press("Enter")
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_function(f"() => ({LABELS})()['value w'] === '1'", timeout=30_000)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("graph", list(GRAPHS))
def test_every_graph_at_its_end_is_legible(
    page: Page, app_url: str, graph: str, lang: str
) -> None:
    open_graph(page, app_url, graph, lang)
    last = len(steps(GRAPHS[graph])) - 1
    page.keyboard.press("End")
    wait_step(page, lang, last, last)
    labels = page.evaluate(LABELS)
    for edge in GRAPHS[graph].edges:
        assert re.fullmatch(r"-?[\d.e+-]+", labels[f"grad {edge.src}>{edge.dst}"])
    if graph == "fan_in":
        assert labels["grad x"] == "0.2 + (-0.16) = 0.04"
    chart = page.locator(CHART).bounding_box()
    assert chart and chart["x"] + chart["width"] <= WIDTH
    shot(page, f"backprop-{graph}-end-{lang}")
    assert not overlaps(page), overlaps(page)
