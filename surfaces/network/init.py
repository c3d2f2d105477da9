r"""Parameter initialisation schemes from the course, and what they do at step 0.

Weights are drawn layer by layer from numpy's seeded generator (the same seed
gives the same net on every machine); biases start at zero. For a layer with
:math:`n_\text{in}` inputs and :math:`n_\text{out}` outputs:

- ``gaussian``: :math:`\mathcal N(0, \sigma^2)`, :math:`\sigma = 0.01` by
  default (course notes 001, "参数初始化");
- ``uniform``: :math:`U[-r, r]` with :math:`r = \sqrt3\,\sigma`, the same
  variance as the Gaussian: fixed-scale schemes differ in shape, not scale;
- ``glorot_normal`` / ``glorot_uniform``: variance
  :math:`2 / (n_\text{in} + n_\text{out})` (Glorot & Bengio, 2010; the uniform
  one on :math:`\pm\sqrt{6/(n_\text{in}+n_\text{out})}`);
- ``he_normal`` / ``he_uniform``: variance :math:`2 / n_\text{in}`, for ReLU
  (He et al., 2015);
- ``orthogonal``: a Gaussian matrix's singular vectors, the factor of the
  layer's shape (:math:`W^\top W = I` when :math:`n_\text{in} \ge n_\text{out}`,
  else :math:`WW^\top = I`) (Saxe et al., 2014; course notes 001, "正交初始化").

With a fixed small :math:`\sigma` every tanh layer shrinks the signal by about
:math:`\sigma\sqrt{n_\text{in}}`, forward and backward, so the first layer's
gradient vanishes with depth; variance scaling keeps it of order one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.network.architecture import (
    Architecture,
    Dense,
    Params,
    flatten,
    unflatten,
)
from surfaces.network.compiled import cached_jit
from surfaces.network.data import pad
from surfaces.network.mlp import hidden_states, loss_flat, weight_norms

Scheme = Literal[
    "gaussian",
    "uniform",
    "glorot_normal",
    "glorot_uniform",
    "he_normal",
    "he_uniform",
    "orthogonal",
]
SIGMA = 0.01  # the course's fixed-scale Gaussian


def _normal(std: Callable[[int, int, float], float]):
    return lambda rng, a, b, s: std(a, b, s) * rng.standard_normal((a, b))


def _uniform(half: Callable[[int, int, float], float]):
    return lambda rng, a, b, s: rng.uniform(-half(a, b, s), half(a, b, s), (a, b))


def _orthogonal(rng: np.random.Generator, a: int, b: int, s: float) -> np.ndarray:
    u, _, vt = np.linalg.svd(rng.standard_normal((a, b)), full_matrices=False)
    return u if u.shape == (a, b) else vt  # orthonormal columns, or rows


DRAWS: dict[str, Callable] = {
    "gaussian": _normal(lambda a, b, s: s),
    "uniform": _uniform(lambda a, b, s: np.sqrt(3.0) * s),
    "glorot_normal": _normal(lambda a, b, s: np.sqrt(2.0 / (a + b))),
    "glorot_uniform": _uniform(lambda a, b, s: np.sqrt(6.0 / (a + b))),
    "he_normal": _normal(lambda a, b, s: np.sqrt(2.0 / a)),
    "he_uniform": _uniform(lambda a, b, s: np.sqrt(6.0 / a)),
    "orthogonal": _orthogonal,
}
SCHEMES: tuple[Scheme, ...] = tuple(DRAWS)  # type: ignore[assignment]


def init_params(
    arch: Architecture,
    scheme: Scheme = "glorot_normal",
    seed: int = 0,
    sigma: float = SIGMA,
) -> Params:
    """Initial parameters: weights by ``scheme`` (``sigma`` is the fixed-scale
    schemes' σ), biases zero. Unknown scheme: KeyError naming the valid ones."""
    if scheme not in DRAWS:
        raise KeyError(f"unknown init {scheme!r}; valid: {', '.join(SCHEMES)}")
    rng = np.random.default_rng(int(seed))
    return tuple(
        Dense(jnp.asarray(DRAWS[scheme](rng, a, b, float(sigma))), jnp.zeros(b))
        for a, b in arch.shapes
    )


class LayerReport(NamedTuple):
    """Per-layer numbers at one point, input side first."""

    grad_norms: np.ndarray  # (L,) full-batch gradient norm of each weight matrix
    activation_stds: np.ndarray  # (L - 1,) std of each hidden layer's output


def layer_report(
    arch: Architecture, params: Params, X: np.ndarray, y: np.ndarray
) -> LayerReport:
    """Gradient norms and activation spreads per layer, on the whole ``(X, y)``."""
    data = pad(np.asarray(X, np.float64), np.asarray(y, np.float64))
    report = cached_jit(("layer_report", arch), lambda: _report_fn(arch))
    grads, stds = report(flatten(params), *data)
    return LayerReport(np.asarray(grads), np.asarray(stds))


def _report_fn(arch: Architecture):
    def report(flat, X, y, w):
        grad = jax.grad(loss_flat, argnums=1)(arch, flat, X, y, w)
        states = hidden_states(arch, unflatten(arch, flat), X)
        n = jnp.sum(w)

        def std(h):  # over real rows and units
            mean = jnp.sum(w[:, None] * h) / (n * h.shape[1])
            return jnp.sqrt(jnp.sum(w[:, None] * (h - mean) ** 2) / (n * h.shape[1]))

        return weight_norms(arch, grad), jnp.stack([std(h) for h in states])

    return report


def compare_inits(
    arch: Architecture,
    X: np.ndarray,
    y: np.ndarray,
    schemes: Iterable[Scheme] = SCHEMES,
    seed: int = 0,
    sigma: float = SIGMA,
) -> dict[str, LayerReport]:
    """:func:`layer_report` at step 0 for each scheme, from the same seed."""
    return {
        s: layer_report(arch, init_params(arch, s, seed, sigma), X, y) for s in schemes
    }
