"""The landscape page's sharp-against-flat section (Li et al., §5): one net
from one initialisation trained with a small and a large batch, each minimum
sliced along the same random draws scaled to its own filters: the 1-D curves
on one axis, the results, why the normalisation matters, and both planes on
one colour scale."""

from __future__ import annotations

import streamlit as st

from ui import landscape_data as data
from ui.landscape_compute import SharpFlat
from ui.landscape_controls import sharp_controls
from ui.landscape_sections import look, md, name, show
from ui.landscape_settings import Settings
from ui.texts import t
from viz.landscape import plane_spec, shared_scale
from viz.landscape_lines import Line, lines_spec

COLORS = {"small": "#009E73", "large": "#D55E00"}  # flat-ish green, sharp red


def sharp_flat(s: Settings, lang: str) -> None:
    st.subheader(t("ls_sharp", lang))
    sharp_controls(s, lang)
    d, arch, _ = data.parts(s)
    run = data.run_of(s, s.sharp_method)
    pair = data.sharp_flat(
        d, arch, run, s.small, s.large, s.direction_seed, s.resolution
    )
    names = {
        key: t(f"ls_{key}_label", lang, k=pair.minima[key].batch_size)
        for key in ("small", "large")
    }
    left, right = st.columns([3, 2])
    with left:
        curves(pair, names, lang)
    with right:
        results(s, pair, lang)
    st.markdown(f"**{t('ls_why_title', lang)}** {md(t('ls_why', lang))}")
    planes(pair, names, lang)


def curves(pair: SharpFlat, names: dict[str, str], lang: str) -> None:
    lines = [
        Line(names[c.label], COLORS[c.label], c.x, c.train, c.val) for c in pair.curves
    ]
    spec = lines_spec(
        lines,
        x_title=t("ls_sharp_axis", lang),
        y_title=t("ls_axis_loss", lang),
        dashed=t("ls_dashed", lang),
        marks=((0.0, "θ*"),),
        look=look(lang),
        height=430,
    )
    show(spec, "ls_sharp", lang)


def results(s: Settings, pair: SharpFlat, lang: str) -> None:
    small, large = pair.minima["small"], pair.minima["large"]
    words = {
        "method": name(s.sharp_method, lang),
        "lr": f"{s.lr(s.sharp_method):g}",
        "steps": s.steps,
        "small": small.batch_size,
        "large": large.batch_size,
        "small_train": f"{small.history.train_loss[-1]:.3g}",
        "large_train": f"{large.history.train_loss[-1]:.3g}",
        "small_val": f"{small.history.val_loss[-1]:.3g}",
        "large_val": f"{large.history.val_loss[-1]:.3g}",
    }
    st.markdown(t("ls_sharp_result", lang, **words))


def planes(pair: SharpFlat, names: dict[str, str], lang: str) -> None:
    """Both minima on planes of their own directions, on one colour scale."""
    st.markdown(f"**{t('ls_sharp_planes', lang)}**")
    scale = shared_scale(*pair.planes)
    for column, key, grid in zip(
        st.columns(2), ("small", "large"), pair.planes, strict=True
    ):
        with column:
            spec = plane_spec(
                pair.alphas,
                pair.alphas,
                grid,
                x_title=t("ls_axis_alpha", lang),
                y_title=t("ls_axis_beta", lang),
                colorbar=t("ls_colorbar", lang),
                center=names[key],
                scale=scale,
                look=look(lang),
                height=420,
            )
            show(spec, f"ls_sharp_{key}", lang)
