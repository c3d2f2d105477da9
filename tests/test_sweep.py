"""Vectorised runs (issue 11): hyperparameter maps and basins of attraction.

Cells equal single runs; the maps agree with the theory of GD, heavy-ball
and Nesterov momentum on a quadratic with known eigenvalues; basins find every minimum
and change exactly at the maxima between them; nothing recompiles."""

from __future__ import annotations

import numpy as np
import pytest

from optimizers import run
from optimizers.many import FLOOR, WINDOW
from optimizers.summary import summarize
from optimizers.sweep import BLOCK, basins, sweep
from surfaces import get_surface, parse_expression

from .compiles import compiles_during

H = np.array([[6.0, 2.0], [2.0, 4.0]])  # the course quadratic's Hessian
EIGS = np.linalg.eigvalsh(H)  # 5 ± √5
LMAX = EIGS[-1]
START = (0.0, 0.0)


def roots_rate(polys) -> tuple[float, bool]:
    """The largest root magnitude over the eigenvalues' characteristic
    polynomials (np.roots), and whether every root is real."""
    rho, real = 0.0, True
    for poly in polys:
        roots = np.roots(poly)
        rho = max(rho, float(np.abs(roots).max()))
        real &= bool(np.all(np.abs(roots.imag) < 1e-12))
    return rho, real


def heavy_ball_polys(lr: float, mu: float) -> list:
    """The registry's momentum (v ← μv + g, x ← x − αv), per eigenvalue."""
    return [[1.0, -(1.0 - lr * lam + mu), mu] for lam in EIGS]


def nesterov_polys(lr: float, mu: float) -> list:
    """The registry's Nesterov (v ← μv + g, x ← x − α(g + μv)), per
    eigenvalue: z² − (1 + μ)(1 − αλ) z + μ(1 − αλ)."""
    return [[1.0, -(1.0 + mu) * (1 - lr * lam), mu * (1 - lr * lam)] for lam in EIGS]


def kinds(polys) -> tuple[bool, ...]:
    """Per eigenvalue, whether the iteration's roots are real."""
    return tuple(bool(b * b >= 4.0 * c) for _, b, c in polys)


CASES = [
    ("rosenbrock", "gd", {"lr": np.geomspace(1e-4, 3e-3, 6)}, {}),
    (
        "rosenbrock",
        "momentum",
        {"lr": np.geomspace(1e-4, 2e-3, 5), "momentum": [0.0, 0.5, 0.9]},
        {},
    ),
    ("himmelblau", "adam", {"beta1": [0.5, 0.9], "beta2": [0.9, 0.999]}, {"lr": 0.02}),
    ("course_quadratic", "newton", {"damping": [0.0, 1.0, 10.0]}, {}),
    ("himmelblau", "nelder_mead", {"simplex_scale": [0.1, 0.5, 1.0]}, {}),
    ("himmelblau", "pso", {"inertia": [0.3, 0.7], "seed": [0, 5]}, {}),
    # What the gradient goes through before the method: noise drawn from the
    # seed (an axis of noise with no fixed noise), clipping, a mini-batch.
    (
        "rosenbrock",
        "momentum",
        {"noise": [0.0, 0.5, 2.0], "lr": [2e-4, 1e-3]},
        {"seed": 3},
    ),
    ("himmelblau", "gd", {"clip_norm": [0.0, 1.0, 5.0]}, {"lr": 0.01, "noise": 1.0}),
    ("rosenbrock", "adam", {"clip_value": [0.0, 0.5]}, {"lr": 0.02}),
    ("logistic_regression", "momentum", {"lr": [0.05, 0.5]}, {"batch_size": 8}),
    # A schedule (the course's momentum reads lr(t) itself), a maximum, a
    # surface's parameters, a 1-D surface, a line search.
    (
        "rosenbrock",
        "momentum",
        {"lr": [1e-4, 1e-3], "decay_steps": [20.0, 200.0]},
        {"schedule": "cosine", "lr_min": 1e-5, "form": "course"},
    ),
    ("himmelblau", "gd", {"lr": [0.005, 0.02]}, {"maximize": True}),
    (
        "valley",
        "momentum",
        {"lr": [0.01, 0.05, 0.2]},
        {"momentum": 0.8, "surface_params": {"kappa": 40.0, "angle": -20.0}},
    ),
    ("x_sq_plus_sin", "momentum", {"lr": [0.01, 0.1, 0.5]}, {"momentum": 0.5}),
    ("rosenbrock", "bfgs", {"c1": [1e-4, 0.1]}, {}),
]


@pytest.mark.parametrize(("surface", "method", "axes", "fixed"), CASES)
def test_sweep_cells_equal_single_runs(surface, method, axes, fixed) -> None:
    start = get_surface(surface).start
    m = sweep(surface, method, start=start, steps=150, axes=axes, **fixed)
    names = list(axes)
    for index in np.ndindex(m.final_values.shape):
        values = {k: float(m.axes[k][i]) for k, i in zip(names, index, strict=True)}
        t = run(surface, method, start=start, steps=150, **fixed, **values)
        summary = summarize(get_surface(surface), t)
        assert m.final_values[index] == pytest.approx(t.values[-1], rel=1e-9, abs=1e-12)
        np.testing.assert_allclose(
            m.final_points[index], t.points[-1], rtol=1e-9, atol=1e-12
        )
        assert m.diverged_at[index] == (-1 if t.diverged_at is None else t.diverged_at)
        reached = summary.reached_at
        assert m.reached_at[index] == (-1 if reached is None else reached)


def test_cells_in_every_block_of_a_large_map_equal_single_runs() -> None:
    """More cells than one block (optimizers/sweep.py BLOCK): a cell of each
    block, the first and the last, equals its own run."""
    lrs, mus = np.geomspace(1e-4, 2e-3, 40), np.linspace(0.0, 0.95, 33)
    assert lrs.size * mus.size > 4 * BLOCK
    start = (-1.5, 2.0)
    m = sweep(
        "rosenbrock",
        "momentum",
        start=start,
        steps=120,
        axes={"lr": lrs, "momentum": mus},
    )
    flat = np.arange(lrs.size * mus.size)
    picks = {0, flat[-1], *range(BLOCK // 2, flat[-1], BLOCK)}
    for k in sorted(picks):
        i, j = np.unravel_index(k, m.final_values.shape)
        t = run(
            "rosenbrock",
            "momentum",
            start=start,
            steps=120,
            lr=float(lrs[i]),
            momentum=float(mus[j]),
        )
        assert m.final_values[i, j] == pytest.approx(t.values[-1], rel=1e-9)
        np.testing.assert_allclose(m.final_points[i, j], t.points[-1], rtol=1e-9)


def test_a_step_count_off_the_chunk_grid_stops_where_asked() -> None:
    m = sweep("valley", "gd", steps=37, axes={"lr": [0.01, 0.1]})
    t = run("valley", "gd", steps=37, lr=0.1)
    np.testing.assert_allclose(m.final_points[1], t.points[-1], rtol=1e-12)


def test_gd_converges_exactly_below_two_over_lambda_max() -> None:
    lrs = np.linspace(0.02, 0.4, 39)
    m = sweep("course_quadratic", "gd", start=START, steps=400, axes={"lr": lrs})
    stable = lrs * LMAX < 2.0
    edge = np.argmin(np.abs(lrs * LMAX - 2.0))
    for i, lr in enumerate(lrs):
        if abs(i - edge) <= 1:
            continue
        assert (m.outcome[i] == -1) == (not stable[i]), lr
    assert m.outcome[list(np.round(lrs, 2)).index(0.27)] == 1  # the course's pair
    assert m.outcome[list(np.round(lrs, 2)).index(0.28)] == -1
    rates = np.abs(1.0 - lrs[:, None] * EIGS[None, :]).max(axis=1)
    fine = rates < 0.99
    np.testing.assert_allclose(m.rate[fine], rates[fine], atol=1e-3)


def test_heavy_ball_map_matches_its_stability_region_and_rate() -> None:
    lrs = np.linspace(0.01, 0.6, 30)
    mus = np.linspace(0.0, 0.95, 20)
    edge = 2.0 * (1.0 + mus) / LMAX  # α·λmax < 2(1 + μ)
    _map_matches_theory("momentum", lrs, mus, edge, heavy_ball_polys)


def test_nesterov_map_matches_its_stability_region_and_rate() -> None:
    lrs = np.linspace(0.01, 0.45, 30)
    mus = np.linspace(0.0, 0.95, 20)
    edge = 2.0 * (1.0 + mus) / ((1.0 + 2.0 * mus) * LMAX)
    # Nesterov's fastest cells (ρ < 0.5) reach round-off within ~45 steps,
    # and their short window still carries the other eigenvalue's fading
    # mode: measured up to 0.014 off at ρ = 0.41 (complex), 0.0011 (real).
    _map_matches_theory("nesterov", lrs, mus, edge, nesterov_polys, fastest=0.5)


def _map_matches_theory(method: str, lrs, mus, edge, polys, fastest=0.0) -> None:
    """The map's diverged cells are the unstable ones (α above ``edge``),
    and its measured rate the largest root of ``polys``, cell by cell (for
    rates from ``fastest`` to 0.99)."""
    m = sweep(
        "course_quadratic",
        method,
        start=START,
        steps=1000,
        axes={"lr": lrs, "momentum": mus},
    )
    stable = lrs[:, None] < edge[None, :]
    # Away from one cell of the boundary, diverged cells are exactly the
    # unstable ones.
    near = np.zeros_like(stable)
    for i, j in np.ndindex(stable.shape):
        block = stable[max(i - 1, 0) : i + 2, max(j - 1, 0) : j + 2]
        near[i, j] = block.any() and not block.all()
    far = ~near
    np.testing.assert_array_equal((m.outcome == -1)[far], ~stable[far])
    # Where an eigenvalue's two roots meet (real turning complex) the error
    # falls like t·ρ^t, not ρ^t: a finite window cannot see ρ there. Those
    # cells (one grid cell around that curve) are left out, as the
    # stability boundary's are.
    kind = np.array([[kinds(polys(a, mu)) for mu in mus] for a in lrs])
    checked = 0
    for i, j in np.ndindex(stable.shape):
        rho, real = roots_rate(polys(lrs[i], mus[j]))
        block = kind[max(i - 1, 0) : i + 2, max(j - 1, 0) : j + 2]
        if not fastest <= rho < 0.99 or not (block == kind[i, j]).all():
            continue
        tol = 1e-3 if real else 0.01
        assert abs(m.rate[i, j] - rho) < tol, (lrs[i], mus[j], rho, m.rate[i, j])
        checked += 1
    assert checked >= 100


def test_moving_axes_fixed_values_and_steps_compiles_nothing() -> None:
    sweep(
        "rosenbrock",
        "momentum",
        steps=100,
        axes={"lr": np.geomspace(1e-4, 1e-3, 16), "momentum": np.linspace(0, 0.9, 16)},
    )

    def moves() -> None:
        for scale in (1.0, 2.0, 3.0):
            sweep(
                "rosenbrock",
                "momentum",
                steps=int(100 * scale),
                axes={
                    "lr": np.geomspace(1e-4, 1e-3, 16) * scale,
                    "momentum": np.linspace(0, 0.9, 16) / scale,
                },
                noise=0.0,
                clip_norm=scale,
            )
        # another grid in the same bucket (at most 256 cells)
        sweep(
            "rosenbrock",
            "momentum",
            steps=50,
            axes={"lr": np.geomspace(1e-4, 1e-3, 10), "momentum": [0.5, 0.9]},
        )

    assert compiles_during(moves) == 0


def test_bad_axes_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be an axis") as refused:
        sweep("valley", "gd", axes={"beta1": [0.9]})
    offered = str(refused.value).split("valid: ")[1]
    assert "lr" in offered and "noise" in offered and "seed" not in offered
    with pytest.raises(ValueError, match="seed"):
        sweep("valley", "gd", axes={"seed": [1, 2]})
    with pytest.raises(ValueError, match="outside"):
        sweep("valley", "gd", axes={"lr": [-1.0]})
    with pytest.raises(ValueError, match="one or two"):
        sweep("valley", "adam", axes={"lr": [0.1], "beta1": [0.9], "beta2": [0.9]})
    with pytest.raises(ValueError, match="cells"):
        sweep(
            "valley",
            "gd",
            axes={
                "lr": np.geomspace(1e-4, 1, 300),
                "weight_decay": np.linspace(0, 0.5, 300),
            },
        )


def test_basins_of_himmelblau_find_all_four_minima() -> None:
    b = basins("himmelblau", "gd", resolution=64, steps=500, lr=0.01)
    assert set(np.unique(b.labels)) == {0, 1, 2, 3}
    surface = get_surface("himmelblau")
    for index, minimum in enumerate(surface.minima):
        j = int(np.argmin(np.abs(b.xs - minimum.point[0])))
        i = int(np.argmin(np.abs(b.ys - minimum.point[1])))
        assert b.labels[i, j] == index  # a start next to a minimum ends there


def test_basins_on_a_strip_change_at_the_maxima_between_minima() -> None:
    surface = get_surface("sin_minus_square")
    b = basins(surface, "gd", resolution=400, steps=3000, lr=0.005)
    cell = b.xs[1] - b.xs[0]
    changes = np.flatnonzero(np.diff(b.labels) != 0)
    between = [
        m.point[0]
        for m in surface.maxima
        if surface.minima[0].point[0] < m.point[0] < surface.minima[-1].point[0]
    ]
    assert len(between) == 2
    for peak in between:  # every maximum between minima splits two basins
        assert any(abs(b.xs[c] + cell / 2 - peak) <= cell for c in changes)
    inside = [c for c in changes if b.labels[c] >= 0 and b.labels[c + 1] >= 0]
    for c in inside:  # and basins of two minima meet only at a maximum
        assert min(abs(b.xs[c] + cell / 2 - p) for p in between) <= cell


def test_a_typed_function_sweeps_too() -> None:
    typed = parse_expression("(x-1)^2 + 3(y+0.5)^2")
    m = sweep(typed, "gd", start=(0.0, 0.0), steps=100, axes={"lr": [0.05, 0.4]})
    assert m.outcome[0] == 1 and m.outcome[1] == -1


def _rate_by_definition(surface, path, frozen: int | None) -> float:
    """The measured rate as optimizers/many.py defines it, from a run's path:
    the window is the last WINDOW steps (step 0 the start) before the
    distance falls under FLOOR view-box widths, before the run froze, or to
    its end; ρ = exp of the least-squares slope (np.polyfit) of
    ½ log(d_t² + d_{t−1}²) over the window's last two thirds."""
    d = np.linalg.norm(path - np.asarray(surface.minima[0].point), axis=1)
    low_d = np.flatnonzero(d < FLOOR * surface.width)
    ends = [len(d) - 1]
    if low_d.size:
        ends.append(low_d[0] - 1)
    if frozen is not None:
        ends.append(frozen - 1)
    last = min(ends)
    begin = max(last - WINDOW + 1, 1)
    low = begin + (last - begin) // 3
    if last - low + 1 < 3:
        return float("nan")
    steps = np.arange(low, last + 1)
    y = 0.5 * np.log(d[steps] ** 2 + d[steps - 1] ** 2)
    return float(np.exp(np.polyfit(steps, y, 1)[0]))


@pytest.mark.parametrize("steps", [137, 1000])
@pytest.mark.parametrize("method", ["momentum", "nesterov"])
def test_measured_rates_follow_their_definition_from_single_runs(method, steps):
    """Independent of many.py's ring and of the NumPy reference (which
    shares its formula): cells that reach round-off, crawl, or diverge."""
    surface = get_surface("matyas")  # its minimum is the origin: no cancellation
    lrs, mus = np.geomspace(0.05, 8.0, 9), np.array([0.0, 0.5, 0.9])
    m = sweep("matyas", method, steps=steps, axes={"lr": lrs, "momentum": mus})
    kinds = {"floor": 0, "diverged": 0, "open": 0}
    for i, j in np.ndindex(m.rate.shape):
        t = run("matyas", method, steps=steps, lr=lrs[i], momentum=mus[j])
        want = _rate_by_definition(surface, t.points, t.diverged_at)
        if np.isnan(want):
            assert np.isnan(m.rate[i, j]), (lrs[i], mus[j])
            continue
        assert m.rate[i, j] == pytest.approx(want, rel=1e-12), (lrs[i], mus[j])
        d = np.linalg.norm(t.points[-1])
        kind = "diverged" if t.diverged_at is not None else "open"
        kinds["floor" if d < FLOOR * surface.width else kind] += 1
    assert kinds["diverged"] >= 1 and kinds["open"] >= 1, kinds
    assert kinds["floor"] >= (1 if steps == 1000 else 0), kinds


ONE_DEVICE = """
import json, jax
from optimizers.sweep import sweep
assert len(jax.local_devices()) == 1
m = sweep("rosenbrock", "momentum", steps=150,
          axes={"lr": [1e-4, 5e-4, 2e-3], "momentum": [0.0, 0.5, 0.9]})
print(json.dumps([m.final_points.tolist(), m.rate.tolist(), m.diverged_at.tolist()]))
"""


def test_a_single_device_gives_the_same_map() -> None:
    """The path that does not split the cells across devices, in a fresh
    process with one XLA device."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "XLA_FLAGS": "--xla_force_host_platform_device_count=1"}
    out = subprocess.run(
        [sys.executable, "-c", ONE_DEVICE],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    points, rates, diverged = json.loads(out.stdout.strip().splitlines()[-1])
    m = sweep(
        "rosenbrock",
        "momentum",
        steps=150,
        axes={"lr": [1e-4, 5e-4, 2e-3], "momentum": [0.0, 0.5, 0.9]},
    )
    np.testing.assert_allclose(np.asarray(points), m.final_points, rtol=1e-12)
    np.testing.assert_allclose(np.asarray(rates, float), m.rate, rtol=1e-12)
    np.testing.assert_array_equal(np.asarray(diverged), m.diverged_at)
