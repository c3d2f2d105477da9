"""Every user-facing string, in English and Simplified Chinese."""

from __future__ import annotations

LANGUAGES = {"en": "English", "zh": "简体中文"}

TEXTS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Descent Lab", "zh": "下降实验室"},
    "playground": {"en": "Playground", "zh": "实验场"},
    "about": {"en": "About", "zh": "关于"},
    "language": {"en": "Language", "zh": "语言"},
    "surface": {"en": "Surface", "zh": "损失曲面"},
    "optimizers": {"en": "Optimizers", "zh": "优化器"},
    "steps": {"en": "Steps", "zh": "步数"},
    "start": {"en": "Start point", "zh": "起点"},
    "start_hint": {
        "en": "or click the contour map",
        "zh": "或在等高线图上点击",
    },
    "show_3d": {"en": "Show the 3-D view", "zh": "显示三维视图"},
    "show_3d_help": {
        "en": "The 3-D view is heavier to draw; the 2-D map stays instant.",
        "zh": "三维视图绘制较慢；二维图始终即时更新。",
    },
    "surface_params": {"en": "Surface parameters", "zh": "曲面参数"},
    "loss": {"en": "Loss against step", "zh": "损失随步数变化"},
    "summary": {"en": "Summary", "zh": "汇总"},
    "formulas": {"en": "Update rules", "zh": "更新公式"},
    "pick_one": {
        "en": "Pick at least one optimizer in the sidebar.",
        "zh": "请在侧边栏选择至少一个优化器。",
    },
    "diverged_at": {
        "en": "{name} diverged at step {step}; its point is frozen there.",
        "zh": "{name} 在第 {step} 步发散；其位置停在该处。",
    },
    "bad_input": {
        "en": "{what}: {message}. Using the default instead.",
        "zh": "{what}：{message}。已改用默认值。",
    },
    "unknown_optimizer": {
        "en": "There is no optimizer {name!r}; it is left out.",
        "zh": "没有名为 {name!r} 的优化器，已忽略。",
    },
    "col_optimizer": {"en": "optimizer", "zh": "优化器"},
    "col_final": {"en": "final f", "zh": "最终 f"},
    "col_distance": {"en": "distance to nearest minimum", "zh": "到最近极小点的距离"},
    "col_reached": {"en": "first step within tolerance", "zh": "首次进入容差的步数"},
    "col_diverged": {"en": "diverged at step", "zh": "发散步数"},
    "col_grads": {"en": "gradient evaluations", "zh": "梯度计算次数"},
    "never": {"en": "never", "zh": "未达到"},
    "no": {"en": "no", "zh": "否"},
    "tolerance_note": {
        "en": "Tolerance: within {tol:.2g} of a documented minimum.",
        "zh": "容差：距已知极小点 {tol:.2g} 以内。",
    },
    "about_text": {
        "en": "Descent Lab shows how optimizers move on loss surfaces. Pick a "
        "surface and a few optimizers on the Playground, move the sliders, and "
        "watch the paths change. Everything runs on this machine; no internet "
        "is needed.",
        "zh": "下降实验室展示优化器在损失曲面上的运动。在实验场中选择一个曲面和几个"
        "优化器，拖动滑块，观察轨迹的变化。一切都在本机运行，无需联网。",
    },
}


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English if missing), formatted."""
    entry = TEXTS[key]
    return entry.get(lang, entry["en"]).format(**values)
