"""The URL holds the scene: read at session start and after a navigation,
written (without a history entry or a rerun) after every change."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlencode

import streamlit as st

from scenes import Notice, Scene
from scenes.query import LANG_KEY, RUN_KEY, SCENE_KEYS
from ui import state
from ui.texts import t

ASSETS = Path(__file__).resolve().parent / "assets"

_COMPONENT = st.components.v2.component(
    "descent_lab_link",
    js=(ASSETS / "link.js").read_text(encoding="utf-8"),
    css=(ASSETS / "link.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def received_query() -> dict[str, list[str]]:
    """The query string of this rerun, every value of repeated keys kept."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def read_url() -> None:
    """Adopt the URL's scene at session start, and when the URL changed since
    the last rerun (Back/Forward, a hand-edited address); otherwise the
    session's scene stands. The frontend may keep resending the query it
    started with, so only a change counts, never a mere difference."""
    query = received_query()
    seen = st.session_state.get(state.URL_SEEN)
    st.session_state[state.URL_SEEN] = query
    started = state.SCENE in st.session_state
    # Our own replaceState shows up as a change too: that one is no news.
    if started and query in (seen, st.session_state.get(state.URL_WRITTEN)):
        return
    _read_lang(query)
    if not any(k in SCENE_KEYS or RUN_KEY.fullmatch(k) for k in query):
        if not started:
            state.set_scene(Scene())
        return
    scene, notices = Scene.parse_query(query)
    if not started or scene != state.scene():
        state.set_scene(scene)
        state.add_notices(notices)


def _read_lang(query: dict[str, list[str]]) -> None:
    values = query.get(LANG_KEY)
    if not values:
        return
    if values[-1] in state.LANGUAGES:
        st.session_state[state.LANG] = values[-1]
    else:
        state.add_notices([Notice("unreadable", LANG_KEY, values[-1][:20], "en")])


def query_string(scene: Scene, lang: str) -> str:
    """The address's query for ``scene``, readable (commas and colons kept)."""
    return urlencode(scene.to_query() | {LANG_KEY: lang}, safe=",:")


def link_bar(scene: Scene, lang: str) -> None:
    """Writes the URL (history.replaceState: no history entry, no rerun) and
    shows "copy link" with a selectable address for where the clipboard is
    refused (plain http on a LAN address)."""
    query = query_string(scene, lang)
    st.session_state[state.URL_WRITTEN] = parse_qs(query, keep_blank_values=True)
    _COMPONENT(
        key="link",
        data={
            "query": query,
            "copy": t("copy_link", lang),
            "copied": t("link_copied", lang),
            "select": t("link_select", lang),
        },
    )
