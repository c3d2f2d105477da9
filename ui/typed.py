"""A function of the teacher's own: the text field, its view box, and what is
said when the text cannot be read (in place; the last good function stays)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from scenes import TYPED, Scene
from scenes.model import box_pairs
from scenes.query import fmt, number
from surfaces import ExpressionError, parse_expression
from ui import state
from ui.names import surface_name
from ui.texts import t

EXAMPLE = "x^2 + 10 sin y"  # what the field offers the first time
AXES = ("x", "y")


def surface_title(scene: Scene, lang: str) -> str:
    """The surface's name: "Your own function" for a typed one."""
    if scene.surface == TYPED:
        return t("typed_function", lang)
    return surface_name(scene.surface, lang)


def choose_typed() -> None:
    """The picker chose TYPED: the last function typed, or the example."""
    st.session_state.pop(state.TYPED_PROBLEM, None)
    text = st.session_state.get(state.TYPED_LAST, EXAMPLE)
    state.change(
        surface=TYPED,
        expression=text,
        box=None,
        start=None,
        lesson="",
        surface_params={},
    )


def function_field(scene: Scene, lang: str) -> None:
    """The function as typed, and its view box, in the sidebar."""
    problem = st.session_state.get(state.TYPED_PROBLEM)
    if not problem:  # a refused text stays in the field, to be mended
        state.seed(state.W_FUNCTION, scene.expression)
    st.sidebar.text_input(
        t("typed_field", lang),
        key=state.W_FUNCTION,
        on_change=_typed,
        max_chars=500,
        help=t("typed_help", lang),
    )
    if problem:
        st.sidebar.error(t("typed_problem", lang, column=problem[0]) + problem[1])
    st.sidebar.caption(t("typed_minima", lang))
    _box_fields(scene, lang)


def _typed() -> None:
    text = str(st.session_state.get(state.W_FUNCTION, ""))
    scene = state.scene()
    try:
        parse_expression(text, box_pairs(scene.box))
    except ExpressionError as error:
        # In place, with where: the scene (and the map) keep the last good one.
        st.session_state[state.TYPED_PROBLEM] = _problem(text, error)
        return
    st.session_state.pop(state.TYPED_PROBLEM, None)
    st.session_state[state.TYPED_LAST] = text
    clean, notices = replace(scene, expression=text, start=None).validate()
    state.add_notices(notices)
    state.set_scene(clean)


def _problem(text: str, error: ExpressionError) -> tuple[int, str]:
    """The column, and the parser's words (English) under the text with a caret."""
    caret = " " * max(0, error.column - 1) + "^"
    return error.column, f"\n\n```\n{text}\n{caret}\n```\n\n{error.message}"


def _box_fields(scene: Scene, lang: str) -> None:
    surface = scene.the_surface()
    st.sidebar.markdown(f"**{t('typed_box', lang)}**")
    for axis, (lo, hi) in zip(AXES, surface.domain, strict=False):
        low, high = st.sidebar.columns(2)
        for column, end, value in ((low, 0, lo), (high, 1, hi)):
            key = state.w_box(axis, end)
            state.seed(key, fmt(float(value)))
            column.text_input(
                f"{axis} {'min' if end == 0 else 'max'}",
                key=key,
                on_change=_box_changed,
                args=(AXES.index(axis), end, lang),
            )


def _box_changed(axis: int, end: int, lang: str) -> None:
    scene = state.scene()
    key = state.w_box(AXES[axis], end)
    value = number(str(st.session_state.get(key, "")).strip())
    flat = [v for pair in scene.the_surface().domain for v in pair]
    if value is not None:
        flat[2 * axis + end] = value
    try:
        parse_expression(scene.expression, box_pairs(tuple(flat)))
    except ValueError:
        value = None
    if value is None:  # refused: the box stays, and says why
        text = str(st.session_state.get(key, ""))[:40]
        st.session_state[state.START_REFUSED] = t("typed_box_refused", lang, text=text)
        return
    state.change(box=tuple(flat), start=None)
