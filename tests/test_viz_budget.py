"""Budgets of the looks: a hall's worth of runs, presentation type, maxima,
status marks, and figures without an English word when the texts are Chinese."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pytest

from surfaces import Minimum, get_surface
from viz import (
    FigureTexts,
    Look,
    Path,
    color_for,
    contour_spec,
    line_spec,
    loss_spec,
    surface_grid,
    surface_spec,
    to_json,
)
from viz.contour import MAX_FRAMES_2D
from viz.style import STATUSES

SURFACE = get_surface("valley")
GRID = surface_grid(SURFACE, n=100)
STEPS = 5000


def walk(points: int, seed: int, dim: int = 2) -> np.ndarray:
    """A wandering path inside the valley's view box."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(size=(points, dim)) * 0.02
    return np.clip(np.asarray(SURFACE.start[:dim]) + steps.cumsum(0), -2.8, 2.8)


def hall_paths(n: int = STEPS + 1) -> list[Path]:
    """12 runs of 5000 steps: plain ones, a swarm, a line search, a seed fan."""
    out = []
    for i in range(12):
        points = walk(n, seed=i)
        extra: dict = {}
        if i == 1:  # a swarm of 20 particles
            rng = np.random.default_rng(100)
            swarm = points[:, None, :] + rng.normal(size=(n, 20, 2)) * 0.3
            extra = {"population": swarm, "population_kind": "swarm"}
        elif i == 2:  # line-search trials, NaN-padded
            rng = np.random.default_rng(200)
            trials = np.full((n, 24, 2), np.nan)
            for k in range(1, n, 7):
                m = 1 + k % 5
                trials[k, :m] = points[k] + rng.normal(size=(m, 2)) * 0.1
            extra = {"trials": trials}
        elif i == 3:  # a fan of 5 other seeds
            extra = {"fan": tuple(walk(n, seed=50 + j) for j in range(5))}
        label = f"GD {i}" if i % 2 else f"Adam {i}"
        out.append(
            Path(label, color_for(i), points, (points**2).sum(1), dash="solid", **extra)
        )
    return out


def test_twelve_long_runs_within_budget() -> None:
    paths = hall_paths()
    spec = contour_spec(SURFACE, GRID, paths, SURFACE.start, STEPS)
    text = to_json(spec)
    assert len(text) <= 600_000, len(text)
    sent = json.loads(text)
    assert 2 <= len(sent["frames"]) <= MAX_FRAMES_2D
    metas = [t.get("meta") for t in sent["data"]]
    assert metas.count("path") == 12 and metas.count("population") == 1
    assert metas.count("fan") == 5 and metas.count("step_trials") == 1
    markers = list(range(3 + 12, 3 + 24))  # contour, minima, start, 12 lines
    assert all(sent["data"][i]["mode"] == "markers" for i in markers)
    extras = [
        i
        for i, t in enumerate(sent["data"])
        if t.get("meta") in ("population", "step_trials")
    ]
    for frame in sent["frames"]:
        # Only moving traces: the 12 markers, the swarm and the step's trials;
        # never the contour, a path line, a fan or a trial cloud.
        assert frame["traces"] == markers + extras
        for trace in frame["data"]:
            assert set(trace) <= {"x", "y"}


def fonts(node, where: str = "") -> list[tuple[str, float]]:
    """Every font size set anywhere in a spec (frames aside)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            font = key in ("font", "tickfont") and isinstance(value, dict)
            if font and "size" in value:
                found.append((f"{where}.{key}", value["size"]))
            found += fonts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += fonts(value, f"{where}[{i}]")
    return found


def specs(look: Look, paths: list[Path]) -> dict[str, dict]:
    one_d = get_surface("x_sq_plus_sin")
    curve = [
        Path(p.label, p.color, p.points[:, :1] * 0.5, p.values, status=p.status)
        for p in paths
    ]
    return {
        "contour": contour_spec(SURFACE, GRID, paths, SURFACE.start, 300, look=look),
        "line": line_spec(one_d, surface_grid(one_d, n=200), curve, 300, look=look),
        "surface": surface_spec(
            SURFACE, surface_grid(SURFACE, n=30), paths, 300, look=look
        ),
        "loss": loss_spec(SURFACE, paths, look=look),
    }


def test_presentation_type_and_widths() -> None:
    paths = hall_paths(301)[:4]
    for name, spec in specs(Look(present=True), paths).items():
        spec = json.loads(to_json({"data": spec["data"], "layout": spec["layout"]}))
        sizes = fonts(spec)
        assert sizes, name
        small = [(where, size) for where, size in sizes if size < 20]
        assert not small, (name, small)
        assert spec["layout"]["font"]["size"] >= 20
        assert spec["layout"]["hoverlabel"]["font"]["size"] >= 20
        if name != "surface":
            assert spec["layout"]["legend"]["font"]["size"] >= 20
        lines = [
            t
            for t in spec["data"]
            if t.get("meta") == "path" or (name in ("loss", "surface") and "line" in t)
        ]
        assert len(lines) == 4, name
        assert all(t["line"]["width"] >= 3 for t in lines), name
    contour = specs(Look(present=True), paths)["contour"]["layout"]
    assert contour["xaxis"]["showgrid"] is False  # a clean theme
    normal = specs(Look(), paths)["contour"]
    assert normal["layout"]["font"]["size"] < 20
    assert all(
        t["line"]["width"] < 3 for t in normal["data"] if t.get("meta") == "path"
    )


def extrema_trace(spec: dict) -> dict:
    return spec["data"][1]


def test_maximising_draws_maxima_not_minima() -> None:
    peaks = (Minimum((1.0, -1.0), 5.0), Minimum((-2.0, 2.0), 3.0, "local"))
    surface = dataclasses.replace(SURFACE, maxima=peaks)
    grid = surface_grid(surface, n=40)
    paths = hall_paths(101)[:2]
    climbing = contour_spec(
        surface, grid, paths, surface.start, 100, look=Look(maximize=True)
    )
    shown = extrema_trace(climbing)
    assert shown["x"] == [1.0, -2.0] and shown["y"] == [-1.0, 2.0]
    assert shown["name"] == "maxima" and "maximum" in shown["hovertemplate"]
    assert shown["marker"]["symbol"] == ["diamond", "diamond-open"]
    descending = extrema_trace(contour_spec(surface, grid, paths, surface.start, 100))
    assert descending["name"] == "minima"
    assert descending["x"] == [float(m.point[0]) for m in SURFACE.minima]
    assert set(descending["marker"]["symbol"]) <= {"star", "star-open"}
    # The loss chart measures the gap below the best maximum.
    loss = loss_spec(surface, paths, look=Look(maximize=True))
    assert loss["layout"]["yaxis"]["title"]["text"] == "f* − f(x)"
    gap = np.asarray(loss["data"][0]["y"])
    assert np.allclose(gap, np.maximum(5.0 - paths[0].values[:101], 1e-16), rtol=1e-5)


def test_maximising_on_the_curve() -> None:
    s = get_surface("sin_minus_square")
    peaks = getattr(s, "maxima", ())
    if not peaks:
        pytest.skip("this surface documents no maxima yet")
    points = np.linspace(-1.0, 1.4, 51)[:, None]
    path = Path(
        "GD", color_for(0), points, 25 * np.sin(points[:, 0]) - points[:, 0] ** 2
    )
    spec = line_spec(s, surface_grid(s, n=200), [path], 50, look=Look(maximize=True))
    shown = [t for t in spec["data"] if t.get("name") == "maxima"]
    assert len(shown) == 1 and len(shown[0]["x"]) == len(peaks)
    assert not [t for t in spec["data"] if t.get("name") == "minima"]


def with_statuses() -> list[Path]:
    """One run per status (and one unknown), each leaving or freezing."""
    out = []
    for i, status in enumerate((*STATUSES, "")):
        points = walk(61, seed=i)
        points[40:] = points[39] + np.array([0.0, 40.0])  # far out of the box
        out.append(
            Path(
                f"GD {i}",
                color_for(i),
                points,
                (points**2).sum(1),
                diverged_at=40 if status == "diverged" else None,
                status=status,
            )
        )
    return out


def test_status_marks_for_the_bad_endings_only() -> None:
    paths = with_statuses()
    spec = contour_spec(SURFACE, GRID, paths, SURFACE.start, 60)
    marks = [t for t in spec["data"] if t.get("meta") == "status"]
    assert [m["marker"]["color"] for m in marks] == [p.color for p in paths[:3]]
    assert [m["marker"]["symbol"] for m in marks] == [
        "circle-x",
        "triangle-up",
        "triangle-up",
    ]
    (_, (_, y1)) = SURFACE.domain
    for mark, path in zip(marks, paths, strict=False):
        # Where the run crossed the top of the box, drawn whole on the edge.
        assert mark["y"] == [pytest.approx(y1)]
        assert mark["x"] == [pytest.approx(path.points[39, 0])]
        assert mark["cliponaxis"] is False and mark["showlegend"] is False
    names = [t["name"] for t in spec["data"] if t.get("meta") == "path"]
    assert names[:3] == [
        "GD 0 — diverged (step 40)",
        "GD 1 — unbounded (step 40)",
        "GD 2 — left the view (step 40)",
    ]
    assert names[3:] == ["GD 3", "GD 4", "GD 5"]
    # Frames are untouched by the marks.
    n_markers = len(paths)
    first_marker = 3 + len(paths)
    assert spec["frames"][0]["traces"] == list(
        range(first_marker, first_marker + n_markers)
    )
    # The 1-D view marks them too.
    s = get_surface("x_sq_plus_sin")
    curve = [
        dataclasses.replace(p, points=p.points[:, :1], values=p.points[:, 1] ** 2)
        for p in paths
    ]
    line = line_spec(s, surface_grid(s, n=200), curve, 60)
    assert len([t for t in line["data"] if t.get("meta") == "status"]) == 3


ZH = FigureTexts(
    step="步",
    start="起点",
    minimum="极小点",
    minima="极小点",
    maximum="极大点",
    maxima="极大点",
    per_step="步数",
    per_evaluation="计算次数",
    seed_fan="种子扇形",
    trials="试探点",
    trial_of_step="试探点，第几步",
    step_trials="当前步的试探点",
    step_trial="当前步的试探点",
    swarm="粒子群",
    simplex="单纯形",
    population="种群",
    diverged="发散",
    unbounded="无下界",
    left_view="离开视野",
    converged="收敛",
    not_converged="未收敛",
    status_at="{status}（第 {step} 步）",
    with_status="{label}：{status}",
    play="播放",
    pause="暂停",
    speed="速度",
)
WORDS = ("name", "text", "hovertemplate", "prefix", "ticktext", "label", "title")
ALLOWED = {"GD", "Adam"}  # the method names this test gives its runs
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<[^>]*>")


def visible_words(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in WORDS and isinstance(value, str):
                found.append(value)
            elif key in WORDS and isinstance(value, list):
                found += [v for v in value if isinstance(v, str)]
            found += visible_words(value)
    elif isinstance(node, list):
        for value in node:
            found += visible_words(value)
    return found


def english(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        words |= set(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", text)))
    return words - ALLOWED


def test_chinese_texts_leave_no_english_word() -> None:
    paths = with_statuses()
    paths[0] = dataclasses.replace(hall_paths(61)[1], status="diverged", diverged_at=3)
    paths[1] = dataclasses.replace(hall_paths(61)[2], status="left_view")
    paths[2] = dataclasses.replace(hall_paths(61)[3], status="unbounded")
    figures = specs(Look(texts=ZH), paths)
    figures["evaluations"] = loss_spec(
        SURFACE, paths, "evaluation", look=Look(texts=ZH)
    )
    for name, spec in figures.items():
        sent = json.loads(to_json(spec))
        seen = english(visible_words({"data": sent["data"], "layout": sent["layout"]}))
        assert not seen, (name, seen)
    # The scan finds English where it is: the same figures in English.
    seen = english(visible_words(json.loads(to_json(specs(Look(), paths)["contour"]))))
    assert {"start", "minima", "diverged", "step"} <= seen


def test_chart_words_come_from_the_texts() -> None:
    assert ZH.controls() == {
        "step": "步",
        "play": "播放",
        "pause": "暂停",
        "speed": "速度",
    }
    assert FigureTexts().controls()["play"] == "Play"
    assert [FigureTexts().status(k) for k in STATUSES] == [
        "diverged",
        "unbounded",
        "left the view",
        "converged",
        "not converged",
    ]
    assert FigureTexts().status("") == "" and FigureTexts().status("nope") == ""
    spec = contour_spec(
        SURFACE, GRID, hall_paths(11)[:1], SURFACE.start, 10, look=Look(texts=ZH)
    )
    assert "sliders" not in spec["layout"]  # the play bar's words: chart(texts=)
    assert ZH.controls()["step"] == ZH.step
