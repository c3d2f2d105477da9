"""Every sentence the pages show, in English and Simplified Chinese.

Names of things (methods, surfaces, parameters, options, statuses) are in
ui/names.py. A page family with many sentences keeps them in its own module
(``ui/texts_<area>.py``, a dict called ``TEXTS``), merged here; a key defined
twice fails at import. A key missing here shows as itself, spaced, instead of crashing
a lecture; tests/test_texts.py finds every call of ``t`` in the code and fails on
a key that is not here.
"""

from __future__ import annotations

import re
from string import Formatter

from ui import texts_areas

AREAS = texts_areas.MODULES

LANGUAGE_NAMES = {"en": "English", "zh": "简体中文"}

_CORE: dict[str, dict[str, str]] = {
    "app_title": {"en": "Descent Lab", "zh": "下降实验室"},
    "playground": {"en": "Playground", "zh": "实验场"},
    "gallery": {"en": "Course gallery", "zh": "课程图集"},
    "about": {"en": "About", "zh": "关于"},
    "calculus": {"en": "Derivatives", "zh": "导数"},
    "typed_function": {"en": "Your own function", "zh": "自定义函数"},
    "typed_field": {"en": "f(x) or f(x, y)", "zh": "f(x) 或 f(x, y)"},
    "typed_help": {
        "en": "As on the board: x^2 + 10 sin y, (1-x)^2 + 100(y-x^2)^2, "
        "25 sin x - x^2. ^ is a power; 2x and 2 sin x multiply.",
        "zh": "像黑板上那样写：x^2 + 10 sin y、(1-x)^2 + 100(y-x^2)^2、"
        "25 sin x - x^2。^ 表示乘方；2x 与 2 sin x 表示相乘。",
    },
    "typed_minima": {
        "en": "Its minima are found numerically (BFGS from a grid of starts), "
        "for the distance and converged columns.",
        "zh": "它的极小点是数值求得的（从网格上的多个起点运行 BFGS），"
        "供“距离”和“收敛”两栏使用。",
    },
    "typed_box": {"en": "View box", "zh": "显示范围"},
    "typed_problem": {
        "en": "Cannot read this (column {column}); the map keeps the last "
        "function that could be read.",
        "zh": "无法读取（第{column}列）；图中保留上一个可读的函数。",
    },
    "typed_box_refused": {
        "en": "“{text}” does not make a view box (numbers, min below max); "
        "the box is unchanged.",
        "zh": "“{text}”不能构成显示范围（须为数字且最小值小于最大值）；范围保持不变。",
    },
    "calc_point": {
        "en": "At the start point {point} (type it in the sidebar, or click the "
        "figure).",
        "zh": "在起点{point}处（在侧栏输入，或在图上点击）。",
    },
    "calc_h": {"en": "Step $h$", "zh": "步长 $h$"},
    "calc_h_help": {
        "en": "Smaller h cuts the Taylor error, until rounding takes over.",
        "zh": "h 越小截断误差越小，直到舍入误差占上风。",
    },
    "calc_angle": {"en": "Direction $e$ (degrees)", "zh": "方向 $e$（度）"},
    "calc_secant_note": {
        "en": "As h shrinks the secant (dashed) turns into the tangent: its slope "
        "is the derivative.",
        "zh": "h 变小时，割线（虚线）逐渐变成切线：切线的斜率就是导数。",
    },
    "calc_errors": {
        "en": "Error of each difference quotient against h",
        "zh": "各差商的误差随 h 的变化",
    },
    "calc_errors_note": {
        "en": "Right arm: Taylor's truncation (∝ h for forward and backward, ∝ h² "
        "for central). Left arm: rounding, ∝ ε/h. Float32's ε is 2²³ times "
        "larger, so its best h is larger too.",
        "zh": "右臂是泰勒截断误差（前向、后向 ∝ h，中心 ∝ h²）；左臂是舍入误差 ∝ ε/h。"
        "float32 的 ε 大 2²³ 倍，所以它的最佳 h 也更大。",
    },
    "calc_geometry": {"en": "The gradient and the level line", "zh": "梯度与等高线"},
    "calc_geometry_note": {
        "en": "∇f is perpendicular to the level line. Along a unit direction e the "
        "slope is e·∇f = |∇f| cos α: largest along ∇f (α = 0), zero along the "
        "level line, most negative along −∇f, the steepest way down.",
        "zh": "∇f 垂直于等高线。沿单位方向 e 的斜率为 e·∇f = |∇f| cos α："
        "沿 ∇f（α = 0）最大，沿等高线为零，沿 −∇f 最负，即最速下降方向。",
    },
    "calc_slices": {
        "en": "Slices through the point: the partial derivatives are their slopes",
        "zh": "过该点的截线：偏导数就是它们的斜率",
    },
    "calc_check": {
        "en": "Gradient check (central differences, this h): relative error {error}",
        "zh": "梯度检验（中心差分，当前 h）：相对误差{error}",
    },
    "col_quotient": {"en": "Quotient", "zh": "差商"},
    "col_value": {"en": "Value", "zh": "数值"},
    "col_error": {"en": "Error", "zh": "误差"},
    "fig_curve": {"en": "curve f", "zh": "曲线 f"},
    "fig_tangent": {"en": "tangent", "zh": "切线"},
    "fig_secant": {"en": "secant", "zh": "割线"},
    "fig_points": {"en": "points", "zh": "点"},
    "fig_forward": {"en": "forward", "zh": "前向差分"},
    "fig_backward": {"en": "backward", "zh": "后向差分"},
    "fig_central": {"en": "central", "zh": "中心差分"},
    "fig_autodiff": {"en": "autodiff (exact)", "zh": "自动微分（精确）"},
    "fig_best_h": {"en": "best h", "zh": "最佳 h"},
    "fig_error": {"en": "absolute error", "zh": "绝对误差"},
    "fig_course_h": {"en": "course h = 1e-5", "zh": "课程 h = 1e-5"},
    "fig_level": {"en": "level line", "zh": "等高线切线"},
    "fig_point": {"en": "point", "zh": "点"},
    "fig_gradient": {"en": "gradient ∇f", "zh": "梯度 ∇f"},
    "fig_descent": {"en": "−∇f (steepest descent)", "zh": "−∇f（最速下降）"},
    "fig_direction": {"en": "direction e", "zh": "方向 e"},
    "fig_slice": {"en": "slice", "zh": "截线"},
    "fig_plane": {"en": "tangent plane", "zh": "切平面"},
    "calc_plane": {
        "en": "The tangent plane at the point: the surface's best flat "
        "approximation there, tilted by ∇f",
        "zh": "该点的切平面：曲面在此处最好的平面近似，其倾斜由 ∇f 决定",
    },
    "surface": {"en": "Surface", "zh": "损失曲面"},
    "surfaces": {"en": "Surfaces", "zh": "损失曲面"},
    "optimizers": {"en": "Methods", "zh": "优化方法"},
    "steps": {"en": "Steps", "zh": "步数"},
    "start": {"en": "Start point", "zh": "起点"},
    "start_hint": {"en": "or click the map", "zh": "或在图上点击"},
    "start_hint_1d": {"en": "or click the curve", "zh": "或在曲线上点击"},
    "start_refused": {
        "en": "“{text}” is not a number; the start point is unchanged.",
        "zh": "“{text}”不是数字，起点保持不变。",
    },
    "show_3d": {"en": "3-D view", "zh": "三维视图"},
    "show_3d_help": {
        "en": "The 3-D view is heavier to draw; the map stays instant.",
        "zh": "三维视图绘制较慢；等高线图始终即时更新。",
    },
    "maximize": {"en": "Maximise (gradient ascent)", "zh": "求最大值（梯度上升）"},
    "maximize_help": {
        "en": "Every method climbs: it runs on −f, and f is drawn as it is.",
        "zh": "所有方法改为向上爬：在 −f 上运行，图中仍画 f 本身。",
    },
    "present": {"en": "Presentation mode", "zh": "演示模式"},
    "present_help": {
        "en": "Large type and thick paths for a projector; the panels fold.",
        "zh": "适合投影仪的大字号与粗线条；面板折叠起来。",
    },
    "surface_params": {"en": "Surface parameters", "zh": "曲面参数"},
    "loss": {"en": "Loss against step", "zh": "损失随步数的变化"},
    "iterates": {
        "en": "The iterates x_t and f(x_t) against the step",
        "zh": "迭代点 x_t 与 f(x_t) 随步数的变化",
    },
    "loss_axis": {"en": "Compare per", "zh": "横轴"},
    "per_step": {"en": "step", "zh": "按步数"},
    "per_evaluation": {"en": "evaluation", "zh": "按计算次数"},
    "summary": {"en": "Summary", "zh": "汇总"},
    "formulas": {"en": "Update rules", "zh": "更新公式"},
    "when_to_use": {
        "en": "When to use it ({name}): {note}",
        "zh": "适用场合（{name}）：{note}",
    },
    "about_line": {"en": "- {name}: {text}", "zh": "- {name}：{text}"},
    "list_separator": {"en": ", ", "zh": "、"},
    "run_settings": {"en": "Settings", "zh": "设置"},
    "lr_typed": {
        "en": "Learning rate, typed (e.g. 0.27 or 1/6)",
        "zh": "直接输入学习率（如 0.27 或 1/6）",
    },
    "lr_curve": {"en": "Learning rate over the run", "zh": "学习率随步数的变化"},
    "gradient_tools": {"en": "Gradient noise and clipping", "zh": "梯度噪声与梯度截断"},
    "fan": {"en": "Seeds drawn at once", "zh": "同时绘制的随机种子数"},
    "fan_short": {"en": "{n} seeds", "zh": "{n}个种子"},
    "duplicate_run": {"en": "Duplicate", "zh": "复制"},
    "remove_run": {"en": "Remove", "zh": "删除"},
    "add_method": {"en": "Method for a new run", "zh": "新运行的方法"},
    "add_run": {"en": "Add run", "zh": "添加运行"},
    "runs_full": {"en": "{most} runs at most", "zh": "最多{most}个运行"},
    "no_runs": {
        "en": "No runs yet: add one beside the map.",
        "zh": "还没有运行：在图旁添加一个。",
    },
    "run_refused": {
        "en": "{run} was not run: {message}",
        "zh": "{run}未运行：{message}",
    },
    "col_run": {"en": "run", "zh": "运行"},
    "col_status": {"en": "status", "zh": "状态"},
    "col_final": {"en": "final f", "zh": "最终 f"},
    "col_distance": {"en": "distance to nearest optimum", "zh": "到最近极值点的距离"},
    "col_reached": {"en": "first step within tolerance", "zh": "首次进入容差的步数"},
    "col_diverged": {"en": "frozen at step", "zh": "冻结于第几步"},
    "col_f_evals": {"en": "f evaluations", "zh": "函数值计算次数"},
    "col_grads": {"en": "gradient evaluations", "zh": "梯度计算次数"},
    "col_hess_evals": {"en": "Hessian evaluations", "zh": "Hessian 矩阵计算次数"},
    "col_evals_to_reach": {"en": "evaluations to reach", "zh": "到达所需计算次数"},
    "never": {"en": "never", "zh": "未达到"},
    "share": {"en": "Link to this scene", "zh": "本场景的链接"},
    "compiling": {
        "en": "Compiling {runs} for this surface: the first time takes a second "
        "or two, every later move is instant.",
        "zh": "正在为此曲面编译{runs}：第一次需要一两秒，之后的每次调整都即时显示。",
    },
    "copy_link": {"en": "Copy link", "zh": "复制链接"},
    "link_copied": {"en": "Copied.", "zh": "已复制。"},
    "link_select": {
        "en": "Selected: press Ctrl+C (⌘C) to copy.",
        "zh": "已选中：按 Ctrl+C（⌘C）复制。",
    },
    "export": {"en": "Export and load", "zh": "导出与载入"},
    "export_html": {
        "en": "Animation (HTML, plays offline)",
        "zh": "动画（HTML，可离线播放）",
    },
    "export_csv": {"en": "Trajectories (CSV)", "zh": "轨迹数据（CSV）"},
    "export_json": {"en": "Scene (JSON)", "zh": "场景文件（JSON）"},
    "load_scene": {"en": "Load a scene file (JSON)", "zh": "载入场景文件（JSON）"},
    "file_too_big": {
        "en": "That file is over {most} kB: not a scene file.",
        "zh": "文件超过{most} kB，不是场景文件。",
    },
    "lesson": {"en": "Lesson", "zh": "课例"},
    "lesson_none": {"en": "(free play)", "zh": "（自由探索）"},
    "lesson_open": {"en": "Open", "zh": "打开"},
    "lesson_changed": {
        "en": "The settings differ from the lesson's.",
        "zh": "当前设置已与课例不同。",
    },
    "lesson_reset": {"en": "Back to the lesson", "zh": "恢复课例设置"},
    "course_part": {"en": "Course part {part}", "zh": "课程第{part}部分"},
    "look_for": {"en": "*Look for:* {text}", "zh": "*观察要点：* {text}"},
    "claim": {"en": "What the runs show: {text}", "zh": "运行结果说明：{text}"},
    "notices": {
        "en": "Some settings were not taken as given:",
        "zh": "部分设置未按给定值采用：",
    },
    "notice_unknown_parameter": {
        "en": "“{what}” means nothing here and was ignored.",
        "zh": "“{what}”无法识别，已忽略。",
    },
    "notice_unreadable": {
        "en": "{what}: “{given}” could not be read; {used_text}.",
        "zh": "{what}：无法读取“{given}”；{used_text}。",
    },
    "notice_out_of_range": {
        "en": "{what}: {given} is outside its range; {used_text}.",
        "zh": "{what}：{given}超出范围；{used_text}。",
    },
    "notice_unknown_surface": {
        "en": "There is no surface “{given}”; {used_text}.",
        "zh": "没有名为“{given}”的曲面；{used_text}。",
    },
    "notice_bad_function": {
        "en": "The function “{given}” cannot be read; {used_text}.",
        "zh": "无法读取函数“{given}”；{used_text}。",
    },
    "notice_unknown_optimizer": {
        "en": "{what}: there is no method “{given}”; the run was left out.",
        "zh": "{what}：没有名为“{given}”的方法，该运行已略去。",
    },
    "notice_unknown_setting": {
        "en": "{what}: this method has no such setting; ignored.",
        "zh": "{what}：该方法没有这个设置，已忽略。",
    },
    "notice_too_many_runs": {
        "en": "Only {used} runs fit in one scene; the rest were left out.",
        "zh": "一个场景最多{used}个运行，其余已略去。",
    },
    "notice_repeated": {
        "en": "“{what}” was given {given} times; the last one is used.",
        "zh": "“{what}”出现了{given}次，采用最后一个。",
    },
    "notice_too_long": {
        "en": "{what}: the value is too long and was ignored.",
        "zh": "{what}：取值过长，已忽略。",
    },
    "notice_no_seed": {
        "en": "{what}: this method has no randomness to fan out; one run is drawn.",
        "zh": "{what}：该方法没有随机性，只画一条轨迹。",
    },
    "notice_used": {"en": "using {used}", "zh": "改用{used}"},
    "notice_dropped": {"en": "ignored", "zh": "已忽略"},
    "gallery_intro": {
        "en": "Each card is a picture from the course notes, ready to play. "
        "Open one: the map, the runs and the sliders are set, and the text says "
        "what to look for.",
        "zh": "每张卡片对应课程讲义中的一幅图，可直接运行。打开后，曲面、运行和滑块"
        "都已设好，文字说明要观察什么。",
    },
    "about_text": {
        "en": "Descent Lab shows how optimization methods move on loss surfaces. "
        "Pick a surface, add runs of any method (the same method several times, "
        "at different settings), move the sliders and watch the paths change. "
        "The course gallery opens each picture of the course notes as a scene. "
        "Everything runs on this machine; no internet is needed. The address "
        "always holds the scene: copy it to share exactly what is on screen.",
        "zh": "下降实验室展示各种优化方法在损失曲面上的运动。选择一个曲面，添加任意"
        "方法的运行（同一方法可在不同设置下运行多次），拖动滑块，观察轨迹的变化。"
        "课程图集把讲义中的每幅图做成一个可运行的场景。一切都在本机运行，无需联网。"
        "网址始终记录着当前场景：复制它，别人打开看到的就是同样的画面。",
    },
    "about_status": {"en": "What the status words mean", "zh": "状态词的含义"},
    "status_help_diverged": {
        "en": "the run hit a non-finite number, or flew far out while f grew",
        "zh": "出现非有限数值，或在 f 增大的同时飞到极远处",
    },
    "status_help_unbounded": {
        "en": "it flew far out while f fell below every known minimum: the "
        "surface has no bottom that way",
        "zh": "飞到极远处且 f 低于所有已知极小值：沿该方向曲面没有下界",
    },
    "status_help_left_view": {
        "en": "finite, but outside the map",
        "zh": "数值有限，但已离开图的范围",
    },
    "status_help_converged": {
        "en": "within tolerance of a documented minimum (a maximum when maximising)",
        "zh": "距已知极小点（求最大值时为极大点）在容差以内",
    },
    "status_help_not_converged": {
        "en": "in view but none of the above: a 2-cycle, a crawl, a stall",
        "zh": "仍在图内但不属于以上情况：来回跳动、缓慢爬行或停滞",
    },
    "full_batch": {"en": "full batch", "zh": "全批量"},
    "batch_help": {
        "en": "K points per update, a new shuffle each epoch (N/K updates); "
        "0 or N: the full batch, plain gradient descent.",
        "zh": "每次更新用 K 个点，每轮（epoch，共 N/K 次更新）重新打乱；"
        "0 或 N 即全批量，也就是普通梯度下降。",
    },
    "chart_fallback": {
        "en": "The live chart could not load; showing the standard chart instead.",
        "zh": "实时图表无法加载，改用标准图表显示。",
    },
}


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = sorted(set(part) & set(merged))
        if twice:
            raise ValueError(f"text keys defined twice: {', '.join(twice)}")
        merged |= part
    return merged


TEXTS = _merged(_CORE, *(module.TEXTS for module in AREAS))


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` (English if missing), formatted."""
    entry = TEXTS.get(key)
    if entry is None:  # a test fails on this; a lecture does not
        return key.replace("_", " ")
    template = entry.get(lang, entry["en"])
    if lang == "zh":
        return spaced(template, values)
    return template.format(**values)


HAN = re.compile(r"[\u4e00-\u9fff]")
# What a Chinese character may touch without a space: itself, white space,
# CJK and full-width punctuation (，：（）、), quotes, dashes and ellipses.
SNUG = re.compile(r"[\s\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u205f]")


def _gap(chinese: str, other: str) -> str:
    """A space between a Chinese character of the sentence and a value's
    edge beside it, unless that edge is itself Chinese or punctuation."""
    if chinese and other and HAN.match(chinese) and not SNUG.match(other):
        return " "
    return ""


def spaced(template: str, values: dict) -> str:
    """``template.format(**values)``, with a space wherever a Chinese
    character of the template meets a value whose edge is not itself Chinese
    or punctuation, as the written texts have it: 每个格子是 Nesterov 动量在
    Rosenbrock 函数上, 从起点 (1.5, −2) 出发, not 是Nesterov. The template's
    own characters are left as written; an empty value adds nothing."""
    formatter = Formatter()
    pieces: list[tuple[str, bool]] = []  # (text, is a value)
    for literal, field, spec, conversion in formatter.parse(template):
        pieces.append((literal, False))
        if field is not None:
            value = formatter.get_field(field, (), values)[0]
            value = formatter.convert_field(value, conversion)
            if spec and "{" in spec:  # a nested spec: {x:{width}}
                spec = formatter.vformat(spec, (), values)
            pieces.append((format(value, spec or ""), True))
    out = ""
    for i, (text, value) in enumerate(pieces):
        if text and value:  # the sentence's last character, the value's first
            out += _gap(out[-1:], text[:1])
        elif text and i > 0 and pieces[i - 1][1] and pieces[i - 1][0]:
            # the value's last character, the sentence's next
            out += _gap(text[:1], out[-1:])
        out += text
    return out


def for_numbers(key: str, lang: str, *fields: str) -> str:
    """The text of ``key`` with ``fields`` left as ``{field}``, for a caller
    that formats them later with numbers: spaced as ``t`` would space a
    number in Chinese (第 {n} 步, not 第{n}步)."""
    marks = {f: f"9\x00{f}\x009" for f in fields}  # a digit at each end
    text = t(key, lang, **marks)
    for field, mark in marks.items():
        text = text.replace(mark, "{" + field + "}")
    return text


def listed(items, lang: str = "en") -> str:
    """Names in a row, as a sentence lists them: "GD, Adam"; "梯度下降、Adam"."""
    return t("list_separator", lang).join(items)


def notice_text(notice, lang: str) -> str:
    """A scenes.Notice in words."""
    used = (
        t("notice_used", lang, used=notice.used)
        if notice.used
        else t("notice_dropped", lang)
    )
    return t(
        f"notice_{notice.code}",
        lang,
        what=notice.what,
        given=notice.given,
        used=notice.used,
        used_text=used,
    )
