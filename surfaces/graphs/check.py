"""Backprop by hand held against ``jax.grad`` of the same function written in
jax.numpy, and against central differences (course part 004: the numeric
gradient checks the analytic one)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import NamedTuple

import jax
import jax.numpy as jnp

from surfaces.derivatives import COURSE_H
from surfaces.graphs.model import Graph, backprop, forward


@functools.lru_cache(maxsize=16)
def _jitted(graph: Graph):
    """One compile per graph: every input a float64 scalar, passed positionally."""
    argnums = tuple(range(len(graph.inputs)))
    return jax.jit(jax.value_and_grad(graph.fn, argnums=argnums))


def jax_value_and_grad(
    graph: Graph, inputs: Mapping[str, float]
) -> tuple[float, dict[str, float]]:
    """f and ∂f/∂input for every input, by ``jax.grad`` in float64."""
    args = [jnp.asarray(float(inputs[k]), jnp.float64) for k in graph.inputs]
    value, grads = _jitted(graph)(*args)
    return float(value), {k: float(g) for k, g in zip(graph.inputs, grads, strict=True)}


def central_difference(
    graph: Graph, inputs: Mapping[str, float], h: float = COURSE_H
) -> dict[str, float]:
    """(f(v + h) − f(v − h)) / 2h for every input v, on the graph's own
    forward pass."""
    out = {}
    for key in graph.inputs:
        up, down = dict(inputs), dict(inputs)
        up[key] += h
        down[key] -= h
        f_up = forward(graph, up)[graph.output]
        f_down = forward(graph, down)[graph.output]
        out[key] = (f_up - f_down) / (2 * h)
    return out


class CheckRow(NamedTuple):
    """One input's ∂f/∂input three ways."""

    key: str
    backprop: float
    jax_grad: float
    central: float

    @property
    def backprop_error(self) -> float:
        return abs(self.backprop - self.jax_grad)

    @property
    def central_error(self) -> float:
        return abs(self.central - self.jax_grad)


def check(graph: Graph, inputs: Mapping[str, float]) -> list[CheckRow]:
    """Per input: backprop by hand, jax.grad, the central difference."""
    mine = backprop(graph, inputs).grads
    _, theirs = jax_value_and_grad(graph, inputs)
    numeric = central_difference(graph, inputs)
    return [CheckRow(k, mine[k], theirs[k], numeric[k]) for k in graph.inputs]
