"""Runs in the page: more runs of a compiled method, or any slider, compile nothing."""

from __future__ import annotations

import jax
import numpy as np

from scenes import Run, Scene
from ui import state
from ui.widgets import log_options

from .apphelp import Session
from .compiles import compiles_during


def test_the_counter_sees_a_compile() -> None:
    assert compiles_during(lambda: jax.jit(lambda x: x * 7.0 - 2.0)(np.ones(4))) >= 1


def test_more_runs_of_a_compiled_method_compile_nothing() -> None:
    s = Session().set_scene(Scene(surface="rosenbrock", runs=(Run("gd"),)))

    def add_two() -> None:
        for _ in range(2):
            s.at.selectbox(key=state.W_ADD_METHOD).set_value("gd").run()
            s.at.button(key=state.W_ADD_RUN).click().run()
        s.run()

    assert compiles_during(add_two) == 0
    assert len(s.paths()) == 3


def test_moving_any_slider_of_any_run_compiles_nothing() -> None:
    runs = (Run("gd"), Run("momentum"), Run("adam"), Run("gd", {"lr": 0.01}))
    s = Session().set_scene(Scene(surface="rosenbrock", runs=runs)).open_settings()
    moved = []

    def move_everything() -> None:
        for slider in s.at.slider:
            if slider.key and slider.key.startswith("w.r"):
                for value in (slider.max, slider.min):
                    slider.set_value(value).run()
                    moved.append(slider.key)
        for slider in s.at.select_slider:
            if slider.key and slider.key.startswith("w.r"):
                options = [float(o) for o in slider.options]
                for value in (options[-1], options[0]):
                    slider.set_value(_option(slider, value)).run()
                    moved.append(slider.key)

    assert compiles_during(move_everything) == 0
    assert not s.at.exception
    assert len(set(moved)) >= 20  # every run's own sliders, schedule, noise, clip


def _option(slider, value: float):
    for option in log_options(1e-12, 1e4, keep=value):
        if float(option) == value:
            return option
    return value


def test_status_words_on_the_map_and_in_the_table() -> None:
    scene = Scene(
        surface="x_plus_sin",
        start=(6.0,),
        steps=200,
        runs=(Run("gd", {"lr": 10.0}), Run("gd", {"lr": 0.1})),
    )
    s = Session().set_scene(scene)
    table = s.at.table[0].value
    assert list(table.iloc[:, 1]) == ["left the view", "not converged"]
    names = [p["name"] for p in s.paths()]
    assert "left the view" in names[0]
