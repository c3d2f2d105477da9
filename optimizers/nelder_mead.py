"""Nelder–Mead: a simplex of dim + 1 points that reflects, stretches and shrinks."""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import GradientTransformation, HyperParam, Optimizer
from optimizers.random_search import finite

# scipy's initial simplex moves a coordinate by 5%, or to 0.00025 when it is 0.
SIMPLEX_SCALE = HyperParam("simplex_scale", r"\delta", 0.05, 1e-3, 1.0, log=True)
ZERO_STEP = 0.00025 / 0.05  # the zero-coordinate step, relative to delta


class NelderMeadState(NamedTuple):
    simplex: jax.Array  # (dim + 1, dim) vertices, best first (recorded)
    values: jax.Array  # (dim + 1,) f at the vertices; +inf before step 1
    evals: jax.Array  # (3,) running f, grad, hess evaluations (recorded)


def nelder_mead(simplex_scale: jax.Array, bounds: jax.Array) -> GradientTransformation:
    r"""Nelder–Mead, as ``scipy.optimize.minimize(method="Nelder-Mead")``.

    With the vertices sorted, :math:`f(x_1) \le \dots \le f(x_{n+1})`, and
    :math:`\bar x` the centroid of the best :math:`n`, one step tries the
    reflection :math:`x_r = \bar x + (\bar x - x_{n+1})`. If it beats
    :math:`x_1`, the expansion :math:`x_e = \bar x + 2(\bar x - x_{n+1})`
    replaces :math:`x_{n+1}` if it is better still, else :math:`x_r` does;
    if it beats :math:`x_n`, :math:`x_r` replaces :math:`x_{n+1}`; otherwise
    a contraction :math:`\bar x + \tfrac12(\bar x - x_{n+1})` (outside, when
    :math:`f(x_r) < f(x_{n+1})`) or :math:`\bar x - \tfrac12(\bar x - x_{n+1})`
    (inside) replaces it if it improves, and failing that every vertex
    shrinks toward the best, :math:`x_i \leftarrow x_1 + \tfrac12(x_i - x_1)`.

    The initial simplex is scipy's: :math:`x_0` and, for each coordinate
    :math:`i`, :math:`x_0` with :math:`x_{0,i}` scaled by :math:`1 + \delta`
    (set to :math:`\delta / 200` if it is 0); :math:`\delta = 0.05` gives
    scipy's iterates exactly (stable sorting, same arithmetic, no stopping
    test: the runner runs its full step count). The path shown is the best
    vertex. ``evals`` counts f calls as scipy's ``nfev``: :math:`n + 1` for the
    initial simplex (in the first step), then 1 or 2 per step, :math:`n` more
    on a shrink. ``bounds`` is unused: the simplex may leave the view box.
    Reference: Nelder & Mead (1965), "A simplex method for function
    minimization"; Lagarias et al. (1998) for the variant scipy implements.
    """
    del bounds

    def init(params: jax.Array) -> NelderMeadState:
        dim = params.shape[0]
        moved = jnp.where(
            params != 0, (1 + simplex_scale) * params, simplex_scale * ZERO_STEP
        )
        axes = jnp.eye(dim, dtype=bool)
        others = jnp.where(axes, moved[None, :], params[None, :])
        simplex = jnp.concatenate([params[None, :], others])
        return NelderMeadState(simplex, jnp.full(dim + 1, jnp.inf), jnp.zeros(3))

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        evaluate = jax.vmap(value_fn)

        def first(state):
            values = finite(evaluate(state.simplex))
            return _sorted(state.simplex, values, state.evals.at[0].add(len(values)))

        state = jax.lax.cond(state.evals[0] == 0, first, lambda s: s, state)
        state = _iterate(state, value_fn, evaluate)
        return state.simplex[0] - params, state

    return GradientTransformation(init, update)


def _iterate(state: NelderMeadState, value_fn, evaluate) -> NelderMeadState:
    """One Nelder–Mead iteration, scipy's branches written as selections."""
    simplex, values = state.simplex, state.values
    n = simplex.shape[1]
    centroid = jnp.sum(simplex[:-1], axis=0) / n
    worst = simplex[-1]
    # scipy's points, 2c - w, 3c - 2w, 1.5c - 0.5w and 0.5c + 0.5w (reflection
    # 1, expansion 2, contraction 0.5), written with sums: XLA fuses a product
    # and a sum into one FMA, which skips the rounding scipy does in between.
    reflected = (centroid + centroid) - worst
    f_reflected = finite(value_fn(reflected))
    expand = f_reflected < values[0]
    keep_reflected = ~expand & (f_reflected < values[-2])
    outside = f_reflected < values[-1]
    # The second point is whichever branch needs one; one evaluation serves all.
    second = jnp.where(
        expand,
        (centroid + centroid + centroid) - (worst + worst),
        jnp.where(
            outside,
            (centroid + 0.5 * centroid) - 0.5 * worst,
            0.5 * centroid + 0.5 * worst,
        ),
    )
    f_second = finite(value_fn(second))
    second_wins = jnp.where(
        expand,
        f_second < f_reflected,
        jnp.where(outside, f_second <= f_reflected, f_second < values[-1]),
    )
    shrink = ~expand & ~keep_reflected & ~second_wins
    take_second = second_wins & ~keep_reflected
    new = jnp.where(take_second, second, reflected)
    f_new = jnp.where(take_second, f_second, f_reflected)
    shrunk = simplex[0][None, :] + 0.5 * (simplex - simplex[0][None, :])
    f_shrunk = values.at[1:].set(finite(evaluate(shrunk[1:])))
    simplex = jnp.where(shrink, shrunk, simplex.at[-1].set(new))
    values = jnp.where(shrink, f_shrunk, values.at[-1].set(f_new))
    used = 1 + (~keep_reflected).astype(jnp.float64) + n * shrink
    return _sorted(simplex, values, state.evals.at[0].add(used))


def _sorted(simplex, values, evals) -> NelderMeadState:
    """Best vertex first; stable, as numpy's argsort is on scipy's few vertices."""
    order = jnp.argsort(values, stable=True)
    return NelderMeadState(simplex[order], values[order], evals)


NELDER_MEAD = Optimizer(
    key="nelder_mead",
    title="Nelder–Mead",
    factory=nelder_mead,
    hyperparams=(SIMPLEX_SCALE,),
    rule=r"\begin{gathered}f(x_1) \le \dots \le f(x_{n+1}),\quad "
    r"\bar x = \tfrac1n \textstyle\sum_{i \le n} x_i,\quad "
    r"x_r = \bar x + (\bar x - x_{n+1}),\\"
    r"x_e = \bar x + 2(\bar x - x_{n+1}),\quad "
    r"x_c = \bar x \pm \tfrac12(\bar x - x_{n+1}),\quad "
    r"x_i \leftarrow x_1 + \tfrac12(x_i - x_1)\ \text{(shrink)},\\"
    r"\text{start: } x_0 \text{ and } x_0 + @simplex_scale\,x_{0,i}\,e_i"
    r"\end{gathered}",
    note="A triangle of points that flips, stretches and shrinks downhill using "
    "only function values: robust in 2-D, even on kinks and noise-free plateaus. "
    "Its simplex has n + 1 corners and its progress per evaluation falls fast "
    "as n grows, so it is hopeless for the millions of weights of a deep net.",
    evals_per_step=None,
    family="derivative_free",
)
