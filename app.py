"""Descent Lab: page configuration and navigation only."""

import streamlit as st

st.set_page_config(page_title="Descent Lab", page_icon="⛰️", layout="wide")

page = st.navigation(
    [
        st.Page("pages/playground.py", title="Playground", icon="🧭", default=True),
        st.Page("pages/about.py", title="About", icon="📖"),
    ]
)
page.run()
