"""What theory says about GD, heavy-ball and Nesterov momentum on a quadratic.

On f(x) = ½ xᵀHx (any quadratic, shifted), all three act on each
eigen-direction of H separately, so their behaviour is fixed by the
eigenvalues λ of H:

- Gradient descent, x ← x − α∇f: along an eigenvalue λ the error is
  multiplied by 1 − αλ each step. It shrinks in every direction iff
  0 < α < 2/λmax, and the rate is ρ = maxᵢ |1 − αλᵢ|.
- Heavy-ball momentum in the registry's (optax's) form, v ← μv + ∇f,
  x ← x − αv: along λ the pair (x, v) is multiplied by the 2×2 matrix

      M(λ) = [[1 − αλ, −αμ],
              [λ,        μ ]],

  whose eigenvalues are the roots of z² − (1 + μ − αλ) z + μ = 0. The run
  converges iff every root lies inside the unit circle, which for
  0 ≤ μ < 1 is 0 < αλ < 2(1 + μ) for every λ; the rate is the largest root
  magnitude over all λ. When the roots are complex their magnitude is √μ.
- The best constant setting (Goh, "Why Momentum Really Works", Distill 2017,
  https://distill.pub/2017/momentum/, whose form z ← βz + ∇f, w ← w − αz is
  this one) is α* = (2 / (√λ1 + √λn))², μ* = ((√κ − 1)/(√κ + 1))² with
  κ = λn/λ1, and then ρ = (√κ − 1)/(√κ + 1), against GD's best
  (κ − 1)/(κ + 1).
- Nesterov momentum in the registry's (optax's) form, v ← μv + ∇f,
  x ← x − α(∇f + μv): along λ, with s = 1 − αλ, the pair (x, v) is
  multiplied by

      N(λ) = [[s − αλμ, −αμ²],
              [λ,          μ ]],

  whose eigenvalues are the roots of z² − (1 + μ) s z + μ s = 0 (the same
  polynomial as the look-ahead form y ← x' + μ(x' − x), Lessard, Recht &
  Packard, "Analysis and design of optimization algorithms via integral
  quadratic constraints", SIAM J. Optim. 2016). By the Jury conditions it
  converges for 0 ≤ μ < 1 iff 0 < αλ < 2(1 + μ)/(1 + 2μ) for every λ: a
  narrower edge than the heavy ball's, the price of its earlier braking.

Away from a quadratic these hold near a minimum, with H the Hessian there
(:func:`curvature`): a local approximation, exact only for a quadratic.
Functions take NumPy arrays (or floats) and broadcast over α and μ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


def _eigs(eigenvalues: ArrayLike) -> np.ndarray:
    eigs = np.asarray(eigenvalues, dtype=np.float64).ravel()
    if eigs.size == 0:
        raise ValueError("at least one eigenvalue is needed")
    return eigs


def gd_limit(lambda_max: float) -> float:
    """The largest stable GD step: α < 2/λmax."""
    if not lambda_max > 0:
        raise ValueError("GD has a stability limit only for λmax > 0")
    return 2.0 / float(lambda_max)


def gd_rate(lr: ArrayLike, eigenvalues: ArrayLike) -> np.ndarray:
    """ρ(α) = maxᵢ |1 − αλᵢ|: the factor by which GD's error shrinks per step
    (above 1: it grows). Broadcasts over ``lr``."""
    lr = np.asarray(lr, dtype=np.float64)
    eigs = _eigs(eigenvalues)
    return np.max(np.abs(1.0 - lr[..., None] * eigs), axis=-1)


def heavy_ball_matrix(lr: float, momentum: float, eigenvalue: float) -> np.ndarray:
    """M(λ): the map (x, v) ↦ (x', v') of one heavy-ball step along λ."""
    a, mu, lam = float(lr), float(momentum), float(eigenvalue)
    return np.array([[1.0 - a * lam, -a * mu], [lam, mu]])


def _root_size(b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """The larger root magnitude of z² − b z + c (closed form, vectorised):
    complex roots (then c > 0) have magnitude √c."""
    disc = b * b - 4.0 * c
    real = np.sqrt(np.maximum(disc, 0.0))
    largest = np.maximum(np.abs(b + real), np.abs(b - real)) / 2.0
    return np.where(disc < 0.0, np.sqrt(np.maximum(c, 0.0)), largest)


def _steps(
    lr: ArrayLike, momentum: ArrayLike, eigenvalues: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """(αλᵢ, μ), ``lr`` broadcast against ``momentum``, the eigenvalues on a
    last axis of their own (μ's of size 1)."""
    lr, mu = np.broadcast_arrays(
        np.asarray(lr, dtype=np.float64), np.asarray(momentum, dtype=np.float64)
    )
    return lr[..., None] * _eigs(eigenvalues), mu[..., None]


def heavy_ball_rate(
    lr: ArrayLike, momentum: ArrayLike, eigenvalues: ArrayLike
) -> np.ndarray:
    """ρ(α, μ) = maxᵢ max |eig M(λᵢ)|: heavy-ball's rate (≥ 1: no convergence).
    Broadcasts ``lr`` against ``momentum``."""
    step, mu = _steps(lr, momentum, eigenvalues)
    return np.max(_root_size(1.0 + mu - step, mu), axis=-1)


def heavy_ball_stable(
    lr: ArrayLike, momentum: ArrayLike, eigenvalues: ArrayLike
) -> np.ndarray:
    """Whether heavy-ball converges: 0 ≤ μ < 1 and 0 < αλ < 2(1 + μ) for
    every eigenvalue λ (the Jury conditions of z² − (1 + μ − αλ)z + μ)."""
    step, mu = _steps(lr, momentum, eigenvalues)
    inside = (step > 0.0) & (step < 2.0 * (1.0 + mu))
    mu = mu[..., 0]
    return (mu >= 0.0) & (mu < 1.0) & np.all(inside, axis=-1)


def heavy_ball_limit(momentum: ArrayLike, lambda_max: float) -> np.ndarray:
    """The stability edge in α for a given μ: α = 2(1 + μ)/λmax."""
    if not lambda_max > 0:
        raise ValueError("momentum has a stability limit only for λmax > 0")
    return 2.0 * (1.0 + np.asarray(momentum, dtype=np.float64)) / float(lambda_max)


def nesterov_matrix(lr: float, momentum: float, eigenvalue: float) -> np.ndarray:
    """N(λ): the map (x, v) ↦ (x', v') of one Nesterov step along λ."""
    a, mu, lam = float(lr), float(momentum), float(eigenvalue)
    return np.array([[1.0 - a * lam - a * lam * mu, -a * mu * mu], [lam, mu]])


def nesterov_rate(
    lr: ArrayLike, momentum: ArrayLike, eigenvalues: ArrayLike
) -> np.ndarray:
    """ρ(α, μ) = maxᵢ max |eig N(λᵢ)|: Nesterov's rate (≥ 1: no convergence).
    Broadcasts ``lr`` against ``momentum``."""
    step, mu = _steps(lr, momentum, eigenvalues)
    s = 1.0 - step
    return np.max(_root_size((1.0 + mu) * s, mu * s), axis=-1)


def nesterov_limit(momentum: ArrayLike, lambda_max: float) -> np.ndarray:
    """The stability edge in α for a given μ: α = 2(1 + μ)/((1 + 2μ)λmax)."""
    if not lambda_max > 0:
        raise ValueError("momentum has a stability limit only for λmax > 0")
    mu = np.asarray(momentum, dtype=np.float64)
    return 2.0 * (1.0 + mu) / ((1.0 + 2.0 * mu) * float(lambda_max))


def nesterov_momentum_limit(lr: float, lambda_max: float) -> float | None:
    """The stability edge in μ ∈ [0, 1) for a given α: unstable above
    μ = (2 − αλmax)/(2(αλmax − 1)), which lies in (0, 1) when
    4/3 < αλmax < 2. None otherwise: every μ in [0, 1) is stable for
    αλmax ≤ 4/3, none for αλmax ≥ 2."""
    step = float(lr) * float(lambda_max)
    if not 4.0 / 3.0 < step < 2.0:
        return None
    return (2.0 - step) / (2.0 * (step - 1.0))


def heavy_ball_momentum_limit(lr: float, lambda_max: float) -> float | None:
    """The stability edge in μ ∈ [0, 1) for a given α: unstable below
    μ = αλmax/2 − 1, which lies in (0, 1) when 2 < αλmax < 4. None
    otherwise: every μ in [0, 1) is stable for αλmax ≤ 2, none for
    αλmax ≥ 4."""
    step = float(lr) * float(lambda_max)
    if not 2.0 < step < 4.0:
        return None
    return step / 2.0 - 1.0


@dataclass(frozen=True)
class Optimum:
    """Distill's best constant heavy-ball setting and the rate it gives."""

    lr: float
    momentum: float
    rate: float


def optimal_momentum(lambda_min: float, lambda_max: float) -> Optimum:
    """α* = (2/(√λ1 + √λn))², μ* = ((√κ − 1)/(√κ + 1))², ρ* = √μ*
    (Goh 2017, section "The Critical Damping Coefficient")."""
    if not 0 < lambda_min <= lambda_max:
        raise ValueError("the optimum needs 0 < λmin ≤ λmax")
    root_kappa = np.sqrt(lambda_max / lambda_min)
    lr = (2.0 / (np.sqrt(lambda_min) + np.sqrt(lambda_max))) ** 2
    rate = (root_kappa - 1.0) / (root_kappa + 1.0)
    return Optimum(float(lr), float(rate**2), float(rate))


@dataclass(frozen=True)
class Curvature:
    """The Hessian's eigenvalues at a minimum (ascending), where, and whether
    the theory is exact there (a quadratic) or a local approximation."""

    eigenvalues: np.ndarray
    point: tuple[float, ...]
    exact: bool

    @property
    def lambda_min(self) -> float:
        return float(self.eigenvalues[0])

    @property
    def lambda_max(self) -> float:
        return float(self.eigenvalues[-1])

    @property
    def positive(self) -> bool:
        """A true minimum (every eigenvalue > 0): a condition number exists."""
        return self.lambda_min > 0


def curvature(surface, params: Mapping[str, float] | None = None) -> Curvature | None:
    """The Hessian's eigenvalues at the surface's first documented minimum
    (for these surface parameters), by ``jax.hessian``; None without minima.

    Exact for a surface tagged "quadratic" (its Hessian is the same
    everywhere); elsewhere it describes the runs once they are near that
    minimum."""
    import jax
    import jax.numpy as jnp

    minima = surface.minima_at(params)
    if not minima:
        return None
    point = tuple(float(v) for v in minima[0].point)
    values = surface.param_values(params)
    at = jnp.asarray(point, dtype=jnp.float64)
    hessian = np.asarray(jax.hessian(lambda p: surface.fn(p, values))(at))
    hessian = (hessian + hessian.T) / 2.0  # round-off asymmetry
    eigs = np.linalg.eigvalsh(np.atleast_2d(hessian))
    return Curvature(eigs, point, "quadratic" in surface.tags)
