"""The compiled training loop: mini-batch steps of a registry optimizer.

One ``jax.jit`` per (architecture, optimizer, choices, padded sizes, snapshot
slots): everything else is traced, the learning rate and the other
hyperparameters, the batch size, the seed, the step count and the data. The
buffers cover the fixed budget ``TRAIN_BUDGET``; a ``while_loop`` runs only
the steps asked for, and the host slices.

Batches: see ``surfaces.network.batches``.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from optimizers.base import Optimizer, transformation
from optimizers.gradients import gradient_seen
from optimizers.schedules import learning_rate
from surfaces.network.architecture import Architecture, unflatten
from surfaces.network.batches import batch_mask, epoch_order, ranks_of, run_keys
from surfaces.network.mlp import cross_entropy, hits, logits
from surfaces.network.mlp import weight_norms as layer_norms

TRAIN_BUDGET = 5000  # the most steps a run takes; buffers have this length
SNAPSHOT_BYTES = 16 * 2**20  # bound on the recorded parameter vectors
MAX_SLOTS = 501  # at most this many snapshots: every step of a 500-step run
MIN_SLOTS = 51
# Columns of update t's row: its own numbers, then the net's metrics at its start.
COLUMNS = ("batch_loss", "lr", "train_loss", "train_acc", "val_loss", "val_acc")
METRICS = slice(2, 6)


def snapshot_slots(n_params: int) -> int:
    """Snapshots kept: as many as ``SNAPSHOT_BYTES`` hold, within
    [``MIN_SLOTS``, ``MAX_SLOTS``] (a 16x16 net keeps 501, 1.2 MB)."""
    return int(min(MAX_SLOTS, max(MIN_SLOTS, SNAPSHOT_BYTES // (8 * n_params))))


def _pass(arch, flat, X, y, masks, counts):
    """One forward pass over every row: the batch's mean loss (differentiated)
    and, as aux, train loss, train accuracy, validation loss and accuracy.

    ``masks`` ``(3, pad)`` picks the batch, training and validation rows;
    ``counts`` their sizes. One pass for all of them halved the step's time
    against a pass for the batch and one per set.
    """
    z = logits(arch, unflatten(arch, flat), X)
    sums = masks @ jnp.stack([cross_entropy(z, y), hits(z, y)], axis=1)
    means = sums / counts[:, None]
    return means[0, 0], means[1:].ravel()


def build_loop(
    arch: Architecture, opt: Optimizer, choices: tuple, slots: int
) -> Callable:
    """The loop for this key: ``loop(theta0, data, hyper, batch, seed, steps,
    every) -> (rows, last, snapshots, final, diverged_at)``.

    ``data`` is ``(X, y, n_train, n_val)``: the training rows first, then the
    validation rows, then zero padding (epochs shuffle the training rows only).

    ``rows[t]``: update t's batch loss, lr(t), the metrics of the net it
    started from, then the per-layer norms of its raw batch gradient;
    ``last``: the metrics after the last update; ``snapshots[j]``: the
    parameters after step ``j * every`` (``snapshots[0]`` the start);
    ``final``: the parameters after the last step. An update whose result or
    whose starting metrics are non-finite freezes the net at its last finite
    point and is returned last, ``diverged_at`` (-1: never); non-finite
    numbers in ``rows`` are the host's to tidy.
    """
    chosen = dict(choices)
    schedule = chosen.get("schedule", "constant")
    # As optimizers/run.py: updates linear in lr take lr(t) by rescaling.
    rescale = schedule != "constant" and not opt.applies_own_schedule(chosen)
    value_and_grad = jax.value_and_grad(_pass, argnums=1, has_aux=True)

    def loop(theta0, data, hyper, batch, seed, steps, every):
        tx = transformation(opt, hyper, chosen)
        X, y, n, n_val = data
        size = y.shape[0]
        at = jnp.arange(size)
        sets = jnp.stack([at < n, (at >= n) & (at < n + n_val)]).astype(jnp.float64)
        per_epoch = (n + batch - 1) // batch
        shuffle_key, noise_key = run_keys(seed)

        def body(carry):
            t, theta, state, ranks, gone, rows, snaps = carry
            position = t % per_epoch
            # A full batch needs no shuffle: the rows' first ranks are 0 .. n-1.
            ranks = jax.lax.cond(
                (position == 0) & (per_epoch > 1),
                lambda: ranks_of(epoch_order(shuffle_key, t // per_epoch, n, size)),
                lambda: ranks,
            )
            mask, count = batch_mask(ranks, position, batch, n)
            masks = jnp.concatenate([mask[None, :], sets])
            counts = jnp.stack([count, n, n_val]).astype(jnp.float64)
            (batch_loss, metrics), grad = value_and_grad(
                arch, theta, X, y, masks, counts
            )
            normal = jax.lax.cond(
                hyper["noise"] > 0,
                lambda: jax.random.normal(jax.random.fold_in(noise_key, t), grad.shape),
                lambda: jnp.zeros_like(grad),
            )
            lr_t = learning_rate(schedule, t, hyper)
            update, state = tx.update(
                gradient_seen(grad, normal, hyper), state, theta, lr_t=lr_t
            )
            if rescale:
                update = update * (lr_t / hyper["lr"])
            new = theta + update
            bad = ~(jnp.all(jnp.isfinite(new)) & jnp.all(jnp.isfinite(metrics)))
            gone = jnp.where((gone < 0) & bad, t, gone)
            theta = jnp.where((gone >= 0), theta, new)
            head = jnp.stack([batch_loss, lr_t])
            row = jnp.concatenate([head, metrics, layer_norms(arch, grad)])
            rows = jax.lax.dynamic_update_index_in_dim(rows, row, t, 0)
            snaps = _snapshot(snaps, theta, t + 1, every)
            return t + 1, theta, state, ranks, gone, rows, snaps

        rows = jnp.zeros((TRAIN_BUDGET, len(COLUMNS) + arch.depth))
        snaps = jnp.zeros((slots, theta0.shape[0])).at[0].set(theta0)
        start = (jnp.int32(0), theta0, tx.init(theta0), at, jnp.int32(-1))
        carry = jax.lax.while_loop(lambda c: c[0] < steps, body, (*start, rows, snaps))
        _, theta, _, _, gone, rows, snaps = carry
        counts = jnp.stack([1, n, n_val]).astype(jnp.float64)
        masks = jnp.concatenate([jnp.zeros((1, size)), sets])
        last = _pass(arch, theta, X, y, masks, counts)[1]
        return rows, last, snaps, theta, gone

    return loop


def _snapshot(snaps, theta, step, every):
    """``snaps`` with ``theta`` in slot ``step // every`` when ``every`` divides
    ``step``; otherwise that slot is written back unchanged (no copy of the
    whole buffer, as a select over it would make)."""
    slot = jnp.minimum(step // every, snaps.shape[0] - 1)
    row = jnp.where(step % every == 0, theta, snaps[slot])
    return jax.lax.dynamic_update_index_in_dim(snaps, row, slot, 0)
