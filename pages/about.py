"""About Descent Lab: what it is, the methods, the surfaces, the status words."""

import streamlit as st

from optimizers import OPTIMIZERS, STATUSES
from surfaces import SURFACES
from ui import state
from ui.names import optimizer_name, optimizer_note, status_word, surface_name
from ui.texts import t

lang = state.lang()
st.title(t("app_title", lang))
st.write(t("about_text", lang))
st.subheader(t("about_status", lang))
st.markdown(
    "\n".join(
        f"- **{status_word(s, lang)}**: {t(f'status_help_{s}', lang)}" for s in STATUSES
    )
)
st.subheader(t("surfaces", lang))
st.markdown(
    "\n".join(f"- {surface_name(k, lang)}: ${s.latex}$" for k, s in SURFACES.items())
)
st.subheader(t("optimizers", lang))
st.markdown(
    "\n".join(
        f"- **{optimizer_name(k, lang)}**: {optimizer_note(k, lang)}"
        for k in OPTIMIZERS
    )
)
