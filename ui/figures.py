"""The figures' words and look, from the scene's view and the language."""

from __future__ import annotations

from dataclasses import fields

from scenes import Scene
from ui.names import STATUS_WORDS
from viz import FigureTexts, Look

# The figure words in Chinese (English: FigureTexts' defaults); status words
# come from ui/names.py, their one owner.
FIGURE_ZH = {
    "step": "步数",
    "start": "起点",
    "minimum": "极小点",
    "minima": "极小点",
    "maximum": "极大点",
    "maxima": "极大点",
    "per_step": "步数",
    "per_evaluation": "计算次数",
    "seed_fan": "随机种子扇形",
    "trials": "试探点",
    "trial_of_step": "试探点，第几步",
    "step_trials": "当前步的试探点",
    "step_trial": "当前步的试探点",
    "swarm": "粒子群",
    "simplex": "单纯形",
    "population": "种群",
    "status_at": "{status}（第 {step} 步）",
    "with_status": "{label} — {status}",
    "play": "播放",
    "pause": "暂停",
    "speed": "速度",
}


def figure_texts(lang: str) -> FigureTexts:
    if lang != "zh":
        return FigureTexts()
    known = {f.name for f in fields(FigureTexts)}
    words = {k: v for k, v in FIGURE_ZH.items() if k in known}
    words |= {k: v["zh"] for k, v in STATUS_WORDS.items() if k in known}
    return FigureTexts(**words)


def figure_look(scene: Scene, lang: str) -> Look:
    return Look(
        present=scene.view.present, maximize=scene.maximize, texts=figure_texts(lang)
    )


def chart_texts(lang: str) -> dict[str, str]:
    """The chart component's own controls."""
    return figure_texts(lang).controls()
