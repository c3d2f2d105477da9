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


def listing(lines) -> None:
    """A list of "name: what it is" lines, with the language's own colon."""
    rows = (t("about_line", lang, name=name, text=text) for name, text in lines)
    st.markdown("\n".join(rows))


listing((f"**{status_word(s, lang)}**", t(f"status_help_{s}", lang)) for s in STATUSES)
st.subheader(t("surfaces", lang))
listing((surface_name(k, lang), f"${s.latex}$") for k, s in SURFACES.items())
st.subheader(t("optimizers", lang))
listing((f"**{optimizer_name(k, lang)}**", optimizer_note(k, lang)) for k in OPTIMIZERS)
