"""The graph figure at every step: every node and edge drawn, values only once
computed, gradients on edges only once the backward pass reached them, the
step's node ringed, big type, small JSON."""

from __future__ import annotations

import pytest

from surfaces.graphs import GRAPHS, backprop, shown, steps
from viz import Look, to_json
from viz.graph import CURRENT, GRADIENT, IDLE_TEXT, VALUE, graph_spec

NAMES = {"value": "value", "gradient": "gradient", "current": "this step"}
CASES = [(key, i) for key, g in GRAPHS.items() for i in range(len(steps(g)))]


def spec_at(key: str, index: int, look: Look | None = None) -> dict:
    graph = GRAPHS[key]
    result = backprop(graph, graph.default_inputs())
    return graph_spec(graph, result, index, NAMES, look or Look())


def labels(spec: dict) -> dict[str, dict]:
    """Annotations by name ("edge a>b", "grad a>b", "value n", "grad n")."""
    return {a["name"]: a for a in spec["layout"]["annotations"]}


@pytest.mark.parametrize(("key", "index"), CASES)
def test_the_figure_at_every_step(key: str, index: int) -> None:
    graph = GRAPHS[key]
    result = backprop(graph, graph.default_inputs())
    spec = spec_at(key, index)
    state = shown(graph, result, index)
    step = steps(graph)[index]
    (nodes,) = [t for t in spec["data"] if t.get("meta") == "nodes"]
    assert nodes["text"] == [n.symbol for n in graph.nodes]
    assert len(nodes["x"]) == len(graph.nodes)
    found = labels(spec)
    sent = {s.node for s in steps(graph)[: index + 1] if s.phase == "backward"}
    for edge in graph.edges:
        arrow = found[f"edge {edge.src}>{edge.dst}"]
        assert arrow["showarrow"] and arrow["text"] == ""
        carried = found.get(f"grad {edge.src}>{edge.dst}")
        # On an edge only once the backward pass has visited the edge's head.
        assert (carried is not None) == (edge.dst in sent), edge
        if carried:
            assert carried["font"]["color"] == GRADIENT
    for node in graph.nodes:
        value = found[f"value {node.key}"]
        if node.key in state.values:
            assert value["font"]["color"] == VALUE
            assert value["text"].split(" = ")[-1] not in ("", node.title)
        else:
            assert value["text"] == node.title and value["font"]["color"] == IDLE_TEXT
    lines = nodes["marker"]["line"]
    for i, node in enumerate(graph.nodes):
        ringed = lines["color"][i] == CURRENT
        assert ringed == (node.key == step.node), node.key


def test_values_appear_with_the_forward_pass() -> None:
    first = labels(spec_at("sigmoid", 0))
    assert first["value h1"]["text"] == "h₁"
    assert first["value w"]["text"] == "0" and first["value x"]["text"] == "1"
    after = labels(spec_at("sigmoid", 1))
    assert after["value h1"]["text"] == "h₁ = 0"
    assert after["value h2"]["text"] == "h₂"
    end = labels(spec_at("sigmoid", 6))
    assert end["value h6"]["text"] == "h₆ = 0.5"
    assert not any(name.startswith("grad") for name in end)


def test_the_final_gradients_are_on_the_edges_and_inputs() -> None:
    final = labels(spec_at("sigmoid", len(steps(GRAPHS["sigmoid"])) - 1))
    assert final["grad w>h1"]["text"] == "0.25"
    assert final["grad x>h1"]["text"] == "0"
    assert final["grad h5>h6"]["text"] == "-0.25"
    assert final["grad w"]["text"] == "0.25"  # beside the input
    assert final["grad h6"]["text"] == "1"  # the seed at the output
    assert "grad h3" not in final  # a single edge already says it
    add_mul = labels(spec_at("add_mul", len(steps(GRAPHS["add_mul"])) - 1))
    assert [add_mul[f"grad {k}"]["text"] for k in "xyz"] == ["-4", "-4", "3"]
    gate = labels(spec_at("max_gate", len(steps(GRAPHS["max_gate"])) - 1))
    assert gate["grad x>m"]["text"] == "2" and gate["grad y>m"]["text"] == "0"


def test_fan_in_shows_the_two_gradients_and_their_sum() -> None:
    graph = GRAPHS["fan_in"]
    sequence = steps(graph)
    final = labels(spec_at("fan_in", len(sequence) - 1))
    assert final["grad x"]["text"] == "0.2 + (-0.16) = 0.04"
    assert final["grad y"]["text"] == "0.2 + (-0.24) = -0.04"
    assert final["grad x>g"]["text"] == "0.2"
    assert final["grad x>a"]["text"] == "-0.16"
    g_step = next(
        i for i, s in enumerate(sequence) if s.phase == "backward" and s.node == "g"
    )
    partial = labels(spec_at("fan_in", g_step))
    assert partial["grad x"]["text"] == "0.2 + …"  # one of two edges so far


@pytest.mark.parametrize("key", GRAPHS)
def test_big_type_and_a_small_figure(key: str) -> None:
    last = len(steps(GRAPHS[key])) - 1
    for look in (Look(), Look(present=True)):
        spec = spec_at(key, last, look)
        assert len(to_json(spec)) < 25_000
        sizes = [
            a["font"]["size"] for a in spec["layout"]["annotations"] if "font" in a
        ]
        assert min(sizes) >= 16
        assert spec["layout"]["font"]["size"] >= 15
        assert spec["layout"]["height"] <= 520  # below a title, on a 720 px screen
        assert spec["layout"]["xaxis"]["fixedrange"]


def test_the_layout_does_not_move_between_steps() -> None:
    graph = GRAPHS["fan_in"]
    specs = [spec_at("fan_in", i) for i in range(len(steps(graph)))]
    assert len({to_json(s["layout"]["margin"]) for s in specs}) == 1
    assert len({s["layout"]["height"] for s in specs}) == 1


def test_the_legend_takes_the_page_words() -> None:
    graph = GRAPHS["add_mul"]
    result = backprop(graph, graph.default_inputs())
    words = {"value": "值", "gradient": "梯度", "current": "当前步骤"}
    spec = graph_spec(graph, result, 0, words)
    assert [t["name"] for t in spec["data"][1:]] == ["值", "梯度", "当前步骤"]
