"""A tiny app for the browser tests: a heatmap in the persistent chart.

The hyperparameter-map and basin pages will use heatmap cells this way; until
they exist, this checks the click-a-cell path end to end.
"""

import numpy as np
import streamlit as st

from ui.chart import chart


def remember() -> None:
    st.session_state["picked"] = st.session_state["grid"].cell


z = np.arange(12, dtype=np.float32).reshape(3, 4)
chart(
    {
        "data": [{"type": "heatmap", "z": z, "x": [10, 20, 30, 40], "y": [1, 2, 3]}],
        "layout": {"height": 400, "margin": {"l": 40, "r": 40, "t": 20, "b": 40}},
    },
    key="grid",
    click_cells=True,
    on_click=remember,
)
picked = st.session_state.get("picked")
st.markdown(f"picked: {picked['x']},{picked['y']}" if picked else "picked: none")
