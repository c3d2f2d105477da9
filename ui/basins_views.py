"""The basins page's output: the two maps side by side, the legend with the
counts, and a picked start's two paths with "Play in the playground"."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from optimizers.status import TOLERANCE
from optimizers.sweep import Basins
from scenes import Run, Scene
from surfaces import Surface, get_surface
from ui import basins, state
from ui.basins_settings import Settings
from ui.chart import chart
from ui.figures import chart_texts, figure_texts, plotly_locale
from ui.names import surface_name
from ui.texts import for_numbers, listed, t
from viz import Look, contour_spec, line_spec
from viz.basins import WORDS, basin_color, basins_spec, counts, strip_spec

CHART_KEYS = ("basins0", "basins1")
PATHS_KEY = "basins_paths"
GRID_POINTS = {1: 600, 2: 80}  # the curve; the level lines
PATH_GRID = 100  # the small map of the picked start's paths
NOWRAP = 'style="white-space:nowrap"'  # a count or a point on one line


def words(lang: str) -> dict[str, str]:
    """The figure's words (viz.basins.WORDS) in ``lang``."""
    out = {k: t(f"basins_w_{k}", lang) for k in WORDS if k not in ("never", "diverged")}
    return out | {"diverged": for_numbers("basins_w_diverged", lang, "n")}


def header(s: Settings, lang: str) -> Surface:
    surface = get_surface(s.surface)
    with st.container(key="dl-title"):  # one line: as on the playground
        name = surface_name(s.surface, lang)
        title = t("basins_title", lang, surface=name)
        st.markdown(f"**{title}** &nbsp; ${surface.latex}$")
    for notice in basins.take_notices():
        st.warning(notice)
    return surface


def compute(s: Settings, lang: str) -> tuple[Basins, Basins]:
    """Both basins; says "compiling" first where a method is new here."""
    note = st.empty()
    waiting = basins.will_compile(s)
    if waiting:
        names = listed(
            (
                basins.side_label(side, lang).split(" · ")[0]
                for side in s.sides
                if side.method in waiting
            ),
            lang,
        )
        note.info(
            t("basins_compiling", lang, methods=names), icon=":material/hourglass_top:"
        )
    results = basins.compute(s)
    note.empty()
    return results


def maps(s: Settings, surface: Surface, results, lang: str) -> list:
    """The two maps side by side; a click picks a start. Returns the paths."""
    paths = basins.paths(s, lang)
    look = Look(texts=figure_texts(lang))
    grid = basins.grid(s.surface, GRID_POINTS[surface.dim])
    columns = st.columns(2)
    for index, (column, side, b) in enumerate(
        zip(columns, s.sides, results, strict=True)
    ):
        with column:
            st.markdown(f"**{basins.side_label(side, lang)}**")
            if surface.dim == 2:
                mine = [paths[index]] if paths else []
                spec = basins_spec(
                    surface,
                    b,
                    grid,
                    look=look,
                    words=words(lang),
                    pick=s.pick,
                    paths=mine,
                )
            else:
                pick = s.pick[0] if s.pick else None
                spec = strip_spec(
                    surface, b, grid, look=look, words=words(lang), pick=pick
                )
            key = CHART_KEYS[index]
            chart(
                spec,
                key=key,
                texts=chart_texts(lang),
                locale=plotly_locale(lang),
                click_anywhere=True,
                on_click=lambda k=key: basins.clicked(k, lang),
            )
    return paths


def _point(point, digits: int = 3) -> str:
    return "(" + ", ".join(f"{v:.{digits}g}" for v in point) + ")"


def legend(s: Settings, results, lang: str) -> None:
    """Each minimum's colour, place and value, and how many starts of each
    method reach it."""
    a, b = results
    total = a.labels.size
    head = ["", t("basins_col_minimum", lang), "f", *basins.side_names(s, lang)]
    rows = []
    ca, cb = counts(a), counts(b)
    for k, m in enumerate(a.minima):
        rows.append(
            (
                basin_color(k),
                f"{k + 1} &nbsp; {_point(m.point)}",
                f"{m.value:.4g}",
                ca[k],
                cb[k],
            )
        )
    rows.append((basin_color(-1), t("basins_none", lang), "", ca[-1], cb[-1]))
    cells = "".join(f"<th>{h}</th>" for h in head)
    body = []
    for color, name, value, n1, n2 in rows:
        swatch = (
            f'<span style="display:inline-block;width:1.1em;height:1.1em;'
            f"background:{color};border:1px solid #555;"
            f'vertical-align:middle"></span>'
        )
        share = [f"{n} ({100 * n / total:.0f}%)" for n in (n1, n2)]
        body.append(
            f"<tr><td>{swatch}</td><td {NOWRAP}>{name}</td><td>{value}</td>"
            f"<td {NOWRAP}>{share[0]}</td><td {NOWRAP}>{share[1]}</td></tr>"
        )
    st.markdown(
        f'<table class="dl-basins-legend" style="font-size:0.92rem">'
        f"<tr>{cells}</tr>{''.join(body)}</table>",
        unsafe_allow_html=True,
    )
    st.caption(t("basins_counts_note", lang, n=total, steps=s.steps))


def below(s: Settings, surface: Surface, results, paths: list, lang: str) -> None:
    """Under the maps: the legend and counts, where each method went from the
    picked start and the playground button, beside the two paths; then what
    the picture shows."""
    left, right = st.columns(2)
    with left:
        legend(s, results, lang)
        if s.pick is None:
            st.info(t("basins_click", lang), icon=":material/touch_app:")
        else:
            endings(s, surface, paths, lang)
    if s.pick is not None:
        with right:
            picked(s, surface, paths, lang)
    st.caption(t("basins_intro", lang))


def picked(s: Settings, surface: Surface, paths: list, lang: str) -> None:
    """The picked start's two paths on a small map (the playground's view)."""
    look = Look(texts=figure_texts(lang))
    grid = basins.grid(s.surface, PATH_GRID if surface.dim == 2 else 600)
    if surface.dim == 2:
        spec = contour_spec(surface, grid, paths, s.pick, s.steps, look=look)
    else:
        spec = line_spec(surface, grid, paths, s.steps, look=look)
    spec["layout"] = {**spec["layout"], "height": 440}
    chart(spec, key=PATHS_KEY, texts=chart_texts(lang), locale=plotly_locale(lang))


def endings(s: Settings, surface: Surface, paths: list, lang: str) -> None:
    """Where each method went from the picked start; the playground button."""
    st.markdown(f"**{t('basins_picked', lang, start=_point(s.pick, 4))}**")
    for name, p in zip(basins.side_names(s, lang), paths, strict=True):
        ending = _ending(surface, p, lang)
        st.markdown(t("basins_ending", lang, method=name, ending=ending))
    st.button(
        t("basins_play", lang),
        key=state.W_BS_PLAY,
        on_click=_to_playground,
        args=(s,),
        type="primary",
        icon=":material/play_arrow:",
    )


def _ending(surface: Surface, p, lang: str) -> str:
    """Where a path ended: which minimum, after how many steps."""
    if p.diverged_at is not None:
        return t("basins_end_diverged", lang, step=p.diverged_at)
    tol = TOLERANCE * surface.width
    for k, m in enumerate(surface.minima):
        gaps = np.linalg.norm(p.points - np.asarray(m.point)[None, :], axis=1)
        if gaps[-1] < tol:
            step = int(np.argmax(gaps < tol))
            point = _point(m.point)
            return t("basins_end_minimum", lang, k=k + 1, point=point, step=step)
    return t("basins_end_none", lang, point=_point(p.points[-1], 4))


def _to_playground(s: Settings) -> None:
    """The playground's scene: this surface, this start, these two methods."""
    runs = tuple(Run(side.method, side.values()) for side in s.sides)
    scene = Scene(surface=s.surface, start=s.pick, steps=s.steps, runs=runs)
    clean, _ = replace(scene, view=state.scene().view).validate()
    state.set_scene(clean)
    st.session_state[state.BS_GO_PLAYGROUND] = True
