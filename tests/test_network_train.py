"""Training the MLP: full batch is gradient descent, mini-batches partition
each epoch, optimizers match optax on the pytree, the net learns, early
stopping follows its rule, and no number recompiles."""

import jax
import numpy as np
import optax
import pytest

from optimizers.schedules import schedule_curve
from surfaces.datasets import classification, standardize
from surfaces.network import (
    Architecture,
    early_stopping,
    flatten,
    init_params,
    loss,
    split_data,
    unflatten,
)
from surfaces.network.batches import epoch_batches
from surfaces.network.compiled import COMPILED
from surfaces.network.first_steps import first_steps
from surfaces.network.history import RunInfo, from_buffers
from surfaces.network.loop import (
    MAX_SLOTS,
    MIN_SLOTS,
    SNAPSHOT_BYTES,
    snapshot_slots,
)
from surfaces.network.train import is_compiled, train
from tests.compiles import compiles_during

ARCH = Architecture((8, 8))


def _split(n=50, seed=0, noise=0.2, val_fraction=0.2):
    X, y = classification("moons", n, noise, seed)
    return split_data(standardize(X), y, val_fraction, seed)


SPLIT = _split()  # 40 training points, 10 for validation


@jax.jit
def _loss(params, X, y):
    return loss(ARCH, params, X, y)


@jax.jit
def _grad(params, X, y):
    # jitted: eager reference steps cost seconds of small dispatches
    return jax.grad(loss, argnums=1)(ARCH, params, X, y)


def _theta0(seed=0):
    return init_params(ARCH, "glorot_normal", seed)


def test_full_batch_gd_is_gradient_descent() -> None:
    h = train(SPLIT, "gd", arch=ARCH, steps=25, batch_size=0, lr=0.3)
    assert h.batch_size == 40 and h.batches_per_epoch == 1
    more = train(SPLIT, "gd", arch=ARCH, steps=25, batch_size=41, lr=0.3)
    assert more.batch_size == 40  # K >= N is the full batch too
    np.testing.assert_array_equal(more.final, h.final)
    theta = flatten(_theta0())
    for t in range(26):
        np.testing.assert_allclose(h.snapshots[t], theta, rtol=0, atol=1e-12)
        params = unflatten(ARCH, theta)
        train_loss = _loss(params, SPLIT.X_train, SPLIT.y_train)
        assert h.train_loss[t] == pytest.approx(float(train_loss), rel=1e-12)
        val_loss = _loss(params, SPLIT.X_val, SPLIT.y_val)
        assert h.val_loss[t] == pytest.approx(float(val_loss), rel=1e-12)
        theta = theta - 0.3 * flatten(_grad(params, SPLIT.X_train, SPLIT.y_train))
    np.testing.assert_allclose(h.final, h.snapshots[-1], atol=0)


def test_epoch_batches_partition_and_average_to_the_full_gradient() -> None:
    batches = epoch_batches(40, 10, batch=7, seed=3, epoch=0)
    assert [len(b) for b in batches] == [7, 7, 7, 7, 7, 5]  # remainder last
    assert sorted(np.concatenate(batches)) == list(range(40))
    assert not np.array_equal(np.concatenate(batches), np.arange(40))  # shuffled
    again = epoch_batches(40, 10, batch=7, seed=3, epoch=1)
    assert not np.array_equal(np.concatenate(batches), np.concatenate(again))
    params = _theta0()
    X, y = SPLIT.X_train, SPLIT.y_train
    full = flatten(_grad(params, X, y))
    weighted = sum(len(b) / 40 * flatten(_grad(params, X[b], y[b])) for b in batches)
    np.testing.assert_allclose(weighted, full, rtol=0, atol=1e-12)


def test_mini_batch_gd_steps_through_the_epoch_batches() -> None:
    """Two epochs of K = 7 over 40 points (6 batches each, the last of 5)."""
    h = train(SPLIT, "gd", arch=ARCH, steps=12, batch_size=7, lr=0.2, seed=3)
    theta = flatten(_theta0())
    X, y = SPLIT.X_train, SPLIT.y_train
    t = 0
    for epoch in range(2):
        for b in epoch_batches(40, 10, batch=7, seed=3, epoch=epoch):
            params = unflatten(ARCH, theta)
            assert h.batch_loss[t] == pytest.approx(float(_loss(params, X[b], y[b])))
            theta = theta - 0.2 * flatten(_grad(params, X[b], y[b]))
            t += 1
            np.testing.assert_allclose(h.snapshots[t], theta, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("key", "settings", "reference"),
    [
        ("adam", {"lr": 0.05}, optax.adam(0.05)),
        (
            "adamw",
            {"lr": 0.05, "weight_decay": 0.1},
            optax.adamw(0.05, weight_decay=0.1),
        ),
        ("momentum", {"lr": 0.1, "momentum": 0.8}, optax.sgd(0.1, momentum=0.8)),
    ],
)
def test_optimizer_on_the_flat_vector_matches_optax_on_the_pytree(
    key, settings, reference
) -> None:
    h = train(SPLIT, key, arch=ARCH, steps=15, batch_size=9, seed=1, **settings)
    params = _theta0()
    state = reference.init(params)
    X, y = SPLIT.X_train, SPLIT.y_train

    @jax.jit
    def step(params, state, X, y):
        updates, state = reference.update(_grad(params, X, y), state, params)
        return optax.apply_updates(params, updates), state

    t = 0
    for epoch in range(3):
        for b in epoch_batches(40, 10, batch=9, seed=1, epoch=epoch):
            params, state = step(params, state, X[b], y[b])
            t += 1
    assert t == 15
    np.testing.assert_allclose(h.final, flatten(params), rtol=0, atol=1e-10)


def test_l2_and_decoupled_decay_are_one_path_for_gd() -> None:
    """Course notes 001: for plain SGD, weight decay is the L2 penalty."""
    lam, lr = 0.05, 0.3
    l2 = train(SPLIT, "gd", arch=ARCH, steps=10, batch_size=0, lr=lr, weight_decay=lam)
    decoupled = train(
        SPLIT, "gd", arch=ARCH, steps=10, batch_size=0, lr=lr, weight_decay=lam,
        decay="decoupled",
    )  # fmt: skip
    theta = flatten(_theta0())
    for _ in range(10):
        grad = flatten(_grad(unflatten(ARCH, theta), SPLIT.X_train, SPLIT.y_train))
        theta = theta - lr * (grad + lam * theta)
    np.testing.assert_allclose(l2.final, theta, atol=1e-12)
    np.testing.assert_allclose(decoupled.final, theta, atol=1e-12)


def test_a_schedule_sets_each_steps_learning_rate() -> None:
    settings = {"lr": 0.2, "schedule": "exponential", "decay_steps": 5.0}
    h = train(SPLIT, "gd", arch=ARCH, steps=20, **settings)
    hyper = {"lr": 0.2, "decay_steps": 5.0, "decay_rate": 0.5, "lr_min": 0.0}
    np.testing.assert_allclose(
        h.lr, schedule_curve("exponential", hyper, 20), rtol=1e-14
    )


def test_the_net_learns_moons() -> None:
    """Measured: moons (200 points, noise 0.1), 16x16 tanh, Adam lr 0.01,
    K = 32, 2000 steps: 100 % train accuracy for split seeds 0-2 (the same
    at noise 0.15 ranges 97-100 %)."""
    X, y = classification("moons", 200, 0.1, 0)
    split = split_data(standardize(X), y, 0.25, 0)
    h = train(split, "adam", steps=2000, batch_size=32, lr=0.01)
    assert h.train_acc[-1] > 0.95 and h.val_acc[-1] > 0.9
    assert h.train_loss[-1] < 0.2 * h.train_loss[0]
    assert h.diverged_at is None


def test_snapshots_are_exact_and_bounded() -> None:
    h = train(SPLIT, "adam", arch=ARCH, steps=1200, batch_size=7, lr=0.01)
    every = 3  # ceil(1200 / 500)
    np.testing.assert_array_equal(h.snapshot_steps, np.arange(0, 1201, every))
    short = train(SPLIT, "adam", arch=ARCH, steps=30, batch_size=7, lr=0.01)
    np.testing.assert_array_equal(h.snapshots[10], short.final)
    assert h.params_at(31)[0] == 30
    np.testing.assert_array_equal(h.params_at(31)[1], short.final)
    assert h.params_at(5000)[0] == 1200
    for n in (100, 337, 10_000, 1_000_000):
        slots = snapshot_slots(n)
        assert MIN_SLOTS <= slots <= MAX_SLOTS
        assert slots * n * 8 <= max(SNAPSHOT_BYTES, MIN_SLOTS * n * 8)


def test_small_init_keeps_first_layer_gradients_tiny_over_the_first_steps() -> None:
    """Measured (moons, 40 points, 3 tanh layers of 16, gd lr 0.5, K = 8):
    σ = 0.01's largest first-layer gradient norm over 20 steps is 2e-4 times
    Glorot's median; its loss stays on the plateau (about log 2: only the
    output bias learns, the class balance) while Glorot's falls. One compile
    serves every scheme."""
    runs = first_steps(
        SPLIT, ("gaussian", "glorot_normal"), Architecture((16, 16, 16)),
        steps=20, optimizer="gd", batch_size=8, lr=0.5,
    )  # fmt: skip
    small, glorot = runs["gaussian"], runs["glorot_normal"]
    small_first, glorot_first = (
        small.layer_grad_norms[:, 0],
        glorot.layer_grad_norms[:, 0],
    )
    assert small_first.max() < 1e-3 * np.median(glorot_first)  # measured: 2e-4
    assert small.train_loss.min() > 0.68  # only the output bias learns
    assert glorot.train_loss[-1] < 0.5 * small.train_loss[-1]  # measured: 0.25


def test_early_stopping_rule() -> None:
    val = np.array([5.0, 4.0, 3.0, 3.5, 3.2, 3.1, 2.9, 3.0, 3.0, 2.9, 3.0])
    assert early_stopping(val, 2) == (4, 2)  # 2 steps without a new best
    assert early_stopping(val, 4) == (10, 6)  # a tie (step 9) is no better
    assert early_stopping(val, 5) == (None, 6)
    assert early_stopping(val, None) == (None, 6)
    h = train(SPLIT, "adam", arch=ARCH, steps=300, lr=0.05, patience=20)
    expected = early_stopping(h.val_loss, 20)
    assert (h.stopped_at, h.restored_step) == expected
    assert h.best_step == int(np.argmin(h.val_loss))


def test_non_finite_steps_never_reach_the_history() -> None:
    """The host's side of divergence: non-finite rows repeat the row before."""
    rows = np.ones((4, 6 + ARCH.depth))
    rows[2, :] = np.nan
    rows[3, 2] = np.inf
    info = RunInfo(ARCH, "gd", {}, 8, 40, 1, None)
    snaps = np.zeros((5, ARCH.n_params))
    h = from_buffers(info, (rows, np.ones(4), snaps, snaps[0], 2))
    assert h.diverged_at == 2
    for a in (h.train_loss, h.val_acc, h.batch_loss, h.lr, h.layer_grad_norms):
        assert np.all(np.isfinite(a))
    assert h.train_loss[3] == 1.0 and h.batch_loss[2] == 1.0


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="first-order"):
        train(SPLIT, "bfgs", arch=ARCH)
    with pytest.raises(ValueError, match="batch_size"):
        train(SPLIT, "gd", arch=ARCH, batch_size=-1)
    with pytest.raises(ValueError, match="batch_size"):
        train(SPLIT, "gd", arch=ARCH, batch_size=2.5)
    with pytest.raises(ValueError, match="steps"):
        train(SPLIT, "gd", arch=ARCH, steps=5001)
    with pytest.raises(TypeError, match="momentum"):
        train(SPLIT, "gd", arch=ARCH, momentum=0.9)
    with pytest.raises(ValueError, match="params"):
        train(SPLIT, "gd", arch=ARCH, params=init_params(Architecture((4,))))


def test_the_counter_sees_a_compile() -> None:
    # A fresh jit must register, or the zero below would prove nothing.
    assert compiles_during(lambda: jax.jit(lambda x: x * 5.0 - 2.0)(np.ones(4))) >= 1


def test_numbers_never_recompile() -> None:
    train(SPLIT, "adam", arch=ARCH, steps=10, batch_size=7, lr=0.01)
    assert is_compiled(SPLIT, "adam", arch=ARCH)
    held = len(COMPILED)

    def moves() -> None:
        for lr in (1e-4, 0.5, 1):  # an int too
            train(SPLIT, "adam", arch=ARCH, steps=10, batch_size=7, lr=lr)
        for k in (1, 2, 13, 40, 0):
            train(SPLIT, "adam", arch=ARCH, steps=10, batch_size=k)
        for seed in (0, 1, 999):
            train(SPLIT, "adam", arch=ARCH, steps=10, seed=seed, beta1=0.5)
        for steps in (0, 1, 99, 1234, 5000):
            train(SPLIT, "adam", arch=ARCH, steps=steps)
        for n, seed in ((30, 1), (80, 2), (256, 3)):  # the data and the split
            train(_split(n, seed, val_fraction=0.3), "adam", arch=ARCH, steps=10)
        train(SPLIT, "adam", arch=ARCH, init="orthogonal", init_seed=4, patience=3)
        train(SPLIT, "adam", arch=ARCH, steps=10, noise=0.5, clip_norm=1.0)

    assert compiles_during(moves) == 0
    assert len(COMPILED) == held
