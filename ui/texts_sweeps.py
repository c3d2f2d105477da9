"""Texts of the hyperparameter-map page, in English and Simplified Chinese
(see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "sweeps": {"en": "Hyperparameter map", "zh": "超参数图"},
    "sw_intro": {
        "en": "Each cell is one run of {method} on {surface}: {steps} steps from "
        "the same start, with {axes} set by where the cell sits ({cells} runs "
        "in all). Click a cell to see its run beside the map.",
        "zh": "每个格子是{method}在{surface}上的一次运行：从同一起点走{steps}"
        "步，{axes}由格子的位置决定（共{cells}次运行）。点击一个格子，"
        "右侧画出这次运行的路径。",
    },
    "sw_notices": {
        "en": "Some values of the link were not used:",
        "zh": "链接中有些值没有被采用：",
    },
    "sw_notice_unreadable": {
        "en": "{what}: cannot read “{given}”; {used}.",
        "zh": "{what}：无法读取“{given}”；{used}。",
    },
    "sw_notice_out_of_range": {
        "en": "{what}: “{given}” is out of range; {used}.",
        "zh": "{what}：“{given}”超出范围；{used}。",
    },
    "sw_notice_not_an_option": {
        "en": "{what}: “{given}” is not one of the choices; {used}.",
        "zh": "{what}：“{given}”不是可选的值；{used}。",
    },
    "sw_notice_repeated": {
        "en": "{what} was given {given} times; the last one is used.",
        "zh": "{what}出现了{given}次；采用最后一个。",
    },
    "sw_notice_too_long": {
        "en": "{what}: the value “{given}” is too long; {used}.",
        "zh": "{what}：值“{given}”太长；{used}。",
    },
    "sw_notice_not_an_axis": {
        "en": "{what}: “{given}” are not one or two hyperparameters this method "
        "can vary; {used}.",
        "zh": "{what}：“{given}”不是这个方法可以作为轴的一到两个超参数；{used}。",
    },
    "sw_ignored": {"en": "ignored", "zh": "已忽略"},
    "sw_using": {"en": "using {used}", "zh": "改用{used}"},
    "sw_surface_header": {"en": "The surface", "zh": "曲面"},
    "sw_surface": {"en": "Loss surface", "zh": "损失曲面"},
    "sw_surface_help": {
        "en": "Surfaces with a documented minimum (the map measures the "
        "distance to it).",
        "zh": "只列出有已知极小点的曲面（图中要度量到极小点的距离）。",
    },
    "sw_start": {"en": "Start {axis}", "zh": "起点{axis}"},
    "sw_method_header": {"en": "The method and its axes", "zh": "方法与坐标轴"},
    "sw_method": {"en": "Method", "zh": "优化方法"},
    "sw_axis_x": {"en": "Horizontal axis", "zh": "横轴"},
    "sw_axis_y": {"en": "Vertical axis", "zh": "纵轴"},
    "sw_no_axis": {"en": "none (one axis)", "zh": "无（只用一个轴）"},
    "sw_grid_header": {"en": "The grid", "zh": "网格"},
    "sw_range": {"en": "{name}: range{scale}", "zh": "{name}：范围{scale}"},
    "sw_log_scale": {"en": " (log scale)", "zh": "（对数刻度）"},
    "sw_range_empty": {
        "en": "A range needs two different ends; the old range is kept.",
        "zh": "范围的两端必须不同；保留原来的范围。",
    },
    "sw_resolution": {"en": "Cells per side", "zh": "每边格子数"},
    "sw_resolution_help": {
        "en": "Up to 256 × 256 = 65 536 runs, all at once.",
        "zh": "最多 256 × 256 = 65 536 次运行，一次同时算完。",
    },
    "sw_steps": {"en": "Steps per run", "zh": "每次运行的步数"},
    "sw_fixed": {
        "en": "Other hyperparameters (fixed over the map)",
        "zh": "其他超参数（全图固定）",
    },
    "sw_show": {"en": "Colour shows", "zh": "颜色表示"},
    "sw_show_loss": {"en": "final loss f − f*", "zh": "最终损失 f − f*"},
    "sw_show_steps": {"en": "steps to tolerance", "zh": "收敛所需步数"},
    "sw_show_rate": {"en": "measured rate ρ", "zh": "实测收敛率 ρ"},
    "sw_show_outcome": {"en": "outcome", "zh": "结果"},
    "sw_budget": {
        "en": "Grid against random search: budget",
        "zh": "网格搜索与随机搜索：预算",
    },
    "sw_budget_off": {"en": "off", "zh": "不显示"},
    "sw_budget_help": {
        "en": "Both searches get the same number of runs: the grid search "
        "spreads them as √B × √B, the random search draws B points "
        "(log-uniform on a log axis). Each point is run on its own.",
        "zh": "两种搜索的运行次数相同：网格搜索排成 √B × √B 的网格，"
        "随机搜索随机抽取 B 个点（对数轴上按对数均匀抽取）。每个点都单独运行一次。",
    },
    "sw_compiling": {
        "en": "Compiling this map (a new surface, method, axes or size): the "
        "first one takes a few seconds, the next ones are quick.",
        "zh": "正在编译这张图（新的曲面、方法、"
        "坐标轴或大小）：第一次需要几秒钟，之后会很快。",
    },
    "sw_refused": {
        "en": "This map cannot be run: {message}",
        "zh": "无法运行这张图：{message}",
    },
    "sw_converged": {"en": "converged", "zh": "收敛"},
    "sw_neither": {"en": "neither", "zh": "未收敛也未发散"},
    "sw_diverged": {"en": "diverged", "zh": "发散"},
    "sw_gap_loss": {"en": "diverged", "zh": "发散"},
    "sw_gap_steps": {"en": "never within tolerance", "zh": "始终未进入容差"},
    "sw_gap_rate": {
        "en": "no rate (diverged, or none)",
        "zh": "无收敛率（发散或测不出）",
    },
    "sw_gap_note_loss": {
        "en": "Colour: f − f* after the last step, on a log scale (f* is the "
        "lowest minimum); grey cells diverged.",
        "zh": "颜色：最后一步的 f − f*，"
        "对数刻度（f* 是最低的极小值）；灰色格子表示发散。",
    },
    "sw_gap_note_steps": {
        "en": "Colour: the first step within tolerance of a minimum; grey "
        "cells never got there.",
        "zh": "颜色：第一次进入某个极小点容差范围的步数；灰色格子始终没有到达。",
    },
    "sw_gap_note_rate": {
        "en": "Colour: the measured rate ρ, the factor by which the distance to "
        "the minimum shrinks per step (smaller is faster); grey cells diverged "
        "or have no rate to measure.",
        "zh": "颜色：实测收敛率 ρ，即每一步到极小点的距离缩小的倍数（越小越快）；"
        "灰色格子表示发散或测不出收敛率。",
    },
    "sw_fig_outcome_key": {
        "en": "1 converged · 0 neither · −1 diverged",
        "zh": "1 收敛 · 0 未收敛也未发散 · −1 发散",
    },
    "sw_fig_gd_edge": {"en": "edge α = 2/λmax", "zh": "稳定边界 α = 2/λmax"},
    "sw_fig_hb_edge": {
        "en": "edge α·λmax = 2(1 + μ)",
        "zh": "稳定边界 α·λmax = 2(1 + μ)",
    },
    "sw_fig_nag_edge": {
        "en": "edge α·λmax = 2(1 + μ)/(1 + 2μ)",
        "zh": "稳定边界 α·λmax = 2(1 + μ)/(1 + 2μ)",
    },
    "sw_fig_optimum": {"en": "best (α*, μ*) for κ", "zh": "按 κ 的最优 (α*, μ*)"},
    "sw_fig_rate_lines": {"en": "theory ρ", "zh": "理论收敛率 ρ"},
    "sw_fig_grid_search": {"en": "grid search", "zh": "网格搜索"},
    "sw_fig_random_search": {"en": "random search", "zh": "随机搜索"},
    "sw_fig_best_grid": {"en": "best of grid", "zh": "网格搜索最优"},
    "sw_fig_best_random": {"en": "best of random", "zh": "随机搜索最优"},
    "sw_fig_picked": {"en": "cell shown", "zh": "所选格子"},
    "sw_theory_none": {
        "en": "Theory lines are drawn for gradient descent over its learning "
        "rate, and for momentum and Nesterov momentum over their learning rate "
        "and momentum, with the other settings at their defaults.",
        "zh": "理论曲线只在以下情形画出：梯度下降以学习率为轴，"
        "动量法和 Nesterov 动量以学习率和动量系数为轴，"
        "其他设置保持默认。",
    },
    "sw_theory_exact": {
        "en": "Theory uses the Hessian's eigenvalues λ = {eigs}. This surface is "
        "a quadratic, so the lines are exact. The minimum is at ({point}).",
        "zh": "理论曲线使用 Hessian 矩阵的特征值 λ = {eigs}。这个曲面是二次函数，"
        "所以曲线是精确的。极小点位于 ({point})。",
    },
    "sw_theory_gd": {
        "en": "Gradient descent: runs diverge beyond the edge α = 2/λmax.",
        "zh": "梯度下降：学习率超过稳定边界 α = 2/λmax 时发散。",
    },
    "sw_theory_momentum": {
        "en": "Momentum: runs start to diverge at the edge α·λmax = 2(1 + μ). "
        "On a map of α and μ, also the best (α*, μ*) for the condition number "
        "κ = λmax/λmin and the rate ρ's contours (Goh, “Why Momentum Really "
        "Works”, Distill 2017).",
        "zh": "动量法：在稳定边界 α·λmax = 2(1 + μ) 处开始发散。"
        "以 α 和 μ 为轴时，还画出按条件数 κ = λmax/λmin 得到的最优 (α*, μ*) "
        "和理论收敛率 ρ 的等值线（Goh，Distill，2017）。",
    },
    "sw_theory_nesterov": {
        "en": "Nesterov momentum: runs start to diverge at the edge "
        "α·λmax = 2(1 + μ)/(1 + 2μ), narrower than the heavy ball's because it "
        "brakes earlier. On a map of α and μ, also the rate ρ's contours: the "
        "largest root magnitude of z² − (1 + μ)(1 − αλ)z + μ(1 − αλ) (Lessard, "
        "Recht & Packard, SIAM J. Optim. 2016). No best setting is marked.",
        "zh": "Nesterov 动量：在稳定边界 α·λmax = 2(1 + μ)/(1 + 2μ) 处开始发散，"
        "因为它更早刹车，所以比重球法的边界更窄。以 α 和 μ 为轴时，"
        "还画出理论收敛率 ρ 的等值线，ρ 是 "
        "z² − (1 + μ)(1 − αλ)z + μ(1 − αλ) = 0 的根的最大模"
        "（Lessard、Recht、Packard，2016）。图中不标最优设置。",
    },
    "sw_theory_local": {
        "en": "Theory uses the Hessian at the minimum ({point}), eigenvalues "
        "λ = {eigs}. This surface is not a quadratic: the lines are a local "
        "approximation, right for runs that are already near that minimum.",
        "zh": "理论曲线使用极小点 ({point}) 处的 Hessian 矩阵，特征值 λ = {eigs}。"
        "这个曲面不是二次函数：这些曲线只是局部近似，只对已经接近该极小点的运行成立。",
    },
    "sw_search_two_axes": {
        "en": "The grid-against-random search needs two axes.",
        "zh": "网格搜索与随机搜索的比较需要两个坐标轴。",
    },
    "sw_search_grid": {
        "en": "Grid search's best: {where}, f − f* {gap}.",
        "zh": "网格搜索的最好结果：{where}，f − f* {gap}。",
    },
    "sw_search_random": {
        "en": "Random search's best: {where}, f − f* {gap}.",
        "zh": "随机搜索的最好结果：{where}，f − f* {gap}。",
    },
    "sw_search_grid_none": {
        "en": "Every run of the grid search diverged.",
        "zh": "网格搜索的每次运行都发散了。",
    },
    "sw_search_random_none": {
        "en": "Every run of the random search diverged.",
        "zh": "随机搜索的每次运行都发散了。",
    },
    "sw_search_random_wins": {
        "en": "Random search found the lower loss.",
        "zh": "随机搜索找到了更低的损失。",
    },
    "sw_search_grid_wins": {
        "en": "Grid search found the lower loss this time.",
        "zh": "这一次网格搜索找到了更低的损失。",
    },
    "sw_search_both_min": {
        "en": "Both searches found a setting that reaches the minimum (to "
        "round-off) in these steps; with fewer steps the difference shows.",
        "zh": "两种搜索都找到了能在这些步数内到达极小点（达到舍入误差）的设置；"
        "减少步数就能看出差别。",
    },
    "sw_search_tie": {
        "en": "Both searches found the same loss.",
        "zh": "两种搜索找到的损失相同。",
    },
    "sw_search_why": {
        "en": "Why random search tends to win: with {budget} runs the grid tries "
        "only {grid} different values of the horizontal hyperparameter, each "
        "repeated for every value of the other; random search tries {random} "
        "different values of each. When one hyperparameter matters much more "
        "than the other (here, usually the learning rate), the grid spends most "
        "of its runs repeating a few values of it, while random search probes "
        "it far more finely. Each point was run on its own (not read off the "
        "map).",
        "zh": "为什么随机搜索往往更好：用{budget}次运行，"
        "网格搜索在横轴超参数上只试了"
        "{grid}个不同的取值，"
        "每个取值都与另一个超参数的各个取值重复组合；随机搜索在每个"
        "超参数上都试了{random}个不同的取值。当一个超参数远比另一个重要时（这里通常是"
        "学习率），网格搜索把大部分运行花在重复那几个取值上，"
        "而随机搜索对它的探查细得多。"
        "每个点都单独运行了一次（不是从图上读出的）。",
    },
    "sw_new_draw": {"en": "Draw the random points again", "zh": "重新抽取随机点"},
    "sw_click_hint": {
        "en": "Click a cell of the map: its run is drawn here, and you can add "
        "it to the playground.",
        "zh": "点击图中的一个格子：这里会画出它的运行路径，还可以把它加入实验场。",
    },
    "sw_add": {"en": "Add to the playground", "zh": "加入实验场"},
    "sw_cell_reached": {
        "en": "{status}: within tolerance at step {step}; after {steps} steps "
        "f − f* {gap}.",
        "zh": "{status}：第{step}步进入容差；{steps}步后 f − f* {gap}。",
    },
    "sw_cell_diverged": {
        "en": "{status} at step {step} (of {steps}); last f − f* {gap}.",
        "zh": "{status}：在第{step}步（共{steps}步）；最后 f − f* {gap}。",
    },
    "sw_cell_ended": {
        "en": "{status} after {steps} steps; f − f* {gap}.",
        "zh": "{steps}步后{status}；f − f* {gap}。",
    },
    "sw_added": {
        "en": "{method} with the cell's settings was added to the playground.",
        "zh": "已把使用该格子设置的{method}加入实验场。",
    },
    "sw_added_surface": {
        "en": "The playground's surface changed from {old} to {new}, with the "
        "map's start and steps.",
        "zh": "实验场的曲面从{old}换成了{new}，起点和步数与超参数图相同。",
    },
    "sw_added_full": {
        "en": "The playground holds at most {most} runs: its first run was removed.",
        "zh": "实验场最多容纳{most}个运行：已移除第一个运行。",
    },
}
