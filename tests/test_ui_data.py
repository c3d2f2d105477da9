"""The page's library calls: bad input becomes a message and the default."""

import math

from surfaces import get_surface
from ui.data import run_all, summary_rows


def test_bad_values_fall_back_to_defaults_with_a_message() -> None:
    s = get_surface("valley")
    runs = run_all(
        s,
        ["gd", "adam"],
        start=(math.nan, 1.0),
        steps=50,
        surface_params={},
        hyper={"adam": {"lr": 1e9}},
        lang="en",
    )
    assert set(runs.trajectories) == {"gd", "adam"}
    assert len(runs.messages) == 2
    assert all("Using the default instead" in m for m in runs.messages)
    assert any("finite" in m for m in runs.messages)
    assert any("lr" in m and "outside" in m for m in runs.messages)
    for t in runs.trajectories.values():
        assert tuple(t.points[0]) == s.start


def test_unknown_optimizer_and_hyperparameter_are_reported() -> None:
    s = get_surface("rosenbrock")
    runs = run_all(s, ["gd"], s.start, 20, {}, {"gd": {"gamma": 0.1}}, "zh")
    assert runs.messages and "gamma" in runs.messages[0] and "默认" in runs.messages[0]
    rows = summary_rows(s, runs, "en")
    assert rows[0]["optimizer"] == "Gradient descent"


def test_unknown_optimizer_is_left_out_with_a_message() -> None:
    s = get_surface("valley")
    runs = run_all(s, ["sgdx", "gd"], s.start, 10, {}, {}, "en")
    assert list(runs.trajectories) == ["gd"]
    assert "sgdx" in runs.messages[0]
