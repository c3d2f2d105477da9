"""The passes as steps: what a class sees after each press of "next".

Step 0 shows the inputs; then one forward step per operation (its value
appears); then the seed ∂f/∂f = 1 at the output; then one backward step per
operation in reverse order (the gradients on its input edges appear, and
each input's running sum). The last step shows every gradient.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from surfaces.graphs.model import Backprop, Graph, Node, num

Phase = Literal["inputs", "forward", "seed", "backward"]


class Step(NamedTuple):
    phase: Phase
    node: str  # the node the step is about ("" for the inputs)


def steps(graph: Graph) -> tuple[Step, ...]:
    """Forward steps, then backward steps; the last one completes every gradient."""
    return (
        Step("inputs", ""),
        *(Step("forward", n.key) for n in graph.ops),
        Step("seed", graph.output),
        *(Step("backward", n.key) for n in reversed(graph.ops)),
    )


def arrivals(graph: Graph) -> list[int]:
    """Edge indices in the order the backward pass fills them."""
    order = {n.key: i for i, n in enumerate(reversed(graph.ops))}
    edges = graph.edges
    return sorted(range(len(edges)), key=lambda i: (order[edges[i].dst], i))


class Shown(NamedTuple):
    """What is known after a step."""

    index: int
    step: Step
    values: dict[str, float]  # the nodes computed so far
    edges: dict[int, float]  # edge index -> the gradient it carried back
    parts: dict[str, tuple[float, ...]]  # node -> gradients arrived, in order
    complete: frozenset[str]  # nodes whose ∂f/∂node is final
    active: tuple[int, ...]  # the edges this step works on


def shown(graph: Graph, result: Backprop, index: int) -> Shown:
    """The state after step ``index`` (clamped to the sequence)."""
    sequence = steps(graph)
    index = min(max(int(index), 0), len(sequence) - 1)
    step = sequence[index]
    done = sequence[: index + 1]
    computed = {s.node for s in done if s.phase == "forward"} | set(graph.inputs)
    values = {k: v for k, v in result.values.items() if k in computed}
    sent = {s.node for s in done if s.phase == "backward"}
    all_edges = graph.edges
    edges: dict[int, float] = {}
    parts: dict[str, tuple[float, ...]] = {}
    if any(s.phase == "seed" for s in done):
        parts[graph.output] = (1.0,)
    for i in arrivals(graph):
        edge = all_edges[i]
        if edge.dst in sent:
            edges[i] = result.edge_grads[i]
            parts[edge.src] = (*parts.get(edge.src, ()), edges[i])
    uses = {k: sum(e.src == k for e in all_edges) for k in result.values}
    complete = frozenset(
        k for k, got in parts.items() if k == graph.output or len(got) == uses[k]
    )
    active = tuple(i for i, e in enumerate(all_edges) if e.dst == step.node)
    if step.phase == "seed":
        active = ()
    return Shown(index, step, values, edges, parts, complete, active)


# --- what a step computes, in symbols and numbers (language-free) -------------


def _p(value: float) -> str:
    """A number after an operator: negatives in parentheses."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def forward_line(graph: Graph, result: Backprop, key: str) -> str:
    """``h₁ = x · w = 1 · 0 = 0``: the node's rule, its inputs' values, its value."""
    node = graph.node(key)
    names = [graph.node(k).title for k in node.inputs]
    args = [_p(result.values[k]) for k in node.inputs]
    plain = [num(result.values[k]) for k in node.inputs]  # inside brackets
    c = _p(node.const)
    rule, numbers = {
        "add": (f"{names[0]} + {' + '.join(names[1:])}", " + ".join(args)),
        "mul": (" · ".join(names), " · ".join(args)),
        "scale": (f"{c} · {names[0]}", f"{c} · {args[0]}"),
        "shift": (f"{names[0]} + {c}", f"{args[0]} + {c}"),
        "exp": (f"exp({names[0]})", f"exp({plain[0]})"),
        "recip": (f"1 / {names[0]}", f"1 / {args[0]}"),
        "max": (f"max({', '.join(names)})", f"max({', '.join(plain)})"),
    }[node.op]
    return f"{node.title} = {rule} = {numbers} = {num(result.values[key])}"


def _local_rule(graph: Graph, result: Backprop, node: Node, slot: int) -> str:
    """∂node/∂input in symbols (empty where it is a plain number)."""
    names = [graph.node(k).title for k in node.inputs]
    values = [result.values[k] for k in node.inputs]
    if node.op == "mul":
        return names[1 - slot]
    if node.op == "exp":
        return f"exp({names[0]}) = {node.title}"
    if node.op == "recip":
        return f"-1 / {names[0]}²"
    if node.op == "max":  # 1 for the larger input, 0 for the other, ½ at a tie
        mine, other = names[slot], names[1 - slot]
        return (
            f"½ ({mine} = {other})" if values[0] == values[1] else f"[{mine} > {other}]"
        )
    return ""


def backward_lines(graph: Graph, result: Backprop, key: str) -> list[str]:
    """One line per input edge of the node: ∂f/∂input (+)= ∂f/∂node · local.
    "+=" marks an input used by several edges: its gradient is a sum."""
    node = graph.node(key)
    shared = set(graph.fan_out())
    lines = []
    for i, edge in enumerate(graph.edges):
        if edge.dst != key:
            continue
        src = graph.node(edge.src).title
        gets = "+=" if edge.src in shared else "="
        rule = _local_rule(graph, result, node, edge.slot)
        local = num(result.local[i])
        chain = f"∂f/∂{src} {gets} ∂f/∂{node.title} · ∂{node.title}/∂{src}"
        numbers = f"{_p(result.grads[key])} · {_p(result.local[i])}"
        middle = f" = {rule}" if rule and rule != local else ""
        lines.append(
            f"{chain} = {numbers} = {num(result.edge_grads[i])}"
            + (f"  (∂{node.title}/∂{src}{middle} = {local})" if middle else "")
        )
    return lines


def sum_line(graph: Graph, result: Backprop, key: str) -> str:
    """∂f/∂x as the sum of the gradients on the edges leaving x."""
    parts = [result.edge_grads[i] for i in arrivals(graph) if graph.edges[i].src == key]
    terms = " + ".join(_p(v) for v in parts)
    return f"∂f/∂{graph.node(key).title} = {terms} = {num(result.grads[key])}"


def inputs_line(graph: Graph, result: Backprop) -> str:
    return ", ".join(
        f"{graph.node(k).title} = {num(result.values[k])}" for k in graph.inputs
    )
