"""Newton's method and saddle-free Newton: steps from the exact Hessian."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import DAMPING, GradientTransformation, Optimizer, lr

SECOND_ORDER_EVALS = {"f": 0, "grad": 1, "hess": 1}
NEWTON_NOTE = (
    "Jumps to the minimum of the local quadratic model: one step on a "
    "quadratic, few near any minimum. Not for deep nets: the Hessian of n "
    "weights has n² entries and costs n³ to solve, and it is attracted to "
    "saddles, which abound there."
)


class NewtonState(NamedTuple):
    direction: jax.Array  # (dim,) the last Newton direction, before lr
    curvature: jax.Array  # (dim,) eigenvalues of the Hessian at the last point


def newton(lr: jax.Array, damping: jax.Array) -> GradientTransformation:
    r"""Damped Newton: :math:`x_{t+1} = x_t - \alpha (H + \lambda I)^{-1} g_t`,
    :math:`H = \nabla^2 f(x_t)` from ``jax.hessian``.

    With :math:`\alpha = 1, \lambda = 0` it minimises a quadratic in one step
    from anywhere, and it goes to whatever stationary point the quadratic
    model has, saddles and maxima included. A singular :math:`H` gives an
    infinite step, which the runner reports as divergence. Reference: Nocedal
    & Wright, *Numerical Optimization*, ch. 3.3; the course's second-order
    lecture.
    """
    return _hessian_method(lr, damping, lambda eig: eig)


def saddle_free_newton(lr: jax.Array, damping: jax.Array) -> GradientTransformation:
    r"""Saddle-free Newton: :math:`x_{t+1} = x_t - \alpha (|H| + \lambda I)^{-1} g_t`,
    :math:`|H| = V |\Lambda| V^\top` from the eigen-decomposition
    :math:`H = V \Lambda V^\top`.

    Flipping the negative eigenvalues turns the step away from a saddle
    along its directions of negative curvature, where Newton is drawn into
    it. Reference: Dauphin et al. (2014), "Identifying and attacking the
    saddle point problem in high-dimensional non-convex optimization".
    """
    return _hessian_method(lr, damping, jnp.abs)


def _hessian_method(lr, damping, reshape: Callable) -> GradientTransformation:
    """Newton-type step with the Hessian's eigenvalues passed through ``reshape``."""

    def init(params):
        zeros = jnp.zeros_like(params)
        return NewtonState(zeros, zeros)

    def update(grad, state, params, *, value_fn, **extra):
        del state, extra
        hessian = jax.hessian(value_fn)(params)
        # Symmetric 1x1 or 2x2: eigh is as cheap as solve and gives the
        # curvature the formula panel shows.
        eig, vectors = jnp.linalg.eigh((hessian + hessian.T) / 2)
        scaled = vectors.T @ grad / (reshape(eig) + damping)
        direction = -(vectors @ scaled)
        return lr * direction, NewtonState(direction, eig)

    return GradientTransformation(init, update)


NEWTON = Optimizer(
    key="newton",
    title="Newton",
    factory=newton,
    hyperparams=(lr(1.0), DAMPING),
    rule=r"x_{t+1} = x_t - @lr\,\big(\nabla^2 f(x_t) + @damping\,I\big)^{-1}"
    r"\nabla f(x_t)",
    note=NEWTON_NOTE,
    evals_per_step=SECOND_ORDER_EVALS,
    family="second_order",
)

SADDLE_FREE_NEWTON = Optimizer(
    key="saddle_free_newton",
    title="Saddle-free Newton",
    factory=saddle_free_newton,
    hyperparams=(lr(1.0), DAMPING),
    rule=r"x_{t+1} = x_t - @lr\,\big(|\nabla^2 f(x_t)| + @damping\,I\big)^{-1}"
    r"\nabla f(x_t),\quad |H| = V|\Lambda|V^\top",
    note="Newton with the Hessian's negative curvature flipped, so saddles "
    "repel instead of attract. Same cost as Newton: an eigen-decomposition "
    "of an n×n matrix is out of reach for a deep net.",
    evals_per_step=SECOND_ORDER_EVALS,
    family="second_order",
)
