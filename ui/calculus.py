"""The calculus page's pieces: the step h and the direction e, the 1-D view
(tangent, secant, difference quotients and their errors) and the 2-D one
(gradient geometry, slices, the gradient check)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import streamlit as st

from scenes import Scene
from scenes.query import fmt
from surfaces import Surface
from surfaces.derivatives import (
    COURSE_H,
    H_HIGH,
    H_LOW,
    KINDS,
    best_h,
    derivative,
    difference,
    error_curves,
    geometry,
    gradient_check,
    secant,
    slices,
    tangent,
    value_at,
)
from ui import data, state, widgets
from ui.chart import chart
from ui.figures import chart_texts, figure_look, plotly_locale
from ui.texts import t
from viz.calculus import (
    errors_spec,
    geometry_spec,
    slice_spec,
    tangent_plane_spec,
    tangent_spec,
)

FIGURE_WORDS = (
    *("curve", "tangent", "secant", "points", "forward", "backward", "central"),
    *("best_h", "error", "course_h", "level", "point", "gradient", "descent"),
    *("direction", "slice", "plane"),
)


def names(lang: str) -> dict[str, str]:
    """The figures' words in ``lang`` (keys as viz/calculus.py reads them)."""
    return {w: t(f"fig_{w}", lang) for w in FIGURE_WORDS}


def _set_view(**changes: float) -> None:
    s = state.scene()
    clean, notices = replace(s, view=replace(s.view, **changes)).validate()
    state.add_notices(notices)
    state.set_scene(clean)


def h_slider(scene: Scene, lang: str) -> float:
    options = widgets.log_options(H_LOW, H_HIGH, keep=scene.view.h)
    state.seed(state.W_H, widgets.nearest(options, scene.view.h))
    st.select_slider(
        t("calc_h", lang),
        options=options,
        key=state.W_H,
        format_func=lambda v: f"{v:.0e}" if v < 1e-3 else f"{v:g}",
        help=t("calc_h_help", lang),
        on_change=lambda: _set_view(h=float(st.session_state[state.W_H])),
    )
    return scene.view.h


def angle_slider(scene: Scene, lang: str) -> float:
    state.seed(state.W_ANGLE, round(scene.view.angle) % 360)
    st.slider(
        t("calc_angle", lang),
        0,
        359,
        key=state.W_ANGLE,
        on_change=lambda: _set_view(angle=float(st.session_state[state.W_ANGLE])),
    )
    return scene.view.angle


def _clicked(key: str):
    return {
        "click_anywhere": True,
        "on_click": lambda: widgets.set_start_from_click(key),
    }


def _charts(scene: Scene, lang: str):
    """The page's look, its figure words, and a chart call in its language."""
    texts, locale = chart_texts(lang), plotly_locale(lang)

    def show(spec: dict, key: str, **options) -> None:
        chart(spec, key=key, texts=texts, locale=locale, **options)

    return figure_look(scene, lang), names(lang), show


def one_d(scene: Scene, surface: Surface, lang: str) -> None:
    """Tangent and secant on the curve; the quotients; their errors against h."""
    x = scene.start_point()[0]
    params = dict(scene.surface_params)
    look, words, show = _charts(scene, lang)
    plot, side = st.columns([3, 2])
    with side:
        h = h_slider(scene, lang)
        st.table(_quotient_rows(surface, x, h, params, lang), hide_index=True)
        st.caption(t("calc_secant_note", lang))
    with plot:
        grid = data.grid(scene, 400)
        line, cut = tangent(surface, x, params), secant(surface, x, h, params)
        spec = tangent_spec(grid, line, cut, h, words, look)
        show(spec, "calc_curve", **_clicked("calc_curve"))
    st.subheader(t("calc_errors", lang))
    curves = error_curves(surface, x, params=params)
    hs = np.geomspace(H_LOW, H_HIGH, next(iter(curves.values())).size)
    best = {k: best_h(hs, v) for k, v in curves.items()}
    spec = errors_spec(hs, curves, h, COURSE_H, best, words, look)
    show(spec, "calc_errors")
    st.caption(t("calc_errors_note", lang))


def _quotient_rows(
    surface: Surface, x: float, h: float, params: dict, lang: str
) -> list[dict]:
    exact = derivative(surface, x, params)
    rows = [
        {
            t("col_quotient", lang): t("fig_autodiff", lang),
            t("col_value", lang): f"{exact:.12g}",
            t("col_error", lang): "0",
        }
    ]
    for kind in KINDS:
        value = difference(surface, x, h, kind, params)
        rows.append(
            {
                t("col_quotient", lang): t(f"fig_{kind}", lang),
                t("col_value", lang): f"{value:.12g}",
                t("col_error", lang): f"{abs(value - exact):.2e}",
            }
        )
    return rows


def two_d(scene: Scene, surface: Surface, lang: str) -> None:
    """The gradient's geometry on the map, the slices, the gradient check."""
    point = tuple(scene.start_point())
    params = dict(scene.surface_params)
    look, words, show = _charts(scene, lang)
    plot, side = st.columns([3, 2])
    with side:
        angle = angle_slider(scene, lang)
        geo = geometry(surface, point, math.radians(angle), params)
        norm = float(np.hypot(*geo.gradient))
        # Inline maths wraps in a narrow column; st.latex would overflow.
        st.markdown(
            rf"$\nabla f = ({geo.gradient[0]:.4g},\ {geo.gradient[1]:.4g})$, "
            rf"$|\nabla f| = {norm:.4g}$"
            "  \n"  # a line break
            rf"$\alpha = {math.degrees(geo.alpha):.1f}^\circ$, "
            rf"$e\cdot\nabla f = |\nabla f|\cos\alpha = {geo.directional:.4g}$"
        )
        st.caption(t("calc_geometry_note", lang))
        h = h_slider(scene, lang)
        error = gradient_check(surface, point, h, params)
        st.markdown(t("calc_check", lang, error=f"{error:.1e}"))
    with plot:
        grid = data.grid(scene, 100)
        spec = geometry_spec(grid, point, geo, words, look)
        show(spec, "calc_map", **_clicked("calc_map"))
    st.subheader(t("calc_slices", lang))
    along_x, along_y = slices(surface, point, params=params)
    value = value_at(surface, point, params)
    for column, along, at, slope, name in zip(
        st.columns(2),
        (along_x, along_y),
        point,
        geo.gradient,
        ("x", "y"),
        strict=True,
    ):
        other = "y" if name == "x" else "x"
        fixed = point[1] if name == "x" else point[0]
        title = (
            f"f({name}, {other}₀ = {fmt(round(fixed, 4))}):  ∂f/∂{name} = {slope:.4g}"
        )
        words_here = words | {"axis": name, "title": title}
        with column:
            spec = slice_spec(along, at, value, float(slope), words_here, look)
            show(spec, f"calc_slice_{name}")
    st.subheader(t("calc_plane", lang))
    grid3d = data.grid(scene, 50)
    spec = tangent_plane_spec(grid3d, point, value, geo.gradient, words, look)
    show(spec, "calc_plane", defer=True)
