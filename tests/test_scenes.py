"""The scene model: round trips through the URL and JSON, and garbage refused."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizers import OPTIMIZERS
from scenes import FAN_MOST, MAX_RUNS, NOTICE_CODES, Run, Scene, View, run_labels
from scenes.limits import MAX_STEPS, START_MARGIN
from scenes.model import LOSS_AXES
from scenes.play import fan_seeds
from scenes.query import VIEWER_KEYS
from surfaces import SURFACES

# --- random valid scenes -------------------------------------------------------


def _value(spec) -> st.SearchStrategy[float]:
    if getattr(spec, "integer", False):
        return st.integers(int(spec.low), int(spec.high)).map(float)
    return st.floats(spec.low, spec.high, allow_nan=False, allow_infinity=False)


@st.composite
def runs(draw) -> Run:
    opt = OPTIMIZERS[draw(st.sampled_from(list(OPTIMIZERS)))]
    specs = draw(st.lists(st.sampled_from(opt.all_hyperparams), unique=True))
    hyper = {h.key: draw(_value(h)) for h in specs}
    choices = {
        c.key: draw(st.sampled_from(c.options))
        for c in draw(
            st.lists(st.sampled_from(opt.all_choices or (None,)), unique=True)
        )
        if c is not None
    }
    seeded = "seed" in {h.key for h in opt.all_hyperparams}
    fan = draw(st.integers(1, FAN_MOST)) if seeded else 1
    label = draw(
        st.none()
        | st.text(
            st.characters(codec="utf-8", exclude_categories=("C", "Z")),
            min_size=1,
            max_size=20,
        )
    )
    return Run(opt.key, hyper, choices, fan, label)


@st.composite
def scenes(draw) -> Scene:
    surface = SURFACES[draw(st.sampled_from(list(SURFACES)))]
    params = {
        p.key: draw(_value(p))
        for p in draw(st.lists(st.sampled_from(surface.params or (None,)), unique=True))
        if p is not None
    }
    start = draw(
        st.none()
        | st.tuples(
            *(
                st.floats(lo, hi, allow_nan=False, allow_infinity=False)
                for lo, hi in surface.domain
            )
        )
    )
    return Scene(
        surface=surface.key,
        start=start,
        steps=draw(st.integers(1, MAX_STEPS)),
        runs=tuple(draw(st.lists(runs(), max_size=MAX_RUNS))),
        surface_params=params,
        maximize=draw(st.booleans()),
        view=View(
            show_3d=draw(st.booleans()),
            loss_axis=draw(st.sampled_from(LOSS_AXES)),
            present=draw(st.booleans()),
        ),
    )


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(scenes())
def test_a_valid_scene_is_its_own_validation(scene: Scene) -> None:
    clean, notices = scene.validate()
    assert notices == []
    assert clean == scene


@SETTINGS
@given(scenes())
def test_url_round_trip(scene: Scene) -> None:
    query = scene.to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    assert Scene.from_query(query) == scene
    again, notices = Scene.parse_query(query)
    assert again == scene and notices == []


@SETTINGS
@given(scenes())
def test_json_round_trip(scene: Scene) -> None:
    text = scene.to_json()
    json.loads(text)  # strict JSON: no NaN
    assert Scene.from_json(text) == scene


def test_the_url_form_is_readable() -> None:
    scene = Scene(
        surface="x_sq_plus_sin",
        start=(2.5,),
        steps=50,
        runs=(Run("gd", {"lr": 1.0}), Run("gd", {"lr": 0.1}), Run("gd", {"lr": 0.01})),
    )
    assert scene.to_query() == {
        "s": "x_sq_plus_sin",
        "x": "2.5",
        "n": "50",
        "r1": "gd,lr:1",
        "r2": "gd,lr:0.1",
        "r3": "gd,lr:0.01",
    }


def test_exact_values_survive_the_url() -> None:
    scene = Scene(surface="parabola", runs=(Run("gd", {"lr": 1 / 6}),))
    assert Scene.from_query(scene.to_query()).runs[0].hyper["lr"] == 1 / 6


# --- garbage in, defaults and a notice out --------------------------------------

HOSTILE = [
    ({"s": "<script>alert(1)</script>"}, "unknown_surface"),
    ({"s": "valley", "n": "NaN"}, "unreadable"),
    ({"s": "valley", "n": "1e309"}, "unreadable"),
    ({"s": "valley", "n": "-4"}, "out_of_range"),
    ({"s": "valley", "x": "nan,0"}, "unreadable"),
    ({"s": "valley", "x": "1e309,0"}, "unreadable"),
    ({"s": "valley", "x": "1e308,-1e308"}, "out_of_range"),
    ({"s": "valley", "x": "1,2,3"}, "unreadable"),
    ({"s": "valley", "x": "abc"}, "unreadable"),
    ({"s": "valley", "p": "kappa:abc"}, "unreadable"),
    ({"s": "valley", "p": "kappa:1e9"}, "out_of_range"),
    ({"s": "valley", "p": "nope:1"}, "unknown_setting"),
    ({"s": "valley", "r1": "gd,lr:inf"}, "unreadable"),
    ({"s": "valley", "r1": "gd,lr:-1"}, "out_of_range"),
    ({"s": "valley", "r1": "gd,bogus:3"}, "unknown_setting"),
    ({"s": "valley", "r1": "gd,schedule:<b>"}, "unreadable"),
    ({"s": "valley", "r1": "no_such_method"}, "unknown_optimizer"),
    ({"s": "valley", "r1": "newton,fan:5"}, "no_seed"),
    ({"s": "valley", "r1": "gd,fan:99"}, "out_of_range"),
    ({"s": "valley", "r13": "gd"}, "too_many_runs"),
    ({"s": "valley", "zzz": "1"}, "unknown_parameter"),
    ({"s": "valley", "max": "perhaps"}, "unreadable"),
    ({"s": "valley", "loss": "sideways"}, "unreadable"),
    ({"s": "valley", "g": "no_such_lesson"}, "unknown_parameter"),
    ({"s": ["valley", "rosenbrock"]}, "repeated"),
    ({"s": "valley", "r1": "gd,lr:" + "9" * 10_000}, "too_long"),
    ({"s": "valley", "r1": "gd,label:" + "x" * 500}, "too_long"),
    ({"s": "valley", "n": ""}, "unreadable"),
    ({"s": "valley", "x": ""}, "unreadable"),
]


@pytest.mark.parametrize(("query", "code"), HOSTILE)
def test_garbage_gives_defaults_and_a_notice(query: dict, code: str) -> None:
    scene, notices = Scene.parse_query(query)
    assert code in {n.code for n in notices}, notices
    assert all(n.code in NOTICE_CODES for n in notices)
    clean, again = scene.validate()
    assert clean == scene and again == []  # what came out is valid
    for run in scene.runs:
        for value in run.hyper.values():
            assert math.isfinite(value)
    assert all(math.isfinite(v) for v in scene.start_point())


def test_clamped_values_are_said_and_kept_in_range() -> None:
    scene, notices = Scene.parse_query({"s": "valley", "r1": "gd,lr:99", "n": "9999"})
    assert scene.runs[0].hyper["lr"] == 10.0
    assert scene.steps == MAX_STEPS
    assert {n.what for n in notices} == {"r1.lr", "n"}


def test_a_far_start_is_clamped_near_the_view() -> None:
    scene, _ = Scene.parse_query({"s": "valley", "x": "1e308,-1e308"})
    (lo, hi), _ = SURFACES["valley"].domain
    assert scene.start[0] == hi + START_MARGIN * (hi - lo)


def test_viewer_keys_are_not_scene_notices() -> None:
    query = {key: "zh" for key in VIEWER_KEYS}
    assert Scene.parse_query(query) == (Scene(), [])


def test_too_many_runs_in_a_file_are_cut() -> None:
    scene = Scene(runs=tuple(Run("gd") for _ in range(MAX_RUNS + 3)))
    clean, notices = scene.validate()
    assert len(clean.runs) == MAX_RUNS
    assert [n.code for n in notices] == ["too_many_runs"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "null",
        "[]",
        "{}",
        '{"format": "descent-lab-scene", "runs": 5}',
        "\xff",
        "{" * 5000,
    ],
)
def test_garbage_files_never_raise(text: str) -> None:
    scene, notices = Scene.parse_json(text)
    assert isinstance(scene, Scene) and notices


def test_garbage_query_objects_never_raise() -> None:
    for query in (None, 5, "s=valley", {1: 2}, {"r1": ["gd", "adam", "nesterov"]}):
        scene, _ = Scene.parse_query(query)  # type: ignore[arg-type]
        assert isinstance(scene, Scene)


# --- labels, fans ---------------------------------------------------------------


def test_whole_numbers_written_as_ints_go_into_a_link() -> None:
    scene = Scene(runs=(Run("gd", {"noise": 0.5, "seed": 3}, fan=8),))
    query = scene.to_query()
    assert query["r1"] == "gd,noise:0.5,seed:3,fan:8"
    assert Scene.from_query(query).runs == scene.runs


def test_labels_say_what_differs() -> None:
    runs = (Run("gd", {"lr": 1.0}), Run("gd", {"lr": 0.1}), Run("adam"))
    assert run_labels(runs, name=str.upper) == ["GD lr = 1", "GD lr = 0.1", "ADAM"]


def test_identical_twins_are_numbered_and_own_labels_win() -> None:
    runs = (Run("gd"), Run("gd"), Run("gd", label="mine"))
    assert run_labels(runs, name=str.upper) == ["GD #1", "GD #2", "mine"]


def test_twins_are_numbered_whether_a_default_is_spelt_out_or_not() -> None:
    # A run added beside one with lr: 0.05 written out (the default) is its
    # twin: the labels must still tell them apart.
    default_lr = OPTIMIZERS["gd"].defaults()["lr"]
    runs = (Run("gd", {"lr": default_lr}), Run("gd"), Run("gd", {"lr": 1.0}))
    labels = run_labels(runs, name=str.upper)
    assert labels == ["GD lr = 0.05 #1", "GD lr = 0.05 #2", "GD lr = 1"]
    assert run_labels(runs[:2], name=str.upper) == ["GD #1", "GD #2"]


def test_labels_name_choices_that_differ() -> None:
    runs = (Run("gd", choices={"schedule": "step"}), Run("gd"))
    labels = run_labels(runs, name=str.upper)
    assert labels == ["GD schedule = step", "GD schedule = constant"]


@pytest.mark.parametrize(("seed", "count"), [(0, 8), (999_994, 8), (1_000_000, 8)])
def test_fan_seeds_stay_in_range(seed: int, count: int) -> None:
    seeds = fan_seeds(seed, count)
    assert len(seeds) == count - 1 and len(set(seeds) | {seed}) == count
    assert all(0 <= s <= 1_000_000 for s in seeds)
