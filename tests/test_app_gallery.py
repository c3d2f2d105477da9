"""Every gallery lesson opens from its card, and its claim holds on the page."""

from __future__ import annotations

import pytest

from scenes import GALLERY
from ui import state

from .apphelp import Session


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.mark.parametrize("key", list(GALLERY))
def test_a_card_opens_its_lesson(session: Session, key: str) -> None:
    lesson = GALLERY[key]
    at = session.at
    at.switch_page("pages/gallery.py").run()
    assert not at.exception, at.exception
    at.button(key=f"{state.W_LESSON_OPEN}.{key}").click().run()
    session.read()
    assert session.scene == lesson.scene
    assert at.selectbox(key=state.W_SURFACE).value == lesson.scene.surface
    assert len(session.paths()) == len(lesson.scene.runs)
    shown = " ".join(m.value for m in at.markdown)
    assert lesson.title["en"] in shown and lesson.look_for["en"] in shown
    assert lesson.claim(session.scene.play())


def test_the_sidebar_picker_opens_a_lesson_and_a_change_offers_the_way_back() -> None:
    s = Session()
    s.at.selectbox(key=state.W_LESSON).set_value("learning_rates").run()
    s.read()
    assert s.scene == GALLERY["learning_rates"].scene
    s.at.select_slider(key=state.w_run(0, "lr")).set_value(0.5).run()
    s.read()
    assert s.scene.runs[0].hyper["lr"] == 0.5
    s.at.button(key=state.W_LESSON_RESET).click().run()
    s.read()
    assert s.scene == GALLERY["learning_rates"].scene
