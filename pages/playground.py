"""The playground: a surface, runs of any methods, sliders, the paths."""

import streamlit as st

from scenes.play import needs_compile
from ui import data, heap, lesson, panels, state, widgets
from ui.chart import chart
from ui.export import export_panel
from ui.figures import chart_texts, figure_look, plotly_locale
from ui.runs import run_panels
from ui.texts import listed, notice_text, t
from ui.typed import surface_title
from ui.url import link_bar
from viz import contour_spec, iterates_spec, line_spec, loss_spec, surface_spec
from viz.data_view import data_spec

lang = state.lang()
scene = state.scene()
surface = scene.the_surface()
lesson.picker(scene, lang)
widgets.surface_picker(scene, lang)
widgets.surface_params(scene, surface, lang)
widgets.steps_slider(scene, lang)
widgets.start_inputs(scene, surface, lang)
widgets.start_refused(lang)
widgets.view_toggles(scene, surface, lang)
with st.container(key="dl-title"):  # one line: the name and the formula
    st.markdown(f"**{surface_title(scene, lang)}** &nbsp; ${surface.latex}$")


# A run's slider reruns only this fragment: the sidebar is not rebuilt, so
# the map repaints sooner (bench/browser.py).
@st.fragment
def lab() -> None:
    if st.session_state.pop(state.START_CLICKED, False):
        st.rerun()  # the sidebar's start fields show the clicked point too
    scene = state.scene()
    notices = state.take_notices()
    if notices:
        lines = "\n".join(f"- {notice_text(n, lang)}" for n in notices)
        st.warning(f"{t('notices', lang)}\n{lines}")
    plot, side = st.columns([3, 1])
    with plot, st.container(key="dl-compiling"):  # over the map, see app.css
        note = st.empty()
    look, texts = figure_look(scene, lang), chart_texts(lang)
    locale = plotly_locale(lang)
    key = "contour" if surface.dim == 2 else "line1d"

    def figure(paths: list) -> dict:
        if surface.dim == 1:
            grid = data.grid(scene, data.GRID_POINTS[1])
            return line_spec(
                surface,
                grid,
                paths,
                scene.steps,
                look=look,
                params=dict(scene.surface_params),
                tangents=True,  # the step's tangent (Newton: its parabola)
            )
        grid = data.grid(scene, data.GRID_POINTS[2])
        start = scene.start_point()
        params = dict(scene.surface_params)
        return contour_spec(
            surface, grid, paths, start, scene.steps, look=look, params=params
        )

    def draw(paths: list, provisional: bool = False) -> None:
        chart(
            figure(paths),
            key=key,
            texts=texts,
            locale=locale,
            fit=True,
            click_anywhere=True,  # on the map, or on the curve: a new start
            on_click=lambda: widgets.set_start_from_click(key),
            provisional=provisional,
        )

    waiting = needs_compile(scene)
    if waiting:  # sent now: the page says why it waits instead of freezing
        labels = data.labels_for(scene, lang)
        names = listed((labels[i] for i in waiting), lang)
        note.info(t("compiling", lang, runs=names), icon=":material/hourglass_top:")
        if st.session_state.get(state.COMPILED_FOR) != scene:
            with plot:
                draw([], provisional=True)  # the map now; paths once compiled
            data.compile_runs(scene, waiting)
            st.session_state[state.COMPILED_FOR] = scene  # once: never a loop
            st.rerun()
    played = data.play(scene, lang)
    note.empty()
    paths = played.paths()
    with plot:
        for message in played.messages:
            st.warning(message)
        draw(paths)
        if not scene.runs:
            st.info(t("no_runs", lang))
    if scene.on_data():  # the data, and each run's model at the step shown
        with side:
            spec = data_spec(
                surface, scene.surface_params, paths, scene.steps, look=look
            )
            # Deferred: drawn after the map's paths have painted.
            chart(spec, key="data", defer=True, texts=texts, locale=locale, follow=key)
    # After the map: deltas go out in script order, so the paths are sent first.
    with side:
        swatches = [data.swatch(p.color, p.dash) for p in paths]
        run_panels(scene.runs, played.labels, swatches, lang, scene.view.present)
        st.caption(t("share", lang))
        link_bar(scene, lang)
    lesson.explain(scene, lang)
    if surface.dim == 1 and scene.runs:  # the course plots x against the step
        st.subheader(t("iterates", lang))
        spec = iterates_spec(surface, paths, scene.steps, look=look)
        chart(spec, key="iterates", defer=True, texts=texts, locale=locale)
    if surface.dim == 2 and scene.view.show_3d:
        grid3d = data.grid(scene, data.GRID_POINTS_3D)
        spec = surface_spec(surface, grid3d, paths, scene.steps, look=look)
        chart(spec, key="surface3d", defer=True, texts=texts, locale=locale)
    st.subheader(t("loss", lang))
    panels.loss_axis_picker(scene, lang)
    spec = loss_spec(
        surface, paths, scene.view.loss_axis, look=look, params=scene.surface_params
    )
    chart(spec, key="loss", defer=True, texts=texts, locale=locale)
    st.subheader(t("summary", lang))
    # A plain table: no Arrow encoding per rerun, no English toolbar.
    st.table(data.summary_rows(played, lang), hide_index=True)
    st.subheader(t("formulas", lang))
    panels.update_rules(scene, played.labels, lang)
    export_panel(scene, played, lang, lambda: figure(paths))
    heap.settle()  # a fragment rerun may have compiled: see ui/heap.py


lab()
