"""The figures' words and look, from the scene's view and the language."""

from __future__ import annotations

from dataclasses import fields, replace

from scenes import Scene
from ui.names import STATUS_WORDS
from ui.texts import t
from viz import FigureTexts, Look

# The figure words in Chinese (English: FigureTexts' defaults); status words
# come from ui/names.py, their one owner.
FIGURE_ZH = {
    "epoch": "轮次",
    "epochs": "每轮（epoch）的起点",
    "batch_loss": "这个小批量自己的损失",
    "batch": "当前步的小批量",
    "data": "数据",
    "class_0": "类别 0",
    "class_1": "类别 1",
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
    "ellipse": "协方差椭圆",
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
    texts = figure_texts(lang)
    if scene.on_data():  # the map's axes are the model's parameters
        names = scene.the_surface().parameter_names(scene.surface_params)
        texts = replace(texts, axis_x=names[0], axis_y=names[1])
    return Look(present=scene.view.present, maximize=scene.maximize, texts=texts)


def chart_texts(lang: str) -> dict[str, str]:
    """The chart component's own controls."""
    return figure_texts(lang).controls() | {"fallback": t("chart_fallback", lang)}


# plotly.js's own words (tool-bar titles, the zoom hint), for config.locales:
# the package ships no locale files, and the page loads nothing from outside.
PLOTLY_ZH = {
    "Download plot as a PNG": "下载为图片",
    "Download plot": "下载图片",
    "Zoom": "缩放",
    "Pan": "平移",
    "Box Select": "框选",
    "Lasso Select": "套索选择",
    "Zoom in": "放大",
    "Zoom out": "缩小",
    "Autoscale": "自动缩放",
    "Reset axes": "重置坐标轴",
    "Reset camera to default": "重置视角",
    "Reset camera to last save": "恢复上次保存的视角",
    "Orbital rotation": "轨道旋转",
    "Turntable rotation": "转盘旋转",
    "Toggle Spike Lines": "切换辅助线",
    "Toggle show closest data on hover": "切换悬停显示",
    "Show closest data on hover": "悬停显示最近数据",
    "Compare data on hover": "悬停比较数据",
    "Reset view": "重置视图",
    "Snapshot succeeded": "截图成功",
    "Taking snapshot - this may take a few seconds": "正在截图，请稍候",
    "Double-click to zoom back out": "双击以还原缩放",
    "Click to enter Colorscale title": "点击输入色标标题",
    "Share chart...": "分享图表…",
    "Share chart": "分享图表",
    "Edit in Chart Studio": "在 Chart Studio 中编辑",
}


def plotly_locale(lang: str) -> dict:
    """The chart's ``config`` entries that put plotly's own words in ``lang``."""
    if lang != "zh":
        return {}
    return {"locale": "zh-CN", "locales": {"zh-CN": {"dictionary": PLOTLY_ZH}}}
