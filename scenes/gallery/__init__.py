"""The course gallery: the pictures of the course notes, each as a scene.

A lesson is a scene plus what to look for in it, in English and Chinese, and a
claim: a predicate on the scene's trajectories (``scene.play()``, in run order)
that states in numbers what the picture shows. The claims use the numbers
worked in the course guide and are tested (tests/test_gallery.py), so they are
tests of the engine as well: wrong physics makes them fail.

The lessons follow the course, part 000 to 004. Where the notes are wrong the
lesson says so (x + sin x has no minimum; clipping by norm has a condition).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import MappingProxyType

from scenes.gallery import minibatch, part000, part001, part002, part003, part004
from scenes.gallery.lesson import Lesson

__all__ = ["GALLERY", "Lesson"]


def _registered(lessons: Sequence[Lesson]) -> MappingProxyType[str, Lesson]:
    """Key -> lesson, each scene stamped with its lesson's key."""
    return MappingProxyType(
        {x.key: replace(x, scene=replace(x.scene, lesson=x.key)) for x in lessons}
    )


GALLERY: MappingProxyType[str, Lesson] = _registered(
    (
        *part000.LESSONS,
        *minibatch.BY_PART["000"],
        *part001.LESSONS,
        *minibatch.BY_PART["001"],
        *part002.LESSONS,
        *minibatch.BY_PART["002"],
        *part003.LESSONS,
        *part004.LESSONS,
    )
)
