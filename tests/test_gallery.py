"""The course gallery: every lesson is a valid scene whose claim holds, and the
claims are not vacuous (a scene changed in the way that matters breaks them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from types import MappingProxyType

import pytest

from scenes import GALLERY, Scene, run_labels
from scenes.gallery import Lesson
from scenes.play import play_fan

KEYS = list(GALLERY)
PARTS = ("000", "001", "002", "003", "004")
TEXTS = ("title", "picture", "look_for", "claim_text")
CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def played(key: str) -> tuple:
    return GALLERY[key].scene.play()


def test_gallery_is_a_read_only_course_in_order():
    assert isinstance(GALLERY, MappingProxyType)
    assert len(GALLERY) >= 17
    parts = [lesson.part for lesson in GALLERY.values()]
    assert set(parts) <= set(PARTS)
    assert parts == sorted(parts), "lessons follow the course, part 000 to 004"
    titles = [lesson.title["en"] for lesson in GALLERY.values()]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("key", KEYS)
def test_scene_is_valid_as_it_stands(key):
    lesson = GALLERY[key]
    assert isinstance(lesson, Lesson)
    assert lesson.key == key
    assert lesson.scene.lesson == key
    clean, notices = lesson.scene.validate()
    assert notices == []
    assert clean == lesson.scene


@pytest.mark.parametrize("key", KEYS)
def test_scene_round_trips_through_url_and_json(key):
    scene = GALLERY[key].scene
    assert Scene.from_query(scene.to_query()) == scene
    assert Scene.from_json(scene.to_json()) == scene
    assert Scene.parse_query(scene.to_query())[1] == []


@pytest.mark.parametrize("key", KEYS)
def test_texts_in_both_languages(key):
    lesson = GALLERY[key]
    for name in TEXTS:
        text = getattr(lesson, name)
        assert set(text) == {"en", "zh"}, name
        assert text["en"].strip() and text["zh"].strip(), name
        assert text["zh"] != text["en"], name
        assert CJK.search(text["zh"]), f"{name}: zh has no Chinese"
        assert not CJK.search(text["en"]), f"{name}: en has Chinese"


@pytest.mark.parametrize("key", KEYS)
def test_generated_labels_tell_the_runs_apart(key):
    labels = run_labels(GALLERY[key].scene.runs)
    assert len(set(labels)) == len(labels), labels


@pytest.mark.parametrize("key", KEYS)
def test_claim_holds(key):
    lesson = GALLERY[key]
    trajectories = played(key)
    assert len(trajectories) == len(lesson.scene.runs)
    assert lesson.claim(trajectories) is True


@pytest.mark.parametrize("key", KEYS)
def test_claim_is_false_for_the_wrong_number_of_runs(key):
    assert GALLERY[key].claim(()) is False
    assert GALLERY[key].claim(played(key)[:-1]) is False


def test_noise_saddle_fans_out_to_every_seed():
    scene = GALLERY["noise_saddle"].scene
    noisy = scene.runs[1]
    fan = play_fan(scene, noisy)
    assert len(fan) == noisy.fan - 1 >= 1
    assert all(t.status == "unbounded" for t in fan)


# --- Claims are not vacuous --------------------------------------------------------


def _set(index: int, key: str, value: float | str) -> Callable[[Scene], Scene]:
    def mutate(scene: Scene) -> Scene:
        return scene.with_run(index, scene.runs[index].with_value(key, value))

    return mutate


def _swap_forms(scene: Scene) -> Scene:
    """The scheduled pair of momentum_forms with its two forms exchanged."""
    optax, course = scene.runs[2], scene.runs[3]
    scene = scene.with_run(2, optax.with_value("form", "course"))
    return scene.with_run(3, course.with_value("form", "optax"))


def _both(key: str, value: float) -> Callable[[Scene], Scene]:
    return lambda scene: _set(1, key, value)(_set(0, key, value)(scene))


MUTATIONS: dict[str, Callable[[Scene], Scene]] = {
    "learning_rates": _set(0, "lr", 0.9),  # no longer the ±π/2 two-cycle
    "x_plus_sin": lambda s: replace(s, surface="x_sq_plus_sin"),  # the right curve
    "one_step": _set(3, "lr", 0.17),  # 1/6 was the one-step landing
    "momentum_forms": _swap_forms,
    "course_edge": _set(1, "lr", 0.27),
    "valley_edge": lambda s: replace(s, surface_params={"kappa": 12.0}),
    "gradient_ascent": lambda s: replace(s, maximize=False),
    "noise_saddle": _set(1, "noise", 0.0),
    "clipping": _set(1, "clip_norm", 0.0),
    "schedules": _set(1, "decay_rate", 0.6),
    "weight_decay": _set(1, "weight_decay", 0.4),
    "nesterov": _both("momentum", 0.8),
    "adagrad_rmsprop": _set(0, "lr", 0.5),
}


@pytest.mark.parametrize("key", list(MUTATIONS))
def test_claim_fails_on_a_mutated_scene(key):
    lesson: Lesson = GALLERY[key]
    mutated = MUTATIONS[key](lesson.scene)
    assert mutated != lesson.scene
    assert mutated.validate()[1] == [], "the mutation is a legitimate scene"
    assert lesson.claim(mutated.play()) is False
