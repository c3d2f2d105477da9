"""The derivative-free methods: scipy's Nelder–Mead step for step, and the
defining property of each search (monotone best, Metropolis, swarm)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.extend.random import threefry_2x32
from scipy.optimize import minimize, rosen

from optimizers import run
from optimizers.annealing import ANNEALING
from optimizers.nelder_mead import NELDER_MEAD
from optimizers.pso import PSO, SWARM_SIZE
from optimizers.random_search import LOCAL_SEARCH, RANDOM_SEARCH
from optimizers.rng import prng_key, threefry2x32, uniforms
from surfaces import Surface, get_surface
from tests.test_recompile import compiles_during

METHODS = [RANDOM_SEARCH, LOCAL_SEARCH, ANNEALING, PSO, NELDER_MEAD]
SEEDED = [RANDOM_SEARCH, LOCAL_SEARCH, ANNEALING, PSO]
IDS = [m.key for m in METHODS]


def _holes(p, params):
    # NaN right of x = 1.2, +inf above y = 1.5, and the bowl's centre (1.5, 0)
    # inside the NaN region: every method keeps proposing points there.
    bowl = (p[0] - 1.5) ** 2 + p[1] ** 2
    return jnp.where(p[0] > 1.2, jnp.nan, jnp.where(p[1] > 1.5, jnp.inf, bowl))


HOLES = Surface(
    key="holes",
    title="Bowl with NaN and inf regions",
    fn=_holes,
    domain=((-2.0, 2.0), (-2.0, 2.0)),
    minima=(),
    start=(-1.0, 0.5),
    latex="",
)


def _stairs(scale: float) -> Surface:
    """floor(scale (4|x - 0.3| + 2|y + 0.2|)): plateaus, so ties in every step.

    Products by powers of two are exact, so numpy and XLA agree bit for bit.
    """

    def fn(p, params):
        return jnp.floor(scale * (4 * jnp.abs(p[0] - 0.3) + 2 * jnp.abs(p[1] + 0.2)))

    return Surface(f"stairs{scale:g}", "Stairs", fn, ((-3.0, 3.0),) * 2, (), (0, 0), "")


STAIRS = {scale: _stairs(scale) for scale in (1.0, 16.0)}


def _scipy_path(start, **options):
    """scipy's Nelder–Mead on ``rosen``: the iterates its callback sees, and res."""
    path = []
    res = minimize(
        rosen,
        np.asarray(start, dtype=np.float64),
        method="Nelder-Mead",
        callback=lambda xk: path.append(np.copy(xk)),
        options=options,
    )
    return np.array(path), res


# --- Nelder–Mead against scipy -------------------------------------------------


def test_rosenbrock_surface_is_scipys_rosen() -> None:
    s = get_surface("rosenbrock")
    points = np.random.default_rng(0).uniform(-2.0, 3.0, size=(50, 2))
    ours = [float(s.f(p)) for p in points]
    np.testing.assert_allclose(ours, [rosen(p) for p in points], rtol=1e-14)


# (0, 0) exercises scipy's 0.00025 step for a zero coordinate.
@pytest.mark.parametrize("start", [(-1.2, 1.0), (0.0, 0.0), (2.0, -0.5)])
def test_nelder_mead_follows_scipy_step_by_step(start) -> None:
    # No stopping test (xatol = fatol = -1): compare 400 iterations, far past
    # convergence, where the simplex has collapsed to rounding level.
    path, _ = _scipy_path(start, xatol=-1, fatol=-1, maxiter=401, maxfev=10**6)
    assert len(path) == 400
    t = run("rosenbrock", NELDER_MEAD, start=start, steps=len(path))
    assert t.internals["simplex"].shape == (len(path) + 1, 3, 2)
    np.testing.assert_array_equal(t.internals["simplex"][0, 0], start)
    best = t.internals["simplex"][1:, 0]
    np.testing.assert_allclose(best, path, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(t.points[1:], path, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("scale", list(STAIRS))
@pytest.mark.parametrize("start", [(2.0, 1.5), (-1.7, 2.2), (2.5, -2.5)])
def test_nelder_mead_breaks_ties_like_scipy(scale, start) -> None:
    # On plateaus every comparison is a tie: <= against <, the stable sort,
    # and the evaluations per step (shrinks) must all be scipy's.
    surface = STAIRS[scale]
    path = []
    res = minimize(
        lambda x: float(surface.f(x)),
        np.asarray(start),
        method="Nelder-Mead",
        callback=lambda xk: path.append(np.copy(xk)),
        options={"xatol": -1, "fatol": -1, "maxiter": 201},
    )
    t = run(surface, NELDER_MEAD, start=start, steps=len(path))
    np.testing.assert_allclose(t.points[1:], np.array(path), rtol=1e-9)
    assert t.evals["f"] == res.nfev


def test_nelder_mead_solves_rosenbrock_and_counts_like_scipy(capsys) -> None:
    path, res = _scipy_path((-1.2, 1.0))  # scipy's default stopping test
    assert res.success
    t = run("rosenbrock", NELDER_MEAD, start=(-1.2, 1.0), steps=len(path))
    # The same iterations use the same evaluations: n + 1 for the simplex,
    # then 1, 2 or 2 + n (shrink) per iteration.
    assert t.evals == {"f": res.nfev, "grad": 0, "hess": 0}
    np.testing.assert_allclose(t.points[-1], res.x, rtol=1e-9)
    long = run("rosenbrock", NELDER_MEAD, start=(-1.2, 1.0), steps=2 * res.nit)
    distance = np.linalg.norm(long.points - 1.0, axis=1)
    reached = int(np.argmax(distance < 1e-4))
    assert distance[reached] < 1e-4 and reached <= 2 * res.nit
    with capsys.disabled():
        print(
            f"\nNelder-Mead on Rosenbrock from (-1.2, 1): scipy nit={res.nit} "
            f"nfev={res.nfev} ({len(path)} callbacks); ours within 1e-4 of (1, 1) "
            f"at step {reached}, f evals after {len(path)} steps = {t.evals['f']}"
        )


def test_nelder_mead_one_dimensional_matches_scipy() -> None:
    s = get_surface("parabola")
    path = []
    minimize(
        lambda x: float(s.f(x)),
        np.array([2.0]),
        method="Nelder-Mead",
        callback=lambda xk: path.append(np.copy(xk)),
    )
    t = run("parabola", NELDER_MEAD, start=(2.0,), steps=len(path))
    assert t.internals["simplex"].shape == (len(path) + 1, 2, 1)
    np.testing.assert_allclose(t.points[1:], np.array(path), rtol=1e-9)
    assert t.points[-1, 0] == pytest.approx(-1.0, abs=1e-3)


def test_nelder_mead_simplex_scale_sets_the_first_simplex() -> None:
    t = run("rosenbrock", NELDER_MEAD, start=(-1.2, 1.0), steps=1, simplex_scale=0.5)
    expected = [[-1.2, 1.0], [-1.8, 1.0], [-1.2, 1.5]]
    np.testing.assert_allclose(t.internals["simplex"][0], expected, rtol=1e-15)


# --- random search and local random search ------------------------------------


def _assert_best_never_increases(values: np.ndarray) -> None:
    # The displayed point is params + (best - params): equal to the best point
    # up to one rounding, hence the tolerance.
    rises = np.diff(values)
    assert np.all(rises <= 1e-12 * (1.0 + np.abs(values[:-1])))


def test_random_search_keeps_the_best_of_uniform_samples() -> None:
    s = get_surface("himmelblau")
    steps = 300
    t = run(s, RANDOM_SEARCH, steps=steps, seed=7)
    _assert_best_never_increases(t.values)
    trials = t.internals["trial"][1:]
    (lo_x, hi_x), (lo_y, hi_y) = s.domain
    assert np.all((trials[:, 0] >= lo_x) & (trials[:, 0] <= hi_x))
    assert np.all((trials[:, 1] >= lo_y) & (trials[:, 1] <= hi_y))
    assert t.evals == {"f": steps, "grad": 0, "hess": 0}
    # Samples cover the box, not a neighbourhood of the start.
    assert np.ptp(trials[:, 0]) > 0.8 * (hi_x - lo_x)
    # The best value is the minimum over the start and the samples so far.
    sampled = np.array([float(s.f(p)) for p in trials])
    best = np.minimum.accumulate(np.concatenate([[t.values[0]], sampled]))
    np.testing.assert_allclose(t.values, best, rtol=1e-12, atol=1e-12)
    assert t.values[-1] < 1.0  # 300 samples find a basin of a 4-minimum surface


def test_local_search_moves_only_downhill_to_its_trial() -> None:
    t = run("booth", LOCAL_SEARCH, steps=300, radius=0.02, seed=0)
    _assert_best_never_increases(t.values)
    moved = np.any(t.internals["step"][1:] != 0, axis=1)
    assert 0 < moved.sum() < 300
    # A step is either nothing or exactly to the perturbed point tried.
    np.testing.assert_array_equal(t.points[1:][moved], t.internals["trial"][1:][moved])
    np.testing.assert_array_equal(t.points[1:][~moved], t.points[:-1][~moved])
    assert np.all(np.diff(t.values)[moved] < 0)
    # Trials are Gaussian around the current point: std r times the box width.
    spread = (t.internals["trial"][1:] - t.points[:-1]) / (0.02 * 20.0)
    assert 0.8 < spread.std() < 1.2
    assert np.linalg.norm(t.points[-1] - [1.0, 3.0]) < 0.1


# --- simulated annealing -------------------------------------------------------


def test_annealing_goes_uphill_when_hot() -> None:
    t = run("booth", ANNEALING, steps=300, temperature=100.0, cooling=1.0, seed=0)
    rises = np.diff(t.values)
    assert np.sum(rises > 0) > 10  # Metropolis accepts uphill moves
    moved = np.any(t.internals["step"][1:] != 0, axis=1)
    np.testing.assert_array_equal(t.points[1:][moved], t.internals["trial"][1:][moved])


def test_annealing_near_zero_temperature_never_goes_uphill() -> None:
    # Near the minimum with small steps, many trials rise by less than 1e-3:
    # all are refused once T ~ 0, as local search would.
    t = run(
        "booth",
        ANNEALING,
        start=(1.05, 2.95),
        steps=500,
        radius=0.002,
        temperature=1e-6,
        cooling=0.8,
        seed=0,
    )
    assert np.all(np.diff(t.values) <= 0)
    assert np.any(np.diff(t.values) < 0)
    s = get_surface("booth")
    tried = np.array([float(s.f(p)) for p in t.internals["trial"][1:]])
    small_rises = (tried > t.values[:-1]) & (tried < t.values[:-1] + 1e-3)
    assert small_rises.sum() > 20


def test_annealing_cools_into_local_search() -> None:
    hot = run("booth", ANNEALING, steps=400, temperature=100.0, cooling=0.95, seed=1)
    late = np.diff(hot.values)[200:]  # T = 100 * 0.95**200 ~ 3.5e-3
    assert np.all(late <= 1e-3)
    assert np.any(np.diff(hot.values)[:50] > 0)


# --- particle swarm ------------------------------------------------------------


def test_pso_swarm_and_convergence_on_booth() -> None:
    steps = 200
    t = run("booth", PSO, steps=steps)
    swarm = t.internals["swarm"]
    assert swarm.shape == (steps + 1, SWARM_SIZE, 2)
    np.testing.assert_array_equal(swarm[0, 0], get_surface("booth").start)
    assert np.all((swarm >= -10.0) & (swarm <= 10.0))
    _assert_best_never_increases(t.values)
    assert np.max(np.abs(t.points[-1] - [1.0, 3.0])) < 1e-3
    assert t.evals == {"f": SWARM_SIZE * steps, "grad": 0, "hess": 0}
    # The displayed point is the best of everything the swarm has evaluated.
    s = get_surface("booth")
    seen = swarm[:-1].reshape(-1, 2)
    assert t.values[-1] == pytest.approx(min(float(s.f(p)) for p in seen), abs=1e-12)


# --- every method ------------------------------------------------------------


@pytest.mark.parametrize("method", SEEDED, ids=[m.key for m in SEEDED])
def test_same_seed_same_path_other_seed_another(method) -> None:
    a = run("himmelblau", method, steps=60, seed=5)
    b = run("himmelblau", method, steps=60, seed=5)
    c = run("himmelblau", method, steps=60, seed=6)
    np.testing.assert_array_equal(a.points, b.points)
    assert not np.array_equal(a.points, c.points)


@pytest.mark.parametrize("surface", ["parabola", "x_plus_sin"])
@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_one_dimensional_surfaces(method, surface) -> None:
    s = get_surface(surface)
    t = run(surface, method, steps=300)
    assert t.points.shape == (301, 1)
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    if surface == "x_plus_sin" and method is NELDER_MEAD:
        # x + sin x has no minimum: the simplex keeps expanding leftward until
        # the runner calls it diverged (1e3 view-box widths out) and freezes it.
        assert t.diverged_at is not None and t.points[-1, 0] < -100 * s.width
    else:
        assert t.diverged_at is None
    if method is not ANNEALING:
        _assert_best_never_increases(t.values)
    if surface == "parabola" and method is not ANNEALING:
        assert t.points[-1, 0] == pytest.approx(-1.0, abs=0.05)
    else:
        assert t.values[-1] < t.values[0]
    lo, hi = s.domain[0]
    if method is PSO:
        assert np.all((t.internals["swarm"] >= lo) & (t.internals["swarm"] <= hi))


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_nan_and_inf_regions_are_never_accepted(method) -> None:
    t = run(HOLES, method, steps=400)
    assert t.diverged_at is None
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert np.all(t.points[:, 0] <= 1.2) and np.all(t.points[:, 1] <= 1.5)
    for name, series in t.internals.items():
        assert np.all(np.isfinite(series)), name
    if method is not ANNEALING:
        _assert_best_never_increases(t.values)
        assert t.values[-1] < t.values[0]


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_numeric_hyperparameters_never_recompile(method) -> None:
    run("rosenbrock", method, steps=10)  # compile once

    def moves() -> None:
        for h in method.hyperparams:
            for value in (h.low, h.high, (h.low + h.high) / 2):
                run("rosenbrock", method, steps=10, **{h.key: value})
        run("rosenbrock", method, start=(0.5, -0.5), steps=10)
        run("rosenbrock", method, start=(1, 2), steps=10)
        for steps in (1, 99, 101, 5000):
            run("rosenbrock", method, steps=steps)

    assert compiles_during(moves) == 0


@pytest.mark.parametrize("method", METHODS, ids=IDS)
def test_formula_and_family(method) -> None:
    assert method.family == "derivative_free"
    assert "@" not in method.latex
    assert "@" not in method.latex_with({})
    assert method.note


# --- the random numbers --------------------------------------------------------


def test_threefry_is_jax_threefry() -> None:
    key = prng_key(jnp.float64(12345.0))
    np.testing.assert_array_equal(key, jax.random.key_data(jax.random.key(12345)))
    index = jnp.arange(7, dtype=jnp.uint32)
    counter = jnp.full(7, 42, jnp.uint32)
    ours = np.concatenate([np.asarray(w) for w in threefry2x32(key, counter, index)])
    reference = threefry_2x32(key, jnp.concatenate([counter, index]))
    np.testing.assert_array_equal(ours, reference)


def test_uniforms_are_uniform_and_differ_per_step() -> None:
    key = prng_key(jnp.float64(3.0))
    u = np.concatenate(
        [uniforms(key, jnp.int32(t), (2, 50)).ravel() for t in range(40)]
    )
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.02 and abs(u.var() - 1 / 12) < 0.005
    first = uniforms(key, jnp.int32(0), (4,))
    np.testing.assert_array_equal(first, uniforms(key, jnp.int32(0), (4,)))
    assert not np.array_equal(first, uniforms(key, jnp.int32(1), (4,)))
