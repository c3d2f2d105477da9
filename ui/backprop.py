"""The backprop page's pieces: the graph (also in the address, ``?g=``), its
typed inputs, the step buttons (with keyboard shortcuts), the figure, what
the step computes, the check against jax.grad, and the notes.

State lives in session-state keys of ui/state.py, not in widgets: a visit to
another page loses nothing. Each graph keeps its own inputs.
"""

from __future__ import annotations

import streamlit as st

from scenes.query import fmt, number
from surfaces.derivatives import COURSE_H
from surfaces.graphs import (
    DEFAULT_GRAPH,
    GRAPHS,
    INPUT_HIGH,
    INPUT_LOW,
    Backprop,
    Graph,
    GraphError,
    backprop,
    backward_lines,
    check,
    forward_line,
    inputs_line,
    num,
    steps,
    sum_line,
)
from ui import state
from ui.chart import chart
from ui.figures import chart_texts, figure_look, plotly_locale
from ui.texts import listed, t
from viz.graph import graph_spec

GRAPH_PARAM = "g"  # ?g=<graph key>


def graph() -> Graph:
    return GRAPHS.get(st.session_state.get(state.BP_GRAPH), GRAPHS[DEFAULT_GRAPH])


def read_url(lang: str) -> None:
    """Adopt ``?g=`` when it changed since the last rerun (a link, Back or
    Forward); an unknown key gets a notice and the default graph. A query
    without g leaves the session's graph (a page change clears the query)."""
    values = st.query_params.get_all(GRAPH_PARAM)
    if values == st.session_state.get(state.BP_URL_SEEN):
        return
    st.session_state[state.BP_URL_SEEN] = values
    if not values:
        return
    key = values[-1]
    if key not in GRAPHS:
        used = t(f"bp_graph_{DEFAULT_GRAPH}", lang)
        notice = t("bp_unknown_graph", lang, given=key[:30], used=used)
        st.session_state[state.BP_NOTICE] = notice
        key = DEFAULT_GRAPH
    _choose(key)


def _choose(key: str) -> None:
    if key != st.session_state.get(state.BP_GRAPH):
        st.session_state[state.BP_STEP] = 0
    st.session_state[state.BP_GRAPH] = key


def _picked(lang: str) -> None:
    key = st.session_state.get(state.W_BP_GRAPH) or DEFAULT_GRAPH
    _choose(key)
    # The address follows the choice (a history entry: Back returns to it).
    st.query_params.from_dict({GRAPH_PARAM: key, "lang": lang})
    st.session_state[state.BP_URL_SEEN] = [key]


def graph_picker(lang: str) -> Graph:
    chosen = graph()
    state.seed(state.W_BP_GRAPH, chosen.key)
    st.sidebar.selectbox(
        t("bp_graph", lang),
        options=list(GRAPHS),
        format_func=lambda k: t(f"bp_graph_{k}", lang),
        key=state.W_BP_GRAPH,
        on_change=_picked,
        args=(lang,),
    )
    notice = st.session_state.pop(state.BP_NOTICE, None)
    if notice:
        st.warning(notice)
    return chosen


def values(g: Graph) -> dict[str, float]:
    """The graph's inputs as last accepted (its defaults at first)."""
    kept = st.session_state.get(state.BP_INPUTS, {}).get(g.key, {})
    return {k: kept.get(k, v) for k, v in g.default_inputs().items()}


def input_fields(g: Graph, lang: str) -> dict[str, float]:
    """Typed inputs (text, not number widgets: "abc" must be refused, not
    turned into 0). A refused value keeps the old one, with a message."""
    current = values(g)
    st.sidebar.markdown(f"**{t('bp_inputs', lang)}**")
    columns = st.sidebar.columns(min(len(g.inputs), 3))
    for i, key in enumerate(g.inputs):
        widget = state.w_bp_input(g.key, key)
        state.seed(widget, fmt(current[key]))
        columns[i % len(columns)].text_input(
            g.node(key).title, key=widget, on_change=_typed, args=(g, key, lang)
        )
    low, high = fmt(INPUT_LOW), fmt(INPUT_HIGH)
    st.sidebar.caption(t("bp_inputs_hint", lang, low=low, high=high))
    refused = st.session_state.pop(state.BP_REFUSED, None)
    if refused:
        st.sidebar.warning(refused)
    return current


def _typed(g: Graph, key: str, lang: str) -> None:
    text = str(st.session_state.get(state.w_bp_input(g.key, key), ""))[:40]
    old = values(g)
    words = {"text": text, "name": g.node(key).title, "old": fmt(old[key])}
    value = number(text.strip().replace(" ", "").replace("−", "-"))
    if value is None:
        return _refuse(t("bp_refused_unreadable", lang, **words))
    if not INPUT_LOW <= value <= INPUT_HIGH:
        low, high = fmt(INPUT_LOW), fmt(INPUT_HIGH)
        return _refuse(t("bp_refused_range", lang, low=low, high=high, **words))
    try:
        backprop(g, old | {key: value})
    except GraphError as err:
        return _refuse(t("bp_refused_undefined", lang, node=err.node, **words))
    kept = st.session_state.setdefault(state.BP_INPUTS, {})
    kept[g.key] = old | {key: value}


def _refuse(message: str) -> None:
    st.session_state[state.BP_REFUSED] = message


def step_index(g: Graph) -> int:
    last = len(steps(g)) - 1
    return min(max(int(st.session_state.get(state.BP_STEP, 0)), 0), last)


def _go(g: Graph, to: int) -> None:
    st.session_state[state.BP_STEP] = min(max(to, 0), len(steps(g)) - 1)


def step_buttons(g: Graph, lang: str) -> int:
    """Start, Back, Next, End, with Streamlit's own keyboard shortcuts (1.67:
    Home, ←, →, End; they do not fire while a text field has the focus)."""
    index, last = step_index(g), len(steps(g)) - 1
    row = st.container(horizontal=True, vertical_alignment="center")
    buttons = (
        (state.W_BP_FIRST, "bp_first", ":material/first_page:", "Home", 0),
        (state.W_BP_PREV, "bp_prev", ":material/chevron_left:", "Left", index - 1),
        (state.W_BP_NEXT, "bp_next", ":material/chevron_right:", "Right", index + 1),
        (state.W_BP_LAST, "bp_last", ":material/last_page:", "End", last),
    )
    for key, text, icon, shortcut, to in buttons:
        row.button(
            t(text, lang),
            key=key,
            icon=icon,
            shortcut=shortcut,
            disabled=to == index or not 0 <= to <= last,
            type="primary" if key == state.W_BP_NEXT else "secondary",
            on_click=_go,
            args=(g, to),
        )
    row.markdown(f"**{t('bp_step_count', lang, k=index, n=last)}**")
    return index


def title(g: Graph, lang: str) -> None:
    with st.container(key="dl-title"):
        st.markdown(f"**{t(f'bp_graph_{g.key}', lang)}** &nbsp; ${g.latex}$")


def figure(g: Graph, result: Backprop, index: int, lang: str) -> None:
    names = {w: t(f"bp_legend_{w}", lang) for w in ("value", "gradient", "current")}
    spec = graph_spec(g, result, index, names, figure_look(state.scene(), lang))
    chart(spec, key="bp_graph", texts=chart_texts(lang), locale=plotly_locale(lang))


def explanation(g: Graph, result: Backprop, index: int, lang: str) -> None:
    """What this step computes: a sentence, then the arithmetic."""
    step = steps(g)[index]
    name = g.node(step.node).title if step.node else ""
    if step.phase == "inputs":
        text = t("bp_at_inputs", lang, values=inputs_line(g, result))
        lines: list[str] = []
    elif step.phase == "forward":
        text = t("bp_at_forward", lang, node=name)
        lines = [forward_line(g, result, step.node)]
    elif step.phase == "seed":
        text, lines = t("bp_at_seed", lang, node=name), []
    else:
        grad = num(result.grads[step.node])
        text = t("bp_at_backward", lang, node=name, grad=grad)
        lines = backward_lines(g, result, step.node)
    end = index == len(steps(g)) - 1
    if end:
        lines += [sum_line(g, result, k) for k in g.fan_out()]
    body = [text, *(f"&emsp;{_escaped(line)}" for line in lines)]
    if end:
        body.append(t("bp_at_end", lang))
    st.markdown("  \n".join(body))


def _escaped(line: str) -> str:
    """Arithmetic shown as Markdown text: brackets and stars stay literal."""
    for mark in "\\[]*_":
        line = line.replace(mark, "\\" + mark)
    return line


def check_table(g: Graph, inputs: dict[str, float], lang: str) -> None:
    st.subheader(t("bp_check", lang))
    columns = (
        t("bp_col_input", lang),
        t("bp_col_backprop", lang),
        t("bp_col_jax", lang),
        t("bp_col_central", lang, h=f"{COURSE_H:g}"),
        t("bp_col_backprop_error", lang),
        t("bp_col_central_error", lang),
    )
    rows = [
        dict(
            zip(
                columns,
                (
                    f"∂f/∂{g.node(row.key).title}",
                    f"{row.backprop:.12g}",
                    f"{row.jax_grad:.12g}",
                    f"{row.central:.12g}",
                    f"{row.backprop_error:.1e}",
                    f"{row.central_error:.1e}",
                ),
                strict=True,
            )
        )
        for row in check(g, inputs)
    ]
    st.table(rows, hide_index=True)
    st.caption(t("bp_check_note", lang))


def notes(g: Graph, lang: str) -> None:
    shared = g.fan_out()
    if shared:
        names = listed((g.node(k).title for k in shared), lang)
        st.info(t("bp_fan_in", lang, nodes=names))
    st.caption(t(f"bp_note_{g.key}", lang))
    st.caption(t("bp_intro", lang))
    with st.expander(t("bp_static_dynamic_title", lang)):
        st.markdown(t("bp_static_dynamic", lang))
