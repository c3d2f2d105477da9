"""CMA-ES: a Gaussian cloud that learns its centre, size and shape from ranks."""

from __future__ import annotations

import math
from typing import NamedTuple

import jax
import jax.numpy as jnp

from optimizers.base import SEED, GradientTransformation, HyperParam, Optimizer
from optimizers.random_search import finite, view_widths
from optimizers.rng import normals, prng_key, uniforms

POPULATION = 20  # λ: the swarm's budget, and global enough for Rastrigin
PARENTS = POPULATION // 2  # μ
SIGMA = HyperParam("sigma", r"\sigma_0", 0.3, 1e-3, 1.0, log=True)
# The distribution stops (and stays) once its widest std leaves this band,
# in view-box widths: pycma's tolx (1e-11) below, the runner's far bound above.
SPREAD = (1e-12, 1e3)
MAX_CONDITION = 1e14  # pycma's tolconditioncov


class Constants(NamedTuple):
    """Hansen (2016), Table 1, for dimension n and λ = 20 (static floats)."""

    weights: tuple[float, ...]  # (μ,) w_1 ≥ … ≥ w_μ > 0, sum 1
    mueff: float
    c_sigma: float
    d_sigma: float
    c_c: float
    c_1: float
    c_mu: float
    chi_n: float  # E‖N(0, I)‖, exact


def constants(n: int) -> Constants:
    """The default strategy parameters of Hansen's tutorial (2016), eqs. 49–58."""
    raw = [math.log((POPULATION + 1) / 2) - math.log(i) for i in range(1, PARENTS + 1)]
    weights = tuple(w / sum(raw) for w in raw)
    mueff = 1 / sum(w * w for w in weights)
    c_sigma = (mueff + 2) / (n + mueff + 5)
    c_1 = 2 / ((n + 1.3) ** 2 + mueff)
    return Constants(
        weights=weights,
        mueff=mueff,
        c_sigma=c_sigma,
        d_sigma=1 + 2 * max(0.0, math.sqrt((mueff - 1) / (n + 1)) - 1) + c_sigma,
        c_c=(4 + mueff / n) / (n + 4 + 2 * mueff / n),
        c_1=c_1,
        c_mu=min(1 - c_1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) ** 2 + mueff)),
        chi_n=math.sqrt(2) * math.exp(math.lgamma((n + 1) / 2) - math.lgamma(n / 2)),
    )


class Distribution(NamedTuple):
    mean: jax.Array  # (n,) m
    sigma: jax.Array  # () step size σ
    cov: jax.Array  # (n, n) C; the search covariance is σ²C
    p_sigma: jax.Array  # (n,) conjugate evolution path
    p_c: jax.Array  # (n,) evolution path
    basis: jax.Array  # (n, n) B, C's eigenvectors as columns
    scales: jax.Array  # (n,) D, the square roots of C's eigenvalues, ascending


def decomposed(d: Distribution) -> Distribution:
    """``d`` with B and D of its C (C = B D² Bᵀ): one eigh a generation."""
    eigenvalues, basis = jnp.linalg.eigh(d.cov)
    return d._replace(basis=basis, scales=jnp.sqrt(eigenvalues))


class CMAState(NamedTuple):
    key: jax.Array  # (2,) uint32 Threefry key from the seed
    count: jax.Array  # () int32 generations so far: the counter of the draws
    mean: jax.Array  # (n,) m (recorded: the path shown)
    covariance: jax.Array  # (n, n) σ²C (recorded in 2-D)
    ellipse: jax.Array  # (n + 1, n) m, then the one-σ ellipse's semi-axes (recorded)
    population: jax.Array  # (λ, n) samples of m, σ²C, evaluated next step (recorded)
    dist: Distribution  # nested: the runner does not record it


def tell(c: Constants, d: Distribution, x: jax.Array, values: jax.Array, g):
    """One generation's update from the samples ``x`` (λ, n) and f there.

    ``g``: generations before this one (h_σ's bias correction). Samples whose
    f is not finite get no weight; with none finite the result is not finite.
    """
    y = (x - d.mean[None, :]) / d.sigma
    best = jnp.argsort(values, stable=True)[:PARENTS]
    w = jnp.asarray(c.weights) * jnp.isfinite(values[best])
    w = w / jnp.sum(w)
    ys = y[best]
    y_w = w @ ys
    inverse_root = (d.basis / d.scales[None, :]) @ d.basis.T
    p_sigma = (1 - c.c_sigma) * d.p_sigma + math.sqrt(
        c.c_sigma * (2 - c.c_sigma) * c.mueff
    ) * (inverse_root @ y_w)
    length = jnp.linalg.norm(p_sigma)
    unbiased = length / jnp.sqrt(1 - (1 - c.c_sigma) ** (2 * (g + 1.0)))
    h = unbiased < (1.4 + 2 / (len(d.mean) + 1)) * c.chi_n
    path = math.sqrt(c.c_c * (2 - c.c_c) * c.mueff) * y_w
    p_c = (1 - c.c_c) * d.p_c + jnp.where(h, path, 0.0)
    lost = jnp.where(h, 0.0, c.c_1 * c.c_c * (2 - c.c_c))
    rank_mu = (w[:, None] * ys).T @ ys
    cov = (1 + lost - c.c_1 - c.c_mu) * d.cov + c.c_1 * jnp.outer(p_c, p_c)
    cov = cov + c.c_mu * rank_mu
    new = Distribution(
        d.mean + d.sigma * y_w,
        d.sigma * jnp.exp(c.c_sigma / c.d_sigma * (length / c.chi_n - 1)),
        (cov + cov.T) / 2,
        p_sigma,
        p_c,
        d.basis,
        d.scales,
    )
    return decomposed(new)


def _healthy(d: Distribution, width: jax.Array) -> jax.Array:
    """Finite, well conditioned and of a spread the view can show."""
    spread = d.sigma * d.scales[-1] / width
    finite_all = jnp.all(jnp.array([jnp.all(jnp.isfinite(a)) for a in d]))
    return (
        finite_all
        & (d.scales[0] ** 2 > d.scales[-1] ** 2 / MAX_CONDITION)
        & (spread > SPREAD[0])
        & (spread < SPREAD[1])
    )


def _state(key, count, d: Distribution) -> CMAState:
    """The state for ``d``: its ellipse and its next samples (draws ``count``)."""
    z = normals(uniforms(key, count, (2, POPULATION, d.mean.size)))
    transform = d.basis * d.scales[None, :]  # B D
    # y_i = B D z_i (Hansen's eq. 38), as pycma samples.
    population = d.mean[None, :] + d.sigma * (z @ transform.T)
    ellipse = jnp.concatenate([d.mean[None, :], d.sigma * transform.T])
    covariance = d.sigma**2 * d.cov
    return CMAState(key, count, d.mean, covariance, ellipse, population, d)


def cma_es(
    sigma: jax.Array, seed: jax.Array, bounds: jax.Array
) -> GradientTransformation:
    r"""CMA-ES, the (μ/μ_w, λ) evolution strategy with covariance matrix
    adaptation, exactly as Hansen's tutorial (2016) states it, with
    :math:`\lambda = 20`, :math:`\mu = 10`. One step is one generation:

    .. math:: x_i = m + \sigma y_i,\ y_i = B D z_i \sim \mathcal N(0, C),
              \qquad m \leftarrow m + \sigma y_w,\ y_w = \textstyle\sum_{i \le
              \mu} w_i y_{i:\lambda},

    then the conjugate path :math:`p_\sigma \leftarrow (1 - c_\sigma)p_\sigma +
    \sqrt{c_\sigma(2 - c_\sigma)\mu_{\rm eff}}\,C^{-1/2}y_w`, the step size
    :math:`\sigma \leftarrow \sigma\exp\big(\tfrac{c_\sigma}{d_\sigma}(\|p_\sigma\|
    / E\|\mathcal N(0, I)\| - 1)\big)`, the path :math:`p_c \leftarrow (1 -
    c_c)p_c + h_\sigma\sqrt{c_c(2 - c_c)\mu_{\rm eff}}\,y_w` and
    :math:`C \leftarrow (1 + c_1\delta(h_\sigma) - c_1 - c_\mu)C + c_1 p_c
    p_c^\top + c_\mu\sum_i w_i y_{i:\lambda}y_{i:\lambda}^\top` (rank one plus
    rank μ). Weights, :math:`c_\sigma, d_\sigma, c_c, c_1, c_\mu` and
    :math:`h_\sigma` are the tutorial's defaults (Table 1, eqs. 49–58, no
    negative weights); :math:`E\|\mathcal N(0, I)\|` is exact.

    :math:`\lambda = 20` instead of :math:`4 + \lfloor 3\ln n\rfloor = 6`:
    the swarm's twenty evaluations a step, and a large population makes the
    search global enough for Rastrigin (Hansen & Kern 2004). It starts at
    :math:`m = x_0`, :math:`\sigma = \sigma_0\bar w` (:math:`\bar w` the view
    box's mean side), :math:`C = I`. Guards beyond the tutorial: samples whose
    f is not finite get no weight, and the distribution stops (as pycma's
    tolx, tolupsigma and tolconditioncov would stop it) once it is not finite,
    its widest std leaves ``SPREAD`` box widths or C's condition passes
    1e14; it keeps sampling, so every step costs λ evaluations. The path
    shown is :math:`m`. Reference: N. Hansen (2016), "The CMA Evolution
    Strategy: A Tutorial", arXiv:1604.00772; tests/test_ga_cma.py checks each
    generation against pycma fed the same samples.
    """
    c = constants(bounds.shape[0])
    width = jnp.mean(view_widths(bounds))

    def init(params: jax.Array) -> CMAState:
        n = params.size
        zeros = jnp.zeros(n)
        eye = jnp.eye(n)
        d = Distribution(params, sigma * width, eye, zeros, zeros, eye, jnp.ones(n))
        return _state(prng_key(seed), jnp.int32(0), d)

    def update(grad, state, params, *, value_fn, **extra):
        del grad, extra
        values = finite(jax.vmap(value_fn)(state.population))
        new = tell(c, state.dist, state.population, values, state.count)
        keep = _healthy(new, width)
        d = jax.tree.map(lambda a, b: jnp.where(keep, a, b), new, state.dist)
        state = _state(state.key, state.count + 1, d)
        return d.mean - params, state

    return GradientTransformation(init, update)


CMA_ES = Optimizer(
    key="cma_es",
    title="CMA-ES",
    factory=cma_es,
    hyperparams=(SIGMA, SEED),
    rule=r"\begin{gathered}x_i = m + \sigma y_i,\ y_i \sim \mathcal N(0, C),\ "
    r"i = 1..20 \text{ best first},\quad m \leftarrow m + \sigma y_w,\ "
    r"y_w = \textstyle\sum_{i \le 10} w_i y_i,\\"
    r"p_\sigma \leftarrow (1 - c_\sigma)p_\sigma + \sqrt{c_\sigma(2 - c_\sigma)"
    r"\mu_{\rm eff}}\,C^{-1/2}y_w,\quad \sigma \leftarrow \sigma\,"
    r"e^{\frac{c_\sigma}{d_\sigma}(\|p_\sigma\|/E\|\mathcal N(0,I)\| - 1)},\\"
    r"p_c \leftarrow (1 - c_c)p_c + h_\sigma\sqrt{c_c(2 - c_c)\mu_{\rm eff}}\,"
    r"y_w,\quad C \leftarrow (1 - c_1 - c_\mu)C + c_1 p_c p_c^\top + c_\mu "
    r"\textstyle\sum_i w_i y_i y_i^\top,\\"
    r"\text{start: } m = x_0,\ \sigma = @sigma\,\bar w,\ C = I\end{gathered}",
    note="Samples twenty points from a Gaussian, moves its centre toward the "
    "best half and stretches its ellipse along the directions that paid off, "
    "so it learns a valley's shape and shrinks as it closes in; a large cloud "
    "steps over the dimples of a bumpy surface. Twenty evaluations a step, "
    "and an n × n covariance: fine up to a few hundred parameters, far too "
    "big for a deep net's millions.",
    evals_per_step={"f": POPULATION, "grad": 0, "hess": 0},
    family="derivative_free",
)
