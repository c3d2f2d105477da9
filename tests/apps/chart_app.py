"""A light page around the real chart component, for the browser tests of its
life cycle (tests/test_chart_lifecycle.py): a slider whose every move changes
the figure (the paths each time, the background map every fifth move, so the
trace store keeps filling and evicting), and a box that removes the chart.
"""

import numpy as np
import streamlit as st

from ui import heap
from ui.chart import SENT_KEY, chart

MAP_EVERY = 5  # moves per new background map
STEPS = 30  # points on the path
FRAMES = 10


def background(version: int) -> dict:
    """A 40×40 contour (big enough to be stored by hash), new per version."""
    g = np.linspace(-1.0, 1.0, 40, dtype=np.float32)
    x, y = np.meshgrid(g, g)
    z = (x**2 + (1 + 0.01 * version) * y**2).astype(np.float32)
    return {"type": "contour", "z": z, "x": g, "y": g, "meta": "background"}


def path(move: int) -> tuple[np.ndarray, np.ndarray]:
    t = np.linspace(0.0, 1.0, STEPS)
    turn = 0.002 * move
    return np.cos(3 * t + turn) * (1 - t), np.sin(3 * t + turn) * (1 - t)


def figure(move: int) -> dict:
    x, y = path(move)
    line = {"type": "scatter", "x": x.tolist(), "y": y.tolist(), "meta": "path"}
    line["name"] = "path"
    marker = {"type": "scatter", "x": [x[-1]], "y": [y[-1]], "mode": "markers"}
    marker["showlegend"] = False
    steps = np.linspace(0, STEPS - 1, FRAMES).round().astype(int)
    frames = [
        {"name": str(k), "data": [{"x": [x[k]], "y": [y[k]]}], "traces": [2]}
        for k in steps
    ]
    axis = {"range": [-1, 1]}
    layout = {
        "height": 420,
        "margin": {"l": 40, "r": 40, "t": 20, "b": 40, "autoexpand": False},
        "xaxis": axis,
        "yaxis": axis,
        "uirevision": "map",
        "showlegend": False,
        "meta": {"bottom": 40},
    }
    data = [background(move // MAP_EVERY), line, marker]
    return {"data": data, "layout": layout, "frames": frames}


move = st.slider("move", 0, 5000, 0, key="move")
if st.checkbox("chart", value=True, key="show"):
    chart(figure(move), key="lab")
sent = st.session_state.get(SENT_KEY, {}).get("lab") or []
st.markdown(f"moves: {move}")
st.text("sent: " + ",".join(sent))
heap.settle()  # as the playground does: no full collection after every rerun
