"""The calculus on the 1-D view: each run's tangent (a Newton-type run's local
parabola) at the step shown, and x_t and f(x_t) against the step beside it."""

from __future__ import annotations

import dataclasses
import inspect
import json

import jax.numpy as jnp
import numpy as np
import pytest

from optimizers import run
from scenes import GALLERY
from scenes.play import play
from surfaces import Surface, get_surface
from surfaces.base import SurfaceParam
from surfaces.derivatives import local_parabola, tangent
from tests.compiles import compiles_during
from tests.test_viz_budget import ZH, english, fonts, visible_words
from viz import (
    Look,
    Path,
    color_for,
    iterates_figure,
    iterates_spec,
    line_spec,
    surface_grid,
    to_json,
)
from viz.frames import frame_steps
from viz.line1d import MAX_FRAMES_1D, MAX_TANGENTS, TANGENT_SPAN

EPS = np.finfo(np.float64).eps


def lesson_paths(key: str) -> tuple[Surface, list[Path], int]:
    scene = GALLERY[key].scene
    surface = get_surface(scene.surface)
    paths = [
        Path(
            f"{r.optimizer} {i}",
            color_for(i),
            t.points,
            t.values,
            optimizer=r.optimizer,
        )
        for i, (r, t) in enumerate(zip(scene.runs, play(scene), strict=True))
    ]
    return surface, paths, scene.steps


def lesson_spec(key: str, **extra) -> tuple[Surface, list[Path], dict]:
    surface, paths, steps = lesson_paths(key)
    grid = surface_grid(surface, n=200)
    spec = line_spec(surface, grid, paths, steps, tangents=True, **extra)
    return surface, paths, spec


def by_meta(spec: dict, meta: str) -> list[int]:
    return [i for i, t in enumerate(spec["data"]) if t.get("meta") == meta]


def frame_trace(frame: dict, index: int) -> dict:
    return frame["data"][frame["traces"].index(index)]


def drawn_slope(trace: dict) -> tuple[float, float]:
    """The slope read off a drawn line's ends, and how exact that reading can
    be: the ends are f ± f'h rounded to float64, so a slope near 0 is known
    only to a few ulps of f over the line's width."""
    x, y = np.asarray(trace["x"]), np.asarray(trace["y"])
    width = x[-1] - x[0]
    return (y[-1] - y[0]) / width, 4 * EPS * np.abs(y).max() / width


# --- tangents -----------------------------------------------------------------


def test_tangent_slope_is_autodiff_at_every_frame() -> None:
    surface, paths, spec = lesson_spec("learning_rates")
    tangents = by_meta(spec, "tangent")
    assert len(tangents) == len(paths) == 3
    lo, hi = surface.domain[0]
    checked = 0
    for frame in spec["frames"]:
        k = int(frame["name"])
        for index, p in zip(tangents, paths, strict=True):
            trace = frame_trace(frame, index)
            x_t = p.points[min(k, len(p.points) - 1), 0]
            exact = tangent(surface, x_t)
            slope, rounding = drawn_slope(trace)
            assert slope == pytest.approx(exact.slope, rel=1e-9, abs=rounding)
            # Through (x_t, f(x_t)): the middle point is the iterate itself.
            assert len(trace["x"]) == 3
            assert trace["x"][1] == x_t
            assert trace["y"][1] == pytest.approx(exact.value, rel=1e-12, abs=1e-15)
            assert trace["y"][1] == pytest.approx(p.values[min(k, len(p.values) - 1)])
            # A fixed share of the view's width, centred on the point.
            span = trace["x"][2] - trace["x"][0]
            assert span == pytest.approx(TANGENT_SPAN * (hi - lo))
            checked += 1
    assert checked == 3 * len(spec["frames"]) > 3


def test_tangents_move_with_the_markers_and_open_at_the_last_step() -> None:
    _, paths, spec = lesson_spec("learning_rates")
    tangents = by_meta(spec, "tangent")
    # Drawn just under the markers: the point of contact stays a marker.
    markers = list(range(tangents[-1] + 1, tangents[-1] + 1 + len(paths)))
    assert [spec["data"][i]["mode"] for i in markers] == ["markers"] * len(paths)
    assert [spec["data"][i]["name"] for i in markers] == [p.label for p in paths]
    assert all(f["traces"] == tangents + markers for f in spec["frames"])
    assert [f["name"] for f in spec["frames"]] == [
        str(k) for k in frame_steps(50, MAX_FRAMES_1D)
    ]
    for frame in spec["frames"]:
        for t_index, m_index in zip(tangents, markers, strict=True):
            at = frame_trace(frame, m_index)
            assert frame_trace(frame, t_index)["x"][1] == at["x"][0]
    # The still figure is the last frame, as the markers are.
    last = spec["frames"][-1]
    for index in tangents:
        still, moved = spec["data"][index], frame_trace(last, index)
        assert np.array_equal(still["x"], moved["x"])
        assert np.array_equal(still["y"], moved["y"])


RATES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3)


def test_tangents_are_opt_in_and_capped() -> None:
    s = get_surface("x_sq_plus_sin")
    grid = surface_grid(s, n=100)
    runs = [run(s, "gd", start=(2.5,), steps=40, lr=lr) for lr in RATES]
    paths = [
        Path(f"GD {i}", color_for(i), t.points, t.values) for i, t in enumerate(runs)
    ]
    plain = line_spec(s, grid, paths, 40)
    assert not by_meta(plain, "tangent") and not by_meta(plain, "parabola")
    n = len(plain["data"])
    assert all(f["traces"] == list(range(n - 6, n)) for f in plain["frames"])
    spec = line_spec(s, grid, paths, 40, tangents=True)
    tangents = by_meta(spec, "tangent")
    assert len(tangents) == MAX_TANGENTS < len(paths)
    # The first runs get them, in their colours, without a legend entry.
    assert [spec["data"][i]["line"]["color"] for i in tangents] == [
        p.color for p in paths[:MAX_TANGENTS]
    ]
    assert all(spec["data"][i]["showlegend"] is False for i in tangents)
    assert len(spec["frames"][0]["traces"]) == MAX_TANGENTS + len(paths)


def scaled_parabola() -> Surface:
    """a x² + sin x: a 1-D surface with a parameter (none in the registry has)."""

    def fn(p, params):
        return params["a"] * p[0] ** 2 + jnp.sin(p[0])

    return Surface(
        key="scaled_test",
        title="a x² + sin x",
        fn=fn,
        domain=((-4.0, 4.0),),
        minima=(),
        start=(2.5,),
        latex="",
        params=(SurfaceParam("a", 1.0, 0.1, 10.0),),
    )


def test_slopes_at_the_surface_parameters_without_recompiling() -> None:
    s = scaled_parabola()
    grid = surface_grid(s, n=50)
    points = np.linspace(2.5, 0.5, 31)[:, None]
    path = Path(
        "GD", color_for(0), points, 3 * points[:, 0] ** 2 + np.sin(points[:, 0])
    )
    spec = line_spec(s, grid, [path], 30, params={"a": 3.0}, tangents=True)
    (index,) = by_meta(spec, "tangent")
    for frame in spec["frames"]:
        trace = frame_trace(frame, index)
        x = trace["x"][1]
        slope, rounding = drawn_slope(trace)
        assert slope == pytest.approx(6 * x + np.cos(x), rel=1e-9, abs=rounding)
        assert slope == pytest.approx(tangent(s, x, {"a": 3.0}).slope, rel=1e-9)
    # Another parameter value, run count or step count: no new compilation.
    more = [path, dataclasses.replace(path, label="GD 2", points=points * 0.5)]
    assert (
        compiles_during(
            lambda: line_spec(s, grid, more, 20, params={"a": 5.0}, tangents=True)
        )
        == 0
    )
    # The counter counts (a new surface compiles), so the 0 above is meant.
    other = scaled_parabola()
    assert compiles_during(lambda: line_spec(other, grid, [path], 30, tangents=True))


def test_no_tangent_where_the_point_or_its_value_is_not_finite() -> None:
    s = get_surface("x_sq_plus_sin")
    # Lost points (NaN padding, as a swarm's lost particles have).
    points = np.array([[2.5], [1.0], [np.nan], [np.nan]])
    values = points[:, 0] ** 2 + np.sin(points[:, 0])
    path = Path("GD", color_for(0), points, values)
    spec = line_spec(s, surface_grid(s, n=50), [path], 3, tangents=True)
    (index,) = by_meta(spec, "tangent")
    drawn = [frame_trace(f, index) for f in spec["frames"]]
    assert [len(t["x"]) for t in drawn] == [3, 3, 0, 0]
    text = to_json([*drawn, spec["data"][index]])
    assert "NaN" not in text and "Infinity" not in text


# --- Newton's local parabola ---------------------------------------------------


def drawn_parabola(trace: dict) -> tuple[float, float, float, float]:
    """(x_t, f, f', f'') read off a drawn parabola: its middle point and the
    symmetric differences of its ends (exact for a quadratic up to rounding)."""
    x, y = np.asarray(trace["x"]), np.asarray(trace["y"])
    mid = len(x) // 2
    half = x[-1] - x[mid]
    slope = (y[-1] - y[0]) / (2 * half)
    curvature = (y[-1] - 2 * y[mid] + y[0]) / half**2
    return x[mid], y[mid], slope, curvature


@pytest.mark.parametrize("optimizer", ["newton", "saddle_free_newton"])
def test_newton_runs_draw_their_local_parabola(optimizer: str) -> None:
    surface, paths, steps = lesson_paths("newton_inflection")
    t = run(surface, optimizer, start=(2.5,), steps=steps)
    paths[0] = Path(optimizer, color_for(0), t.points, t.values, optimizer=optimizer)
    spec = line_spec(surface, surface_grid(surface, n=200), paths, steps, tangents=True)
    (parabola,) = by_meta(spec, "parabola")
    (line,) = by_meta(spec, "tangent")  # GD keeps its tangent
    assert spec["data"][line]["line"]["color"] == paths[1].color
    bends = []
    for frame in spec["frames"]:
        trace = frame_trace(frame, parabola)
        x, value, slope, curvature = drawn_parabola(trace)
        k = min(int(frame["name"]), len(t.points) - 1)
        assert x == t.points[k, 0]
        f, df, d2f = local_parabola(surface, x)
        # Saddle-free Newton steps to the vertex of the flipped parabola.
        bend = abs(d2f) if optimizer == "saddle_free_newton" else d2f
        y = np.abs(trace["y"]).max()
        half = trace["x"][-1] - x
        assert value == pytest.approx(f, rel=1e-12, abs=1e-15)
        assert slope == pytest.approx(df, rel=1e-9, abs=4 * EPS * y / half)
        assert curvature == pytest.approx(bend, rel=1e-9, abs=8 * EPS * y / half**2)
        bends.append(curvature)
    if optimizer == "newton":  # −sin x < 0 on the way up to π: it bends down
        assert bends[0] < 0


# --- x_t and f(x_t) against the step -------------------------------------------


def test_iterates_lines_are_the_runs() -> None:
    surface, paths, steps = lesson_paths("learning_rates")
    spec = iterates_spec(surface, paths, steps)
    lines = by_meta(spec, "path")
    assert len(lines) == 2 * len(paths)
    for p, top, bottom in zip(
        paths, lines[: len(paths)], lines[len(paths) :], strict=True
    ):
        top, bottom = spec["data"][top], spec["data"][bottom]
        assert (top["xaxis"], top["yaxis"]) == ("x", "y")
        assert (bottom["xaxis"], bottom["yaxis"]) == ("x2", "y2")
        assert np.array_equal(top["x"], np.arange(steps + 1))
        assert np.allclose(top["y"], p.points[:, 0], rtol=1e-6)
        assert np.allclose(bottom["y"], p.values, rtol=1e-6, atol=1e-6)
        assert top["line"]["color"] == bottom["line"]["color"] == p.color
        assert top["line"]["dash"] == p.dash
    layout = spec["layout"]
    assert layout["xaxis"]["matches"] == "x2"  # one step axis for both panels
    assert layout["xaxis2"]["range"] == [0, steps]
    assert layout["yaxis"]["domain"][0] > layout["yaxis2"]["domain"][1]  # x on top


def test_iterates_frames_move_the_markers_in_step_with_the_curve() -> None:
    surface, paths, steps = lesson_paths("learning_rates")
    spec = iterates_spec(surface, paths, steps)
    curve = line_spec(surface, surface_grid(surface, n=50), paths, steps)
    # Same frame names as the curve: one play bar can drive both charts.
    assert [f["name"] for f in spec["frames"]] == [f["name"] for f in curve["frames"]]
    markers = by_meta(spec, "marker")
    assert len(markers) == 2 * len(paths)
    n = len(paths)
    for frame in spec["frames"]:
        assert frame["traces"] == markers
        k = int(frame["name"])
        for i, p in enumerate(paths):
            top, bottom = frame["data"][i], frame["data"][n + i]
            assert top["x"] == bottom["x"] == [k]
            assert top["y"] == [pytest.approx(p.points[k, 0])]
            assert bottom["y"] == [pytest.approx(p.values[k])]
    # Opening at the last step, like the curve's markers.
    for i in markers:
        assert spec["data"][i]["x"] == [steps]


def test_iterates_ranges_ignore_a_run_that_leaves_the_view() -> None:
    s = get_surface("x_sq_plus_sin")
    calm = np.linspace(2.5, -0.4, 21)[:, None]
    wild = np.concatenate([calm[:5], np.full((16, 1), 1e6)])
    paths = [
        Path("GD", color_for(i), x, x[:, 0] ** 2 + np.sin(x[:, 0]))
        for i, x in enumerate((calm, wild))
    ]
    layout = iterates_spec(s, paths, 20)["layout"]
    low, high = layout["yaxis"]["range"]
    assert -1 < low < -0.4 and 2.5 < high < 3.5
    assert layout["yaxis2"]["range"][1] < 10


def test_iterates_look() -> None:
    surface, paths, steps = lesson_paths("newton_inflection")
    look = inspect.signature(iterates_spec).parameters["look"]
    assert look.kind is inspect.Parameter.KEYWORD_ONLY and look.default == Look()
    assert "look" in inspect.signature(iterates_figure).parameters
    big = iterates_spec(surface, paths, steps, look=Look(present=True))
    sent = json.loads(to_json({"data": big["data"], "layout": big["layout"]}))
    assert all(size >= 20 for _, size in fonts(sent))
    assert all(t["line"]["width"] >= 3 for t in sent["data"] if "line" in t)
    zh = iterates_spec(surface, paths, steps, look=Look(texts=ZH))
    sent = json.loads(to_json(zh))
    words = visible_words({"data": sent["data"], "layout": sent["layout"]})
    assert not english(words) - {"newton", "gd"}
    assert "步数" in words


# --- budgets ----------------------------------------------------------------------

BUDGET = 600_000  # bytes: the 2-D map's budget for the same hall (test_viz_budget)


def hall(optimizer: str = "", n: int = 5001) -> list[Path]:
    """12 runs of 5000 steps wandering over x² + sin x's view."""
    out = []
    for i in range(12):
        steps = np.random.default_rng(i).normal(size=n) * 0.02
        x = np.clip(2.5 + steps.cumsum(), -3.9, 3.9)[:, None]
        values = x[:, 0] ** 2 + np.sin(x[:, 0])
        out.append(Path(f"GD {i}", color_for(i), x, values, optimizer=optimizer))
    return out


@pytest.mark.parametrize("optimizer", ["gd", "newton"])
def test_twelve_long_runs_with_tangents_within_budget(optimizer: str) -> None:
    s = get_surface("x_sq_plus_sin")
    spec = line_spec(s, surface_grid(s, n=400), hall(optimizer), 5000, tangents=True)
    text = to_json(spec)
    # Newton's parabolas (21 float64 points a frame) are the heavy case.
    assert len(text) <= BUDGET, len(text)
    sent = json.loads(text)
    assert 2 <= len(sent["frames"]) <= MAX_FRAMES_1D
    kind = "parabola" if optimizer == "newton" else "tangent"
    moving = by_meta(sent, kind)
    assert len(moving) == MAX_TANGENTS
    for frame in sent["frames"]:
        assert frame["traces"][:MAX_TANGENTS] == moving
        assert all(set(trace) <= {"x", "y"} for trace in frame["data"])


def test_iterates_of_twelve_long_runs_within_budget() -> None:
    s = get_surface("x_sq_plus_sin")
    text = to_json(iterates_spec(s, hall(), 5000))
    assert len(text) <= BUDGET, len(text)
    sent = json.loads(text)
    assert 2 <= len(sent["frames"]) <= MAX_FRAMES_1D
    assert all(len(f["traces"]) == 24 for f in sent["frames"])
