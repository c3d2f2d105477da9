"""AppTest: every page runs, every playground slider reruns cleanly."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from optimizers import OPTIMIZERS
from surfaces import SURFACES
from ui.widgets import log_options

from .figures import FigureReader

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = ["pages/playground.py", "pages/about.py"]


def fresh() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    charts(at)  # remember the traces sent once, as the browser does
    return at


def spec_of(key: str):
    """The HyperParam or SurfaceParam behind a widget key like 'hp.adam.lr'."""
    kind, owner, name = key.split(".")
    specs = (
        OPTIMIZERS[owner].all_hyperparams if kind == "hp" else SURFACES[owner].params
    )
    return next(s for s in specs if s.key == name)


READERS: dict[int, FigureReader] = {}


def charts(at: AppTest) -> list[dict]:
    """Figures on the page; call after every run so stored traces are seen."""
    return READERS.setdefault(id(at), FigureReader()).figures(at)


def first_path(figure: dict) -> dict:
    return next(t for t in figure["data"] if t.get("meta") == "path")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page: str) -> None:
    at = fresh()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert not at.error


def test_default_playground_is_valley_with_three_optimizers() -> None:
    at = fresh()
    assert at.selectbox(key="surface").value == "valley"
    assert at.multiselect(key="optimizers").value == ["gd", "momentum", "adam"]
    contour = charts(at)[0]
    assert contour["data"][0]["type"] == "contour"
    assert len([d for d in contour["data"] if d.get("meta") == "path"]) == 3


def test_frames_carry_only_the_moving_markers() -> None:
    at = fresh()
    at.toggle(key="show_3d").set_value(True).run()
    assert not at.exception
    figs = charts(at)
    assert {f["data"][0]["type"] for f in figs} >= {"contour", "surface"}
    for fig in figs:
        for frame in fig.get("frames", []):
            assert all(
                d.get("type", "scatter") in ("scatter", "scatter3d")
                for d in frame["data"]
            )
            assert all(len(d["x"]) == 1 for d in frame["data"])
            assert "z" not in frame["data"][0] or len(frame["data"][0]["z"]) == 1


def test_moving_every_slider_reruns_cleanly() -> None:
    at = fresh()
    at.multiselect(key="optimizers").set_value(list(OPTIMIZERS)).run()
    assert not at.exception
    moved = 0
    for slider in at.slider:
        for value in (slider.min, slider.max):
            slider.set_value(value).run()
            assert not at.exception, (slider.key, value, at.exception)
            moved += 1
    for slider in at.select_slider:
        spec = spec_of(slider.key)
        options = log_options(spec.low, spec.high)
        for value in (options[0], options[-1]):
            slider.set_value(value).run()
            assert not at.exception, (slider.key, value, at.exception)
            moved += 1
    assert moved >= 2 * 12


@pytest.mark.parametrize(
    "surface",
    [
        "rosenbrock",
        "saddle",
        "himmelblau",
        "x_plus_sin",
        "sin_minus_square",
        "parabola",
    ],
)
def test_switching_surfaces(surface: str) -> None:
    at = fresh()
    at.selectbox(key="surface").set_value(surface).run()
    assert not at.exception, at.exception
    assert charts(at), "a figure is drawn"


def test_huge_learning_rate_reports_divergence_not_an_error() -> None:
    at = fresh()
    at.select_slider(key="hp.gd.lr").set_value(10).run()
    assert not at.exception and not at.error
    assert any("diverged at step" in m.value for m in at.markdown)


def test_changing_the_start_point_moves_the_paths() -> None:
    at = fresh()
    before = first_path(charts(at)[0])
    at.number_input(key="start.x").set_value(-1.0).run()
    after = first_path(charts(at)[0])
    assert not at.exception
    assert before["x"] != after["x"]


def test_chinese_texts() -> None:
    at = fresh()
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception
    assert any("汇总" in h.value for h in at.subheader)


def test_slider_update_sends_no_contour_data() -> None:
    at = fresh()
    reader = FigureReader()
    first = reader.payloads(at)[0]["figure"]
    assert '"type":"contour"' in first
    at.select_slider(key="hp.gd.lr").set_value(0.07).run()
    update = reader.payloads(at)[0]["figure"]
    assert not at.exception
    assert '"type":"contour"' not in update
    assert json.loads(update)["data"][0].keys() == {"$ref"}
    assert len(update) < len(first) / 2


def test_unrelated_rerun_keeps_the_figure_signature() -> None:
    at = fresh()
    before = FigureReader().payloads(at)[0]["signature"]
    at.run()  # e.g. another widget elsewhere: the figure must not change
    assert FigureReader().payloads(at)[0]["signature"] == before


def test_click_on_the_map_sets_the_start_point() -> None:
    from ui.widgets import set_start_from_click

    at = fresh()
    # What the browser's trigger delivers, applied by the page's callback.
    at.session_state["start.x"] = 0.5
    at.session_state["start.y"] = -1.25
    at.run()
    path = first_path(charts(at)[0])
    assert not at.exception
    assert at.number_input(key="start.x").value == 0.5
    assert path["x"] is not None
    assert callable(set_start_from_click)


def test_fallback_to_plotly_chart_with_a_notice() -> None:
    at = fresh()
    at.session_state["_chart_failed.contour"] = True  # what the browser reports
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert any("could not load" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["type"] == "contour"


def test_plain_charts_on_request() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["chart"] = "plain"
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 2
    assert not at.get("bidi_component")
