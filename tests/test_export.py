"""CSV of the trajectories, and the standalone HTML animation."""

from __future__ import annotations

import csv
import io
import json
import re

import numpy as np
import pytest

from scenes import Run, Scene
from scenes.export import trajectories_csv
from surfaces import get_surface
from ui.data import play
from ui.export import scene_from_message, standalone_html
from viz import contour_spec, surface_grid

SCENE = Scene(
    surface="rosenbrock",
    start=(-1.2, 1.0),
    steps=40,
    runs=(Run("gd", {"lr": 0.001}), Run("gd", {"lr": 0.002}), Run("bfgs"), Run("pso")),
)


def test_csv_has_a_row_per_run_per_step_with_the_trajectories_values() -> None:
    trajectories = SCENE.play()
    labels = ["a", "b", "c", "d"]
    rows = list(csv.DictReader(io.StringIO(trajectories_csv(labels, trajectories))))
    assert len(rows) == sum(tr.steps + 1 for tr in trajectories)
    for number, tr in enumerate(trajectories, 1):
        mine = [r for r in rows if r["run"] == str(number)]
        assert [int(r["step"]) for r in mine] == list(range(tr.steps + 1))
        points = np.asarray([[float(r["x"]), float(r["y"])] for r in mine])
        np.testing.assert_array_equal(points, tr.points)
        np.testing.assert_array_equal([float(r["f"]) for r in mine], tr.values)
        np.testing.assert_array_equal(
            [float(r["grad_norm"]) for r in mine], tr.grad_norms
        )
        counts = [
            [int(r[k]) for k in ("f_evals", "grad_evals", "hess_evals")] for r in mine
        ]
        np.testing.assert_array_equal(counts, tr.eval_counts)
        assert {r["label"] for r in mine} == {labels[number - 1]}


def test_csv_of_a_one_dimensional_scene() -> None:
    scene = Scene(
        surface="parabola", start=(2.0,), steps=1, runs=(Run("gd", {"lr": 0.1}),)
    )
    rows = list(csv.DictReader(io.StringIO(trajectories_csv(["g"], scene.play()))))
    assert [float(r["x"]) for r in rows] == pytest.approx([2.0, 0.2], abs=1e-15)
    assert "y" not in rows[0]


def test_the_html_export_inlines_plotly_and_every_frame() -> None:
    played = play(SCENE, "en")
    surface = get_surface(SCENE.surface)
    figure = contour_spec(
        surface, surface_grid(surface, {}, 60), played.paths(), SCENE.start, SCENE.steps
    )
    html = standalone_html(figure, "test <scene>")
    assert "<title>test &lt;scene&gt;</title>" in html
    assert re.search(r"<script[^>]*src=", html) is None  # nothing fetched
    assert "Plotly.newPlot" in html
    assert html.count("<script>") == 2  # plotly.js inlined, then the figure
    text = html.split("const spec = ", 1)[1].split(";\nconst config", 1)[0]
    spec = json.loads(text.replace("<\\/", "</"))
    assert len(spec["frames"]) == len(figure["frames"]) > 1
    assert spec["data"][0]["type"] == "contour"
    assert isinstance(spec["layout"]["template"], dict)
    # As in the app, the contour gets a layer of its own behind the paths
    # (a single plot's frames would wipe it: tests/test_browser_scene.py).
    assert spec["data"][0]["meta"] == "background"
    assert 'id="back"' in html and 'id="front"' in html


def test_a_scene_file_loads_back_and_garbage_is_refused() -> None:
    scene = Scene(surface="booth", start=(1.0, -2.0), runs=(Run("nesterov"),))
    assert scene_from_message({"file": {"text": scene.to_json()}}) == (scene, [])
    loaded, notices = scene_from_message({"file": {"text": "{nope"}})
    assert loaded == Scene() and [n.code for n in notices] == ["unreadable"]
    for garbage in ({"file": 5}, None, {"x": 1}, {"file": {"text": 7}}):
        assert scene_from_message(garbage) is None
