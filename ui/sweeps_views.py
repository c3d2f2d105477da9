"""The hyperparameter-map page's main area: what the map shows, the map
itself (with theory and the search over it), the clicked cell's run beside
it, and what theory and the search say."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from optimizers.sweep import SweepMap
from ui import state, sweeps
from ui import sweeps_compute as compute
from ui.chart import chart
from ui.figures import chart_texts, plotly_locale
from ui.names import optimizer_name, param_symbol_text, param_word, surface_name
from ui.sweeps_settings import BUDGETS, SEED_HIGH, Settings
from ui.texts import t
from viz.sweep_map import (
    QUANTITIES,
    Axis,
    SweepTexts,
    cell_of,
    loss_floor,
    sweep_map_spec,
)
from viz.sweep_overlay import has_theory, picked_trace, search_traces, theory_traces

MAP_KEY = "sw_map"
ICON = ":material/hourglass_top:"


def map_texts(lang: str) -> SweepTexts:
    words = {k: t(f"sw_fig_{k}", lang) for k in FIGURE_WORDS}
    return SweepTexts(
        colorbar={q: t(f"sw_show_{q}", lang) for q in QUANTITIES},
        outcome={
            1: t("sw_converged", lang),
            0: t("sw_neither", lang),
            -1: t("sw_diverged", lang),
        },
        gaps={q: t(f"sw_gap_{q}", lang) for q in ("loss", "steps", "rate")},
        **words,
    )


# The figure's words ("f − f*" reads the same in both languages).
FIGURE_WORDS = (
    "outcome_key", "gd_edge", "hb_edge", "nag_edge", "optimum", "rate_lines",
    "grid_search", "random_search", "best_grid", "best_random", "picked",
)  # fmt: skip


def axis_title(key: str, symbol: str, lang: str) -> str:
    return f"{param_word(key, lang)} {param_symbol_text(symbol)}".strip()


def header(s: Settings, lang: str) -> None:
    st.header(t("sweeps", lang))
    words = {
        "method": optimizer_name(s.method, lang),
        "surface": surface_name(s.surface, lang),
        "axes": " × ".join(param_word(k, lang) for k in s.axes),
        "cells": s.resolution ** len(s.axes),
        "steps": s.steps,
    }
    st.caption(t("sw_intro", lang, **words))
    notices = sweeps.take_notices()
    if notices:
        st.warning("\n".join([t("sw_notices", lang), *(f"- {n}" for n in notices)]))


def controls(s: Settings, lang: str) -> None:
    """What the colours show, and the grid-against-random search."""
    left, right = st.columns([3, 2])
    left.segmented_control(
        t("sw_show", lang),
        QUANTITIES,
        format_func=lambda q: t(f"sw_show_{q}", lang),
        key=sweeps.seed("show", s.show),
        on_change=sweeps.on("show", lang),
    )
    right.segmented_control(
        t("sw_budget", lang),
        BUDGETS,
        format_func=lambda b: t("sw_budget_off", lang) if b == 0 else str(b),
        key=sweeps.seed("budget", s.budget),
        on_change=sweeps.on("budget", lang, int),
        help=t("sw_budget_help", lang),
    )


def compute_map(s: Settings, lang: str) -> SweepMap | None:
    """The sweep, saying "compiling" first where it must; None (and the
    reason shown) if the library refuses the settings."""
    note = st.empty()
    single = s.budget > 0 or sweeps.picked() is not None
    if compute.needs_compile(s, single):
        note.info(t("sw_compiling", lang), icon=ICON)
    try:
        m = compute.sweep_map(s)
    except ValueError as err:
        note.empty()
        st.error(t("sw_refused", lang, message=str(err.args[0] if err.args else err)))
        return None
    note.empty()
    return m


def read_click(s: Settings, m: SweepMap) -> None:
    """A click on the map picks its cell (read here, where the map exists)."""
    click = sweeps.take_click()
    if click is None:
        return
    index = cell_of(m, s.axes, [spec.log for spec in s.specs()], click)
    if index is not None:
        sweeps.pick(compute.picked_values(s, index))


def the_map(s: Settings, m: SweepMap, lang: str) -> None:
    texts = map_texts(lang)
    specs = s.specs()
    axes = [Axis(h.key, axis_title(h.key, h.symbol, lang), h.log) for h in specs]
    overlays = theory_overlay(s, axes, texts)
    if s.budget and len(s.axes) == 2:
        found = compute.search(s)
        overlays += search_traces(
            found["grid"],
            found["grid_scores"],
            found["random"],
            found["random_scores"],
            axes,
            texts=texts,
            floor=loss_floor(compute.best_value(s)),
        )
    chosen = sweeps.picked()
    if chosen is not None and set(chosen) == set(s.axes):
        overlays.append(picked_trace([chosen[k] for k in s.axes], texts, _look()))
    spec = sweep_map_spec(
        m,
        s.show,  # type: ignore[arg-type]
        axes,
        best_value=compute.best_value(s),
        overlays=overlays,
        texts=texts,
        look=_look(),
    )
    chart(
        spec,
        key=MAP_KEY,
        click_cells=True,
        fit=True,  # the whole map, axes included, on a 720-pixel projector
        on_click=sweeps.clicked(MAP_KEY),
        texts=chart_texts(lang),
        locale=plotly_locale(lang),
    )
    if s.show != "outcome":
        st.caption(t(f"sw_gap_note_{s.show}", lang))


def _look():
    from ui.figures import figure_look

    return figure_look(state.scene(), state.lang())


def theory_applies(s: Settings) -> bool:
    """Theory lines for these axes, and no other setting (weight decay, a
    schedule's values, …) moved away from its default: the formulas assume
    plain GD, heavy ball or Nesterov."""
    moved = [k for k, _ in s.fixed if k not in ("lr", "momentum")]
    return has_theory(s.method, s.axes) and not moved


def theory_overlay(s: Settings, axes: list[Axis], texts: SweepTexts) -> list[dict]:
    if not theory_applies(s):
        return []
    c = compute.curvature(s.surface, s.surface_params)
    if c is None:
        return []
    return theory_traces(
        s.method, axes, s.values(), c.eigenvalues, s.hyper(), texts=texts, look=_look()
    )


def theory_note(s: Settings, lang: str) -> None:
    """Which theory is drawn, for which eigenvalues, exact or local."""
    if not theory_applies(s):
        st.caption(t("sw_theory_none", lang))
        return
    c = compute.curvature(s.surface, s.surface_params)
    if c is None or c.lambda_max <= 0:
        st.caption(t("sw_theory_none", lang))
        return
    eigs = ", ".join(f"{v:.4g}" for v in c.eigenvalues)
    point = ", ".join(f"{v:.3g}" for v in c.point)
    kind = "sw_theory_exact" if c.exact else "sw_theory_local"
    st.caption(t(kind, lang, eigs=eigs, point=point))
    st.caption(t(f"sw_theory_{s.method}", lang))


def search_result(s: Settings, lang: str) -> None:
    """Which search found the lower loss, and why random search tends to."""
    if not s.budget:
        return
    if len(s.axes) != 2:
        st.info(t("sw_search_two_axes", lang))
        return
    found = compute.search(s)
    texts = []
    for name, key in (("grid", "sw_search_grid"), ("random", "sw_search_random")):
        scores = found[f"{name}_scores"]
        finite = np.isfinite(scores)
        if not finite.any():
            texts.append(t(f"{key}_none", lang))
            continue
        b = int(np.argmin(np.where(finite, scores, np.inf)))
        where = _point_text(s, found[name][b], lang)
        texts.append(t(key, lang, where=where, gap=compute.gap_text(scores[b], s)))
    st.markdown("  \n".join(texts))
    floor = loss_floor(compute.best_value(s))
    st.markdown(f"**{_verdict(found, floor, lang)}**")
    distinct = {
        "grid": len(np.unique(np.round(found["grid"][:, 0], 12))),
        "random": len(np.unique(np.round(found["random"][:, 0], 12))),
    }
    st.caption(t("sw_search_why", lang, budget=s.budget, **distinct))
    st.button(
        t("sw_new_draw", lang),
        key=state.w_sw("new_draw"),
        on_click=_new_draw,
        args=(lang,),
    )


def _verdict(found: dict, floor: float, lang: str) -> str:
    g = float(np.min(found["grid_scores"]))
    r = float(np.min(found["random_scores"]))
    if g < floor and r < floor:
        return t("sw_search_both_min", lang)
    if not (np.isfinite(g) or np.isfinite(r)) or np.isclose(g, r, rtol=1e-6):
        return t("sw_search_tie", lang)
    return t("sw_search_random_wins" if r < g else "sw_search_grid_wins", lang)


def _new_draw(lang: str) -> None:
    s = sweeps.settings()
    sweeps.store(replace(s, seed=(s.seed + 1) % (SEED_HIGH + 1)), lang)


def _point_text(s: Settings, values, lang: str) -> str:
    return ", ".join(
        f"{param_symbol_text(h.symbol)} = {v:.3g}"
        for h, v in zip(s.specs(), values, strict=True)
    )
