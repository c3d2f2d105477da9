"""The small MLP: forward pass and loss against NumPy, gradients against a
hand-written backward pass, initialisation statistics, vanishing gradients."""

import itertools

import jax
import numpy as np
import pytest

from surfaces.datasets import classification, standardize
from surfaces.network import (
    SCHEMES,
    Architecture,
    compare_inits,
    flatten,
    init_params,
    layer_report,
    loss,
    unflatten,
)
from surfaces.network.boundary import probability_grid
from surfaces.network.data import data_box
from surfaces.network.mlp import accuracy, bce, logits

ARCHES = [
    Architecture((8, 8), "tanh"),
    Architecture((5,), "relu"),
    Architecture((6, 4, 3), "relu"),
]


def _data(n=60, seed=0):
    X, y = classification("moons", n, 0.2, seed)
    return standardize(X), y


def _numpy_forward(params, X, activation):
    """Plain NumPy: every hidden state, then the logit (n,)."""
    act = np.tanh if activation == "tanh" else (lambda h: np.maximum(h, 0.0))
    states, h = [X], X
    for w, b in params[:-1]:
        h = act(h @ w + b)
        states.append(h)
    w, b = params[-1]
    return states, (h @ w + b)[:, 0]


def _numpy_loss_and_grad(params, X, y, activation):
    """Mean BCE and its gradient by a hand-written backward pass."""
    states, z = _numpy_forward(params, X, activation)
    p = 1.0 / (1.0 + np.exp(-z))
    value = np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))
    delta = ((p - y) / len(y))[:, None]  # dL/dz, (n, 1)
    grads = []
    for i in range(len(params) - 1, -1, -1):
        w, _ = params[i]
        grads.append((states[i].T @ delta, delta.sum(axis=0)))
        if i:
            h = states[i]
            slope = 1 - h**2 if activation == "tanh" else (h > 0).astype(float)
            delta = (delta @ w.T) * slope
    return value, grads[::-1]


def _as_numpy(params):
    return [(np.asarray(d.w), np.asarray(d.b)) for d in params]


def _random_params(arch, seed):
    """He-scaled weights and non-zero biases: every term of the pass matters."""
    params = init_params(arch, "he_normal", seed)
    rng = np.random.default_rng(seed + 100)
    return tuple(d._replace(b=0.3 * rng.standard_normal(d.b.shape)) for d in params)


@pytest.mark.parametrize("arch", ARCHES, ids=str)
def test_loss_and_accuracy_equal_a_numpy_forward_pass(arch) -> None:
    X, y = _data()
    params = _random_params(arch, 1)
    value, _ = _numpy_loss_and_grad(_as_numpy(params), X, y, arch.activation)
    assert float(loss(arch, params, X, y)) == pytest.approx(value, rel=1e-12)
    _, z = _numpy_forward(_as_numpy(params), X, arch.activation)
    np.testing.assert_allclose(logits(arch, params, X), z, rtol=1e-12, atol=1e-14)
    expected = np.mean((z > 0) == (y > 0.5))
    assert float(accuracy(arch, params, X, y)) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("arch", ARCHES, ids=str)
def test_gradient_equals_a_hand_written_backward_pass(arch) -> None:
    X, y = _data()
    params = _random_params(arch, 2)
    _, expected = _numpy_loss_and_grad(_as_numpy(params), X, y, arch.activation)
    grads = jax.grad(loss, argnums=1)(arch, params, X, y)
    for layer, (gw, gb) in zip(grads, expected, strict=True):
        np.testing.assert_allclose(layer.w, gw, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(layer.b, gb, rtol=1e-10, atol=1e-14)


def test_gradient_matches_central_differences() -> None:
    arch = ARCHES[0]
    X, y = _data()
    theta = np.asarray(flatten(_random_params(arch, 3)))
    grad = np.asarray(jax.grad(lambda t: loss(arch, unflatten(arch, t), X, y))(theta))
    h = 1e-6
    for i in np.random.default_rng(0).choice(theta.size, 12, replace=False):
        e = np.zeros_like(theta)
        e[i] = h
        up = float(loss(arch, unflatten(arch, theta + e), X, y))
        down = float(loss(arch, unflatten(arch, theta - e), X, y))
        assert grad[i] == pytest.approx((up - down) / (2 * h), abs=1e-8)


def test_cross_entropy_is_stable_for_huge_logits() -> None:
    z = np.array([-1000.0, 1000.0, -1000.0, 1000.0])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    # right with confidence: ~0; wrong with confidence: |z|
    np.testing.assert_allclose(
        [bce(z[i : i + 1], y[i : i + 1]) for i in range(4)], [0, 0, 1000, 1000]
    )


def test_flat_vector_round_trip_and_size() -> None:
    arch = Architecture((16, 16))
    params = init_params(arch, "glorot_normal", 0)
    flat = flatten(params)
    assert flat.shape == (arch.n_params,) == (2 * 16 + 16 + 16 * 16 + 16 + 16 + 1,)
    for a, b in zip(unflatten(arch, flat), params, strict=True):
        np.testing.assert_array_equal(a.w, b.w)
        np.testing.assert_array_equal(a.b, b.b)
    # layer by layer, weights row-major then bias
    np.testing.assert_array_equal(flat[:32], np.ravel(params[0].w))


@pytest.mark.parametrize(
    "bad", [dict(hidden=()), dict(hidden=(0,)), dict(activation="sigmoid")]
)
def test_bad_architectures_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        Architecture(**bad)


# --- Initialisation --------------------------------------------------------

WIDE = Architecture((128, 128))  # the 128x128 layer: 16 384 draws


def _middle(scheme, seed=0, sigma=0.01):
    return np.asarray(init_params(WIDE, scheme, seed, sigma)[1].w)


@pytest.mark.parametrize(
    ("scheme", "variance"),
    [
        ("gaussian", 0.01**2),
        ("uniform", 0.01**2),
        ("glorot_normal", 2 / 256),
        ("glorot_uniform", 2 / 256),
        ("he_normal", 2 / 128),
        ("he_uniform", 2 / 128),
    ],
)
def test_sample_variance_is_the_schemes(scheme, variance) -> None:
    w = _middle(scheme)
    # 16 384 draws: the sample variance is within ~3 % (2 sigma) of the truth
    assert w.var() == pytest.approx(variance, rel=0.05)
    assert abs(w.mean()) < 4 * np.sqrt(variance / w.size)


def test_gaussian_sigma_and_uniform_bound() -> None:
    assert _middle("gaussian").std() == pytest.approx(0.01, rel=0.03)
    assert _middle("gaussian", sigma=0.5).std() == pytest.approx(0.5, rel=0.03)
    w = _middle("uniform")
    assert np.abs(w).max() <= np.sqrt(3) * 0.01
    w = _middle("glorot_uniform")
    assert np.abs(w).max() <= np.sqrt(6 / 256)


def test_orthogonal_weights_are_orthonormal() -> None:
    arch = Architecture((16, 16, 4))
    layers = [np.asarray(d.w) for d in init_params(arch, "orthogonal", 3)]
    # (2, 16): orthonormal rows; (16, 16): orthogonal; (16, 4), (4, 1): columns
    np.testing.assert_allclose(layers[0] @ layers[0].T, np.eye(2), atol=1e-12)
    for q in layers[1:]:
        np.testing.assert_allclose(q.T @ q, np.eye(q.shape[1]), atol=1e-12)
    np.testing.assert_allclose(layers[1] @ layers[1].T, np.eye(16), atol=1e-12)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_init_is_seeded_with_zero_biases(scheme) -> None:
    arch = Architecture((8, 8))
    a, b = flatten(init_params(arch, scheme, 5)), flatten(init_params(arch, scheme, 5))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, flatten(init_params(arch, scheme, 6)))
    assert all(not np.any(d.b) for d in init_params(arch, scheme, 5))


def test_unknown_scheme_names_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="glorot_normal"):
        init_params(Architecture(), "zeros")


def test_layer_report_gradient_norms_are_those_of_jax_grad() -> None:
    arch = ARCHES[2]
    X, y = _data()
    params = _random_params(arch, 4)
    report = layer_report(arch, params, X, y)
    grads = jax.grad(loss, argnums=1)(arch, params, X, y)
    np.testing.assert_allclose(
        report.grad_norms, [np.linalg.norm(g.w) for g in grads], rtol=1e-12
    )
    states = [np.asarray(h) for h in _numpy_forward(_as_numpy(params), X, "relu")[0]]
    np.testing.assert_allclose(
        report.activation_stds, [h.std() for h in states[1:]], rtol=1e-12
    )


@pytest.mark.parametrize(("hidden", "factor"), [((16, 16), 100), ((16,) * 3, 1e3)])
def test_small_gaussian_init_makes_first_layer_gradients_vanish(hidden, factor) -> None:
    """Measured (moons, 200 points, seeds 0-2): Glorot's first-layer gradient is
    575-765x σ = 0.01's with two tanh layers, 1.3e4-1.6e4x with three."""
    X, y = _data(200)
    for seed in range(3):
        reports = compare_inits(
            Architecture(hidden), X, y, ("gaussian", "glorot_normal"), seed
        )
        small, glorot = (
            reports[k].grad_norms[0] for k in ("gaussian", "glorot_normal")
        )
        assert glorot > factor * small
        # and the signal dies forward too: each tanh layer shrinks it ~σ√n
        stds = reports["gaussian"].activation_stds
        assert all(b < 0.1 * a for a, b in itertools.pairwise(stds))


def test_decision_boundary_grid_is_the_nets_probability() -> None:
    arch = ARCHES[0]
    X, _ = _data()
    params = _random_params(arch, 5)
    box = data_box(X)
    xs, ys, p = probability_grid(arch, flatten(params), box, resolution=30)
    assert p.shape == (30, 30) and xs[0] == box[0][0] and ys[-1] == box[1][1]
    i, j = 7, 21  # row: y index, column: x index
    z = logits(arch, params, np.array([[xs[j], ys[i]]]))
    assert p[i, j] == pytest.approx(1 / (1 + np.exp(-float(z[0]))), rel=1e-12)
    assert np.all((p >= 0) & (p <= 1))
