"""A computation graph as data, and backpropagation on it by hand.

Each node is one elementary operation (course part 001 splits
σ(wx + b) into h₁ = x·w, h₂ = h₁ + b, …, h₆ = 1/h₅; cs231n draws its gates
the same way). The forward pass evaluates the nodes in order; the backward
pass (reverse mode) walks them in reverse order: a node's gradient ∂f/∂node
is complete once every node that uses it has been visited, and it goes back
along each input edge multiplied by the local derivative (the chain rule).
A node used twice receives one gradient per edge and sums them.

Pure Python floats: this is the algorithm being taught; ``check.py`` holds
it against ``jax.grad`` of the same function written in jax.numpy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Op = Literal["input", "add", "mul", "scale", "shift", "exp", "recip", "max"]
ARITY = {"input": 0, "add": 2, "mul": 2, "scale": 1, "shift": 1, "exp": 1}
ARITY |= {"recip": 1, "max": 2}


class GraphError(ValueError):
    """A node cannot be computed (division by zero, overflow, not finite)."""

    def __init__(self, node: str) -> None:
        super().__init__(f"node {node} cannot be computed")
        self.node = node


def num(value: float, digits: int = 4) -> str:
    """A value as the figure and the explanations write it (no "-0")."""
    text = f"{value:.{digits}g}"
    return "0" if text in ("-0", "0") else text


@dataclass(frozen=True)
class Node:
    """One operation. ``const`` is scale's factor or shift's addend; ``pos``
    is where it is drawn (column, row); ``name`` how it is written (h₁)."""

    key: str
    op: Op
    inputs: tuple[str, ...] = ()
    const: float = 0.0
    pos: tuple[float, float] = (0.0, 0.0)
    name: str = ""

    @property
    def title(self) -> str:
        return self.name or self.key

    @property
    def symbol(self) -> str:
        """What the node's circle shows: its name (an input) or its operation."""
        c = num(self.const)
        return {
            "input": self.title,
            "add": "+",
            "mul": "×",
            "scale": f"×{c}".replace("-", "−"),
            "shift": f"+{c}" if self.const >= 0 else f"−{num(-self.const)}",
            "exp": "exp",
            "recip": "1/x",
            "max": "max",
        }[self.op]


class Edge(NamedTuple):
    """``src`` feeds input ``slot`` of ``dst``; its gradient label sits at
    ``label_at`` of the way from src to dst."""

    src: str
    dst: str
    slot: int
    label_at: float = 0.5


@dataclass(frozen=True)
class Graph:
    """Nodes in evaluation order: inputs first, the output last.

    ``fn`` is the same function written directly in jax.numpy, taking the
    inputs positionally in ``inputs`` order (what ``jax.grad`` checks).
    """

    key: str
    nodes: tuple[Node, ...]
    defaults: tuple[float, ...]  # one per input, in order
    latex: str
    fn: Callable = field(compare=False)
    label_at: tuple[tuple[str, str, float], ...] = ()  # (src, dst, fraction)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for node in self.nodes:
            if node.key in seen or len(node.inputs) != ARITY[node.op]:
                raise ValueError(f"{self.key}: bad node {node.key}")
            if not set(node.inputs) <= seen:
                raise ValueError(f"{self.key}: {node.key} uses a later node")
            seen.add(node.key)
        if len(self.defaults) != len(self.inputs):
            raise ValueError(f"{self.key}: one default per input")

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(n.key for n in self.nodes if n.op == "input")

    @property
    def ops(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.op != "input")

    @property
    def output(self) -> str:
        return self.nodes[-1].key

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)

    @property
    def edges(self) -> tuple[Edge, ...]:
        at = {(s, d): f for s, d, f in self.label_at}
        return tuple(
            Edge(src, n.key, slot, at.get((src, n.key), 0.5))
            for n in self.ops
            for slot, src in enumerate(n.inputs)
        )

    def fan_out(self) -> tuple[str, ...]:
        """Nodes used by more than one edge: their gradients add up."""
        uses = [e.src for e in self.edges]
        return tuple(n.key for n in self.nodes if uses.count(n.key) > 1)

    def default_inputs(self) -> dict[str, float]:
        return dict(zip(self.inputs, self.defaults, strict=True))


def apply(node: Node, args: list[float]) -> float:
    a = args[0] if args else 0.0
    match node.op:
        case "add":
            return a + args[1]
        case "mul":
            return a * args[1]
        case "scale":
            return node.const * a
        case "shift":
            return a + node.const
        case "exp":
            return math.exp(a)
        case "recip":
            return 1.0 / a
        case "max":
            return max(a, args[1])
    raise ValueError(f"no operation {node.op}")


def local(node: Node, args: list[float], value: float, slot: int) -> float:
    """∂node/∂(its input ``slot``) at the forward values."""
    match node.op:
        case "mul":
            return args[1 - slot]
        case "scale":
            return node.const
        case "exp":
            return value  # exp is its own derivative
        case "recip":
            return -1.0 / (args[0] * args[0])
        case "max":
            # The larger input takes it all; a tie splits it (as jax.grad does).
            mine, other = args[slot], args[1 - slot]
            return 1.0 if mine > other else 0.5 if mine == other else 0.0
    return 1.0  # add, shift


def forward(graph: Graph, inputs: Mapping[str, float]) -> dict[str, float]:
    """Every node's value, in order. Raises GraphError where f is undefined."""
    values: dict[str, float] = {}
    for node in graph.nodes:
        try:
            if node.op == "input":
                value = float(inputs[node.key])
            else:
                value = apply(node, [values[k] for k in node.inputs])
        except (ZeroDivisionError, OverflowError):
            raise GraphError(node.title) from None
        if not math.isfinite(value):
            raise GraphError(node.title)
        values[node.key] = value
    return values


class Backprop(NamedTuple):
    """Both passes: values, then per edge the local derivative and the
    gradient it carries back, and per node ∂f/∂node (the sum of its edges)."""

    values: dict[str, float]
    local: tuple[float, ...]  # per edge: ∂dst/∂src
    edge_grads: tuple[float, ...]  # per edge: ∂f/∂dst · ∂dst/∂src
    grads: dict[str, float]


def backprop(graph: Graph, inputs: Mapping[str, float]) -> Backprop:
    """The forward pass, then reverse mode node by node (the output's seed is
    ∂f/∂f = 1). Raises GraphError where a value or gradient is not finite."""
    values = forward(graph, inputs)
    edges = graph.edges
    grads = dict.fromkeys(values, 0.0)
    grads[graph.output] = 1.0
    locals_, carried = [0.0] * len(edges), [0.0] * len(edges)
    for node in reversed(graph.ops):
        args = [values[k] for k in node.inputs]
        for index, edge in enumerate(edges):
            if edge.dst != node.key:
                continue
            locals_[index] = local(node, args, values[node.key], edge.slot)
            carried[index] = grads[node.key] * locals_[index]
            grads[edge.src] += carried[index]
    for key, value in grads.items():
        if not math.isfinite(value):
            raise GraphError(graph.node(key).title)
    return Backprop(values, tuple(locals_), tuple(carried), grads)
