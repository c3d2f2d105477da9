"""The landscape page's controls beside its figures: which trained net the
random plane goes through, its grid, range and directions, the PCA plane,
and the sharp/flat pair's method and batch sizes. Segmented controls: a
projector shows every option at once."""

from __future__ import annotations

import streamlit as st

from ui.landscape import on, seed
from ui.landscape_settings import (
    ALL_PATHS,
    LARGE_BATCHES,
    RESOLUTIONS,
    SEED_HIGH,
    SMALL_BATCHES,
    SPANS,
    Settings,
)
from ui.landscape_sidebar import batch_label
from ui.names import optimizer_name
from ui.texts import t


def method_picker(field: str, label: str, s: Settings, lang: str, extra=()) -> None:
    """A segmented control over the chosen methods (after ``extra`` options)."""
    st.segmented_control(
        label,
        [*extra, *s.methods],
        format_func=lambda k: (
            t("ls_pca_all", lang) if k == ALL_PATHS else optimizer_name(k, lang)
        ),
        key=seed(field, getattr(s, field)),
        on_change=on(field, lang),
    )


def plane_controls(s: Settings, lang: str) -> None:
    """Centre, grid, range, direction seed and 3-D for the random plane."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        method_picker("center", t("ls_center", lang), s, lang)
        st.segmented_control(
            t("ls_resolution", lang),
            RESOLUTIONS,
            format_func=lambda n: f"{n}×{n}",
            key=seed("resolution", s.resolution),
            on_change=on("resolution", lang, int),
        )
        st.segmented_control(
            t("ls_span", lang),
            SPANS,
            format_func=lambda v: f"±{v:g}",
            key=seed("span", s.span),
            on_change=on("span", lang, float),
        )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.slider(
            t("ls_direction_seed", lang),
            0,
            SEED_HIGH,
            key=seed("direction_seed", s.direction_seed),
            on_change=on("direction_seed", lang, int),
            width=300,
        )
        st.toggle(
            t("ls_show_3d", lang),
            key=seed("show_3d", s.show_3d),
            on_change=on("show_3d", lang, bool),
            help=t("show_3d_help", lang),
        )


def sharp_controls(s: Settings, lang: str) -> None:
    """The method and the two batch sizes of the sharp/flat pair."""
    with st.container(horizontal=True, vertical_alignment="bottom"):
        method_picker("sharp_method", t("ls_sharp_method", lang), s, lang)
        for field, options in (("small", SMALL_BATCHES), ("large", LARGE_BATCHES)):
            st.segmented_control(
                t(f"ls_{field}", lang),
                options,
                format_func=lambda k: batch_label(k, lang),
                key=seed(field, getattr(s, field)),
                on_change=on(field, lang, int),
            )
