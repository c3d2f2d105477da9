"""A training run as numpy arrays, and the early-stopping rule.

Early stopping (course notes 001, "提前停止") is a marker, not a cut: the run
goes on so that a slider can show what follows. Validation loss is checked
after every step; the stop comes at the first step ``s`` with
``s - b(s) >= patience``, where ``b(s)`` is the step of the lowest validation
loss up to ``s`` (the first, on ties); early stopping returns the weights of
step ``b(s)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from surfaces.network.architecture import Architecture
from surfaces.network.loop import COLUMNS, METRICS


@dataclass(frozen=True)
class History:
    """One training run; per-point arrays have ``steps + 1`` rows (row 0 is the
    initial net), per-update arrays ``steps`` rows (row t: update t).

    Attributes:
        train_loss, train_acc, val_loss, val_acc: metrics on the full sets.
        batch_loss: (steps,) the loss of update t's mini-batch at its start.
        lr: (steps,) the learning rate update t used (its schedule's lr(t)).
        layer_grad_norms: (steps, L) each weight matrix's norm of update t's
            raw batch gradient (before noise, clipping, decay).
        snapshot_steps: (R,) the steps whose parameters are kept: 0, k, 2k...
            with k = ceil(steps / (slots - 1)), all of them up to ``slots``.
        snapshots: (R, P) the flat parameters at those steps.
        final: (P,) the parameters after the last step (always exact).
        best_step: the step of the lowest validation loss over the run.
        stopped_at: where early stopping with ``patience`` halts, or None.
        restored_step: the weights early stopping returns (``best_step`` if it
            never stops).
        diverged_at: the update that went non-finite (the net froze), or None.
        batches_per_epoch: ``ceil(n_train / batch_size)``.
    """

    arch: Architecture
    optimizer: str
    settings: dict
    batch_size: int
    train_loss: np.ndarray
    train_acc: np.ndarray
    val_loss: np.ndarray
    val_acc: np.ndarray
    batch_loss: np.ndarray
    lr: np.ndarray
    layer_grad_norms: np.ndarray
    snapshot_steps: np.ndarray
    snapshots: np.ndarray
    final: np.ndarray
    best_step: int
    stopped_at: int | None
    restored_step: int
    diverged_at: int | None
    batches_per_epoch: int

    @property
    def steps(self) -> int:
        return len(self.train_loss) - 1

    def params_at(self, step: int) -> tuple[int, np.ndarray]:
        """The kept parameters nearest at or before ``step``: (its step, vector)."""
        if step >= self.steps:
            return self.steps, self.final
        i = int(np.searchsorted(self.snapshot_steps, step, side="right")) - 1
        return int(self.snapshot_steps[i]), self.snapshots[i]


def early_stopping(
    val_loss: np.ndarray, patience: int | None
) -> tuple[int | None, int]:
    """``(stopped_at, restored_step)`` by the patience rule of the module doc;
    ``patience`` None never stops (the restored step is then the best)."""
    best_so_far = np.minimum.accumulate(val_loss)
    # b(s): the last step at which the running minimum went down
    improved = np.r_[True, val_loss[1:] < best_so_far[:-1]]
    b = np.maximum.accumulate(np.where(improved, np.arange(len(val_loss)), 0))
    if patience is not None:
        late = np.flatnonzero(np.arange(len(val_loss)) - b >= int(patience))
        if late.size:
            return int(late[0]), int(b[late[0]])
    return None, int(np.argmin(val_loss))


class RunInfo(NamedTuple):
    """What the host knows of a run besides the loop's buffers."""

    arch: Architecture
    optimizer: str
    settings: dict
    batch_size: int
    n_train: int
    every: int  # snapshot spacing, in steps
    patience: int | None


def from_buffers(info: RunInfo, buffers: tuple) -> History:
    """The History of the loop's ``(rows, last, snapshots, final,
    diverged_at)``, ``rows`` already sliced to the steps run."""
    rows, last, snaps, final, gone = buffers
    steps, every = len(rows), info.every
    metrics = _tidy(np.concatenate([rows[:, METRICS], last[None]]))
    head, norms = _tidy(rows[:, :2]), _tidy(rows[:, len(COLUMNS) :])
    kept = np.arange(steps // every + 1) * every
    val_loss = metrics[:, 2]
    stopped_at, restored = early_stopping(val_loss, info.patience)
    return History(
        arch=info.arch,
        optimizer=info.optimizer,
        settings=info.settings,
        batch_size=info.batch_size,
        train_loss=metrics[:, 0],
        train_acc=metrics[:, 1],
        val_loss=val_loss,
        val_acc=metrics[:, 3],
        batch_loss=head[:, 0],
        lr=head[:, 1],
        layer_grad_norms=norms,
        snapshot_steps=kept,
        snapshots=snaps[: len(kept)],
        final=final,
        best_step=int(np.argmin(val_loss)),
        stopped_at=stopped_at,
        restored_step=restored,
        diverged_at=None if gone < 0 else int(gone),
        batches_per_epoch=-(-info.n_train // info.batch_size),
    )


def _tidy(block: np.ndarray) -> np.ndarray:
    """Non-finite entries (of a diverging step) replaced by the row before."""
    block = block.copy()
    for t in np.flatnonzero(~np.all(np.isfinite(block), axis=1)):
        block[t] = block[t - 1] if t > 0 else np.nan_to_num(block[t])
    return block
