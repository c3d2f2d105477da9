"""One jitted runner for every (surface, optimizer) pair.

Only the surface and the optimizer are static; hyperparameters, surface
parameters and the start point are traced float64 arrays, and the scan always
covers the fixed step budget (the host slices), so no slider move recompiles.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import jax
import jax.numpy as jnp
import numpy as np

from optimizers.base import Optimizer
from optimizers.registry import get_optimizer
from surfaces import Surface, get_surface

STEP_BUDGET = 5000
CHUNK = 100  # steps per inner scan; chunks past the requested count are skipped
FAR_OUT = 1e3  # "diverged" once this many view-box widths from the centre


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
        internals: optimizer state per step, e.g. ``velocity``, ``mu``, ``nu``
            (each (steps + 1, dim)), plus ``step`` (the update, (steps + 1, dim);
            row 0 is zero).
        surface: the surface key; optimizer: the optimizer key;
        hyperparams: the values used, defaults filled in.
    """

    points: np.ndarray
    values: np.ndarray
    grad_norms: np.ndarray
    diverged_at: int | None
    evals: dict[str, int]
    internals: dict[str, np.ndarray]
    surface: str
    optimizer: str
    hyperparams: dict[str, float]

    @property
    def steps(self) -> int:
        return len(self.points) - 1


def _vector_fields(state, dim: int) -> dict[str, jax.Array]:
    """The state fields shaped like the point (velocity, moments, ...)."""
    if not hasattr(state, "_asdict"):
        return {}
    return {
        k: v
        for k, v in state._asdict().items()
        if hasattr(v, "shape") and v.shape == (dim,)
    }


def _record(x, value, grad, newly, step, state, dim: int) -> jax.Array:
    """One step packed into a single float64 row (see ``_layout``).

    One output buffer instead of one per field: measured, a scan with many
    outputs ran Adam 20x slower on XLA CPU.
    """
    parts = [x, value, jnp.linalg.norm(grad), newly, step]
    parts += list(_vector_fields(state, dim).values())
    return jnp.concatenate([jnp.ravel(p).astype(jnp.float64) for p in parts])


@lru_cache(maxsize=256)
def _layout(surface: Surface, optimizer: Optimizer) -> dict[str, slice]:
    """Column slices of ``_record``'s row, by field name."""
    dim = surface.dim
    hyper = {k: jnp.float64(v) for k, v in optimizer.defaults().items()}
    state = jax.eval_shape(
        lambda: optimizer.factory(**hyper).init(jnp.zeros(dim, jnp.float64))
    )
    widths = {"point": dim, "value": 1, "grad_norm": 1, "newly": 1, "step": dim}
    widths |= {k: dim for k in _vector_fields(state, dim)}
    edges = np.cumsum([0, *widths.values()])
    return {
        k: slice(a, b) for k, a, b in zip(widths, edges[:-1], edges[1:], strict=True)
    }


@partial(jax.jit, static_argnums=(0, 1))
def _scan(surface: Surface, optimizer: Optimizer, start, hyper, sparams, steps):
    """Run the requested chunks of the budget; returns the packed first row and rows."""
    dim = surface.dim

    def f(x):
        return surface.fn(x, sparams)

    value_and_grad = jax.value_and_grad(f)
    opt = optimizer.factory(**hyper)
    centre = jnp.asarray(surface.center)
    limit = FAR_OUT * surface.width

    def step(carry, _):
        x, value, grad, state, diverged = carry
        update, new_state = opt.update(grad, state, x, value_fn=f)
        x_new = x + update
        v_new, g_new = value_and_grad(x_new)
        bad = (
            ~jnp.all(jnp.isfinite(x_new))
            | ~jnp.isfinite(v_new)
            | ~jnp.all(jnp.isfinite(g_new))
            | jnp.any(jnp.abs(x_new - centre) > limit)
        )
        newly = bad & ~diverged
        diverged = diverged | bad
        keep = partial(jnp.where, diverged)
        x, value, grad = keep(x, x_new), keep(value, v_new), keep(grad, g_new)
        # The state is not frozen: once x is, the state no longer matters (the
        # host freezes the displayed internals), and selecting it is slow in XLA.
        row = _record(x, value, grad, newly, keep(0.0, update), new_state, dim)
        return (x, value, grad, new_state, diverged), row

    def chunk(loop):
        index, carry, rows = loop
        carry, block = jax.lax.scan(step, carry, length=CHUNK)
        return (
            index + 1,
            carry,
            jax.lax.dynamic_update_index_in_dim(rows, block, index, 0),
        )

    value0, grad0 = value_and_grad(start)
    state0 = opt.init(start)
    carry0 = (start, value0, grad0, state0, jnp.asarray(False))
    first = _record(start, value0, grad0, False, jnp.zeros(dim), state0, dim)
    rows = jnp.zeros((STEP_BUDGET // CHUNK, CHUNK, first.size))
    # Only the chunks the steps slider asks for run: cost follows the slider
    # while shapes (and so the compiled program) stay fixed.
    _, _, rows = jax.lax.while_loop(
        lambda loop: loop[0] * CHUNK < steps, chunk, (0, carry0, rows)
    )
    return first, rows


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


def run(
    surface: str | Surface,
    optimizer: str | Optimizer,
    start: Sequence[float] | None = None,
    steps: int = 200,
    surface_params: Mapping[str, float] | None = None,
    **hyperparams: float,
) -> Trajectory:
    """Run ``optimizer`` on ``surface`` for ``steps`` steps.

    Raises:
        KeyError: unknown surface or optimizer key (the message names valid keys).
        TypeError: unknown hyperparameter or surface parameter.
        ValueError: a value outside its range, a non-finite start, bad steps.
    """
    surf = get_surface(surface)
    opt = get_optimizer(optimizer)
    hyper = opt.resolve(hyperparams)
    steps = _as_steps(steps)
    # One dtype for every traced value, however the caller typed it: an int
    # from a slider must not trigger a recompile.
    traced = {k: np.float64(v) for k, v in hyper.items()}
    packed = _scan(
        surf,
        opt,
        _as_start(surf, start),
        traced,
        surf.param_values(surface_params),
        np.int32(steps),
    )
    first, chunks = (np.asarray(a) for a in packed)  # zero-copy views on CPU
    # Slice on the host: a device-side slice would cost another dispatch.
    rows = np.concatenate([first[None], chunks.reshape(STEP_BUDGET, -1)[:steps]])
    columns = {k: rows[:, c] for k, c in _layout(surf, opt).items()}
    newly = np.flatnonzero(columns.pop("newly")[:, 0])
    diverged_at = int(newly[0]) if newly.size else None
    internals = {k: v for k, v in columns.items() if k not in _MAIN}
    if diverged_at is not None:
        for v in internals.values():
            v[diverged_at:] = v[diverged_at - 1]
    return Trajectory(
        points=columns["point"],
        values=columns["value"][:, 0],
        grad_norms=columns["grad_norm"][:, 0],
        diverged_at=diverged_at,
        evals=_evals(opt, steps),
        internals=internals,
        surface=surf.key,
        optimizer=opt.key,
        hyperparams=hyper,
    )


_MAIN = ("point", "value", "grad_norm")


def _evals(opt: Optimizer, steps: int) -> dict[str, int]:
    per = opt.evals_per_step
    return {k: int(per.get(k, 0)) * steps for k in ("f", "grad", "hess")}
