"""The trivial page the playground is compared against (bench/browser.py, core.py).

streamlit run bench/trivial_app.py

One slider and one small st.plotly_chart whose data follows it: Streamlit's own
floor for "move a slider, repaint a chart".
"""

import numpy as np
import streamlit as st

X = np.linspace(0.0, 1.0, 50)

scale = st.slider("scale", 0.1, 2.0, 1.0, step=0.05, key="scale")
st.plotly_chart(
    {
        "data": [{"type": "scatter", "mode": "lines", "x": X, "y": scale * X**2}],
        "layout": {"height": 300, "yaxis": {"range": [0, 2]}},
    },
)
