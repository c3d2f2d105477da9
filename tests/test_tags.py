"""The tags the browser reads are viz/tags.py's: the JavaScript gets them as
TAGS, names none of them itself, and uses no TAGS key that is not defined."""

from __future__ import annotations

import re

import pytest

from surfaces import SURFACES
from ui.chart import ASSETS, SCRIPTS, script, tags_script
from ui.export import standalone_html
from viz import contour_spec, surface_grid
from viz.tags import BACKGROUND, BROWSER_TAGS, PATH

USED = re.compile(r"TAGS\.(\w+)|TAGS\[\"(\w+)\"\]")


def code(text: str) -> str:
    """JavaScript without its // comments (which may name a tag in prose)."""
    return "\n".join(line.split("//")[0] for line in text.splitlines())


@pytest.mark.parametrize("name", [*SCRIPTS, "loader.js"])
def test_no_script_spells_a_tag_itself(name: str) -> None:
    text = code((ASSETS / name).read_text(encoding="utf-8"))
    for tag in BROWSER_TAGS.values():
        assert f'"{tag}"' not in text and f"'{tag}'" not in text, (name, tag)


def test_every_tag_a_script_reads_is_defined() -> None:
    used = {a or b for a, b in USED.findall(script())}
    assert used, "the scripts read no TAGS at all"
    assert used <= set(BROWSER_TAGS), used - set(BROWSER_TAGS)
    assert script().startswith(tags_script())


def test_the_exported_page_defines_the_tags_before_it_reads_them() -> None:
    surface = SURFACES["rosenbrock"]
    spec = contour_spec(surface, surface_grid(surface, {}, 24), [], (-1.0, 1.0), 10)
    html = standalone_html(spec, "t")
    assert html.index("const TAGS") < html.index("TAGS.background")


def test_the_map_tags_its_layers_with_the_defined_names() -> None:
    surface = SURFACES["rosenbrock"]
    spec = contour_spec(surface, surface_grid(surface, {}, 24), [], (-1.0, 1.0), 10)
    metas = {t.get("meta") for t in spec["data"]}
    assert BACKGROUND in metas
    assert PATH not in metas  # no runs, no paths


def test_the_chart_key_is_the_tags_and_reading_it_loads_no_plotly() -> None:
    """``?chart=plain`` is named in viz/tags.py only, and scenes/query.py can
    keep it in links without importing plotly and every figure builder."""
    import subprocess
    import sys

    from scenes.query import VIEWER_KEYS
    from viz.tags import CHART_KEY

    assert CHART_KEY in VIEWER_KEYS
    check = "import sys, scenes.query; print('plotly' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
