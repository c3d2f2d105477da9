"""In the browser, on a data surface: the faint level lines of the step's
mini-batch are that batch's loss, drawn when paused or scrubbed and hidden
while playing; the data view follows the map's play bar."""

from __future__ import annotations

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
# The batch trace of the map's front layer: its z and visibility, and which
# step's batch the chart says it drew.
BATCH = """() => {
  const root = document.querySelectorAll('.descent-lab-chart')[0];
  if (!root) return null;
  const front = root.querySelector('.descent-lab-front') || root;
  const trace = (front.data || []).find((t) => t.meta === 'batch');
  if (!trace) return null;
  return {step: root.dataset.batchStep || '', visible: trace.visible,
          z: trace.z ? Array.from(trace.z, (row) => Array.from(row)) : null};
}"""
FOLLOWED = (
    "() => document.querySelectorAll('.descent-lab-chart')[1].dataset.followedStep"
)
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


def expected_heights(step: int) -> np.ndarray:
    """What the browser must draw for ``step``: as ui/assets/batch.js computes
    it, from Python's own batch loss (surfaces/data_surface.py)."""
    surface = get_surface("logistic_regression")
    params = dict(SCENE.surface_params)
    t = run(surface, "gd", steps=STEPS, surface_params=params, **SCENE.runs[0].hyper)
    row = t.batches.indices[min(step, STEPS - 1)]
    chosen = row[row != PAD]
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


def drawn(page) -> None:
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_function(DRAWN, timeout=60_000)
    page.wait_for_function(f"() => ({BATCH})() && ({BATCH})().step !== ''")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_batch_surface_is_the_batchs_loss(page, app_url: str, lang: str) -> None:
    page.goto(address(app_url, SCENE, lang))
    drawn(page)
    first = page.evaluate(BATCH)
    assert first["visible"] is True and first["step"] == str(STEPS)
    np.testing.assert_allclose(first["z"], expected_heights(STEPS), atol=1e-9)
    name = page.evaluate(SCRUB, 20)
    page.wait_for_function(f"(n) => ({BATCH})().step === n", arg=name)
    shown = page.evaluate(BATCH)
    np.testing.assert_allclose(shown["z"], expected_heights(int(name)), atol=1e-9)
    assert page.evaluate(FOLLOWED) == name  # the data view shows that step too
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
        seen.add(page.evaluate(FOLLOWED))
    assert len(seen) >= 3
    page.locator(".descent-lab-pause").click()
    page.wait_for_function(f"() => ({BATCH})().visible === true")
    state = page.evaluate(BATCH)
    np.testing.assert_allclose(
        state["z"], expected_heights(int(state["step"])), atol=1e-9
    )
    assert page.evaluate(FOLLOWED) == state["step"]


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
