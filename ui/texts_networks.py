"""Texts of the networks pages, in English and Simplified Chinese (see ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "networks": {"en": "Networks", "zh": "神经网络"},
    # The sidebar: data.
    "nn_data_header": {"en": "Data", "zh": "数据"},
    "nn_data": {"en": "Data set", "zh": "数据集"},
    "nn_points": {"en": "Points N", "zh": "数据点数 N"},
    "nn_noise": {"en": "Noise", "zh": "噪声"},
    "nn_val": {"en": "Validation share", "zh": "验证集比例"},
    "nn_data_seed": {"en": "Data seed", "zh": "数据随机种子"},
    "nn_split": {
        "en": "{train} training points, {val} validation points.",
        "zh": "训练集{train}个点，验证集{val}个点。",
    },
    # The sidebar: the net.
    "nn_net_header": {"en": "Network", "zh": "网络"},
    "nn_hidden": {"en": "Hidden layers", "zh": "隐藏层"},
    "nn_arch_option": {
        "en": "{widths} · {n} parameters",
        "zh": "{widths} · {n}个参数",
    },
    "nn_widths": {"en": "Or type widths", "zh": "或输入各层宽度"},
    "nn_widths_help": {
        "en": "Hidden layers from the input side, e.g. 8-8-8 or 32, 32: 1 to "
        "{layers} layers of 1 to {width} units. Press Enter.",
        "zh": "从输入端起各隐藏层的宽度，例如 8-8-8 或 32, 32：1 到{layers}层，"
        "每层 1 到{width}个单元。按回车生效。",
    },
    "nn_widths_refused": {
        "en": "“{text}” is not 1 to {layers} widths between 1 and {width}; the "
        "net stays {old}.",
        "zh": "“{text}”不是 1 到{layers}个介于 1 和{width}之间的宽度；网络保持{old}。",
    },
    "nn_activation": {"en": "Activation", "zh": "激活函数"},
    "nn_init": {"en": "Initialisation", "zh": "参数初始化"},
    "nn_init_gaussian": {"en": "Gaussian N(0, σ²)", "zh": "高斯分布 N(0, σ²)"},
    "nn_init_uniform": {
        "en": "Uniform [−r, r], variance σ²",
        "zh": "均匀分布 [−r, r]，方差 σ²",
    },
    "nn_init_glorot_normal": {
        "en": "Glorot (Xavier), normal",
        "zh": "Glorot（Xavier）正态",
    },
    "nn_init_glorot_uniform": {
        "en": "Glorot (Xavier), uniform",
        "zh": "Glorot（Xavier）均匀",
    },
    "nn_init_he_normal": {"en": "He (Kaiming), normal", "zh": "He（Kaiming）正态"},
    "nn_init_he_uniform": {"en": "He (Kaiming), uniform", "zh": "He（Kaiming）均匀"},
    "nn_init_orthogonal": {"en": "Orthogonal", "zh": "正交初始化"},
    "nn_init_help": {
        "en": "Gaussian and uniform draws have a fixed σ (the course's 0.01). "
        "Glorot and He scale the variance by each layer's fan-in and fan-out "
        "(Glorot for tanh, He for ReLU). Orthogonal weights keep norms. Biases "
        "start at zero.",
        "zh": "高斯分布与均匀分布初始化的 σ 是固定的（讲义中为 0.01）。"
        "Glorot 和 He 属于基于方差缩放的参数初始化：按每层的输入、输出单元数"
        "确定方差（Glorot 适合 tanh，He 适合 ReLU）。正交初始化保持范数不变。"
        "偏置一律从零开始。",
    },
    "nn_init_gaussian_at": {
        "en": "Gaussian σ = {sigma}",
        "zh": "高斯分布 σ = {sigma}",
    },
    "nn_init_uniform_at": {"en": "uniform σ = {sigma}", "zh": "均匀分布 σ = {sigma}"},
    "nn_sigma": {
        "en": "σ of the Gaussian and uniform draws",
        "zh": "高斯分布与均匀分布初始化的 σ",
    },
    "nn_init_seed": {"en": "Initialisation seed", "zh": "初始化随机种子"},
    # The sidebar: training.
    "nn_train_header": {"en": "Training", "zh": "训练"},
    "nn_method": {"en": "Method", "zh": "优化方法"},
    "nn_more": {"en": "More settings of {method}", "zh": "{method}的其他设置"},
    "nn_batch": {"en": "Batch size K", "zh": "批量大小 K"},
    "nn_seed": {"en": "Shuffling seed", "zh": "打乱顺序的随机种子"},
    "nn_steps": {"en": "Steps", "zh": "步数"},
    "nn_no_decay": {
        "en": "{method} has no weight decay here; GD, momentum, Adam and Lion do.",
        "zh": "{method}在这里没有权重衰减；梯度下降、动量法、Adam 与 Lion 有。",
    },
    "nn_only_decoupled": {
        "en": "{method} shrinks the weights directly: its decay is decoupled only.",
        "zh": "{method}直接缩小权重：它只有解耦形式的权重衰减。",
    },
    "nn_adamw": {
        "en": "Adam with decoupled decay is AdamW.",
        "zh": "使用解耦权重衰减的 Adam 就是 AdamW。",
    },
    "nn_patience": {"en": "Early-stopping patience", "zh": "提前停止的耐心（步数）"},
    "nn_patience_off": {"en": "off", "zh": "关闭"},
    "nn_patience_help": {
        "en": "Stop once the validation loss has not improved for this many steps, "
        "and keep the weights of its lowest point. The run goes on anyway, so "
        "that you can see what stopping would have missed.",
        "zh": "验证集损失连续这么多步没有下降就停止，并保留其最低点处的权重。"
        "训练仍会继续，好让你看到停下之后会发生什么。",
    },
    # The page.
    "nn_title": {
        "en": "**MLP {sizes}** ({activation}), {n} parameters · {data}",
        "zh": "**多层感知机{sizes}**（{activation}），{n}个参数 · {data}",
    },
    "nn_compiling": {
        "en": "Compiling the training loop for this net and method (a second or "
        "two, once; moving a number later reuses it)…",
        "zh": "正在为这个网络和优化方法编译训练循环（一两秒，只需一次；之后拖动"
        "数值滑块无需重新编译）…",
    },
    "nn_refused_run": {
        "en": "These settings cannot be trained: {message}",
        "zh": "无法用这些设置训练：{message}",
    },
    "nn_diverged": {
        "en": "The run diverged at step {step}: the weights stay where they were "
        "last finite. Try a smaller learning rate.",
        "zh": "训练在第{step}步发散：权重停在最后一个有限值处。请减小学习率。",
    },
    "nn_step": {"en": "Step shown", "zh": "显示第几步"},
    "nn_step_metrics": {
        "en": "**Step {step}** · accuracy: training {train}, validation {val}",
        "zh": "**第{step}步** · 准确率：训练集{train}，验证集{val}",
    },
    "nn_boundary_note": {
        "en": "Shading: the net's probability of class 1 (blue 0, white ½, "
        "orange 1); the black line, p = ½, is its decision boundary. Filled "
        "points: training set; rings: validation set.",
        "zh": "底色是网络判为类别 1 的概率（蓝 0、白 ½、橙 1）；黑线 p = ½ 即决策"
        "边界。实心点：训练集；空心圈：验证集。",
    },
    "nn_best": {
        "en": "Lowest validation loss: {loss} at step {step}.",
        "zh": "验证集损失最低为{loss}，在第{step}步。",
    },
    "nn_stopped": {
        "en": "Early stopping (patience {patience}) halts at step {stop} and keeps "
        "the weights of step {kept}.",
        "zh": "提前停止（耐心{patience}步）在第{stop}步停下，保留第{kept}步的权重。",
    },
    "nn_not_stopped": {
        "en": "Early stopping (patience {patience}) never halts in these {steps} "
        "steps.",
        "zh": "在这{steps}步内，提前停止（耐心{patience}步）始终没有触发。",
    },
    "nn_stop_off": {"en": "Early stopping is off.", "zh": "提前停止已关闭。"},
    "nn_epochs": {
        "en": "K = {k}: {per} updates per epoch, {epochs} epochs in {steps} steps.",
        "zh": "K = {k}：每回合{per}次更新，{steps}步共{epochs}个回合。",
    },
    "nn_full_batch_note": {
        "en": "Full batch: every update uses the whole training set (plain "
        "gradient descent on the training loss).",
        "zh": "全批量：每次更新都用整个训练集（即在训练损失上做普通梯度下降）。",
    },
    "nn_compare_decay": {
        "en": "Compare ℓ2 and decoupled decay",
        "zh": "比较 ℓ2 正则化与解耦权重衰减",
    },
    "nn_compare_inits": {"en": "Compare initialisations", "zh": "比较参数初始化方法"},
    "nn_vanishing": {"en": "Vanishing gradient example", "zh": "梯度消失示例"},
    "nn_vanishing_help": {
        "en": "Three tanh layers of 16, Gaussian σ = 0.01, GD with α = 0.5, and "
        "the initialisations compared.",
        "zh": "三层各 16 个单元的 tanh 网络，高斯初始化 σ = 0.01，梯度下降 α = 0.5，"
        "并比较各种初始化。",
    },
    # ℓ2 against decoupled.
    "nn_decay_title": {
        "en": "ℓ2 regularisation against decoupled weight decay",
        "zh": "ℓ2 正则化与解耦权重衰减",
    },
    "nn_decay_cannot": {
        "en": "{method} has no choice between the two; pick GD, momentum or Adam.",
        "zh": "{method}没有这两种形式可选；请选择梯度下降、动量法或 Adam。",
    },
    "nn_decay_zero": {
        "en": "λ = 0: both runs are the same. Raise λ to see them part.",
        "zh": "λ = 0：两次训练完全相同。增大 λ 才能看出差别。",
    },
    "nn_decay_same": {
        "en": "For plain GD the two are one update: shrinking the weights by αλ "
        "each step is the ℓ2 penalty λ/2‖θ‖² (course notes 001), so the curves "
        "lie on each other.",
        "zh": "对普通梯度下降，两者是同一个更新：每步把权重缩小 αλ，正等于 ℓ2 "
        "惩罚 λ/2‖θ‖²（讲义 001），所以两条曲线重合。",
    },
    "nn_decay_differ": {
        "en": "With {method} they part: ℓ2 adds λθ to the gradient, so the "
        "method's own machinery (momentum, Adam's per-coordinate scaling) "
        "reshapes the decay too; decoupled decay shrinks the weights by αλ "
        "after the step, untouched by it.",
        "zh": "用{method}时两者分开：ℓ2 把 λθ 加进梯度，于是方法自身的机制"
        "（动量、Adam 的逐坐标缩放）也改变了衰减；解耦权重衰减则在更新之后"
        "直接把权重缩小 αλ，不受这些机制影响。",
    },
    "nn_decay_all": {
        "en": "λ acts on every parameter, biases included; ‖W‖ counts the weight "
        "matrices only.",
        "zh": "λ 作用于全部参数（包括偏置）；‖W‖ 只统计各层权重矩阵。",
    },
    "nn_kind_l2": {"en": "ℓ2", "zh": "ℓ2 正则化"},
    "nn_kind_decoupled": {"en": "decoupled", "zh": "解耦衰减"},
    "nn_col_what": {"en": "At the last step", "zh": "最后一步"},
    "nn_col_method": {"en": "Method", "zh": "方法"},
    "nn_col_val_loss": {"en": "Validation loss", "zh": "验证集损失"},
    "nn_col_val_acc": {"en": "Validation accuracy", "zh": "验证集准确率"},
    "nn_col_norm": {"en": "‖W‖ (weights)", "zh": "‖W‖（权重）"},
    # Initialisation.
    "nn_init_title": {
        "en": "Initialisation: gradients at step 0 and the first steps",
        "zh": "参数初始化：第 0 步的梯度与最初几步",
    },
    "nn_init_note": {
        "en": "Net {net}, the same data, seed and method for every scheme; only "
        "the initial weights differ. Left: each layer's gradient norm at step 0 "
        "(log scale; layer 1 is next to the input). Right: the training loss over "
        "the first {steps} steps.",
        "zh": "网络{net}；每种方法的数据、随机种子和优化方法都相同，只有初始权重"
        "不同。左图：第 0 步各层梯度的范数（对数坐标；第 1 层紧挨输入）。"
        "右图：前{steps}步的训练损失。",
    },
    "nn_vanish_ratio": {
        "en": "Layer 1: the Glorot net's gradient is **{ratio}** times that of "
        "Gaussian σ = {sigma}.",
        "zh": "第 1 层：Glorot 初始化的梯度是高斯初始化 σ = {sigma}的 **{ratio}** 倍。",
    },
    "nn_vanish_explain": {
        "en": "With a small fixed σ every layer multiplies the signal by roughly "
        "σ√n, far below 1, on the way forward and again on the way back: the "
        "gradient vanishes layer by layer, the output stays near ½ and the loss "
        "sits on log 2. Plain GD hardly moves from there; Adam rescales the tiny "
        "gradients and gets away. Variance scaling (Glorot, He) and orthogonal "
        "weights keep every layer's gradient of order one.",
        "zh": "σ 固定且很小时，每一层都把信号乘上约 σ√n（远小于 1），前向如此，"
        "反向再来一遍：梯度逐层消失，输出停在 ½ 附近，损失停在 log 2。普通梯度"
        "下降几乎走不动；Adam 会把微小的梯度放大，从而摆脱困境。基于方差缩放的"
        "初始化（Glorot、He）和正交初始化让每一层的梯度都保持在 1 的量级。",
    },
    "nn_look_title": {"en": "What to look for", "zh": "观察要点"},
    "nn_look": {
        "en": "- **Mini-batches.** Lower K: the grey mini-batch loss gets noisier, "
        "and each epoch has more updates. K = 0 is the full batch.\n"
        "- **Early stopping.** Few points (N ≈ 40) and much noise: the "
        "validation loss turns up while the training loss keeps falling. The star "
        "marks its lowest point; drag the step slider there and to the end, and "
        "compare the boundaries.\n"
        "- **Weight decay.** Raise λ and compare ℓ2 with decoupled: with GD they "
        "coincide, with Adam or momentum they part, and ‖W‖ shows how.\n"
        "- **Initialisation.** The vanishing-gradient example: GD stays on the "
        "log 2 plateau; switch to Glorot, or to Adam, and it learns.",
        "zh": "- **小批量。** 减小 K：灰色的小批量损失更加抖动，每个回合的更新次数"
        "也更多。K = 0 即全批量。\n"
        "- **提前停止。** 点少（N ≈ 40）且噪声大时，训练集损失还在下降，验证集"
        "损失却开始回升。星号标出它的最低点；把步数滑块拖到那里再拖到最后，"
        "比较两条决策边界。\n"
        "- **权重衰减。** 增大 λ，比较 ℓ2 正则化与解耦权重衰减：梯度下降时两者"
        "重合，Adam 或动量法时两者分开，‖W‖ 显示差在哪里。\n"
        "- **参数初始化。** 梯度消失示例：梯度下降停在 log 2 的平台上；换成 "
        "Glorot 初始化或 Adam，网络就能学起来。",
    },
    # Figure words.
    "nn_fig_step": {"en": "step", "zh": "步数"},
    "nn_fig_loss": {"en": "loss", "zh": "损失"},
    "nn_fig_accuracy": {"en": "accuracy", "zh": "准确率"},
    "nn_fig_training": {"en": "training", "zh": "训练集"},
    "nn_fig_validation": {"en": "validation", "zh": "验证集"},
    "nn_fig_batch_loss": {"en": "mini-batch", "zh": "小批量"},
    "nn_fig_lowest": {"en": "lowest validation loss", "zh": "验证集损失最低点"},
    "nn_fig_early_stop": {"en": "early stop", "zh": "提前停止"},
    "nn_fig_kept": {"en": "weights kept", "zh": "保留的权重"},
    "nn_fig_class_0": {"en": "class 0", "zh": "类别 0"},
    "nn_fig_class_1": {"en": "class 1", "zh": "类别 1"},
    "nn_fig_validation_points": {"en": "validation (rings)", "zh": "验证集（空心）"},
    "nn_fig_boundary": {"en": "boundary p = ½", "zh": "决策边界 p = ½"},
    "nn_fig_probability": {"en": "P(class 1)", "zh": "P(类别 1)"},
    "nn_fig_layer": {"en": "layer", "zh": "层"},
    "nn_fig_grad_norm": {"en": "‖∂L/∂W‖ at step 0", "zh": "第 0 步 ‖∂L/∂W‖"},
    "nn_fig_first_loss": {"en": "training loss", "zh": "训练集损失"},
    "nn_fig_weight_norm": {"en": "‖W‖ (weights)", "zh": "‖W‖（权重）"},
    "nn_fig_log2": {"en": "log 2", "zh": "log 2（猜 ½）"},
}
