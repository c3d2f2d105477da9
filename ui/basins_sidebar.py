"""The basins page's sidebar: the surface, the two methods (each with its
main hyperparameters, within the registry's ranges), the grid and the steps."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from surfaces import get_surface
from ui import state
from ui.basins import settings, store
from ui.basins_settings import (
    METHODS,
    RESOLUTIONS,
    STEP_OPTIONS,
    STRIP,
    SURFACE_KEYS,
    Settings,
    Side,
    specs,
)
from ui.names import optimizer_name, param_label, surface_name
from ui.texts import t
from ui.widgets import number_slider

SIDES = ("left", "right")


def sidebar(lang: str) -> Settings:
    """Draws the sidebar; returns the settings."""
    s = settings()
    bar = st.sidebar
    bar.selectbox(
        t("basins_surface", lang),
        SURFACE_KEYS,
        format_func=lambda k: surface_name(k, lang),
        key=state.seed(state.w_bs("surface"), s.surface),
        on_change=_surface,
        args=(lang,),
    )
    for index, side in enumerate(s.sides):
        _method(index, side, lang)
    dim = get_surface(s.surface).dim
    bar.select_slider(
        t("basins_resolution", lang),
        options=RESOLUTIONS,
        format_func=lambda r: str(r * STRIP) if dim == 1 else f"{r} × {r}",
        key=state.seed(state.w_bs("resolution"), s.resolution),
        on_change=_field,
        args=("resolution", lang),
        help=t("basins_resolution_help", lang),
    )
    bar.select_slider(
        t("basins_steps", lang),
        options=STEP_OPTIONS,
        key=state.seed(state.w_bs("steps"), s.steps),
        on_change=_field,
        args=("steps", lang),
    )
    return settings()


def _method(index: int, side: Side, lang: str) -> None:
    bar = st.sidebar
    bar.markdown(f"**{t('basins_method_header', lang, n=index + 1)}**")
    bar.selectbox(
        t("basins_method", lang),
        METHODS,
        format_func=lambda k: optimizer_name(k, lang),
        key=state.seed(state.w_bs(f"{SIDES[index]}.method"), side.method),
        on_change=_pick_method,
        args=(index, lang),
    )
    values = side.values()
    with bar:
        for key, spec in specs(side.method).items():
            number_slider(
                spec,
                state.w_bs_hyper(SIDES[index], side.method, key),
                param_label(key, spec.symbol, lang),
                values[key],
                on_change=lambda i=index, k=key: _set_value(i, k, lang),
            )


def _surface(lang: str) -> None:
    picked = st.session_state.get(state.w_bs("surface"))
    if picked in SURFACE_KEYS:  # a new surface: the old pick means nothing
        store(replace(settings(), surface=picked, pick=None), lang)


def _field(name: str, lang: str) -> None:
    value = st.session_state.get(state.w_bs(name))
    if value is not None:
        store(replace(settings(), **{name: int(value)}), lang)


def _pick_method(index: int, lang: str) -> None:
    method = st.session_state.get(state.w_bs(f"{SIDES[index]}.method"))
    if method in METHODS:
        store(settings().with_side(index, Side.of(method)), lang)


def _set_value(index: int, key: str, lang: str) -> None:
    s = settings()
    side = s.sides[index]
    value = st.session_state.get(state.w_bs_hyper(SIDES[index], side.method, key))
    if value is not None:
        store(s.with_side(index, side.with_value(key, float(value))), lang)
