"""The persistent Plotly chart every page uses (Streamlit components v2).

A figure's big traces that do not change between reruns (contour, surface,
click grid) are sent once and then referenced by hash; the browser keeps the
element and applies each rerun with ``Plotly.react``. plotly.js is served from
the installed plotly package through Streamlit's static serving, never a CDN.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import streamlit as st

from viz import to_json

ASSETS = Path(__file__).resolve().parent / "assets"
STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_FILE = f"plotly-{plotly.__version__}.min.js"
BIG_TRACE = 4_000  # characters of JSON from which a trace is stored by hash
SENT_LIMIT = 64  # hashes remembered per chart
# The chart's own session-state keys: the hashes each chart's browser holds
# ({key: set of hashes}), and, per chart key, a flag set when it failed to draw.
SENT_KEY = "_chart_sent"
FAILED_KEY_PREFIX = "_chart_failed."
FALLBACK_NOTICE = "The live chart could not load; showing the standard chart instead."

_COMPONENT = st.components.v2.component(
    "descent_lab_chart",
    js=(ASSETS / "chart.js").read_text(encoding="utf-8"),
    css=(ASSETS / "chart.css").read_text(encoding="utf-8"),
    # In a shadow root plotly's own CSS would not reach the chart (broken
    # modebar and colour bar) and clicks would not register.
    isolate_styles=False,
)


def _static_dir() -> Path:
    """Streamlit serves static/ beside the main script (app.py, or a test app)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    main = getattr(ctx, "main_script_path", None) if ctx else None
    return Path(main).resolve().parent / "static" if main else STATIC


def plotly_src() -> str | None:
    """URL of plotly.js copied from the plotly package into static/, or None."""
    static = _static_dir()
    target = static / PLOTLY_FILE
    if not target.exists():
        source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
        try:
            static.mkdir(exist_ok=True)
            shutil.copyfile(source, target)
        except OSError:
            return None
    return f"app/static/{PLOTLY_FILE}"


def figure_message(figure: dict, sent: set[str]) -> tuple[str, str]:
    """The figure as JSON, big traces as ``$store`` (first time) or ``$ref``,
    and a signature of its content (the same whether a trace is stored or
    referenced, so an unchanged figure is recognised and left alone).

    ``sent`` is updated with the hashes the browser will hold after this message.
    """
    parts, refs = [], []
    for trace in figure.get("data", []):
        text = to_json(trace)
        if len(text) < BIG_TRACE:
            parts.append(text)
            refs.append(text)
            continue
        digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
        ref = f'{{"$ref":"{digest}"}}'
        refs.append(ref)
        if digest in sent:
            parts.append(ref)
        else:
            parts.append(f'{{"$store":"{digest}","trace":{text}}}')
            sent.add(digest)
    rest = f'"layout":{to_json(figure.get("layout", {}))}'
    rest += f',"frames":{to_json(figure.get("frames", []))}'
    message = f'{{"data":[{",".join(parts)}],{rest}}}'
    content = f'{{"data":[{",".join(refs)}],{rest}}}'
    return message, hashlib.blake2b(content.encode(), digest_size=12).hexdigest()


def _sent(key: str) -> set[str]:
    memory = st.session_state.setdefault(SENT_KEY, {})
    sent = memory.setdefault(key, set())
    if len(sent) > SENT_LIMIT:
        sent.clear()
    return sent


def _forget(key: str) -> None:
    """The browser lacks a stored trace (a new tab, a cleared cache): resend all."""
    st.session_state.setdefault(SENT_KEY, {}).pop(key, None)


def chart(
    figure: dict | go.Figure,
    key: str,
    *,
    click_anywhere: bool = False,
    click_cells: bool = False,
    on_click: Callable[[], None] | None = None,
    defer: bool = False,
    texts: Mapping[str, str] | None = None,
    fit: bool = False,
    speed: float = 1.0,
    locale: Mapping[str, Any] | None = None,
) -> Any:
    """Show ``figure`` in the persistent chart; falls back to ``st.plotly_chart``.

    An animated figure gets a control bar (play, pause, step slider, speed);
    space plays or pauses and ←/→ step the first animated chart of the page
    whenever the focus is not in a control.

    Args:
        figure: a figure spec from viz (plain dicts, numpy arrays) or a Figure.
        key: a stable key; it keeps the element, and so zoom and camera.
        click_anywhere: report a click in the plotting area as ``click`` (x, y).
        click_cells: report a click on a heatmap cell as ``cell``.
        on_click: called before the rerun a click (or a cell) causes.
        defer: draw after the other charts have painted (heavy 3-D views).
        texts: the control bar's words: ``step`` (a prefix, or a template
            with ``{n}``), ``play``, ``pause``, ``speed``
            (``FigureTexts.controls()``); and ``fallback``, the notice shown
            above the standard chart when the live one failed. English where
            missing.
        fit: shrink the chart (never below 300 px nor above the figure's
            height) so the plot, its legend and the play bar fit in the
            browser window; re-fitted when the window is resized.
        speed: the animation's starting speed (1 = the figure's own pace);
            the bar's speed menu changes it in the browser only.
    """
    words = dict(texts or {})
    notice = words.pop("fallback", FALLBACK_NOTICE)
    if st.query_params.get("chart") == "plain":  # ?chart=plain: compare, or escape
        return _fallback(figure, key, notice=None)
    src = plotly_src()
    if src is None or st.session_state.get(FAILED_KEY_PREFIX + key):
        return _fallback(figure, key, notice=notice)
    spec = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    message, signature = figure_message(spec, _sent(key))
    height = int(spec.get("layout", {}).get("height") or 500)
    callbacks = {"on_missing_change": lambda: _forget(key)}
    if on_click is not None:
        callbacks["on_click_change"] = on_click
        callbacks["on_cell_change"] = on_click
    callbacks["on_failed_change"] = lambda: _mark_failed(key)
    return _COMPONENT(
        key=key,
        data={
            "figure": message,
            "signature": signature,
            "src": src,
            "height": height,
            "click_anywhere": click_anywhere,
            "click_cells": click_cells,
            "defer": defer,
            # locale: plotly's own words (tool-bar titles) in the page's language.
            "config": {"displaylogo": False, "responsive": True, **(locale or {})},
            "texts": words,
            "fit": fit,
            "speed": float(speed),
        },
        **callbacks,
    )


def _mark_failed(key: str) -> None:
    st.session_state[FAILED_KEY_PREFIX + key] = True


def _fallback(figure: dict | go.Figure, key: str, notice: str | None) -> None:
    if notice:
        st.caption(notice)
    if not isinstance(figure, go.Figure):
        figure = go.Figure(_one_layer(figure), _validate=False)
    # theme=None: the figure's own look (presentation type sizes included).
    st.plotly_chart(
        figure, key=f"{key}.fallback", config={"displaylogo": False}, theme=None
    )


def _one_layer(spec: dict) -> dict:
    """A single plotly chart may grow its margins (the legend's rows): only the
    component's two layers need them fixed."""
    layout = dict(spec.get("layout", {}))
    if "margin" in layout:
        layout["margin"] = {**layout["margin"], "autoexpand": True}
    return {**spec, "layout": layout}
