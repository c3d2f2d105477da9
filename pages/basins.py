"""Basins of attraction: which minimum each start of a grid reaches, for two
methods side by side (issue 11); a click on a start plays it."""

import streamlit as st

from ui import basins, basins_views, state
from ui.basins_sidebar import sidebar

if st.session_state.pop(state.BS_GO_PLAYGROUND, False):  # the scene is set
    st.switch_page("pages/playground.py")
lang = state.lang()
basins.read_url(lang)
settings = sidebar(lang)
surface = basins_views.header(settings, lang)
results = basins_views.compute(settings, lang)  # says "compiling" where new
paths = basins_views.maps(settings, surface, results, lang)
basins_views.below(settings, surface, results, paths, lang)
