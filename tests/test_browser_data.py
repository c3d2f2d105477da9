"""In the browser, on a data surface: the faint level lines of the step's
mini-batch are that batch's loss, drawn when paused or scrubbed and hidden
while playing; the data view follows the map's play bar."""

from __future__ import annotations

import time

import numpy as np
import pytest
from playwright.sync_api import Browser

from optimizers import run
from optimizers.batches import PAD
from scenes import Run, Scene
from surfaces import get_surface
from tests.browserhelp import DRAWN, HEIGHT, IDLE, SHOTS, WIDTH, address

STEPS = 90
SCENE = Scene(
    surface="logistic_regression",
    steps=STEPS,
    surface_params={"n_points": 40.0},
    runs=(Run("gd", {"lr": 0.5, "batch_size": 6.0, "seed": 4.0}), Run("gd")),
)
# The batch trace of the map's front layer: its visibility and z.
BATCH = """() => {
  const root = document.querySelectorAll('.descent-lab-chart')[0];
  if (!root) return null;
  const front = root.querySelector('.descent-lab-front') || root;
  const trace = (front.data || []).find((t) => t.meta === 'batch');
  if (!trace) return null;
  return {visible: trace.visible,
          z: trace.z ? Array.from(trace.z, (row) => Array.from(row)) : null};
}"""
# The step the play bar shows, by its frame's name.
SHOWN = """() => {
  const bar = document.querySelector('.descent-lab-controls');
  const range = bar && bar.querySelector('.descent-lab-step');
  return bar && bar.__names ? bar.__names[Number(range.value)] : null;
}"""
# The data view's ring (the step's batch), as x values.
RING = """() => {
  const root = document.querySelectorAll('.descent-lab-chart')[1];
  const data = root && root.data;
  return data ? Array.from(data[data.length - 1].x) : null;
}"""
SCRUB = """(i) => {
  const range = document.querySelector('.descent-lab-step');
  range.value = String(i);
  range.dispatchEvent(new Event('input'));
  return document.querySelector('.descent-lab-controls').__names[i];
}"""


@pytest.fixture
def page(browser: Browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    yield context.new_page()
    context.close()


FIRST = dict(SCENE.runs[0].hyper)


def plan_of_scene(hyper: dict = FIRST):
    surface = get_surface("logistic_regression")
    params = dict(SCENE.surface_params)
    t = run(surface, "gd", steps=STEPS, surface_params=params, **hyper)
    return surface, params, t.batches


def batch_of(step: int, hyper: dict = FIRST) -> np.ndarray:
    _, _, plan = plan_of_scene(hyper)
    row = plan.indices[min(step, STEPS - 1)]
    return row[row != PAD]


def expected_heights(step: int, hyper: dict = FIRST) -> np.ndarray:
    """What the browser must draw for ``step``: as ui/assets/batch.js computes
    it, from Python's own batch loss (surfaces/data_surface.py)."""
    surface, params, _ = plan_of_scene(hyper)
    chosen = batch_of(step, hyper)
    values = surface.param_values(params)
    weights = np.zeros(len(values["_mask"]))
    weights[chosen] = 1.0 / len(chosen)
    (x0, x1), (y0, y1) = surface.domain
    ws, bs = np.linspace(x0, x1, 41), np.linspace(y0, y1, 41)
    grid = np.array(
        [
            [float(surface.batch_loss(np.array([w, b]), values, weights)) for w in ws]
            for b in bs
        ]
    )
    floor = max(1e-9, 1e-4 * (grid.max() - grid.min()))
    return np.log10(grid - grid.min() + floor)


def expected_ring(step: int) -> np.ndarray:
    surface, params, _ = plan_of_scene()
    return surface.data_at(params).inputs[batch_of(step), 0]


def eventually(page, check, timeout: float = 10.0) -> bool:
    """Poll ``check()`` (Python) until true: the browser restyles a frame later."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        page.wait_for_timeout(100)
    return False


def shows_batch_of(page, step: int, hyper: dict = FIRST) -> bool:
    state = page.evaluate(BATCH)
    if not state or state["visible"] is not True or state["z"] is None:
        return False
    expected = expected_heights(step, hyper)
    return bool(np.allclose(state["z"], expected, atol=1e-9, rtol=0))


def rings_batch_of(page, step: int) -> bool:
    ring = page.evaluate(RING)
    return ring is not None and np.allclose(ring, expected_ring(step), rtol=1e-6)


def drawn(page) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_function(f"() => ({BATCH})() !== null")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_batch_surface_is_the_batchs_loss(page, app_url: str, lang: str) -> None:
    page.goto(address(app_url, SCENE, lang))
    drawn(page)
    assert page.evaluate(SHOWN) == str(STEPS)
    assert eventually(page, lambda: shows_batch_of(page, STEPS))
    name = page.evaluate(SCRUB, 20)
    assert eventually(page, lambda: shows_batch_of(page, int(name)))
    # The data view shows that step too: its ring is that step's batch.
    assert eventually(page, lambda: rings_batch_of(page, int(name)))
    page.screenshot(path=f"{SHOTS}/data-batch-{lang}.png")


def test_the_batch_surface_hides_while_playing(page, app_url: str) -> None:
    page.goto(address(app_url, SCENE))
    drawn(page)
    page.evaluate(SCRUB, 0)
    page.locator(".descent-lab-play").click()
    page.wait_for_function(f"() => ({BATCH})().visible === false")
    seen = set()
    for _ in range(5):  # the data view moves along with the markers
        page.wait_for_timeout(150)
        seen.add(tuple(page.evaluate(RING) or ()))
    assert len(seen) >= 3
    page.locator(".descent-lab-pause").click()
    page.wait_for_function(f"() => ({BATCH})().visible === true")
    step = int(page.evaluate(SHOWN))
    assert eventually(page, lambda: shows_batch_of(page, step))
    assert eventually(page, lambda: rings_batch_of(page, step))


def test_the_data_view_and_epochs_are_on_the_page(page, app_url: str) -> None:
    page.goto(address(app_url, SCENE))
    drawn(page)
    metas = page.evaluate(
        """() => {
      const root = document.querySelectorAll('.descent-lab-chart')[0];
      const front = root.querySelector('.descent-lab-front') || root;
      return front.data.map((t) => t.meta || '');
    }"""
    )
    assert metas.count("epochs") == 1  # the mini-batch run's epoch marks
    names = page.evaluate(
        "() => document.querySelectorAll('.descent-lab-chart')[1].data.map(t => t.name)"
    )
    assert len(names) == 5  # two classes, two runs' curves, the batch ring
    assert all(names)
    # The narrow data view's legend wraps: it must stay off the x axis' title.
    apart = page.evaluate(LEGEND_CLEAR)
    assert apart is True, f"the data view's legend overlaps its x title: {apart}"


# The data view (second chart): its legend's box and its x title's do not meet.
LEGEND_CLEAR = """() => {
  const chart = document.querySelectorAll('.descent-lab-chart')[1];
  const legend = chart.querySelector('.legend').getBoundingClientRect();
  const title = chart.querySelector('.g-xtitle').getBoundingClientRect();
  const meet = legend.left < title.right && title.left < legend.right
    && legend.top < title.bottom && title.top < legend.bottom;
  return meet ? [legend.top, legend.bottom, title.top, title.bottom] : true;
}"""


QUICK = (
    "() => document.querySelectorAll('.descent-lab-chart')[0].__descentLab.quick || 0"
)


def test_a_batch_size_move_paints_quickly_and_draws_its_new_batches(
    page, app_url: str
) -> None:
    """K changes the batch plan (layout.meta.batch), which only batch.js reads:
    the move still takes the quick update, and the full draw after it hands
    the new plan to the batch surface."""
    page.goto(address(app_url, SCENE))
    drawn(page)
    quick = page.evaluate(QUICK)
    url = page.url
    slider = page.locator(".st-key-runpanel0").get_by_role("slider").nth(1)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function("(old) => location.href !== old", arg=url, timeout=30_000)
    drawn(page)
    assert page.evaluate(QUICK) == quick + 1
    moved = dict(FIRST, batch_size=FIRST["batch_size"] + 1)
    assert f"batch_size:{moved['batch_size']:g}" in page.url
    name = page.evaluate(SCRUB, 20)
    assert eventually(page, lambda: shows_batch_of(page, int(name), moved))


EXPORTED_BATCH = """() => {
  const front = document.querySelector('#front');
  const trace = front && (front.data || []).find((t) => t.meta === 'batch');
  if (!trace) return null;
  return {visible: trace.visible,
          z: trace.z ? Array.from(trace.z, (row) => Array.from(row)) : null};
}"""


# Pixels from the exported map's right edge to its colour bar's left edge.
MAP_TO_COLORBAR = """() => {
  const full = document.querySelector('#front')._fullLayout;
  const right = full.xaxis._offset + full.xaxis._length;
  const bar = document.querySelector('#back .colorbar').getBoundingClientRect();
  return bar.left - (document.querySelector('#front').getBoundingClientRect().left
    + right);
}"""


def test_the_exported_page_draws_the_batch_surface_too(
    browser: Browser, app_url: str, tmp_path
) -> None:
    """The HTML export of a mini-batch scene, opened from the file: scrubbing
    draws the step's batch loss there as in the app."""
    from ui.texts import t

    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, accept_downloads=True
    )
    try:
        page = context.new_page()
        page.goto(address(app_url, SCENE))
        drawn(page)
        page.get_by_text(t("export", "en")).click()
        button = page.get_by_role("button", name=t("export_html", "en"))
        with page.expect_download(timeout=60_000) as download:
            button.click()
        path = tmp_path / "descent-lab.html"
        download.value.save_as(path)
        page.goto(path.as_uri())
        page.wait_for_function(f"() => ({EXPORTED_BATCH})() !== null")
        name = page.evaluate(SCRUB, 20)

        def shown() -> bool:
            state = page.evaluate(EXPORTED_BATCH)
            if not state or state["visible"] is not True or state["z"] is None:
                return False
            want = expected_heights(int(name))
            return bool(np.allclose(state["z"], want, atol=1e-9, rtol=0))

        assert eventually(page, shown)
        page.screenshot(path=f"{SHOTS}/data-export-batch.png")
        # The box is not square (w over [-4, 8], b over [-12, 4]): the colour
        # bar sits beside the narrower map, not at the page's right edge.
        gap = page.evaluate(MAP_TO_COLORBAR)
        assert 0 <= gap <= 30, f"colour bar {gap:.0f} px right of the map"
    finally:
        context.close()
