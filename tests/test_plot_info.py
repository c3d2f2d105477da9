"""The one reader of plotly.js internals (ui/assets/plot_info.js), checked
against what the page shows: a plotly.js upgrade that moves them fails here.

Runs plotly.js and the adapter in a blank page of Debian's chromium: no server.
"""

from __future__ import annotations

from pathlib import Path

import plotly
import pytest
from playwright.sync_api import Page

from ui.chart import ASSETS

pytestmark = pytest.mark.browser

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"

# A map with equal scales (so plotly narrows the x axis's domain), fixed
# margins and a legend column, in a 600×400 box.
DRAW = """async () => {
  const el = document.createElement('div');
  el.style.width = '600px';
  el.style.height = '400px';
  document.body.append(el);
  await Plotly.newPlot(el, [
    {type: 'scatter', x: [0, 1], y: [0, 1], name: 'a'},
    {type: 'scatter', x: [0, 1], y: [1, 0], name: 'b'},
  ], {
    width: 600, height: 400, showlegend: true,
    margin: {l: 50, r: 110, t: 20, b: 40, autoexpand: false},
    xaxis: {range: [-1, 1], constrain: 'domain', constraintoward: 'left'},
    yaxis: {range: [-1, 1], scaleanchor: 'x', scaleratio: 1, constrain: 'domain'},
    legend: {orientation: 'v', x: 1.02},
  });
  window.plot = el;
}"""

# What the page shows: the drag area over the plot, relative to the plot.
SHOWN = """() => {
  const box = plot.getBoundingClientRect();
  const drag = plot.querySelector('.nsewdrag').getBoundingClientRect();
  return {left: drag.left - box.left, top: drag.top - box.top,
          width: drag.width, height: drag.height};
}"""


@pytest.fixture
def drawn(page: Page) -> Page:
    page.set_content("<!doctype html><html><body style='margin:0'></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.add_script_tag(path=str(ASSETS / "plot_info.js"))
    page.evaluate(DRAW)
    return page


def test_plot_info_reads_what_plotly_drew(drawn: Page) -> None:
    info = drawn.evaluate("() => plotInfo(plot)")
    shown = drawn.evaluate(SHOWN)
    assert info["size"] == {"l": 50, "r": 110, "t": 20, "b": 40, "w": 440, "h": 340}
    # The axes' pixel boxes are the drag area the page shows.
    assert info["x"]["offset"] == pytest.approx(shown["left"], abs=0.5)
    assert info["y"]["offset"] == pytest.approx(shown["top"], abs=0.5)
    assert info["x"]["length"] == pytest.approx(shown["width"], abs=0.5)
    assert info["y"]["length"] == pytest.approx(shown["height"], abs=0.5)
    # Equal scales on a square box: the x axis narrowed to the plot's height.
    assert info["x"]["length"] == pytest.approx(info["y"]["length"], abs=0.5)
    assert info["y"]["length"] == pytest.approx(340, abs=0.5)
    assert info["x"]["range"] == [-1, 1] and info["y"]["range"] == [-1, 1]
    assert info["x"]["domain"][0] == 0
    assert info["x"]["domain"][1] == pytest.approx(info["x"]["length"] / 440)
    assert info["x"]["log"] is False
    assert info["legend"] == {"orientation": "v", "x": 1.02}


def test_plot_info_follows_a_zoom_and_knows_an_undrawn_plot(drawn: Page) -> None:
    drawn.evaluate("() => Plotly.relayout(plot, {'xaxis.range': [0, 1]})")
    assert drawn.evaluate("() => plotInfo(plot).x.range") == [0, 1]
    assert drawn.evaluate("() => plotInfo(document.createElement('div'))") is None
    assert drawn.evaluate("() => plotInfo(null)") is None
