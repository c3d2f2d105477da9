"""The gallery's lessons on the playground: pick one, read what to look for."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from scenes import GALLERY, Scene
from ui import state
from ui.texts import t


def _text(entry, lang: str) -> str:
    return entry.get(lang) or entry["en"]


def open_lesson(key: str) -> None:
    """Callback: the lesson's scene, keeping the viewer's presentation mode."""
    lesson = GALLERY.get(key)
    if lesson is None:
        return
    present = state.scene().view.present
    state.set_scene(
        replace(lesson.scene, view=replace(lesson.scene.view, present=present))
    )


def picker(scene: Scene, lang: str) -> None:
    """Sidebar: the gallery as a list (the Gallery page shows it as cards)."""
    options = ["", *GALLERY]
    state.seed(state.W_LESSON, scene.lesson if scene.lesson in GALLERY else "")

    def changed() -> None:
        key = st.session_state.get(state.W_LESSON, "")
        if key:
            open_lesson(key)
        else:
            state.change(lesson="")

    st.sidebar.selectbox(
        t("lesson", lang),
        options,
        format_func=lambda k: (
            _text(GALLERY[k].title, lang) if k else t("lesson_none", lang)
        ),
        key=state.W_LESSON,
        on_change=changed,
    )


def changed_from_lesson(scene: Scene) -> bool:
    lesson = GALLERY.get(scene.lesson)
    return lesson is not None and replace(scene, view=lesson.scene.view) != lesson.scene


def explain(scene: Scene, lang: str) -> None:
    """Under the map: the lesson's title, what to look for and what the runs show."""
    lesson = GALLERY.get(scene.lesson)
    if lesson is None:
        return
    part = t("course_part", lang, part=lesson.part)
    st.markdown(f"**{_text(lesson.title, lang)}** · {part}")
    st.markdown(t("look_for", lang, text=_text(lesson.look_for, lang)))
    if changed_from_lesson(scene):
        left, right = st.columns([3, 1])
        left.caption(t("lesson_changed", lang))
        right.button(
            t("lesson_reset", lang),
            on_click=open_lesson,
            args=(lesson.key,),
            key=state.W_LESSON_RESET,
        )
    else:
        st.caption(t("claim", lang, text=_text(lesson.claim_text, lang)))
