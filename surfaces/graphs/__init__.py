"""Computation graphs from the course, backpropagated node by node by hand
and checked against jax.grad and central differences (the backprop page)."""

from surfaces.graphs.catalog import DEFAULT_GRAPH, GRAPHS, INPUT_HIGH, INPUT_LOW
from surfaces.graphs.check import (
    CheckRow,
    central_difference,
    check,
    jax_value_and_grad,
)
from surfaces.graphs.model import (
    Backprop,
    Edge,
    Graph,
    GraphError,
    Node,
    backprop,
    forward,
    num,
)
from surfaces.graphs.steps import (
    Shown,
    Step,
    backward_lines,
    forward_line,
    inputs_line,
    shown,
    steps,
    sum_line,
)

__all__ = [
    "DEFAULT_GRAPH",
    "GRAPHS",
    "INPUT_HIGH",
    "INPUT_LOW",
    "Backprop",
    "CheckRow",
    "Edge",
    "Graph",
    "GraphError",
    "Node",
    "Shown",
    "Step",
    "backprop",
    "backward_lines",
    "central_difference",
    "check",
    "forward",
    "forward_line",
    "inputs_line",
    "jax_value_and_grad",
    "num",
    "shown",
    "steps",
    "sum_line",
]
