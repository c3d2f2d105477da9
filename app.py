"""Descent Lab: page configuration, the scene from the URL, navigation."""

from pathlib import Path

import streamlit as st

from ui import heap, state, warmup
from ui.texts import t
from ui.url import read_url
from ui.widgets import language_picker

if warmup.enabled():
    warmup.start()  # once per process: lessons compile before a class opens them
read_url()  # on every page: the scene survives a visit to About
# An emoji favicon is an inline SVG; a Material one (also the default taken from
# the page's icon) is fetched from a font CDN, which an offline hall lacks.
st.set_page_config(
    page_title=t("app_title", state.lang()),
    page_icon="⛰️",
    layout="wide",
    # Presentation mode starts with the sidebar folded: the map gets the width.
    initial_sidebar_state="collapsed" if state.scene().view.present else "auto",
)
lang = language_picker()  # in the sidebar of every page
CSS = Path(__file__).resolve().parent / "ui" / "assets" / "app.css"
st.html(f"<style>{CSS.read_text(encoding='utf-8')}</style>")
page = st.navigation(
    [
        st.Page(
            "pages/playground.py",
            title=t("playground", lang),
            icon=":material/explore:",
            default=True,
        ),
        st.Page(
            "pages/calculus.py",
            title=t("calculus", lang),
            icon=":material/functions:",
        ),
        st.Page(
            "pages/backprop.py",
            title=t("backprop", lang),
            icon=":material/account_tree:",
        ),
        st.Page(
            "pages/networks.py",
            title=t("networks", lang),
            icon=":material/hub:",
        ),
        st.Page(
            "pages/landscape.py",
            title=t("landscape", lang),
            icon=":material/landscape:",
        ),
        st.Page(
            "pages/sweeps.py",
            title=t("sweeps", lang),
            icon=":material/grid_on:",
        ),
        st.Page(
            "pages/basins.py",
            title=t("basins", lang),
            icon=":material/water:",
        ),
        st.Page(
            "pages/gallery.py",
            title=t("gallery", lang),
            icon=":material/photo_library:",
        ),
        st.Page("pages/about.py", title=t("about", lang), icon=":material/menu_book:"),
    ]
)
page.run()
heap.settle()  # after the page: what it compiled is frozen, not re-walked
