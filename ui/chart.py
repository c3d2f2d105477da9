"""The persistent Plotly chart every page uses (Streamlit components v2).

A figure's big traces that do not change between reruns (contour, surface,
click grid) are sent once and then referenced by hash; the browser keeps the
element and applies each rerun with ``Plotly.react``. plotly.js is served from
the installed plotly package through Streamlit's static serving, never a CDN.

The hashes this side counts as sent and the traces the browser stores follow
one rule, defined here (``SentTraces``, ``SENT_LIMIT``, sent to the browser as
``store_limit``) and mirrored in chart.js: first in, first out, at most
``SENT_LIMIT`` per chart. When the browser lacks a referenced trace anyway (a
message it never drew, a chart made anew) it says so and gets them all again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import streamlit as st

from viz import to_json
from viz.tags import BROWSER_TAGS, CHART_KEY, PLAIN

ASSETS = Path(__file__).resolve().parent / "assets"
STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_FILE = f"plotly-{plotly.__version__}.min.js"
BIG_TRACE = 4_000  # characters of JSON from which a trace is stored by hash
SENT_LIMIT = 64  # big traces stored per chart, on both sides
# After a failed draw, the reruns that show the standard chart before the live
# one is tried again (plotly.js may load then: a server back, a cache cleared).
FALLBACK_RERUNS = 3
# The chart's own session-state keys: the hashes each chart's browser holds
# ({key: SentTraces}), and, per chart key, the reruns left on the fallback.
SENT_KEY = "_chart_sent"
FAILED_KEY_PREFIX = "_chart_failed."
FALLBACK_NOTICE = "The live chart could not load; showing the standard chart instead."
# The play bar and the one reader of plotly.js internals come first: the
# exported page (ui/export.py) includes the same two files.
SCRIPTS = ("plot_info.js", "controls.js", "batch.js", "chart.js")


def tags_script() -> str:
    """``TAGS``: the trace tags and layout keys the JavaScript reads
    (viz/tags.py owns them), as the scripts' first line."""
    return f"const TAGS = Object.freeze({json.dumps(BROWSER_TAGS)});\n"


def script() -> str:
    """The component's JavaScript: its parts joined into one module."""
    parts = [(ASSETS / name).read_text(encoding="utf-8") for name in SCRIPTS]
    return tags_script() + "\n".join(parts)


_COMPONENT = st.components.v2.component(
    "descent_lab_chart",
    js=script(),
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


class SentTraces:
    """The hashes a chart's browser stores: first in, first out, at most
    ``limit``. chart.js's ``keep`` applies the same rule to the same messages,
    so a hash in here is one the browser holds."""

    def __init__(self, limit: int = SENT_LIMIT) -> None:
        self.limit = limit
        self._order: dict[str, None] = {}  # insertion-ordered

    def __contains__(self, digest: object) -> bool:
        return digest in self._order

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def add(self, digest: str) -> None:
        self._order.pop(digest, None)
        self._order[digest] = None
        while len(self._order) > self.limit:
            del self._order[next(iter(self._order))]


def figure_message(figure: dict, sent: SentTraces) -> tuple[str, str]:
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


def _sent(key: str) -> SentTraces:
    memory = st.session_state.setdefault(SENT_KEY, {})
    sent = memory.get(key)
    if not isinstance(sent, SentTraces):
        sent = memory[key] = SentTraces()
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
    provisional: bool = False,
    follow: str = "",
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
        provisional: a draw the same run replaces (st.rerun follows): its
            traces are sent whole and not counted as held, since the browser
            may never draw it.
        follow: the key of a chart on the page whose frames this one shows
            (its frames are named alike): no play bar of its own.
    """
    words = dict(texts or {})
    notice = words.pop("fallback", FALLBACK_NOTICE)
    if st.query_params.get(CHART_KEY) == PLAIN:
        return _fallback(figure, key, notice=None)
    src = plotly_src()
    if src is None or _on_fallback(key):
        return _fallback(figure, key, notice=notice)
    spec = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    sent = _sent(key)
    if provisional:
        sent = SentTraces(sent.limit)  # nothing counted: all sent whole
    message, signature = figure_message(spec, sent)
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
            "store_limit": SENT_LIMIT,
            "name": key,
            "follow": follow,
        },
        **callbacks,
    )


def _mark_failed(key: str) -> None:
    """Callback: the live chart failed. The standard chart stands in for a few
    reruns; the element is gone meanwhile, and with it the traces it stored."""
    st.session_state[FAILED_KEY_PREFIX + key] = FALLBACK_RERUNS
    _forget(key)


def _on_fallback(key: str) -> bool:
    """Whether this rerun shows the standard chart, counting down the reruns
    left since a failure; at zero the live chart is tried again."""
    name = FAILED_KEY_PREFIX + key
    left = int(st.session_state.get(name) or 0)
    if left <= 0:
        return False
    if left == 1:
        del st.session_state[name]
    else:
        st.session_state[name] = left - 1
    return True


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
    component's two layers need them fixed. Its frames stay still (the play
    bar is the component's), and the axes get the room the figure asks for
    under them (``meta.bottom``), as the component gives them."""
    layout = dict(spec.get("layout", {}))
    if "margin" in layout:
        layout["margin"] = {**layout["margin"], "autoexpand": True}
    bottom = (layout.get("meta") or {}).get("bottom")
    if bottom is not None and len(spec.get("frames") or []) > 1:
        layout["margin"] = {**layout.get("margin", {}), "b": bottom}
    return {**spec, "layout": layout}
