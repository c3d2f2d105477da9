"""The hyperparameter-map page's sidebar: the surface (and its parameters),
the method, the axes and their ranges, the resolution, the steps, the start
and the method's other hyperparameters (fixed over the map)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from optimizers import OPTIMIZERS
from surfaces import SURFACES
from ui import state
from ui.names import optimizer_name, param_label, param_word, surface_name
from ui.sweeps import on, pick, seed, settings, store
from ui.sweeps_compute import lambda_max
from ui.sweeps_settings import (
    METHODS,
    NONE,
    RESOLUTIONS,
    STEP_OPTIONS,
    SURFACE_KEYS,
    Settings,
    axis_specs,
    for_method,
    fresh_axes,
    range_options,
)
from ui.texts import t
from ui.widgets import number_slider


def _lmax(s: Settings) -> float | None:
    return lambda_max(s.surface, s.surface_params)


def sidebar(lang: str) -> Settings:
    """Every setting of the map but the quantity and the search (on the page)."""
    s = settings()
    with st.sidebar:
        _surface(s, lang)
        _method(s, lang)
        _grid(s, lang)
        _others(s, lang)
    return settings()


def _surface(s: Settings, lang: str) -> None:
    st.markdown(f"**{t('sw_surface_header', lang)}**")
    st.selectbox(
        t("sw_surface", lang),
        SURFACE_KEYS,
        format_func=lambda k: surface_name(k, lang),
        key=seed("surface", s.surface),
        on_change=_new_surface,
        args=(lang,),
        help=t("sw_surface_help", lang),
    )
    for spec in SURFACES[s.surface].params:
        number_slider(
            spec,
            state.w_sw(f"sp.{spec.key}"),
            param_label(spec.key, spec.symbol, lang),
            dict(s.surface_params).get(spec.key, spec.default),
            on_change=_set_surface_param,
            help=None,
        )
    box = SURFACES[s.surface].domain
    x, y = s.start_point()
    left, right = st.columns(2)
    for column, axis, value, (lo, hi) in ((left, 0, x, box[0]), (right, 1, y, box[1])):
        column.number_input(
            t("sw_start", lang, axis="xy"[axis]),
            min_value=float(lo),
            max_value=float(hi),
            step=0.1,
            key=seed(f"start.{axis}", float(value)),
            on_change=_set_start,
            args=(lang,),
        )


def _new_surface(lang: str) -> None:
    key = st.session_state.get(state.w_sw("surface"))
    if key not in SURFACE_KEYS:
        return
    old = settings()
    new = replace(old, surface=key, start=None, surface_params=(), axes=(), ranges=())
    pick(None)
    store(fresh_axes(new, old.axes, _lmax(new)), lang)


def _set_surface_param(*_: object) -> None:
    s = settings()
    values = {
        p.key: float(st.session_state[state.w_sw(f"sp.{p.key}")])
        for p in SURFACES[s.surface].params
        if state.w_sw(f"sp.{p.key}") in st.session_state
    }
    store(replace(s, surface_params=tuple(sorted(values.items()))), state.lang())


def _set_start(lang: str) -> None:
    s = settings()
    x, y = s.start_point()
    x = st.session_state.get(state.w_sw("start.0"), x)
    y = st.session_state.get(state.w_sw("start.1"), y)
    store(replace(s, start=(float(x), float(y))), lang)


def _method(s: Settings, lang: str) -> None:
    st.markdown(f"**{t('sw_method_header', lang)}**")
    st.selectbox(
        t("sw_method", lang),
        METHODS,
        format_func=lambda k: optimizer_name(k, lang),
        key=seed("method", s.method),
        on_change=_new_method,
        args=(lang,),
    )
    specs = axis_specs(s.method)
    st.selectbox(
        t("sw_axis_x", lang),
        list(specs),
        format_func=lambda k: param_word(k, lang),
        key=seed("axis_x", s.axes[0]),
        on_change=_new_axes,
        args=(lang,),
    )
    others = [NONE, *(k for k in specs if k != s.axes[0])]
    st.selectbox(
        t("sw_axis_y", lang),
        others,
        format_func=lambda k: (
            t("sw_no_axis", lang) if k == NONE else param_word(k, lang)
        ),
        key=seed("axis_y", s.axes[1] if len(s.axes) > 1 else NONE),
        on_change=_new_axes,
        args=(lang,),
    )


def _new_method(lang: str) -> None:
    method = st.session_state.get(state.w_sw("method"))
    if method not in METHODS:
        return
    s = settings()
    pick(None)
    store(for_method(s, method, _lmax(s)), lang)


def _new_axes(lang: str) -> None:
    s = settings()
    x = st.session_state.get(state.w_sw("axis_x")) or s.axes[0]
    y = st.session_state.get(state.w_sw("axis_y")) or NONE
    axes = (x,) if y in (NONE, x) else (x, y)
    pick(None)
    store(fresh_axes(s, axes, _lmax(s)), lang)


def _grid(s: Settings, lang: str) -> None:
    st.markdown(f"**{t('sw_grid_header', lang)}**")
    for i, (spec, (lo, hi)) in enumerate(zip(s.specs(), s.ranges, strict=True)):
        options = range_options(spec, keep=(lo, hi))
        scale = t("sw_log_scale", lang) if spec.log else ""
        st.select_slider(
            t("sw_range", lang, name=param_word(spec.key, lang), scale=scale),
            options=options,
            key=seed(f"range.{i}.{spec.key}", (lo, hi)),
            format_func=lambda v: f"{v:g}",
            on_change=_set_range,
            args=(i, spec.key, lang),
        )
    st.select_slider(
        t("sw_resolution", lang),
        options=RESOLUTIONS,
        key=seed("resolution", s.resolution),
        on_change=on("resolution", lang, int),
        help=t("sw_resolution_help", lang),
    )
    st.select_slider(
        t("sw_steps", lang),
        options=STEP_OPTIONS,
        key=seed("steps", s.steps),
        on_change=on("steps", lang, int),
    )


def _set_range(i: int, key: str, lang: str) -> None:
    value = st.session_state.get(state.w_sw(f"range.{i}.{key}"))
    s = settings()
    if not isinstance(value, tuple | list) or len(value) != 2:
        return
    if i >= len(s.ranges) or s.axes[i] != key:
        return
    lo, hi = float(min(value)), float(max(value))
    if lo == hi:  # both ends on one stop: keep the old range, said next run
        st.session_state[state.w_sw(f"range.{i}.{key}")] = s.ranges[i]
        st.toast(t("sw_range_empty", lang))
        return
    ranges = list(s.ranges)
    ranges[i] = (lo, hi)
    store(replace(s, ranges=tuple(ranges)), lang)


def _others(s: Settings, lang: str) -> None:
    """The method's other hyperparameters, fixed over the map."""
    specs = [h for h in OPTIMIZERS[s.method].hyperparams if h.key not in s.axes]
    if not specs:
        return
    values = s.hyper()
    with st.expander(t("sw_fixed", lang)):
        for spec in specs:
            number_slider(
                spec,
                state.w_sw_hyper(s.method, spec.key),
                param_label(spec.key, spec.symbol, lang),
                values.get(spec.key, spec.default),
                on_change=_set_fixed,
                help=None,
            )


def _set_fixed(*_: object) -> None:
    s = settings()
    new = s
    for spec in OPTIMIZERS[s.method].hyperparams:
        key = state.w_sw_hyper(s.method, spec.key)
        if spec.key in s.axes or key not in st.session_state:
            continue
        value = float(st.session_state[key])
        if value != float(s.hyper().get(spec.key, spec.default)):
            new = new.with_fixed(spec.key, value)
    store(new, state.lang())
