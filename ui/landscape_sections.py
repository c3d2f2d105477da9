"""The loss-landscape page's sections: the title and notices, training (with
the compile note), the random plane (contour and 3-D), the table of runs;
and the helpers the other sections share (ui/landscape_paths.py,
ui/landscape_sharp.py)."""

from __future__ import annotations

import streamlit as st

from ui import landscape, state
from ui import landscape_data as data
from ui.chart import chart
from ui.figures import chart_texts, figure_texts, plotly_locale
from ui.landscape_controls import plane_controls
from ui.landscape_settings import Settings
from ui.names import dataset_name, optimizer_name
from ui.texts import listed, t
from viz.landscape import plane_spec
from viz.landscape3d import plane_surface_spec
from viz.style import Look, color_for

HALF_HEIGHT = 470  # px of a figure in a half column: both fit 720 px with a title


def look(lang: str) -> Look:
    """The figures' words in ``lang``; large type in presentation mode."""
    return Look(present=state.scene().view.present, texts=figure_texts(lang))


def show(spec: dict, key: str, lang: str, **options) -> None:
    chart(spec, key=key, texts=chart_texts(lang), locale=plotly_locale(lang), **options)


def md(text: str) -> str:
    """Plain text for a Markdown element: θ* is a name, not emphasis."""
    return text.replace("*", "\\*")


def name(method: str, lang: str) -> str:
    return optimizer_name(method, lang)


def color(s: Settings, method: str) -> str:
    """A method's colour: by its place among the chosen ones, on every figure."""
    return color_for(s.methods.index(method))


def header(s: Settings, lang: str) -> None:
    words = {
        "data": dataset_name(s.data, lang),
        "hidden": "-".join(str(w) for w in s.hidden),
        "act": landscape.ACTIVATION_NAMES[s.activation],
    }
    with st.container(key="dl-title"):
        st.markdown(t("ls_title", lang, **words))
    st.caption(t("ls_intro", lang))
    notices = landscape.take_notices()
    if notices:
        st.warning("\n".join([t("ls_notices", lang), *(f"- {n}" for n in notices)]))


def train_all(s: Settings, lang: str) -> None:
    """Train every chosen method; first say so where a loop must compile
    (the note is sent before the compile blocks, and removed after it)."""
    waiting = data.waiting(s)
    note = st.empty()
    if waiting:
        names = listed((name(m, lang) for m in waiting), lang)
        icon = ":material/hourglass_top:"
        note.info(t("ls_compiling", lang, methods=names), icon=icon)
    trained = data.histories(*data.parts(s))
    note.empty()
    for method, h in trained:
        if h.diverged_at is not None:
            words = {"method": name(method, lang), "step": h.diverged_at}
            st.warning(t("ls_diverged", lang, **words))


def random_plane(s: Settings, lang: str) -> None:
    """The plane through one method's trained weights along two random
    filter-normalised directions, as a map and (deferred) in 3-D."""
    st.subheader(t("ls_random", lang))
    d, arch, _ = data.parts(s)
    run = data.run_of(s, s.center)
    plane = data.random_plane(d, arch, run, s.direction_seed, s.span, s.resolution)
    axes = (plane.alphas, plane.alphas, plane.losses)
    titles = {"x_title": t("ls_axis_alpha", lang), "y_title": t("ls_axis_beta", lang)}
    columns = st.columns(2) if s.show_3d else [st.container()]
    with columns[0]:
        center = t("ls_center_mark", lang, method=name(s.center, lang))
        spec = plane_spec(
            *axes,
            colorbar=t("ls_colorbar", lang),
            center=center,
            look=look(lang),
            height=HALF_HEIGHT,
            **titles,
        )
        show(spec, "ls_random", lang)
    if s.show_3d:
        with columns[1]:
            spec = plane_surface_spec(
                *axes,
                z_title=t("ls_colorbar", lang),
                look=look(lang),
                height=HALF_HEIGHT,
                **titles,
            )
            show(spec, "ls_random3d", lang, defer=True)
    plane_controls(s, lang)  # under the figures: on a projector they come first
    words = {"method": name(s.center, lang), "loss": f"{plane.center_loss:.4g}"}
    st.caption(md(t("ls_random_note", lang, **words)))


def summary(s: Settings, lang: str) -> None:
    """Each method's learning rate, final losses, accuracy and status."""
    st.subheader(t("ls_summary", lang))
    columns = [t(f"ls_col_{c}", lang) for c in ("method", "lr", "train", "val")]
    columns += [t(f"ls_col_{c}", lang) for c in ("acc", "status")]
    rows = []
    for method, h in data.histories(*data.parts(s)):
        status = (
            t("ls_ok", lang)
            if h.diverged_at is None
            else t("ls_diverged_short", lang, step=h.diverged_at)
        )
        values = (
            name(method, lang),
            f"{s.lr(method):g}",
            f"{h.train_loss[-1]:.4g}",
            f"{h.val_loss[-1]:.4g}",
            f"{100 * h.val_acc[-1]:.1f} %",
            status,
        )
        rows.append(dict(zip(columns, values, strict=True)))
    st.table(rows, hide_index=True)
