"""The course gallery: every picture of the course notes, one click away."""

import streamlit as st

from scenes import GALLERY
from ui import lesson, state
from ui.texts import t

lang = state.lang()
st.title(t("gallery", lang))
st.caption(t("gallery_intro", lang))


def opened(key: str) -> None:
    lesson.open_lesson(key)
    st.session_state[state.GO_PLAYGROUND] = True


columns = st.columns(3)
for i, (key, item) in enumerate(GALLERY.items()):
    with columns[i % 3].container(border=True):
        st.markdown(f"**{item.title.get(lang, item.title['en'])}**")
        st.caption(t("course_part", lang, part=item.part))
        st.write(item.picture.get(lang, item.picture["en"]))
        st.button(
            t("lesson_open", lang),
            key=f"{state.W_LESSON_OPEN}.{key}",
            on_click=opened,
            args=(key,),
        )
if st.session_state.pop(state.GO_PLAYGROUND, False):
    st.switch_page("pages/playground.py")
