"""A function of the teacher's own on the playground (AppTest): typed, drawn,
run by every method; bad text said in place with the last good one kept; no
recompile on a slider move; a second function compiles once per method."""

from __future__ import annotations

import pytest

from optimizers import OPTIMIZERS
from scenes import TYPED, Run, Scene
from surfaces import get_surface
from ui import state
from ui.texts import t

from .apphelp import Session, array
from .compiles import compiles_during

ROSENBROCK = "(1-x)^2 + 100(y-x^2)^2"


def typed(text: str = ROSENBROCK, **query: str) -> Session:
    return Session({"s": TYPED, "f": text, "r1": "gd,lr:0.001"} | query)


def test_a_typed_function_is_drawn_and_run() -> None:
    s = typed()
    assert s.scene.surface == TYPED and s.scene.expression == ROSENBROCK
    contour = s.figures[0]["data"][0]
    assert contour["type"] == "contour"
    title = " ".join(m.value for m in s.at.markdown)
    assert t("typed_function", "en") in title
    assert s.scene.the_surface().latex in title  # shown back as LaTeX
    x, y = (array(s.paths()[0][a]) for a in "xy")
    assert (x[0], y[0]) == pytest.approx(s.scene.start_point())
    # The same function as the registry's Rosenbrock: the same path.
    start = ",".join(str(v) for v in s.scene.start_point())
    same = Session({"s": "rosenbrock", "x": start, "r1": "gd,lr:0.001"})
    assert array(same.paths()[0]["x"]) == pytest.approx(x, rel=1e-6)


def test_bad_text_is_said_in_place_and_the_last_function_stays() -> None:
    s = typed()
    before = s.paths()
    s.at.text_input(key=state.W_FUNCTION).input("x +* 2").run()
    s.read()
    assert s.scene.expression == ROSENBROCK  # unchanged
    errors = " ".join(e.value for e in s.at.sidebar.error)
    assert "column" in errors.lower() or "^" in errors
    assert [p["x"] for p in s.paths()] == [p["x"] for p in before]
    # The text stays in the field to be mended, and the column is named.
    assert s.at.text_input(key=state.W_FUNCTION).value == "x +* 2"
    assert t("typed_problem", "en", column=4) in errors  # the "*"
    s.at.text_input(key=state.W_FUNCTION).input("x^2 + y^2").run()
    s.read()
    assert s.scene.expression == "x^2 + y^2"
    assert not s.at.sidebar.error


def test_every_method_runs_on_a_typed_function() -> None:
    runs = tuple(Run(key) for key in OPTIMIZERS)[:12]
    rest = tuple(Run(key) for key in OPTIMIZERS)[12:]
    for chunk in (runs, rest):
        scene = Scene(surface=TYPED, expression="(x-1)^2 + 2(y+0.5)^2", runs=chunk)
        s = Session().set_scene(scene)
        assert not s.at.exception
        assert len(s.paths()) == len(chunk)
        assert not [w.value for w in s.at.warning]


def test_slider_moves_compile_nothing_and_a_new_function_compiles_once() -> None:
    s = typed("x^2 + 3 y^2", r2="momentum", r3="adam")

    def moves() -> None:
        for value in (0.002, 0.003, 0.005):
            s.at.select_slider(key=state.w_run(0, "lr")).set_value(value).run()

    assert compiles_during(moves) == 0
    new = compiles_during(
        lambda: s.at.text_input(key=state.W_FUNCTION).input("x^2 + 4 y^2").run()
    )
    assert new == 3  # one runner for each of the three methods
    assert compiles_during(moves) == 0


def test_the_view_box_can_be_edited_and_is_refused_when_empty() -> None:
    s = typed("x^2 + y^2")
    s.at.text_input(key=state.w_box("x", 1)).input("2").run()
    s.read()
    assert s.scene.box == (-5.0, 2.0, -5.0, 5.0)
    assert s.scene.the_surface().domain[0] == (-5.0, 2.0)
    s.at.text_input(key=state.w_box("x", 0)).input("3").run()  # min above max
    s.read()
    assert s.scene.box == (-5.0, 2.0, -5.0, 5.0)
    assert s.at.sidebar.warning
    link = s.scene.to_query()
    assert link["box"] == "-5,2,-5,5" and link["f"] == "x^2 + y^2"


def test_a_typed_function_in_a_link_that_does_not_parse_falls_back() -> None:
    s = Session({"s": TYPED, "f": "__import__('os')"})
    assert s.scene.surface == "valley"
    assert any("__import__" in w.value for w in s.at.warning)
    assert get_surface("valley")  # the default drew
