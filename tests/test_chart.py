"""The persistent chart: what it sends on a first render and on an update."""

import json

import numpy as np

from optimizers import run
from surfaces import get_surface
from ui.chart import BIG_TRACE, figure_message
from viz import Path, color_for, contour_spec, surface_grid, surface_spec, to_json


def message_of(spec: dict, sent: set[str]) -> str:
    return figure_message(spec, sent)[0]


def paths_with(lr: float) -> list[Path]:
    out = []
    for i, key in enumerate(("gd", "momentum", "adam")):
        t = run("valley", key, steps=200, lr=lr)
        out.append(Path(key, color_for(i), t.points, t.values))
    return out


def test_first_render_stores_the_contour_then_updates_reference_it() -> None:
    s = get_surface("valley")
    grid = surface_grid(s, n=100)
    sent: set[str] = set()
    first = json.loads(
        message_of(contour_spec(s, grid, paths_with(0.05), s.start, 200), sent)
    )
    assert first["data"][0]["$store"] and first["data"][0]["trace"]["type"] == "contour"
    update_text = message_of(
        contour_spec(s, grid, paths_with(0.07), s.start, 200), sent
    )
    update = json.loads(update_text)
    assert update["data"][0] == {"$ref": first["data"][0]["$store"]}
    # No contour data travels with the update; the moved paths do.
    assert '"contour"' not in update_text
    lines = [t for t in update["data"] if t.get("meta") == "path"]
    assert len(lines) == 3
    assert len(update_text) < len(
        message_of(contour_spec(s, grid, paths_with(0.07), s.start, 200), set())
    )


def test_surface_is_sent_once() -> None:
    s = get_surface("rosenbrock")
    grid = surface_grid(s, n=60)
    sent: set[str] = set()
    message_of(surface_spec(s, grid, paths_with(0.001), 200), sent)
    update = message_of(surface_spec(s, grid, paths_with(0.002), 200), sent)
    assert '"surface"' not in update
    assert json.loads(update)["data"][0].keys() == {"$ref"}


def test_small_traces_are_always_inline() -> None:
    spec = {"data": [{"type": "scatter", "x": [1.0], "y": [2.0]}], "layout": {}}
    sent: set[str] = set()
    assert json.loads(message_of(spec, sent))["data"][0]["x"] == [1.0]
    assert not sent


def test_typed_arrays_match_plotly() -> None:
    import plotly.graph_objects as go

    z = np.arange(6, dtype=np.float32).reshape(2, 3)
    ours = json.loads(to_json({"type": "contour", "z": z}))
    theirs = json.loads(go.Figure({"data": [{"type": "contour", "z": z}]}).to_json())
    assert ours["z"] == theirs["data"][0]["z"]
    assert len(to_json({"z": np.zeros((100, 100), np.float32)})) > BIG_TRACE


def test_signature_ignores_store_versus_ref() -> None:
    s = get_surface("valley")
    spec = contour_spec(s, surface_grid(s, n=100), paths_with(0.05), s.start, 200)
    sent: set[str] = set()
    first, sig1 = figure_message(spec, sent)
    again, sig2 = figure_message(spec, sent)
    assert first != again and sig1 == sig2
    moved = contour_spec(s, surface_grid(s, n=100), paths_with(0.07), s.start, 200)
    assert figure_message(moved, sent)[1] != sig1


def test_fallback_lets_the_single_chart_grow_its_margins() -> None:
    from ui.chart import _one_layer

    s = get_surface("valley")
    spec = contour_spec(s, surface_grid(s, n=20), paths_with(0.05), s.start, 200)
    assert spec["layout"]["margin"]["autoexpand"] is False  # two layers: fixed
    plain = _one_layer(spec)
    assert plain["layout"]["margin"]["autoexpand"] is True
    assert spec["layout"]["margin"]["autoexpand"] is False  # not changed in place
    assert plain["data"] is spec["data"]


def chart_app() -> None:
    from ui.chart import chart
    from viz import FigureTexts

    spec = {
        "data": [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 0.0]}],
        "layout": {"height": 420},
    }
    chart(spec, key="plain")
    words = FigureTexts(step="第 {n} 步", play="播放", pause="暂停", speed="速度")
    chart(spec, key="fitted", texts=words.controls(), fit=True, speed=2.0)


def test_chart_sends_its_words_fit_and_speed() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(chart_app, default_timeout=60).run()
    assert not at.exception
    plain, fitted = (json.loads(el.proto.json) for el in at.get("bidi_component"))
    assert plain["texts"] == {} and plain["fit"] is False and plain["speed"] == 1.0
    assert fitted["texts"] == {
        "step": "第 {n} 步",
        "play": "播放",
        "pause": "暂停",
        "speed": "速度",
    }
    assert fitted["fit"] is True and fitted["speed"] == 2.0
    assert fitted["height"] == 420  # fit never makes it taller than the figure


def test_chart_script_knows_its_data_keys() -> None:
    """The keys chart() sends are the keys chart.js reads."""
    from ui.chart import ASSETS

    js = (ASSETS / "chart.js").read_text(encoding="utf-8")
    for key in ("texts", "fit", "speed", "height", "defer", "click_anywhere"):
        assert f"data.{key}" in js, key
    # One keyboard listener for the page, installed once; a cleanup returned.
    assert js.count('addEventListener("keydown"') == 1
    assert "__descentLabKeys" in js and "removeEventListener" in js


def failed_chart_app() -> None:
    import streamlit as st

    from ui.chart import FAILED_KEY_PREFIX, chart

    st.session_state[FAILED_KEY_PREFIX + "broken"] = True
    spec = {"data": [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 0.0]}]}
    chart(spec, key="broken", texts={"fallback": "实时图表无法加载。", "play": "播放"})
    chart(spec, key="english")  # no words given: English, and the live chart
    st.session_state[FAILED_KEY_PREFIX + "english"] = True


def test_fallback_notice_comes_from_the_texts() -> None:
    from streamlit.testing.v1 import AppTest

    from ui.chart import FALLBACK_NOTICE

    at = AppTest.from_function(failed_chart_app, default_timeout=60).run()
    assert not at.exception
    assert [c.value for c in at.caption] == ["实时图表无法加载。"]
    assert len(at.get("plotly_chart")) == 1
    at.run()  # now both charts have failed: the English notice for the second
    assert [c.value for c in at.caption] == ["实时图表无法加载。", FALLBACK_NOTICE]


def test_the_notice_is_not_sent_to_the_browser() -> None:
    from streamlit.testing.v1 import AppTest

    def app() -> None:
        from ui.chart import chart

        spec = {"data": [{"type": "scatter", "x": [0.0], "y": [1.0]}]}
        chart(spec, key="c", texts={"fallback": "实时图表无法加载。", "play": "播放"})

    at = AppTest.from_function(app, default_timeout=60).run()
    (element,) = at.get("bidi_component")
    assert json.loads(element.proto.json)["texts"] == {"play": "播放"}


def test_session_keys_are_the_module_constants() -> None:
    """The page's state module re-exports them: they must be what chart() uses."""
    from streamlit.testing.v1 import AppTest

    from ui.chart import SENT_KEY

    def app() -> None:
        import numpy as np

        from ui.chart import chart

        big = {"type": "contour", "z": np.zeros((60, 60), np.float32)}
        chart({"data": [big], "layout": {}}, key="map")

    at = AppTest.from_function(app, default_timeout=60).run()
    assert not at.exception
    assert len(at.session_state[SENT_KEY]["map"]) == 1  # the contour's hash
