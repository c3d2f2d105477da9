"""Texts of the basins page, in English and Simplified Chinese
(see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "basins": {"en": "Basins", "zh": "吸引域"},
    "basins_title": {"en": "Basins: {surface}", "zh": "吸引域：{surface}"},
    "basins_ending": {"en": "{method}: {ending}", "zh": "{method}：{ending}"},
    "basins_intro": {
        "en": "Every start of a grid over the map is run and coloured by the "
        "minimum it ends in: the coloured regions are the basins of attraction. "
        "Which minimum you reach depends on where you start. Momentum keeps "
        "speed, so it can carry a run over a ridge into the next basin: compare "
        "the borders of the two maps.",
        "zh": "在整张图上取网格状的许多起点，每个起点都运行一次，并按它最终到达的"
        "局部最小着色：同色的区域就是吸引域。到达哪一个极小点，取决于从哪里出发。"
        "动量法保留了速度，可能带着一次运行越过山脊、落入相邻的吸引域："
        "比较两张图的边界。",
    },
    "basins_surface": {"en": "Loss surface", "zh": "损失曲面"},
    "basins_method_header": {"en": "Method {n}", "zh": "方法{n}"},
    "basins_method": {"en": "Method", "zh": "方法"},
    "basins_resolution": {"en": "Starts per side", "zh": "每边起点数"},
    "basins_resolution_help": {
        "en": "More starts draw finer borders; a new grid size may compile once.",
        "zh": "起点越多，边界越细；新的网格大小可能需要编译一次。",
    },
    "basins_steps": {"en": "Steps per run", "zh": "每次运行的步数"},
    "basins_compiling": {
        "en": "Compiling {methods} for this surface (a few seconds, once)…",
        "zh": "正在为这个曲面编译{methods}（只需一次，约几秒）…",
    },
    "basins_col_minimum": {"en": "Minimum", "zh": "极小点"},
    "basins_none": {"en": "none, or diverged", "zh": "未到达，或发散"},
    "basins_counts_note": {
        "en": "Starts that reach each minimum within {steps} steps, out of {n}.",
        "zh": "{n}个起点中，在{steps}步内到达各极小点的个数。",
    },
    "basins_click": {
        "en": "Click a start on either map to see both methods' paths from it.",
        "zh": "在任一张图上点击一个起点，查看两种方法从那里出发的路径。",
    },
    "basins_picked": {"en": "From the start {start}", "zh": "从起点{start}出发"},
    "basins_play": {"en": "Play in the playground", "zh": "在实验场中播放"},
    "basins_end_minimum": {
        "en": "reaches minimum {k} {point} at step {step}",
        "zh": "在第{step}步到达极小点{k} {point}",
    },
    "basins_end_none": {
        "en": "reaches no minimum; ends at {point}",
        "zh": "没有到达极小点；停在{point}",
    },
    "basins_end_diverged": {
        "en": "diverges at step {step}",
        "zh": "在第{step}步发散",
    },
    # The figure's words (viz/basins.py WORDS).
    "basins_w_start": {"en": "start", "zh": "起点"},
    "basins_w_end": {"en": "end", "zh": "终点"},
    "basins_w_steps": {"en": "steps to the minimum: ", "zh": "到达极小点的步数："},
    "basins_col_side": {"en": "{name} ({k})", "zh": "{name}（{k}）"},
    "basins_w_diverged": {"en": "diverged at step {n}", "zh": "第{n}步发散"},
    "basins_w_minimum": {"en": "minimum", "zh": "极小点"},
    "basins_w_maximum": {"en": "maximum", "zh": "极大点"},
    # Notices about the page's URL parameters.
    "basins_notice_not_an_option": {
        "en": "The link's {what}={given} is not one of the choices; using {used}.",
        "zh": "链接中的{what}={given}不在可选范围内；改用{used}。",
    },
    "basins_notice_unknown_method": {
        "en": "The link's {what} names an unknown method “{given}”; using {used}.",
        "zh": "链接中的{what}含有未知方法“{given}”；改用{used}。",
    },
    "basins_notice_unreadable": {
        "en": "The link's {what} holds “{given}”, which cannot be read; ignored.",
        "zh": "链接中的{what}含有无法读取的“{given}”；已忽略。",
    },
    "basins_notice_out_of_range": {
        "en": "The link's {what} holds “{given}”, outside its range; using {used}.",
        "zh": "链接中的{what}含有超出范围的“{given}”；改用{used}。",
    },
    "basins_notice_outside": {
        "en": "The link's start {what}={given} lies outside the map; ignored.",
        "zh": "链接中的起点{what}={given}在图的范围之外；已忽略。",
    },
    "basins_notice_repeated": {
        "en": "The link gives {what} {given} times; the last one is used.",
        "zh": "链接中{what}出现了{given}次；使用最后一个。",
    },
    "basins_notice_too_long": {
        "en": "The link's {what} ({given}) is too long to read; ignored.",
        "zh": "链接中的{what}（{given}）太长，无法读取；已忽略。",
    },
}
