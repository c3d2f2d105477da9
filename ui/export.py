"""Export (HTML animation, CSV, JSON) and loading a scene file back."""

from __future__ import annotations

from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st

from scenes import Scene
from scenes.export import trajectories_csv
from scenes.files import FILE_MOST
from ui import state
from ui.texts import t
from viz import to_json

ASSETS = Path(__file__).resolve().parent / "assets"
_LOADER = st.components.v2.component(
    "descent_lab_loader",
    js=(ASSETS / "loader.js").read_text(encoding="utf-8"),
    css=(ASSETS / "loader.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def standalone_html(figure: dict, title: str) -> str:
    """A page that plays ``figure`` with no server and no network: plotly.js
    is inlined, and plotly's own play button and step slider drive the frames."""
    layout = _redrawn(dict(figure.get("layout", {})))
    if isinstance(layout.get("template"), str):  # a name only plotly.py knows
        layout["template"] = pio.templates[layout["template"]].to_plotly_json()
    spec = to_json({**figure, "layout": layout}).replace("</", "<\\/")
    return PAGE.format(
        title=_escape(title),
        plotly=_plotly_js().replace("</script", "<\\/script"),
        spec=spec,
    )


def _redrawn(layout: dict) -> dict:
    """Plotly's own play button and slider, redrawing every frame.

    In the app the contour sits on a layer of its own behind the paths; in a
    single plot a frame drawn without ``redraw`` wipes the contour's lines.
    """

    def redraw(args: list) -> list:
        if len(args) > 1 and isinstance(args[1], dict) and "frame" in args[1]:
            return [args[0], {**args[1], "frame": {**args[1]["frame"], "redraw": True}}]
        return args

    layout["updatemenus"] = [
        {**menu, "buttons": [{**b, "args": redraw(b["args"])} for b in menu["buttons"]]}
        for menu in layout.get("updatemenus", [])
    ]
    layout["sliders"] = [
        {**slider, "steps": [{**k, "args": redraw(k["args"])} for k in slider["steps"]]}
        for slider in layout.get("sliders", [])
    ]
    return layout


def _plotly_js() -> str:
    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(
        encoding="utf-8"
    )


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<script>{plotly}</script>
<style>html, body {{ margin: 0; height: 100%; }} #plot {{ height: 100vh; }}</style>
</head><body><div id="plot"></div>
<script>
const spec = {spec};
Plotly.newPlot("plot", {{data: spec.data, layout: spec.layout, frames: spec.frames,
  config: {{displaylogo: false, responsive: true}}}});
</script></body></html>
"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def export_panel(scene: Scene, played, lang: str, figure) -> None:
    """Downloads, built only when clicked (the HTML is ~5 MB), and a loader."""
    with st.expander(t("export", lang)):
        cols = st.columns(3)
        cols[0].download_button(
            t("export_html", lang),
            data=lambda: standalone_html(figure(), "Descent Lab"),
            file_name="descent-lab.html",
            mime="text/html",
            on_click="ignore",
            key=state.W_EXPORT_HTML,
        )
        cols[1].download_button(
            t("export_csv", lang),
            data=lambda: trajectories_csv(played.labels, played.trajectories),
            file_name="descent-lab.csv",
            mime="text/csv",
            on_click="ignore",
            key=state.W_EXPORT_CSV,
        )
        cols[2].download_button(
            t("export_json", lang),
            data=scene.to_json(),
            file_name="descent-lab-scene.json",
            mime="application/json",
            on_click="ignore",
            key=state.W_EXPORT_JSON,
        )
        _LOADER(
            key=state.W_SCENE_FILE,
            data={
                "label": t("load_scene", lang),
                "too_big": t("file_too_big", lang, most=FILE_MOST // 1000),
                "most": FILE_MOST,
            },
            on_file_change=load_scene_file,
        )


def scene_from_message(result: object) -> tuple[Scene, list] | None:
    """The scene in the loader's message, or None for a malformed message."""
    sent = getattr(result, "file", None) or (
        result.get("file") if isinstance(result, dict) else None
    )
    text = sent.get("text") if isinstance(sent, dict) else None
    return Scene.parse_json(text) if isinstance(text, str) else None


def load_scene_file() -> None:
    """Callback: the file's text (sent by the browser) becomes the scene; a
    malformed message from the browser changes nothing."""
    loaded = scene_from_message(st.session_state.get(state.W_SCENE_FILE))
    if loaded is not None:
        state.set_scene(loaded[0])
        state.add_notices(loaded[1])
