"""Particle swarm optimisation: a flock of random searchers that share a best."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import SEED, GradientTransformation, HyperParam, Optimizer
from optimizers.random_search import finite, view_widths
from optimizers.rng import prng_key, uniforms

SWARM_SIZE = 20
INIT_COUNTER = 2**31 - 1  # the initial swarm's draws: a counter no step reaches
# Clerc & Kennedy's (2002) constriction values, the usual defaults.
INERTIA = HyperParam("inertia", "w", 0.7298, 0.0, 1.2)
COGNITIVE = HyperParam("cognitive", "c_1", 1.49618, 0.0, 4.0)
SOCIAL = HyperParam("social", "c_2", 1.49618, 0.0, 4.0)


class Memory(NamedTuple):
    """Per-particle state, nested so that the runner does not record it."""

    velocity: jax.Array  # (n, dim)
    best_points: jax.Array  # (n, dim) each particle's best position so far
    best_values: jax.Array  # (n,) f there; +inf before the first evaluation
    leader: jax.Array  # (dim,) the swarm's best point so far


class PSOState(NamedTuple):
    key: jax.Array  # (2,) uint32 Threefry key from the seed
    count: jax.Array  # () int32 steps so far: the counter of the draws
    swarm: jax.Array  # (n, dim) positions, evaluated at the next step (recorded)
    memory: Memory


def pso(
    inertia: jax.Array,
    cognitive: jax.Array,
    social: jax.Array,
    seed: jax.Array,
    bounds: jax.Array,
) -> GradientTransformation:
    r"""Particle swarm optimisation, :math:`n = 20` particles. One step
    evaluates every position :math:`x_i`, updates the personal bests
    :math:`p_i` and the swarm's best :math:`g`, then moves each particle:

    .. math:: v_i \leftarrow w\,v_i + c_1 r_1 \odot (p_i - x_i)
              + c_2 r_2 \odot (g - x_i), \qquad x_i \leftarrow x_i + v_i,

    :math:`r_1, r_2 \sim \mathcal{U}(0, 1)^d` fresh for each particle and step.
    Particle 0 starts at the start point, the others uniformly in the view
    box, all at rest. Velocities are capped at the box's width per
    coordinate (Kennedy & Eberhart's :math:`V_{\max}`) and positions clamped
    to the box, so the swarm stays on the map and finite for any setting.
    The path shown is :math:`g`. Twenty evaluations per step. Reference:
    Kennedy & Eberhart (1995), "Particle swarm optimization"; defaults from
    Clerc & Kennedy (2002).
    """
    low, high = bounds[None, :, 0], bounds[None, :, 1]  # (1, dim)

    def init(params: jax.Array) -> PSOState:
        key = prng_key(seed)
        u = uniforms(key, INIT_COUNTER, (SWARM_SIZE, params.size))
        swarm = (low + (high - low) * u).at[0].set(params)
        best_values = jnp.full(SWARM_SIZE, jnp.inf)
        memory = Memory(jnp.zeros_like(swarm), swarm, best_values, params)
        return PSOState(key, jnp.int32(0), swarm, memory)

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        x, mem = state.swarm, state.memory
        values = finite(jax.vmap(value_fn)(x))
        better = values < mem.best_values
        best_points = jnp.where(better[:, None], x, mem.best_points)
        best_values = jnp.where(better, values, mem.best_values)
        leader = best_points[jnp.argmin(best_values)]
        r = uniforms(state.key, state.count, (2, *x.shape))
        pull = cognitive * r[0] * (best_points - x)
        pull = pull + social * r[1] * (leader[None, :] - x)
        cap = view_widths(bounds)[None, :]
        velocity = jnp.clip(inertia * mem.velocity + pull, -cap, cap)
        swarm = jnp.clip(x + velocity, low, high)
        memory = Memory(velocity, best_points, best_values, leader)
        return leader - params, PSOState(state.key, state.count + 1, swarm, memory)

    return GradientTransformation(init, update)


PSO = Optimizer(
    key="pso",
    title="Particle swarm",
    factory=pso,
    hyperparams=(INERTIA, COGNITIVE, SOCIAL, SEED),
    rule=r"\begin{gathered}v_i \leftarrow @inertia\,v_i + @cognitive\,r_1 \odot "
    r"(p_i - x_i) + @social\,r_2 \odot (g - x_i),\quad x_i \leftarrow x_i + v_i,"
    r"\\ p_i = \text{best point of particle } i,\ g = \text{best point of the "
    r"swarm},\ r_1, r_2 \sim \mathcal{U}(0, 1)\end{gathered}",
    note="Twenty particles explore at once and pull each other toward the best "
    "point any of them has found, which often escapes local minima on bumpy "
    "2-D surfaces. It costs twenty evaluations a step, and covering a space "
    "of millions of weights would take astronomically many: not for deep nets.",
    evals_per_step={"f": SWARM_SIZE, "grad": 0, "hess": 0},
    family="derivative_free",
)
