"""The basins page in AppTest: both methods' maps, the legend with counts,
sliders that write the address, a link's bad values named and replaced, a
picked start's paths, and "Play in the playground" setting the scene; the
Chinese page shows no stray English. Small grids and few steps keep it quick."""

from __future__ import annotations

import re

import numpy as np
import pytest

from scenes import Run
from ui import basins, state
from ui.basins_settings import Settings, Side, parse_query

from .apphelp import Session, array
from .test_app import ALLOWED, LATIN, visible_texts

PAGE = "pages/basins.py"
QUICK = {"bres": "32", "bn": "100"}


def open_page(query: dict[str, str] | None = None, lang: str = "en") -> Session:
    s = Session({"lang": lang, **QUICK, **(query or {})})
    s.at.switch_page(PAGE).run()
    return s.read()


def heatmaps(s: Session) -> list[dict]:
    return [f["data"][0] for f in s.figures if f["data"][0]["type"] == "heatmap"]


def settings(s: Session) -> Settings:
    return s.at.session_state[state.BS_SETTINGS]


def test_two_maps_with_a_legend_and_counts() -> None:
    s = open_page()
    assert len(heatmaps(s)) == 2  # GD and momentum side by side
    z = heatmaps(s)[0]["z"]
    assert array(z).size == 32 * 32
    table = next(m.value for m in s.at.markdown if "dl-basins-legend" in m.value)
    assert table.count("<tr>") == 1 + 4 + 1  # head, four minima, none
    assert "(3, 2)" in table  # minima named by their coordinates
    rows = re.findall(r">(\d+) \(\d+%\)</td>", table)
    assert sum(int(n) for n in rows) == 2 * 32 * 32  # every start counted once
    assert any("1024" in c.value for c in s.at.caption)
    assert not s.at.warning


def test_a_slider_moves_its_method_and_the_address() -> None:
    s = open_page()
    key = state.w_bs_hyper("right", "momentum", "momentum")
    s.at.slider(key=key).set_value(0.5).run()
    s.read()
    assert settings(s).right.values()["momentum"] == 0.5
    assert s.at.query_params["b2"] == "momentum,lr:0.01,momentum:0.5"
    assert settings(s).left == Side.of("gd")  # the other method is untouched


def test_a_bad_link_is_named_and_replaced_by_defaults() -> None:
    s = open_page(
        {
            "bs": "nowhere",
            "b1": "magic,lr:2",
            "b2": "momentum,lr:abc",
            "bres": "7",
            "bx": "99,99",
        }
    )
    got = settings(s)
    assert got.surface == "himmelblau" and got.left.method == "gd"
    assert got.right == Side.of("momentum") and got.resolution == 64
    assert got.pick is None
    warnings = " ".join(w.value for w in s.at.warning)
    for given in ("nowhere", "magic", "abc", "7", "99,99"):
        assert given in warnings
    assert len(heatmaps(s)) == 2  # the page still draws


def test_parse_query_never_raises_and_clamps() -> None:
    got, notices = parse_query(
        {"b1": "gd,lr:1e9", "bn": ["100", "200"], "bx": "nan,1", "bres": "x" * 999}
    )
    assert got.left.values()["lr"] == 10.0  # the registry's top
    assert got.steps == 200 and got.pick is None and got.resolution == 64
    codes = {n.code for n in notices}
    assert codes == {"out_of_range", "repeated", "unreadable", "too_long"}


def test_a_click_snaps_to_the_nearest_start() -> None:
    s = Settings(resolution=32)
    xs = np.linspace(-5, 5, 32)
    assert basins.snap(s, 0.01, 2.1) == (float(xs[16]), float(xs[22]))
    assert basins.snap(s, 7.0, 0.0) is None  # outside the map


def test_a_picked_start_shows_both_paths_and_plays_in_the_playground() -> None:
    start = float(np.linspace(-5, 5, 32)[6])
    s = open_page({"bx": f"{start},{start}"})
    assert settings(s).pick == (start, start)
    paths = [t for t in s.figures[-1]["data"] if t.get("meta") == "path"]
    assert len(paths) == 2  # GD and momentum from the picked start
    on_maps = [t for f in s.figures[:2] for t in f["data"] if t.get("meta") == "path"]
    assert len(on_maps) == 2  # each map draws its own method's path
    assert any("reaches minimum" in m.value for m in s.at.markdown)
    s.at.button(key=state.W_BS_PLAY).click().run()
    s.read()
    scene = s.scene
    assert scene.surface == "himmelblau" and scene.start == (start, start)
    assert scene.steps == 100
    assert scene.runs == (
        Run("gd", {"lr": 0.01}),
        Run("momentum", {"lr": 0.01, "momentum": 0.9}),
    )


def test_a_one_dimensional_strip() -> None:
    s = open_page(
        {
            "bs": "sin_minus_square",
            "b1": "gd,lr:0.005",
            "b2": "momentum,lr:0.005",
            "bx": "2",
        }
    )
    cells = heatmaps(s)[0]
    assert array(cells["z"]).size == 32 * 8 and cells["z"]["shape"] == "1, 256"
    assert settings(s).pick is not None


@pytest.mark.parametrize("query", [{}, {"bx": "-1.5,1.5"}])
def test_chinese_page_has_no_stray_english(query) -> None:
    s = open_page(query, lang="zh")
    assert s.at.selectbox(key=state.w_bs("surface")).label == "损失曲面"
    leftovers = [
        (text[:60], word)
        for text in visible_texts(s.at)
        for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
        if word not in ALLOWED
    ]
    assert not leftovers, leftovers[:20]
