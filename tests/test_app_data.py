"""The playground on a data surface (AppTest): the batch size in sight, the
data beside the map, switches for the data, and no compile on any move."""

from __future__ import annotations

import numpy as np
import pytest

from scenes import Run, Scene
from surfaces import get_surface
from ui import state
from ui.texts import t

from .apphelp import Session, array
from .compiles import compiles_during

SCENE = Scene(
    surface="linear_regression",
    steps=80,
    runs=(
        Run("gd", {"lr": 0.02, "batch_size": 8.0}),
        Run("gd", {"lr": 0.02}),
    ),
)


def session(scene: Scene = SCENE, lang: str = "en") -> Session:
    return Session({"lang": lang}).set_scene(scene)


def data_figure(s: Session) -> dict:
    """The data view: the figure whose first trace is the data's points."""
    names = ("data", "class 0")  # FigureTexts: a line's points, or a class
    (figure,) = [f for f in s.figures if f["data"][0].get("name") in names]
    return figure


def test_the_batch_size_and_the_data_are_on_the_page() -> None:
    s = session()
    slider = s.at.slider(key=state.w_run(0, "batch_size"))
    assert slider.value == 8 and slider.max == 40  # K up to the data's N
    s.open_settings(0)  # how batches are drawn: under the run's settings
    assert s.at.selectbox(key=state.w_run(0, "sampler")).value == "shuffle"
    # Every first-order run gets the batch size, in sight beside its lr.
    assert s.at.slider(key=state.w_run(1, "batch_size")).value == 0
    view = data_figure(s)
    X, _ = get_surface("linear_regression").data
    np.testing.assert_allclose(array(view["data"][0]["x"]), X[:, 0], rtol=1e-6)
    labels = [p["name"] for p in s.paths()]
    assert labels == ["GD K = 8", f"GD {t('full_batch', 'en')}"]


def test_moving_k_lr_seed_n_and_the_data_compiles_nothing() -> None:
    s = session().open_settings(0)

    def moves() -> None:
        # Each rerun read as the browser would: its stored traces are kept.
        for size in (1, 5, 40, 0, 3):
            s.at.slider(key=state.w_run(0, "batch_size")).set_value(size)
            s.run()
        for lr in (0.01, 0.005):
            s.at.select_slider(key=state.w_run(0, "lr")).set_value(lr)
            s.run()
        for seed in (3, 17):
            s.at.slider(key=state.w_run(0, "seed")).set_value(seed)
            s.run()
        for n in (12, 100, 256):
            s.at.slider(key=state.w_surface_param("n_points")).set_value(n)
            s.run()
        s.at.slider(key=state.w_surface_param("data_seed")).set_value(9)
        s.run()
        s.at.toggle(key=state.w_surface_param("standardize")).set_value(True)
        s.run()
        s.at.selectbox(key=state.w_run(0, "sampler")).set_value("one_class")
        s.run()

    assert compiles_during(moves) == 0
    scene = s.scene
    assert scene.runs[0].hyper["batch_size"] == 3.0
    assert scene.runs[0].choices["sampler"] == "one_class"
    assert scene.surface_params["standardize"] == 1.0
    assert scene.surface_params["n_points"] == 256.0


def test_fewer_points_than_k_bring_k_down_and_say_so() -> None:
    s = session()
    s.at.slider(key=state.w_surface_param("n_points")).set_value(5).run()
    s.read()
    assert s.scene.runs[0].hyper["batch_size"] == 5.0
    warned = " ".join(w.value for w in s.at.warning)
    assert "batch_size" in warned and "5" in warned
    assert len(s.paths()) == 2  # the run still runs, now on the full batch


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_standardising_is_a_switch_and_full_batch_is_named(lang: str) -> None:
    scene = Scene(
        surface="logistic_regression",
        runs=(Run("gd", {"batch_size": 10.0}), Run("gd")),
    )
    s = session(scene, lang)
    toggle = s.at.toggle(key=state.w_surface_param("standardize"))
    assert toggle.value is False
    before = s.figures[0]["data"][0]
    toggle.set_value(True).run()
    s.read()
    assert s.scene.surface_params["standardize"] == 1.0
    assert s.figures[0]["data"][0] != before  # another data set, another map
    labels = [p["name"] for p in s.paths()]
    assert any(t("full_batch", lang) in label for label in labels)
    axis = s.figures[0]["layout"]["xaxis"]["title"]["text"]
    assert axis == "w"
    s.at.toggle(key=state.w_surface_param("two_features")).set_value(True).run()
    s.read()
    assert s.figures[0]["layout"]["xaxis"]["title"]["text"] == "w₁"


def test_a_fan_over_shuffling_seeds() -> None:
    scene = Scene(
        surface="linear_regression",
        runs=(Run("gd", {"lr": 0.01, "batch_size": 4.0}, fan=4),),
    )
    s = session(scene)
    fans = [tr for tr in s.figures[0]["data"] if tr.get("meta") == "fan"]
    assert len(fans) == 3  # the run itself, and three other seeds
    xs = [tuple(array(f["x"])[-3:]) for f in fans]
    assert len(set(xs)) == 3
