"""The calculus page (AppTest): the course's numbers at the scene's point,
h and the direction in the scene and its link, bad values refused."""

from __future__ import annotations

import math

import pytest

from scenes import Scene
from scenes.query import parse_query
from surfaces import get_surface
from surfaces.derivatives import H_LOW, gradient
from ui import state
from ui.texts import t

from .apphelp import Session, array

PAGE = "pages/calculus.py"


def calculus(query: dict[str, str]) -> Session:
    s = Session(query)
    s.at.switch_page(PAGE).run()
    return s.read()


def table(s: Session) -> dict[str, dict[str, str]]:
    """The quotients' table, by the quotient's name."""
    frame = s.at.table[0].value
    return {row[0]: dict(zip(frame.columns, row, strict=True)) for row in frame.values}


def test_the_course_numbers_on_3x2_plus_6x() -> None:
    s = calculus({"s": "parabola", "x": "2", "h": "1e-5"})
    rows = table(s)
    value, error = t("col_value", "en"), t("col_error", "en")
    assert rows[t("fig_autodiff", "en")][value] == "18"
    assert rows[t("fig_forward", "en")][value].startswith("18.00003")
    assert rows[t("fig_forward", "en")][error] == "3.00e-05"
    assert rows[t("fig_central", "en")][error] == "2.07e-10"
    curve = s.figures[0]["data"]
    assert curve[1]["name"] == t("fig_tangent", "en")


def test_moving_h_writes_the_scene_and_the_link() -> None:
    s = calculus({"s": "parabola", "x": "2"})
    s.at.select_slider(key=state.W_H).set_value(0.1).run()
    s.read()
    assert s.scene.view.h == 0.1
    rows = table(s)
    forward = float(rows[t("fig_forward", "en")][t("col_value", "en")])
    assert forward == pytest.approx(18 + 3 * 0.1)
    assert parse_query({"s": "parabola", "h": "0.1"})[0].view.h == 0.1


def test_directional_derivative_on_the_map() -> None:
    s = calculus({"s": "himmelblau", "x": "1,1.5", "a": "30"})
    g = gradient(get_surface("himmelblau"), (1.0, 1.5))
    expected = g[0] * math.cos(math.radians(30)) + g[1] * math.sin(math.radians(30))
    shown = " ".join(m.value for m in s.at.markdown)
    assert f"{expected:.4g}" in shown
    assert s.at.slider(key=state.W_ANGLE).value == 30
    names = [trace.get("name") for trace in s.figures[0]["data"]]
    assert t("fig_level", "en") in names


@pytest.mark.parametrize(
    ("query", "h", "code"),
    [({"h": "0"}, H_LOW, "out_of_range"), ({"h": "abc"}, 1e-5, "unreadable")],
)
def test_a_bad_h_falls_back_with_a_notice(query, h, code) -> None:
    scene, notices = parse_query({"s": "parabola", **query})
    assert scene.view.h == h
    assert [n.code for n in notices] == [code]


def test_angles_wrap_and_round_trip() -> None:
    scene, notices = parse_query({"s": "himmelblau", "a": "370"})
    assert scene.view.angle == 10.0 and not notices
    assert Scene.from_query(scene.to_query()) == scene
    assert Scene.from_json(scene.to_json()) == scene


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("surface", ["x_plus_sin", "rosenbrock"])
def test_the_page_runs_in_both_languages(lang: str, surface: str) -> None:
    s = calculus({"s": surface, "lang": lang})
    assert not s.at.exception
    assert s.figures


def test_a_curve_shows_each_steps_tangent_and_the_iterates() -> None:
    s = Session({"s": "x_plus_sin", "x": "2.5", "n": "30", "r1": "newton"})
    s.run()
    metas = [trace.get("meta") for trace in s.figures[0]["data"]]
    assert "parabola" in metas  # Newton: its local model, not a tangent
    s = Session({"s": "x_sq_plus_sin", "x": "2.5", "r1": "gd,lr:0.1"})
    assert "tangent" in [trace.get("meta") for trace in s.figures[0]["data"]]
    iterates = [f for f in s.figures if "yaxis2" in f["layout"]]
    assert iterates, "no x_t / f(x_t) chart"
    x_line = next(t for t in iterates[0]["data"] if t.get("meta") == "path")
    x_t = array(x_line["y"])
    assert x_t[0] == 2.5 and len(x_t) == s.scene.steps + 1
    assert x_t[-1] == pytest.approx(array(s.paths()[0]["x"])[-1], rel=1e-6)


def test_the_tangent_plane_touches_the_surface_and_tilts_by_the_gradient() -> None:
    s = calculus({"s": "himmelblau", "x": "1,1.5"})
    plane = next(
        trace
        for f in s.figures
        for trace in f["data"]
        if trace.get("name") == t("fig_plane", "en")
    )
    g = gradient(get_surface("himmelblau"), (1.0, 1.5))
    (x0, x1), (y0, y1) = plane["x"], plane["y"]
    z = plane["z"]
    assert (z[0][1] - z[0][0]) / (x1 - x0) == pytest.approx(g[0])
    assert (z[1][0] - z[0][0]) / (y1 - y0) == pytest.approx(g[1])
    f = (1 + 1.5 - 11) ** 2 + (1 + 1.5**2 - 7) ** 2
    middle = (z[0][0] + z[1][1]) / 2  # the patch is centred on the point
    assert middle == pytest.approx(f)
