"""Bad input never changes a setting silently (issue 12): the value kept or
clamped, and a notice that says so, for each case of the acceptance list."""

from __future__ import annotations

import numpy as np
import pytest

from optimizers.base import SEED
from scenes.limits import FAN_MOST, START_MARGIN
from surfaces import SURFACES
from ui import state

from .apphelp import Session, array

UNREADABLE = ("abc", "nan", "NaN", "inf", "-inf", "1e309", "1,5", "", "0x10")


def warnings(s: Session) -> str:
    return " ".join(w.value for w in [*s.at.warning, *s.at.sidebar.warning])


@pytest.fixture(scope="module")
def moved() -> Session:
    """A session whose start was moved away from the default, to x = -1.5."""
    s = Session({"s": "valley", "r1": "gd,lr:0.05"})
    s.at.text_input(key=state.w_start(0)).input("-1.5").run()
    s.read()
    assert s.scene.start_point()[0] == -1.5
    return s


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_start_keeps_the_previous_value(moved: Session, text: str) -> None:
    before = moved.scene
    moved.at.text_input(key=state.w_start(0)).input(text).run()
    moved.read()
    assert moved.scene == before  # nothing else moved either
    assert moved.scene.start_point()[0] == -1.5
    assert text[:10] in warnings(moved) or text == ""
    assert moved.at.text_input(key=state.w_start(0)).value == "-1.5"  # shown again
    assert array(moved.paths()[0]["x"])[0] == -1.5


@pytest.mark.parametrize("text", ["1e308", "-1e308"])
def test_a_huge_start_is_clamped_with_a_notice(text: str) -> None:
    s = Session({"s": "valley", "r1": "gd,lr:0.05"})
    with _no_overflow():
        s.at.text_input(key=state.w_start(0)).input(text).run()
        s.read()
    (lo, hi) = SURFACES["valley"].domain[0]
    margin = START_MARGIN * (hi - lo)
    bound = lo - margin if text.startswith("-") else hi + margin
    assert s.scene.start_point()[0] == bound
    assert f"{bound:g}" in warnings(s)
    x = array(s.paths()[0]["x"])
    assert x[0] == bound and np.all(np.isfinite(x))


def test_the_highest_seed_with_the_widest_fan_keeps_every_setting() -> None:
    top = int(SEED.high)
    query = {"s": "saddle", "r1": f"gd,lr:0.03,noise:0.7,seed:{top},fan:{FAN_MOST}"}
    s = Session(query)
    run = s.scene.runs[0]
    assert run.hyper == {"lr": 0.03, "noise": 0.7, "seed": top}
    assert run.fan == FAN_MOST
    assert not warnings(s)  # nothing refused, nothing replaced
    fan = [t for t in s.figures[0]["data"] if t.get("meta") == "fan"]
    assert len(fan) == FAN_MOST - 1
    assert len({tuple(array(t["x"])) for t in fan}) == FAN_MOST - 1  # 7 other seeds


def test_a_seed_past_the_range_is_clamped_and_named() -> None:
    s = Session({"s": "saddle", "r1": "gd,noise:0.5,seed:99999999,fan:8"})
    assert s.scene.runs[0].hyper["seed"] == SEED.high
    assert "r1.seed" in warnings(s) and "99999999" in warnings(s)
    assert s.scene.runs[0].hyper["noise"] == 0.5  # the rest as given


class _no_overflow:
    """Fails on any RuntimeWarning (an overflow in a cast, say) in the block."""

    def __enter__(self) -> None:
        import warnings as w

        self._catch = w.catch_warnings()
        self._catch.__enter__()
        w.simplefilter("error", RuntimeWarning)

    def __exit__(self, *exc) -> None:
        self._catch.__exit__(*exc)
