"""The hyperparameter-map page (AppTest): both languages, a bad link named
and replaced by defaults, the settings in the address, a clicked cell's run
drawn beside the map and added to the playground's scene, the grid-against-
random search, a one-axis map; and the URL form on its own."""

from __future__ import annotations

import re

import numpy as np
import pytest

from optimizers import run
from scenes import Run, Scene
from ui import state
from ui.sweeps import clicked
from ui.sweeps_query import parse_query
from ui.sweeps_settings import QUERY_KEYS, Settings
from ui.texts import t

from .apphelp import Session, array
from .test_app import ALLOWED, LATIN, visible_texts

PAGE = "pages/sweeps.py"
SMALL = {"mres": "16", "mn": "50"}  # 256 cells, 50 steps: quick


def sweeps_page(query: dict[str, str] | None = None) -> Session:
    s = Session(query)
    s.at.switch_page(PAGE).run()
    return s.read()


def settings(s: Session) -> Settings:
    return s.at.session_state[state.SW_SETTINGS]


def figure_named(s: Session, key: str) -> dict:
    payloads = s.reader.payloads(s.at)
    (index,) = [i for i, p in enumerate(payloads) if p["name"] == key]
    return s.figures[index]


def group(s: Session, field: str):
    (found,) = [g for g in s.at.get("button_group") if g.key == state.w_sw(field)]
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_in_both_languages(lang: str) -> None:
    s = sweeps_page({"lang": lang, **SMALL})
    assert not s.at.exception and not s.at.error
    assert s.at.header[0].value == t("sweeps", lang)
    (figure,) = s.figures  # the map; no cell picked yet
    heat = figure["data"][0]
    assert heat["type"] == "heatmap"
    names = [d.get("name") for d in figure["data"]]
    assert t("sw_fig_hb_edge", lang) in names and t("sw_fig_optimum", lang) in names
    captions = " ".join(c.value for c in s.at.caption)
    assert "2.764, 7.236" in captions  # 5 ± √5, exact for this quadratic
    assert t("sw_click_hint", lang) in [i.value for i in s.at.info]
    if lang == "zh":
        leftovers = [
            (text[:60], word)
            for text in visible_texts(s.at)
            for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
            if word not in ALLOWED
        ]
        assert not leftovers, leftovers[:20]


def test_a_bad_link_is_named_and_the_defaults_are_used() -> None:
    s = sweeps_page(
        {
            "mm": "nosuch",
            "mres": "7",
            "mr1": "abc:1",
            "ma": "lr,bogus",
            "mq": "x",
            "mx": "1,2,3",
            "mb": "eval(1)",
            **{"mn": "50"},
        }
    )
    assert not s.at.exception
    d = Settings()
    got = settings(s)
    assert (got.method, got.resolution, got.show, got.budget, got.start) == (
        d.method, d.resolution, d.show, d.budget, None,
    )  # fmt: skip
    assert got.axes == d.axes and got.ranges == d.ranges
    (warning,) = [w.value for w in s.at.main.warning]
    for key in ("mm", "mres", "mr1", "ma", "mq", "mx", "mb"):
        assert f"- {key}" in warning or f"{key}:" in warning or key in warning
    # Said once: the next run shows the map without the message.
    s.run()
    assert not s.at.main.warning


def test_settings_go_into_the_address_and_read_back() -> None:
    s = sweeps_page(SMALL)
    group(s, "show").set_value("outcome").run()
    s.read()
    assert settings(s).show == "outcome"
    query = {k: s.at.query_params[k] for k in QUERY_KEYS if k in s.at.query_params}
    assert query["mq"] == "outcome" and query["mres"] == "16"
    back, notices = parse_query(query)
    assert back == settings(s) and not notices
    figure = figure_named(s, "sw_map")
    assert figure["data"][0]["colorbar"]["ticktext"][0] == t("sw_diverged", "en")


def test_url_form_round_trips_and_clamps() -> None:
    custom = Settings(
        surface="valley", method="adam", axes=("lr", "beta1"),
        ranges=((0.001, 0.5), (0.5, 0.99)), resolution=32, steps=300, show="rate",
        start=(1.0, -2.0), fixed=(("beta2", 0.99),), surface_params=(("kappa", 25.0),),
        budget=16, seed=3,
    )  # fmt: skip
    assert parse_query(custom.to_query()) == (custom, [])
    clamped, notices = parse_query({"mr1": "1e-9:100", "mx": "50,0"})
    assert clamped.ranges[0] == (1e-5, 10.0) and clamped.start == (6.0, 0.0)
    assert [n.code for n in notices] == ["out_of_range", "out_of_range"]
    _, notices = parse_query({"mm": ["gd", "adam"]})
    assert notices[0].code == "repeated"


def pick_cell(s: Session, index: tuple[int, int]) -> Session:
    """What the map's click callback stores (the chart's ``cell``), then a run."""
    row, col = index[1], index[0]
    s.at.session_state[state.SW_CLICK] = {"x": 0.0, "y": 0.0, "index": [row, col]}
    return s.run()


def test_a_clicked_cell_shows_its_run_and_goes_to_the_playground() -> None:
    s = sweeps_page(SMALL)
    assert s.scene == Scene()  # the playground's default scene (valley)
    pick_cell(s, (5, 8))
    sw = settings(s)
    lrs, mus = sw.values()
    picked = s.at.session_state[state.SW_PICKED]
    assert picked == {"lr": lrs[5], "momentum": mus[8]}
    cell = figure_named(s, "sw_cell")
    (path,) = [d for d in cell["data"] if d.get("meta") == "path"]
    expected = run("course_quadratic", "momentum", start=(0.0, 0.0), steps=50,
                   lr=lrs[5], momentum=mus[8])  # fmt: skip
    xs, ys = array(path["x"]), array(path["y"])
    np.testing.assert_allclose(xs[[0, -1]], expected.points[[0, -1], 0], atol=1e-5)
    np.testing.assert_allclose(ys[[0, -1]], expected.points[[0, -1], 1], atol=1e-5)
    texts = " ".join(m.value for m in s.at.markdown)
    assert f"α = {lrs[5]:.4g}" in texts and f"μ = {mus[8]:.4g}" in texts
    # The map marks the cell shown.
    mark = [
        d for d in figure_named(s, "sw_map")["data"] if d.get("name") == "cell shown"
    ]
    assert mark and mark[0]["x"] == [pytest.approx(lrs[5])]
    before = len(s.scene.runs)
    s.at.button(key=state.W_SW_ADD).click().run()
    scene = s.at.session_state[state.SCENE]
    assert scene.surface == "course_quadratic" and scene.start == (0.0, 0.0)
    assert scene.steps == 50 and len(scene.runs) == before + 1
    assert scene.runs[-1] == Run("momentum", {"lr": lrs[5], "momentum": mus[8]})


def test_the_click_callback_keeps_the_cell_for_the_next_run(monkeypatch) -> None:
    import streamlit as st

    store: dict = {"sw_map": {"cell": {"x": 0.1, "y": 0.5, "index": [1, 2]}}}
    monkeypatch.setattr(st, "session_state", store)
    clicked("sw_map")()
    assert store[state.SW_CLICK] == {"x": 0.1, "y": 0.5, "index": [1, 2]}
    store.pop(state.SW_CLICK)
    store["sw_map"] = {"click": {"x": 1}}  # not a cell: nothing kept
    clicked("sw_map")()
    assert state.SW_CLICK not in store


def test_grid_against_random_search_says_which_found_the_lower_loss() -> None:
    s = sweeps_page({**SMALL, "mn": "20"})
    group(s, "budget").set_value(9).run()
    s.read()
    names = [d.get("name") for d in figure_named(s, "sw_map")["data"]]
    assert "grid search (9)" in names and "random search (9)" in names
    texts = [m.value for m in s.at.markdown]
    verdicts = [t(k, "en") for k in (
        "sw_search_random_wins", "sw_search_grid_wins", "sw_search_tie",
        "sw_search_both_min")]  # fmt: skip
    assert any(v in " ".join(texts) for v in verdicts)
    why = [c.value for c in s.at.caption if "random search tries 9" in c.value]
    assert why and "only 3 different values" in why[0]
    # Another draw moves the random points, not the grid's.
    grid = figure_named(s, "sw_map")["data"]
    s.at.button(key=state.w_sw("new_draw")).click().run()
    s.read()
    assert settings(s).seed == 1
    new = figure_named(s, "sw_map")["data"]
    old_pts = {d["name"]: d["x"] for d in grid if "search" in (d.get("name") or "")}
    new_pts = {d["name"]: d["x"] for d in new if "search" in (d.get("name") or "")}
    assert old_pts["grid search (9)"] == new_pts["grid search (9)"]
    assert old_pts["random search (9)"] != new_pts["random search (9)"]


def test_one_axis_and_another_method() -> None:
    s = sweeps_page(SMALL)
    s.at.selectbox(key=state.w_sw("method")).set_value("gd").run()
    s.read()
    assert settings(s).method == "gd" and settings(s).axes[0] == "lr"
    s.at.selectbox(key=state.w_sw("axis_y")).set_value("none").run()
    s.read()
    assert settings(s).axes == ("lr",)
    figure = figure_named(s, "sw_map")
    z = figure["data"][0]["z"]
    rows = int(z["shape"].split(",")[0]) if isinstance(z, dict) else np.shape(z)[0]
    assert rows == 1  # one axis: a strip
    edge = [d for d in figure["data"] if (d.get("name") or "").startswith("edge α = 2")]
    assert edge and edge[0]["x"][0] == pytest.approx(2.0 / (5.0 + 5.0**0.5))


def test_every_method_with_theory_lines_has_its_note_in_both_languages() -> None:
    from ui.texts import TEXTS
    from viz.sweep_overlay import THEORY_METHODS

    for method in THEORY_METHODS:
        note = TEXTS[f"sw_theory_{method}"]
        assert set(note) == {"en", "zh"} and all(note.values()), method
