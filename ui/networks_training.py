"""The networks page's training widgets: the method and its numbers, the
batch size, the shuffling seed, the steps, weight decay (λ, and ℓ2 or
decoupled where the method has both) and early stopping's patience."""

from __future__ import annotations

import streamlit as st

from optimizers import OPTIMIZERS
from ui import state
from ui.names import choice_label, choice_title, optimizer_name, param_label
from ui.networks import change, choice_slider, seed_input, select, settings, writes
from ui.networks_settings import METHODS, NetSettings, decay_kinds, other_specs
from ui.texts import t
from ui.widgets import number_slider

STEPS = (10, 20, 50, 100, 200, 300, 500, 1000, 1500, 2000, 3000, 5000)
PATIENCE = (0, 10, 20, 50, 100, 200, 500, 1000)
LAMBDAS = (0.0, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def training_widgets(s: NetSettings, lang: str) -> None:
    st.markdown(f"**{t('nn_train_header', lang)}**")
    select(
        "method",
        METHODS,
        s.method,
        t("nn_method", lang),
        lang,
        lambda k: optimizer_name(k, lang),
        _new_method,
    )
    opt = OPTIMIZERS[s.method]
    spec = next(h for h in opt.hyperparams if h.key == "lr")
    number_slider(
        spec,
        state.w_nn("lr"),
        param_label("lr", spec.symbol, lang),
        s.lr,
        writes("lr", lang, float),
    )
    others = other_specs(s.method)
    if others:
        with st.expander(t("nn_more", lang, method=optimizer_name(s.method, lang))):
            hyper = dict(s.hyper)
            for h in others:
                key = state.w_nn(f"hyper.{h.key}")
                number_slider(
                    h,
                    key,
                    param_label(h.key, h.symbol, lang),
                    hyper.get(h.key, h.default),
                    lambda k=h.key: _new_hyper(k, lang),
                )
    batches = list(range(s.n_train + 1))
    state.seed(state.w_nn("batch"), min(s.batch, s.n_train))
    st.select_slider(
        t("nn_batch", lang),
        batches,
        key=state.w_nn("batch"),
        format_func=lambda k: t("full_batch", lang) if k == 0 else str(k),
        help=t("batch_help", lang),
        on_change=writes("batch", lang, int),
    )
    seed_input("seed", s.seed, t("nn_seed", lang), lang)
    choice_slider("steps", STEPS, s.steps, t("nn_steps", lang), lang, str)
    decay_widgets(s, lang)
    choice_slider(
        "patience",
        PATIENCE,
        s.patience,
        t("nn_patience", lang),
        lang,
        lambda p: str(p) if p else t("nn_patience_off", lang),
        help=t("nn_patience_help", lang),
    )


def decay_widgets(s: NetSettings, lang: str) -> None:
    """λ, and ℓ2 or decoupled where the method has both."""
    kinds = decay_kinds(s.method)
    name = optimizer_name(s.method, lang)
    label = param_label("weight_decay", r"\lambda", lang)
    choice_slider(
        "weight_decay",
        LAMBDAS,
        s.weight_decay,
        label,
        lang,
        lambda v: f"{v:g}",
        disabled=not kinds,
    )
    if not kinds:
        st.caption(t("nn_no_decay", lang, method=name))
        return
    shown = s.decay if s.decay in kinds else kinds[0]
    state.seed(state.w_nn("decay"), shown)
    st.radio(
        choice_title("decay", lang),
        kinds,
        key=state.w_nn("decay"),
        format_func=lambda k: choice_label("decay", k, lang),
        disabled=len(kinds) < 2,
        on_change=writes("decay", lang),
    )
    if len(kinds) == 1:
        st.caption(t("nn_only_decoupled", lang, method=name))
    elif s.method == "adam":
        st.caption(t("nn_adamw", lang))


def _new_method(lang: str) -> None:
    method = st.session_state[state.w_nn("method")]
    new = settings().with_method(method)
    change(lang, method=new.method, lr=new.lr, hyper=())


def _new_hyper(key: str, lang: str) -> None:
    value = float(st.session_state[state.w_nn(f"hyper.{key}")])
    hyper = dict(settings().hyper) | {key: value}
    change(lang, hyper=tuple(sorted(hyper.items())))
