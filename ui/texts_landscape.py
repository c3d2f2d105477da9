"""Texts of the loss-landscape page, in English and Simplified Chinese
(see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "landscape": {"en": "Loss landscape", "zh": "损失地形"},
    # The sidebar.
    "ls_data_header": {"en": "Data", "zh": "数据"},
    "ls_data": {"en": "Data set", "zh": "数据集"},
    "ls_points": {
        "en": "Points N (a quarter held out for validation)",
        "zh": "点数 N（四分之一留作验证集）",
    },
    "ls_noise": {"en": "Noise", "zh": "噪声"},
    "ls_data_seed": {"en": "Seed of the data", "zh": "数据的随机种子"},
    "ls_net_header": {"en": "Network", "zh": "网络"},
    "ls_hidden": {"en": "Hidden layers (widths)", "zh": "隐藏层（各层宽度）"},
    "ls_hidden_help": {
        "en": "Widths separated by commas, e.g. 16,16 or 32,32,32: 1 to {layers} "
        "layers of 1 to {width} units; press Enter to apply. A new shape compiles "
        "its training loops once, a second or two per method.",
        "zh": "用逗号分隔各层宽度，如 16,16 或 32,32,32：1 到{layers}层，每层 1 到"
        "{width}个神经元；按回车生效。新的网络形状要先编译一次训练循环，"
        "每个方法一两秒。",
    },
    "ls_hidden_refused": {
        "en": "“{text}” is not 1 to {layers} whole widths from 1 to {width}; the "
        "hidden layers stay {old}.",
        "zh": "“{text}”不是 1 到{layers}个取值 1 到{width}的整数宽度；"
        "隐藏层保持为{old}。",
    },
    "ls_activation": {"en": "Activation", "zh": "激活函数"},
    "ls_training_header": {"en": "Training", "zh": "训练"},
    "ls_methods": {
        "en": "Methods (at most {most}, all from one initialisation)",
        "zh": "优化方法（最多{most}个，都从同一个初始化出发）",
    },
    "ls_methods_empty": {
        "en": "At least one method is needed; the methods stay {old}.",
        "zh": "至少需要一个方法；方法保持为{old}。",
    },
    "ls_lr": {"en": "Learning rate of {method}", "zh": "{method}的学习率"},
    "ls_batch": {"en": "Batch size K", "zh": "批量大小 K"},
    "ls_steps": {"en": "Steps", "zh": "步数"},
    "ls_seed": {
        "en": "Seed (initialisation and shuffling)",
        "zh": "随机种子（初始化与打乱顺序）",
    },
    # A link's values that were not used.
    "ls_notices": {
        "en": "Some values in the link were not used as given:",
        "zh": "链接中的部分取值未按原样采用：",
    },
    "ls_notice_unreadable": {
        "en": "{what}: “{given}” could not be read; using {used}.",
        "zh": "{what}：无法读取“{given}”，改用{used}。",
    },
    "ls_notice_out_of_range": {
        "en": "{what}: {given} is outside its range; using {used}.",
        "zh": "{what}：{given}超出范围，改用{used}。",
    },
    "ls_notice_not_an_option": {
        "en": "{what}: “{given}” is not one of the choices; using {used}.",
        "zh": "{what}：“{given}”不是可选项之一，改用{used}。",
    },
    "ls_notice_unknown_method": {
        "en": "{what}: there is no method “{given}”; it was left out.",
        "zh": "{what}：没有名为“{given}”的方法，已略去。",
    },
    "ls_notice_not_first_order": {
        "en": "{what}: “{given}” is not a first-order method, so it cannot train "
        "the net here; it was left out.",
        "zh": "{what}：“{given}”不是一阶方法，无法在这里训练网络，已略去。",
    },
    "ls_notice_too_many_methods": {
        "en": "{what}: at most {used} methods at once; “{given}” was left out.",
        "zh": "{what}：最多同时使用{used}个方法，“{given}”已略去。",
    },
    "ls_notice_repeated": {
        "en": "“{what}” was given {given} times; the last one is used.",
        "zh": "“{what}”出现了{given}次，采用最后一个。",
    },
    "ls_notice_too_long": {
        "en": "{what}: the value is too long and was ignored.",
        "zh": "{what}：取值过长，已忽略。",
    },
    "ls_notice_hidden": {
        "en": "{what}: “{given}” is not 1 to {layers} widths from 1 to {width}; "
        "using {used}.",
        "zh": "{what}：“{given}”不是 1 到{layers}个取值 1 到{width}的宽度，"
        "改用{used}。",
    },
    # The title and the compile note.
    "ls_title": {
        "en": "**Loss landscape** of a small net: {data}, hidden layers {hidden}, "
        "{act}",
        "zh": "小型网络的**损失地形**：{data}，隐藏层{hidden}，{act}",
    },
    "ls_intro": {
        "en": "A net with hundreds of weights has a loss surface in hundreds of "
        "dimensions; what can be drawn is the loss along one or two directions "
        "through weight space. Li et al. (NeurIPS 2018) pick them at random but "
        "scaled to the net's own weights (filter normalisation), or take them "
        "from the path the optimizer walked (PCA). Every figure here is computed "
        "from the nets trained on this page.",
        "zh": "一个有几百个权重的网络，它的损失曲面有几百个维度；能画出来的只是沿权重"
        "空间中一两个方向的损失。Li 等人（NeurIPS 2018）的做法是：随机选方向，"
        "但按网络自身权重的大小缩放（滤波器归一化）；或者从优化器走过的路径里取"
        "方向（主成分分析）。本页每幅图都由本页训练出的网络算出。",
    },
    "ls_compiling": {
        "en": "Compiling the training loop of {methods} for this net: a second or "
        "two per method, only the first time. After that, moving any number "
        "(learning rate, K, steps, seeds, N, noise, grid) compiles nothing.",
        "zh": "正在为这个网络编译{methods}的训练循环：每个方法一两秒，只在第一次。"
        "之后调整任何数值（学习率、K、步数、随机种子、N、噪声、网格）都不再编译。",
    },
    "ls_diverged": {
        "en": "{method} diverged at step {step}: the net froze at its last finite "
        "weights. A smaller learning rate trains it.",
        "zh": "{method}在第{step}步发散：网络停在最后一组有限的权重上。"
        "调小学习率即可正常训练。",
    },
    # The random plane.
    "ls_random": {
        "en": "A random plane through the trained weights",
        "zh": "过训练所得权重的随机平面",
    },
    "ls_center": {"en": "Through the weights of", "zh": "经过这个方法训练出的权重"},
    "ls_resolution": {"en": "Grid", "zh": "网格"},
    "ls_span": {"en": "α and β within", "zh": "α 与 β 的范围"},
    "ls_direction_seed": {
        "en": "Seed of the two directions",
        "zh": "两个方向的随机种子",
    },
    "ls_show_3d": {"en": "3-D view", "zh": "三维视图"},
    "ls_axis_alpha": {"en": "α (direction δ)", "zh": "α（沿方向 δ）"},
    "ls_axis_beta": {"en": "β (direction η)", "zh": "β（沿方向 η）"},
    "ls_colorbar": {"en": "training<br>loss", "zh": "训练<br>损失"},
    "ls_center_mark": {
        "en": "θ*: trained by {method}",
        "zh": "θ*：由{method}训练所得",
    },
    "ls_random_note": {
        "en": "The training loss at θ* + αδ + βη. δ and η are Gaussian random "
        "directions rescaled filter by filter: the weights feeding each unit get "
        "the norm of that unit's weights in θ*, and biases do not move (§4 of the "
        "paper). The cross is θ* itself, trained by {method}: training loss {loss}.",
        "zh": "图中是 θ* + αδ + βη 处的训练损失。δ 与 η 是高斯随机方向，并逐个滤波器"
        "重新缩放：输入每个神经元的那组权重，被缩放到 θ* 中同一神经元那组权重的范数，"
        "偏置不动（论文第 4 节）。叉号就是 θ* 本身，由{method}训练所得，"
        "训练损失为{loss}。",
    },
    # The paths on their PCA plane; the straight line.
    "ls_paths": {
        "en": "The paths on the plane of their principal directions",
        "zh": "优化路径在其主成分平面上",
    },
    "ls_pca_plane": {"en": "Plane of", "zh": "平面取自"},
    "ls_pca_all": {"en": "all paths together", "zh": "全部路径合在一起"},
    "ls_pca_axis": {"en": "PCA direction {k}: {share}", "zh": "第{k}主成分：{share}"},
    "ls_origin": {"en": "final weights of {method}", "zh": "{method}的最终权重"},
    "ls_start": {"en": "initial weights θ₀", "zh": "初始权重 θ₀"},
    "ls_pca_note_all": {
        "en": "The paper (§7) projects one path on the top two principal "
        "directions of its recorded weights minus its final weights. For several "
        "methods, the recorded weights of every path, each minus the final "
        "weights of {method}, are stacked and analysed together: the plane goes "
        "through {method}'s final weights (the cross), where its path ends. The "
        "other paths end at the projections of their final weights, which lie off "
        "this plane, so the loss drawn under their end is that of the projection, "
        "not of their net. Each axis gives its direction's share of the variance. "
        "Pick one method for the paper's own plane of its path.",
        "zh": "论文第 7 节把一条路径投影到它记录下的权重（减去最终权重）的前两个主成分"
        "方向上。这里有多个方法：把每条路径记录下的权重都减去{method}的最终权重，"
        "堆在一起做一次主成分分析；平面经过{method}的最终权重（叉号），它的路径"
        "就终止在那里。其他路径终止于各自最终权重的投影；那些权重本身并不在平面上，"
        "所以它们终点下方画出的是投影点的损失，而不是那个网络的损失。坐标轴上的"
        "百分比是该方向所占的方差比例。选择单个方法，即得到论文中该路径自己的平面。",
    },
    "ls_pca_note_own": {
        "en": "As in the paper (§7): the top two principal directions of this "
        "path's recorded weights minus its final weights. The path ends at the "
        "cross, the weights {method} trained; the percentages say how much of the "
        "path's spread each direction holds.",
        "zh": "与论文第 7 节相同：取这条路径记录下的权重减去最终权重后的前两个主成分"
        "方向。路径终止于叉号，即{method}训练所得的权重；百分比表示每个方向占路径"
        "离散程度（方差）的多少。",
    },
    "ls_interp": {"en": "From θ₀ to θ* in a straight line", "zh": "从 θ₀ 到 θ* 的直线"},
    "ls_axis_loss": {"en": "loss", "zh": "损失"},
    "ls_dashed": {"en": "dashed: validation loss", "zh": "虚线：验证损失"},
    "ls_interp_note": {
        "en": "The loss at (1 − t)θ₀ + tθ*, t from −0.5 to 1.5 (Goodfellow et al. "
        "2015; §5 of Li et al.). Every method starts from the same θ₀ (t = 0) and "
        "ends at its own θ* (t = 1). A curve that falls without a bump says no "
        "barrier stands on the straight way down, even where the optimizer took "
        "a winding path.",
        "zh": "(1 − t)θ₀ + tθ* 处的损失，t 从 −0.5 到 1.5（Goodfellow 等人 2015 年的"
        "做法，Li 等人第 5 节也用到）。所有方法都从同一个 θ₀ 出发（t = 0），终止于"
        "各自的 θ*（t = 1）。曲线一路下降、没有鼓包，说明沿直线下去并无障碍，"
        "哪怕优化器实际走的是弯路。",
    },
    # Sharp against flat.
    "ls_sharp": {
        "en": "Sharp against flat: a small batch against a large one",
        "zh": "尖锐与平坦：小批量对大批量",
    },
    "ls_sharp_method": {"en": "Method", "zh": "方法"},
    "ls_small": {"en": "Small K", "zh": "小批量 K"},
    "ls_large": {"en": "Large K", "zh": "大批量 K"},
    "ls_small_label": {"en": "small batch, K = {k}", "zh": "小批量，K = {k}"},
    "ls_large_label": {"en": "large batch, K = {k}", "zh": "大批量，K = {k}"},
    "ls_sharp_axis": {
        "en": "α along a filter-normalised direction",
        "zh": "沿滤波器归一化方向的 α",
    },
    "ls_sharp_result": {
        "en": "One net, one θ₀, trained by {method} (learning rate {lr}, {steps} "
        "steps) once with K = {small} and once with K = {large}; both curves use "
        "the same random draw, each scaled to its own net's filters.\n\n"
        "| | K = {small} | K = {large} |\n|---|---|---|\n"
        "| training loss | {small_train} | {large_train} |\n"
        "| validation loss | {small_val} | {large_val} |",
        "zh": "同一个网络、同一个 θ₀，用{method}（学习率{lr}，{steps}步）分别以 "
        "K = {small}和 K = {large}训练；两条曲线用的是同一次随机抽取的方向，"
        "各自按自己网络的滤波器缩放。\n\n"
        "| | K = {small} | K = {large} |\n|---|---|---|\n"
        "| 训练损失 | {small_train} | {large_train} |\n"
        "| 验证损失 | {small_val} | {large_val} |",
    },
    "ls_why_title": {
        "en": "Why scale the directions filter by filter?",
        "zh": "为什么要逐个滤波器缩放方向？",
    },
    "ls_why": {
        "en": "A random step of fixed length is not a fair ruler. In a ReLU net, "
        "weights ten times larger in one layer and ten times smaller in the next "
        "compute the same function, yet one step nudges the large weights and "
        "shoves the small ones; weight decay changes the size of weights the same "
        "way. Along raw directions Li et al. (§5) show that weight decay can make "
        "the small-batch minimum look the sharper one through scale alone. Filter "
        "normalisation rescales each filter of the direction (here: the weights "
        "into one unit) to the norm of that filter in the trained net, biases "
        "untouched, so α = 1 moves every filter by about its own size in both "
        "nets. With this shared ruler a narrower valley is a sharper minimum, and "
        "the paper finds the large-batch minima sharper, with or without weight "
        "decay, and worse on validation data. (tanh is not exactly "
        "scale-invariant; the point stands: a step is measured against the "
        "weights it moves.)",
        "zh": "固定长度的随机步子不是一把公平的尺子。对 ReLU 网络，某一层权重放大 10 倍"
        "、下一层缩小 10 倍，网络计算的函数不变；可同样一步，对大的权重只是轻推，对小的"
        "权重却是猛推。权重衰减也会这样改变权重的大小。Li 等人（第 5 节）发现，沿未缩放"
        "的方向看，加了权重衰减后小批量的极小点可能仅仅因为尺度而显得更尖锐。滤波器归一"
        "化把方向的每个滤波器（这里是输入同一个神经元的那组权重）缩放到训练所得网络中该"
        "滤波器的范数，偏置不动，于是 α = 1 在两个网络里都把每个滤波器改动约其自身大小"
        "。用这把共同的尺子，更窄的谷才真正是更尖锐的极小点；论文发现无论有无权重衰减，"
        "大批量得到的极小点都更尖锐，在验证数据上也更差，平坦最小值泛化更好。（tanh 并"
        "不严格满足尺度不变性，但道理相同：步子的大小要相对于它所改动的权重来衡量。）",
    },
    "ls_sharp_planes": {
        "en": "Both minima on planes of their own directions, on one colour scale: "
        "equal shades, equal losses",
        "zh": "两个极小点各自方向张成的平面，使用同一色标：颜色相同即损失相同",
    },
    # The table of runs.
    "ls_summary": {"en": "The training runs", "zh": "各方法的训练结果"},
    "ls_col_method": {"en": "method", "zh": "方法"},
    "ls_col_lr": {"en": "learning rate", "zh": "学习率"},
    "ls_col_train": {"en": "final training loss", "zh": "最终训练损失"},
    "ls_col_val": {"en": "final validation loss", "zh": "最终验证损失"},
    "ls_col_acc": {"en": "validation accuracy", "zh": "验证准确率"},
    "ls_col_status": {"en": "status", "zh": "状态"},
    "ls_ok": {"en": "trained", "zh": "训练完成"},
    "ls_diverged_short": {"en": "diverged at step {step}", "zh": "第{step}步发散"},
}
