"""The look of the figures: dashes, where a run went wrong, the 3-D view."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from surfaces import get_surface
from viz import Look, Path, color_for, contour_spec, line_spec, loss_spec, surface_grid
from viz import surface_spec as surface3d
from viz.status import ending, in_view
from viz.style import legend_rows
from viz.surface3d import LIFT, camera, nice_ticks

SURFACE = get_surface("valley")  # view box [-3, 3] x [-3, 3]
BOX = SURFACE.domain


def path(points, status: str = "", **extra) -> Path:
    points = np.asarray(points, dtype=np.float64)
    return Path("GD", color_for(0), points, (points**2).sum(1), status=status, **extra)


@pytest.mark.parametrize(
    ("points", "point", "step", "edge"),
    [
        # Out through the right wall between step 1 and step 2.
        ([[0, 0], [1, 0], [5, 0], [9, 0]], (3, 0), 2, (0, 1)),
        # Out through the bottom, diagonally: where the segment crosses y = -3.
        ([[0, 0], [1, -2], [2, -4]], (1.5, -3), 2, (1, 0)),
        # Out, back in, out again: the last exit counts.
        ([[0, 0], [4, 0], [0, 0], [0, 1], [0, 7]], (0, 3), 4, (1, 1)),
        # A jump to non-finite: the last point in view.
        ([[0, 0], [1, 1], [np.nan, np.inf]], (1, 1), 2, None),
        # A jump to an absurd distance still crosses the wall exactly.
        ([[0, 0], [1e300, 0]], (3, 0), 1, (0, 1)),
    ],
)
def test_where_a_run_leaves_the_view(points, point, step, edge) -> None:
    end = ending(np.asarray(points, dtype=np.float64), BOX)
    assert end.point == pytest.approx(point)
    assert end.step == step and end.edge == edge


def test_a_run_frozen_in_view_is_marked_where_it_froze() -> None:
    points = np.array([[0, 0], [1, 1], [2, 2], [2, 2], [2, 2]], dtype=np.float64)
    end = ending(points, BOX, frozen_at=2)
    assert end.point == pytest.approx((2, 2)) and end.step == 2 and end.edge is None
    # The mark is drawn inside the box even for a start outside it.
    end = ending(np.array([[5.0, 5.0], [6.0, 6.0]]), BOX)
    assert end.point == pytest.approx((3, 3))


def test_in_view_cuts_at_the_first_exit() -> None:
    k, exit_point = in_view(np.array([[0, 0], [2, 0], [4, 0], [0, 0]], float), BOX)
    assert k == 2 and exit_point == pytest.approx((3, 0))
    k, exit_point = in_view(np.array([[0, 0], [1, 0]], float), BOX)
    assert k == 2 and exit_point is None


def test_runs_of_one_method_are_dashed() -> None:
    runs = [
        dataclasses.replace(path([[0, 0], [1, 1]]), dash=d)
        for d in ("solid", "dash", "dot")
    ]
    grid = surface_grid(SURFACE, n=20)
    lines = [
        t
        for t in contour_spec(SURFACE, grid, runs, (0, 0), 1)["data"]
        if t.get("meta") == "path"
    ]
    assert [t["line"]["dash"] for t in lines] == ["solid", "dash", "dot"]
    assert [t["line"]["dash"] for t in loss_spec(SURFACE, runs)["data"]] == [
        "solid",
        "dash",
        "dot",
    ]
    lines3d = [
        t
        for t in surface3d(SURFACE, grid, runs, 1)["data"]
        if t["type"] == "scatter3d" and "line" in t
    ]
    assert [t["line"]["dash"] for t in lines3d] == ["solid", "dash", "dot"]
    s = get_surface("parabola")
    curve = [dataclasses.replace(r, points=r.points[:, :1]) for r in runs]
    dots = [
        t
        for t in line_spec(s, surface_grid(s, n=50), curve, 1)["data"]
        if t.get("meta") == "path"
    ]
    assert [t["line"]["dash"] for t in dots] == ["solid", "dash", "dot"]


def test_legend_room_grows_with_the_runs() -> None:
    grid = surface_grid(SURFACE, n=20)
    tops = []
    for n in (1, 4, 12):
        runs = [
            dataclasses.replace(path([[0, 0], [1, 1]]), label=f"Momentum α = 0.0{i}")
            for i in range(n)
        ]
        tops.append(
            contour_spec(SURFACE, grid, runs, (0, 0), 1)["layout"]["margin"]["t"]
        )
    assert tops[0] < tops[1] < tops[2] < 200
    assert legend_rows(["中文名字很长很长很长"] * 8, 15, width=620) > legend_rows(
        ["abcdefghij"] * 8, 15, width=620
    )


def test_3d_surface_for_a_hall() -> None:
    grid = surface_grid(SURFACE, n=30)
    walk = np.array([[2.0, 1.0], [1.0, 0.5], [0.5, 0.2], [0.1, 0.0]])
    out = np.array([[2.0, 1.0], [2.8, 1.0], [5.0, 1.0], [9.0, 1.0]])
    runs = [
        dataclasses.replace(path(walk), values=np.array([30.0, 20.0, 10.0, 5.0])),
        path(out, status="left_view"),
    ]
    spec = surface3d(SURFACE, grid, runs, 3)
    surface = spec["data"][0]
    assert surface["type"] == "surface" and surface.get("showscale", True)
    assert surface["colorbar"]["title"]["text"] == "f"
    assert len({c for _, c in surface["colorscale"]}) > 2  # coloured, sequential
    levels = surface["contours"]["z"]
    assert levels["show"] and levels["project"]["z"]
    assert levels["start"] < levels["end"] and levels["size"] > 0
    lines = spec["data"][1:3]
    assert all(t["line"]["width"] >= 4 for t in lines)
    # Lifted just above the surface: z = f + a small fraction of the range.
    z = np.asarray(surface["z"], dtype=np.float64)
    span = np.nanmax(z) - np.nanmin(z)
    lifted = np.asarray(lines[0]["z"], np.float64) - runs[0].values
    assert np.allclose(lifted, LIFT * span, rtol=1e-4)
    assert 0 < LIFT < 0.1
    # A run leaving the box is drawn up to the box's wall, not beyond.
    x = np.asarray(lines[1]["x"], np.float64)
    assert x.max() == pytest.approx(3.0) and len(x) == 3
    # Frames move only the markers, and 3-D frames must redraw.
    n = len(spec["data"])
    assert all(f["traces"] == [n - 2, n - 1] for f in spec["frames"])
    # One play bar (ui/assets/controls.js) redraws 3-D frames: it knows them
    # by layout.scene; the figure carries no plotly controls of its own.
    assert "scene" in spec["layout"]
    assert "updatemenus" not in spec["layout"] and "sliders" not in spec["layout"]
    assert spec["frames"][-1]["data"][1]["x"] == [pytest.approx(3.0)]  # at the wall
    scene = spec["layout"]["scene"]
    for name in ("xaxis", "yaxis", "zaxis"):
        assert scene[name]["showspikes"] is False and scene[name]["zeroline"] is False
    # No tick at the box's corners, where the axes' labels would collide.
    assert all(-3 < v < 3 for v in scene["xaxis"]["tickvals"])
    z0, z1 = scene["zaxis"]["range"]
    assert min(scene["zaxis"]["tickvals"]) >= z0 + 0.2 * (z1 - z0)


def test_3d_camera_frames_the_paths() -> None:
    corner = [path(np.array([[2.0, 2.0], [2.5, 2.6], [2.9, 2.9]]))]
    whole = [path(np.array([[-3.0, -3.0], [3.0, 3.0]]))]
    near, far = camera(BOX, corner), camera(BOX, whole)
    assert near["center"]["x"] > 0 and near["center"]["y"] > 0
    assert far["center"]["x"] == 0 and far["center"]["y"] == 0

    def distance(cam: dict) -> float:
        return float(np.linalg.norm([cam["eye"][k] - cam["center"][k] for k in "xyz"]))

    assert distance(near) < distance(far)
    # Far-away points are clipped to the view box: the camera stays on it.
    wild = camera(BOX, [path(np.array([[0.0, 0.0], [1e6, -1e6]]))])
    assert abs(wild["center"]["x"]) <= 0.25 and abs(wild["center"]["y"]) <= 0.25


def test_nice_ticks() -> None:
    assert nice_ticks(-3, 3) == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert nice_ticks(-5, 5) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    assert nice_ticks(0, 0) == [] and nice_ticks(0, float("nan")) == []


def test_every_builder_takes_a_look_by_keyword_only() -> None:
    import inspect

    from viz import contour_figure, line_figure, loss_figure, surface_figure

    for builder in (contour_spec, line_spec, loss_spec, surface3d):
        look = inspect.signature(builder).parameters["look"]
        assert look.kind is inspect.Parameter.KEYWORD_ONLY
        assert look.default == Look()
    for wrapper in (contour_figure, line_figure, loss_figure, surface_figure):
        assert "look" in inspect.signature(wrapper).parameters


def test_step_word_may_be_a_template() -> None:
    from viz import FigureTexts

    runs = [path([[0, 0], [1, 1]])]
    grid = surface_grid(SURFACE, n=20)
    plain = contour_spec(SURFACE, grid, runs, (0, 0), 1)
    assert "sliders" not in plain["layout"]  # the play bar takes chart(texts=)
    look = Look(texts=FigureTexts(step="第 {n} 步"))
    assert look.texts.controls()["step"] == "第 {n} 步"
    spec = contour_spec(SURFACE, grid, runs, (0, 0), 1, look=look)
    (line,) = [t for t in spec["data"] if t.get("meta") == "path"]
    assert "第 %{customdata} 步" in line["hovertemplate"]
