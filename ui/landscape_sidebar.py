"""The landscape page's sidebar: the data, the net (typed widths, refused
with a message when unreadable) and the training (up to three methods, each
with its learning rate; K, steps, seed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import streamlit as st

from surfaces.datasets import KINDS
from surfaces.network.architecture import ACTIVATIONS
from ui import state
from ui.landscape import (
    ACTIVATION_NAMES,
    on,
    refuse,
    seed,
    settings,
    store,
    take_refusal,
)
from ui.landscape_settings import (
    BATCHES,
    FIRST_ORDER,
    LR_HIGH,
    LR_LOW,
    MAX_LAYERS,
    MAX_METHODS,
    MAX_WIDTH,
    NOISE_HIGH,
    POINTS_HIGH,
    POINTS_LOW,
    SEED_HIGH,
    Settings,
    parse_hidden,
)
from ui.names import dataset_name, optimizer_name
from ui.texts import listed, t
from ui.widgets import log_options, nearest

STEP_OPTIONS = (10, 20, 50, 100, 200, 300, 500, 1000, 1500, 2000, 3000, 5000)


def batch_label(k: int, lang: str) -> str:
    return t("full_batch", lang) if k == 0 else str(k)


def with_value(options: Sequence[int], value: int) -> list[int]:
    """``options`` plus ``value`` (a link may hold one between them), in
    order; 0 (the full batch) last."""
    return sorted(set(options) | {value}, key=lambda v: (v == 0, v))


def sidebar(lang: str) -> Settings:
    """The data, the net and the training; returns the settings."""
    s = settings()
    _data(s, lang)
    _network(s, lang)
    _training(s, lang)
    return settings()


def _data(s: Settings, lang: str) -> None:
    bar = st.sidebar
    bar.markdown(f"**{t('ls_data_header', lang)}**")
    bar.selectbox(
        t("ls_data", lang),
        KINDS,
        format_func=lambda k: dataset_name(k, lang),
        key=seed("data", s.data),
        on_change=on("data", lang),
    )
    bar.slider(
        t("ls_points", lang),
        POINTS_LOW,
        POINTS_HIGH,
        key=seed("points", s.points),
        on_change=on("points", lang, int),
    )
    bar.slider(
        t("ls_noise", lang),
        0.0,
        NOISE_HIGH,
        step=0.05,
        key=seed("noise", float(s.noise)),
        on_change=on("noise", lang, float),
    )
    bar.slider(
        t("ls_data_seed", lang),
        0,
        SEED_HIGH,
        key=seed("data_seed", s.data_seed),
        on_change=on("data_seed", lang, int),
    )


def _network(s: Settings, lang: str) -> None:
    bar = st.sidebar
    bar.markdown(f"**{t('ls_net_header', lang)}**")
    state.seed(state.W_LS_HIDDEN, ",".join(str(w) for w in s.hidden))
    bar.text_input(
        t("ls_hidden", lang),
        key=state.W_LS_HIDDEN,
        on_change=_typed_hidden,
        args=(lang,),
        help=t("ls_hidden_help", lang, layers=MAX_LAYERS, width=MAX_WIDTH),
    )
    refused = take_refusal()
    if refused:
        bar.warning(refused)
    bar.segmented_control(
        t("ls_activation", lang),
        ACTIVATIONS,
        format_func=ACTIVATION_NAMES.__getitem__,
        key=seed("activation", s.activation),
        on_change=on("activation", lang),
    )


def _typed_hidden(lang: str) -> None:
    """Typed widths: taken if readable (never evaluated), else refused with
    a message, the old widths kept and shown again."""
    text = str(st.session_state.get(state.W_LS_HIDDEN, ""))[:60]
    widths = parse_hidden(text)
    old = settings()
    if widths is None:
        shown = ",".join(str(w) for w in old.hidden)
        words = {"text": text, "old": shown, "layers": MAX_LAYERS, "width": MAX_WIDTH}
        refuse(t("ls_hidden_refused", lang, **words))
        st.session_state[state.W_LS_HIDDEN] = shown
        return
    store(replace(old, hidden=widths), lang)


def _training(s: Settings, lang: str) -> None:
    bar = st.sidebar
    bar.markdown(f"**{t('ls_training_header', lang)}**")
    bar.multiselect(
        t("ls_methods", lang, most=MAX_METHODS),
        FIRST_ORDER,
        format_func=lambda k: optimizer_name(k, lang),
        max_selections=MAX_METHODS,
        key=seed("methods", list(s.methods)),
        on_change=_picked_methods,
        args=(lang,),
    )
    for method in s.methods:
        value = s.lr(method)
        options = log_options(LR_LOW, LR_HIGH, keep=value)
        bar.select_slider(
            t("ls_lr", lang, method=optimizer_name(method, lang)),
            options=options,
            key=state.seed(state.w_ls_lr(method), nearest(options, value)),
            format_func=lambda v: f"{v:g}",
            on_change=_set_lr,
            args=(method, lang),
        )
    bar.select_slider(
        t("ls_batch", lang),
        options=with_value(BATCHES, s.batch),
        format_func=lambda k: batch_label(k, lang),
        key=seed("batch", s.batch),
        on_change=on("batch", lang, int),
        help=t("batch_help", lang),
    )
    bar.select_slider(
        t("ls_steps", lang),
        options=with_value(STEP_OPTIONS, s.steps),
        key=seed("steps", s.steps),
        on_change=on("steps", lang, int),
    )
    bar.slider(
        t("ls_seed", lang),
        0,
        SEED_HIGH,
        key=seed("seed", s.seed),
        on_change=on("seed", lang, int),
    )


def _picked_methods(lang: str) -> None:
    picked = tuple(st.session_state.get(state.w_ls("methods")) or ())
    if not picked:
        old = listed((optimizer_name(m, lang) for m in settings().methods), lang)
        refuse(t("ls_methods_empty", lang, old=old))
        return
    store(replace(settings(), methods=picked[:MAX_METHODS]), lang)


def _set_lr(method: str, lang: str) -> None:
    value = st.session_state.get(state.w_ls_lr(method))
    if value is not None:
        store(settings().with_lr(method, float(value)), lang)
