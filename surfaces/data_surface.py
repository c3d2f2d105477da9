"""A model's loss over its two parameters, on data made in code.

The data are made on the host (numpy, seeded) from the surface parameters
and handed to the jitted function as traced arrays padded to
``datasets.N_MAX`` points with a mask: moving N, the noise or the data's seed
changes array contents, never shapes, so nothing recompiles.

Both models are linear in their parameters over two features per point,
``z_i = p · F_i``: (x, 1) for a line or a one-feature logistic regression
(w, b), (x₁, x₂) for a logistic regression without bias (w₁, w₂).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import jax
import jax.numpy as jnp
import numpy as np

from surfaces.base import Minimum, Surface, SurfaceParam
from surfaces.datasets import N_MAX

# Host data: (features (n, 2), targets (n,), groups (n,) 0/1 for the
# one-class sampler); built from the surface parameters' values.
Maker = Callable[[Mapping[str, float]], tuple[np.ndarray, np.ndarray, np.ndarray]]
# Loss of one example: (z = p · F_i, target) -> scalar, pure JAX.
ExampleLoss = Callable[[jax.Array, jax.Array], jax.Array]
# The exact optimum on the host: (features, targets, ridge) -> point.
Solver = Callable[[np.ndarray, np.ndarray, float], np.ndarray]

FEATURES, TARGETS, MASK = "_features", "_targets", "_mask"
DATA_KEYS = (FEATURES, TARGETS, MASK)


# eq=False: hashed by identity, as the cache below hands out one object per key.
@dataclass(frozen=True, eq=False)
class Data:
    """A data set as a model sees it (after any standardisation)."""

    features: np.ndarray  # (n, 2): the two numbers each parameter multiplies
    targets: np.ndarray  # (n,)
    groups: np.ndarray  # (n,) 0/1: the class (or side) the one-class sampler keeps
    inputs: np.ndarray  # (n, k): the raw inputs, for drawing the data


@dataclass(frozen=True, eq=False)
class DataSurface(Surface):
    """A loss surface made of data: ``f(p) = mean_i ℓ(p · F_i, t_i) + ridge/2 ‖p‖²``.

    Attributes (besides ``Surface``'s):
        make: builds the data from the parameters' values (host, numpy).
        example_loss: ℓ(z, t) of one example (JAX).
        solve: the exact optimum for given data (host).
        ridge: the ℓ2 term that keeps the optimum finite (0 for least squares).
        loss_name: "squared" or "cross_entropy": which ℓ, for code that draws
            a batch's loss outside JAX (the browser; viz/minibatch.py).
    """

    make: Maker | None = None
    example_loss: ExampleLoss | None = None
    solve: Solver | None = None
    ridge: float = 0.0
    loss_name: str = "squared"

    def data_at(self, params: Mapping[str, float] | None = None) -> Data:
        """The data set for these surface parameters (defaults where missing)."""
        values = self.default_params() | dict(params or {})
        key = tuple(float(values[p.key]) for p in self.params)
        return _data(self, key)

    @property
    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, y)`` at the default parameters: the model's inputs and targets."""
        data = self.data_at()
        return data.inputs, data.targets

    def param_values(self, overrides: Mapping[str, float] | None = None) -> dict:
        """The checked scalars, plus the data as padded arrays (see module doc)."""
        values = super().param_values(overrides)
        data = self.data_at({k: float(v) for k, v in values.items()})
        return values | dict(zip(DATA_KEYS, _padded(data), strict=True))

    def minima_at(self, params: Mapping[str, float] | None = None) -> tuple:
        """The exact optimum of the data these parameters make."""
        scalars = {k: v for k, v in (params or {}).items() if k not in DATA_KEYS}
        data = self.data_at({k: float(v) for k, v in scalars.items()})
        return (_optimum(self, data),)

    def parameter_names(self, params: Mapping[str, float] | None = None) -> tuple:
        """The names of the map's axes: the model's two parameters."""
        values = self.default_params() | dict(params or {})
        return ("w₁", "w₂") if values.get("two_features", 0.0) >= 0.5 else ("w", "b")

    def example_losses(self, p: jax.Array, params: Mapping) -> jax.Array:
        """ℓ(p · F_i, t_i) for every padded point (padding included)."""
        z = params[FEATURES] @ p
        return jax.vmap(self.example_loss)(z, params[TARGETS])

    def batch_loss(
        self, p: jax.Array, params: Mapping, weights: jax.Array
    ) -> jax.Array:
        """Σ_i w_i ℓ_i + ridge/2 ‖p‖²: a mini-batch's loss when ``weights`` are
        1/|B| on its points (the full loss with ``mask / n``)."""
        losses = self.example_losses(p, params)
        return jnp.sum(weights * losses) + 0.5 * self.ridge * jnp.dot(p, p)


def full_loss(surface: DataSurface) -> Callable:
    """``fn(p, params)``: the mean loss over the real points (the mask)."""

    def fn(p: jax.Array, params: Mapping) -> jax.Array:
        mask = params[MASK]
        return surface.batch_loss(p, params, mask / jnp.sum(mask))

    return fn


def make_data_surface(**fields) -> DataSurface:
    """A DataSurface whose ``fn`` is its full-batch loss and whose ``minima``
    are the optimum at the default parameters."""
    surface = DataSurface(fn=_unset, minima=(), **fields)
    object.__setattr__(surface, "fn", full_loss(surface))
    object.__setattr__(surface, "minima", surface.minima_at())
    return surface


def _unset(p, params):  # replaced at once by make_data_surface
    raise NotImplementedError


@lru_cache(maxsize=64)
def _data(surface: DataSurface, key: tuple[float, ...]) -> Data:
    values = dict(zip((p.key for p in surface.params), key, strict=True))
    features, targets, groups, inputs = surface.make(values)
    for array in (features, targets, groups, inputs):
        array.setflags(write=False)  # cached and shared: nobody may edit it
    return Data(features, targets, groups, inputs)


@lru_cache(maxsize=64)
def _padded(data: Data) -> tuple[np.ndarray, ...]:
    n = len(data.targets)
    features = np.zeros((N_MAX, 2))
    features[:n] = data.features
    targets = np.zeros(N_MAX)
    targets[:n] = data.targets
    mask = np.zeros(N_MAX)
    mask[:n] = 1.0
    return features, targets, mask


@lru_cache(maxsize=64)
def _optimum(surface: DataSurface, data: Data) -> Minimum:
    point = surface.solve(data.features, data.targets, surface.ridge)
    fn = full_loss(surface)
    params = dict(zip(DATA_KEYS, _padded(data), strict=True))
    value = float(fn(jnp.asarray(point), params))
    return Minimum(tuple(float(v) for v in point), value, "global")


def data_params(n_default: int, noise: SurfaceParam) -> tuple[SurfaceParam, ...]:
    """The parameters every data surface has: N, the noise, the data's seed,
    and the switch that z-scores the inputs."""
    return (
        SurfaceParam("n_points", float(n_default), 4.0, float(N_MAX), integer=True),
        noise,
        SurfaceParam("data_seed", 0.0, 0.0, 1e6, integer=True),
        SurfaceParam("standardize", 0.0, 0.0, 1.0, integer=True),
    )
