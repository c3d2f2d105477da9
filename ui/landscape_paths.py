"""The landscape page's paths: every method's path on a PCA plane (all
paths together, or one method's own, as in the paper), beside the straight
line from the shared initial weights to each method's trained ones."""

from __future__ import annotations

import streamlit as st

from ui import landscape_data as data
from ui.landscape_controls import method_picker
from ui.landscape_sections import color, look, md, name, show
from ui.landscape_settings import ALL_PATHS, Settings
from ui.texts import t
from viz.landscape import PlanePath, plane_spec
from viz.landscape_lines import Line, lines_spec


def paths(s: Settings, lang: str) -> None:
    st.subheader(t("ls_paths", lang))
    left, right = st.columns([3, 2])
    with left:
        pca_plane(s, lang)
    with right:
        interpolation(s, lang)


def pca_plane(s: Settings, lang: str) -> None:
    """The paths projected on the PCA plane the picker chooses; the caption
    says how several paths share one plane (ui/landscape_compute.py)."""
    method_picker("pca", t("ls_pca_plane", lang), s, lang, extra=(ALL_PATHS,))
    d, arch, runs = data.parts(s)
    shown = runs if s.pca == ALL_PATHS else (data.run_of(s, s.pca),)
    plane = data.pca_plane(d, arch, shown, s.resolution)
    drawn = [
        PlanePath(name(p.method, lang), color(s, p.method), p.coords, p.steps, p.losses)
        for p in plane.paths
    ]
    share = [f"{100 * e:.1f} %" for e in plane.explained]
    reference = name(plane.reference, lang)
    spec = plane_spec(
        plane.alphas,
        plane.betas,
        plane.losses,
        x_title=t("ls_pca_axis", lang, k=1, share=share[0]),
        y_title=t("ls_pca_axis", lang, k=2, share=share[1]),
        colorbar=t("ls_colorbar", lang),
        paths=drawn,
        center=t("ls_origin", lang, method=reference),
        start=t("ls_start", lang),
        look=look(lang),
        height=500,
    )
    show(spec, "ls_pca", lang)
    note = "ls_pca_note_all" if len(shown) > 1 else "ls_pca_note_own"
    st.caption(t(note, lang, method=reference))


def interpolation(s: Settings, lang: str) -> None:
    """(1 − t)θ₀ + tθ* for each method, training and validation loss."""
    st.markdown(f"**{md(t('ls_interp', lang))}**")
    d, arch, runs = data.parts(s)
    lines = [
        Line(name(c.label, lang), color(s, c.label), c.x, c.train, c.val)
        for c in data.interpolations(d, arch, runs)
    ]
    spec = lines_spec(
        lines,
        x_title="t",
        y_title=t("ls_axis_loss", lang),
        dashed=t("ls_dashed", lang),
        marks=((0.0, "θ₀"), (1.0, "θ*")),
        look=look(lang),
        height=430,
    )
    show(spec, "ls_interp", lang)
    st.caption(md(t("ls_interp_note", lang)))
