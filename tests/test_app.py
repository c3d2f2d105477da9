"""AppTest: the pages run, runs are built from the scene, the scene survives."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs

import numpy as np
import pytest

from optimizers import OPTIMIZERS
from scenes import MAX_RUNS, Run, Scene, View
from ui import state
from ui.url import query_string

from .apphelp import PAGES, Session, array
from .test_names import CITED


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(page: str) -> None:
    s = Session()
    s.at.switch_page(page).run()
    assert not s.at.exception, s.at.exception
    assert not s.at.error


def test_default_scene_is_the_valley_with_three_runs() -> None:
    s = Session()
    assert s.scene == Scene()
    assert s.figures[0]["data"][0]["type"] == "contour"
    assert len(s.paths()) == 3
    assert s.at.selectbox(key=state.W_SURFACE).value == "valley"


THREE_GD = {"s": "x_sq_plus_sin", "x": "2.5", "n": "60"} | {
    f"r{i}": f"gd,lr:{lr}" for i, lr in enumerate(("1", "0.1", "0.01"), 1)
}


def test_one_method_at_three_learning_rates_from_a_link() -> None:
    s = Session(THREE_GD)
    assert [r.hyper["lr"] for r in s.scene.runs] == [1.0, 0.1, 0.01]
    big, right, small = (array(p["x"]) for p in s.paths())
    # α = 1: the 2-cycle ±π/2; α = 0.1: the minimum; α = 0.01: still crawling.
    assert sorted(big[-2:]) == pytest.approx([-math.pi / 2, math.pi / 2], abs=1e-4)
    assert right[-1] == pytest.approx(-0.45018, abs=1e-4)
    assert small[-1] > 0.5 and np.all(np.diff(small) < 0)
    names = [p["name"] for p in s.paths()]
    assert len(set(names)) == 3 and all("α" in n for n in names)
    dashes = [p["line"].get("dash", "solid") for p in s.paths()]
    assert len(set(dashes)) == 3  # one method: told apart by dash too


def test_moving_one_runs_slider_changes_that_run_only() -> None:
    s = Session(THREE_GD)
    before = [p["x"] for p in s.paths()]
    s.at.select_slider(key=state.w_run(1, "lr")).set_value(0.2).run()
    s.run()
    after = [p["x"] for p in s.paths()]
    assert after[0] == before[0] and after[2] == before[2]
    assert after[1] != before[1]
    assert s.scene.runs[1].hyper["lr"] == 0.2


def test_scene_values_are_kept_exactly() -> None:
    scene = Scene(
        surface="parabola", start=(2.0,), steps=3, runs=(Run("gd", {"lr": 1 / 6}),)
    )
    s = Session().set_scene(scene)
    assert s.at.select_slider(key=state.w_run(0, "lr")).value == pytest.approx(1 / 6)
    assert s.scene.runs[0].hyper["lr"] == 1 / 6
    x = array(s.paths()[0]["x"])
    assert x[1] == pytest.approx(-1.0)  # α = 1/6 lands on the minimum in one step


def test_a_typed_learning_rate_is_exact_and_garbage_is_refused() -> None:
    s = Session()
    s.open_settings(0)
    s.at.text_input(key=state.w_run(0, state.RUN_LR_TYPED)).input("0.27").run()
    s.run()
    assert s.scene.runs[0].hyper["lr"] == 0.27
    s.at.text_input(key=state.w_run(0, state.RUN_LR_TYPED)).input("1/3").run()
    assert s.scene.runs[0].hyper["lr"] == 1 / 3
    s.at.text_input(key=state.w_run(0, state.RUN_LR_TYPED)).input("__import__").run()
    assert s.scene.runs[0].hyper["lr"] == 1 / 3
    assert any("__import__" in w.value for w in s.at.warning)


def test_add_duplicate_and_remove_runs() -> None:
    s = Session()
    s.at.selectbox(key=state.W_ADD_METHOD).set_value("gd").run()
    s.at.button(key=state.W_ADD_RUN).click().run()
    s.run()
    assert [r.optimizer for r in s.scene.runs] == ["gd", "momentum", "adam", "gd"]
    assert len(s.paths()) == 4
    s.open_settings(0, 1)
    s.at.button(key=state.w_run(1, state.RUN_DUPLICATE)).click().run()
    assert [r.optimizer for r in s.scene.runs] == [
        "gd",
        "momentum",
        "momentum",
        "adam",
        "gd",
    ]
    s.at.button(key=state.w_run(0, state.RUN_REMOVE)).click().run()
    s.run()
    assert [r.optimizer for r in s.scene.runs] == ["momentum", "momentum", "adam", "gd"]
    assert len(s.paths()) == 4


def test_at_most_twelve_runs() -> None:
    s = Session().set_scene(
        Scene(runs=tuple(Run("gd", {"lr": 0.01 * (i + 1)}) for i in range(MAX_RUNS)))
    )
    assert s.at.button(key=state.W_ADD_RUN).disabled
    assert len(s.paths()) == MAX_RUNS
    assert len({p["line"]["color"] for p in s.paths()}) == MAX_RUNS


def test_about_and_back_keeps_the_scene() -> None:
    s = Session(THREE_GD)
    s.at.select_slider(key=state.w_run(2, "lr")).set_value(0.02).run()
    s.at.session_state[state.LANG] = "zh"
    kept = s.scene
    s.at.switch_page("pages/about.py").run()
    assert not s.at.exception
    s.at.switch_page("pages/playground.py").run()
    s.run()
    assert s.scene == kept
    assert s.at.select_slider(key=state.w_run(2, "lr")).value == 0.02
    assert s.at.selectbox(key=state.W_SURFACE).value == "x_sq_plus_sin"
    assert s.at.session_state[state.LANG] == "zh"
    assert len(s.paths()) == 3


def test_the_address_bar_holds_the_scene() -> None:
    s = Session(THREE_GD)
    s.at.select_slider(key=state.w_run(1, "lr")).set_value(0.2).run()
    query = parse_qs(s.link_query())
    assert Scene.from_query(query) == s.scene
    assert query["lang"] == ["en"]
    assert s.link_query() == query_string(s.scene, "en")


def test_a_link_opened_anew_reproduces_the_paths() -> None:
    s = Session()
    s.at.select_slider(key=state.w_run(0, "lr")).set_value(0.15).run()
    s.at.selectbox(key=state.W_ADD_METHOD).set_value("nesterov").run()
    s.at.button(key=state.W_ADD_RUN).click().run()
    s.run()
    link = {k: v[-1] for k, v in parse_qs(s.link_query()).items()}
    again = Session(link)
    assert again.scene == s.scene
    assert [p["x"] for p in again.paths()] == [p["x"] for p in s.paths()]


def test_a_hostile_link_gives_defaults_and_one_notice() -> None:
    s = Session({"s": "valley", "r1": "gd,lr:nan", "x": "1e309,0", "evil": "<script>"})
    assert not s.at.exception
    text = " ".join(w.value for w in s.at.warning)
    assert "r1.lr" in text and "evil" in text
    assert s.scene.runs[0].hyper["lr"] == OPTIMIZERS["gd"].defaults()["lr"]
    assert s.scene.start is None
    s.run()
    assert not s.at.warning  # said once


def test_a_typed_start_is_refused_when_unreadable() -> None:
    s = Session()
    for text in ("abc", "nan", "1e309", "1,5"):
        s.at.text_input(key=state.w_start(0)).input(text).run()
        assert not s.at.exception
        assert s.scene.start is None, text  # unchanged: the surface's default
        assert s.at.sidebar.warning, text
    s.at.text_input(key=state.w_start(0)).input("-1.5").run()
    assert s.scene.start_point()[0] == -1.5


def test_maximise_runs_gradient_ascent() -> None:
    scene = Scene(
        surface="sin_minus_square",
        start=(-2.0,),
        steps=400,
        maximize=True,
        runs=(Run("gd", {"lr": 0.01}),),
    )
    s = Session().set_scene(scene)
    x = array(s.paths()[0]["x"])
    assert x[-1] == pytest.approx(-4.35641, abs=1e-4)


def test_presentation_mode_from_the_url_folds_the_panels() -> None:
    s = Session({"s": "valley", "present": "1", "r1": "gd"})
    assert s.scene.view == View(present=True)
    assert s.at.expander  # the run panels are folded into expanders
    layout = s.figures[0]["layout"]
    assert layout["font"]["size"] >= 20


LATIN = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {
    "Adam",
    "AdamW",
    "AdaGrad",
    "RMSProp",
    "AdaDelta",
    "AMSGrad",
    "NAdam",
    "Lion",
    "BFGS",
    "CMA",
    "ES",
    "L",
    "Nesterov",
    "Nelder",
    "Mead",
    "SGDR",
    "Rosenbrock",
    "Himmelblau",
    "Beale",
    "Booth",
    "Matyas",
    "Goldstein",
    "Price",
    "Rastrigin",
    "Ackley",
    "Styblinski",
    "Tang",
    "McCormick",
    "Polak",
    "Ribière",
    "Fletcher",
    "Reeves",
    "Wolfe",
    "Armijo",
    "optax",
    "English",
    "JSON",
    "CSV",
    "HTML",
    "Ctrl",
    "sin",
    "cos",
    "exp",
    "min",
    "max",
    "lr",
    "Descent",
    "Lab",
    "Language",  # the language switch names both languages on purpose
    "Hessian",
    "SGD",
    "Transformer",
    "mn",  # terms the course keeps in Latin
    *CITED,  # authors the notes cite
}


def visible_texts(at) -> list[str]:
    texts = []
    for kind in (
        "selectbox",
        "select_slider",
        "slider",
        "toggle",
        "text_input",
        "button",
        "segmented_control",
        "expander",
    ):
        for w in getattr(at, kind, []) if kind != "segmented_control" else at.get(kind):
            label = getattr(w, "label", "") or ""
            texts.append(re.sub(r"\$[^$]*\$", "", label))
            for option in getattr(w, "options", []) or []:
                texts.append(str(option))
    texts += [re.sub(r"&\w+;|<[^>]+>", " ", m.value) for m in at.markdown]
    texts += [c.value for c in at.caption] + [h.value for h in at.subheader]
    return texts


def test_chinese_changes_every_label_and_chosen_value() -> None:
    s = Session(
        {"lang": "zh", "s": "valley", "r1": "gd,schedule:step", "r2": "momentum"}
    )
    assert s.at.session_state[state.LANG] == "zh"
    box = s.at.selectbox(key=state.W_SURFACE)
    assert box.label == "损失曲面" and "山谷" in box.options[box.index]
    s.open_settings()
    schedule = s.at.selectbox(key=state.w_run(0, "schedule"))
    assert schedule.options[schedule.index] == "分段常数衰减"
    leftovers = [
        (text, word)
        for text in visible_texts(s.at)
        for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
        if word not in ALLOWED
    ]
    assert not leftovers, leftovers[:20]


@pytest.mark.parametrize("page", ["pages/gallery.py", "pages/about.py"])
def test_chinese_on_the_other_pages(page: str) -> None:
    s = Session({"lang": "zh"})
    s.at.switch_page(page).run()
    assert not s.at.exception
    leftovers = [
        (text[:60], word)
        for text in visible_texts(s.at)
        for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
        if word not in ALLOWED
    ]
    assert not leftovers, leftovers[:20]
