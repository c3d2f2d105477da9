"""The hyperparameter map's figure (viz/sweep_map.py, viz/sweep_overlay.py):
valid plotly, under 1 MB at 256 × 256, theory lines exactly where the
formulas put them, log axes where the axis is log, gaps and outcome colours,
and clicks read back to the right cell."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import pytest

from optimizers import theory
from optimizers.sweep import sweep
from viz import Look, to_json
from viz.sweep_map import (
    QUANTITIES,
    Axis,
    SweepTexts,
    cell_of,
    loss_floor,
    sweep_map_spec,
)
from viz.sweep_overlay import (
    has_theory,
    picked_trace,
    search_traces,
    theory_traces,
)

EIGS = np.array([5.0 - math.sqrt(5.0), 5.0 + math.sqrt(5.0)])  # course quadratic
LR = Axis("lr", "learning rate α", log=True)
MU = Axis("momentum", "momentum μ")


def fake_map(n: int, m: int, seed: int = 0) -> SimpleNamespace:
    """A SweepMap-shaped result with every kind of cell (no sweep needed)."""
    rng = np.random.default_rng(seed)
    shape = (n, m)
    diverged = np.where(rng.random(shape) < 0.2, 7, -1)
    return SimpleNamespace(
        axes={"lr": np.geomspace(1e-3, 1.0, n), "momentum": np.linspace(0, 0.99, m)},
        final_values=np.where(diverged >= 0, np.inf, rng.random(shape) * 10.0 - 1.0),
        reached_at=np.where(rng.random(shape) < 0.5, rng.integers(0, 500, shape), -1),
        diverged_at=diverged,
        rate=np.where(rng.random(shape) < 0.9, rng.random(shape), np.nan),
        outcome=np.where(diverged >= 0, -1, rng.integers(0, 2, shape)),
        steps=500,
    )


def overlays(n: int) -> list[dict]:
    lrs, mus = np.geomspace(1e-3, 1.0, n), np.linspace(0, 0.99, n)
    traces = theory_traces("momentum", [LR, MU], [lrs, mus], EIGS, {})
    rng = np.random.default_rng(1)
    points = np.column_stack([np.geomspace(0.01, 0.5, 36), rng.random(36)])
    traces += search_traces(
        points, rng.random(36), points[::-1], rng.random(36), [LR, MU]
    )
    return traces


def by_name(spec: dict, name: str) -> dict:
    (trace,) = [t for t in spec["data"] if t.get("name", "").startswith(name)]
    return trace


@pytest.mark.parametrize("quantity", QUANTITIES)
def test_every_quantity_is_a_valid_figure_under_one_megabyte_at_256(quantity) -> None:
    m = fake_map(256, 256)
    spec = sweep_map_spec(
        m, quantity, [LR, MU], best_value=-1.0, overlays=overlays(256)
    )
    assert len(to_json(spec).encode()) < 1_000_000
    go.Figure(spec)  # plotly's validators accept every trace and layout key
    heat = spec["data"][0]
    assert heat["type"] == "heatmap" and heat["z"].shape == (256, 256)
    assert heat["z"].dtype in (np.float32, np.int8)
    assert heat["x"].dtype == np.float32
    # Rows follow y: z[i, j] belongs to (x[j], y[i]), the sweep transposed.
    assert heat["z"].shape == (len(heat["y"]), len(heat["x"]))


def test_the_map_shows_each_quantity_of_the_right_cell_and_gaps() -> None:
    m = fake_map(5, 4)
    loss = sweep_map_spec(m, "loss", [LR, MU], best_value=-1.0)["data"][0]
    gap = m.final_values - (-1.0)
    for i, j in np.ndindex(5, 4):
        z = loss["z"][j, i]
        if m.diverged_at[i, j] >= 0:
            assert np.isnan(z)  # a gap: the background shows "diverged"
        else:
            expected = math.log10(max(gap[i, j], loss_floor(-1.0)))
            assert z == pytest.approx(expected, abs=1e-5)
            assert loss["customdata"][j, i] == pytest.approx(gap[i, j], rel=1e-6)
    steps = sweep_map_spec(m, "steps", [LR, MU])["data"][0]["z"]
    np.testing.assert_array_equal(np.isnan(steps), (m.reached_at < 0).T)
    outcome = sweep_map_spec(m, "outcome", [LR, MU])["data"][0]
    np.testing.assert_array_equal(outcome["z"], m.outcome.T)
    assert outcome["colorbar"]["ticktext"] == ["diverged", "neither", "converged"]


def test_outcome_colours_are_categorical_and_colour_blind_safe() -> None:
    heat = sweep_map_spec(fake_map(4, 4), "outcome", [LR, MU])["data"][0]
    colours = [c for _, c in heat["colorscale"]]
    assert set(colours) == {"#D55E00", "#9a9a9a", "#0072B2"}  # Okabe–Ito + grey
    assert heat["zmin"] == -1 and heat["zmax"] == 1


def test_axes_are_log_where_the_hyperparameter_is_and_fit_the_cells() -> None:
    m = fake_map(11, 6)
    layout = sweep_map_spec(m, "rate", [LR, MU])["layout"]
    assert layout["xaxis"]["type"] == "log"
    assert "type" not in layout["yaxis"]
    half = (math.log10(1.0) - math.log10(1e-3)) / 10 / 2
    assert layout["xaxis"]["range"] == pytest.approx([-3 - half, half])
    step = 0.99 / 5
    assert layout["yaxis"]["range"] == pytest.approx([-step / 2, 0.99 + step / 2])
    hover = sweep_map_spec(m, "rate", [LR, MU])["data"][0]["hovertemplate"]
    assert "learning rate α = %{x" in hover and "momentum μ = %{y" in hover
    assert "%{z" in hover


def test_heavy_ball_lines_sit_where_the_formulas_put_them() -> None:
    lrs, mus = np.geomspace(1e-3, 1.0, 30), np.linspace(0, 0.99, 20)
    traces = theory_traces("momentum", [LR, MU], [lrs, mus], EIGS, {})
    spec = {"data": traces}
    edge = by_name(spec, SweepTexts().hb_edge)
    np.testing.assert_allclose(
        edge["x"], 2.0 * (1.0 + edge["y"].astype(float)) / EIGS[-1], rtol=1e-6
    )
    best = theory.optimal_momentum(*EIGS)
    star = by_name(spec, SweepTexts().optimum)
    assert star["x"][0] == pytest.approx(best.lr) and star["y"][0] == best.momentum
    lines = by_name(spec, SweepTexts().rate_lines)
    expected = theory.heavy_ball_rate(lines["x"][None, :], lines["y"][:, None], EIGS)
    np.testing.assert_allclose(lines["z"], np.minimum(expected, 1.5), rtol=1e-5)
    # The same lines with the axes the other way round: coordinates swap.
    swapped = theory_traces("momentum", [MU, LR], [mus, lrs], EIGS, {})
    edge2 = by_name({"data": swapped}, SweepTexts().hb_edge)
    np.testing.assert_allclose(
        edge2["y"], 2.0 * (1.0 + edge2["x"]) / EIGS[-1], rtol=1e-6
    )


def test_nesterov_lines_sit_where_its_formulas_put_them() -> None:
    lrs, mus = np.geomspace(1e-3, 1.0, 30), np.linspace(0, 0.99, 20)
    traces = theory_traces("nesterov", [LR, MU], [lrs, mus], EIGS, {})
    spec = {"data": traces}
    edge = by_name(spec, SweepTexts().nag_edge)
    mu = edge["y"].astype(float)
    # α·λmax = 2(1 + μ)/(1 + 2μ): the Jury edge of z² − (1+μ)s z + μs, s = 1 − αλ
    np.testing.assert_allclose(
        edge["x"], 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * EIGS[-1]), rtol=1e-6
    )
    lines = by_name(spec, SweepTexts().rate_lines)
    expected = theory.nesterov_rate(lines["x"][None, :], lines["y"][:, None], EIGS)
    np.testing.assert_allclose(lines["z"], np.minimum(expected, 1.5), rtol=1e-5)
    names = [t["name"] for t in traces]
    assert SweepTexts().optimum not in names and SweepTexts().hb_edge not in names
    # One axis: α's edge at a fixed μ; μ's edge where there is one.
    (one,) = theory_traces("nesterov", [LR], [lrs], EIGS, {"momentum": 0.5})
    assert one["x"][0] == pytest.approx(1.5 / EIGS[-1])  # 2·1.5/2 = 1.5
    (up,) = theory_traces("nesterov", [MU], [mus], EIGS, {"lr": 1.5 / EIGS[-1]})
    assert up["x"][0] == pytest.approx(0.5)  # (2 − 1.5)/(2·0.5)
    assert theory_traces("nesterov", [MU], [mus], EIGS, {"lr": 0.5 / EIGS[-1]}) == []


def test_one_axis_edges_are_vertical_lines_at_the_limits() -> None:
    lrs = np.geomspace(1e-3, 1.0, 40)
    (gd,) = theory_traces("gd", [LR], [lrs], EIGS, {})
    assert gd["x"] == [pytest.approx(2.0 / EIGS[-1])] * 2  # 0.2764
    assert "0.2764" in gd["name"]
    (hb,) = theory_traces("momentum", [LR], [lrs], EIGS, {"momentum": 0.5})
    assert hb["x"][0] == pytest.approx(3.0 / EIGS[-1])
    (mu,) = theory_traces(
        "momentum", [MU], [np.linspace(0, 0.99, 9)], EIGS, {"lr": 0.4}
    )
    assert mu["x"][0] == pytest.approx(0.4 * EIGS[-1] / 2 - 1)
    strip = sweep_map_spec(_strip(lrs), "outcome", [LR], overlays=[gd])
    assert strip["data"][0]["z"].shape == (1, 40)
    assert strip["layout"]["yaxis"]["visible"] is False


def _strip(lrs: np.ndarray):
    """A real one-axis sweep: GD's outcome flips at 2/λmax."""
    m = sweep("course_quadratic", "gd", start=(0.0, 0.0), steps=400, axes={"lr": lrs})
    stable = lrs < 2.0 / EIGS[-1]
    edge = np.argmin(np.abs(lrs - 2.0 / EIGS[-1]))
    far = np.abs(np.arange(len(lrs)) - edge) > 1
    np.testing.assert_array_equal((m.outcome == -1)[far], ~stable[far])
    return m


def test_theory_is_drawn_only_where_it_applies() -> None:
    assert has_theory("gd", ["lr"]) and has_theory("momentum", ["lr", "momentum"])
    assert not has_theory("gd", ["lr", "weight_decay"])
    assert not has_theory("adam", ["lr", "beta1"])
    assert has_theory("nesterov", ["lr", "momentum"])
    assert not has_theory("nesterov", ["lr", "noise"])
    assert theory_traces("adam", [LR], [np.ones(3)], EIGS, {}) == []
    # No minimum with positive curvature: the edge only, no optimum.
    flat = theory_traces(
        "momentum", [LR, MU], [np.geomspace(1e-3, 1, 5), np.linspace(0, 0.9, 5)],
        [0.0, 4.0], {},
    )  # fmt: skip
    assert SweepTexts().optimum not in [t["name"] for t in flat]


def test_search_overlay_marks_the_best_of_each() -> None:
    grid = np.array([[0.01, 0.1], [0.1, 0.1], [0.01, 0.9], [0.1, 0.9]])
    randoms = np.array([[0.02, 0.5], [0.2, 0.3], [0.05, 0.7], [0.3, 0.2]])
    traces = search_traces(
        grid, np.array([3.0, 1.0, np.inf, 2.0]), randoms,
        np.array([0.5, np.inf, 0.1, 4.0]), [LR, MU], floor=0.2,
    )  # fmt: skip
    names = [t["name"] for t in traces]
    assert names == ["grid search (4)", "best of grid", "random search (4)",
                     "best of random"]  # fmt: skip
    assert (traces[1]["x"], traces[1]["y"]) == ([0.1], [0.1])
    assert (traces[3]["x"], traces[3]["y"]) == ([0.05], [0.7])
    assert "diverged" in traces[0]["text"][2]  # inf: a diverged run
    assert "≈ 0" in traces[2]["text"][2]  # below the floor: round-off


def test_a_click_reads_back_to_its_cell() -> None:
    m = fake_map(7, 5)
    logs = [True, False]
    assert cell_of(m, ["lr", "momentum"], logs, {"x": 0, "y": 0, "index": [3, 6]}) == (
        6,
        3,
    )
    x, y = m.axes["lr"][2], m.axes["momentum"][4]
    assert cell_of(m, ["lr", "momentum"], logs, {"x": x * 1.01, "y": y}) == (2, 4)
    assert cell_of(m, ["lr", "momentum"], logs, {"x": "junk"}) is None
    assert cell_of(m, ["lr", "momentum"], logs, None) is None
    assert cell_of(
        m, ["lr", "momentum"], logs, {"index": [99, 99], "x": x, "y": y}
    ) == (
        2,
        4,
    )
    picked = picked_trace([x, y], SweepTexts(), Look())
    assert picked["x"] == [x] and picked["showlegend"] is False
