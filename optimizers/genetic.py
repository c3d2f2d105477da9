"""A real-coded genetic algorithm: selection, crossover, mutation, elitism."""

from __future__ import annotations

import math
from itertools import accumulate
from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import SEED, GradientTransformation, HyperParam, Optimizer
from optimizers.random_search import finite, view_widths
from optimizers.rng import normals, prng_key, uniforms

POPULATION = 20  # the swarm's size: twenty evaluations a generation
ELITES = 2  # the best, copied unchanged into the next generation
TOURNAMENT = 2  # binary tournaments
BLEND = 0.5  # BLX-0.5: children may land half a gap beyond their parents
CHILDREN = POPULATION - ELITES
INIT_COUNTER = 2**31 - 1  # the first population's draws: a counter no step reaches
CROSSOVER = HyperParam("crossover", "p_c", 0.9, 0.0, 1.0)
MUTATION = HyperParam("mutation", r"\sigma_m", 0.1, 1e-3, 1.0, log=True)
MUTATION_RATE = HyperParam("mutation_rate", "p_m", 0.2, 0.0, 1.0)


class GAState(NamedTuple):
    key: jax.Array  # (2,) uint32 Threefry key from the seed
    count: jax.Array  # () int32 generations so far: the counter of the draws
    population: jax.Array  # (20, dim) evaluated at the next step (recorded)


def _draws(key, count, dim: int) -> dict[str, jax.Array]:
    """Every random number of one generation, from one counter block."""
    shapes = {
        "picks": (2, TOURNAMENT, CHILDREN),
        "cross": (CHILDREN, 1),
        "blend": (CHILDREN, dim),
        "mutate": (CHILDREN, dim),
        "normal": (2, CHILDREN, dim),
    }
    sizes = [math.prod(s) for s in shapes.values()]
    u = uniforms(key, count, (sum(sizes),))
    parts = jnp.split(u, list(accumulate(sizes))[:-1])
    return {k: p.reshape(s) for (k, s), p in zip(shapes.items(), parts, strict=True)}


def _children(ranked, r, crossover, mutation, mutation_rate, bounds) -> jax.Array:
    """Tournament-selected parents, BLX-α crossover, Gaussian mutation, clamped."""
    # On a population sorted best first, a tournament's winner is its
    # smallest index: ties go to the earlier (elite) one, as the sort's.
    picks = jnp.floor(r["picks"] * POPULATION).astype(jnp.int32)
    mother, father = (ranked[i] for i in jnp.min(picks, axis=1))
    low, high = jnp.minimum(mother, father), jnp.maximum(mother, father)
    gap = high - low
    blend = low - BLEND * gap + r["blend"] * (1 + 2 * BLEND) * gap
    child = jnp.where(r["cross"] < crossover, blend, mother)
    widths = view_widths(bounds)[None, :]
    step = mutation * widths * normals(r["normal"])
    child = child + jnp.where(r["mutate"] < mutation_rate, step, 0.0)
    return jnp.clip(child, bounds[None, :, 0], bounds[None, :, 1])


def genetic(
    crossover: jax.Array,
    mutation: jax.Array,
    mutation_rate: jax.Array,
    seed: jax.Array,
    bounds: jax.Array,
) -> GradientTransformation:
    r"""A real-coded genetic algorithm, 20 individuals. One step is one
    generation: evaluate everyone, keep the 2 best unchanged (elitism), and
    breed 18 children. Each parent wins a binary tournament (the better of
    two individuals drawn uniformly with replacement); with probability
    :math:`p_c` the child is a BLX-0.5 blend of its two parents,

    .. math:: c_j \sim \mathcal U\big[\min_j - \tfrac12 d_j,\ \max_j +
              \tfrac12 d_j\big],\qquad d_j = |a_j - b_j|,

    else a copy of the first; then each coordinate mutates with probability
    :math:`p_m`, :math:`c_j \leftarrow c_j + \sigma_m w_j z_j`,
    :math:`z_j \sim \mathcal N(0, 1)`, :math:`w` the view box's side lengths,
    and children are clamped to the box. Individual 0 starts at the start
    point, the others uniformly in the box. The path shown is the best
    individual, which elitism makes the best point evaluated so far. Twenty
    evaluations per step (the elites are evaluated again). Reference: Eiben
    & Smith (2015), "Introduction to Evolutionary Computing", 2nd ed.,
    Springer: §4.6 (real-valued mutation, blend crossover), §5.2–5.3
    (tournament selection, elitism); BLX-α from Eshelman & Schaffer (1993).
    """
    low, high = bounds[None, :, 0], bounds[None, :, 1]  # (1, dim)

    def init(params: jax.Array) -> GAState:
        key = prng_key(seed)
        u = uniforms(key, INIT_COUNTER, (POPULATION, params.size))
        population = (low + (high - low) * u).at[0].set(params)
        return GAState(key, jnp.int32(0), population)

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        values = finite(jax.vmap(value_fn)(state.population))
        ranked = state.population[jnp.argsort(values, stable=True)]
        r = _draws(state.key, state.count, params.size)
        children = _children(ranked, r, crossover, mutation, mutation_rate, bounds)
        population = jnp.concatenate([ranked[:ELITES], children])
        new_state = GAState(state.key, state.count + 1, population)
        return ranked[0] - params, new_state

    return GradientTransformation(init, update)


GENETIC = Optimizer(
    key="genetic",
    title="Genetic algorithm",
    factory=genetic,
    hyperparams=(CROSSOVER, MUTATION, MUTATION_RATE, SEED),
    rule=r"\begin{gathered}a, b = \text{winners of two binary tournaments},\quad "
    r"c_j \sim \mathcal U[\min(a_j, b_j) - \tfrac12 d_j,\ \max(a_j, b_j) + "
    r"\tfrac12 d_j],\ d_j = |a_j - b_j| \text{ with probability } @crossover,"
    r"\\ c_j \leftarrow c_j + @mutation\,w_j z_j,\ z_j \sim \mathcal N(0, 1) "
    r"\text{ with probability } @mutation_rate,\quad \text{the 2 best are kept}"
    r"\end{gathered}",
    note="Twenty candidate points breed: the fitter ones are picked as "
    "parents, children mix their parents' coordinates and mutate at random, "
    "and the best two always survive. It needs no gradient and often finds "
    "the global minimum of a bumpy 2-D surface, at twenty evaluations a "
    "step; in the millions of dimensions of a deep net random mixing gets "
    "nowhere.",
    evals_per_step={"f": POPULATION, "grad": 0, "hess": 0},
    family="derivative_free",
)
