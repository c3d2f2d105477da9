"""Backprop by hand on the course's graphs: every graph against jax.grad and
central differences, the course's numbers, fan-in sums, the max gate's
routing, and the step sequence (forward, then backward, ending complete)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from surfaces.graphs import (
    GRAPHS,
    INPUT_HIGH,
    INPUT_LOW,
    Graph,
    GraphError,
    Node,
    backprop,
    backward_lines,
    central_difference,
    check,
    forward,
    forward_line,
    jax_value_and_grad,
    shown,
    steps,
    sum_line,
)
from surfaces.graphs.check import _jitted


def points(graph: Graph, n: int = 6) -> list[dict[str, float]]:
    """The defaults and seeded random points in range, away from the max
    gate's tie and from 2x + 3y = 0."""
    rng = np.random.default_rng(len(graph.key))
    out = [graph.default_inputs()]
    while len(out) < n:
        values = rng.uniform(INPUT_LOW / 2, INPUT_HIGH / 2, len(graph.inputs))
        candidate = dict(zip(graph.inputs, map(float, values), strict=True))
        if graph.key == "max_gate" and abs(values[0] - values[1]) < 0.1:
            continue
        if graph.key == "fan_in" and abs(2 * values[0] + 3 * values[1]) < 0.5:
            continue
        out.append(candidate)
    return out


CASES = [(key, p) for key, graph in GRAPHS.items() for p in points(graph)]


@pytest.mark.parametrize(("key", "inputs"), CASES)
def test_backprop_equals_jax_grad(key: str, inputs: dict[str, float]) -> None:
    graph = GRAPHS[key]
    result = backprop(graph, inputs)
    value, expected = jax_value_and_grad(graph, inputs)
    assert result.values[graph.output] == pytest.approx(value, rel=1e-12, abs=1e-15)
    for name in graph.inputs:
        assert result.grads[name] == pytest.approx(
            expected[name], rel=1e-12, abs=1e-15
        ), name


@pytest.mark.parametrize(("key", "inputs"), CASES)
def test_central_differences_agree(key: str, inputs: dict[str, float]) -> None:
    for row in check(GRAPHS[key], inputs):
        scale = max(1.0, abs(row.jax_grad))
        assert row.central_error < 1e-6 * scale, row
        assert row.backprop_error <= 1e-12 * scale, row


def grads(key: str, *values: float) -> tuple[list[float], list[float]]:
    """∂f/∂inputs by hand and by jax.grad, in input order."""
    graph = GRAPHS[key]
    inputs = dict(zip(graph.inputs, values, strict=True))
    mine = backprop(graph, inputs).grads
    _, theirs = jax_value_and_grad(graph, inputs)
    return [mine[k] for k in graph.inputs], [theirs[k] for k in graph.inputs]


def test_the_course_numbers() -> None:
    # 001: σ(wx + b) at x = 1, w = b = 0 (inputs x, w, b).
    mine, theirs = grads("sigmoid", 1.0, 0.0, 0.0)
    assert mine[1] == theirs[1] == 0.25
    # 004: (x + y) z at (−2, 5, −4).
    mine, theirs = grads("add_mul", -2.0, 5.0, -4.0)
    assert mine == theirs == [-4.0, -4.0, 3.0]
    # 004: (x + y) / (2x + 3y) at (1, 1): ∂f/∂x = y / (2x + 3y)² = 0.04.
    mine, theirs = grads("fan_in", 1.0, 1.0)
    assert mine[0] == pytest.approx(0.04, abs=1e-15)
    assert theirs[0] == pytest.approx(0.04, abs=1e-15)


@pytest.mark.parametrize(("x", "y"), [(1.0, 1.0), (2.0, -0.5), (-3.0, 4.0)])
def test_fan_in_matches_the_closed_form(x: float, y: float) -> None:
    mine, theirs = grads("fan_in", x, y)
    d = 2 * x + 3 * y
    assert mine[0] == pytest.approx(y / d**2, rel=1e-12)
    assert mine[1] == pytest.approx(-x / d**2, rel=1e-12)
    assert mine == pytest.approx(theirs, rel=1e-12)


def test_cs231n_neuron_numbers() -> None:
    graph = GRAPHS["neuron"]
    result = backprop(graph, graph.default_inputs())  # w = (2, −3, −3), x = (−1, −2)
    assert result.values["f"] == pytest.approx(0.7310585786, rel=1e-9)
    expected = {"w0": -0.19661, "x0": 0.39322, "w1": -0.39322, "x1": -0.58984}
    expected |= {"w2": 0.19661}
    for name, value in expected.items():
        assert result.grads[name] == pytest.approx(value, abs=1e-5), name


@pytest.mark.parametrize(("x", "y", "z"), [(3.0, 1.0, 2.0), (-1.0, 4.0, -5.0)])
def test_a_max_gate_routes_the_gradient_to_its_larger_input(
    x: float, y: float, z: float
) -> None:
    mine, theirs = grads("max_gate", x, y, z)
    upstream = z  # ∂f/∂m for f = m·z
    larger, smaller = (0, 1) if x > y else (1, 0)
    assert mine[larger] == upstream and mine[smaller] == 0.0
    assert mine == theirs


def test_a_tie_at_the_max_gate_splits_like_jax_and_central_differences() -> None:
    graph = GRAPHS["max_gate"]
    inputs = {"x": 2.0, "y": 2.0, "z": 3.0}
    mine, theirs = grads("max_gate", 2.0, 2.0, 3.0)
    assert mine[:2] == theirs[:2] == [1.5, 1.5]
    numeric = central_difference(graph, inputs)
    assert [numeric["x"], numeric["y"]] == pytest.approx([1.5, 1.5])


@pytest.mark.parametrize("key", GRAPHS)
def test_every_node_gradient_is_the_sum_over_its_edges(key: str) -> None:
    graph = GRAPHS[key]
    result = backprop(graph, graph.default_inputs())
    for node in graph.nodes:
        if node.key == graph.output:
            assert result.grads[node.key] == 1.0
            continue
        leaving = [
            g
            for e, g in zip(graph.edges, result.edge_grads, strict=True)
            if e.src == node.key
        ]
        assert leaving, node.key
        assert result.grads[node.key] == pytest.approx(math.fsum(leaving), abs=1e-15)


def test_fan_in_shows_two_edges_adding_up() -> None:
    graph = GRAPHS["fan_in"]
    assert set(graph.fan_out()) == {"x", "y"}
    result = backprop(graph, graph.default_inputs())
    into_x = [
        g for e, g in zip(graph.edges, result.edge_grads, strict=True) if e.src == "x"
    ]
    assert sorted(into_x) == pytest.approx([-0.16, 0.2])
    last = shown(graph, result, len(steps(graph)) - 1)
    assert last.parts["x"] == pytest.approx((0.2, -0.16))  # in arrival order
    assert sum_line(graph, result, "x") == "∂f/∂x = 0.2 + (-0.16) = 0.04"
    lines = [
        line
        for s in steps(graph)
        if s.phase == "backward"
        for line in backward_lines(graph, result, s.node)
    ]
    assert sum(line.startswith("∂f/∂x +=") for line in lines) == 2
    for key in ("sigmoid", "add_mul", "max_gate", "neuron"):
        assert not GRAPHS[key].fan_out()


@pytest.mark.parametrize("key", GRAPHS)
def test_the_steps_go_forward_then_backward_and_end_complete(key: str) -> None:
    graph = GRAPHS[key]
    sequence = steps(graph)
    ops = [n.key for n in graph.ops]
    assert [s.phase for s in sequence] == (
        ["inputs"] + ["forward"] * len(ops) + ["seed"] + ["backward"] * len(ops)
    )
    assert [s.node for s in sequence if s.phase == "forward"] == ops
    assert [s.node for s in sequence if s.phase == "backward"] == ops[::-1]
    result = backprop(graph, graph.default_inputs())
    states = [shown(graph, result, i) for i in range(len(sequence))]
    assert set(states[0].values) == set(graph.inputs) and not states[0].edges
    for before, after in itertools.pairwise(states):
        assert set(before.values) <= set(after.values)
        assert set(before.edges) <= set(after.edges)
        assert before.complete <= after.complete
    seed = next(i for i, s in enumerate(sequence) if s.phase == "seed")
    assert all(not s.edges and not s.parts for s in states[:seed])
    assert set(states[seed].values) == set(result.values)  # forward is done
    last = states[-1]
    assert last.values == result.values
    assert len(last.edges) == len(graph.edges)
    assert last.complete == set(result.values)
    for name, parts in last.parts.items():
        assert math.fsum(parts) == pytest.approx(result.grads[name], abs=1e-15)
    assert shown(graph, result, 10_000).index == len(sequence) - 1  # clamped
    assert shown(graph, result, -5).index == 0


def test_explanations_show_the_arithmetic() -> None:
    graph = GRAPHS["sigmoid"]
    result = backprop(graph, graph.default_inputs())
    assert forward_line(graph, result, "h6") == "h₆ = 1 / h₅ = 1 / 2 = 0.5"
    assert forward_line(graph, result, "h3") == "h₃ = (-1) · h₂ = (-1) · 0 = 0"
    (line,) = backward_lines(graph, result, "h6")
    assert line.startswith("∂f/∂h₅ = ∂f/∂h₆ · ∂h₆/∂h₅ = 1 · (-0.25) = -0.25")
    x_line, w_line = backward_lines(graph, result, "h1")
    assert x_line.endswith("(∂h₁/∂x = w = 0)")
    assert w_line.startswith("∂f/∂w = ∂f/∂h₁ · ∂h₁/∂w = 0.25 · 1 = 0.25")
    gate = GRAPHS["max_gate"]
    result = backprop(gate, gate.default_inputs())
    assert forward_line(gate, result, "m") == "m = max(x, y) = max(3, 1) = 3"


def test_undefined_points_raise_a_graph_error() -> None:
    graph = GRAPHS["fan_in"]
    with pytest.raises(GraphError) as err:
        forward(graph, {"x": 3.0, "y": -2.0})  # 2x + 3y = 0
    assert err.value.node == "h"  # 1/d divides by zero
    with pytest.raises(GraphError):
        backprop(GRAPHS["sigmoid"], {"x": 1e300, "w": -1e300, "b": 0.0})


def test_a_graph_is_checked_when_built() -> None:
    with pytest.raises(ValueError, match="later"):
        Graph(
            key="bad",
            nodes=(Node("a", "add", ("x", "x")), Node("x", "input")),
            defaults=(0.0,),
            latex="",
            fn=lambda x: x,
        )
    with pytest.raises(ValueError, match="bad node"):
        Graph(
            key="bad",
            nodes=(Node("x", "input"), Node("a", "exp", ("x", "x"))),
            defaults=(0.0,),
            latex="",
            fn=lambda x: x,
        )


def test_jax_grad_compiles_once_per_graph() -> None:
    graph = GRAPHS["add_mul"]
    jax_value_and_grad(graph, {"x": 1.0, "y": 2.0, "z": 3.0})
    size = _jitted(graph)._cache_size()
    assert size >= 1
    jax_value_and_grad(graph, {"x": -4.0, "y": 0.5, "z": 7})
    assert _jitted(graph)._cache_size() == size
