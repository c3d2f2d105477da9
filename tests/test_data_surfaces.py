"""Data surfaces: a model's exact loss over its two parameters, and real
mini-batch SGD on it (DESIGN.md, "Data surfaces"; issue 10, point 2)."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from optimizers import OPTIMIZERS, run, run_fan
from optimizers.batches import PAD, plan
from scenes import Run, Scene
from surfaces import SURFACES, datasets, get_surface
from surfaces.regression import LOGISTIC_REGRESSION, LOGISTIC_SHIFT

from .compiles import compiles_during

DATA = ("linear_regression", "logistic_regression")
SETTINGS = [
    {},
    {"standardize": 1.0},
    {"n_points": 7.0, "noise": 2.5, "data_seed": 11.0},
]
LOGISTIC_ONLY = [{"two_features": 1.0}, {"two_features": 1.0, "standardize": 1.0}]
CASES = [(k, p) for k in DATA for p in SETTINGS] + [
    ("logistic_regression", p) for p in LOGISTIC_ONLY
]


def numpy_model(key: str, params: dict):
    """The data and the loss and gradient written again in NumPy, from the
    data makers themselves (not from the surface's own arrays)."""
    values = get_surface(key).default_params() | params
    n, noise, seed = int(values["n_points"]), values["noise"], int(values["data_seed"])
    z_score = values["standardize"] >= 0.5
    if key == "linear_regression":
        X, y = datasets.regression(n, noise, seed)
        x = datasets.standardize(X)[:, 0] if z_score else X[:, 0]
        F = np.stack([x, np.ones(n)], axis=1)

        def loss(p, rows):
            return np.mean((F[rows] @ p - y[rows]) ** 2)

        def grad(p, rows):
            return 2.0 * F[rows].T @ (F[rows] @ p - y[rows]) / len(rows)

        return F, y, loss, grad
    X, y = datasets.blobs(n, noise, seed)
    if values["two_features"] >= 0.5:
        F = datasets.standardize(X) if z_score else X
    else:
        x = X[:, :1] + LOGISTIC_SHIFT
        x = datasets.standardize(x) if z_score else x
        F = np.concatenate([x, np.ones((n, 1))], axis=1)
    ridge = LOGISTIC_REGRESSION.ridge

    def loss(p, rows):
        z = F[rows] @ p
        return np.mean(np.logaddexp(0.0, z) - y[rows] * z) + 0.5 * ridge * p @ p

    def grad(p, rows):
        z = F[rows] @ p
        sigma = 1.0 / (1.0 + np.exp(-z))
        return F[rows].T @ (sigma - y[rows]) / len(rows) + ridge * p

    return F, y, loss, grad


@pytest.mark.parametrize(("key", "params"), CASES)
def test_full_batch_loss_equals_numpy(key: str, params: dict) -> None:
    surface = get_surface(key)
    _, y, loss, grad = numpy_model(key, params)
    rows = np.arange(len(y))
    values = surface.param_values(params)
    for p in np.random.default_rng(0).uniform(-3, 3, (5, 2)):
        assert float(surface.fn(p, values)) == pytest.approx(loss(p, rows), rel=1e-12)
        got = np.asarray(jax.grad(surface.fn)(p, values))
        np.testing.assert_allclose(got, grad(p, rows), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("key", "params"), CASES)
def test_the_documented_optimum_follows_the_parameters(key: str, params) -> None:
    surface = get_surface(key)
    _, y, loss, grad = numpy_model(key, params)
    (best,) = surface.minima_at(params)
    point = np.asarray(best.point)
    assert np.max(np.abs(grad(point, np.arange(len(y))))) < 1e-10
    assert best.value == pytest.approx(loss(point, np.arange(len(y))), rel=1e-12)
    if params:  # another data set, another optimum
        assert best.point != surface.minima[0].point


def test_linear_regression_optimum_is_least_squares() -> None:
    X, y = get_surface("linear_regression").data
    F = np.concatenate([X, np.ones_like(X)], axis=1)
    expected = np.linalg.lstsq(F, y, rcond=None)[0]
    np.testing.assert_allclose(
        get_surface("linear_regression").minima[0].point, expected, rtol=1e-12
    )


@pytest.mark.parametrize("standardize", [0.0, 1.0])
def test_gd_reaches_the_least_squares_solution(standardize: float) -> None:
    surface = get_surface("linear_regression")
    params = {"standardize": standardize}
    X, y = surface.data_at(params).inputs, surface.data_at(params).targets
    F = np.concatenate([X, np.ones_like(X)], axis=1)
    expected = np.linalg.lstsq(F, y, rcond=None)[0]
    # Raw, the valley's λmax is 62.8 (lr < 2/62.8); z-scored, H = 2I.
    lr = 0.03 if standardize == 0 else 0.4
    t = run(surface, "gd", start=(0.0, 0.0), steps=5000, lr=lr, surface_params=params)
    np.testing.assert_allclose(t.points[-1], expected, atol=1e-6)
    assert t.status == "converged"


@pytest.mark.parametrize("key", DATA)
@pytest.mark.parametrize("opt", ["gd", "momentum", "adam"])
def test_batch_of_n_is_gradient_descent_exactly(key: str, opt: str) -> None:
    n = int(get_surface(key).default_params()["n_points"])
    full = run(key, opt, steps=60, lr=0.05)
    for size in (0, n):
        same = run(key, opt, steps=60, lr=0.05, batch_size=size, seed=5)
        np.testing.assert_array_equal(same.points, full.points)
        assert same.batches.full


@pytest.mark.parametrize(("key", "params"), CASES)
@pytest.mark.parametrize("size", [1, 3, 4, 5])
def test_an_epochs_batch_gradients_average_to_the_full_gradient(key, params, size):
    surface = get_surface(key)
    values = surface.param_values(params)
    data = surface.data_at(params)
    n = len(data.targets)
    batches = plan(data.groups, size, seed=3, steps=n, sampler="shuffle")
    first_epoch = np.flatnonzero(batches.epochs == 0)
    assert len(first_epoch) == -(-n // size)  # ⌈N/K⌉ updates an epoch
    p = np.array([0.7, -1.3])
    full = np.asarray(jax.grad(surface.fn)(p, values))
    weighted = sum(
        batches.sizes[t] * _batch_grad(surface, values, p, batches, t)
        for t in first_epoch
    )
    seen = np.concatenate([batches.indices[t] for t in first_epoch])
    assert sorted(seen[seen != PAD]) == list(range(n))  # each point once
    np.testing.assert_allclose(weighted / n, full, rtol=0, atol=1e-12)


def _batch_grad(surface, values, p, batches, step):
    weights = batches.weights(step, len(values["_mask"]))
    return np.asarray(jax.grad(surface.batch_loss)(p, values, weights))


@pytest.mark.parametrize("key", DATA)
def test_the_one_class_sampler_is_biased(key: str) -> None:
    surface = get_surface(key)
    values = surface.param_values()
    data = surface.data_at()
    batches = plan(data.groups, 4, seed=3, steps=200, sampler="one_class")
    kept = np.flatnonzero(data.groups > 0.5)
    used = batches.indices[batches.indices != PAD]
    assert set(used) == set(kept)  # one class only
    first_epoch = np.flatnonzero(batches.epochs == 0)
    assert len(first_epoch) == -(-len(kept) // 4)
    p = np.array([0.7, -1.3])
    full = np.asarray(jax.grad(surface.fn)(p, values))
    mean = sum(
        batches.sizes[t] * _batch_grad(surface, values, p, batches, t)
        for t in first_epoch
    ) / len(kept)
    assert np.linalg.norm(mean - full) > 0.1 * np.linalg.norm(full)


@pytest.mark.parametrize(
    ("n", "size", "per_epoch"), [(40, 8, 5), (40, 7, 6), (9, 9, 1)]
)
def test_epochs_follow_n_over_k(n: int, size: int, per_epoch: int) -> None:
    t = run(
        "linear_regression",
        "gd",
        steps=100,
        lr=0.01,
        batch_size=size,
        seed=1,
        surface_params={"n_points": float(n)},
    )
    if size == n:  # K = N is the full batch: every update an epoch
        assert t.batches.full and len(t.batches.epoch_starts) == 100
        return
    np.testing.assert_array_equal(t.batches.epoch_starts, np.arange(0, 100, per_epoch))
    assert np.all(
        t.batches.sizes[per_epoch - 1 :: per_epoch] == n - size * (per_epoch - 1)
    )


@pytest.mark.parametrize("key", DATA)
@pytest.mark.parametrize("sampler", ["shuffle", "one_class"])
def test_minibatch_sgd_equals_numpy_on_the_same_batches(key: str, sampler: str):
    """The scan uses batch t for update t: the path is NumPy's SGD on the
    batches the plan lists."""
    lr = 0.01 if key == "linear_regression" else 0.5  # stable on each
    t = run(key, "gd", steps=80, lr=lr, batch_size=6, seed=9, sampler=sampler)
    _, _, _, grad = numpy_model(key, {})
    x = np.asarray(get_surface(key).start, dtype=np.float64)
    assert t.diverged_at is None
    for step in range(80):
        rows = t.batches.indices[step]
        x = x - lr * grad(x, rows[rows != PAD])
        np.testing.assert_allclose(t.points[step + 1], x, rtol=1e-12, atol=1e-12)


def test_a_fan_over_shuffling_seeds_is_the_single_runs() -> None:
    seeds = [0, 1, 2]
    fan = run_fan("logistic_regression", "momentum", seeds, steps=50, batch_size=5)
    for seed, t in zip(seeds, fan, strict=True):
        single = run(
            "logistic_regression", "momentum", steps=50, batch_size=5, seed=seed
        )
        np.testing.assert_allclose(t.points, single.points, rtol=1e-12)
        np.testing.assert_array_equal(t.batches.indices, single.batches.indices)
    assert not np.allclose(fan[0].points, fan[1].points)


def test_moving_k_lr_seed_n_or_the_data_never_recompiles() -> None:
    surface = "logistic_regression"
    run(surface, "adam", steps=10, batch_size=4)
    run_fan(surface, "adam", [0, 1], steps=10, batch_size=4)

    def moves() -> None:
        for size in (0, 1, 5, 17, 60):
            run(surface, "adam", steps=30, batch_size=size)
        for lr in (1e-4, 0.3, 2.0):
            run(surface, "adam", steps=30, batch_size=8, lr=lr)
        for seed in (0, 7, 123456):
            run(surface, "adam", steps=30, batch_size=8, seed=seed)
        for n in (4.0, 33.0, 256.0):
            run(surface, "adam", steps=30, batch_size=4, surface_params={"n_points": n})
        for params in ({"noise": 2.0}, {"data_seed": 5.0}, {"standardize": 1.0}):
            run(surface, "adam", steps=30, batch_size=4, surface_params=params)
        run(surface, "adam", steps=30, batch_size=4, sampler="one_class")
        run_fan(surface, "adam", [3, 4, 5], steps=30, batch_size=9)

    assert compiles_during(moves) == 0


def test_every_method_runs_on_a_data_surface() -> None:
    for key in OPTIMIZERS:
        t = run("linear_regression", key, steps=30)
        assert np.all(np.isfinite(t.values))


def test_batch_settings_are_refused_where_they_do_not_apply() -> None:
    with pytest.raises(TypeError, match="data surface"):
        run("rosenbrock", "gd", batch_size=4)
    with pytest.raises(TypeError, match="batch_size"):
        run("linear_regression", "newton", batch_size=4)
    with pytest.raises(ValueError, match="40 points"):
        run("linear_regression", "gd", batch_size=41)
    with pytest.raises(ValueError, match="batch_size"):
        run("linear_regression", "gd", batch_size=1.5)


def test_a_scene_keeps_k_within_n_and_says_so() -> None:
    scene = Scene(
        surface="linear_regression",
        surface_params={"n_points": 10.0},
        runs=(Run("gd", {"lr": 0.01, "batch_size": 32.0}, {"sampler": "one_class"}),),
    )
    clean, notices = scene.validate()
    assert clean.runs[0].hyper["batch_size"] == 10.0
    assert clean.runs[0].choices == {"sampler": "one_class"}
    assert [n.what for n in notices] == ["r1.batch_size"]
    back = Scene.from_query(clean.to_query())
    assert back == clean


def test_a_scene_off_data_drops_batch_settings_with_a_notice() -> None:
    scene = Scene(surface="rosenbrock", runs=(Run("gd", {"batch_size": 8.0}),))
    clean, notices = scene.validate()
    assert "batch_size" not in clean.runs[0].hyper
    assert [n.code for n in notices] == ["unknown_setting"]


def test_data_is_made_in_code_and_seeded() -> None:
    for kind in datasets.KINDS:
        a = datasets.classification(kind, 50, 0.1, 4)
        b = datasets.classification(kind, 50, 0.1, 4)
        c = datasets.classification(kind, 50, 0.1, 5)
        np.testing.assert_array_equal(a[0], b[0])
        assert not np.array_equal(a[0], c[0])
        assert a[0].shape == (50, 2) and set(a[1]) == {0.0, 1.0}
    with pytest.raises(ValueError):
        datasets.regression(datasets.N_MAX + 1, 0.1, 0)
    with pytest.raises(KeyError, match="blobs"):
        datasets.classification("iris", 50, 0.1, 0)


def test_standardising_turns_the_valley_into_a_bowl() -> None:
    """The condition-number lesson on real data (course part 001)."""
    for key in DATA:
        surface = SURFACES[key]
        kappas = []
        for z in (0.0, 1.0):
            values = surface.param_values({"standardize": z})
            point = np.asarray(surface.minima_at({"standardize": z})[0].point)
            eig = np.linalg.eigvalsh(np.asarray(jax.hessian(surface.fn)(point, values)))
            kappas.append(eig[-1] / eig[0])
        assert kappas[0] > 100 and kappas[1] < 5, (key, kappas)
