"""Hyperparameter maps: one method's runs over a grid of one or two of its
settings, theory drawn over them, a clicked cell's run beside the map, and
the course's grid-against-random search (course notes 001)."""

import streamlit as st

from ui import state, sweeps
from ui import sweeps_views as views
from ui.sweeps_cell import cell_panel, go_playground
from ui.sweeps_sidebar import sidebar

lang = state.lang()
go_playground()  # "Add to the playground" was pressed: go there
sweeps.read_url(lang)
settings = sidebar(lang)
views.header(settings, lang)
views.controls(settings, lang)
sweep = views.compute_map(settings, lang)  # says "compiling" where it must
if sweep is not None:
    views.read_click(settings, sweep)
    left, right = st.columns([3, 2])
    with left:
        views.the_map(settings, sweep, lang)
    with right:
        cell_panel(settings, lang)
    views.theory_note(settings, lang)
    views.search_result(settings, lang)
