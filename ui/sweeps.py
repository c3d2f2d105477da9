"""The hyperparameter-map page's state and address.

State lives in one :class:`~ui.sweeps_settings.Settings` under
``state.SW_SETTINGS``; every widget (ui/sweeps_sidebar.py) is seeded from it
before it is drawn and writes back into it from its callback, which also
puts the settings in the address (a history entry, as the other pages with
their own keys). A link's values are read when the address changed since the
last rerun; what cannot be used is said once, above the map. The picked
cell (its axis values) and a click not read yet are session values no widget
owns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from ui import state
from ui.page_query import Notice
from ui.page_url import PageUrl
from ui.sweeps_query import parse_query
from ui.sweeps_settings import QUERY_KEYS, Settings
from ui.texts import t

URL = PageUrl(QUERY_KEYS, state.SW_SETTINGS, state.SW_URL_SEEN, state.SW_NOTICES)


def settings() -> Settings:
    return st.session_state.get(state.SW_SETTINGS) or Settings()


def notice_text(notice: Notice, lang: str) -> str:
    return t(
        f"sw_notice_{notice.code}",
        lang,
        what=notice.what,
        given=notice.given,
        used=t("sw_using", lang, used=notice.used)
        if notice.used
        else t("sw_ignored", lang),
    )


def read_url(lang: str) -> None:
    """Adopt a link's settings (see ``ui.page_url``); a new map forgets the
    picked cell."""

    def adopted(new: Settings) -> None:
        if new != settings():
            st.session_state[state.SW_PICKED] = None

    URL.read(parse_query, lambda n: notice_text(n, lang), adopted)


def take_notices() -> list[str]:
    return URL.take_notices()


def store(new: Settings, lang: str) -> None:
    """Keep ``new`` and put it in the address."""
    URL.store(new, new.to_query(), lang)


def seed(field: str, value) -> str:
    """Seed the widget of a Settings field; its key."""
    return state.seed(state.w_sw(field), value)


def on(field: str, lang: str, convert: Callable = lambda v: v) -> Callable:
    """A callback that writes its widget's value into ``field``; a cleared
    picker (None) changes nothing."""

    def changed() -> None:
        value = st.session_state.get(state.w_sw(field))
        if value is not None:
            store(replace(settings(), **{field: convert(value)}), lang)

    return changed


def clicked(chart_key: str) -> Callable[[], None]:
    """The chart's on_click: keep the clicked cell for the next run to read
    (the map it belongs to is computed there)."""

    def remember() -> None:
        result = st.session_state.get(chart_key)
        cell = getattr(result, "cell", None)
        if cell is None and isinstance(result, dict):
            cell = result.get("cell")
        if cell is not None:
            st.session_state[state.SW_CLICK] = cell

    return remember


def take_click() -> object | None:
    return st.session_state.pop(state.SW_CLICK, None)


def picked() -> dict[str, float] | None:
    return st.session_state.get(state.SW_PICKED)


def pick(values: dict[str, float] | None) -> None:
    st.session_state[state.SW_PICKED] = values
