"""In the browser: every surface's name and formula fit the playground's
title line on a 1280 × 720 projector, in both languages (a long formula
wraps between its terms instead of running off the page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scenes import Scene
from surfaces import SURFACES
from tests.browserhelp import HEIGHT, SHOTS, WIDTH, address

TITLE = ".st-key-dl-title"
# The rightmost edge of the name and the formula's pieces, and the title's.
EDGES = """() => {
  const title = document.querySelector('.st-key-dl-title');
  let right = 0;
  title.querySelectorAll('.katex, strong').forEach((piece) => {
    for (const r of piece.getClientRects()) right = Math.max(right, r.right);
  });
  return {right, edge: title.getBoundingClientRect().right};
}"""
PLAYGROUND = [k for k, s in SURFACES.items() if s.dim in (1, 2)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_title_fits_the_projector(browser: Browser, app_url: str, lang: str):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    over = []
    try:
        page = context.new_page()
        for key in PLAYGROUND:
            scene = Scene(surface=key, runs=())  # no runs: nothing compiles
            page.goto(address(app_url, scene, lang))
            page.wait_for_selector(f"{TITLE} .katex", timeout=60_000)
            page.evaluate("() => document.fonts.ready")  # KaTeX's own widths
            edges = page.evaluate(EDGES)
            if edges["right"] > edges["edge"] + 1:
                Path(SHOTS).mkdir(exist_ok=True)
                page.screenshot(path=f"{SHOTS}/title-{key}-{lang}.png")
                over.append((key, round(edges["right"] - edges["edge"])))
    finally:
        context.close()
    assert not over, f"titles wider than the page (surface, pixels over): {over}"
