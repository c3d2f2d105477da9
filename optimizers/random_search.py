"""Random search and local random search: the course's two derivative-free
algorithms, which only ever compare function values."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import SEED, GradientTransformation, HyperParam, Optimizer
from optimizers.rng import normals, prng_key, uniforms

RADIUS = HyperParam("radius", "r", 0.05, 1e-3, 1.0, log=True)
ONE_EVAL = {"f": 1, "grad": 0, "hess": 0}
SEARCH_NOTE = (
    "Needs only function values, so it works on any surface, smooth or not, "
    "and a few hundred tries cover a 2-D box. Hopeless for deep nets: the "
    "tries needed grow exponentially with the dimension (the curse of "
    "dimensionality), and a net has millions of weights."
)


class RandomSearchState(NamedTuple):
    key: jax.Array  # (2,) uint32 Threefry key from the seed
    count: jax.Array  # () int32 steps so far: the counter of the draws
    value: jax.Array  # () f at the current (= best) point; unknown before step 1
    trial: jax.Array  # (dim,) the point tried this step (recorded)


def random_search(seed: jax.Array, bounds: jax.Array) -> GradientTransformation:
    r"""Pure random search: :math:`y_t \sim \mathcal{U}(B)`, uniform in the
    view box :math:`B`, and :math:`x_{t+1} = y_t` if :math:`f(y_t) < f(x_t)`,
    else :math:`x_t`: the best point so far.

    One evaluation per step; :math:`f(x_0)` is the runner's value at the
    start and is not counted. Non-finite values count as :math:`+\infty` and
    are never accepted. Reference: Rastrigin (1963), "The convergence of the
    random search method in the extremal control of a many-parameter system";
    course notes, algorithm (1).
    """

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        low, high = bounds[:, 0], bounds[:, 1]
        trial = low + (high - low) * uniforms(state.key, state.count, params.shape)
        return _keep_if_better(state, params, trial, trial - params, value_fn)

    return GradientTransformation(_chain_init(seed), update)


def local_search(
    radius: jax.Array, seed: jax.Array, bounds: jax.Array
) -> GradientTransformation:
    r"""Local random search: :math:`y_t = x_t + r\,w \odot z_t`,
    :math:`z_t \sim \mathcal{N}(0, I)`, :math:`w` the view box's side lengths,
    and :math:`x_{t+1} = y_t` if :math:`f(y_t) < f(x_t)`, else :math:`x_t`.

    One evaluation per step, counted as in :func:`random_search`. Reference:
    Matyas (1965), "Random optimization"; course notes, algorithm (2).
    """

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        z = normals(uniforms(state.key, state.count, (2, *params.shape)))
        # The runner adds the same delta to the same point: the accepted point
        # is bit-for-bit the one evaluated.
        delta = radius * view_widths(bounds) * z
        return _keep_if_better(state, params, params + delta, delta, value_fn)

    return GradientTransformation(_chain_init(seed), update)


def _chain_init(seed: jax.Array) -> Callable[[jax.Array], RandomSearchState]:
    def init(params: jax.Array) -> RandomSearchState:
        return RandomSearchState(
            prng_key(seed), jnp.int32(0), jnp.asarray(jnp.inf), params
        )

    return init


def _keep_if_better(state, params, trial, delta, value_fn):
    """Move by ``delta`` (to ``trial``) only if it lowers f; the new state."""
    current = current_value(state.count, state.value, params, value_fn)
    value = finite(value_fn(trial))
    better = value < current
    step = jnp.where(better, delta, jnp.zeros_like(delta))
    kept = jnp.where(better, value, current)
    return step, RandomSearchState(state.key, state.count + 1, kept, trial)


def view_widths(bounds: jax.Array) -> jax.Array:
    """The view box's side lengths, (dim,)."""
    return bounds[:, 1] - bounds[:, 0]


def finite(values: jax.Array) -> jax.Array:
    """Non-finite values as +inf: never better than anything finite."""
    return jnp.where(jnp.isfinite(values), values, jnp.inf)


def current_value(count, value, params, value_fn) -> jax.Array:
    """f at the current point: evaluated on the first step, then carried.

    ``init`` has no ``value_fn``, so the start's value is looked up once here.
    """
    return jax.lax.cond(count == 0, lambda: finite(value_fn(params)), lambda: value)


RANDOM_SEARCH = Optimizer(
    key="random_search",
    title="Random search",
    factory=random_search,
    hyperparams=(SEED,),
    rule=r"y_t \sim \mathcal{U}(\text{view box}),\quad x_{t+1} = "
    r"\begin{cases} y_t & \text{if } f(y_t) < f(x_t) \\ x_t & \text{otherwise}"
    r"\end{cases}",
    note=SEARCH_NOTE,
    evals_per_step=ONE_EVAL,
    family="derivative_free",
)

LOCAL_SEARCH = Optimizer(
    key="local_search",
    title="Local random search",
    factory=local_search,
    hyperparams=(RADIUS, SEED),
    rule=r"y_t = x_t + @radius\,w \odot z_t,\ z_t \sim \mathcal{N}(0, I),\quad "
    r"x_{t+1} = \begin{cases} y_t & \text{if } f(y_t) < f(x_t) \\ x_t & "
    r"\text{otherwise}\end{cases}",
    note="Tries a small random step and keeps it only if the loss drops: "
    "downhill without a gradient, but stuck in the first local minimum. The "
    "chance that a random step goes downhill shrinks with the dimension, so "
    "it is hopeless for a net's millions of weights.",
    evals_per_step=ONE_EVAL,
    family="derivative_free",
)
