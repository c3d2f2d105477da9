"""One optimizer step inside a scan: the part a run and a sweep share.

The step applies what comes before the optimizer (a mini-batch's gradient,
noise, clipping, the learning-rate schedule), the optimizer's own update,
and the divergence rule: a non-finite point, value or gradient, or a point
absurdly far out, freezes the run where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import Optimizer, transformation
from optimizers.gradients import gradient_seen
from optimizers.schedules import learning_rate
from optimizers.status import FAR, NON_FINITE
from surfaces import Surface
from surfaces.data_surface import DataSurface

FAR_OUT = 1e3  # "diverged" once this many view-box widths from the centre


class Carry(NamedTuple):
    x: jax.Array  # (dim,) the point
    value: jax.Array  # () f there (times the sign)
    grad: jax.Array  # (dim,) its gradient
    state: Any  # the optimizer's state
    diverged: jax.Array  # () bool: frozen
    t: jax.Array  # () int32: updates made


class Moved(NamedTuple):
    """What one step did, beside the new carry."""

    newly: jax.Array  # () 0, or why the run froze at this step (NON_FINITE, FAR)
    update: jax.Array  # (dim,) the step taken (0 once frozen)
    state: Any  # the optimizer's state after the update (never frozen)


class Proposal(NamedTuple):
    """A step computed but not yet checked (``Stepper.settle`` checks it)."""

    x: jax.Array  # (dim,) the new point
    value: jax.Array  # () f there (times the sign)
    grad: jax.Array  # (dim,) its gradient
    update: jax.Array  # (dim,) the step taken
    state: Any  # the optimizer's state after the update
    reason: jax.Array  # () 0, or why this step would freeze the run (NON_FINITE, FAR)


class Stepper(NamedTuple):
    """``step = settle ∘ propose``. Many runs at once (optimizers/many.py)
    read the proposed point between the two, and settle steps past the count
    asked for with ``hold``."""

    init: Callable[[jax.Array], Carry]
    step: Callable[[Carry, tuple], tuple[Carry, Moved]]
    propose: Callable[[Carry, tuple], Proposal]
    settle: Callable[..., tuple[Carry, Moved]]  # (carry, proposal, hold=False)


def make(
    surface: Surface,
    optimizer: Optimizer,
    choices: tuple,
    hyper: Mapping,
    sparams: Mapping,
    sign,
    batched: bool,
    quiet: bool | jax.Array = False,
) -> Stepper:
    """The start and the step of one run, for tracing inside a scan.

    ``sign`` is 1.0, or -1.0 to maximise (every method runs on -f).
    ``step(carry, (normal, batch))``: ``normal`` is the update's noise draw
    (first-order methods), ``batch`` its mini-batch ``(indices, size)`` on a
    data surface when ``batched``, else None. ``quiet`` (a traced flag, or
    False): there is no noise and no clipping, and the step leaves them out.
    """

    def f(x):
        return sign * surface.fn(x, sparams)

    value_and_grad = jax.value_and_grad(f)
    batch_grad = _batch_gradient(surface, sparams, sign) if batched else None
    opt = transformation(optimizer, hyper, dict(choices), surface.domain)
    schedule = dict(choices).get("schedule", "constant")
    # Methods that apply lr(t) themselves read it from ``lr_t``; the others'
    # updates are linear in lr, so scaling them applies lr(t).
    rescale = schedule != "constant" and not optimizer.applies_own_schedule(
        dict(choices)
    )
    centre = jnp.asarray(surface.center)
    limit = FAR_OUT * surface.width

    def init(start) -> Carry:
        value, grad = value_and_grad(start)
        return Carry(
            start, value, grad, opt.init(start), jnp.asarray(False), jnp.int32(0)
        )

    def propose(carry: Carry, drawn) -> Proposal:
        x, value, grad, state, _, t = carry
        normal, batch = drawn
        extra = {"value_fn": f, "value": value}
        if optimizer.first_order:
            if batch is not None:  # a mini-batch's gradient; size 0: the full one
                grad = jnp.where(batch[1] > 0, batch_grad(x, *batch), grad)
            seen = _seen(grad, normal, hyper, quiet)
            extra["lr_t"] = learning_rate(schedule, t, hyper)
        else:
            seen = grad
        update, new_state = opt.update(seen, state, x, **extra)
        if rescale:
            update = update * (extra["lr_t"] / hyper["lr"])
        x_new = x + update
        v_new, g_new = value_and_grad(x_new)
        non_finite = ~(_all(jnp.isfinite(x_new)) & jnp.isfinite(v_new))
        non_finite = non_finite | ~_all(jnp.isfinite(g_new))
        far = ~_all(jnp.abs(x_new - centre) <= limit)
        # Decided here, with the step: a settled value that depends on it then
        # reads one number instead of repeating these checks (many.py).
        reason = jnp.where(non_finite, NON_FINITE, jnp.where(far, FAR, 0.0))
        return Proposal(x_new, v_new, g_new, update, new_state, reason)

    def settle(carry: Carry, p: Proposal, hold=False) -> tuple[Carry, Moved]:
        x, value, grad, _, diverged, t = carry
        # ``hold``: a step past the count asked for (many.py) leaves the point
        # as it is, in the same selects that freeze a diverged run.
        newly = jnp.where(diverged | hold, 0.0, p.reason)
        diverged = diverged | (newly > 0)
        keep = partial(jnp.where, diverged | hold)
        x, value, grad = keep(x, p.x), keep(value, p.value), keep(grad, p.grad)
        # The state is not frozen: once x is, the state no longer matters (the
        # host freezes the displayed internals), and selecting it is slow in XLA.
        moved = Moved(newly, keep(0.0, p.update), p.state)
        return Carry(x, value, grad, p.state, diverged, t + 1), moved

    def step(carry: Carry, drawn) -> tuple[Carry, Moved]:
        return settle(carry, propose(carry, drawn))

    return Stepper(init, step, propose, settle)


def _seen(grad, normal, hyper, quiet) -> jax.Array:
    """The gradient after noise and clipping; skipped when ``quiet``.

    Clipping by norm alone (a square root and a division a step) was a fifth
    of a hyperparameter map's time though it was off (bench/sweep.py). Under
    vmap, ``lax.cond`` stays a branch while the flag is the same for every
    cell, and for a flag that is not (never in a sweep) computes both.
    """
    if quiet is False:
        return gradient_seen(grad, normal, hyper)
    return jax.lax.cond(quiet, lambda: grad, lambda: gradient_seen(grad, normal, hyper))


def _all(flags: jax.Array) -> jax.Array:
    """``jnp.all`` of a vector, written out for a few coordinates: a tiny
    reduction is slow under vmap on the CPU (optimizers.gradients.small_norm)."""
    if flags.shape[0] > 4:
        return jnp.all(flags)
    every = flags[0]
    for i in range(1, flags.shape[0]):
        every = every & flags[i]
    return every


def _batch_gradient(surface: DataSurface, sparams, sign):
    """``(x, indices, size) -> ∇`` of the batch's mean loss (times ``sign``)."""

    def loss(x, indices, size):
        weights = (
            jnp.zeros(surface_size(sparams)).at[indices].add(1.0 / size, mode="drop")
        )
        return sign * surface.batch_loss(x, sparams, weights)

    grad = jax.grad(loss)
    # A size of 0 (the full batch) is never used: guard its 1/0 all the same.
    return lambda x, indices, size: grad(x, indices, jnp.maximum(size, 1.0))


def surface_size(sparams) -> int:
    """The padded number of points of a data surface's traced arrays."""
    return sparams["_mask"].shape[0]
