"""Figures: frames move only the markers, within the frame and size budgets."""

import json

import numpy as np
import pytest

from optimizers import run
from surfaces import SURFACES, get_surface
from viz import (
    Path,
    color_for,
    contour_figure,
    line_figure,
    loss_figure,
    surface_figure,
    surface_grid,
)
from viz.contour import MAX_FRAMES_2D
from viz.surface3d import MAX_FRAMES_3D

TWO_D = [k for k, s in SURFACES.items() if s.dim == 2]
ONE_D = [k for k, s in SURFACES.items() if s.dim == 1]


def paths_for(surface_key: str, keys=("gd", "momentum", "adam"), steps=300, **hyper):
    out = []
    for i, k in enumerate(keys):
        t = run(surface_key, k, steps=steps, **hyper)
        out.append(Path(k, color_for(i), t.points, t.values, t.diverged_at))
    return out


def figure_json(fig) -> dict:
    return json.loads(fig.to_json())


@pytest.mark.parametrize("surface_key", TWO_D)
def test_contour_frames_carry_only_markers(surface_key: str) -> None:
    s = get_surface(surface_key)
    paths = paths_for(surface_key, lr=1e-3)
    fig = contour_figure(s, surface_grid(s, n=60), paths, s.start, 300)
    spec = figure_json(fig)
    marker_idx = list(range(len(spec["data"]) - len(paths), len(spec["data"])))
    assert spec["data"][0]["type"] == "contour"
    assert 2 <= len(spec["frames"]) <= MAX_FRAMES_2D
    for frame in spec["frames"]:
        assert frame["traces"] == marker_idx
        assert all(d.get("type", "scatter") == "scatter" for d in frame["data"])
        assert all(len(d["x"]) == 1 for d in frame["data"])
    (x0, x1), (y0, y1) = s.domain
    assert spec["layout"]["xaxis"]["range"] == [x0, x1]
    assert spec["layout"]["yaxis"]["range"] == [y0, y1]
    # The last frame shows the last point of each path.
    last = spec["frames"][-1]["data"]
    for d, p in zip(last, paths, strict=True):
        assert d["x"][0] == pytest.approx(p.points[-1, 0])


def test_surface_frames_carry_only_markers_and_budget() -> None:
    s = get_surface("rosenbrock")
    paths = paths_for("rosenbrock", steps=2000, lr=1e-3)
    spec = figure_json(surface_figure(s, surface_grid(s, n=60), paths, 2000))
    assert spec["data"][0]["type"] == "surface"
    assert len(spec["frames"]) <= MAX_FRAMES_3D
    n = len(spec["data"])
    for frame in spec["frames"]:
        assert frame["traces"] == list(range(n - 3, n))
        assert all("z" in d and len(d["z"]) == 1 for d in frame["data"])
    assert spec["layout"]["scene"]["aspectmode"] == "manual"


def test_payload_under_budget_with_3d() -> None:
    s = get_surface("valley")
    paths = paths_for("valley", keys=("gd", "momentum", "nesterov", "adam"), steps=5000)
    contour = contour_figure(s, surface_grid(s, n=100), paths, s.start, 5000)
    surface = surface_figure(s, surface_grid(s, n=60), paths, 5000)
    loss = loss_figure(s, paths)
    total = sum(len(f.to_json()) for f in (contour, surface, loss))
    assert total < 600_000, total


@pytest.mark.parametrize("surface_key", ["rosenbrock", "goldstein_price"])
def test_log_levels_where_values_span_decades(surface_key: str) -> None:
    s = get_surface(surface_key)
    spec = figure_json(contour_figure(s, surface_grid(s, n=60), [], s.start, 10))
    assert spec["data"][0]["colorbar"].get("ticktext"), "log colour bar expected"


def test_linear_levels_for_a_quadratic() -> None:
    s = get_surface("course_quadratic")
    spec = figure_json(contour_figure(s, surface_grid(s, n=60), [], s.start, 10))
    assert "ticktext" not in spec["data"][0]["colorbar"]


def test_diverged_path_puts_no_nan_in_figures() -> None:
    s = get_surface("rosenbrock")
    paths = paths_for("rosenbrock", keys=("gd", "adam"), steps=200, lr=5.0)
    assert paths[0].diverged_at is not None
    for fig in (
        contour_figure(s, surface_grid(s, n=40), paths, s.start, 200),
        surface_figure(s, surface_grid(s, n=40), paths, 200),
        loss_figure(s, paths),
    ):
        text = fig.to_json()
        assert "NaN" not in text and "Infinity" not in text


@pytest.mark.parametrize("surface_key", ONE_D)
def test_line_figure(surface_key: str) -> None:
    s = get_surface(surface_key)
    paths = paths_for(surface_key, steps=100, lr=0.01)
    spec = figure_json(line_figure(s, surface_grid(s, n=200), paths, 100))
    n = len(spec["data"])
    assert all(f["traces"] == list(range(n - 3, n)) for f in spec["frames"])
    assert len(spec["frames"]) <= 120


def test_loss_is_log_scaled_gap_to_the_minimum() -> None:
    s = get_surface("course_quadratic")
    paths = paths_for("course_quadratic", keys=("gd",), steps=50, lr=0.1)
    spec = figure_json(loss_figure(s, paths))
    assert spec["layout"]["yaxis"]["type"] == "log"
    saddle = get_surface("saddle")
    spec = figure_json(loss_figure(saddle, paths_for("saddle", keys=("gd",), steps=20)))
    assert spec["layout"]["yaxis"]["type"] == "linear"


def test_grid_orientation() -> None:
    s = get_surface("rosenbrock")
    xs, ys, z = surface_grid(s, n=30)
    assert z.shape == (30, 30)
    assert z[3, 7] == pytest.approx(float(s.f(np.array([xs[7], ys[3]]))))


def test_colour_bar_labels_stay_short() -> None:
    from viz.heights import _short

    labels = [_short(v) for v in (2510.0, 357.0, 7.1, 0.0012, 1e-4, 12000.0)]
    assert labels == ["2.5e3", "357", "7.1", "0.0012", "1.0e-4", "1.2e4"]
