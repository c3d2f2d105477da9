"""Li et al.'s loss landscape: filter-normalised directions, the plane and the
line through trained weights, the path's PCA plane, sharp against flat."""

import jax
import numpy as np
import pytest

import surfaces.network.landscape as landscape
from surfaces.datasets import classification, standardize
from surfaces.network import (
    Architecture,
    flatten,
    init_params,
    loss,
    split_data,
    unflatten,
)
from surfaces.network.landscape import (
    directions,
    filter_norms,
    interpolation,
    line,
    plane,
)
from surfaces.network.minima import sharp_and_flat
from surfaces.network.pca import path_pca, path_plane
from surfaces.network.train import train
from tests.compiles import compiles_during

ARCH = Architecture((8, 8))
X, Y = classification("moons", 60, 0.2, 0)
SPLIT = split_data(standardize(X), Y, 0.25, 0)  # 45 training points


@pytest.fixture(scope="module")
def trained():
    return train(SPLIT, "adam", arch=ARCH, steps=300, batch_size=9, lr=0.02)


def _loss(theta, X=SPLIT.X_train, y=SPLIT.y_train) -> float:
    return float(loss(ARCH, unflatten(ARCH, theta), X, y))


def test_directions_are_filter_normalised_with_zero_biases(trained) -> None:
    theta = trained.final
    dirs = directions(ARCH, theta, seed=4, count=3)
    assert dirs.shape == (3, ARCH.n_params)
    for d in dirs:
        for got, want in zip(
            filter_norms(ARCH, d), filter_norms(ARCH, theta), strict=True
        ):
            np.testing.assert_allclose(got, want, rtol=1e-12)
        assert all(not np.any(layer.b) for layer in unflatten(ARCH, d))
    assert not np.allclose(dirs[0], dirs[1])  # two draws, not one


def test_two_nets_get_the_same_draws_each_at_its_own_scale(trained) -> None:
    """The raw Gaussian depends on the seed only: per filter, the unit
    directions of two nets agree; their lengths follow each net's filters."""
    other = np.asarray(flatten(init_params(ARCH, "he_normal", 9)))
    a = unflatten(ARCH, directions(ARCH, trained.final, seed=2)[0])
    b = unflatten(ARCH, directions(ARCH, other, seed=2)[0])
    for la, lb in zip(a, b, strict=True):
        unit_a = la.w / np.linalg.norm(la.w, axis=0)[None, :]
        unit_b = lb.w / np.linalg.norm(lb.w, axis=0)[None, :]
        np.testing.assert_allclose(unit_a, unit_b, rtol=1e-12)


def test_plane_is_the_loss_at_each_grid_point(trained) -> None:
    theta = trained.final
    d1, d2 = directions(ARCH, theta, seed=0)
    alphas, betas = np.linspace(-1, 1, 11), np.linspace(-0.5, 1.5, 9)
    grid = plane(ARCH, SPLIT.X_train, SPLIT.y_train, theta, d1, d2, alphas, betas)
    assert grid.shape == (9, 11)  # rows: β
    # the centre is the trained net: its training loss exactly
    assert grid[2, 5] == pytest.approx(trained.train_loss[-1], rel=1e-12)
    assert grid[2, 5] == pytest.approx(_loss(theta), rel=1e-12)
    for i, j in [(0, 0), (8, 3), (5, 10)]:
        point = theta + alphas[j] * d1 + betas[i] * d2
        assert grid[i, j] == pytest.approx(_loss(point), rel=1e-12)


def test_chunking_does_not_change_the_plane(trained, monkeypatch) -> None:
    theta = trained.final
    d1, d2 = directions(ARCH, theta, seed=1)
    axis = np.linspace(-1, 1, 7)
    whole = plane(ARCH, SPLIT.X_train, SPLIT.y_train, theta, d1, d2, axis, axis)
    monkeypatch.setattr(landscape, "ACTIVATION_BYTES", 1)  # one point a chunk
    assert landscape.chunk_size(ARCH, 256, 49) == 1
    single = plane(ARCH, SPLIT.X_train, SPLIT.y_train, theta, d1, d2, axis, axis)
    np.testing.assert_allclose(single, whole, rtol=1e-13)


def test_moving_the_grid_or_the_point_never_recompiles(trained) -> None:
    theta = trained.final
    d1, d2 = directions(ARCH, theta, seed=0)
    axis = np.linspace(-1, 1, 5)
    plane(ARCH, SPLIT.X_train, SPLIT.y_train, theta, d1, d2, axis, axis)

    def moves() -> None:
        for scale in (0.1, 2.0):
            plane(ARCH, SPLIT.X_val, SPLIT.y_val, theta / 2, d2, d1, scale * axis, axis)

    assert compiles_during(moves) == 0


def test_line_and_interpolation_end_at_their_points(trained) -> None:
    theta0, theta1 = trained.snapshots[0], trained.final
    ts = np.array([-0.5, 0.0, 0.3, 1.0, 1.5])
    losses = interpolation(ARCH, SPLIT.X_train, SPLIT.y_train, theta0, theta1, ts)
    assert losses[1] == pytest.approx(trained.train_loss[0], rel=1e-12)
    assert losses[3] == pytest.approx(trained.train_loss[-1], rel=1e-12)
    assert losses[2] == pytest.approx(_loss(0.7 * theta0 + 0.3 * theta1), rel=1e-12)
    d = directions(ARCH, theta1, seed=3)[0]
    along = line(ARCH, SPLIT.X_val, SPLIT.y_val, theta1, d, np.array([0.0, 0.4]))
    assert along[0] == pytest.approx(trained.val_loss[-1], rel=1e-12)
    assert along[1] == pytest.approx(_loss(theta1 + 0.4 * d, SPLIT.X_val, SPLIT.y_val))


# --- PCA of the path ------------------------------------------------------


def test_pca_directions_ratios_and_projection(trained) -> None:
    pca = path_pca(trained.snapshots, trained.final)
    np.testing.assert_allclose(pca.directions @ pca.directions.T, np.eye(2), atol=1e-12)
    assert np.all((pca.explained >= 0) & (pca.explained <= 1))
    assert pca.explained.sum() <= 1 + 1e-12 and pca.explained[0] >= pca.explained[1]
    # the final point (the last snapshot) projects to the origin
    np.testing.assert_allclose(pca.coords[-1], [0.0, 0.0], atol=1e-12)
    assert np.all(pca.coords[0] <= 0)  # sign convention: the start is at <= 0
    # coordinates are the projections onto the plane: reconstruct and compare
    M = trained.snapshots - trained.final[None, :]
    in_plane = pca.coords @ pca.directions
    residual = M - in_plane
    np.testing.assert_allclose(residual @ pca.directions.T, 0.0, atol=1e-10)
    np.testing.assert_allclose(pca.coords, M @ pca.directions.T, atol=1e-12)


def test_pca_agrees_with_an_svd_of_the_centred_differences(trained) -> None:
    """sklearn's PCA by another route: the SVD of the differences with their
    mean row subtracted (the module goes through a Gram matrix)."""
    M = trained.snapshots - trained.final[None, :]
    _, s, vt = np.linalg.svd(M - M.mean(axis=0)[None, :], full_matrices=False)
    pca = path_pca(trained.snapshots, trained.final)
    np.testing.assert_allclose(np.abs(pca.directions @ vt[:2].T), np.eye(2), atol=1e-8)
    np.testing.assert_allclose(pca.explained, s[:2] ** 2 / np.sum(s**2), rtol=1e-9)


def test_pca_takes_either_gram_matrix() -> None:
    """Fewer points than parameters (R x R Gram) or more (P x P): one answer."""
    rng = np.random.default_rng(1)
    points = np.cumsum(rng.standard_normal((30, 12)), axis=0)
    many = path_pca(points, points[-1])  # 30 points, 12 parameters
    _, s, vt = np.linalg.svd(points - points.mean(axis=0)[None, :])
    np.testing.assert_allclose(np.abs(many.directions @ vt[:2].T), np.eye(2), atol=1e-9)
    few = path_pca(points[:8], points[7])  # 8 points, 12 parameters
    C = points[:8] - points[:8].mean(axis=0)[None, :]
    _, s, vt = np.linalg.svd(C, full_matrices=False)
    np.testing.assert_allclose(np.abs(few.directions @ vt[:2].T), np.eye(2), atol=1e-9)
    np.testing.assert_allclose(few.explained, s[:2] ** 2 / np.sum(s**2), rtol=1e-9)


def test_a_planar_path_is_rebuilt_exactly() -> None:
    rng = np.random.default_rng(0)
    basis = np.linalg.qr(rng.standard_normal((50, 2)))[0].T  # (2, 50)
    final = rng.standard_normal(50)
    coefficients = rng.standard_normal((20, 2)) * [3.0, 1.0]
    points = final[None, :] + coefficients @ basis
    pca = path_pca(points, final)
    assert pca.explained.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(final + pca.coords @ pca.directions, points, atol=1e-12)


def test_path_plane_holds_the_path_and_the_trained_loss(trained) -> None:
    result = path_plane(
        ARCH, SPLIT.X_train, SPLIT.y_train, trained.snapshots, trained.final, 9
    )
    assert result.losses.shape == (9, 9)
    for k, axis in enumerate((result.alphas, result.betas)):
        assert axis[0] < result.pca.coords[:, k].min() <= 0
        assert axis[-1] > result.pca.coords[:, k].max() >= 0
    d1, d2 = result.pca.directions
    point = trained.final + result.alphas[4] * d1 + result.betas[6] * d2
    assert result.losses[6, 4] == pytest.approx(_loss(point), rel=1e-12)


# --- Sharp against flat -------------------------------------------------------


def test_small_and_large_batch_minima_share_the_normalisation() -> None:
    alphas = np.linspace(-1, 1, 5)
    pair = sharp_and_flat(
        SPLIT, small=5, large=0, arch=ARCH, alphas=alphas, with_plane=True,
        steps=200, lr=0.02,
    )  # fmt: skip
    assert (pair["small"].batch_size, pair["large"].batch_size) == (5, 45)
    units = []
    for m in pair.values():
        theta = m.history.final
        for d in m.directions:
            for got, want in zip(
                filter_norms(ARCH, d), filter_norms(ARCH, theta), strict=True
            ):
                np.testing.assert_allclose(got, want, rtol=1e-12)
        assert m.train_losses[2] == pytest.approx(m.history.train_loss[-1], rel=1e-12)
        assert m.val_losses[2] == pytest.approx(m.history.val_loss[-1], rel=1e-12)
        assert m.plane[2, 2] == pytest.approx(m.history.train_loss[-1], rel=1e-12)
        first = unflatten(ARCH, m.directions[0])[0].w
        units.append(first / np.linalg.norm(first, axis=0)[None, :])
    np.testing.assert_allclose(units[0], units[1], rtol=1e-12)  # the same draws
    assert not np.allclose(pair["small"].history.final, pair["large"].history.final)


def test_landscape_functions_run_under_strict_rank_promotion() -> None:
    # conftest sets jax_numpy_rank_promotion="raise" for every test: check it
    assert jax.config.jax_numpy_rank_promotion == "raise"
