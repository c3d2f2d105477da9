"""Derivatives: what a step is made of, at the scene's start point."""

import streamlit as st

from scenes.query import fmt
from ui import calculus, state, widgets
from ui.texts import notice_text, t
from ui.typed import surface_title
from ui.url import link_bar

lang = state.lang()
scene = state.scene()
surface = scene.the_surface()
widgets.surface_picker(scene, lang)
widgets.surface_params(scene, surface, lang)
widgets.start_inputs(scene, surface, lang)
widgets.start_refused(lang)
with st.container(key="dl-title"):
    st.markdown(f"**{surface_title(scene, lang)}** &nbsp; ${surface.latex}$")
notices = state.take_notices()
if notices:
    st.warning("\n".join(f"- {notice_text(n, lang)}" for n in notices))
point = ", ".join(fmt(round(v, 4)) for v in scene.start_point())
st.caption(t("calc_point", lang, point=f"({point})"))
if surface.dim == 1:
    calculus.one_d(scene, surface, lang)
else:
    calculus.two_d(scene, surface, lang)
st.caption(t("share", lang))
link_bar(scene, lang)  # the address holds the point, h and the direction
