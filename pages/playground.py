"""The playground: pick a surface and optimizers, move sliders, watch the paths."""

import streamlit as st

from optimizers import OPTIMIZERS
from surfaces import Surface
from ui import data, widgets
from ui.chart import chart
from ui.scenarios import look_for, scenario_picker
from ui.settings import optimizer_panel
from ui.texts import t
from viz import contour_spec, line_spec, loss_spec, surface_spec

lang = widgets.language_picker()
scenario = scenario_picker(lang)
surface = widgets.surface_picker(lang)
surface_params = widgets.surface_params(surface, lang)
keys = widgets.optimizer_picker(lang)
st.session_state.setdefault("steps", 200)  # scenarios set it too
steps = st.sidebar.slider(t("steps", lang), 1, 5000, key="steps")
widgets.start_inputs(surface, lang)
show_3d = st.sidebar.toggle(
    t("show_3d", lang), key="show_3d", help=t("show_3d_help", lang)
)

st.title(surface.title)
st.latex(surface.latex)
if scenario is not None and scenario.surface == surface.key:
    st.info(look_for(scenario, lang))


def clicked() -> None:
    widgets.set_start_from_click("contour")
    st.session_state["start.clicked"] = True


# A hyperparameter slider reruns only this fragment: the sidebar is not
# rebuilt, so the map repaints sooner (measured in bench/browser.py).
@st.fragment
def lab(surface: Surface, keys: list[str], steps: int, show_3d: bool) -> None:
    if st.session_state.pop("start.clicked", False):
        st.rerun()  # the sidebar's start inputs show the clicked point too
    plot, controls = st.columns([3, 1])
    with controls:
        # Open while they fit beside the map; folded for a larger comparison.
        open_ = len(keys) <= 3
        panels = {k: optimizer_panel(OPTIMIZERS[k], lang, open_) for k in keys}
    hyper = {k: panel.values for k, panel in panels.items()}
    fans = {k: panel.fan for k, panel in panels.items()}
    start = widgets.current_start(surface)
    runs = data.run_all(surface, keys, start, steps, surface_params, hyper, lang, fans)
    paths = runs.paths()
    params = tuple(sorted(surface_params.items()))
    with plot:
        for message in runs.messages:
            st.warning(message)
        if surface.dim == 2:
            grid = data.grid(surface.key, params, 100)
            figure = contour_spec(surface, grid, paths, start, steps)
            chart(figure, key="contour", click_anywhere=True, on_click=clicked)
        else:
            grid = data.grid(surface.key, params, 400)
            chart(line_spec(surface, grid, paths, steps), key="line1d")
        if not keys:
            st.info(t("pick_one", lang))
        for key, tr in runs.trajectories.items():
            if tr.diverged_at is not None:
                name = OPTIMIZERS[key].title
                text = t("diverged_at", lang, name=name, step=tr.diverged_at)
                st.markdown(f"**⚠ {text}**")
    if surface.dim == 2 and show_3d:
        grid3d = data.grid(surface.key, params, 60)
        spec = surface_spec(surface, grid3d, paths, steps)
        chart(spec, key="surface3d", defer=True)

    st.subheader(t("loss", lang))
    per = st.segmented_control(
        t("loss_axis", lang),
        ["step", "evaluation"],
        format_func=lambda k: t(f"per_{k}", lang),
        key="loss_per",
        default="step",
    )
    chart(loss_spec(surface, paths, per or "step"), key="loss", defer=True)

    st.subheader(t("summary", lang))
    st.dataframe(data.summary_rows(surface, runs, lang), hide_index=True)

    st.subheader(t("formulas", lang))
    for key in keys:
        opt = OPTIMIZERS[key]
        st.markdown(f"**{opt.title}**")
        st.latex(opt.latex_for(hyper[key]))
        st.latex(opt.latex_with(hyper[key]))
        st.caption(f"{t('when_to_use', lang)}: {opt.note}")


lab(surface, keys, steps, show_3d)
