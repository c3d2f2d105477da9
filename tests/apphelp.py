"""Driving the app with AppTest: a fresh session, its scene, its figures."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from scenes import Scene
from ui import state

from .figures import FigureReader

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGES = [
    "pages/playground.py",
    "pages/calculus.py",
    "pages/backprop.py",
    "pages/networks.py",
    "pages/landscape.py",
    "pages/sweeps.py",
    "pages/basins.py",
    "pages/gallery.py",
    "pages/about.py",
]


class Session:
    """One AppTest session and the figures it was sent (traces by hash)."""

    def __init__(self, query: dict[str, str] | None = None) -> None:
        self.at = AppTest.from_file(APP, default_timeout=120)
        for key, value in (query or {}).items():
            self.at.query_params[key] = value
        self.reader = FigureReader()
        self.run()

    def run(self) -> Session:
        self.at.run()
        return self.read()

    def read(self) -> Session:
        """Take in what the last run sent (AppTest reruns the page it was
        switched to by the test, not one the script switched to)."""
        assert not self.at.exception, self.at.exception
        self.figures = self.reader.figures(self.at)
        return self

    @property
    def scene(self) -> Scene:
        return self.at.session_state[state.SCENE]

    def set_scene(self, scene: Scene) -> Session:
        self.at.session_state[state.SCENE] = scene
        return self.run()

    def open_settings(self, *indices: int) -> Session:
        """Open runs' "Settings" expanders (their widgets are drawn only then)."""
        count = len(self.scene.runs)
        for index in indices or range(count):
            self.at.session_state[state.w_run(index, state.RUN_SETTINGS)] = True
        return self.run()

    def paths(self, figure: int = 0) -> list[dict]:
        return [t for t in self.figures[figure]["data"] if t.get("meta") == "path"]

    def link_query(self) -> str:
        """The query the page asked the browser to put in the address bar."""

        for payload in self.reader.payloads_all(self.at):
            if "query" in payload:
                return payload["query"]
        raise AssertionError("no link component on the page")


def array(value) -> np.ndarray:
    """A trace's coordinates, whether sent as a list or as a typed array."""

    if isinstance(value, dict) and "bdata" in value:
        dtype = {"f4": np.float32, "f8": np.float64, "i4": np.int32}[value["dtype"]]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=dtype).astype(
            float
        )
    return np.asarray(value, dtype=float)
