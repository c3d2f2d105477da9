"""Simulated annealing: local random search that sometimes goes uphill."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import SEED, GradientTransformation, HyperParam, Optimizer
from optimizers.random_search import (
    ONE_EVAL,
    RADIUS,
    current_value,
    finite,
    view_widths,
)
from optimizers.rng import normals, prng_key, uniforms

TEMPERATURE = HyperParam("temperature", "T_0", 10.0, 1e-6, 1e4, log=True)
COOLING = HyperParam("cooling", r"\gamma", 0.99, 0.8, 1.0)


class AnnealingState(NamedTuple):
    key: jax.Array  # (2,) uint32 Threefry key from the seed
    count: jax.Array  # () int32 steps so far: the counter of the draws
    value: jax.Array  # () f at the current point; unknown before step 1
    temperature: jax.Array  # () T_t, the temperature of the next step
    trial: jax.Array  # (dim,) the point tried this step (recorded)


def annealing(
    radius: jax.Array,
    temperature: jax.Array,
    cooling: jax.Array,
    seed: jax.Array,
    bounds: jax.Array,
) -> GradientTransformation:
    r"""Simulated annealing (Metropolis acceptance, geometric cooling):
    :math:`y_t = x_t + r\,w \odot z_t`, :math:`z_t \sim \mathcal{N}(0, I)`,
    :math:`w` the view box's side lengths,
    :math:`T_t = T_0 \gamma^t`, and :math:`x_{t+1} = y_t` with probability
    :math:`\min\!\big(1, e^{-(f(y_t) - f(x_t))/T_t}\big)`, else :math:`x_t`.

    Downhill moves are always taken; uphill ones often while :math:`T` is
    high (the chain wanders between basins), rarely once it has cooled
    (local search). The path shown is the chain's current point, uphill
    moves included. One evaluation per step; :math:`f(x_0)` is the runner's
    value at the start and is not counted. Non-finite values count as
    :math:`+\infty`: never accepted. Reference: Kirkpatrick, Gelatt & Vecchi
    (1983), "Optimization by simulated annealing", Science 220.
    """

    def init(params: jax.Array) -> AnnealingState:
        return AnnealingState(
            prng_key(seed),
            jnp.int32(0),
            jnp.asarray(jnp.inf),
            jnp.asarray(temperature, jnp.float64),
            params,
        )

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        u = uniforms(state.key, state.count, (2 * params.size + 1,))
        z = normals(u[:-1].reshape(2, *params.shape))
        delta = radius * view_widths(bounds) * z
        trial = params + delta  # bit-for-bit the runner's params + delta
        current = current_value(state.count, state.value, params, value_fn)
        value = finite(value_fn(trial))
        rise = value - current
        # log u < -rise / T: the Metropolis test, overflow-free. Both sides
        # are False for a NaN (inf - inf, or 0 / 0 at T = 0): rejected.
        accept = (rise <= 0) | (jnp.log(u[-1]) * state.temperature < -rise)
        step = jnp.where(accept, delta, jnp.zeros_like(delta))
        new_state = AnnealingState(
            state.key,
            state.count + 1,
            jnp.where(accept, value, current),
            state.temperature * cooling,
            trial,
        )
        return step, new_state

    return GradientTransformation(init, update)


ANNEALING = Optimizer(
    key="annealing",
    title="Simulated annealing",
    factory=annealing,
    hyperparams=(RADIUS, TEMPERATURE, COOLING, SEED),
    rule=r"\begin{gathered}y_t = x_t + @radius\,w \odot z_t,\ "
    r"z_t \sim \mathcal{N}(0, I),\quad T_t = @temperature \cdot @cooling^{\,t},\\"
    r"x_{t+1} = y_t \text{ with probability } "
    r"\min\big(1, e^{-(f(y_t) - f(x_t))/T_t}\big),\ \text{else } x_t"
    r"\end{gathered}",
    note="Local random search that accepts uphill moves with a probability "
    "that falls as it cools, so it can climb out of a local minimum: good for "
    "bumpy, multimodal 2-D surfaces. It pays for that in evaluations, and "
    "like any search on function values alone it is hopeless in the millions "
    "of dimensions of a deep net.",
    evals_per_step=ONE_EVAL,
    family="derivative_free",
)
