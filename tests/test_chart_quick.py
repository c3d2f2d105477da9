"""In a real browser: a slider move paints the moved path first (the quick
update), and the full draw that follows leaves the map as a full draw would."""

import pytest
from playwright.sync_api import Page

from tests.browserhelp import DRAWN, IDLE
from tests.test_browser import lr_slider, nudge_learning_rate, open_app

pytestmark = pytest.mark.browser

SETTLED = DRAWN

# What the test reads from the map: its paths' layer is the front one on a
# contour map (the map behind it), the chart itself on a 1-D curve.
STATE = """() => {
  const root = document.querySelector('.descent-lab-chart');
  const front = root.querySelector('.descent-lab-front') || root;
  const order = [...front.querySelectorAll('.scatterlayer > g.trace')]
    .map((g) => g.__data__[0].trace.index);
  const path = front._fullData.find((t) => t.meta === 'path');
  const marker = front._fullData
    .filter((t) => t.mode === 'markers' && t.showlegend === false)[0];
  // The frame's entry for that marker (a 1-D frame moves tangents first).
  const third = front._transitionData._frames[2];
  const early = third.data[third.traces.indexOf(marker.index)];
  return {
    quick: root.__descentLab.quick || 0,
    frame: [early.x[0], early.y[0]],
    order,
    path: Array.from(path.x).join(','),
    end: [path.x[path.x.length - 1], path.y[path.y.length - 1]],
    marker: [marker.x[0], marker.y[0]],
  };
}"""


# When the first path is redrawn, the stacking order of the traces then (the
# quick update's, before the full draw follows).
WATCH = """() => {
  window.__quickOrder = null;
  const root = document.querySelector('.descent-lab-chart');
  const front = root.querySelector('.descent-lab-front') || root;
  const layer = front.querySelector('.scatterlayer');
  const seen = new MutationObserver(() => {
    seen.disconnect();
    window.__quickOrder = [...layer.querySelectorAll(':scope > g.trace')]
      .map((g) => g.__data__[0].trace.index);
  });
  seen.observe(layer, { attributes: true, attributeFilter: ['d'], subtree: true });
}"""


def state(page: Page) -> dict:
    page.wait_for_function(SETTLED)
    return page.evaluate(STATE)


@pytest.mark.parametrize("query", ["", "?s=parabola"], ids=["2-D", "1-D"])
def test_a_slider_move_draws_quickly_then_fully(
    page: Page, app_url: str, query: str
) -> None:
    open_app(page, app_url + "/" + query, [])
    page.wait_for_function(SETTLED)
    assert state(page)["quick"] == 0  # a first draw is a full one
    before = state(page)
    page.evaluate(WATCH)
    nudge_learning_rate(page)
    after = state(page)
    assert after["quick"] == 1  # the moved path went first
    # The traces kept their stacking order then (plotly.js lifts the traces an
    # animation is given above the others), and after the full draw.
    quick = page.evaluate("() => window.__quickOrder")
    assert quick == sorted(quick) and len(quick) == len(after["order"])
    assert after["order"] == sorted(after["order"])
    assert after["path"] != before["path"]
    assert after["marker"] == pytest.approx(after["end"])

    # The frames that followed are the new path's: its marker a few steps in
    # moved too, and scrubbing to the first step and back ends where it ends.
    assert after["frame"] != pytest.approx(before["frame"], abs=1e-6)
    step = page.locator(".descent-lab-step").first
    step.focus()
    step.press("Home")
    page.wait_for_function(
        f"(end) => Math.abs(({STATE})().marker[0] - end[0]) > 1e-6",
        arg=after["end"],
    )
    step.press("End")
    page.wait_for_function(
        f"(end) => Math.abs(({STATE})().marker[0] - end[0]) < 1e-9",
        arg=after["end"],
    )
    assert state(page)["marker"] == pytest.approx(after["end"])


def test_moves_in_quick_succession_end_on_the_last(page: Page, app_url: str) -> None:
    """A figure that arrives before the previous full draw replaces it."""
    open_app(page, app_url, [])
    page.wait_for_function(SETTLED)
    before = state(page)
    slider = lr_slider(page)
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    page.wait_for_function(
        f"(old) => ({STATE})().path !== old", arg=before["path"], timeout=30_000
    )
    for _ in range(2):  # the reruns the presses asked for may follow each other
        page.wait_for_selector(IDLE)
        page.wait_for_function(SETTLED)
        page.wait_for_timeout(500)
    # The figure drawn in full is the last one received.
    drawn, received = page.evaluate(
        "() => { const s = document.querySelector('.descent-lab-chart').__descentLab;"
        " return [s.drawn, s.signature]; }"
    )
    assert drawn == received
    after = state(page)
    assert after["path"] != before["path"]
    assert after["order"] == sorted(after["order"])
