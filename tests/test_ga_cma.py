"""The genetic algorithm and CMA-ES.

CMA-ES is checked against pycma (``cma``, a test dependency) two ways: one
generation at a time, from pycma's own state and on pycma's own samples, and
a whole run fed the same standard normals (pycma's ``randn`` option). pycma
4.x has retuned a few of the 2016 tutorial's constants (c_σ, d_σ, c_μ): the
comparison gives pycma the tutorial's, and asserts that everything else
(weights, μ_eff, c_c, c_1, E‖N(0, I)‖) is pycma's already. Then the behaviour
pycma documents on the same functions: both solve Rosenbrock, and with
λ = 20 both find Rastrigin's global minimum in about half the seeds.
"""

import warnings

import jax.numpy as jnp
import numpy as np
import pytest

from optimizers import run, run_fan
from optimizers.cma_es import CMA_ES, POPULATION, Distribution, constants, tell
from optimizers.genetic import ELITES, GENETIC
from optimizers.rng import normals, prng_key, uniforms
from surfaces import get_surface
from tests.test_derivative_free import HOLES
from viz import Path, contour_spec, line_spec, surface_grid
from viz.zoo import ellipse_points

cma = pytest.importorskip("cma")  # pyproject.toml, extra "test"
from cma.utilities.math import Mh  # noqa: E402

METHODS = [GENETIC, CMA_ES]
IDS = [m.key for m in METHODS]
# Rastrigin's global minimum, "within tolerance": the status' 1e-3 box widths.
RASTRIGIN_TOL = 1e-3 * 10.24
CMA_RASTRIGIN_SEED = 3  # one of the ~55% of seeds that succeed (measured below)


def _f(surface: str):
    s = get_surface(surface)
    return lambda x: float(s.f(jnp.asarray(x)))


def _pycma(start, sigma0: float, **options) -> "cma.CMAEvolutionStrategy":
    """pycma without active CMA, λ = 20, with the tutorial's c_σ, d_σ, c_μ."""
    c = constants(len(start))
    opts = {"popsize": POPULATION, "CMA_active": False, "verbose": -9, **options}
    es = cma.CMAEvolutionStrategy(list(start), sigma0, opts)
    es.adapt_sigma.cs, es.adapt_sigma.damps = c.c_sigma, c.d_sigma
    es.sm.parameters = lambda mueff=None, lam=None: {"c1": c.c_1, "cmu": c.c_mu}
    return es


def _state_of(es) -> Distribution:
    """pycma's distribution, in ours (B and D are pycma's too)."""
    return Distribution(
        *(jnp.asarray(a) for a in (es.mean, es.sigma, es.sm.C, es.adapt_sigma.ps)),
        jnp.asarray(es.pc),
        jnp.asarray(es.sm.B),
        jnp.asarray(es.sm.D),
    )


def _h_sigma_rules_agree(es, n: int) -> bool:
    """pycma's h_σ test (on ‖p_σ‖²) and the tutorial's (on ‖p_σ‖) agree."""
    c = constants(n)
    ps, g = es.adapt_sigma.ps, es.countiter
    correction = 1 - (1 - c.c_sigma) ** (2 * g)
    theirs = np.sum(ps**2) / correction / n - 1 < 1 + 4 / (n + 1)
    ours = np.linalg.norm(ps) / np.sqrt(correction) < (1.4 + 2 / (n + 1)) * c.chi_n
    return bool(theirs == ours)


# --- CMA-ES against pycma ------------------------------------------------------


def test_constants_are_the_tutorials_and_pycmas_where_they_agree() -> None:
    c = constants(2)
    es = cma.CMAEvolutionStrategy([0.0, 0.0], 1.0, {"popsize": 20, "verbose": -9})
    np.testing.assert_allclose(c.weights, es.sp.weights.positive_weights, rtol=1e-14)
    assert c.mueff == pytest.approx(es.sp.weights.mueff, rel=1e-14)
    assert c.c_c == pytest.approx(es.sp.cc, rel=1e-14)
    assert c.c_1 == pytest.approx(es.sm.parameters()["c1"], rel=1e-14)
    assert c.chi_n == pytest.approx(Mh.chiN(2), rel=1e-14)  # exact E‖N(0, I)‖
    # Hansen (2016), Table 1, as printed; pycma 4.x uses other values here.
    mu = c.mueff
    assert c.c_sigma == pytest.approx((mu + 2) / (2 + mu + 5), rel=1e-14)
    damping = 1 + 2 * max(0.0, np.sqrt((mu - 1) / (2 + 1)) - 1) + c.c_sigma
    assert c.d_sigma == pytest.approx(damping, rel=1e-14)
    expected = 2 * (mu - 2 + 1 / mu) / ((2 + 2) ** 2 + mu)
    assert c.c_mu == pytest.approx(expected, rel=1e-14)
    assert es.adapt_sigma.cs != pytest.approx(c.c_sigma)
    assert es.sm.parameters()["cmu"] != pytest.approx(c.c_mu)


@pytest.mark.parametrize(
    ("surface", "start", "sigma0", "seed"),
    [
        ("rosenbrock", (-1.5, 2.0), 0.6, 3),
        ("rosenbrock", (1.8, -0.5), 0.2, 11),
        ("rastrigin", (3.3, -2.6), 3.0, 5),
    ],
)
def test_each_generation_is_pycmas_on_pycmas_samples(
    surface, start, sigma0, seed
) -> None:
    """From pycma's state and on pycma's samples, ``tell`` gives pycma's m, σ,
    C, p_σ and p_c: every generation until pycma stops, or until the spread
    is so small against |m| that x − m has lost most of its digits (the two
    codes then round differently: Σw(x − m) against Σwx − m)."""
    f = _f(surface)
    c = constants(2)
    es = _pycma(start, sigma0, seed=seed)
    compared = 0
    while not es.stop() and compared < 400:
        x = np.asarray(es.ask())  # pycma decomposes C here: B and D are current
        before = _state_of(es)
        if float(before.sigma * before.scales[0]) < 1e-6 * (1 + np.abs(es.mean).max()):
            break
        values = np.array([f(p) for p in x])
        ours = tell(c, before, jnp.asarray(x), jnp.asarray(values), es.countiter)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a clipped σ change
            es.tell(list(x), list(values))
        assert _h_sigma_rules_agree(es, 2), f"h_σ rules differ at {es.countiter}"
        theirs = (es.mean, es.sigma, es.sm.C, es.adapt_sigma.ps, es.pc)
        for name, a, b in zip(
            ("m", "σ", "C", "p_σ", "p_c"), ours, theirs, strict=False
        ):
            scale = np.abs(b).max() + 1e-12
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-9 * scale, err_msg=name)
        compared += 1
    assert compared >= 40


@pytest.mark.parametrize(
    ("surface", "start", "relative_sigma", "seed"),
    [("rosenbrock", (-1.5, 2.0), 0.15, 3), ("rastrigin", (3.3, -2.6), 0.3, 7)],
)
def test_a_run_follows_pycmas_mean_path_for_the_same_normals(
    surface, start, relative_sigma, seed
) -> None:
    """pycma draws our standard normals (its ``randn``) from C = I: the mean
    paths agree to rounding. Both sample y = B D z with numpy's and XLA's
    eigenvectors: the same signs, or this would fail at once."""
    s = get_surface(surface)
    f = _f(surface)
    key = prng_key(jnp.float64(seed))
    counter = iter(range(10**6))

    def randn(lam: int, n: int) -> np.ndarray:
        g = next(counter)
        return np.asarray(normals(uniforms(key, jnp.int32(g), (2, lam, n))))

    width = float(np.mean([hi - lo for lo, hi in s.domain]))
    es = _pycma(start, relative_sigma * width, randn=randn)
    # pycma nudges its C_0 off I (1e-4) to split equal eigenvalues; ours is I.
    es.sm.C, es.sm.B, es.sm.D = np.eye(2), np.eye(2), np.ones(2)
    means = [es.mean.copy()]
    for _ in range(80):
        x = np.asarray(es.ask())
        es.tell(list(x), [f(p) for p in x])
        assert _h_sigma_rules_agree(es, 2)
        means.append(es.mean.copy())
    t = run(surface, CMA_ES, start=start, steps=80, seed=seed, sigma=relative_sigma)
    # Compare while f still ranks the samples: once the cloud is ~1e-6 box
    # widths across, f's differences sink to rounding and jitted and eager f
    # may order them differently.
    spread = np.sqrt(np.linalg.eigvalsh(t.internals["covariance"])[:, -1])
    shown = int(np.argmax(spread < 1e-6 * width)) or len(spread)
    assert shown >= 40
    np.testing.assert_allclose(
        t.internals["mean"][:shown], means[:shown], rtol=0, atol=1e-12 * width
    )
    np.testing.assert_allclose(
        t.points[:shown], means[:shown], rtol=0, atol=1e-12 * width
    )


def _rastrigin_successes(points: list[np.ndarray]) -> float:
    return float(np.mean([np.linalg.norm(p) < RASTRIGIN_TOL for p in points]))


def test_rastrigin_success_rate_is_pycmas(capsys) -> None:
    """pycma's documented behaviour (Hansen & Kern 2004): with λ = 20 the
    2-D Rastrigin's global minimum is found in about half the runs; larger
    populations find it more often. Ours, 40 seeds, against pycma's own
    defaults (its constants, active CMA), 40 seeds."""
    start, sigma0 = (3.3, -2.6), 0.3 * 10.24
    ours = run_fan("rastrigin", CMA_ES, list(range(40)), start=start, steps=300)
    f = _f("rastrigin")
    theirs = []
    for seed in range(1, 41):
        opts = {"popsize": POPULATION, "seed": seed, "verbose": -9, "maxiter": 300}
        es = cma.CMAEvolutionStrategy(list(start), sigma0, opts)
        while not es.stop():
            x = es.ask()
            es.tell(x, [f(p) for p in x])
        theirs.append(es.mean)
    rate_ours = _rastrigin_successes([t.points[-1] for t in ours])
    rate_theirs = _rastrigin_successes(theirs)
    with capsys.disabled():
        print(f"\nRastrigin, λ = 20: ours {rate_ours:.0%}, pycma {rate_theirs:.0%}")
    assert 0.3 <= rate_ours <= 0.75 and 0.3 <= rate_theirs <= 0.75
    assert abs(rate_ours - rate_theirs) <= 0.25


# --- both methods: the acceptance ----------------------------------------------


SOLVES = [
    (GENETIC, "rastrigin", 0),
    (GENETIC, "rosenbrock", 0),
    (CMA_ES, "rastrigin", CMA_RASTRIGIN_SEED),
    (CMA_ES, "rosenbrock", 0),
]


@pytest.mark.parametrize(("method", "surface", "seed"), SOLVES)
def test_solves_within_the_registry_budget(method, surface, seed, capsys) -> None:
    s = get_surface(surface)
    t = run(surface, method, steps=5000, seed=seed)  # defaults, default start
    best = min(s.minima, key=lambda m: m.value)
    distance = np.linalg.norm(t.points - np.asarray(best.point), axis=1)
    assert t.status == "converged"
    assert distance[-1] < 1e-3 * s.width
    assert t.values[-1] - best.value < 1e-6
    with capsys.disabled():
        reached = int(np.argmax(distance < 1e-3 * s.width))
        print(
            f"\n{method.key} on {surface}, seed {seed}: global minimum at step "
            f"{reached} ({reached * POPULATION} evaluations)"
        )


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_population_budget_is_the_swarms(method) -> None:
    steps = 120
    t = run("himmelblau", method, steps=steps)
    pso = run("himmelblau", "pso", steps=steps)
    assert t.evals == pso.evals == {"f": 20 * steps, "grad": 0, "hess": 0}
    np.testing.assert_array_equal(np.diff(t.eval_counts[:, 0]), 20)
    population = t.internals["population"]
    assert population.shape == (steps + 1, 20, 2)
    assert len(np.unique(population[5], axis=0)) > 1


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_same_seed_same_path_other_seed_another(method) -> None:
    a = run("rastrigin", method, steps=60, seed=5)
    b = run("rastrigin", method, steps=60, seed=5)
    c = run("rastrigin", method, steps=60, seed=6)
    np.testing.assert_array_equal(a.points, b.points)
    np.testing.assert_array_equal(a.internals["population"], b.internals["population"])
    assert not np.array_equal(a.points, c.points)


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_nan_and_inf_regions_never_count(method) -> None:
    t = run(HOLES, method, steps=400)
    assert t.diverged_at is None
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert np.all(t.points[:, 0] <= 1.2) and np.all(t.points[:, 1] <= 1.5)
    for name, series in t.internals.items():
        assert np.all(np.isfinite(series)), name
    assert t.values[-1] < t.values[0]


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_one_dimensional_surfaces(method) -> None:
    t = run("parabola", method, steps=300)
    assert t.points.shape == (301, 1)
    assert t.points[-1, 0] == pytest.approx(-1.0, abs=1e-4)
    unbounded = run("x_plus_sin", method, steps=300)
    assert np.all(np.isfinite(unbounded.points))
    if method is CMA_ES:
        # x + sin x has no minimum: the mean walks off with a growing σ until
        # the runner freezes it, 1e3 box widths out.
        assert unbounded.status == "unbounded"
    else:
        assert unbounded.points[-1, 0] == -10.0  # the box's edge: children clamped


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_formula_and_family(method) -> None:
    assert method.family == "derivative_free"
    assert "@" not in method.latex and "@" not in method.latex_with({})
    assert method.note


# --- CMA-ES: what is recorded --------------------------------------------------


def test_cma_samples_come_from_the_recorded_distribution() -> None:
    t = run("rosenbrock", CMA_ES, start=(-1.5, 2.0), steps=200, seed=2)
    mean, cov = t.internals["mean"], t.internals["covariance"]
    ellipse = t.internals["ellipse"]
    np.testing.assert_allclose(ellipse[:, 0], mean, rtol=0, atol=0)
    axes = ellipse[:, 1:]
    np.testing.assert_allclose(
        np.einsum("tki,tkj->tij", axes, axes), cov, rtol=1e-9, atol=1e-300
    )
    # Whitened by its own row's distribution, every sample is N(0, I).
    z = [
        np.linalg.solve(
            np.linalg.cholesky(cov[k]), (t.internals["population"][k] - mean[k]).T
        ).T
        for k in range(100)
    ]
    z = np.concatenate(z)
    assert np.abs(z.mean(axis=0)).max() < 0.1
    np.testing.assert_allclose(np.cov(z.T), np.eye(2), atol=0.1)
    # The distribution shrinks onto the minimum, and its ellipse lines up
    # with the valley (long axis along y ≈ 2x at (1, 1)).
    assert np.sqrt(np.linalg.eigvalsh(cov[-1])[-1]) < 1e-5
    long_axis = np.linalg.eigh(cov[120])[1][:, -1]
    assert abs(long_axis[1] / long_axis[0]) == pytest.approx(2.0, rel=0.2)


def test_cma_stops_cleanly_long_after_converging() -> None:
    t = run("booth", CMA_ES, steps=5000, seed=1)
    for name, series in t.internals.items():
        assert np.all(np.isfinite(series)), name
    spread = np.sqrt(np.linalg.eigvalsh(t.internals["covariance"][-1])[-1])
    assert spread >= 1e-12 * 20.0 * 0.99  # the floor: pycma's tolx in box widths
    assert np.max(np.abs(t.points[-1] - [1.0, 3.0])) < 1e-9


# --- the genetic algorithm: its operators ----------------------------------------


def test_ga_selection_alone_copies_and_takes_over() -> None:
    t = run("himmelblau", GENETIC, steps=40, crossover=0.0, mutation_rate=0.0)
    population = t.internals["population"]
    for k in range(1, 41):
        old = {tuple(p) for p in population[k - 1]}
        assert {tuple(p) for p in population[k]} <= old
    # Tournaments keep the better half: the best individual takes over.
    assert len(np.unique(population[-1], axis=0)) == 1
    np.testing.assert_array_equal(population[-1, 0], t.points[-1])


def test_ga_blend_crossover_stays_near_its_parents() -> None:
    t = run("himmelblau", GENETIC, steps=30, crossover=1.0, mutation_rate=0.0)
    population = t.internals["population"]
    for k in range(1, 31):
        low, high = population[k - 1].min(axis=0), population[k - 1].max(axis=0)
        spread = high - low
        children = population[k, ELITES:]
        assert np.all(children >= low - 0.5 * spread - 1e-12)
        assert np.all(children <= high + 0.5 * spread + 1e-12)
    assert len(np.unique(population[1], axis=0)) > ELITES


def test_ga_mutation_and_elitism() -> None:
    s = get_surface("rastrigin")
    t = run(s, GENETIC, steps=200, mutation=0.2, mutation_rate=1.0, seed=4)
    assert np.all(np.diff(t.values) <= 1e-12 * (1 + np.abs(t.values[:-1])))
    population = t.internals["population"]
    assert np.all((population >= -5.12) & (population <= 5.12))
    # The elites are last generation's best, unchanged.
    values = np.array([[float(s.f(p)) for p in row] for row in population[:50]])
    for k in range(1, 50):
        best_two = population[k - 1][np.argsort(values[k - 1], stable=True)[:2]]
        np.testing.assert_array_equal(population[k, :ELITES], best_two)


# --- the figures -----------------------------------------------------------------


def _path(t, kind: str) -> Path:
    return Path(
        label=t.optimizer,
        color="#1f77b4",
        points=t.points,
        values=t.values,
        population=t.internals[kind],
        population_kind=kind,
    )


def test_the_map_draws_the_ellipse_and_the_population() -> None:
    s = get_surface("rastrigin")
    cma_run = run(s, CMA_ES, steps=40, seed=1)
    ga_run = run(s, GENETIC, steps=40, seed=1)
    paths = [_path(cma_run, "ellipse"), _path(ga_run, "population")]
    spec = contour_spec(s, surface_grid(s, None, 40), paths, s.start, 40)
    moving = [d for d in spec["data"] if d.get("meta") == "population"]
    ellipse, crowd = moving
    assert ellipse["mode"] == "lines" and ellipse["fill"] == "toself"
    assert crowd["mode"] == "markers" and len(crowd["x"]) == 20
    xy = np.stack([ellipse["x"], ellipse["y"]], axis=1).astype(np.float64)
    np.testing.assert_allclose(xy[0], xy[-1], atol=1e-5)  # closed
    # On the one-σ ellipse (Mahalanobis distance 1 under σ²C), as float32.
    row = cma_run.internals["ellipse"][40]
    exact = ellipse_points(row, curve=True)
    np.testing.assert_allclose(xy, exact, rtol=1e-6, atol=1e-6)
    cov = cma_run.internals["covariance"][40]
    d = exact - row[0]
    r = np.einsum("ki,ij,kj->k", d, np.linalg.inv(cov), d)
    np.testing.assert_allclose(r, 1.0, rtol=1e-9)
    # Animated: both are in every frame, and the ellipse changes.
    index = spec["data"].index(ellipse)
    frames = spec["frames"]
    assert all(index in f["traces"] for f in frames)
    shapes = [f["data"][f["traces"].index(index)]["x"] for f in frames]
    assert not np.allclose(shapes[1], shapes[-1])


def test_ellipse_points_on_the_curve_and_with_nan() -> None:
    row = np.array([[0.5], [0.25]])  # 1-D: m and σ√C
    np.testing.assert_array_equal(ellipse_points(row, curve=False), [[0.25], [0.75]])
    assert ellipse_points(np.full((3, 2), np.nan), curve=True).shape == (0, 2)
    t = run("parabola", CMA_ES, steps=10)
    s = get_surface("parabola")
    spec = line_spec(s, surface_grid(s), [_path(t, "ellipse")], 10)
    (ticks,) = [d for d in spec["data"] if d.get("meta") == "population"]
    assert len(ticks["x"]) == 2
