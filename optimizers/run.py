"""The runner: one scan body, compiled once per (surface, optimizer, choices).

Only the surface, the optimizer and the discrete choices are static (closed
over by a ``jax.jit`` made per key, held in a bounded LRU: see
``optimizers.compiled``); hyperparameters, surface parameters, the start point
and the sign of the objective (minimise or maximise) are traced float64
arrays, and the scan always covers the fixed step budget (the host slices), so
no slider move recompiles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np

from optimizers.base import Optimizer, transformation
from optimizers.batches import BatchPlan, plan, table
from optimizers.compiled import RUNNER_BOUND as RUNNER_BOUND
from optimizers.compiled import RUNNERS
from optimizers.compiled import live_runners as live_runners
from optimizers.compiled import set_runner_bound as set_runner_bound
from optimizers.gradients import standard_normals
from optimizers.registry import get_optimizer
from optimizers.status import run_status
from optimizers.stepper import FAR_OUT as FAR_OUT
from optimizers.stepper import make as make_stepper
from surfaces import Surface, get_surface
from surfaces.data_surface import DataSurface

STEP_BUDGET = 5000
CHUNK = 100  # steps per inner scan; chunks past the requested count are skipped
FAN_BLOCK = 8  # fans are padded to a multiple of this: one compile per block
EVAL_KINDS = ("f", "grad", "hess")


@dataclass(frozen=True)
class Trajectory:
    """One optimizer run, as numpy arrays aligned on the step index.

    Attributes:
        points: (steps + 1, dim) float64; ``points[0]`` is the start.
        values: (steps + 1,) function values at ``points``.
        grad_norms: (steps + 1,) gradient norms at ``points``.
        diverged_at: first step whose point was non-finite or absurdly far out
            (points are frozen from there on), or None.
        evals: function, gradient and Hessian evaluations used.
        eval_counts: (steps + 1, 3) the same, cumulative after each step
            (columns f, grad, hess): to compare methods per evaluation.
        internals: optimizer state per step, e.g. ``velocity``, ``mu``, ``nu``
            (each (steps + 1, dim)), plus ``step`` (the update, (steps + 1, dim);
            row 0 is zero).
        surface: the surface key; optimizer: the optimizer key;
        hyperparams: the values used, defaults filled in.
        status: how it ended, one of ``optimizers.STATUSES`` ("diverged",
            "unbounded", "left_view", "converged", "not_converged"); see
            ``optimizers.status.run_status``.
        maximize: whether the run climbed (every method ran on -f); ``values``
            hold f either way.
        surface_params: the surface parameters used, defaults filled in.
        batches: on a data surface, the mini-batch each update saw (see
            ``optimizers.batches.BatchPlan``); None elsewhere.
    """

    points: np.ndarray
    values: np.ndarray
    grad_norms: np.ndarray
    diverged_at: int | None
    evals: dict[str, int]
    internals: dict[str, np.ndarray]
    surface: str
    optimizer: str
    hyperparams: dict[str, float | str]
    eval_counts: np.ndarray | None = None
    status: str = "not_converged"
    maximize: bool = False
    surface_params: Mapping[str, float] = field(default_factory=dict)
    batches: BatchPlan | None = None

    @property
    def steps(self) -> int:
        return len(self.points) - 1


def _recorded(state, dim: int) -> dict[str, jax.Array]:
    """The state shown per step.

    Float fields shaped like the point (velocity, moments), populations
    ``(k, dim)`` (swarm, simplex, line-search trial points), and ``evals``, the
    running count of methods whose evaluations per step vary.
    """
    if not hasattr(state, "_asdict"):
        return {}
    fields = {}
    for key, value in state._asdict().items():
        shape = getattr(value, "shape", None)
        if key == "evals":
            fields[key] = value
        elif shape is None or not jnp.issubdtype(value.dtype, jnp.floating):
            continue
        elif shape == (dim,) or (len(shape) == 2 and shape[0] > 1 and shape[1] == dim):
            fields[key] = value
    return fields


def _record(x, value, grad, newly, step, state, dim: int) -> jax.Array:
    """One step packed into a single float64 row (see ``_layout``).

    One output buffer instead of one per field: measured, a scan with many
    outputs ran Adam 20x slower on XLA CPU.
    """
    parts = [x, value, jnp.linalg.norm(grad), newly, step]
    parts += list(_recorded(state, dim).values())
    return jnp.concatenate([jnp.ravel(p).astype(jnp.float64) for p in parts])


def _make(surface: Surface, optimizer: Optimizer, choices: tuple, hyper: Mapping):
    """The optimizer's GradientTransformation for these settings."""
    return transformation(optimizer, hyper, dict(choices), surface.domain)


# Shapes only (jax.eval_shape compiles nothing): no executable is kept here,
# so the runner LRU alone bounds the compiled code.
@lru_cache(maxsize=256)
def _layout(surface: Surface, optimizer: Optimizer, choices: tuple) -> dict:
    """Field name -> (column slice, shape of one row's value)."""
    dim = surface.dim
    hyper = {h.key: jnp.float64(h.default) for h in optimizer.all_hyperparams}
    state = jax.eval_shape(
        lambda: _make(surface, optimizer, choices, hyper).init(jnp.zeros(dim))
    )
    shapes = {
        "point": (dim,),
        "value": (),
        "grad_norm": (),
        "newly": (),
        "step": (dim,),
    }
    shapes |= {k: v.shape for k, v in _recorded(state, dim).items()}
    widths = [int(np.prod(shape)) for shape in shapes.values()]
    edges = np.cumsum([0, *widths])
    return {
        k: (slice(int(a), int(b)), shape)
        for k, a, b, shape in zip(
            shapes, edges[:-1], edges[1:], shapes.values(), strict=True
        )
    }


def _scan_body(
    surface: Surface,
    optimizer: Optimizer,
    choices: tuple,
    start,
    hyper,
    sparams,
    steps,
    normals,
    sign,
    batches,
):
    """Run the requested chunks of the budget; returns the packed first row and rows.

    ``sign`` is 1.0, or -1.0 to maximise: every method then runs on -f (and
    the recorded values are -f; the host flips them back). ``newly`` is 0, or
    on the step that froze the run why: ``NON_FINITE`` or ``FAR``.
    ``batches``: on a data surface, the mini-batch table (indices, sizes) of
    ``optimizers.batches.table``; else None.
    """
    dim = surface.dim
    stepper = make_stepper(
        surface, optimizer, choices, hyper, sparams, sign, batches is not None
    )

    def step(carry, drawn):
        carry, moved = stepper.step(carry, drawn)
        row = _record(
            carry.x,
            carry.value,
            carry.grad,
            moved.newly,
            moved.update,
            moved.state,
            dim,
        )
        return carry, row

    def chunk(loop):
        index, carry, rows = loop
        drawn = (normals, batches) if optimizer.first_order else (None, None)
        block = jax.tree.map(
            lambda a: jax.lax.dynamic_slice_in_dim(a, index * CHUNK, CHUNK), drawn
        )
        carry, block = jax.lax.scan(step, carry, block, length=CHUNK)
        return (
            index + 1,
            carry,
            jax.lax.dynamic_update_index_in_dim(rows, block, index, 0),
        )

    carry0 = stepper.init(start)
    first = _record(
        start, carry0.value, carry0.grad, 0.0, jnp.zeros(dim), carry0.state, dim
    )
    rows = jnp.zeros((STEP_BUDGET // CHUNK, CHUNK, first.size))
    # Only the chunks the steps slider asks for run: cost follows the slider
    # while shapes (and so the compiled program) stay fixed.
    _, _, rows = jax.lax.while_loop(
        lambda loop: loop[0] * CHUNK < steps, chunk, (0, carry0, rows)
    )
    return first, rows


def _runner(surface: Surface, optimizer: Optimizer, choices: tuple, fan: bool):
    """The compiled runner of this key from the LRU, built on first use.

    A single run is called ``runner(start, hyper, sparams, steps, normals,
    sign, batches)``; a fan the same, with a seed axis on ``hyper["seed"]``,
    ``normals`` and ``batches``.
    """
    return RUNNERS.get((surface, optimizer, choices, fan), _build)


def _build(key: tuple):
    """A new ``jax.jit`` around a closure over the key's static parts.

    One jit object per key, around a function made for it, so that evicting
    the key frees its executable and every JAX cache keyed on the function.
    """
    surface, optimizer, choices, fan = key

    def scan(start, hyper, sparams, steps, normals, sign, batches):
        return _scan_body(
            surface,
            optimizer,
            choices,
            start,
            hyper,
            sparams,
            steps,
            normals,
            sign,
            batches,
        )

    def fan_scan(start, hyper, sparams, steps, normals, sign, batches):
        # First-order noise comes from ``normals``, the derivative-free
        # methods' randomness from the seed, mini-batches from ``batches``:
        # all have the seed axis.
        axes = {k: 0 if k == "seed" else None for k in hyper}
        return jax.vmap(scan, in_axes=(None, axes, None, None, 0, None, 0))(
            start, hyper, sparams, steps, normals, sign, batches
        )

    return jax.jit(fan_scan if fan else scan)


def _as_start(surface: Surface, start: Sequence[float] | None) -> np.ndarray:
    point = surface.start if start is None else start
    try:
        array = np.asarray(point, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(
            f"start must be {surface.dim} numbers, got {point!r}"
        ) from None
    if array.shape != (surface.dim,):
        raise ValueError(f"start must have {surface.dim} coordinates, got {point!r}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"start must be finite, got {point!r}")
    return array


def _as_steps(steps: int) -> int:
    if isinstance(steps, bool) or not float(steps).is_integer():
        raise ValueError(f"steps must be a whole number, got {steps!r}")
    if not 0 <= steps <= STEP_BUDGET:
        raise ValueError(f"steps must be within [0, {STEP_BUDGET}], got {steps!r}")
    return int(steps)


def _prepare(surface, optimizer, start, steps, surface_params, settings, maximize):
    """Validated arguments (the runner's key, then its arguments), plus what
    ``_trajectory`` needs."""
    surf = get_surface(surface)
    opt = get_optimizer(optimizer)
    hyper, chosen = opt.split(settings, is_data(surf))
    batching = _batching(surf, opt, hyper, chosen)
    choices = tuple(sorted(chosen.items()))
    steps = _as_steps(steps)
    sparams = surf.param_values(surface_params)
    # One dtype for every traced value, however the caller typed it: an int
    # from a slider must not trigger a recompile.
    traced = {k: np.float64(v) for k, v in hyper.items()}
    args = (
        surf,
        opt,
        choices,
        _as_start(surf, start),
        traced,
        sparams,
        np.int32(steps),
        _normals(opt, hyper, surf.dim),
        # Traced like a hyperparameter: flipping it does not recompile.
        np.float64(-1.0 if _as_flag(maximize) else 1.0),
    )
    batches = _plan(surf, sparams, batching, hyper.get("seed", 0.0), steps)
    return args, hyper | chosen | batching, batches


def _batching(surf: Surface, opt: Optimizer, hyper: dict, chosen: dict) -> dict:
    """Take the mini-batch settings out of ``hyper`` and ``chosen`` (the host
    reads them; the runner never sees them, so they compile nothing)."""
    if not (opt.first_order and is_data(surf)):
        return {}
    size = hyper.pop("batch_size")
    if not float(size).is_integer():
        raise ValueError(f"batch_size must be a whole number, got {size!r}")
    return {"batch_size": size, "sampler": chosen.pop("sampler")}


def is_data(surface: Surface) -> bool:
    """Whether ``surface`` is made of data (it then takes mini-batches)."""
    return isinstance(surface, DataSurface)


def _plan(surf: Surface, sparams, batching: dict, seed: float, steps: int):
    """The run's mini-batches, or None off data surfaces and for other methods."""
    if not batching:
        return None
    groups = surf.data_at(_scalars(sparams)).groups
    size = int(batching["batch_size"])
    if size > len(groups):
        raise ValueError(
            f"batch_size = {size} is more than the {len(groups)} points of the data"
        )
    return plan(groups, size, int(seed), steps, batching["sampler"])


def _scalars(sparams) -> dict[str, float]:
    """The surface parameters a caller set (not the data arrays made from them)."""
    return {k: float(v) for k, v in sparams.items() if np.ndim(v) == 0}


def _as_flag(maximize: bool) -> bool:
    if not isinstance(maximize, bool | np.bool_):
        raise TypeError(f"maximize must be True or False, got {maximize!r}")
    return bool(maximize)


def _normals(opt: Optimizer, hyper: Mapping[str, float], dim: int):
    noise = hyper.get("noise", 0.0) if opt.first_order else 0.0
    return standard_normals(noise, hyper.get("seed", 0.0), STEP_BUDGET, dim)


def run(
    surface: str | Surface,
    optimizer: str | Optimizer,
    start: Sequence[float] | None = None,
    steps: int = 200,
    surface_params: Mapping[str, float] | None = None,
    maximize: bool = False,
    **hyperparams: float | str,
) -> Trajectory:
    """Run ``optimizer`` on ``surface`` for ``steps`` steps.

    Numeric hyperparameters are traced (no recompile when they change);
    discrete choices (``schedule``, a line search, a variant) are strings and
    compile once each. ``maximize=True`` climbs: every method runs on -f
    (gradient ascent for first-order methods), with the sign traced, so
    switching it does not recompile; ``values`` still hold f.

    Raises:
        KeyError: unknown surface or optimizer key (the message names valid keys).
        TypeError: unknown hyperparameter or surface parameter.
        ValueError: a value outside its range, a non-finite start, bad steps.
    """
    args, settings, batches = _prepare(
        surface, optimizer, start, steps, surface_params, hyperparams, maximize
    )
    drawn = table(batches, STEP_BUDGET) if batches is not None else None
    packed = _runner(*args[:3], fan=False)(*args[3:], drawn)
    first, chunks = (np.asarray(a) for a in packed)  # zero-copy on CPU
    return _trajectory(first, chunks, args, settings, batches)


def is_compiled(
    surface: str | Surface, optimizer: str | Optimizer, fan: bool = False, **settings
) -> bool:
    """Whether a run (or fan) with these settings finds its runner compiled,
    so it answers without a compile. Only the key's static parts matter: the
    surface, the method and its choices; numbers never compile. Raises as
    :func:`run` does for an unknown key or setting.
    """
    surf, opt = get_surface(surface), get_optimizer(optimizer)
    hyper, chosen = opt.split(settings, is_data(surf))
    _batching(surf, opt, hyper, chosen)
    return (surf, opt, tuple(sorted(chosen.items())), fan) in RUNNERS


def run_fan(
    surface: str | Surface,
    optimizer: str | Optimizer,
    seeds: Sequence[int],
    start: Sequence[float] | None = None,
    steps: int = 200,
    surface_params: Mapping[str, float] | None = None,
    maximize: bool = False,
    **hyperparams: float | str,
) -> list[Trajectory]:
    """One run per seed, vectorised with ``jax.vmap`` (a fan of noisy paths).

    Seeds are padded to a multiple of ``FAN_BLOCK`` so that the fan size does
    not recompile; otherwise as :func:`run`.
    """
    seeds = [int(seed) for seed in seeds]
    if not seeds:
        return []
    opt = get_optimizer(optimizer)
    if "seed" not in {h.key for h in opt.all_hyperparams}:
        raise TypeError(f"{opt.key} takes no seed")
    args, settings, batches = _prepare(
        surface,
        opt,
        start,
        steps,
        surface_params,
        hyperparams | {"seed": seeds[0]},
        maximize,
    )
    for seed in seeds:  # the same range check as a single run
        opt.resolve({"seed": seed})
    padded = seeds + [seeds[-1]] * (-len(seeds) % FAN_BLOCK)
    draws = [_normals(opt, settings | {"seed": seed}, args[0].dim) for seed in padded]
    hyper = args[4] | {"seed": np.asarray(padded, np.float64)}
    normals = np.stack([np.asarray(d) for d in draws])
    plans = [_fan_plan(args, settings, batches, seed) for seed in padded]
    drawn = _stacked([table(p, STEP_BUDGET) for p in plans]) if batches else None
    packed = _runner(*args[:3], fan=True)(
        args[3], hyper, *args[5:7], normals, args[8], drawn
    )
    firsts, chunks = (np.asarray(a) for a in packed)
    return [
        _trajectory(
            firsts[i], chunks[i], args, settings | {"seed": float(seed)}, plans[i]
        )
        for i, seed in enumerate(seeds)
    ]


def _fan_plan(args, settings, batches, seed: int):
    if batches is None:
        return None
    return _plan(args[0], args[5], settings, float(seed), int(args[6]))


def _stacked(tables: list[tuple[np.ndarray, np.ndarray]]):
    return tuple(np.stack(parts) for parts in zip(*tables, strict=True))


def _trajectory(first, chunks, args, settings, batches=None) -> Trajectory:
    """Unpack the runner's rows into a Trajectory, sliced to the steps asked for."""
    surf, opt, choices, steps = args[0], args[1], args[2], int(args[6])
    # Slice on the host: a device-side slice would cost another dispatch.
    rows = np.concatenate([first[None], chunks.reshape(STEP_BUDGET, -1)[:steps]])
    columns = {
        k: rows[:, c].reshape(len(rows), *shape)
        for k, (c, shape) in _layout(surf, opt, choices).items()
    }
    reasons = columns.pop("newly")
    newly = np.flatnonzero(reasons)
    diverged_at = int(newly[0]) if newly.size else None
    maximize = bool(args[8] < 0)
    values = -columns["value"] if maximize else columns["value"]
    internals = {k: v for k, v in columns.items() if k not in _MAIN}
    counts = _eval_counts(opt, internals.pop("evals", None), steps, diverged_at)
    if diverged_at is not None:
        for v in internals.values():
            v[diverged_at:] = v[diverged_at - 1]
    return Trajectory(
        points=columns["point"],
        values=values,
        grad_norms=columns["grad_norm"],
        diverged_at=diverged_at,
        evals=dict(zip(EVAL_KINDS, map(int, counts[-1]), strict=True)),
        internals=internals,
        surface=surf.key,
        optimizer=opt.key,
        hyperparams=settings,
        eval_counts=counts,
        status=run_status(
            surf,
            columns["point"],
            values,
            0.0 if diverged_at is None else float(reasons[diverged_at]),
            maximize,
            surf.minima_at(_scalars(args[5])),
        ),
        maximize=maximize,
        surface_params=_scalars(args[5]),
        batches=batches,
    )


_MAIN = ("point", "value", "grad_norm")


def _eval_counts(opt: Optimizer, counted, steps: int, diverged_at) -> np.ndarray:
    """Cumulative evaluations per step; a frozen (diverged) point costs nothing."""
    if counted is None:  # the same every step
        per = np.asarray([opt.evals_per_step.get(k, 0) for k in EVAL_KINDS])
        counts = np.arange(steps + 1)[:, None] * per[None, :]
    else:  # a running count kept by the method itself
        counts = np.asarray(counted, dtype=np.int64)
    if diverged_at is not None:
        counts[diverged_at + 1 :] = counts[diverged_at]
    return counts.astype(np.int64)
