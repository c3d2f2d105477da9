"""The clicked cell beside the map: its one run drawn on the surface, its
settings and how it ended, and "Add to the playground" (the run appended to
the playground's scene, on the map's surface, start and steps)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from optimizers.summary import summarize
from scenes import TYPED, Run
from scenes.limits import MAX_RUNS
from ui import data, state, sweeps
from ui import sweeps_compute as compute
from ui.chart import chart
from ui.figures import chart_texts, figure_look, plotly_locale
from ui.names import optimizer_name, param_symbol_text, status_word, surface_name
from ui.sweeps_settings import Settings
from ui.texts import t
from viz import contour_spec

CELL_KEY = "sw_cell"
CELL_HEIGHT = 400
PLAYGROUND = "pages/playground.py"


def cell_panel(s: Settings, lang: str) -> None:
    """The picked cell's run, or how to pick one."""
    chosen = sweeps.picked()
    if chosen is None or set(chosen) != set(s.axes):
        st.info(t("sw_click_hint", lang), icon=":material/touch_app:")
        return
    scene = compute.cell_scene(s, chosen)
    played = data.play(scene, lang)
    for message in played.messages:
        st.warning(message)
    if not played.trajectories:
        return
    trajectory = played.trajectories[0]
    figure = contour_spec(
        scene.the_surface(),
        data.grid(scene, data.GRID_POINTS[2]),
        played.paths(),
        scene.start_point(),
        scene.steps,
        look=figure_look(scene, lang),
        params=scene.surface_params,
    )
    # Still: the whole path and its end, no play bar in the narrow column.
    figure["frames"] = []
    figure["layout"]["height"] = CELL_HEIGHT
    chart(figure, key=CELL_KEY, texts=chart_texts(lang), locale=plotly_locale(lang))
    st.markdown(_settings_text(s, chosen, lang))
    st.caption(_ending_text(s, scene, trajectory, lang))
    st.button(
        t("sw_add", lang),
        key=state.W_SW_ADD,
        icon=":material/add_circle:",
        on_click=_add_to_playground,
        args=(s, chosen, lang),
    )


def _settings_text(s: Settings, chosen: dict[str, float], lang: str) -> str:
    symbols = {h.key: param_symbol_text(h.symbol) for h in s.specs()}
    values = " · ".join(f"{symbols[k]} = {chosen[k]:.4g}" for k in s.axes)
    return f"**{optimizer_name(s.method, lang)}** · {values}"


def _ending_text(s: Settings, scene, trajectory, lang: str) -> str:
    summary = summarize(scene.the_surface(), trajectory)
    gap = float(trajectory.values[-1]) - compute.best_value(s)
    words = {
        "status": status_word(getattr(trajectory, "status", ""), lang),
        "gap": compute.gap_text(gap, s),
        "steps": s.steps,
    }
    if summary.reached_at is not None:
        return t("sw_cell_reached", lang, step=summary.reached_at, **words)
    if trajectory.diverged_at is not None:
        return t("sw_cell_diverged", lang, step=trajectory.diverged_at, **words)
    return t("sw_cell_ended", lang, **words)


def _add_to_playground(s: Settings, chosen: dict[str, float], lang: str) -> None:
    """Append the cell's run to the playground's scene (its surface, start
    and steps become the map's) and go there."""
    scene = state.scene()
    run = compute.cell_scene(s, chosen).runs[0]
    messages = []
    if scene.surface != s.surface or dict(scene.surface_params) != dict(
        s.surface_params
    ):
        words = {
            "old": _surface_words(scene, lang),
            "new": surface_name(s.surface, lang),
        }
        messages.append(t("sw_added_surface", lang, **words))
    runs: tuple[Run, ...] = (*scene.runs, run)
    if len(runs) > MAX_RUNS:
        runs = runs[-MAX_RUNS:]
        messages.append(t("sw_added_full", lang, most=MAX_RUNS))
    new = replace(
        scene,
        surface=s.surface,
        surface_params=dict(s.surface_params),
        start=tuple(s.start_point()),
        steps=s.steps,
        runs=runs,
        maximize=False,
        lesson="",
        expression="",
        box=None,
    )
    clean, _ = new.validate()
    state.set_scene(clean)
    messages.insert(0, t("sw_added", lang, method=optimizer_name(s.method, lang)))
    st.session_state[state.SW_GO_PLAYGROUND] = messages


def _surface_words(scene, lang: str) -> str:
    if scene.surface == TYPED:
        return t("typed_function", lang)
    return surface_name(scene.surface, lang)


def go_playground() -> None:
    """After "Add to the playground": say what changed and switch pages."""
    messages = st.session_state.pop(state.SW_GO_PLAYGROUND, None)
    if messages:
        for message in messages:
            st.toast(message, icon=":material/check_circle:")
        st.switch_page(PLAYGROUND)
