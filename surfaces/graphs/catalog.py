"""The course's graphs (parts 001 and 004), each beside the same function in
jax.numpy. Positions are (column, row): columns run left to right with the
forward pass, rows bottom to top."""

from __future__ import annotations

import jax.numpy as jnp

from surfaces.graphs.model import Graph, Node

INPUT_LOW, INPUT_HIGH = -10.0, 10.0  # what an input may be set to


def _sigmoid(x, w, b):
    return 1.0 / (1.0 + jnp.exp(-(w * x + b)))


# Part 001's autodiff example, its six steps h₁ … h₆ as the notes number them.
SIGMOID = Graph(
    key="sigmoid",
    nodes=(
        Node("x", "input", pos=(0, 0.2)),
        Node("w", "input", pos=(0, 1.8)),
        Node("b", "input", pos=(2, -0.4)),  # under h₂: clear of h₁ → h₂'s label
        Node("h1", "mul", ("x", "w"), pos=(1, 1.2), name="h₁"),
        Node("h2", "add", ("h1", "b"), pos=(2, 1.2), name="h₂"),
        Node("h3", "scale", ("h2",), const=-1.0, pos=(3, 1.2), name="h₃"),
        Node("h4", "exp", ("h3",), pos=(4, 1.2), name="h₄"),
        Node("h5", "shift", ("h4",), const=1.0, pos=(5, 1.2), name="h₅"),
        Node("h6", "recip", ("h5",), pos=(6, 1.2), name="h₆"),
    ),
    defaults=(1.0, 0.0, 0.0),
    latex=r"f(x; w, b) = \sigma(wx + b) = \frac{1}{1 + e^{-(wx + b)}}",
    fn=_sigmoid,
)

# Part 004's first chain-rule example.
ADD_MUL = Graph(
    key="add_mul",
    nodes=(
        Node("x", "input", pos=(0, 2.0)),
        Node("y", "input", pos=(0, 1.0)),
        Node("z", "input", pos=(0, 0.0)),
        Node("q", "add", ("x", "y"), pos=(1.3, 1.5), name="q"),
        Node("f", "mul", ("q", "z"), pos=(2.6, 0.75), name="f"),
    ),
    defaults=(-2.0, 5.0, -4.0),
    latex=r"f(x, y, z) = (x + y)\,z",
    fn=lambda x, y, z: (x + y) * z,
)

# A max gate routes the gradient arriving at it to its larger input.
MAX_GATE = Graph(
    key="max_gate",
    nodes=(
        Node("x", "input", pos=(0, 2.0)),
        Node("y", "input", pos=(0, 1.0)),
        Node("z", "input", pos=(0, 0.0)),
        Node("m", "max", ("x", "y"), pos=(1.3, 1.5), name="m"),
        Node("f", "mul", ("m", "z"), pos=(2.6, 0.75), name="f"),
    ),
    defaults=(3.0, 1.0, 2.0),
    latex=r"f(x, y, z) = \max(x, y)\,z",
    fn=lambda x, y, z: jnp.maximum(x, y) * z,
)

# Part 004's fan-in example: x and y are each used twice. g comes last in
# the forward order, so the backward pass reaches it first (as the notes sum).
FAN_IN = Graph(
    key="fan_in",
    nodes=(
        Node("x", "input", pos=(0, 2.0)),
        Node("y", "input", pos=(0, 0.0)),
        Node("a", "scale", ("x",), const=2.0, pos=(1.6, 1.6), name="a"),
        Node("c", "scale", ("y",), const=3.0, pos=(1.6, 0.0), name="c"),
        Node("d", "add", ("a", "c"), pos=(3.0, 0.8), name="d"),
        Node("h", "recip", ("d",), pos=(4.2, 0.8), name="h"),
        Node("g", "add", ("x", "y"), pos=(1.6, 2.9), name="g"),
        Node("f", "mul", ("g", "h"), pos=(5.4, 1.9), name="f"),
    ),
    defaults=(1.0, 1.0),
    latex=r"f(x, y) = \frac{x + y}{2x + 3y}",
    fn=lambda x, y: (x + y) / (2 * x + 3 * y),
    # y → g crosses x → a: their labels sit away from the crossing.
    label_at=(("x", "a", 0.36), ("y", "g", 0.3)),
)


def _neuron(w0, x0, w1, x1, w2):
    return 1.0 / (1.0 + jnp.exp(-(w0 * x0 + w1 * x1 + w2)))


# cs231n's sigmoid neuron with two inputs (part 004), at cs231n's numbers.
NEURON = Graph(
    key="neuron",
    nodes=(
        Node("w0", "input", pos=(0, 4.0), name="w₀"),
        Node("x0", "input", pos=(0, 3.0), name="x₀"),
        Node("w1", "input", pos=(0, 2.0), name="w₁"),
        Node("x1", "input", pos=(0, 1.0), name="x₁"),
        Node("w2", "input", pos=(1.35, 0.0), name="w₂"),
        Node("m0", "mul", ("w0", "x0"), pos=(1.35, 3.5), name="m₀"),
        Node("m1", "mul", ("w1", "x1"), pos=(1.35, 1.5), name="m₁"),
        Node("s", "add", ("m0", "m1"), pos=(2.35, 2.6), name="s"),
        Node("t", "add", ("s", "w2"), pos=(3.25, 1.5), name="t"),
        Node("u", "scale", ("t",), const=-1.0, pos=(4.2, 1.5), name="u"),
        Node("e", "exp", ("u",), pos=(5.1, 1.5), name="e"),
        Node("v", "shift", ("e",), const=1.0, pos=(6.05, 1.5), name="v"),
        Node("f", "recip", ("v",), pos=(7.0, 1.5), name="f"),
    ),
    defaults=(2.0, -1.0, -3.0, -2.0, -3.0),
    latex=r"f(w, x) = \frac{1}{1 + e^{-(w_0 x_0 + w_1 x_1 + w_2)}}",
    fn=_neuron,
    # Short edges near value labels: their labels sit clear of them.
    label_at=(("m1", "s", 0.62), ("s", "t", 0.42)),
)

GRAPHS: dict[str, Graph] = {
    g.key: g for g in (SIGMOID, ADD_MUL, MAX_GATE, FAN_IN, NEURON)
}
DEFAULT_GRAPH = "sigmoid"
