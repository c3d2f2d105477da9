"""The data model of a loss surface: a pure JAX function plus what a page needs."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import jax
import jax.numpy as jnp
import numpy as np

# Optimizer math is float64 (float32 GD stalls ~1e-4 short of Rosenbrock's minimum).
jax.config.update("jax_enable_x64", True)

Params = Mapping[str, jax.Array]
SurfaceFn = Callable[[jax.Array, Params], jax.Array]


@dataclass(frozen=True)
class Minimum:
    """A documented minimum (or maximum): where, its value, whether it is global."""

    point: tuple[float, ...]
    value: float
    kind: Literal["global", "local"] = "global"


@dataclass(frozen=True)
class SurfaceParam:
    """A traced surface parameter, e.g. the valley's condition number.

    ``integer``: only whole numbers make sense (a count, a seed; a switch is
    an integer in [0, 1]); still passed as a float, so it never recompiles.
    """

    key: str
    default: float
    low: float
    high: float
    log: bool = False
    symbol: str = ""
    integer: bool = False


# eq=False: a Surface is a static jit argument, hashed by identity. Registry
# surfaces are module-level singletons, so each compiles once.
@dataclass(frozen=True, eq=False)
class Surface:
    """A loss surface.

    Attributes:
        key: registry key used in tests and shared links.
        title: display name.
        fn: pure JAX ``fn(p, params) -> scalar`` with ``p`` of shape ``(dim,)``
            and ``params`` a mapping from every ``SurfaceParam.key`` to a scalar.
        domain: default view box, ``((lo, hi),) * dim``.
        minima: documented minima (global and local) at the default parameters.
        start: default start point.
        latex: formula for ``st.latex``.
        tags: e.g. ``{"valley", "saddle", "1d", "multimodal"}``.
        params: traced surface parameters.
        maxima: documented maxima inside the view box, for gradient ascent
            (``run(..., maximize=True)``); ``kind`` says global or local.
    """

    key: str
    title: str
    fn: SurfaceFn
    domain: tuple[tuple[float, float], ...]
    minima: tuple[Minimum, ...]
    start: tuple[float, ...]
    latex: str
    tags: frozenset[str] = field(default_factory=frozenset)
    params: tuple[SurfaceParam, ...] = ()
    maxima: tuple[Minimum, ...] = ()

    @property
    def dim(self) -> int:
        return len(self.domain)

    def default_params(self) -> dict[str, float]:
        return {p.key: p.default for p in self.params}

    def param_values(self, overrides: Mapping[str, float] | None = None) -> dict:
        """Every surface parameter as a float64 array; unknown keys are refused."""
        values = self.default_params()
        for key, value in (overrides or {}).items():
            if key not in values:
                valid = ", ".join(values) or "none"
                raise TypeError(
                    f"surface {self.key!r} has no parameter {key!r} (valid: {valid})"
                )
            spec = next(p for p in self.params if p.key == key)
            if not (math.isfinite(value) and spec.low <= value <= spec.high):
                raise ValueError(
                    f"{self.key}.{key} = {value!r} is outside [{spec.low}, {spec.high}]"
                )
            values[key] = value
        # numpy, not jnp: building device scalars cost 65 µs each per run.
        return {k: np.float64(v) for k, v in values.items()}

    def minima_at(self, params: Mapping[str, float] | None = None) -> tuple:
        """The documented minima for these surface parameters: ``minima``,
        unless they move with the parameters (a data surface's optimum)."""
        return self.minima

    def f(self, p: jax.Array, params: Params | None = None) -> jax.Array:
        """Value at ``p`` (shape ``(dim,)``); default parameters unless given."""
        return self.fn(
            jnp.asarray(p), self.param_values() if params is None else params
        )

    @property
    def width(self) -> float:
        """Widest side of the view box: the unit for "absurdly far out"."""
        return max(hi - lo for lo, hi in self.domain)

    @property
    def center(self) -> tuple[float, ...]:
        return tuple((lo + hi) / 2 for lo, hi in self.domain)
