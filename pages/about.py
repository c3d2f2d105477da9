"""About Descent Lab."""

import streamlit as st

from optimizers import OPTIMIZERS
from surfaces import SURFACES
from ui.texts import t

lang = st.session_state.get("lang", "en")
st.title(t("app_title", lang))
st.write(t("about_text", lang))
st.subheader(t("surface", lang))
st.markdown("\n".join(f"- **{s.title}** (`{s.key}`)" for s in SURFACES.values()))
st.subheader(t("optimizers", lang))
st.markdown(
    "\n".join(f"- **{o.title}** (`{o.key}`): {o.note}" for o in OPTIMIZERS.values())
)
