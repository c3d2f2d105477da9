"""Pieces under the map: the loss axis switch and the update rules."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from optimizers import OPTIMIZERS
from scenes import Scene
from scenes.model import LOSS_AXES
from ui import state
from ui.names import optimizer_name, optimizer_note
from ui.texts import t


def loss_axis_picker(scene: Scene, lang: str) -> None:
    def changed() -> None:
        axis = st.session_state.get(state.W_LOSS_AXIS) or LOSS_AXES[0]
        s = state.scene()
        state.set_scene(replace(s, view=replace(s.view, loss_axis=axis)))

    state.seed(state.W_LOSS_AXIS, scene.view.loss_axis)
    st.segmented_control(
        t("loss_axis", lang),
        list(LOSS_AXES),
        format_func=lambda k: t(f"per_{k}", lang),
        key=state.W_LOSS_AXIS,
        on_change=changed,
    )


def update_rules(scene: Scene, labels: list[str], lang: str) -> None:
    """Each run's rule with symbols and with its values; each method's note once."""
    noted = set()
    for label, run in zip(labels, scene.runs, strict=False):
        opt = OPTIMIZERS[run.optimizer]
        st.markdown(f"**{label}**")
        st.latex(opt.latex_for(run.settings()))
        st.latex(opt.latex_with(run.settings()))
        if run.optimizer not in noted:
            noted.add(run.optimizer)
            name = optimizer_name(run.optimizer, lang)
            note = optimizer_note(run.optimizer, lang)
            st.caption(t("when_to_use", lang, name=name, note=note))
