"""The zoo's extras in figures: swarm and simplex, line-search trials, seed fans."""

import base64
import json
import math

import numpy as np
import pytest

from optimizers import run
from surfaces import get_surface
from viz import (
    Path,
    color_for,
    contour_figure,
    contour_spec,
    line_spec,
    loss_figure,
    surface_figure,
    surface_grid,
    to_json,
)
from viz.contour import MAX_FRAMES_2D
from viz.line1d import MAX_FRAMES_1D
from viz.zoo import MAX_FAN_POINTS, MAX_TRIAL_POINTS

DTYPES = {"f4": np.float32, "f8": np.float64, "i4": np.int32, "i2": np.int16}
SURFACE = get_surface("valley")
GRID = surface_grid(SURFACE, n=40)


def sent(spec: dict) -> dict:
    """The spec as the browser receives it (the chart component's encoder)."""
    return json.loads(to_json(spec))


def values(v) -> np.ndarray:
    """A trace's array, plain list or plotly typed array (``bdata``)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), DTYPES[v["dtype"]])
    return np.asarray(v, dtype=np.float64)


def xy(trace: dict) -> np.ndarray:
    return np.stack([values(trace["x"]), values(trace["y"])], axis=1)


def walk_finite(node, where="") -> None:
    """Every number and typed array in the figure is finite."""
    if isinstance(node, dict):
        if "bdata" in node:
            assert np.isfinite(values(node)).all(), where
            return
        for k, v in node.items():
            walk_finite(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_finite(v, f"{where}[{i}]")
    elif isinstance(node, float):
        assert math.isfinite(node), where


def walk(spec: dict) -> None:
    text = to_json(spec)
    assert "NaN" not in text and "Infinity" not in text
    walk_finite(json.loads(text))


def line(n: int, dim: int = 2, seed: int = 0) -> np.ndarray:
    """A wandering path of n points inside the valley's view box."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(size=(n, dim)) * 0.02
    return np.clip(np.asarray(SURFACE.start[:dim]) + steps.cumsum(0), -2.5, 2.5)


def swarm_path(i: int, n: int, k: int = 20, dim: int = 2, **extra) -> Path:
    rng = np.random.default_rng(100 + i)
    points = line(n, dim, seed=i)
    population = points[:, None, :] + rng.normal(size=(n, k, dim)) * 0.3
    return Path(
        f"pso {i}",
        color_for(i),
        points,
        (points**2).sum(1),
        population=population,
        population_kind="swarm",
        **extra,
    )


def simplex_path(i: int, n: int) -> Path:
    points = line(n, seed=i)
    triangle = np.array([[0.0, 0.0], [0.4, 0.0], [0.0, 0.3]])
    shrink = np.linspace(1.0, 0.1, n)[:, None, None]
    return Path(
        "nelder-mead",
        color_for(i),
        points,
        (points**2).sum(1),
        population=points[:, None, :] + triangle[None] * shrink,
        population_kind="simplex",
    )


def trials_path(i: int, n: int, fan: int = 0) -> Path:
    """Line-search trials: a varying number of points per step, NaN-padded."""
    rng = np.random.default_rng(200 + i)
    points = line(n, seed=i)
    trials = np.full((n, 24, 2), np.nan)
    for k in range(1, n):
        m = 1 + k % 5
        trials[k, :m] = points[k] + rng.normal(size=(m, 2)) * 0.1
    fans = tuple(line(n, seed=50 + j) for j in range(fan))
    return Path(
        "bfgs", color_for(i), points, (points**2).sum(1), trials=trials, fan=fans
    )


def plain_path(i: int, n: int) -> Path:
    points = line(n, seed=i)
    return Path("gd", color_for(i), points, (points**2).sum(1))


def zoo_paths(n: int = 101) -> list[Path]:
    """gd (nothing extra), swarm with a 2-seed fan, simplex, trials with a fan."""
    swarm = swarm_path(1, n, fan=(line(n, seed=7), line(n, seed=8)))
    return [plain_path(0, n), swarm, simplex_path(2, n), trials_path(3, n, fan=1)]


def by_meta(spec: dict, meta: str) -> list[int]:
    return [i for i, t in enumerate(spec["data"]) if t.get("meta") == meta]


def frame_trace(frame: dict, index: int) -> dict:
    return frame["data"][frame["traces"].index(index)]


def test_trace_order_and_frame_traces() -> None:
    paths = zoo_paths()
    spec = sent(contour_spec(SURFACE, GRID, paths, SURFACE.start, 100))
    metas = [t.get("meta") for t in spec["data"]]
    assert metas == [
        "background",
        *[None] * 2,  # minima, start
        *["path"] * 4,
        *[None] * 4,  # the markers
        "fan",  # pso's two seeds
        "fan",
        "fan",  # bfgs's seed, then its trial cloud
        "trials",
        "population",  # pso's swarm, nelder-mead's simplex
        "population",
        "step_trials",  # bfgs
    ]
    names = [t["name"] for t in spec["data"][11:]]
    assert names[2:4] == ["bfgs seed fan", "bfgs trials"]
    assert names[4:] == [
        "pso 1 swarm",
        "nelder-mead simplex",
        "bfgs trials of the step",
    ]
    assert 2 <= len(spec["frames"]) <= MAX_FRAMES_2D
    for frame in spec["frames"]:
        assert frame["traces"] == [7, 8, 9, 10, 15, 16, 17]
        assert len(frame["data"]) == 7


def test_paths_without_extras_give_the_traces_they_always_did() -> None:
    paths = [plain_path(0, 50), plain_path(1, 50)]
    spec = sent(contour_spec(SURFACE, GRID, paths, SURFACE.start, 49))
    assert len(spec["data"]) == 3 + 2 + 2
    assert all(f["traces"] == [5, 6] for f in spec["frames"])


def test_swarm_moves_with_the_frames() -> None:
    paths = zoo_paths()
    spec = sent(contour_spec(SURFACE, GRID, paths, SURFACE.start, 100))
    swarm = by_meta(spec, "population")[0]
    population = paths[1].population.astype(np.float32)
    # Still data: the swarm at the last step, like the markers.
    assert np.array_equal(xy(spec["data"][swarm]), population[100])
    shown = []
    for frame in spec["frames"]:
        k = int(frame["name"])
        at_k = xy(frame_trace(frame, swarm))
        assert at_k.shape == (20, 2)
        assert np.array_equal(at_k, population[k])
        shown.append(at_k)
    assert not np.array_equal(shown[0], shown[1])
    look = spec["data"][swarm]
    assert look["mode"] == "markers" and look["marker"]["color"] == paths[1].color
    assert look["showlegend"] is False and look["legendgroup"] == "pso 1"


def test_simplex_is_a_closed_polygon() -> None:
    paths = zoo_paths()
    spec = sent(contour_spec(SURFACE, GRID, paths, SURFACE.start, 100))
    simplex = by_meta(spec, "population")[1]
    assert spec["data"][simplex]["fill"] == "toself"
    vertices = paths[2].population.astype(np.float32)
    for frame in spec["frames"]:
        polygon = xy(frame_trace(frame, simplex))
        assert polygon.shape == (4, 2)
        assert np.array_equal(polygon[0], polygon[-1])
        assert np.array_equal(polygon[:3], vertices[int(frame["name"])])


def test_trials_of_the_shown_step() -> None:
    paths = zoo_paths()
    spec = sent(contour_spec(SURFACE, GRID, paths, SURFACE.start, 100))
    (probe,) = by_meta(spec, "step_trials")
    trials = paths[3].trials
    sizes = set()
    for frame in spec["frames"]:
        k = int(frame["name"])
        expected = trials[k][~np.isnan(trials[k]).any(axis=1)].astype(np.float32)
        got = xy(frame_trace(frame, probe))
        assert np.array_equal(got, expected), k
        sizes.add(len(got))
    assert 0 in sizes and len(sizes) > 2  # step 0 probed nothing; the rest vary
    assert spec["data"][probe]["marker"]["size"] > 5


def test_trial_cloud_is_every_step_thinned_and_labelled() -> None:
    path = trials_path(0, 5001)
    spec = sent(contour_spec(SURFACE, GRID, [path], SURFACE.start, 5000))
    (cloud_index,) = by_meta(spec, "trials")
    cloud = spec["data"][cloud_index]
    assert cloud_index not in spec["frames"][0]["traces"]  # still
    points, steps = xy(cloud), values(cloud["customdata"]).astype(int)
    assert 900 <= len(points) <= MAX_TRIAL_POINTS
    assert steps[0] == 1 and steps[-1] == 5000 and np.all(np.diff(steps) >= 0)
    trials = path.trials.astype(np.float32)
    for point, k in zip(points[::97], steps[::97], strict=True):
        assert (trials[k] == point).all(axis=1).any()
    assert "trial of step %{customdata}" in cloud["hovertemplate"]
    assert cloud["marker"]["symbol"] == "circle-open" and cloud["opacity"] < 0.5


def test_real_bfgs_trials() -> None:
    s = get_surface("rosenbrock")
    t = run("rosenbrock", "bfgs", start=(-1.2, 1), steps=40)
    path = Path("bfgs", color_for(0), t.points, t.values, trials=t.internals["trials"])
    spec = contour_spec(s, surface_grid(s, n=40), [path], (-1.2, 1), 40)
    walk(spec)
    spec = sent(spec)
    (probe,) = by_meta(spec, "step_trials")
    trials = t.internals["trials"]
    for frame in spec["frames"]:
        k = int(frame["name"])
        rows = trials[k][np.isfinite(trials[k]).all(axis=1)].astype(np.float32)
        assert np.array_equal(xy(frame_trace(frame, probe)), rows)
    (cloud,) = by_meta(spec, "trials")
    assert len(xy(spec["data"][cloud])) == np.isfinite(trials).all(axis=2).sum()


def test_fan_lines() -> None:
    n = 5001
    fan = (line(n, seed=1), line(n, seed=2), line(n, seed=3))
    broken = fan[2].copy()
    broken[4000:] = np.nan  # a seed that diverged
    path = Path("sgd", "#0072B2", line(n), np.zeros(n), fan=(*fan[:2], broken))
    spec = contour_spec(SURFACE, GRID, [path], SURFACE.start, 5000)
    walk(spec)
    spec = sent(spec)
    lines = by_meta(spec, "fan")
    assert lines == [5, 6, 7]
    for i, seed in zip(lines, fan, strict=True):
        trace = spec["data"][i]
        assert trace["showlegend"] is False and trace["legendgroup"] == "sgd"
        assert trace["line"] == {"color": "#0072B2", "width": 1}
        assert trace["opacity"] < 1 and "seed fan" in trace["hovertemplate"]
        drawn = xy(trace)
        assert len(drawn) <= MAX_FAN_POINTS
        assert np.array_equal(drawn[0], seed[0].astype(np.float32))
        # Every drawn point is a point of that seed's path, in order.
        rows = {tuple(p) for p in seed.astype(np.float32)}
        assert all(tuple(p) in rows for p in drawn)
    assert np.array_equal(xy(spec["data"][7])[-1], fan[2][3999].astype(np.float32))
    assert all(f["traces"] == [4] for f in spec["frames"])  # fans do not move


def test_no_nan_anywhere() -> None:
    paths = zoo_paths(301)
    population = paths[1].population.copy()
    population[:, :3] = np.nan  # lost particles
    population[150:, :, 1] = np.inf
    simplex = paths[2].population.copy()
    simplex[200:, 1] = np.nan
    paths[1] = Path(
        "pso", "#E69F00", paths[1].points, paths[1].values, None, population, "swarm"
    )
    paths[2] = Path(
        "nm", "#009E73", paths[2].points, paths[2].values, None, simplex, "simplex"
    )
    spec = contour_spec(SURFACE, GRID, paths, SURFACE.start, 300)
    walk(spec)
    spec = sent(spec)
    swarm, polygon = by_meta(spec, "population")
    for frame in spec["frames"]:
        k = int(frame["name"])
        assert len(values(frame_trace(frame, swarm)["x"])) == (17 if k < 150 else 0)
        ring = xy(frame_trace(frame, polygon))
        assert len(ring) == (4 if k < 200 else 3)
        assert np.array_equal(ring[0], ring[-1])


def test_one_d_view_with_population_trials_and_fan() -> None:
    s = get_surface("parabola")
    grid = surface_grid(s, n=400)
    n = 81
    points = np.linspace(1.5, -1.0, n)[:, None]
    values_ = 3 * points[:, 0] ** 2 + 6 * points[:, 0]
    swarm = swarm_path(0, n, k=5, dim=1)
    swarm = Path(
        "pso",
        "#E69F00",
        points,
        values_,
        population=np.clip(swarm.population, *s.domain[0]),
        population_kind="swarm",
        fan=(points[::-1], points * 0.5),
    )
    trials = np.full((n, 24, 1), np.nan)
    trials[1:, :2, 0] = points[1:] + np.array([0.3, -0.2])
    simplex = Path(
        "nm",
        "#009E73",
        points,
        values_,
        population=np.stack([points, points + 0.1], axis=1),
        population_kind="simplex",
        trials=trials,
    )
    spec = line_spec(s, grid, [swarm, simplex], 80)
    walk(spec)
    spec = sent(spec)
    fans = by_meta(spec, "fan")
    assert len(fans) == 2 and by_meta(spec, "trials") == [fans[-1] + 1]
    assert all(spec["data"][i]["showlegend"] is False for i in fans)
    pso_dots, nm_dots = by_meta(spec, "population")
    (probe,) = by_meta(spec, "step_trials")
    assert spec["data"][nm_dots]["mode"] == "markers"  # no polygon on a curve
    assert len(spec["frames"]) <= MAX_FRAMES_1D
    first_marker = fans[0] - 2  # curve, minima, 2 dotted paths, 2 markers
    assert spec["data"][first_marker]["marker"]["size"] == 15
    for frame in spec["frames"]:
        moving = [first_marker, first_marker + 1, pso_dots, nm_dots, probe]
        assert frame["traces"] == moving
        k = int(frame["name"])
        dots = xy(frame_trace(frame, pso_dots))
        assert np.array_equal(dots[:, 0], swarm.population[k, :, 0].astype(np.float32))
        # On the curve: f read off the grid, close to the true f.
        true_f = 3 * dots[:, 0] ** 2 + 6 * dots[:, 0]
        np.testing.assert_allclose(dots[:, 1], true_f, atol=0.05)
        assert len(values(frame_trace(frame, nm_dots)["x"])) == 2
        assert len(values(frame_trace(frame, probe)["x"])) == (2 if k else 0)


def test_contour_hover_shows_f_where_it_is_plotted() -> None:
    linear = get_surface("course_quadratic")
    spec = contour_spec(linear, surface_grid(linear, n=30), [], linear.start, 5)
    assert "%{z" in spec["data"][0]["hovertemplate"]
    assert "customdata" not in spec["data"][0]
    log = get_surface("rosenbrock")
    spec = contour_spec(log, surface_grid(log, n=30), [], log.start, 5)
    assert "%{z" not in spec["data"][0]["hovertemplate"]  # z is log10 there


def budget_paths(extras: bool) -> list[Path]:
    """4 optimizers for 5000 steps; 2 of them swarms of 20 particles."""
    out = []
    for i, key in enumerate(("gd", "adam")):
        t = run("valley", key, steps=5000)
        out.append(Path(key, color_for(i), t.points, t.values, t.diverged_at))
    out += [swarm_path(2, 5001), swarm_path(3, 5001)]
    if extras:  # the rest of the zoo on top: trials, a simplex, a 7-seed fan
        fan = tuple(line(5001, seed=60 + j) for j in range(7))
        out[0] = trials_path(0, 5001)
        out[1] = Path("adam", color_for(1), out[1].points, out[1].values, fan=fan)
        out[3] = simplex_path(3, 5001)
    return out


@pytest.mark.parametrize(
    ("extras", "budget"),
    [
        # Measured 203 kB (2 plain + 2 swarms; 4 plain paths: 157 kB, the
        # swarms' frames 49 kB against 17 kB): budget 1.3x the measurement.
        (False, 265_000),
        # Measured 243 kB with trials, a simplex and a 7-seed fan: 1.3x.
        (True, 317_000),
    ],
)
def test_zoo_payload_within_budget(extras: bool, budget: int) -> None:
    s = SURFACE
    paths = budget_paths(extras)
    contour = contour_figure(s, surface_grid(s, n=100), paths, s.start, 5000)
    size = len(contour.to_json())
    assert size < budget, size
    spec = json.loads(contour.to_json())
    assert 2 <= len(spec["frames"]) <= MAX_FRAMES_2D
    # The whole page (contour, 3-D, loss) within the core's budget still.
    surface = surface_figure(s, surface_grid(s, n=60), paths, 5000)
    total = size + len(surface.to_json()) + len(loss_figure(s, paths).to_json())
    assert total < 600_000, total
