"""Sidebar widgets, each seeded from the scene and writing back into it."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import streamlit as st

from optimizers import HyperParam
from scenes import TYPED, Scene, View
from scenes.limits import MAX_STEPS, MIN_STEPS
from scenes.query import fmt, number
from scenes.validate import fit_batches
from surfaces import SURFACES, Surface, SurfaceParam
from ui import state, typed
from ui.names import param_label, param_word
from ui.texts import LANGUAGE_NAMES, t

MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)


def log_options(low: float, high: float, keep: float | None = None) -> list[float]:
    """Readable log-spaced values (1, 1.5, 2, 3, 5, 7 per decade) within a range,
    plus ``keep``: a scene's value (1/6, 0.27) is shown exactly, never snapped."""
    values = {
        float(f"{m * 10.0**e:.6g}")
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in MANTISSAS
    }
    values = {v for v in values if low * (1 - 1e-9) <= v <= high * (1 + 1e-9)}
    if keep is not None and low <= keep <= high:
        values.add(float(keep))
    # Whole numbers as ints, so that str(option) reads like its label (AppTest
    # matches options by str).
    return [int(v) if v >= 1 and v.is_integer() else v for v in sorted(values)]


def nearest(options: list[float], value: float) -> float:
    """The option closest to ``value`` (in log distance for positive values)."""
    arr = np.asarray(options, dtype=float)
    if value > 0 and arr.min() > 0:
        return options[int(np.argmin(np.abs(np.log(arr) - math.log(value))))]
    return options[int(np.argmin(np.abs(arr - value)))]


def linear_step(spec: HyperParam | SurfaceParam) -> float:
    if spec.high - spec.low <= 0.2:
        return 0.0001
    return 0.001 if spec.high <= 1 else 0.01 if spec.high <= 10 else 0.5


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def number_slider(
    spec: HyperParam | SurfaceParam,
    key: str,
    label: str,
    value: float,
    on_change,
    help: str | None = None,
) -> None:
    """One slider for a numeric spec, seeded with ``value``; log specs show
    readable values plus the current one."""
    if getattr(spec, "integer", False):
        state.seed(key, int(value))
        st.slider(
            label,
            int(spec.low),
            int(spec.high),
            step=1,
            key=key,
            on_change=on_change,
            help=help,
        )
    elif spec.log:
        options = log_options(spec.low, spec.high, keep=value)
        state.seed(key, nearest(options, value))
        st.select_slider(
            label, options=options, key=key, format_func=_fmt, on_change=on_change
        )
    else:
        step = linear_step(spec)
        state.seed(key, float(value))
        st.slider(
            label,
            min_value=float(spec.low),
            max_value=float(spec.high),
            step=step,
            key=key,
            format=_format(step),
            on_change=on_change,
        )


def _format(step: float) -> str:
    """Shown digits that match the slider's step."""
    for finest, text in ((0.001, "%.4g"), (0.01, "%.3f"), (0.5, "%.2f")):
        if step < finest:
            return text
    return "%.1f"


def language_picker() -> str:
    """English / 简体中文: a viewer setting kept outside the scene (and in the URL)."""
    state.seed(state.W_LANG, state.lang())

    def changed() -> None:
        st.session_state[state.LANG] = st.session_state.get(state.W_LANG) or "en"

    st.sidebar.segmented_control(
        "Language / 语言",
        options=list(state.LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        key=state.W_LANG,
        on_change=changed,
    )
    return state.lang()


def surface_picker(scene: Scene, lang: str) -> None:
    def changed() -> None:
        key = st.session_state[state.W_SURFACE]
        if key == TYPED:
            typed.choose_typed()
            return
        # A new surface starts from its own default start and parameters.
        state.change(surface=key, start=None, surface_params={}, lesson="")

    state.seed(state.W_SURFACE, scene.surface)
    st.sidebar.selectbox(
        t("surface", lang),
        options=[*SURFACES, TYPED],  # the teacher's own function last
        format_func=lambda k: typed.surface_title(replace(scene, surface=k), lang),
        key=state.W_SURFACE,
        on_change=changed,
    )
    if scene.surface == TYPED:
        typed.function_field(scene, lang)


def surface_params(scene: Scene, surface: Surface, lang: str) -> None:
    if not surface.params:
        return

    def changed(key: str) -> None:
        value = float(st.session_state[state.w_surface_param(key)])
        state.change(surface_params={**state.scene().surface_params, key: value})
        fitted, notices = fit_batches(state.scene())  # fewer points than K: K = N
        state.set_scene(fitted)
        state.add_notices(notices)

    with st.sidebar.expander(t("surface_params", lang), expanded=True):
        for p in surface.params:
            if p.integer and (p.low, p.high) == (0.0, 1.0):  # a switch
                switch(p, scene.surface_params.get(p.key, p.default), lang, changed)
                continue
            number_slider(
                p,
                state.w_surface_param(p.key),
                param_label(p.key, p.symbol, lang),
                scene.surface_params.get(p.key, p.default),
                on_change=lambda k=p.key: changed(k),
            )


def switch(p: SurfaceParam, value: float, lang: str, changed) -> None:
    """A 0/1 surface parameter as a toggle (the parameter stays a number)."""
    key = state.w_surface_param(p.key)
    state.seed(key, bool(value >= 0.5))

    def flipped() -> None:
        # The toggle holds a bool: the scene gets 0.0 or 1.0 as for a slider.
        value = 1.0 if st.session_state[key] else 0.0
        state.change(surface_params={**state.scene().surface_params, p.key: value})

    st.toggle(param_word(p.key, lang), key=key, on_change=flipped)


def steps_slider(scene: Scene, lang: str) -> None:
    def changed() -> None:
        state.change(steps=int(st.session_state[state.W_STEPS]))

    state.seed(state.W_STEPS, scene.steps)
    st.sidebar.slider(
        t("steps", lang), MIN_STEPS, MAX_STEPS, key=state.W_STEPS, on_change=changed
    )


def start_inputs(scene: Scene, surface: Surface, lang: str) -> None:
    """Typed start coordinates: unreadable text is refused with a message and
    the previous value kept (a number input would turn "abc" into 0)."""
    start = scene.start_point()
    hint = t("start_hint", lang) if surface.dim == 2 else t("start_hint_1d", lang)
    st.sidebar.markdown(f"**{t('start', lang)}** — {hint}")
    columns = st.sidebar.columns(surface.dim)
    for axis, (col, name) in enumerate(zip(columns, "xy", strict=False)):
        key = state.w_start(axis)
        state.seed(key, fmt(float(start[axis])))
        col.text_input(name, key=key, on_change=_start_changed, args=(axis, lang))


def _start_changed(axis: int, lang: str) -> None:
    scene = state.scene()
    text = st.session_state.get(state.w_start(axis), "")
    value = number(str(text).strip().replace(" ", ""))
    if value is None:
        st.session_state[state.START_REFUSED] = t("start_refused", lang, text=text[:40])
        return
    point = list(scene.start_point())
    point[axis] = value
    clean, notices = replace(scene, start=tuple(point)).validate()
    state.add_notices(notices)
    state.set_scene(clean)


def start_refused(lang: str) -> None:
    message = st.session_state.pop(state.START_REFUSED, None)
    if message:
        st.sidebar.warning(message)


def view_toggles(scene: Scene, surface: Surface, lang: str) -> None:
    """Maximise, the 3-D view, presentation mode."""

    def changed() -> None:
        s = state.scene()
        view = View(
            show_3d=bool(st.session_state.get(state.W_SHOW_3D, s.view.show_3d)),
            loss_axis=s.view.loss_axis,
            present=bool(st.session_state.get(state.W_PRESENT, s.view.present)),
        )
        maximize = bool(st.session_state.get(state.W_MAXIMIZE, s.maximize))
        state.set_scene(replace(s, view=view, maximize=maximize))

    state.seed(state.W_MAXIMIZE, scene.maximize)
    st.sidebar.toggle(
        t("maximize", lang),
        key=state.W_MAXIMIZE,
        on_change=changed,
        help=t("maximize_help", lang),
    )
    if surface.dim == 2:
        state.seed(state.W_SHOW_3D, scene.view.show_3d)
        st.sidebar.toggle(
            t("show_3d", lang),
            key=state.W_SHOW_3D,
            on_change=changed,
            help=t("show_3d_help", lang),
        )
    state.seed(state.W_PRESENT, scene.view.present)
    st.sidebar.toggle(
        t("present", lang),
        key=state.W_PRESENT,
        on_change=changed,
        help=t("present_help", lang),
    )


def set_start_from_click(chart_key: str) -> None:
    """on_click callback: the clicked position becomes the start point."""
    result = st.session_state.get(chart_key)
    # The component's state: attribute access, or a plain mapping.
    click = getattr(result, "click", None) or (
        result.get("click") if isinstance(result, dict) else None
    )
    surface = state.scene().the_surface()
    try:
        # On a curve (1-D) the click's x is the start; its height is f's.
        point = tuple(float(click[a]) for a in "xy"[: surface.dim])  # type: ignore[index]
    except (KeyError, TypeError, ValueError):
        return  # a malformed message from the browser changes nothing
    if not all(math.isfinite(v) for v in point):
        return
    # Rounded to about a thousandth of the view: readable in the start fields.
    digits = max(0, 3 - math.ceil(math.log10(surface.width)))
    point = tuple(round(v, digits) for v in point)
    clean, _ = replace(state.scene(), start=point).validate()
    state.set_scene(clean)
    st.session_state[state.START_CLICKED] = True
