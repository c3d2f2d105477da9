"""The networks page's sidebar: the data and the net (the training's widgets
are in ``ui/networks_training.py``), each widget seeded from the page's
settings and writing back through ``ui.networks.change`` (which also puts
them in the address)."""

from __future__ import annotations

import streamlit as st

from surfaces.datasets import KINDS
from surfaces.network import SCHEMES, Architecture
from surfaces.network.architecture import ACTIVATIONS, MAX_LAYERS, MAX_WIDTH
from ui import state
from ui.names import dataset_name
from ui.networks import change, seed_input, select, settings, writes
from ui.networks_settings import (
    ARCHITECTURES,
    FIXED_SCALE,
    NOISE_HIGH,
    POINTS_LOW,
    SIGMA_HIGH,
    SIGMA_LOW,
    VAL_HIGH,
    VAL_LOW,
    NetSettings,
    parse_widths,
    widths_text,
)
from ui.networks_training import training_widgets
from ui.texts import t
from ui.widgets import log_options, nearest


def sidebar(lang: str) -> NetSettings:
    """Every setting, in three groups; returns the settings to train."""
    s = settings()
    bar = st.sidebar
    with bar:
        data_widgets(s, lang)
        net_widgets(s, lang)
        training_widgets(s, lang)
    return settings()


def data_widgets(s: NetSettings, lang: str) -> None:
    st.markdown(f"**{t('nn_data_header', lang)}**")
    select(
        "data",
        KINDS,
        s.data,
        t("nn_data", lang),
        lang,
        lambda k: dataset_name(k, lang),
    )
    state.seed(state.w_nn("points"), s.points)
    st.slider(
        t("nn_points", lang),
        POINTS_LOW,
        256,
        key=state.w_nn("points"),
        on_change=writes("points", lang, int),
    )
    state.seed(state.w_nn("noise"), float(s.noise))
    st.slider(
        t("nn_noise", lang),
        0.0,
        NOISE_HIGH,
        step=0.01,
        format="%.2f",
        key=state.w_nn("noise"),
        on_change=writes("noise", lang, float),
    )
    state.seed(state.w_nn("val_fraction"), float(s.val_fraction))
    st.slider(
        t("nn_val", lang),
        VAL_LOW,
        VAL_HIGH,
        step=0.05,
        format="%.2f",
        key=state.w_nn("val_fraction"),
        on_change=writes("val_fraction", lang, float),
    )
    seed_input("data_seed", s.data_seed, t("nn_data_seed", lang), lang)
    st.caption(t("nn_split", lang, train=s.n_train, val=s.n_val))


def net_widgets(s: NetSettings, lang: str) -> None:
    st.markdown(f"**{t('nn_net_header', lang)}**")
    options = list(ARCHITECTURES)
    if s.hidden not in options:
        options.append(s.hidden)

    def option(hidden: tuple[int, ...]) -> str:
        n = Architecture(hidden).n_params
        return t("nn_arch_option", lang, widths=widths_text(hidden), n=n)

    select("hidden", options, s.hidden, t("nn_hidden", lang), lang, option)
    state.seed(state.W_NN_WIDTHS, "")
    st.text_input(
        t("nn_widths", lang),
        key=state.W_NN_WIDTHS,
        placeholder="8-8-8",
        help=t("nn_widths_help", lang, layers=MAX_LAYERS, width=MAX_WIDTH),
        on_change=_typed_widths,
        args=(lang,),
    )
    refused = st.session_state.pop(state.NN_REFUSED, None)
    if refused:
        st.warning(refused)
    state.seed(state.w_nn("activation"), s.activation)
    st.radio(
        t("nn_activation", lang),
        ACTIVATIONS,
        horizontal=True,
        format_func=lambda a: "ReLU" if a == "relu" else a,
        key=state.w_nn("activation"),
        on_change=writes("activation", lang),
    )
    select(
        "init",
        SCHEMES,
        s.init,
        t("nn_init", lang),
        lang,
        lambda k: t(f"nn_init_{k}", lang),
        help=t("nn_init_help", lang),
    )
    sigmas = log_options(SIGMA_LOW, SIGMA_HIGH, keep=s.sigma)
    state.seed(state.w_nn("sigma"), nearest(sigmas, s.sigma))
    st.select_slider(
        t("nn_sigma", lang),
        sigmas,
        key=state.w_nn("sigma"),
        format_func=lambda v: f"{v:g}",
        disabled=s.init not in FIXED_SCALE,
        on_change=writes("sigma", lang, float),
    )
    seed_input("init_seed", s.init_seed, t("nn_init_seed", lang), lang)


def _typed_widths(lang: str) -> None:
    text = str(st.session_state.get(state.W_NN_WIDTHS, ""))[:60]
    if not text.strip():
        return
    widths = parse_widths(text)
    if widths is None:
        old = widths_text(settings().hidden)
        st.session_state[state.NN_REFUSED] = t(
            "nn_widths_refused",
            lang,
            text=text[:40],
            layers=MAX_LAYERS,
            width=MAX_WIDTH,
            old=old,
        )
        return
    st.session_state[state.W_NN_WIDTHS] = ""
    change(lang, hidden=widths)
