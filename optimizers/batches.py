"""Real mini-batches on a data surface: which points each update sees.

Mini-batch SGD (course parts 000–004): each epoch the points are shuffled
with the run's seed and cut into batches of K; an epoch is ⌈N/K⌉ updates, the
last batch of an epoch holding the remainder. The batch gradient is the
gradient of the batch's own mean loss, an unbiased estimate of the full
gradient: over one epoch the size-weighted mean of the batch gradients is the
full gradient exactly.

The "one_class" sampler draws every batch from one class only (class 1, or
for a line the points right of the median): the course's warning (002) that
a sample of one class gives a biased estimate. Its epoch covers that class.

The plan is made on the host (numpy), like the noise draws, and handed to the
scan as a fixed-shape table: moving K, N or the seed changes its contents,
never its shape, so nothing recompiles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from optimizers.base import BATCH_SIZE as BATCH_SIZE
from optimizers.base import SAMPLER as SAMPLER
from optimizers.base import SAMPLERS as SAMPLERS
from surfaces.datasets import N_MAX

Sampler = Literal["shuffle", "one_class"]
PAD = N_MAX  # index of no point: the scan drops it (out of bounds)
INDEX_DTYPE = np.int16


@dataclass(frozen=True)
class BatchPlan:
    """The batches of a run's updates, as the host made them.

    Attributes:
        indices: (steps, K) the points update ``t`` (from point t to t + 1)
            sees; ``PAD`` where a short last batch of an epoch ends early.
            (steps, 0) for the full batch.
        sizes: (steps,) how many points each update sees; 0 = the full data.
        epochs: (steps,) the epoch each update belongs to (from 0).
    """

    indices: np.ndarray
    sizes: np.ndarray
    epochs: np.ndarray

    @property
    def epoch_starts(self) -> np.ndarray:
        """The updates that begin an epoch (0 first); for drawing boundaries."""
        if not len(self.epochs):
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(np.diff(self.epochs, prepend=-1))

    @property
    def full(self) -> bool:
        return not np.any(self.sizes)

    def weights(self, step: int, n: int) -> np.ndarray:
        """(n,) the weight update ``step`` puts on each point: 1/|B| on its batch."""
        out = np.zeros(n)
        if self.sizes[step] == 0:
            return out + 1.0 / n
        chosen = self.indices[step][self.indices[step] != PAD]
        np.add.at(out, chosen, 1.0 / self.sizes[step])
        return out


def plan(
    groups: np.ndarray, batch_size: int, seed: int, steps: int, sampler: Sampler
) -> BatchPlan:
    """The batches of ``steps`` updates over a data set with these ``groups``.

    Args:
        groups: (n,) 0/1 per point; the one-class sampler keeps the 1s.
        batch_size: K; 0 (or K >= N with shuffling) is the full batch.
        seed: the run's seed: the same seed, the same batches.
        steps: how many updates.
        sampler: "shuffle" or "one_class".
    """
    n = len(groups)
    pool = np.arange(n) if sampler == "shuffle" else np.flatnonzero(groups > 0.5)
    if sampler == "shuffle" and (batch_size == 0 or batch_size >= n):
        return BatchPlan(
            np.zeros((steps, 0), INDEX_DTYPE),
            np.zeros(steps, np.int64),
            np.arange(steps),
        )
    size = min(int(batch_size) or len(pool), len(pool))
    per_epoch = math.ceil(len(pool) / size)
    epochs = max(1, math.ceil(steps / per_epoch))
    rng = np.random.default_rng(int(seed))
    order = pool[np.argsort(rng.random((epochs, len(pool))), axis=1)]
    padded = np.full((epochs, per_epoch * size), PAD, INDEX_DTYPE)
    padded[:, : len(pool)] = order
    indices = padded.reshape(epochs * per_epoch, size)[:steps]
    sizes = np.sum(indices != PAD, axis=1)
    return BatchPlan(indices, sizes, np.arange(len(indices)) // per_epoch)


def table(batch_plan: BatchPlan, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """The plan as the scan reads it: ``(budget, N_MAX)`` indices and
    ``(budget,)`` sizes, rows past the plan's steps unused (zeros: full)."""
    indices = np.full((budget, N_MAX), PAD, INDEX_DTYPE)
    steps, width = batch_plan.indices.shape
    indices[:steps, :width] = batch_plan.indices
    sizes = np.zeros(budget)
    sizes[:steps] = batch_plan.sizes
    return indices, sizes
