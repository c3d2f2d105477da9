"""Export (HTML animation, CSV, JSON) and loading a scene file back."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import plotly
import plotly.io as pio
import streamlit as st

from scenes import Scene
from scenes.export import trajectories_csv
from scenes.files import FILE_MOST
from ui import state
from ui.chart import tags_script
from ui.figures import chart_texts
from ui.texts import t
from viz import to_json

ASSETS = Path(__file__).resolve().parent / "assets"
_LOADER = st.components.v2.component(
    "descent_lab_loader",
    js=(ASSETS / "loader.js").read_text(encoding="utf-8"),
    css=(ASSETS / "loader.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def standalone_html(
    figure: dict, title: str, texts: Mapping[str, str] | None = None
) -> str:
    """A page that plays ``figure`` with no server and no network: plotly.js
    is inlined, and so is the app's own play bar (ui/assets/controls.js, its
    words from ``texts`` as in ``chart(texts=...)``), which drives the frames."""
    layout = dict(figure.get("layout", {}))
    if isinstance(layout.get("template"), str):  # a name only plotly.py knows
        layout["template"] = pio.templates[layout["template"]].to_plotly_json()
    spec = to_json({**figure, "layout": layout}).replace("</", "<\\/")
    words = {k: v for k, v in (texts or {}).items() if k != "fallback"}
    return PAGE.format(
        title=_escape(title),
        plotly=_plotly_js().replace("</script", "<\\/script"),
        css=(ASSETS / "chart.css").read_text(encoding="utf-8"),
        controls=_inline(tags_script() + _scripts("controls.js", "batch.js")),
        texts=to_json(words).replace("</", "<\\/"),
        spec=spec,
    )


def _scripts(*names: str) -> str:
    """The app's own play bar and, on a data surface's map, the mini-batch
    level lines it draws when paused or scrubbed (ui/assets/batch.js)."""
    return "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in names)


def _inline(script: str) -> str:
    return script.replace("</script", "<\\/script")


def _plotly_js() -> str:
    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(
        encoding="utf-8"
    )


PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<script>{plotly}</script>
<style>
html, body {{ margin: 0; font-family: sans-serif; }}
#plot {{ position: relative; width: 100%; }}
#plot > div {{ position: absolute; inset: 0; }}
{css}
</style>
</head><body><div id="plot"><div id="back"></div><div id="front"></div></div>
<script>
{controls}
// As in the app: the contour ("background" traces) on a static layer behind,
// paths and frames on a transparent layer in front, so playing never wipes
// the map (one plot's frames would, see plotly.js #2151); the app's play bar
// under it.
const spec = {spec};
const config = {{displaylogo: false, responsive: true}};
const texts = {texts};
const isBack = (t) => t && t.meta === TAGS.background;
const back = spec.data.filter(isBack);
const front = spec.data.filter((t) => !isBack(t));
const index = [];
let kept = 0;
spec.data.forEach((t, i) => {{ index[i] = isBack(t) ? -1 : kept++; }});
const frames = (spec.frames || []).map(
  (f) => ({{...f, traces: (f.traces || []).map((i) => index[i])}}));
const shown = playable(spec);
const layout = shown.layout;
const box = document.getElementById("plot");
const m = layout.margin || {{}};
box.style.height = (layout.height || 640) + "px";
// The map is square: keep its colour bar beside it, not at the window's edge.
box.style.maxWidth = (layout.height || 640) - (m.t || 0) - (m.b || 0)
  + (m.l || 0) + (m.r || 0) + "px";
const hidden = (a) => ({{...(a || {{}}), visible: false}});
Plotly.newPlot("back", back, {{...layout, xaxis: hidden(layout.xaxis),
  yaxis: hidden(layout.yaxis), showlegend: false}},
  {{...config, staticPlot: true}});
Plotly.newPlot("front", {{data: front, frames, config, layout: {{...layout,
  paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
  xaxis: {{...layout.xaxis, showgrid: false}},
  yaxis: {{...(layout.yaxis || {{}}), showgrid: false}}}}}}).then((gd) => {{
  // A map narrower than square (a data surface's box): its colour bar
  // follows its right edge, as in the app (ui/assets/chart.js).
  const place = () => {{
    const x = gd._fullLayout.xaxis.domain[1]
      + TAGS.colorbarGap / gd._fullLayout._size.w;
    Plotly.restyle("back", {{"colorbar.x": x, "colorbar.xanchor": "left"}}, [0]);
  }};
  if ((layout.xaxis || {{}}).constrain === "domain" && back.length) {{
    place();
    // After plotly.js has fitted the plot to a resized window.
    window.addEventListener("resize", () => setTimeout(place, 300));
  }}
  // Zoom and pan in front are mirrored behind.
  gd.on("plotly_relayout", (event) => {{
    const update = {{}};
    for (const [k, v] of Object.entries(event || {{}})) {{
      if (/^[xy]axis[.](range|autorange)/.test(k)) update[k] = v;
    }}
    if (Object.keys(update).length) Plotly.relayout("back", update);
  }});
  const anim = shown.animated
    ? {{frames, redraw: shown.redraw, duration: shown.duration}} : null;
  const look = {{texts, speed: 1, large: ((layout.font || {{}}).size || 0) >= 20,
    left: m.l || 60}};
  holdBatch(Plotly, box, gd, spec.layout, "");  // before the bar speaks
  controls(Plotly, box, gd, anim, look);
  // The bar as wide as the map above it, not the window.
  const bar = barOf(box);
  if (bar) bar.style.maxWidth = parseFloat(box.style.maxWidth) - look.left + "px";
  installPlayKeys();
}});
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
            data=lambda: standalone_html(figure(), "Descent Lab", chart_texts(lang)),
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
