"""A run that must compile is known before it runs, so the map can say
"compiling…" instead of leaving a frozen page (pages/playground.py)."""

from __future__ import annotations

import pytest

from optimizers import is_compiled, run
from scenes import Run, Scene
from scenes.play import needs_compile, play_fan, play_run


def test_is_compiled_follows_the_runner_cache() -> None:
    settings = {"schedule": "cyclic", "lr": 0.01}
    assert not is_compiled("goldstein_price", "rmsprop", **settings)
    run("goldstein_price", "rmsprop", steps=3, **settings)
    assert is_compiled("goldstein_price", "rmsprop", **settings)
    # Numbers never compile: any learning rate is ready too.
    assert is_compiled("goldstein_price", "rmsprop", schedule="cyclic", lr=0.5)
    # Another choice is another runner; a fan is another runner.
    assert not is_compiled("goldstein_price", "rmsprop", schedule="sgdr")
    assert not is_compiled("goldstein_price", "rmsprop", True, **settings)


def test_unknown_settings_raise_as_run_does() -> None:
    with pytest.raises(KeyError):
        is_compiled("goldstein_price", "no_such_method")
    with pytest.raises(TypeError):
        is_compiled("goldstein_price", "gd", nonsense=1.0)


def test_needs_compile_names_the_runs_and_fans_that_wait() -> None:
    noisy = Run("adagrad", hyper={"noise": 0.5, "seed": 3}, fan=4)
    scene = Scene(
        surface="styblinski_tang",
        start=(1.0, 1.0),
        runs=(Run("gd"), Run("lion", choices={"schedule": "step"}), noisy),
    )
    assert needs_compile(scene) == [0, 1, 2]
    play_run(scene, scene.runs[0])
    assert needs_compile(scene) == [1, 2]
    play_run(scene, scene.runs[2])  # the run alone: its fan still waits
    assert needs_compile(scene) == [1, 2]
    play_fan(scene, scene.runs[2])
    play_run(scene, scene.runs[1])
    assert needs_compile(scene) == []


def test_a_refused_run_is_not_waited_for() -> None:
    scene = Scene(surface="styblinski_tang", runs=(Run("no_such_method"),))
    assert needs_compile(scene) == []
