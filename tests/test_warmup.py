"""After the warm-up, opening any gallery lesson compiles nothing."""

from __future__ import annotations

from scenes import GALLERY
from scenes.play import play_fan, play_run
from ui import warmup

from .apphelp import Session
from .compiles import compiles_during


def test_every_lesson_is_warm_after_the_warm_up() -> None:
    played = warmup.warm_up_now()
    assert played == sum(len(s.runs) for s in warmup.warm_scenes())

    def open_every_lesson() -> None:
        for lesson in GALLERY.values():
            for run in lesson.scene.runs:
                play_run(lesson.scene, run)
                play_fan(lesson.scene, run)
            Session(lesson.scene.to_query())  # its figures, as the page draws

    assert compiles_during(open_every_lesson) == 0


def test_the_warm_set_covers_the_default_scene_and_the_gallery() -> None:
    scenes = warmup.warm_scenes()
    assert len(scenes) == len(GALLERY) + 1
    assert {s.lesson for s in scenes[1:]} == set(GALLERY)
