"""Ready-made lessons: one click sets surface, start, optimizers and sliders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st

from optimizers import OPTIMIZERS
from ui.texts import t
from ui.widgets import log_options, nearest


@dataclass(frozen=True)
class Scenario:
    """A lesson: what to set, and (in both languages) what to look for."""

    key: str
    title: Mapping[str, str]
    look_for: Mapping[str, str]
    surface: str
    start: tuple[float, ...]
    optimizers: tuple[str, ...]
    settings: Mapping[str, Mapping[str, float | str]] = field(default_factory=dict)
    steps: int = 200


SCENARIOS = (
    Scenario(
        "adamw_vs_l2",
        {"en": "AdamW vs Adam + L2", "zh": "AdamW 与 Adam + L2 正则"},
        {
            "en": "Same λ, different places: Adam's L2 term passes through the "
            "adaptive scaling, AdamW's decay does not, so they stop at "
            "different points.",
            "zh": "同样的 λ，位置不同：Adam 的 L2 项经过自适应缩放，AdamW 的权重衰减"
            "不经过，因此两者停在不同的点。",
        },
        "course_quadratic",
        (-0.5, -0.5),
        ("adam", "adamw"),
        {
            "adam": {"lr": 0.05, "weight_decay": 0.5},
            "adamw": {"lr": 0.05, "weight_decay": 0.5},
        },
        steps=400,
    ),
    Scenario(
        "noise_saddle",
        {"en": "Noise pushes GD off a saddle", "zh": "噪声把梯度下降推离鞍点"},
        {
            "en": "Started on the ridge y = 0, exact GD slides into the saddle "
            "point and stays. With noisy gradients every seed escapes, up or "
            "down.",
            "zh": "从脊线 y = 0 出发，精确梯度下降滑入鞍点并停在那里；加入梯度噪声后，"
            "每个随机种子都会向上或向下逃离。",
        },
        "saddle",
        (1.5, 0.0),
        ("gd", "momentum"),
        {
            "gd": {"lr": 0.05, "tools": True, "noise": 0.05, "fan": 8},
            "momentum": {"lr": 0.02},
        },
    ),
    Scenario(
        "newton_saddle",
        {"en": "Newton is drawn to saddles", "zh": "牛顿法被鞍点吸引"},
        {
            "en": "Newton jumps to the stationary point of its quadratic model, "
            "the saddle. Saddle-free Newton flips the negative curvature and "
            "escapes.",
            "zh": "牛顿法跳向二次模型的驻点——鞍点。无鞍牛顿法翻转负曲率，从而逃离。",
        },
        "saddle",
        (1.5, 0.3),
        ("newton", "saddle_free_newton", "gd"),
        {"saddle_free_newton": {"lr": 0.5}, "gd": {"lr": 0.05}},
        steps=30,
    ),
    Scenario(
        "line_searches",
        {"en": "Line searches on Rosenbrock", "zh": "Rosenbrock 上的线搜索"},
        {
            "en": "BFGS, L-BFGS and CG each reach (1, 1) in a few dozen steps; "
            "step through the animation to see where each line search probed. "
            "Switch CG to Armijo backtracking and it crawls.",
            "zh": "BFGS、L-BFGS 与共轭梯度法几十步内到达 (1, 1)；逐步播放可以看到每次"
            "线搜索的试探点。把共轭梯度的线搜索换成 Armijo 回溯，它就变得很慢。",
        },
        "rosenbrock",
        (-1.2, 1.0),
        ("bfgs", "lbfgs", "cg"),
        steps=60,
    ),
    Scenario(
        "schedules",
        {"en": "Learning-rate schedules", "zh": "学习率调度"},
        {
            "en": "GD's step halves every 20 updates and settles at once; "
            "momentum's cosine decay calms its spiral by step 150. The small "
            "plots show lr(t); set a schedule to constant to compare.",
            "zh": "梯度下降的步长每 20 次更新减半，很快稳定；"
            "动量法的余弦衰减在第 150 步左右平息其螺旋。"
            "小图显示 lr(t)；把调度改为常数即可对比。",
        },
        "valley",
        (-2.5, 2.0),
        ("gd", "momentum"),
        {
            "gd": {"lr": 0.07, "schedule": "step", "decay_steps": 20},
            "momentum": {"lr": 0.05, "schedule": "cosine", "decay_steps": 150},
        },
    ),
)
SCENARIOS += (
    Scenario(
        "many_minima",
        {"en": "Many local minima: Rastrigin", "zh": "众多局部极小：Rastrigin"},
        {
            "en": "GD stops in the nearest dimple. Annealing accepts uphill moves "
            "while it is hot; the swarm shares its best point; Nelder-Mead's "
            "simplex shrinks into one basin. Count the evaluations in the table.",
            "zh": "梯度下降停在最近的小坑里。模拟退火在高温时接受上坡；"
            "粒子群共享最优点；Nelder-Mead 单纯形收缩进某一个盆地。"
            "看看表中的函数计算次数。",
        },
        "rastrigin",
        (3.6, -3.3),
        ("gd", "annealing", "pso", "nelder_mead"),
        {"gd": {"lr": 0.002}, "annealing": {"temperature": 20.0}},
        steps=300,
    ),
)
BY_KEY = {s.key: s for s in SCENARIOS}


def apply(key: str) -> None:
    """Button callback: put the scenario into the widgets' session state."""
    scenario = BY_KEY.get(key)
    if scenario is None:
        return
    state = st.session_state
    state["surface"] = scenario.surface
    state["optimizers"] = list(scenario.optimizers)
    state["steps"] = scenario.steps
    state["start.surface"] = scenario.surface  # keep the start set below
    for name, value in zip(("x", "y"), scenario.start, strict=False):
        state[f"start.{name}"] = float(value)
    for opt_key in scenario.optimizers:
        for name, value in _widget_values(opt_key, scenario).items():
            state[f"hp.{opt_key}.{name}"] = value
    state["scenario.active"] = key


def _widget_values(opt_key: str, scenario: Scenario) -> dict:
    """Every slider of the optimizer at its default, then the scenario's values."""
    opt = OPTIMIZERS[opt_key]
    values: dict = {"tools": False, "fan": 1}
    values |= {c.key: c.default for c in opt.all_choices}
    for h in opt.all_hyperparams:
        values[h.key] = h.default
    values |= dict(scenario.settings.get(opt_key, {}))
    for h in opt.all_hyperparams:
        if h.log:  # a select_slider only takes one of its options
            values[h.key] = nearest(log_options(h.low, h.high), values[h.key])
        elif h.integer:
            values[h.key] = int(values[h.key])
        else:
            values[h.key] = float(values[h.key])
    return values


def scenario_picker(lang: str) -> Scenario | None:
    """Sidebar: pick a lesson and set it up; returns the one last set up."""
    options = ["", *BY_KEY]
    choice = st.sidebar.selectbox(
        t("scenario", lang),
        options,
        format_func=lambda k: (
            _title(BY_KEY[k], lang) if k else t("scenario_none", lang)
        ),
        key="scenario",
    )
    st.sidebar.button(
        t("scenario_apply", lang), on_click=apply, args=(choice,), disabled=not choice
    )
    return BY_KEY.get(st.session_state.get("scenario.active", ""))


def _title(scenario: Scenario, lang: str) -> str:
    return scenario.title.get(lang, scenario.title["en"])


def look_for(scenario: Scenario, lang: str) -> str:
    return f"**{_title(scenario, lang)}** — " + scenario.look_for.get(
        lang, scenario.look_for["en"]
    )
