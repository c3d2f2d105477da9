"""Which training rows each update sees: per-epoch shuffling, then batches.

Batches: each epoch shuffles the training rows (a permutation drawn from the
seed and the epoch's index) and cuts it into ``ceil(n / K)`` batches in
order; the last one holds the ``n mod K`` leftovers when K does not divide n
(nothing is dropped, so an epoch sees every point once). A batch is a 0/1
mask over all rows (those whose rank in the epoch's order falls in the
batch's window), so no shape depends on K and moving it never recompiles.
A full batch (K >= n) is never shuffled: order does not change its mean.
"""

from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.network.compiled import cached_jit
from surfaces.network.data import padded_length


def run_keys(seed: jax.Array) -> tuple[jax.Array, jax.Array]:
    """The run's two streams from its seed: shuffling, gradient noise."""
    key = jax.random.PRNGKey(seed)
    return jax.random.fold_in(key, 0), jax.random.fold_in(key, 1)


def epoch_order(key: jax.Array, epoch: jax.Array, n: jax.Array, size: int) -> jax.Array:
    """Epoch ``epoch``'s shuffled order of rows ``0 .. n-1``, padding rows last.

    Random keys sorted: the real rows get uniform draws, the padding 2.0.
    """
    draws = jax.random.uniform(jax.random.fold_in(key, epoch), (size,))
    return jnp.argsort(jnp.where(jnp.arange(size) < n, draws, 2.0))


def ranks_of(order: jax.Array) -> jax.Array:
    """Each row's position in ``order`` (the inverse permutation)."""
    return jnp.argsort(order)


def batch_mask(
    ranks: jax.Array, position: jax.Array, batch: jax.Array, n: jax.Array
) -> tuple[jax.Array, jax.Array]:
    """0/1 weight of each row in the epoch's batch ``position`` (0, 1, ...),
    and the batch's size: the rows ranked ``position * K`` up to ``n``.

    A mask over all rows rather than a gather of K of them: the loop's one
    forward pass over the data then serves the batch and the metrics.
    """
    start = position * batch
    size = jnp.minimum(batch, n - start)
    mask = (ranks >= start) & (ranks < start + size)
    return mask.astype(jnp.float64), size


def epoch_batches(
    n: int, n_val: int, batch: int, seed: int, epoch: int
) -> list[np.ndarray]:
    """The training rows (0 .. n-1) of each batch of ``epoch``, as the loop of
    a split of ``n`` training and ``n_val`` validation points draws them (for
    tests, and to show which points a step saw)."""
    size = padded_length(n + n_val)
    order_fn = cached_jit(
        ("epoch_order", size), lambda: partial(epoch_order, size=size)
    )
    key = run_keys(np.int32(seed))[0]
    order = np.asarray(order_fn(key, np.int32(epoch), np.int32(n)))
    return [order[i : min(i + batch, n)] for i in range(0, n, batch)]
