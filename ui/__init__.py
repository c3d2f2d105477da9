"""Streamlit-side pieces shared by the pages (with pages/, the only streamlit)."""
