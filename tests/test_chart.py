"""The persistent chart: what it sends on a first render and on an update."""

import json

import numpy as np

from optimizers import run
from surfaces import get_surface
from ui.chart import BIG_TRACE, SENT_LIMIT, SentTraces, figure_message
from viz import Path, color_for, contour_spec, surface_grid, surface_spec, to_json


def message_of(spec: dict, sent: SentTraces) -> str:
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
    sent = SentTraces()
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
        message_of(contour_spec(s, grid, paths_with(0.07), s.start, 200), SentTraces())
    )


def test_surface_is_sent_once() -> None:
    s = get_surface("rosenbrock")
    grid = surface_grid(s, n=60)
    sent = SentTraces()
    message_of(surface_spec(s, grid, paths_with(0.001), 200), sent)
    update = message_of(surface_spec(s, grid, paths_with(0.002), 200), sent)
    assert '"surface"' not in update
    assert json.loads(update)["data"][0].keys() == {"$ref"}


def test_small_traces_are_always_inline() -> None:
    spec = {"data": [{"type": "scatter", "x": [1.0], "y": [2.0]}], "layout": {}}
    sent = SentTraces()
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
    sent = SentTraces()
    first, sig1 = figure_message(spec, sent)
    again, sig2 = figure_message(spec, sent)
    assert first != again and sig1 == sig2
    moved = contour_spec(s, surface_grid(s, n=100), paths_with(0.07), s.start, 200)
    assert figure_message(moved, sent)[1] != sig1


def big(i: int) -> dict:
    """A trace big enough to be stored by hash, different for each ``i``."""
    return {"type": "contour", "z": np.full((40, 40), i, np.float32)}


def test_sent_traces_evict_first_in_first_out() -> None:
    sent = SentTraces(limit=3)
    for digest in "abcd":
        sent.add(digest)
    assert list(sent) == ["b", "c", "d"] and "a" not in sent and len(sent) == 3
    sent.add("b")  # stored again: to the end, as chart.js's keep() does
    assert list(sent) == ["c", "d", "b"]
    assert SentTraces().limit == SENT_LIMIT


def test_a_referenced_trace_is_always_one_still_held() -> None:
    """Past the limit the oldest is evicted on this side too: the next figure
    that uses it stores it again instead of referencing what the browser let go."""
    sent = SentTraces(limit=2)
    first = json.loads(message_of({"data": [big(0)]}, sent))["data"][0]
    for i in (1, 2):
        message_of({"data": [big(i)]}, sent)
    again = json.loads(message_of({"data": [big(0)]}, sent))["data"][0]
    assert again["$store"] == first["$store"]  # not {"$ref": ...}
    assert len(sent) == 2


def test_fallback_lets_the_single_chart_grow_its_margins() -> None:
    from ui.chart import _one_layer

    s = get_surface("valley")
    spec = contour_spec(s, surface_grid(s, n=20), paths_with(0.05), s.start, 200)
    assert spec["layout"]["margin"]["autoexpand"] is False  # two layers: fixed
    plain = _one_layer(spec)
    assert plain["layout"]["margin"]["autoexpand"] is True
    assert spec["layout"]["margin"]["autoexpand"] is False  # not changed in place
    assert plain["data"] is spec["data"]
    # No plotly play controls in the figure: the axes get only their own room.
    assert "updatemenus" not in spec["layout"] and "sliders" not in spec["layout"]
    assert plain["layout"]["margin"]["b"] == spec["layout"]["meta"]["bottom"]


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
    # One owner of the store's limit: Python's, sent to the browser.
    assert plain["store_limit"] == fitted["store_limit"] == SENT_LIMIT


def test_chart_script_knows_its_data_keys() -> None:
    """The keys chart() sends are the keys chart.js reads."""
    from ui.chart import script

    js = script()
    keys = ("texts", "fit", "speed", "height", "defer", "click_anywhere")
    for key in (*keys, "store_limit", "figure", "signature", "src"):
        assert f"data.{key}" in js, key
    # One keyboard listener for the page, removed with the last chart.
    assert js.count('addEventListener("keydown"') == 1
    assert js.count('removeEventListener("keydown"') == 1
    # No hooks for benchmarks or tests on window or the element's dataset, and
    # plotly.js's private fields read in one place only (plot_info.js).
    assert "window.__" not in js and "dataset." not in js
    private = [line for line in js.splitlines() if "._full" in line]
    assert private == [
        "  const full = plot && plot._fullLayout;",
        "  if (!full || !full._size || !plot._fullData) return null;",
    ]
    assert "p2d" not in js and "_currentFrame" not in js


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


def test_a_failed_chart_is_tried_again_after_a_few_reruns() -> None:
    """After a failure the standard chart shows for FALLBACK_RERUNS reruns,
    then the live one is tried again; a new failure starts the count again,
    and forgets the traces the failed element held."""
    from streamlit.testing.v1 import AppTest

    from ui.chart import FALLBACK_RERUNS, SENT_KEY

    def app() -> None:
        import numpy as np
        import streamlit as st

        from ui.chart import _mark_failed, chart

        if st.session_state.pop("fail", False):
            _mark_failed("map")  # what the browser's "failed" trigger calls
        big = {"type": "contour", "z": np.zeros((60, 60), np.float32)}
        chart({"data": [big], "layout": {}}, key="map")

    at = AppTest.from_function(app, default_timeout=60).run()
    assert len(at.get("bidi_component")) == 1
    assert len(at.session_state[SENT_KEY]["map"]) == 1

    def shown() -> str:
        at.run()
        return "live" if at.get("bidi_component") else "fallback"

    for _ in range(2):  # a failure, then another once the live chart is back
        at.session_state["fail"] = True
        seen = [shown() for _ in range(FALLBACK_RERUNS + 1)]
        assert seen == ["fallback"] * FALLBACK_RERUNS + ["live"]
        assert not at.exception
        # The new element got the contour itself, not a reference to it.
        (element,) = at.get("bidi_component")
        figure = json.loads(json.loads(element.proto.json)["figure"])
        assert "$store" in figure["data"][0]
        assert len(at.session_state[SENT_KEY]["map"]) == 1


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
