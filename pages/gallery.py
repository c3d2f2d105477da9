"""The course gallery: every picture of the course notes, one click away."""

import streamlit as st

from scenes import GALLERY
from scenes.gallery.pages import PAGE_LESSONS
from ui import lesson, state
from ui.lesson_pages import target
from ui.texts import t

lang = state.lang()
st.title(t("gallery", lang))
st.caption(t("gallery_intro", lang))


def opened(key: str) -> None:
    lesson.open_lesson(key)
    st.session_state[state.GO_PLAYGROUND] = True


columns = st.columns(3)
# The course's order: each part's playground lessons, then its other pages'.
cards = sorted([*GALLERY.values(), *PAGE_LESSONS.values()], key=lambda x: x.part)
for i, item in enumerate(cards):
    with columns[i % 3].container(border=True):
        st.markdown(f"**{item.title.get(lang, item.title['en'])}**")
        st.caption(t("course_part", lang, part=item.part))
        st.write(item.picture.get(lang, item.picture["en"]))
        if item.key in PAGE_LESSONS:
            path, query = target(item, lang)
            st.page_link(path, label=t("lesson_open", lang), query_params=query)
            continue
        st.button(
            t("lesson_open", lang),
            key=f"{state.W_LESSON_OPEN}.{item.key}",
            on_click=opened,
            args=(item.key,),
        )
if st.session_state.pop(state.GO_PLAYGROUND, False):
    st.switch_page("pages/playground.py")
