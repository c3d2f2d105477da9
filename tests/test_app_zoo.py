"""AppTest for issue 4's controls: choices, schedules, noise fans, scenarios."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from optimizers import OPTIMIZERS
from ui.scenarios import SCENARIOS

from .figures import FigureReader

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def fresh(optimizers: list[str] | None = None) -> tuple[AppTest, FigureReader]:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    reader = FigureReader()
    reader.figures(at)
    if optimizers is not None:
        at.multiselect(key="optimizers").set_value(optimizers).run()
        reader.figures(at)
    assert not at.exception, at.exception
    return at, reader


def metas(figure: dict) -> list[str]:
    return [d.get("meta", "") for d in figure["data"]]


def test_every_choice_of_every_optimizer_reruns_cleanly() -> None:
    at, _ = fresh(list(OPTIMIZERS))
    boxes = [b for b in at.selectbox if b.key and b.key.startswith("hp.")]
    expected = sum(len(o.all_choices) for o in OPTIMIZERS.values())
    assert len(boxes) == expected
    # Each option compiles once per optimizer: every schedule on GD only (the
    # runner treats schedules alike for every first-order method).
    for box in boxes:
        if box.key.endswith(".schedule") and box.key != "hp.gd.schedule":
            continue
        for option in box.options[1:] + box.options[:1]:
            box.set_value(option).run()
            assert not at.exception, (box.key, option, at.exception)


def test_a_schedule_shows_its_sliders_and_the_lr_plot() -> None:
    at, _ = fresh(["gd"])
    assert not at.get("vega_lite_chart")
    at.selectbox(key="hp.gd.schedule").set_value("cosine").run()
    assert not at.exception
    keys = {s.key for s in at.slider}
    assert {"hp.gd.decay_steps", "hp.gd.decay_rate", "hp.gd.lr_min"} <= keys
    assert len(at.get("vega_lite_chart")) == 1
    for slider in [s for s in at.slider if s.key.startswith("hp.gd.")]:
        for value in (slider.min, slider.max):
            slider.set_value(value).run()
            assert not at.exception, (slider.key, value)


def test_noise_with_a_fan_draws_one_line_per_extra_seed() -> None:
    at, reader = fresh(["gd"])
    at.toggle(key="hp.gd.tools").set_value(True).run()
    at.slider(key="hp.gd.noise").set_value(0.5).run()
    at.slider(key="hp.gd.fan").set_value(4).run()
    assert not at.exception
    contour = reader.figures(at)[0]
    assert metas(contour).count("fan") == 3
    before = contour["data"][metas(contour).index("path")]["x"]
    at.number_input(key="hp.gd.seed").set_value(9).run()
    after = reader.figures(at)[0]
    assert after["data"][metas(after).index("path")]["x"] != before
    for key in ("hp.gd.clip_norm", "hp.gd.clip_value", "hp.gd.noise"):
        slider = at.slider(key=key)
        for value in (slider.max, slider.min):
            slider.set_value(value).run()
            assert not at.exception, (key, value)


def test_line_search_trials_and_swarm_are_drawn() -> None:
    at, reader = fresh(["bfgs", "pso", "nelder_mead"])
    contour = reader.figures(at)[0]
    assert metas(contour).count("trials") == 1
    assert metas(contour).count("population") == 2  # swarm and simplex
    assert len(contour["frames"]) <= 60


@pytest.mark.parametrize("scenario", [s.key for s in SCENARIOS])
def test_every_scenario_sets_itself_up(scenario: str) -> None:
    at, _ = fresh()
    at.selectbox(key="scenario").set_value(scenario).run()
    at.button[0].click().run()
    assert not at.exception, at.exception
    chosen = next(s for s in SCENARIOS if s.key == scenario)
    assert at.selectbox(key="surface").value == chosen.surface
    assert at.multiselect(key="optimizers").value == list(chosen.optimizers)
    assert at.number_input(key="start.x").value == chosen.start[0]
    assert any(chosen.title["en"] in i.value for i in at.info)
    assert not at.warning  # no setting was out of range


def test_loss_per_evaluation() -> None:
    at, reader = fresh(["gd", "bfgs"])
    at.segmented_control(key="loss_per").set_value("evaluation").run()
    assert not at.exception
    loss = reader.figures(at)[-1]
    assert loss["layout"]["xaxis"]["title"]["text"] == "evaluations"


def test_formula_panel_follows_the_bias_correction_switch() -> None:
    at, _ = fresh(["adam"])
    assert any(r"1 - 0.9^" in x.body for x in at.latex)
    at.selectbox(key="hp.adam.bias_correction").set_value("off").run()
    assert not at.exception
    assert not any(r"1 - 0.9^" in x.body for x in at.latex)
