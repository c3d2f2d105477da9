"""The networks page's settings in the session and in the address
(``?data=moons&net=8-8-8…``), the notices about a link, and the switches under
the charts (the sidebar's widgets are in ``ui/networks_sidebar.py``).

The settings live in one session-state value (``state.NN_SETTINGS``, a
``NetSettings``): widgets are seeded from it before they are drawn and write
into it from their callbacks, which also put the changed settings in the
address. Nothing typed is evaluated: widths are matched by a pattern, links
are read by ``networks_settings.from_query``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from scenes import Notice
from scenes.limits import VALUE_MOST
from scenes.query import VIEWER_KEYS
from ui import state
from ui.networks_settings import (
    SEED_HIGH,
    URL_KEYS,
    NetSettings,
    can_compare,
    from_query,
    to_query,
)
from ui.texts import notice_text, t

# The vanishing-gradient example: three tanh layers, N(0, 0.01²), plain GD.
VANISHING = {
    "hidden": (16, 16, 16),
    "activation": "tanh",
    "init": "gaussian",
    "sigma": 0.01,
    "method": "gd",
    "lr": 0.5,
    "hyper": (),
    "compare_inits": True,
}


def settings() -> NetSettings:
    found = st.session_state.get(state.NN_SETTINGS)
    return found if isinstance(found, NetSettings) else NetSettings()


def change(lang: str, **fields: object) -> None:
    """New settings, written into the address (a history entry: Back undoes)."""
    new = replace(settings(), **fields)
    st.session_state[state.NN_SETTINGS] = new
    kept = {k: st.query_params[k] for k in VIEWER_KEYS if k in st.query_params}
    query = to_query(new) | kept | {"lang": lang}
    st.query_params.from_dict(query)
    st.session_state[state.NN_URL_SEEN] = {
        k: [v] for k, v in query.items() if k in URL_KEYS
    }


# --- the address ------------------------------------------------------------


def read_url() -> None:
    """Adopt the page's parameters when they changed since the last rerun (a
    link, Back or Forward). An address without any leaves the session's
    settings (a page change clears the address)."""
    received = {k: st.query_params.get_all(k) for k in st.query_params}
    received = {k: v for k, v in received.items() if k in URL_KEYS}
    if received == st.session_state.get(state.NN_URL_SEEN):
        return
    st.session_state[state.NN_URL_SEEN] = received
    if not received:
        return
    notices, query = [], {}
    for key, values in received.items():
        if len(values) > 1:
            notices.append(Notice("repeated", key, str(len(values))))
        if len(values[-1]) > VALUE_MOST:
            notices.append(Notice("too_long", key))
            continue
        query[key] = values[-1]
    new, more = from_query(query)
    st.session_state[state.NN_SETTINGS] = new
    st.session_state[state.NN_STEP] = None
    st.session_state[state.NN_NOTICES] = notices + more


def show_notices(lang: str) -> None:
    """What a link asked for that the page did not take, said once."""
    notices = st.session_state.pop(state.NN_NOTICES, None)
    if notices:
        lines = "\n".join(f"- {notice_text(n, lang)}" for n in notices)
        st.warning(f"{t('notices', lang)}\n{lines}")


def writes(field: str, lang: str, convert: Callable = lambda v: v) -> Callable:
    """A callback writing widget ``w_nn(field)``'s value into ``field``."""

    def changed() -> None:
        change(lang, **{field: convert(st.session_state[state.w_nn(field)])})

    return changed


def toggles(s: NetSettings, lang: str) -> None:
    """The two comparisons, and the vanishing-gradient example."""
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        state.seed(state.w_nn("compare_decay"), s.compare_decay)
        st.toggle(
            t("nn_compare_decay", lang),
            key=state.w_nn("compare_decay"),
            disabled=not can_compare(s),
            on_change=writes("compare_decay", lang, bool),
        )
        state.seed(state.w_nn("compare_inits"), s.compare_inits)
        st.toggle(
            t("nn_compare_inits", lang),
            key=state.w_nn("compare_inits"),
            on_change=writes("compare_inits", lang, bool),
        )
        st.button(
            t("nn_vanishing", lang),
            key=state.W_NN_VANISHING,
            icon=":material/trending_down:",
            help=t("nn_vanishing_help", lang),
            on_click=lambda: change(lang, **VANISHING),
        )


def select(field, options, value, label, lang, fmt, on_change=None, **extra):
    """A select box for a settings field; ``on_change`` (called with ``lang``)
    replaces the plain write."""
    state.seed(state.w_nn(field), value)
    callback = on_change or writes(field, lang)
    st.selectbox(
        label,
        options,
        key=state.w_nn(field),
        format_func=fmt,
        on_change=callback,
        args=(lang,) if on_change else (),
        **extra,
    )


def choice_slider(field, choices, value, label, lang, fmt, **extra) -> None:
    """A select slider over readable ``choices``, plus the current value (a
    link may hold another)."""
    options = sorted({*choices, value})
    state.seed(state.w_nn(field), value)
    st.select_slider(
        label,
        options,
        key=state.w_nn(field),
        format_func=fmt,
        on_change=writes(field, lang),
        **extra,
    )


def seed_input(field: str, value: int, label: str, lang: str) -> None:
    """A seed: a whole number typed or stepped (the widget refuses other text)."""
    state.seed(state.w_nn(field), int(value))
    st.number_input(
        label,
        0,
        SEED_HIGH,
        step=1,
        key=state.w_nn(field),
        on_change=writes(field, lang, int),
    )
