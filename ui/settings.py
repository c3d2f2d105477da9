"""One optimizer's panel beside the map: sliders, choices, schedule, noise."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from optimizers import Optimizer
from optimizers.base import (
    FIRST_ORDER_EXTRAS,
    SCHEDULE,
    SCHEDULE_PARAMS,
    Choice,
    HyperParam,
)
from optimizers.schedules import schedule_curve
from ui.texts import choice_label, t
from ui.widgets import number_slider

FAN_MOST = 8  # seeds drawn at once (one vectorised run: see optimizers.run_fan)
_EXTRAS = {h.key: h for h in FIRST_ORDER_EXTRAS}


@dataclass
class Settings:
    """What the panel set: values for ``run`` and how many seeds to fan out."""

    values: dict[str, float | str] = field(default_factory=dict)
    fan: int = 1


def optimizer_panel(opt: Optimizer, lang: str, expanded: bool = True) -> Settings:
    """The expander of one optimizer, in the current container (beside the map)."""
    with st.expander(opt.title, expanded=expanded):
        settings = Settings({h.key: slider(opt, h) for h in opt.hyperparams})
        settings.values |= {c.key: choice_box(opt, c, lang) for c in opt.choices}
        if opt.first_order:
            settings.values |= schedule_controls(opt, settings.values, lang)
            gradient_controls(opt, settings, lang)
    return settings


def slider(opt: Optimizer, spec: HyperParam) -> float:
    key = f"hp.{opt.key}.{spec.key}"
    return number_slider(spec, key, f"{spec.key}  ${spec.symbol}$")


def choice_box(opt: Optimizer, choice: Choice, lang: str) -> str:
    key = f"hp.{opt.key}.{choice.key}"
    if st.session_state.get(key) not in choice.options:  # e.g. from a bad link
        st.session_state[key] = choice.default
    return st.selectbox(
        t(f"choice_{choice.key}", lang),
        options=list(choice.options),
        format_func=lambda option: choice_label(choice.key, option, lang),
        key=key,
    )


def schedule_controls(opt: Optimizer, values: dict, lang: str) -> dict:
    """The schedule, its numbers when it is not constant, and the lr(t) plot."""
    kind = choice_box(opt, SCHEDULE, lang)
    if kind == "constant":
        return {"schedule": kind}
    numbers = {h.key: slider(opt, h) for h in SCHEDULE_PARAMS}
    curve = schedule_curve(kind, values | numbers, _steps())
    st.caption(t("lr_curve", lang))
    st.line_chart(curve, height=140, x_label="t", y_label="lr")
    return {"schedule": kind, **numbers}


def gradient_controls(opt: Optimizer, settings: Settings, lang: str) -> None:
    """Noise, seed, fan and clipping, behind a toggle: most lessons need none."""
    if not st.toggle(t("gradient_tools", lang), key=f"hp.{opt.key}.tools"):
        return
    noise = slider(opt, _EXTRAS["noise"])
    seed_key = f"hp.{opt.key}.seed"
    st.session_state.setdefault(seed_key, 0)
    seed = st.number_input(
        t("seed", lang), min_value=0, max_value=1_000_000, step=1, key=seed_key
    )
    settings.values |= {"noise": noise, "seed": float(seed)}
    if noise > 0:
        fan_key = f"hp.{opt.key}.fan"
        st.session_state.setdefault(fan_key, 1)
        settings.fan = st.slider(t("fan", lang), 1, FAN_MOST, key=fan_key)
    for key in ("clip_norm", "clip_value"):
        settings.values[key] = slider(opt, _EXTRAS[key])


def _steps() -> int:
    return int(st.session_state.get("steps", 200))
