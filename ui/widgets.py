"""Sidebar widgets generated from the registries' specs."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from optimizers import OPTIMIZERS, HyperParam
from surfaces import SURFACES, Surface, SurfaceParam
from ui.texts import LANGUAGES, t

MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
DEFAULT_SURFACE = "valley"
DEFAULT_OPTIMIZERS = ("gd", "momentum", "adam")


def log_options(low: float, high: float) -> list[float | int]:
    """Readable log-spaced values (1, 1.5, 2, 3, 5, 7 per decade) within a range."""
    values = [
        float(f"{m * 10.0**e:.6g}")
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in MANTISSAS
    ]
    # Whole numbers as ints, so that str(option) reads like its label (AppTest
    # matches options by str).
    return [
        int(v) if v >= 1 and v.is_integer() else v
        for v in values
        if low * (1 - 1e-9) <= v <= high * (1 + 1e-9)
    ]


def nearest(options: list[float], value: float) -> float:
    """The option closest to ``value`` (in log distance for positive values)."""
    arr = np.asarray(options)
    if value > 0 and arr.min() > 0:
        return options[int(np.argmin(np.abs(np.log(arr) - math.log(value))))]
    return options[int(np.argmin(np.abs(arr - value)))]


def linear_step(spec: HyperParam | SurfaceParam) -> float:
    if spec.high - spec.low <= 0.2:
        return 0.0001
    return 0.001 if spec.high <= 1 else 0.01 if spec.high <= 10 else 0.5


def number_slider(spec: HyperParam | SurfaceParam, key: str, label: str) -> float:
    """One slider for a numeric spec; log specs snap to readable values."""
    if getattr(spec, "integer", False):
        st.session_state.setdefault(key, int(spec.default))
        low, high = int(spec.low), int(spec.high)
        return float(st.slider(label, min_value=low, max_value=high, step=1, key=key))
    if spec.log:
        options = log_options(spec.low, spec.high)
        st.session_state.setdefault(key, nearest(options, spec.default))
        return float(
            st.select_slider(label, options=options, key=key, format_func=_fmt)
        )
    st.session_state.setdefault(key, float(spec.default))
    step = linear_step(spec)
    return float(
        st.slider(
            label,
            min_value=float(spec.low),
            max_value=float(spec.high),
            step=step,
            key=key,
            format=_format(step),
        )
    )


def _format(step: float) -> str:
    """Shown digits that match the slider's step."""
    for finest, text in ((0.001, "%.4g"), (0.01, "%.3f"), (0.5, "%.2f")):
        if step < finest:
            return text
    return "%.1f"


def _fmt(value: float) -> str:
    return f"{value:g}"


def language_picker() -> str:
    st.session_state.setdefault("lang", "en")
    return (
        st.sidebar.segmented_control(
            "Language / 语言",
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key="lang",
        )
        or "en"
    )


def surface_picker(lang: str) -> Surface:
    st.session_state.setdefault("surface", DEFAULT_SURFACE)
    key = st.sidebar.selectbox(
        t("surface", lang),
        options=list(SURFACES),
        format_func=lambda k: SURFACES[k].title,
        key="surface",
    )
    return SURFACES[key]


def surface_params(surface: Surface, lang: str) -> dict[str, float]:
    if not surface.params:
        return {}
    with st.sidebar.expander(t("surface_params", lang), expanded=True):
        return {
            p.key: number_slider(p, f"sp.{surface.key}.{p.key}", p.key)
            for p in surface.params
        }


def optimizer_picker(lang: str) -> list[str]:
    st.session_state.setdefault("optimizers", list(DEFAULT_OPTIMIZERS))
    return st.sidebar.multiselect(
        t("optimizers", lang),
        options=list(OPTIMIZERS),
        format_func=lambda k: OPTIMIZERS[k].title,
        key="optimizers",
    )


def start_inputs(surface: Surface, lang: str) -> tuple[float, ...]:
    """Number inputs for the start point, reset when the surface changes."""
    names = ("x", "y")[: surface.dim]
    if st.session_state.get("start.surface") != surface.key:
        st.session_state["start.surface"] = surface.key
        for name, value in zip(names, surface.start, strict=True):
            st.session_state[f"start.{name}"] = float(value)
    st.sidebar.markdown(f"**{t('start', lang)}** — {t('start_hint', lang)}")
    columns = st.sidebar.columns(surface.dim)
    return tuple(
        float(col.number_input(name, key=f"start.{name}", step=0.1, format="%.3f"))
        for col, name in zip(columns, names, strict=True)
    )


def current_start(surface: Surface) -> tuple[float, ...]:
    """The start point as the inputs (or a click on the map) last set it."""
    names = ("x", "y")[: surface.dim]
    return tuple(
        float(st.session_state.get(f"start.{n}", v))
        for n, v in zip(names, surface.start, strict=True)
    )


def set_start_from_click(chart_key: str) -> None:
    """on_click callback: the clicked position becomes the start point."""
    result = st.session_state.get(chart_key)
    click = getattr(result, "click", None) or {}
    try:
        x, y = float(click["x"]), float(click["y"])
    except (KeyError, TypeError, ValueError):
        return  # a malformed message from the browser changes nothing
    st.session_state["start.x"] = x
    st.session_state["start.y"] = y
