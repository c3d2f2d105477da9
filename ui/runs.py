"""The runs beside the map: one panel each, built from the scene's Run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from optimizers import OPTIMIZERS, Optimizer
from optimizers.base import (
    BATCH_SIZE,
    FIRST_ORDER_EXTRAS,
    SAMPLER,
    SCHEDULE,
    SCHEDULE_PARAMS,
    Choice,
)
from optimizers.schedules import schedule_curve
from scenes import FAN_MOST, MAX_RUNS, Notice, Run
from scenes.notices import shorten
from scenes.query import fmt, number
from scenes.validate import validate_run
from ui import state
from ui.names import choice_label, choice_title, optimizer_name, param_label
from ui.texts import t
from ui.widgets import number_slider

_EXTRAS = {h.key: h for h in FIRST_ORDER_EXTRAS}
GRADIENT_KEYS = ("noise", "seed", "clip_norm", "clip_value")


def run_panels(
    runs: Sequence[Run],
    labels: Sequence[str],
    styles: Sequence[str],
    lang: str,
    folded: bool,
) -> None:
    """Every run's panel, then "add a run". ``styles``: each run's colour swatch."""
    for index, run in enumerate(runs):
        if run.optimizer in OPTIMIZERS:
            run_panel(index, run, labels[index], styles[index], lang, folded)
    add_run(len(runs), lang)


def run_panel(
    index: int, run: Run, label: str, style: str, lang: str, folded: bool
) -> None:
    """Header and learning rate always in sight; the rest behind "settings"."""
    opt = OPTIMIZERS[run.optimizer]
    values = opt.defaults() | dict(run.hyper)
    box = (
        st.expander(label, key=state.run_panel(index))
        if folded
        else st.container(border=True, key=state.run_panel(index))
    )
    with box:
        st.markdown(f"{style} **{label}**", unsafe_allow_html=True)
        own = [h for h in opt.hyperparams if h.key == "lr"]
        for h in own:
            _slider(index, opt, h.key, values[h.key], lang)
        if opt.first_order and state.scene().on_data():
            _batches(index, run, values, lang)
        # Drawn only while open: every hidden widget would be sent again on
        # each slider move, and the browser renders them before the map.
        settings = st.expander(
            t("run_settings", lang),
            key=state.w_run(index, state.RUN_SETTINGS),
            on_change="rerun",
        )
        if not settings.open:
            return
        with settings:
            for h in opt.hyperparams:
                if h.key != "lr":
                    _slider(index, opt, h.key, values[h.key], lang)
            if own:
                _typed_lr(index, values["lr"], lang)
            for choice in opt.choices:
                _choice_box(index, run, choice, lang)
            if opt.first_order and state.scene().on_data():
                _choice_box(index, run, SAMPLER, lang)
            if opt.first_order:
                _schedule(index, run, opt, values, lang)
                _gradient_tools(index, run, opt, values, lang)
            elif "seed" in values:  # its own slider is among the others
                _fan(index, run, lang)
            _buttons(index, lang)


def _set(index: int, key: str, value: float | str) -> None:
    runs = state.scene().runs
    if index < len(runs):
        data = state.scene().on_data()
        clean = validate_run(runs[index].with_value(key, value), "", [], data)
        if clean is not None:
            state.change_run(index, clean)


def _slider(index: int, opt: Optimizer, key: str, value: float, lang: str) -> None:
    spec = next(h for h in opt.hyperparams_on(data=True) if h.key == key)
    widget = state.w_run(index, key)

    def changed() -> None:
        _set(index, key, float(st.session_state[widget]))

    number_slider(
        spec, widget, param_label(key, spec.symbol, lang), value, on_change=changed
    )


def _typed_lr(index: int, value: float, lang: str) -> None:
    """The learning rate typed exactly (1/6, 0.27): a slider only has its grid."""
    widget = state.w_run(index, state.RUN_LR_TYPED)
    state.seed(widget, fmt(value))

    def changed() -> None:
        got = _typed_number(st.session_state.get(widget, ""))
        if got is None:
            state.add_notices([_refused(index, st.session_state.get(widget, ""))])
            return
        _set(index, "lr", got)

    st.text_input(t("lr_typed", lang), key=widget, on_change=changed)


def _typed_number(text: str) -> float | None:
    """A number, or a fraction ``a/b`` (never evaluated as an expression)."""
    top, slash, bottom = str(text).strip().partition("/")
    if not slash:
        return number(top)
    a, b = number(top), number(bottom)
    return None if a is None or not b else a / b


def _refused(index: int, text: str) -> Notice:
    return Notice("unreadable", f"r{index + 1}.lr", shorten(text))


def _choice_box(index: int, run: Run, choice: Choice, lang: str) -> None:
    widget = state.w_run(index, choice.key)
    state.seed(widget, run.choices.get(choice.key, choice.default))

    def changed() -> None:
        _set(index, choice.key, st.session_state[widget])

    st.selectbox(
        choice_title(choice.key, lang),
        options=list(choice.options),
        format_func=lambda option: choice_label(choice.key, option, lang),
        key=widget,
        on_change=changed,
    )


def _schedule(index: int, run: Run, opt: Optimizer, values: dict, lang: str) -> None:
    """The schedule, its numbers when it is not constant, and the lr(t) plot."""
    _choice_box(index, run, SCHEDULE, lang)
    kind = run.choices.get("schedule", SCHEDULE.default)
    if kind == "constant":
        return
    for h in SCHEDULE_PARAMS:
        _slider(index, opt, h.key, values[h.key], lang)
    curve = schedule_curve(kind, values, state.scene().steps)
    st.caption(t("lr_curve", lang))
    st.line_chart(curve, height=120, x_label="t", y_label="α")


def _gradient_tools(
    index: int, run: Run, opt: Optimizer, values: dict, lang: str
) -> None:
    st.caption(t("gradient_tools", lang))
    for key in GRADIENT_KEYS:
        _slider(index, opt, key, values[key], lang)
    if values["noise"] > 0 or values.get("batch_size", 0) > 0:
        _fan(index, run, lang)  # paths over seeds: of the noise, or the shuffling


def _batches(index: int, run: Run, values: dict, lang: str) -> None:
    """Batch size K (up to the data's N; 0 = full batch): in sight, as the
    learning rate is, for this is the lesson's knob. How batches are drawn is
    under Settings (every widget in sight is re-rendered before the map)."""
    scene = state.scene()
    n = scene.the_surface().default_params() | dict(scene.surface_params)
    spec = replace(BATCH_SIZE, high=float(int(n["n_points"])))
    widget = state.w_run(index, BATCH_SIZE.key)

    def changed() -> None:
        _set(index, BATCH_SIZE.key, float(st.session_state[widget]))

    label = param_label(spec.key, spec.symbol, lang)
    size = min(values.get(spec.key, spec.default), spec.high)
    number_slider(
        spec, widget, label, size, on_change=changed, help=t("batch_help", lang)
    )


def _fan(index: int, run: Run, lang: str) -> None:
    widget = state.w_run(index, state.RUN_FAN)
    state.seed(widget, run.fan)

    def changed() -> None:
        runs = state.scene().runs
        if index < len(runs):
            fan = int(st.session_state[widget])
            state.change_run(index, replace(runs[index], fan=fan))

    st.slider(t("fan", lang), 1, FAN_MOST, key=widget, on_change=changed)


def _buttons(index: int, lang: str) -> None:
    left, right = st.columns(2)
    left.button(
        t("duplicate_run", lang),
        key=state.w_run(index, state.RUN_DUPLICATE),
        on_click=_duplicate,
        args=(index,),
        disabled=len(state.scene().runs) >= MAX_RUNS,
    )
    right.button(
        t("remove_run", lang),
        key=state.w_run(index, state.RUN_REMOVE),
        on_click=_remove,
        args=(index,),
    )


def _duplicate(index: int) -> None:
    runs = list(state.scene().runs)
    if index < len(runs) and len(runs) < MAX_RUNS:
        runs.insert(index + 1, replace(runs[index], label=None))
        state.change(runs=tuple(runs))


def _remove(index: int) -> None:
    runs = list(state.scene().runs)
    if index < len(runs):
        del runs[index]
        state.change(runs=tuple(runs))


def add_run(count: int, lang: str) -> None:
    """Any method, duplicates allowed, up to MAX_RUNS."""
    full = count >= MAX_RUNS
    method = st.selectbox(
        t("add_method", lang),
        options=list(OPTIMIZERS),
        format_func=lambda k: optimizer_name(k, lang),
        key=state.W_ADD_METHOD,
        disabled=full,
    )
    st.button(
        t("add_run", lang) if not full else t("runs_full", lang, most=MAX_RUNS),
        on_click=_add,
        args=(method,),
        disabled=full,
        key=state.W_ADD_RUN,
    )


def _add(method: str) -> None:
    runs = state.scene().runs
    if len(runs) < MAX_RUNS and method in OPTIMIZERS:
        state.change(runs=(*runs, Run(method)))
