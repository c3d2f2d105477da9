"""Hyperparameter maps and basins of attraction: thousands of runs in one call.

``sweep`` runs a method over a grid of one or two of its hyperparameters from
one start; ``basins`` runs it from a grid of starts over the view box. Both
run blocks of cells with ``optimizers.many.cells``, one jit per (surface, method,
choices, which inputs vary), held in the runners' LRU. The axes' values, the
fixed hyperparameters, the start and the step count are traced: moving them
compiles nothing. The number of cells is padded to a bucket (64 … 65 536),
so only a new resolution bucket compiles. Cells run in blocks of ``BLOCK``,
one block after another, so that a step's arrays stay in the CPU's cache
(bench/sweep.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jax
import numpy as np
from jax.sharding import Mesh, PartitionSpec

from optimizers import many
from optimizers.batches import table
from optimizers.compiled import RUNNERS
from optimizers.gradients import untouched
from optimizers.registry import get_optimizer
from optimizers.run import STEP_BUDGET, _as_start, _as_steps, _normals, _plan, is_data
from optimizers.status import TOLERANCE
from surfaces import Minimum, Surface, get_surface

BUCKETS = (64, 256, 1024, 4096, 16384, 65536)
BLOCK = 128  # cells run together (a bucket is a whole number of blocks)
MAX_CELLS = BUCKETS[-1]  # 256 × 256
NOT_AN_AXIS = ("batch_size",)  # read on the host, one plan per call
# The CPU's widest vectors (AVX-512) where it has them (a hint, ignored where
# there are none; the arithmetic is the same, lane by lane): a 256 x 256 map
# 0.125 -> 0.105 s. Only for maps: set for the whole process, it slowed
# Nelder-Mead's and the genetic algorithm's single runs (bench/zoo.py).
MAP_OPTIONS = {"xla_cpu_prefer_vector_width": 512}


@dataclass(frozen=True)
class SweepMap:
    """A method's runs over a grid of hyperparameters, cell by cell.

    Arrays have the axes' shape, ``(len(a),)`` or ``(len(a), len(b))`` in the
    order the axes were given. ``reached_at`` and ``diverged_at`` are -1 where
    it never happened; ``rate`` is the measured ρ (nan where undefined; see
    optimizers/many.py). ``outcome``: 1 converged (ends within tolerance of a
    documented minimum), -1 diverged (frozen, or ends farther from every
    minimum than it started), 0 neither (a crawl, a cycle, a stall).
    """

    axes: dict[str, np.ndarray]
    final_values: np.ndarray
    final_points: np.ndarray
    reached_at: np.ndarray
    diverged_at: np.ndarray
    rate: np.ndarray
    steps: int
    outcome: np.ndarray


@dataclass(frozen=True)
class Basins:
    """Which minimum each start of a grid reaches.

    ``labels[i, j]`` is for the start ``(xs[j], ys[i])`` (1-D: ``labels[j]``
    for ``xs[j]``): an index into ``minima``, or -1 (none reached, or
    diverged). The other arrays are laid out alike.
    """

    xs: np.ndarray
    ys: np.ndarray | None
    labels: np.ndarray
    final_points: np.ndarray
    final_values: np.ndarray
    reached_at: np.ndarray
    diverged_at: np.ndarray
    minima: tuple[Minimum, ...]


def sweep(
    surface: str | Surface,
    optimizer: str,
    start: Sequence[float] | None = None,
    steps: int = 200,
    axes: Mapping[str, Sequence[float]] | None = None,
    surface_params: Mapping[str, float] | None = None,
    maximize: bool = False,
    **fixed: float | str,
) -> SweepMap:
    """Run ``optimizer`` once per cell of the grid of ``axes`` (one or two
    numeric hyperparameters; the others are ``fixed`` or default).

    Raises as ``run`` does for bad keys and values; ValueError for an axis
    that cannot vary in a sweep (a seed of a first-order method, the batch
    size) or a grid of more than ``MAX_CELLS`` cells.
    """
    surf, opt = get_surface(surface), get_optimizer(optimizer)
    grid = _axes(opt, axes or {}, is_data(surf))
    cells = np.meshgrid(*grid.values(), indexing="ij")
    varying = {k: c.ravel() for k, c in zip(grid, cells, strict=True)}
    point = _as_start(surf, start)
    out = _many(surf, opt, point, None, varying, steps, surface_params, maximize, fixed)
    shape = cells[0].shape
    found = _targets(surf, surface_params, maximize)
    outcome = _outcomes(out.point, out.frozen, point, found, TOLERANCE * surf.width)
    return SweepMap(
        axes=grid,
        final_values=out.value.reshape(shape),
        final_points=out.point.reshape(*shape, surf.dim),
        reached_at=out.reached.reshape(shape),
        diverged_at=out.frozen.reshape(shape),
        rate=out.rate.reshape(shape),
        steps=_as_steps(steps),
        outcome=outcome.reshape(shape),
    )


def basins(
    surface: str | Surface,
    optimizer: str,
    resolution: int = 128,
    steps: int = 500,
    surface_params: Mapping[str, float] | None = None,
    maximize: bool = False,
    **hyper: float | str,
) -> Basins:
    """Run ``optimizer`` from every start of a ``resolution``-per-side grid
    over the view box and label each start by the minimum it reaches (the
    maxima when ``maximize``)."""
    surf, opt = get_surface(surface), get_optimizer(optimizer)
    resolution = _as_resolution(resolution, surf.dim)
    axes = [np.linspace(lo, hi, resolution) for lo, hi in surf.domain]
    mesh = np.meshgrid(*axes)  # xy: rows follow y, as surface_grid's z
    starts = np.stack([m.ravel() for m in mesh], axis=1)
    out = _many(surf, opt, None, starts, {}, steps, surface_params, maximize, hyper)
    found = _targets(surf, surface_params, maximize)
    labels = _labels(out.point, out.frozen, found, TOLERANCE * surf.width)
    shape = mesh[0].shape
    return Basins(
        xs=axes[0],
        ys=axes[1] if surf.dim == 2 else None,
        labels=labels.reshape(shape),
        final_points=out.point.reshape(*shape, surf.dim),
        final_values=out.value.reshape(shape),
        reached_at=out.reached.reshape(shape),
        diverged_at=out.frozen.reshape(shape),
        minima=found,
    )


def _axes(opt, axes: Mapping[str, Sequence[float]], data: bool) -> dict:
    specs = {h.key: h for h in opt.hyperparams_on(data)}
    if not 1 <= len(axes) <= 2:
        raise ValueError(f"a sweep takes one or two axes, got {len(axes)}")
    grid = {}
    for key, values in axes.items():
        if key not in specs or key in NOT_AN_AXIS:
            drawn = ("seed",) if opt.first_order else ()
            valid = ", ".join(k for k in specs if k not in NOT_AN_AXIS + drawn)
            raise ValueError(f"{key!r} cannot be an axis of {opt.key} (valid: {valid})")
        if key == "seed" and opt.first_order:
            raise ValueError("a first-order method's seed draws on the host: fan it")
        grid[key] = np.asarray([specs[key].check(v) for v in values], np.float64)
    if int(np.prod([len(v) for v in grid.values()])) > MAX_CELLS:
        raise ValueError(f"at most {MAX_CELLS} cells in a sweep")
    return grid


def _as_resolution(resolution: int, dim: int) -> int:
    most = MAX_CELLS if dim == 1 else int(np.sqrt(MAX_CELLS))
    if isinstance(resolution, bool) or not 2 <= int(resolution) <= most:
        raise ValueError(f"resolution must be a whole number in [2, {most}]")
    return int(resolution)


def _targets(surf: Surface, params, maximize: bool) -> tuple[Minimum, ...]:
    if maximize:
        return tuple(surf.maxima)
    return tuple(surf.minima_at(params))


def _gaps(points: np.ndarray, targets) -> np.ndarray:
    """(n,) distance from each point to the nearest target (inf if none)."""
    if not targets:
        return np.full(len(points), np.inf)
    centres = np.asarray([m.point for m in targets], dtype=np.float64)
    gaps = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)
    return np.min(np.nan_to_num(gaps, nan=np.inf), axis=1)


def _outcomes(points, frozen, start, targets, tol: float) -> np.ndarray:
    end = _gaps(points, targets)
    began = _gaps(np.asarray(start)[None, :], targets)[0]
    if not targets:  # nothing to measure from: only a frozen run diverged
        return np.where(frozen >= 0, -1, 0)
    diverged = (frozen >= 0) | ~np.isfinite(end) | (end > began)
    return np.where(diverged, -1, np.where(end < tol, 1, 0))


def _labels(points, frozen, targets, tol: float) -> np.ndarray:
    """The index of the target each end point is within ``tol`` of, or -1."""
    if not targets:
        return np.full(len(points), -1)
    centres = np.asarray([m.point for m in targets], dtype=np.float64)
    gaps = np.linalg.norm(points[:, None, :] - centres[None, :, :], axis=2)
    nearest = np.argmin(np.nan_to_num(gaps, nan=np.inf), axis=1)
    close = np.take_along_axis(gaps, nearest[:, None], axis=1)[:, 0] < tol
    return np.where(close & (frozen < 0), nearest, -1)


def _many(surf, opt, start, starts, varying, steps, params, maximize, fixed):
    """Every cell's run, reduced; ``start`` (one) or ``starts`` (one per cell)."""
    data = is_data(surf)
    hyper, chosen = opt.split(fixed, data)
    batching = {}
    if opt.first_order and data:
        batching = {
            "batch_size": hyper.pop("batch_size"),
            "sampler": chosen.pop("sampler"),
        }
    count = len(starts) if starts is not None else len(next(iter(varying.values())))
    size = next(b for b in BUCKETS if b >= count)
    traced = {k: np.float64(v) for k, v in hyper.items()}
    for key, values in varying.items():
        traced[key] = _padded(values, size)
    sparams = surf.param_values(params)
    steps = _as_steps(steps)
    sign = np.float64(-1.0 if maximize else 1.0)
    batch_plan = _plan(surf, sparams, batching, hyper.get("seed", 0.0), steps)
    batches = table(batch_plan, STEP_BUDGET) if batch_plan is not None else None
    targets = _targets(surf, params, maximize)
    minima = np.asarray([m.point for m in targets], np.float64).reshape(-1, surf.dim)
    choices = tuple(sorted(chosen.items()))
    key = (
        surf,
        opt,
        choices,
        "many",
        tuple(sorted(varying)),
        starts is not None,
        batches is not None,
    )
    runner = RUNNERS.get(key, _build)
    first = _padded(starts, size) if starts is not None else start
    out = runner(
        first,
        traced,
        sparams,
        np.int32(steps),
        _draws(opt, hyper, varying, surf.dim),
        sign,
        batches,
        minima,
        np.float64(TOLERANCE * surf.width),
    )
    result = jax.tree.map(lambda a: np.asarray(a)[:count], out)
    return result._replace(value=result.value * sign)


def _draws(opt, hyper, varying, dim: int):
    """The noise draws of every cell: a noise axis needs them even where the
    fixed noise is 0 (``standard_normals`` gives zeros for no noise)."""
    if np.any(np.asarray(varying.get("noise", 0.0)) != 0):
        hyper = {**hyper, "noise": 1.0}
    return _normals(opt, hyper, dim)


def _padded(values: np.ndarray, size: int) -> np.ndarray:
    values = np.asarray(values, np.float64)
    pad = [(0, size - len(values))] + [(0, 0)] * (values.ndim - 1)
    return np.pad(values, pad, mode="edge")


def _build(key: tuple):
    surf, opt, choices, _, varying, per_start, batched = key

    def every(start, hyper, *rest):
        axes = (
            0 if per_start else None,
            {k: 0 if k in varying else None for k in hyper},
        )
        quiet = untouched(hyper)

        def block(start, hyper):
            return many.cells(
                surf, opt, choices, batched, axes, start, hyper, *rest, quiet
            )

        return _in_blocks(block, start, hyper, varying, per_start)

    return jax.jit(_spread(every, varying, per_start), compiler_options=MAP_OPTIONS)


def _in_blocks(block, start, hyper, varying, per_start: bool):
    """``block(start, hyper)`` over every cell, ``BLOCK`` cells at a time.

    Blocks run one after another: each step of a block's scan then works
    on arrays that stay in the CPU's cache, where one scan over every cell
    streams a dozen (cells, dim) arrays through memory per step (measured:
    2–3x slower), and its window stays small.
    """
    size = len(start) if per_start else len(hyper[varying[0]])
    if size <= BLOCK:
        return block(start, hyper)
    changing = {k: v for k, v in hyper.items() if k in varying}

    def cut(a):
        return a.reshape(size // BLOCK, BLOCK, *a.shape[1:])

    def run(part):
        first, varied = part
        return block(first if per_start else start, {**hyper, **varied})

    parts = (cut(start) if per_start else None, jax.tree.map(cut, changing))
    out = jax.lax.map(run, parts)
    return jax.tree.map(lambda a: a.reshape(size, *a.shape[2:]), out)


def _spread(every, varying, per_start: bool):
    """``every(start, hyper, *rest)`` with the cells split across the CPU's
    devices (surfaces/_xla.py), one core each; every bucket is a multiple of
    the device count. With one device, ``every`` itself."""
    devices = jax.local_devices()
    if len(devices) < 2:
        return every
    mesh = Mesh(np.array(devices), ("cells",))
    cells = PartitionSpec("cells")

    def spread(start, hyper, *rest):
        specs = {k: cells if k in varying else PartitionSpec() for k in hyper}
        in_specs = (cells if per_start else PartitionSpec(), specs)
        in_specs += (PartitionSpec(),) * len(rest)
        split = jax.shard_map(
            every, mesh=mesh, in_specs=in_specs, out_specs=cells, check_vma=False
        )
        return split(start, hyper, *rest)

    return spread
