"""Backpropagation on the course's small graphs, node by node (parts 001, 004)."""

import streamlit as st

from surfaces.graphs import backprop as passes
from ui import backprop, state
from ui.texts import t

lang = state.lang()
backprop.read_url(lang)
graph = backprop.graph_picker(lang)
inputs = backprop.input_fields(graph, lang)
result = passes(graph, inputs)  # accepted inputs only: always computable
backprop.title(graph, lang)
index = backprop.step_buttons(graph, lang)
backprop.figure(graph, result, index, lang)
backprop.explanation(graph, result, index, lang)
st.caption(t("bp_keys", lang))
backprop.check_table(graph, inputs, lang)
backprop.notes(graph, lang)
