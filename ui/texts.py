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
    "choice_schedule": {"en": "Learning-rate schedule", "zh": "学习率调度"},
    "choice_bias_correction": {"en": "Bias correction", "zh": "偏差修正"},
    "choice_line_search": {"en": "Line search", "zh": "线搜索"},
    "choice_variant": {"en": "β formula", "zh": "β 公式"},
    "lr_curve": {
        "en": "Learning rate lr(t) over the run",
        "zh": "学习率 lr(t) 随步数变化",
    },
    "gradient_tools": {"en": "Noise and clipping", "zh": "噪声与裁剪"},
    "seed": {"en": "Seed of the noise", "zh": "噪声随机种子"},
    "fan": {"en": "Seeds drawn at once (fan)", "zh": "同时绘制的种子数（扇形）"},
    "col_f_evals": {"en": "f evaluations", "zh": "函数值计算次数"},
    "col_hess_evals": {"en": "Hessian evaluations", "zh": "Hessian 计算次数"},
    "col_evals_to_reach": {
        "en": "evaluations to reach",
        "zh": "到达所需计算次数",
    },
    "loss_axis": {"en": "Compare per", "zh": "比较方式"},
    "per_step": {"en": "step", "zh": "按步数"},
    "per_evaluation": {"en": "evaluation", "zh": "按计算次数"},
    "scenario": {"en": "Scenario", "zh": "场景"},
    "scenario_apply": {"en": "Set up this scenario", "zh": "载入此场景"},
    "scenario_none": {"en": "(free play)", "zh": "（自由探索）"},
    "when_to_use": {"en": "When to use it", "zh": "适用场景"},
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


# Labels of discrete options (Choice.options); an option not listed shows as is.
CHOICE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("schedule", "constant"): {"en": "constant", "zh": "常数"},
    ("schedule", "step"): {"en": "step decay", "zh": "阶梯衰减"},
    ("schedule", "inverse_time"): {"en": "inverse time", "zh": "反时间衰减"},
    ("schedule", "exponential"): {"en": "exponential", "zh": "指数衰减"},
    ("schedule", "cosine"): {"en": "cosine", "zh": "余弦退火"},
    ("schedule", "cyclic"): {"en": "cyclic (triangular)", "zh": "循环（三角形）"},
    ("schedule", "sgdr"): {"en": "SGDR (warm restarts)", "zh": "SGDR（热重启）"},
    ("bias_correction", "on"): {"en": "on", "zh": "开"},
    ("bias_correction", "off"): {"en": "off", "zh": "关"},
    ("line_search", "wolfe"): {"en": "strong Wolfe", "zh": "强 Wolfe"},
    ("line_search", "armijo"): {"en": "Armijo backtracking", "zh": "Armijo 回溯"},
    ("line_search", "exact"): {
        "en": "exact (quadratic model)",
        "zh": "精确（二次模型）",
    },
    ("variant", "pr"): {"en": "Polak–Ribière+", "zh": "Polak–Ribière+"},
    ("variant", "fr"): {"en": "Fletcher–Reeves", "zh": "Fletcher–Reeves"},
}


def choice_label(key: str, option: str, lang: str = "en") -> str:
    entry = CHOICE_LABELS.get((key, option), {})
    return entry.get(lang, entry.get("en", option))
