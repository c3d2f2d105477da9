"""Training the small MLP with any first-order optimizer of the registry.

``train`` validates, pads and calls the compiled loop (``surfaces.network.loop``),
then slices its fixed-budget buffers into a :class:`History` of numpy arrays.
Moving the learning rate (or any number), the batch size, a seed, the step
count or the data never recompiles; the architecture, the optimizer and its
choices (``schedule``, ``decay``...) each compile once.

Weight decay is the optimizer's own: ``decay="l2"`` (``g + λθ``) or
``"decoupled"`` (``θ ← θ − αλθ`` after the step) for ``gd`` and ``momentum``,
``adam`` (L2) against ``adamw`` (decoupled), with λ = ``weight_decay``.

Early stopping is a marker computed on the host: see ``history.py``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from optimizers import Optimizer, get_optimizer
from surfaces.network.architecture import Architecture, Params, flatten
from surfaces.network.compiled import COMPILED, cached_jit
from surfaces.network.data import Split, pad
from surfaces.network.history import History, RunInfo, from_buffers
from surfaces.network.init import SIGMA, Scheme, init_params
from surfaces.network.loop import (
    TRAIN_BUDGET,
    build_loop,
    snapshot_slots,
)


def train(
    split: Split,
    optimizer: str | Optimizer = "adam",
    arch: Architecture = Architecture(),  # noqa: B008  # frozen, hashable
    steps: int = 500,
    batch_size: int = 32,
    init: Scheme = "glorot_normal",
    init_seed: int = 0,
    sigma: float = SIGMA,
    patience: int | None = 100,
    params: Params | None = None,
    **settings: float | str,
) -> History:
    """Train ``arch`` on ``split`` with mini-batches of ``batch_size`` rows.

    ``settings`` are the optimizer's hyperparameters and choices (defaults for
    the rest); its ``seed`` seeds the shuffling (and gradient noise, if any).
    ``batch_size`` 0 (or any K >= n_train) means the full training set.
    ``params`` replaces the initialisation by ``init`` / ``init_seed`` /
    ``sigma``.

    Raises:
        KeyError: unknown optimizer or init scheme.
        TypeError: unknown setting. ValueError: a bad value, or a method that
            is not first-order.
    """
    opt = get_optimizer(optimizer)
    if not opt.first_order:
        raise ValueError(f"{opt.key} is not a first-order method: it cannot train")
    hyper, chosen = opt.split(settings)
    n_train = len(split.y_train)
    batch = _as_batch(batch_size, n_train)
    steps = _as_steps(steps)
    theta0 = _as_start(arch, params, init, init_seed, sigma)
    slots = snapshot_slots(arch.n_params)
    every = max(1, math.ceil(steps / (slots - 1)))
    data = _data(split)
    key = _key(arch, opt, chosen, data, slots)
    loop = cached_jit(key, lambda: build_loop(arch, opt, key[3], slots))
    out = loop(
        theta0,
        data,
        {k: np.float64(v) for k, v in hyper.items()},
        np.int32(batch),
        np.int32(hyper["seed"]),
        np.int32(steps),
        np.int32(every),
    )
    rows, last, snaps, final, gone = (np.asarray(a) for a in out)
    settings = hyper | chosen
    info = RunInfo(arch, opt.key, settings, batch, n_train, every, patience)
    return from_buffers(info, (rows[:steps], last, snaps, final, int(gone)))


def _data(split: Split) -> tuple:
    """The loop's data: training rows, then validation rows, padded; counts."""
    both = pad(
        np.concatenate([split.X_train, split.X_val]),
        np.concatenate([split.y_train, split.y_val]),
    )
    return both.X, both.y, np.int32(len(split.y_train)), np.int32(len(split.y_val))


def _key(arch, opt, chosen: Mapping, data: tuple, slots: int) -> tuple:
    choices = tuple(sorted(chosen.items()))
    return ("train", arch, opt, choices, len(data[1]), slots)


def is_compiled(
    split: Split,
    optimizer: str | Optimizer = "adam",
    arch: Architecture = Architecture(),  # noqa: B008
    **settings: float | str,
) -> bool:
    """Whether ``train`` with these static parts finds its loop held (a run
    would then compile nothing); numbers never matter."""
    opt = get_optimizer(optimizer)
    _, chosen = opt.split(settings)
    data = _data(split)
    return _key(arch, opt, chosen, data, snapshot_slots(arch.n_params)) in COMPILED


def _as_start(arch, params, init, init_seed, sigma) -> np.ndarray:
    """The flat start: ``params`` if given (checked), else ``init``'s draw."""
    if params is None:
        return np.asarray(flatten(init_params(arch, init, init_seed, sigma)))
    flat = np.asarray(flatten(params), np.float64)
    if flat.shape != (arch.n_params,) or not np.all(np.isfinite(flat)):
        raise ValueError(
            f"params must be {arch.n_params} finite numbers for {arch}, "
            f"got shape {flat.shape}"
        )
    return flat


def _as_batch(batch_size: int, n_train: int) -> int:
    """K as a whole number in [1, n_train]: 0 and K >= n_train are the full set."""
    if isinstance(batch_size, bool) or not float(batch_size).is_integer():
        raise ValueError(f"batch_size must be a whole number, got {batch_size!r}")
    if batch_size < 0:
        raise ValueError(
            f"batch_size must be >= 0 (0: the full set), got {batch_size!r}"
        )
    return min(int(batch_size), n_train) or n_train


def _as_steps(steps: int) -> int:
    if isinstance(steps, bool) or not float(steps).is_integer():
        raise ValueError(f"steps must be a whole number, got {steps!r}")
    if not 0 <= steps <= TRAIN_BUDGET:
        raise ValueError(f"steps must be within [0, {TRAIN_BUDGET}], got {steps!r}")
    return int(steps)
