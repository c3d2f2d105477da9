"""The loss-landscape page's state and address.

State lives in one :class:`~ui.landscape_settings.Settings` under
``state.LS_SETTINGS``; every widget (ui/landscape_sidebar.py,
ui/landscape_controls.py) is seeded from it before it is drawn and writes
back into it from its callback (:func:`on`), which also puts the settings in
the address: a history entry, as the backprop page's graph, so Back returns
to the previous settings. A link's values are read when the address changed
since the last rerun; what cannot be used is said once, above the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from ui import state
from ui.landscape_query import parse_query
from ui.landscape_settings import MAX_LAYERS, MAX_WIDTH, QUERY_KEYS, Settings
from ui.page_query import Notice
from ui.page_url import PageUrl
from ui.texts import t

ACTIVATION_NAMES = {"tanh": "tanh", "relu": "ReLU"}
URL = PageUrl(QUERY_KEYS, state.LS_SETTINGS, state.LS_URL_SEEN, state.LS_NOTICES)


def settings() -> Settings:
    return st.session_state.get(state.LS_SETTINGS) or Settings()


def notice_text(notice: Notice, lang: str) -> str:
    return t(
        f"ls_notice_{notice.code}",
        lang,
        what=notice.what,
        given=notice.given,
        used=notice.used,
        layers=MAX_LAYERS,
        width=MAX_WIDTH,
    )


def read_url(lang: str) -> None:
    """Adopt a link's settings (see ``ui.page_url``)."""
    URL.read(parse_query, lambda n: notice_text(n, lang))


def take_notices() -> list[str]:
    return URL.take_notices()


def store(new: Settings, lang: str) -> None:
    """Keep ``new`` (its pickers pointing at chosen methods) and put it in
    the address."""
    new = new.tidy()
    URL.store(new, new.to_query(), lang)


def refuse(message: str) -> None:
    """Say why a typed value was not taken (under the sidebar's field)."""
    st.session_state[state.LS_REFUSED] = message


def take_refusal() -> str | None:
    return st.session_state.pop(state.LS_REFUSED, None)


def seed(field: str, value) -> str:
    """Seed the widget of a Settings field; its key."""
    return state.seed(state.w_ls(field), value)


def on(field: str, lang: str, convert: Callable = lambda v: v) -> Callable:
    """A callback that writes its widget's value into ``field``. A cleared
    picker (None) changes nothing: its widget is seeded again next run."""

    def changed() -> None:
        value = st.session_state.get(state.w_ls(field))
        if value is None:
            return
        store(replace(settings(), **{field: convert(value)}), lang)

    return changed
