"""The networks page's comparisons: ℓ2 against decoupled weight decay on the
same net, and the initialisations at step 0 and over the first steps."""

from __future__ import annotations

import numpy as np
import streamlit as st

from surfaces.network import compare_inits
from surfaces.network.first_steps import first_steps
from surfaces.network.init import SCHEMES
from ui import state
from ui.figures import figure_look
from ui.names import optimizer_name
from ui.networks_settings import FIRST_STEPS, NetSettings, run_call, widths_text
from ui.networks_views import Runs, arch, data, kind_label, run_key, show, words
from ui.texts import t
from viz.network import Curve
from viz.network_compare import init_spec, norms_spec, weight_norms


def decay_section(s: NetSettings, runs: Runs, lang: str) -> None:
    """ℓ2 against decoupled: the weight norms over the steps, and a table."""
    st.subheader(t("nn_decay_title", lang))
    name = optimizer_name(s.method, lang)
    if runs.other is None:
        st.info(t("nn_decay_cannot", lang, method=name))
        return
    pairs = [(runs.kind, runs.main), (runs.other_kind, runs.other)]
    pairs.sort(key=lambda p: p[0] != "l2")  # ℓ2 first, solid; decoupled dashed
    curves = [
        Curve(h, kind_label(k, lang), "solid" if k == "l2" else "dash")
        for k, h in pairs
    ]
    look = figure_look(state.scene(), lang)
    left, right = st.columns([3, 2])
    with left:
        show(norms_spec(curves, arch(s), words(lang), look), "nn_norms", lang)
    with right:
        st.table(_decay_rows(s, pairs, lang), hide_index=True)
        if s.weight_decay == 0:
            st.info(t("nn_decay_zero", lang))
        elif s.method == "gd":
            st.caption(t("nn_decay_same", lang))
        else:
            st.caption(t("nn_decay_differ", lang, method=name))
        st.caption(t("nn_decay_all", lang))


def _decay_rows(s: NetSettings, pairs: list, lang: str) -> list[dict]:
    """One column per decay kind, one row per number (narrow enough for a
    column beside the chart)."""
    what = t("nn_col_what", lang)
    rows = [
        (
            t("nn_col_method", lang),
            lambda k, h: optimizer_name(run_call(s, k)[0], lang),
        ),
        (t("nn_col_val_loss", lang), lambda k, h: f"{h.val_loss[-1]:.4g}"),
        (t("nn_col_val_acc", lang), lambda k, h: f"{h.val_acc[-1]:.0%}"),
        (t("nn_col_norm", lang), lambda k, h: f"{weight_norms(arch(s), h.final):.4g}"),
    ]
    return [
        {what: name} | {kind_label(k, lang): cell(k, h) for k, h in pairs}
        for name, cell in rows
    ]


@st.cache_data(max_entries=8, show_spinner=False)
def _inits(s: NetSettings) -> tuple[dict, dict]:
    """Step-0 gradient norms per layer and the first steps, per scheme."""
    sp, a = data(s), arch(s)
    reports = compare_inits(a, sp.X_train, sp.y_train, SCHEMES, s.init_seed, s.sigma)
    key, settings = run_call(s)
    runs = first_steps(
        sp,
        SCHEMES,
        a,
        min(s.steps, FIRST_STEPS),
        s.init_seed,
        s.sigma,
        optimizer=key,
        batch_size=s.batch,
        **settings,
    )
    norms = {k: np.asarray(r.grad_norms) for k, r in reports.items()}
    return norms, runs


def init_section(s: NetSettings, lang: str) -> None:
    st.subheader(t("nn_init_title", lang))
    norms, runs = _inits(run_key(s))
    names = {k: t(f"nn_init_{k}", lang) for k in SCHEMES}
    names["gaussian"] = t("nn_init_gaussian_at", lang, sigma=f"{s.sigma:g}")
    names["uniform"] = t("nn_init_uniform_at", lang, sigma=f"{s.sigma:g}")
    look = figure_look(state.scene(), lang)
    steps = min(s.steps, FIRST_STEPS)
    st.caption(t("nn_init_note", lang, steps=steps, net=widths_text(s.hidden)))
    spec = init_spec(norms, runs, names, words(lang), look)
    show(spec, "nn_inits", lang)
    ratio = norms["glorot_normal"][0] / max(norms["gaussian"][0], 1e-300)
    times = f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.3g}"
    st.markdown(t("nn_vanish_ratio", lang, ratio=times, sigma=f"{s.sigma:g}"))
    st.caption(t("nn_vanish_explain", lang))


def notes(lang: str) -> None:
    with st.expander(t("nn_look_title", lang)):
        st.markdown(t("nn_look", lang))
