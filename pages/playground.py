"""The playground: pick a surface and optimizers, move sliders, watch the paths."""

import streamlit as st

from optimizers import OPTIMIZERS
from surfaces import Surface
from ui import data, widgets
from ui.chart import chart
from ui.texts import t
from viz import contour_spec, line_spec, loss_spec, surface_spec

lang = widgets.language_picker()
surface = widgets.surface_picker(lang)
surface_params = widgets.surface_params(surface, lang)
keys = widgets.optimizer_picker(lang)
steps = st.sidebar.slider(t("steps", lang), 1, 5000, 200, key="steps")
widgets.start_inputs(surface, lang)
show_3d = st.sidebar.toggle(
    t("show_3d", lang), key="show_3d", help=t("show_3d_help", lang)
)

st.title(surface.title)
st.latex(surface.latex)


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
        hyper = {k: widgets.hyperparam_sliders(OPTIMIZERS[k], open_) for k in keys}
    start = widgets.current_start(surface)
    runs = data.run_all(surface, keys, start, steps, surface_params, hyper, lang)
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
    chart(loss_spec(surface, paths), key="loss", defer=True)

    st.subheader(t("summary", lang))
    st.dataframe(data.summary_rows(surface, runs, lang), hide_index=True)

    st.subheader(t("formulas", lang))
    for key in keys:
        opt = OPTIMIZERS[key]
        st.markdown(f"**{opt.title}** — {opt.note}")
        st.latex(opt.latex)
        st.latex(opt.latex_with(hyper[key]))


lab(surface, keys, steps, show_3d)
