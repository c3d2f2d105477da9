"""The net's shape and its parameters: a pytree of dense layers, and its flat
vector (``jax.flatten_util.ravel_pytree``) on which the optimizers run."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from numbers import Integral
from typing import Literal, NamedTuple

import jax
import jax.numpy as jnp
from jax.flatten_util import ravel_pytree

Activation = Literal["tanh", "relu"]
ACTIVATIONS: tuple[Activation, ...] = ("tanh", "relu")
INPUTS = 2
MAX_LAYERS = 6  # hidden layers; deep enough to show vanishing gradients
MAX_WIDTH = 128


@dataclass(frozen=True)
class Architecture:
    """The net's shape; hashable, so it is a static key of compiled loops.

    Attributes:
        hidden: the hidden layers' widths, input side first.
        activation: the hidden layers' nonlinearity; the output is linear.
    """

    hidden: tuple[int, ...] = (16, 16)
    activation: Activation = "tanh"

    def __post_init__(self) -> None:
        widths = tuple(self.hidden)
        if not 1 <= len(widths) <= MAX_LAYERS or not all(
            isinstance(w, Integral) and not isinstance(w, bool) and 1 <= w <= MAX_WIDTH
            for w in widths
        ):
            raise ValueError(
                f"hidden must be 1 to {MAX_LAYERS} whole widths in "
                f"[1, {MAX_WIDTH}], got {self.hidden!r}"
            )
        if self.activation not in ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(ACTIVATIONS)}, "
                f"got {self.activation!r}"
            )
        # plain ints: numpy ones would hash apart and compile again
        object.__setattr__(self, "hidden", tuple(int(w) for w in widths))

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, input and output included: ``(2, *hidden, 1)``."""
        return (INPUTS, *self.hidden, 1)

    @property
    def shapes(self) -> tuple[tuple[int, int], ...]:
        """``(fan_in, fan_out)`` of each dense layer, input side first."""
        return tuple(itertools.pairwise(self.sizes))

    @property
    def depth(self) -> int:
        """Dense layers (hidden ones plus the output)."""
        return len(self.hidden) + 1

    @property
    def n_params(self) -> int:
        return sum((a + 1) * b for a, b in self.shapes)


class Dense(NamedTuple):
    """One layer, ``h @ w + b``; column ``w[:, j]`` feeds unit ``j`` (its filter)."""

    w: jax.Array  # (fan_in, fan_out)
    b: jax.Array  # (fan_out,)


Params = tuple[Dense, ...]


def zeros(arch: Architecture) -> Params:
    """All-zero parameters: the pytree structure of ``arch``."""
    return tuple(Dense(jnp.zeros((a, b)), jnp.zeros(b)) for a, b in arch.shapes)


def flatten(params: Params) -> jax.Array:
    """The flat vector (layer by layer: ``w`` row-major, then ``b``)."""
    return ravel_pytree(params)[0]


def unflatten(arch: Architecture, flat: jax.Array) -> Params:
    """The layers of a flat vector; works on traced values (jit, vmap)."""
    return _unravel(arch)(flat)


@lru_cache(maxsize=64)
def _unravel(arch: Architecture):
    # A closure over shapes only (no executable): caching it is cheap.
    return ravel_pytree(zeros(arch))[1]
