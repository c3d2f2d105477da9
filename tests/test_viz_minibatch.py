"""The map of a data surface (batch surface, epoch marks) and the data view."""

from __future__ import annotations

import json

import numpy as np
import pytest

from optimizers import run
from optimizers.batches import PAD
from surfaces import get_surface
from ui.data import figure_path
from viz import color_for, contour_spec, loss_spec, surface_grid, to_json
from viz.contour import MAX_FRAMES_2D
from viz.data_view import data_spec
from viz.frames import frame_steps
from viz.minibatch import BATCH_GRID, BATCH_META, EPOCHS_META
from viz.style import DEFAULT_LOOK

from .apphelp import array

STEPS = 120


def paths(key: str, params: dict, sizes=(5, 0), steps: int = STEPS, **settings):
    out = []
    for i, size in enumerate(sizes):
        t = run(
            key,
            "gd",
            steps=steps,
            lr=0.01 if key == "linear_regression" else 0.5,
            batch_size=size,
            seed=2,
            surface_params=params,
            **settings,
        )
        out.append(figure_path(t, f"K={size}", color_for(i), "solid", ()))
    return out


def the_map(key: str, params: dict, path_list, steps: int = STEPS) -> dict:
    surface = get_surface(key)
    grid = surface_grid(surface, params, n=40)
    spec = contour_spec(
        surface, grid, path_list, surface.start, steps, look=DEFAULT_LOOK, params=params
    )
    return json.loads(to_json(spec))


@pytest.mark.parametrize("key", ["linear_regression", "logistic_regression"])
def test_the_map_carries_the_batch_surface_outside_its_frames(key: str) -> None:
    params = {"n_points": 30.0}
    ps = paths(key, params)
    spec = the_map(key, params, ps)
    assert spec["data"][0]["type"] == "contour"
    batch = spec["data"][1]
    assert batch["meta"] == BATCH_META and batch["visible"] is False
    meta = spec["layout"]["meta"][BATCH_META]
    names = [f["name"] for f in spec["frames"]]
    assert list(meta["steps"]) == names  # every frame can show its batch
    plan = ps[0].batches
    for name, indices in meta["steps"].items():
        row = plan[min(int(name), len(plan) - 1)]
        assert indices == row[row != PAD].tolist()
    data = get_surface(key).data_at(params)
    np.testing.assert_allclose(meta["features"], data.features, atol=1e-6)
    assert meta["grid"][-1] == BATCH_GRID
    # Never in a frame: frames move markers only.
    for frame in spec["frames"]:
        assert 1 not in frame["traces"] and 0 not in frame["traces"]


def test_epoch_marks_sit_where_epochs_begin() -> None:
    params = {"n_points": 20.0}
    ps = paths("linear_regression", params, sizes=(6,))
    spec = the_map("linear_regression", params, ps)
    (marks,) = [t for t in spec["data"] if t.get("meta") == EPOCHS_META]
    # ⌈20/6⌉ = 4 updates an epoch: epochs 2, 3, … begin at points 4, 8, …
    starts = np.arange(4, STEPS, 4)
    np.testing.assert_allclose(array(marks["x"]), ps[0].points[starts, 0], rtol=1e-6)
    assert array(marks["customdata"]).tolist() == list(range(1, len(starts) + 1))


def test_full_batch_runs_draw_what_they_always_did() -> None:
    params: dict = {}
    ps = paths("linear_regression", params, sizes=(0,))
    spec = the_map("linear_regression", params, ps)
    metas = [t.get("meta") for t in spec["data"]]
    assert BATCH_META not in metas and EPOCHS_META not in metas
    assert BATCH_META not in spec["layout"]["meta"]


def test_a_big_batch_table_stays_within_budget() -> None:
    params = {"n_points": 256.0}
    ps = paths("logistic_regression", params, sizes=(128, 7, 0), steps=5000)
    text = to_json(
        contour_spec(
            get_surface("logistic_regression"),
            surface_grid(get_surface("logistic_regression"), params, n=100),
            ps,
            (0.0, 0.0),
            5000,
            params=params,
        )
    )
    assert len(text) < 400_000, len(text)


def frames_by_name(spec: dict) -> dict[str, dict]:
    return {f["name"]: f for f in spec["frames"]}


@pytest.mark.parametrize("standardize", [0.0, 1.0])
def test_the_data_view_draws_each_runs_line_at_each_frame(standardize) -> None:
    params = {"standardize": standardize}
    ps = paths("linear_regression", params)
    surface = get_surface("linear_regression")
    spec = json.loads(to_json(data_spec(surface, params, ps, STEPS, look=DEFAULT_LOOK)))
    shown = frame_steps(STEPS, MAX_FRAMES_2D)
    assert [f["name"] for f in spec["frames"]] == [str(k) for k in shown]
    data = surface.data_at(params)
    np.testing.assert_allclose(
        array(spec["data"][0]["x"]), data.inputs[:, 0], rtol=1e-6
    )
    for name, frame in frames_by_name(spec).items():
        k = int(name)
        for path, line in zip(ps, frame["data"][:2], strict=True):
            w, b = path.points[k]
            x = array(line["x"])
            np.testing.assert_allclose(
                array(line["y"]), w * x + b, rtol=1e-5, atol=1e-4
            )
        ring = frame["data"][2]  # the K = 5 run's batch of step k
        row = ps[0].batches[min(k, len(ps[0].batches) - 1)]
        chosen = row[row != PAD]
        np.testing.assert_allclose(ring["x"], data.inputs[chosen, 0], rtol=1e-6)


def test_one_feature_logistic_shows_the_probability_curve() -> None:
    ps = paths("logistic_regression", {})
    surface = get_surface("logistic_regression")
    spec = json.loads(to_json(data_spec(surface, {}, ps, STEPS, look=DEFAULT_LOOK)))
    assert len(spec["data"]) == 2 + 2 + 1  # two classes, two curves, the ring
    curve = frames_by_name(spec)[str(STEPS)]["data"][0]
    w, b = ps[0].points[STEPS]
    x = array(curve["x"])
    expected = 1 / (1 + np.exp(-(w * x + b)))
    np.testing.assert_allclose(array(curve["y"]), expected, atol=1e-6)


def test_two_features_show_the_decision_boundary() -> None:
    params = {"two_features": 1.0}
    ps = paths("logistic_regression", params)
    surface = get_surface("logistic_regression")
    spec = json.loads(to_json(data_spec(surface, params, ps, STEPS, look=DEFAULT_LOOK)))
    name, frame = list(frames_by_name(spec).items())[30]
    line = frame["data"][1]  # the full-batch run at that frame's step
    w = ps[1].points[int(name)]
    ends = np.stack([array(line["x"]), array(line["y"])], axis=1)
    np.testing.assert_allclose(ends @ w, 0.0, atol=1e-4)  # w₁x₁ + w₂x₂ = 0


def test_the_optimum_drawn_and_measured_follows_the_data() -> None:
    params = {"standardize": 1.0}
    ps = paths("linear_regression", params)
    spec = the_map("linear_regression", params, ps)
    (star,) = [t for t in spec["data"] if t.get("name") == "minima"]
    best = get_surface("linear_regression").minima_at(params)[0]
    assert (star["x"][0], star["y"][0]) == pytest.approx(best.point)
    assert best.point != get_surface("linear_regression").minima[0].point
    loss = json.loads(
        to_json(loss_spec(get_surface("linear_regression"), ps, params=params))
    )
    gap = array(loss["data"][1]["y"])  # the full-batch run's f − f*
    np.testing.assert_allclose(gap, ps[1].values - best.value, rtol=1e-5)
