"""A computation graph at one step of backpropagation, as a figure.

Nodes are circles showing their operation (an input shows its name). An
operation's value appears above it once the forward pass has computed it
(blue); edges are arrows in the forward direction, with the gradient they
carry back written on them (red) once the backward pass reaches them. A
node's own ∂f/∂node is written where no single edge says it: the output's
seed 1, and a node used twice, as its edges' gradients and their sum. An
input shows its value and its gradient on its left. The step's node is
ringed; the layout stays put from step to step.

Plain dicts, like every figure here; sized for a 1280×720 projector.
"""

from __future__ import annotations

from collections.abc import Mapping

from surfaces.graphs import Backprop, Graph, Node, Shown, num, shown, steps
from viz.style import DEFAULT_LOOK, Look, base_layout, sizes

VALUE, GRADIENT, CURRENT = "#0072B2", "#D55E00", "#E69F00"
EDGE, IDLE_TEXT, INPUT_FILL = "#555555", "#9a9a9a", "#e8f1f8"
DIGITS = 3  # significant digits on the figure (the table has them all)
ROW = 72  # pixels per row unit
PAD = 54  # pixels above the top row and below the bottom one (circle + label)


def _px(look: Look) -> int:
    """The font size in pixels: big enough for the back of a hall."""
    return sizes(look).font + 3


def _diameter(node: Node, font: int) -> float:
    """A circle wide enough for its symbol ("exp", "×(-1)")."""
    return max(2.7 * font, 0.62 * font * len(node.symbol) + 12)


def _width(text: str, font: int) -> float:
    """An upper estimate of a label's width in pixels (Latin digits and signs)."""
    return 0.62 * font * len(text) + 8


def graph_spec(
    graph: Graph,
    result: Backprop,
    index: int,
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """The graph after step ``index`` of :func:`surfaces.graphs.steps`.

    ``names``: the legend's words ``value``, ``gradient``, ``current``.
    """
    state = shown(graph, result, index)
    font = _px(look)
    radius = {n.key: _diameter(n, font) / 2 for n in graph.nodes}
    annotations = [_edge(graph, state, i, radius) for i in range(len(graph.edges))]
    annotations += _edge_labels(graph, state, font, radius)
    labels = [
        _node_labels(graph, state, n.key, font, radius[n.key]) for n in graph.nodes
    ]
    annotations += [a for group in labels for a in group]
    # Inputs' labels stand to their left, in the margin for the first column:
    # as wide as at the last step, so that the graph does not move meanwhile.
    final = shown(graph, result, len(steps(graph)) - 1)
    first = min(n.pos[0] for n in graph.nodes)
    left = [
        _width(a["text"], font) + radius[n.key] + 6
        for n in graph.nodes
        if n.op == "input" and n.pos[0] == first
        for a in _node_labels(graph, final, n.key, font, radius[n.key])
    ]
    xs = [n.pos[0] for n in graph.nodes]
    ys = [n.pos[1] for n in graph.nodes]
    rows = max(ys) - min(ys)
    pad = PAD / ROW
    data = [_nodes(graph, state, font, radius), *_legend(names, font)]
    layout = base_layout(
        look,
        height=int(rows * ROW + 2 * PAD + 50),
        margin={"l": int(max(left, default=0)) + 4, "r": 10, "t": 40, "b": 10},
        xaxis=_axis(min(xs), max(xs) + 0.5),
        yaxis=_axis(min(ys) - pad, max(ys) + pad),
        annotations=annotations,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        showlegend=True,
        hovermode="closest",
        dragmode=False,
        uirevision=graph.key,
    )
    return {"data": data, "layout": layout}


def _axis(low: float, high: float) -> dict:
    return {"range": [low, high], "visible": False, "fixedrange": True}


def _nodes(graph: Graph, state: Shown, font: int, radius: Mapping[str, float]) -> dict:
    current = state.step.node
    fills, lines, widths, hovers = [], [], [], []
    for node in graph.nodes:
        now = node.key == current
        fills.append(
            "#fff3cf" if now else INPUT_FILL if node.op == "input" else "white"
        )
        known = node.key in state.values
        lines.append(CURRENT if now else EDGE if known else IDLE_TEXT)
        widths.append(5 if now else 2)
        hover = node.title
        if known:
            hover += f" = {num(state.values[node.key], 6)}"
        if node.key in state.complete:
            hover += f"<br>∂f/∂{node.title} = {num(sum(state.parts[node.key]), 6)}"
        hovers.append(hover)
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": [n.pos[0] for n in graph.nodes],
        "y": [n.pos[1] for n in graph.nodes],
        "text": [n.symbol for n in graph.nodes],
        "textposition": "middle center",
        "textfont": {"size": font, "color": "#111111"},
        "marker": {
            "size": [2 * radius[n.key] for n in graph.nodes],
            "color": fills,
            "line": {"color": lines, "width": widths},
        },
        "cliponaxis": False,  # the first column's circles reach into the margin
        "hovertext": hovers,
        "hoverinfo": "text",
        "showlegend": False,
        "name": graph.key,
        "meta": "nodes",
    }


def _legend(names: Mapping[str, str], font: int) -> list[dict]:
    """Legend entries only (the words live in annotations, which have none)."""
    entries = [(names["value"], VALUE), (names["gradient"], GRADIENT)]
    entries.append((names["current"], CURRENT))
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [None],
            "y": [None],
            "marker": {"size": font, "color": color, "symbol": "square"},
            "name": name,
            "hoverinfo": "skip",
        }
        for name, color in entries
    ]


def _edge(graph: Graph, state: Shown, index: int, radius: Mapping[str, float]) -> dict:
    edge = graph.edges[index]
    src, dst = graph.node(edge.src).pos, graph.node(edge.dst).pos
    active = index in state.active
    backward = state.step.phase == "backward"
    color = (GRADIENT if backward else VALUE) if active else EDGE
    return {
        "x": dst[0],
        "y": dst[1],
        "ax": src[0],
        "ay": src[1],
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "showarrow": True,
        "arrowhead": 2,
        "arrowsize": 1.1,
        "arrowwidth": 4 if active else 2,
        "arrowcolor": color,
        "standoff": radius[edge.dst] + 2,
        "startstandoff": radius[edge.src] + 2,
        "text": "",
        "name": f"edge {edge.src}>{edge.dst}",
    }


def _edge_labels(
    graph: Graph, state: Shown, font: int, radius: Mapping[str, float]
) -> list[dict]:
    """The gradient each edge carried back, on the edge, once it has."""
    out = []
    for index, carried in state.edges.items():
        edge = graph.edges[index]
        (x0, y0), (x1, y1) = graph.node(edge.src).pos, graph.node(edge.dst).pos
        t = edge.label_at
        # On a level edge (a chain) the label hangs under the line, low enough
        # to pass between the circles' round sides; on a sloped one it sits on it.
        below = 0.7 * max(radius[edge.src], radius[edge.dst]) if y0 == y1 else 0.0
        out.append(
            _text(
                x0 + t * (x1 - x0),
                y0 + t * (y1 - y0),
                num(carried, DIGITS),
                GRADIENT,
                font - 2,
                name=f"grad {edge.src}>{edge.dst}",
                border=True,
                shift=-below,
            )
        )
    return out


def _node_labels(
    graph: Graph, state: Shown, key: str, font: int, radius: float
) -> list[dict]:
    """An operation: its value above (its name before), and below, where the
    edges do not already say it, ∂f/∂node: the output's seed, or the sum of
    a node used twice. An input: value and gradient on its left."""
    node = graph.node(key)
    x, y = node.pos
    value = state.values.get(key)
    parts = state.parts.get(key, ())
    gradient = ""
    if parts:
        terms = [num(p, DIGITS) for p in parts]
        gradient = " + ".join(map(_paren, terms)) if len(terms) > 1 else terms[0]
        if len(parts) > 1 or key in graph.fan_out():
            done = key in state.complete
            gradient += f" = {num(sum(parts), DIGITS)}" if done else " + …"
    if node.op == "input":
        out = [_text(x, y, num(value, DIGITS), VALUE, font, name=f"value {key}")]
        out[0] |= {"xanchor": "right", "xshift": -radius - 6, "yanchor": "bottom"}
        if gradient:
            label = _text(x, y, gradient, GRADIENT, font, name=f"grad {key}")
            label |= {"xanchor": "right", "xshift": -radius - 6, "yanchor": "top"}
            out.append(label)
        return out
    if value is None:
        above, color = node.title, IDLE_TEXT
    else:
        above, color = f"{node.title} = {num(value, DIGITS)}", VALUE
    out = [_text(x, y, above, color, font, name=f"value {key}", shift=radius + 4)]
    if gradient and (key == graph.output or key in graph.fan_out()):
        out.append(
            _text(x, y, gradient, GRADIENT, font, name=f"grad {key}", shift=-radius - 4)
        )
    return out


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def _text(
    x: float,
    y: float,
    text: str,
    color: str,
    font: int,
    *,
    name: str,
    shift: float = 0.0,
    border: bool = False,
) -> dict:
    return {
        "x": x,
        "y": y,
        "xref": "x",
        "yref": "y",
        "text": text,
        "showarrow": False,
        "font": {"size": font, "color": color},
        "yshift": shift,
        "yanchor": "bottom" if shift > 0 else "top" if shift < 0 else "middle",
        "bgcolor": "rgba(255,255,255,0.9)",
        "bordercolor": color if border else "rgba(0,0,0,0)",
        "borderpad": 1,
        "name": name,
    }
