"""Descent Lab: page configuration and navigation only."""

import streamlit as st

# An emoji favicon is an inline SVG; a Material one (also the default taken from
# the page's icon) is fetched from a font CDN, which an offline hall lacks.
st.set_page_config(page_title="Descent Lab", page_icon="⛰️", layout="wide")

page = st.navigation(
    [
        st.Page(
            "pages/playground.py",
            title="Playground",
            icon=":material/explore:",
            default=True,
        ),
        st.Page("pages/about.py", title="About", icon=":material/menu_book:"),
    ]
)
page.run()
