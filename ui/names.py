"""The names of things in English and Simplified Chinese: one catalog.

Optimizers, surfaces, hyperparameters, discrete choices and run statuses, each
``{"en": ..., "zh": ...}``. Pure Python (no streamlit), so lessons, tests and
pages share it. The Chinese follows the course's terms (梯度下降, 动量法,
学习率衰减, 梯度截断, 牛顿法 …); method acronyms stay Latin.

Every lookup falls back to something readable (the registry's title, the key
with spaces), so a new optimizer, surface or setting without an entry here
still shows up; tests/test_names.py names the entries that are missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from optimizers.registry import OPTIMIZERS
from surfaces.registry import SURFACES

LANGS = ("en", "zh")

OPTIMIZER_NAMES: dict[str, dict[str, str]] = {
    "gd": {"en": "GD", "zh": "梯度下降"},
    "momentum": {"en": "Momentum", "zh": "动量法"},
    "nesterov": {"en": "Nesterov", "zh": "Nesterov 动量"},
    "adagrad": {"en": "AdaGrad", "zh": "AdaGrad"},
    "rmsprop": {"en": "RMSProp", "zh": "RMSProp"},
    "adam": {"en": "Adam", "zh": "Adam"},
    "adadelta": {"en": "AdaDelta", "zh": "AdaDelta"},
    "adamw": {"en": "AdamW", "zh": "AdamW"},
    "amsgrad": {"en": "AMSGrad", "zh": "AMSGrad"},
    "nadam": {"en": "NAdam", "zh": "NAdam"},
    "lion": {"en": "Lion", "zh": "Lion"},
    "newton": {"en": "Newton", "zh": "牛顿法"},
    "saddle_free_newton": {"en": "Saddle-free Newton", "zh": "无鞍牛顿法"},
    "bfgs": {"en": "BFGS", "zh": "BFGS"},
    "lbfgs": {"en": "L-BFGS", "zh": "L-BFGS"},
    "cg": {"en": "Nonlinear CG", "zh": "共轭梯度法"},
    "random_search": {"en": "Random search", "zh": "随机搜索"},
    "local_search": {"en": "Local random search", "zh": "局部随机搜索"},
    "annealing": {"en": "Simulated annealing", "zh": "模拟退火"},
    "pso": {"en": "Particle swarm", "zh": "粒子群"},
    "nelder_mead": {"en": "Nelder–Mead", "zh": "Nelder–Mead 单纯形法"},
    "genetic": {"en": "Genetic algorithm", "zh": "遗传算法"},
    "cma_es": {"en": "CMA-ES", "zh": "CMA-ES（协方差矩阵自适应进化策略）"},
}

# "en" is the optimizer file's ``note``, word for word (a test checks it).
OPTIMIZER_NOTES: dict[str, dict[str, str]] = {
    "gd": {
        "en": "The baseline every other method refines. Too small a step crawls, "
        "too large a step oscillates across a narrow valley or diverges.",
        "zh": "其他方法都是在它之上的改进。步长太小，前进得很慢；步长太大，"
        "会在狭长山谷的两壁之间来回震荡，甚至发散。",
    },
    "momentum": {
        "en": "Averages gradients so the zig-zag across a valley cancels and the "
        "motion along it builds up; overshoots and spirals when the momentum is "
        "high.",
        "zh": "把历次梯度累积起来：横穿山谷的来回摆动彼此抵消，顺着谷底的运动"
        "越积越快；动量系数过大时会冲过头，绕着极小点打转。",
    },
    "nesterov": {
        "en": "Momentum that corrects itself before it overshoots: it brakes "
        "earlier than the heavy ball at the same settings.",
        "zh": "在冲过头之前就先修正方向的动量法：参数相同时，它比普通动量法更早减速。",
    },
    "adagrad": {
        "en": "Per-coordinate steps that shrink with the gradients seen so far: "
        "good for sparse features, but the step only ever shrinks, so it stalls "
        "on long runs.",
        "zh": "每个坐标有各自的步长，随着累积的梯度平方和增大而缩小：适合稀疏"
        "特征；但步长只减不增，迭代久了就停滞不前。",
    },
    "rmsprop": {
        "en": "AdaGrad with a forgetting average, so steps stop shrinking for "
        "good; near a minimum it keeps taking steps of about the learning rate "
        "and jitters.",
        "zh": "把 AdaGrad 的累加换成会逐渐遗忘旧梯度的滑动平均，步长不再一路"
        "缩小；但到了极小点附近，每步仍约有学习率那么大，于是来回抖动。",
    },
    "adam": {
        "en": "Momentum plus RMSProp's per-coordinate scaling, with bias "
        "correction; the default for deep nets because it needs little tuning. "
        "Its weight decay is an L2 term in the loss, which the scaling distorts: "
        "compare AdamW.",
        "zh": "动量法加上 RMSProp 的逐坐标缩放，再做偏差修正；几乎不用调参，"
        "所以是训练深度网络的默认选择。它的权重衰减是加在损失里的 L2 项，"
        "会被逐坐标缩放扭曲：请与 AdamW 对比。",
    },
    "adadelta": {
        "en": "RMSProp whose step carries its own units, so no learning rate is "
        "needed; it starts very slowly because the update average starts at "
        "zero.",
        "zh": "步长自带正确量纲的 RMSProp，因此不需要学习率；但更新量的滑动"
        "平均从零开始，所以起步非常慢。",
    },
    "adamw": {
        "en": "Adam with weight decay applied to the point directly rather than "
        "through the gradient: the standard way to regularise transformers.",
        "zh": "权重衰减直接作用在参数上、不经过梯度的 Adam：正则化 Transformer "
        "模型的标准做法。",
    },
    "amsgrad": {
        "en": "Adam that never lets its step grow back after a large gradient; "
        "it fixes Adam's non-convergence counter-examples, rarely matters in "
        "practice.",
        "zh": "遇到大梯度之后步长就不再回升的 Adam；它修补了 Adam 不收敛的"
        "反例，但在实际训练中很少带来差别。",
    },
    "nadam": {
        "en": "Adam with Nesterov's look-ahead in the first moment: it reacts a "
        "step earlier when the gradient turns.",
        "zh": "在一阶矩里加入 Nesterov 式前瞻的 Adam：梯度方向一变，它早一步作出反应。",
    },
    "lion": {
        "en": "Steps of a fixed size in the sign of a momentum: cheap in memory; "
        "near a minimum it rattles at the scale of the learning rate.",
        "zh": "沿动量的符号方向迈出固定大小的步子：内存开销小；在极小点附近"
        "会以学习率大小的幅度来回晃动。",
    },
    "newton": {
        "en": "Jumps to the minimum of the local quadratic model: one step on a "
        "quadratic, few near any minimum. Not for deep nets: the Hessian of n "
        "weights has n² entries and costs n³ to solve, and it is attracted to "
        "saddles, which abound there.",
        "zh": "直接跳到局部二次模型的极小点：二次函数一步到位，在任何极小点"
        "附近也只需几步。不适合深度网络：n 个权重的 Hessian 矩阵有 n² 个元素，"
        "求解要 n³ 量级的计算；而且它会被鞍点吸引，而深度网络里鞍点比比皆是。",
    },
    "saddle_free_newton": {
        "en": "Newton with the Hessian's negative curvature flipped, so saddles "
        "repel instead of attract. Same cost as Newton: an eigen-decomposition "
        "of an n×n matrix is out of reach for a deep net.",
        "zh": "把 Hessian 的负曲率翻成正曲率的牛顿法，于是鞍点不再吸引、反而"
        "排斥。代价和牛顿法一样：对深度网络来说，n×n 矩阵的特征分解根本算不起。",
    },
    "bfgs": {
        "en": "Newton's speed without the Hessian: the curvature is learnt from "
        "successive gradients, and a line search makes every step safe. The "
        "method of choice for smooth problems of modest size; not for deep nets, "
        "whose minibatch gradients are too noisy for line searches and curvature "
        "pairs.",
        "zh": "不求 Hessian 也能接近牛顿法的速度：曲率由前后几次梯度的变化估计"
        "出来，线搜索保证每一步都稳妥。中等规模的光滑问题首选此法；但不适合"
        "深度网络，因为小批量梯度噪声太大，线搜索和曲率对都靠不住。",
    },
    "lbfgs": {
        "en": "BFGS in O(mn) memory instead of O(n²): the standard for smooth, "
        "deterministic problems with many variables. Deep nets still use SGD and "
        "Adam, because minibatch noise spoils its curvature pairs.",
        "zh": "只占 O(mn) 而不是 O(n²) 内存的 BFGS：变量很多的光滑、确定性问题"
        "的标准解法。深度网络仍然用 SGD 和 Adam，因为小批量噪声会破坏它的"
        "曲率对。",
    },
    "cg": {
        "en": "Momentum done exactly: on a quadratic, n steps reach the minimum, "
        "with only gradients and O(n) memory. It needs an accurate line search, "
        "which noisy minibatch gradients make impossible.",
        "zh": "把动量的想法做到精确：在二次函数上 n 步就到极小点，只用梯度和 "
        "O(n) 的内存。但它要求精确的线搜索，带噪声的小批量梯度做不到这一点。",
    },
    "random_search": {
        "en": "Needs only function values, so it works on any surface, smooth or "
        "not, and a few hundred tries cover a 2-D box. Hopeless for deep nets: "
        "the tries needed grow exponentially with the dimension (the curse of "
        "dimensionality), and a net has millions of weights.",
        "zh": "只要函数值，所以光滑与否的曲面都能用，几百次尝试就能铺满一个二维"
        "区域。用在深度网络上毫无希望：所需的尝试次数随维数指数增长（维数"
        "灾难），而一个网络有上百万个权重。",
    },
    "local_search": {
        "en": "Tries a small random step and keeps it only if the loss drops: "
        "downhill without a gradient, but stuck in the first local minimum. The "
        "chance that a random step goes downhill shrinks with the dimension, so "
        "it is hopeless for a net's millions of weights.",
        "zh": "随机试走一小步，损失下降才保留：不用梯度也能下山，但会困在遇到的"
        "第一个局部最小里。随机的一步恰好下山的概率随维数增大而变小，所以面对"
        "网络的上百万个权重毫无希望。",
    },
    "annealing": {
        "en": "Local random search that accepts uphill moves with a probability "
        "that falls as it cools, so it can climb out of a local minimum: good "
        "for bumpy, multimodal 2-D surfaces. It pays for that in evaluations, "
        "and like any search on function values alone it is hopeless in the "
        "millions of dimensions of a deep net.",
        "zh": "一种会以一定概率接受上坡移动的局部随机搜索，这个概率随降温而变小，"
        "因此能爬出局部最小：适合起伏多、极小点多的二维曲面。代价是更多的函数"
        "计算；而且和一切只靠函数值的搜索一样，在深度网络上百万维的空间里"
        "毫无希望。",
    },
    "pso": {
        "en": "Twenty particles explore at once and pull each other toward the "
        "best point any of them has found, which often escapes local minima on "
        "bumpy 2-D surfaces. It costs twenty evaluations a step, and covering a "
        "space of millions of weights would take astronomically many: not for "
        "deep nets.",
        "zh": "二十个粒子同时探索，彼此牵引着奔向群体至今找到的最好点，在起伏的"
        "二维曲面上常能逃出局部最小。每步要算二十次函数值，而要覆盖上百万个"
        "权重的空间，次数将是天文数字：不适合深度网络。",
    },
    "nelder_mead": {
        "en": "A triangle of points that flips, stretches and shrinks downhill "
        "using only function values: robust in 2-D, even on kinks and "
        "noise-free plateaus. Its simplex has n + 1 corners and its progress per "
        "evaluation falls fast as n grows, so it is hopeless for the millions of "
        "weights of a deep net.",
        "zh": "三个点组成的三角形，只凭函数值翻转、伸展、收缩，一路向下：在二维"
        "中很稳健，遇到折角和没有噪声的平台也不怕。它的单纯形有 n + 1 个顶点，"
        "每次计算换来的进展随 n 增大而迅速减少，所以对深度网络的上百万个权重"
        "毫无希望。",
    },
    "genetic": {
        "en": "Twenty candidate points breed: the fitter ones are picked as "
        "parents, children mix their parents' coordinates and mutate at random, "
        "and the best two always survive. It needs no gradient and often finds "
        "the global minimum of a bumpy 2-D surface, at twenty evaluations a "
        "step; in the millions of dimensions of a deep net random mixing gets "
        "nowhere.",
        "zh": "二十个候选点繁衍后代：适应度高的更容易被选为父代，"
        "子代混合父代的坐标并随机变异，最好的两个个体总会保留下来。"
        "它不需要梯度，常能找到起伏的二维曲面的全局最小，"
        "代价是每步二十次函数值计算；在深度网络上百万维的空间里，"
        "随机的混合与变异无济于事。",
    },
    "cma_es": {
        "en": "Samples twenty points from a Gaussian, moves its centre toward the "
        "best half and stretches its ellipse along the directions that paid off, "
        "so it learns a valley's shape and shrinks as it closes in; a large cloud "
        "steps over the dimples of a bumpy surface. Twenty evaluations a step, "
        "and an n × n covariance: fine up to a few hundred parameters, far too "
        "big for a deep net's millions.",
        "zh": "从一个高斯分布中抽取二十个点，把分布的中心移向较好的一半，"
        "并沿着见效的方向拉长它的椭圆：于是它能学到山谷的形状，"
        "越接近极小点就收得越小；较大的采样云能跨过起伏曲面上的小坑。"
        "每步二十次函数值计算，外加一个 n × n 的协方差矩阵："
        "几百个参数尚可，对深度网络的上百万个权重就太大了。",
    },
}

SURFACE_NAMES: dict[str, dict[str, str]] = {
    "valley": {"en": "Valley (rotated quadratic)", "zh": "狭长山谷（旋转二次函数）"},
    "rosenbrock": {"en": "Rosenbrock", "zh": "Rosenbrock 函数"},
    "saddle": {"en": "Saddle", "zh": "鞍面 x² − y²"},
    "monkey_saddle": {"en": "Monkey saddle", "zh": "猴鞍面"},
    "course_quadratic": {"en": "Course quadratic", "zh": "课程中的二次函数"},
    "beale": {"en": "Beale", "zh": "Beale 函数"},
    "himmelblau": {"en": "Himmelblau", "zh": "Himmelblau 函数"},
    "booth": {"en": "Booth", "zh": "Booth 函数"},
    "matyas": {"en": "Matyas", "zh": "Matyas 函数"},
    "six_hump_camel": {"en": "Six-hump camel", "zh": "六峰驼背函数"},
    "three_hump_camel": {"en": "Three-hump camel", "zh": "三峰驼背函数"},
    "goldstein_price": {"en": "Goldstein–Price", "zh": "Goldstein–Price 函数"},
    "rastrigin": {"en": "Rastrigin", "zh": "Rastrigin 函数"},
    "ackley": {"en": "Ackley", "zh": "Ackley 函数"},
    "styblinski_tang": {"en": "Styblinski–Tang", "zh": "Styblinski–Tang 函数"},
    "mccormick": {"en": "McCormick", "zh": "McCormick 函数"},
    "x_plus_sin": {"en": "x + sin x", "zh": "x + sin x"},
    "x_sq_plus_sin": {"en": "x² + sin x", "zh": "x² + sin x"},
    "sin_minus_square": {"en": "25 sin x − x²", "zh": "25 sin x − x²"},
    "parabola": {"en": "3x² + 6x", "zh": "3x² + 6x"},
    # Data surfaces (DESIGN.md): a model's loss over its two parameters.
    "linear_regression": {"en": "Linear regression", "zh": "线性回归"},
    "logistic_regression": {"en": "Logistic regression", "zh": "逻辑回归"},
}

# The 2-D data sets made in code (surfaces/datasets.py KINDS).
DATASET_NAMES: dict[str, dict[str, str]] = {
    "blobs": {"en": "two blobs", "zh": "两团高斯点"},
    "moons": {"en": "two moons", "zh": "双月牙"},
    "circles": {"en": "two circles", "zh": "同心圆"},
    "xor": {"en": "XOR (four clouds)", "zh": "异或（四团点）"},
    "spirals": {"en": "two spirals", "zh": "双螺旋"},
}

# Hyperparameters of every optimizer and parameters of every surface.
PARAM_WORDS: dict[str, dict[str, str]] = {
    "lr": {"en": "learning rate", "zh": "学习率"},
    "momentum": {"en": "momentum", "zh": "动量系数"},
    "beta1": {"en": "first-moment decay", "zh": "一阶矩衰减率"},
    "beta2": {"en": "second-moment decay", "zh": "二阶矩衰减率"},
    "eps": {"en": "stability constant", "zh": "数值稳定常数"},
    "rho": {"en": "running-average decay", "zh": "滑动平均衰减率"},
    "weight_decay": {"en": "weight decay", "zh": "权重衰减系数"},
    "noise": {"en": "noise level", "zh": "噪声强度"},
    "seed": {"en": "random seed", "zh": "随机种子"},
    "clip_norm": {"en": "clip by norm", "zh": "按模截断阈值"},
    "clip_value": {"en": "clip by value", "zh": "按值截断阈值"},
    "decay_steps": {"en": "decay period (steps)", "zh": "衰减周期（步数）"},
    "decay_rate": {"en": "decay rate", "zh": "衰减率"},
    "lr_min": {"en": "minimum learning rate", "zh": "最小学习率"},
    "damping": {"en": "damping", "zh": "阻尼系数"},
    "memory": {"en": "memory (curvature pairs)", "zh": "记忆长度（曲率对数）"},
    "c1": {"en": "sufficient-decrease constant", "zh": "充分下降常数"},
    "c2": {"en": "curvature constant", "zh": "曲率条件常数"},
    "radius": {"en": "step radius", "zh": "试探半径"},
    "temperature": {"en": "initial temperature", "zh": "初始温度"},
    "cooling": {"en": "cooling factor", "zh": "降温系数"},
    "inertia": {"en": "inertia", "zh": "惯性权重"},
    "cognitive": {"en": "pull toward own best", "zh": "个体学习因子"},
    "social": {"en": "pull toward swarm best", "zh": "社会学习因子"},
    "simplex_scale": {"en": "initial simplex size", "zh": "初始单纯形大小"},
    "batch_size": {"en": "batch size", "zh": "批量大小"},
    "population": {"en": "population size", "zh": "种群规模"},
    "mutation": {"en": "mutation strength", "zh": "变异强度"},
    "mutation_rate": {"en": "mutation rate", "zh": "变异概率"},
    "crossover": {"en": "crossover rate", "zh": "交叉概率"},
    "sigma": {"en": "initial step size", "zh": "初始步长"},
    # surface parameters
    "kappa": {"en": "condition number", "zh": "条件数"},
    "angle": {"en": "rotation", "zh": "旋转角"},
    "n_points": {"en": "data points", "zh": "数据点数"},
    "data_seed": {"en": "data seed", "zh": "数据随机种子"},
    "standardize": {"en": "z-score the feature", "zh": "特征标准化（z 分数）"},
    "two_features": {"en": "two features, no bias", "zh": "两个特征、无偏置"},
}

CHOICE_TITLES: dict[str, dict[str, str]] = {
    "schedule": {"en": "Learning-rate schedule", "zh": "学习率调整方式"},
    "bias_correction": {"en": "Bias correction", "zh": "偏差修正"},
    "line_search": {"en": "Line search", "zh": "线搜索"},
    "variant": {"en": "β formula", "zh": "β 公式"},
    "form": {"en": "Where α sits", "zh": "α 的位置"},
    "decay": {"en": "Weight decay kind", "zh": "权重衰减方式"},
    "sampler": {"en": "Mini-batches drawn", "zh": "小批量的抽取方式"},
}

# Labels of discrete options (Choice.options).
CHOICE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("schedule", "constant"): {"en": "constant", "zh": "固定学习率"},
    ("schedule", "step"): {"en": "step decay", "zh": "分段常数衰减"},
    ("schedule", "inverse_time"): {"en": "inverse time", "zh": "逆时衰减"},
    ("schedule", "exponential"): {"en": "exponential", "zh": "指数衰减"},
    ("schedule", "cosine"): {"en": "cosine", "zh": "余弦衰减"},
    ("schedule", "cyclic"): {"en": "cyclic (triangular)", "zh": "循环学习率（三角形）"},
    ("schedule", "sgdr"): {
        "en": "SGDR (warm restarts)",
        "zh": "带热重启的随机梯度下降（SGDR）",
    },
    ("bias_correction", "on"): {"en": "on", "zh": "开"},
    ("bias_correction", "off"): {"en": "off", "zh": "关"},
    ("line_search", "wolfe"): {"en": "strong Wolfe", "zh": "强 Wolfe 条件"},
    ("line_search", "armijo"): {"en": "Armijo backtracking", "zh": "Armijo 回溯"},
    ("line_search", "exact"): {
        "en": "exact (quadratic model)",
        "zh": "精确（二次模型）",
    },
    ("variant", "pr"): {"en": "Polak–Ribière+", "zh": "Polak–Ribière+"},
    ("variant", "fr"): {"en": "Fletcher–Reeves", "zh": "Fletcher–Reeves"},
    ("form", "optax"): {"en": "α outside v (optax)", "zh": "α 在 v 外（optax）"},
    ("form", "course"): {"en": "α inside v (course notes)", "zh": "α 在 v 内（课程）"},
    ("decay", "l2"): {"en": "ℓ2 in the loss", "zh": "ℓ2 正则（加入梯度）"},
    ("decay", "decoupled"): {"en": "decoupled weight decay", "zh": "解耦权重衰减"},
    ("sampler", "shuffle"): {
        "en": "shuffled each epoch",
        "zh": "每轮打乱后依次抽取",
    },
    ("sampler", "one_class"): {
        "en": "from one class only (biased)",
        "zh": "只从一个类别抽取（有偏）",
    },
}

STATUS_WORDS: dict[str, dict[str, str]] = {
    "diverged": {"en": "diverged", "zh": "发散"},
    "unbounded": {"en": "unbounded", "zh": "无下界"},
    "left_view": {"en": "left the view", "zh": "离开视野"},
    "converged": {"en": "converged", "zh": "收敛"},
    "not_converged": {"en": "not converged", "zh": "未收敛"},
}


def _pick(entry: Mapping[str, str] | None, lang: str, default: str) -> str:
    """``entry[lang]``, else its English, else ``default`` (never empty)."""
    if entry:
        text = entry.get(lang if lang in LANGS else "en") or entry.get("en")
        if text:
            return text
    return default


def _spaced(key: object) -> str:
    return str(key).replace("_", " ")


def _registry_attr(registry: Mapping, key: object, attr: str) -> str:
    try:
        item = registry.get(key)
    except TypeError:  # an unhashable key
        return ""
    return str(getattr(item, attr, "") or "") if item is not None else ""


def optimizer_name(key: str, lang: str = "en") -> str:
    """Display name; unknown: the registry title, else the key."""
    default = _registry_attr(OPTIMIZERS, key, "title") or str(key)
    return _pick(OPTIMIZER_NAMES.get(key), lang, default)


def optimizer_note(key: str, lang: str = "en") -> str:
    """When to use it and why (not) for deep nets; unknown: registry note or ""."""
    return _pick(
        OPTIMIZER_NOTES.get(key), lang, _registry_attr(OPTIMIZERS, key, "note")
    )


def surface_name(key: str, lang: str = "en") -> str:
    """Display name; unknown: the registry title, else the key."""
    default = _registry_attr(SURFACES, key, "title") or str(key)
    return _pick(SURFACE_NAMES.get(key), lang, default)


def dataset_name(kind: str, lang: str = "en") -> str:
    """A data set's name (surfaces/datasets.py KINDS)."""
    return _pick(DATASET_NAMES.get(kind), lang, _spaced(kind))


def param_word(key: str, lang: str = "en") -> str:
    """The word for a hyperparameter or surface parameter, e.g. 学习率."""
    return _pick(PARAM_WORDS.get(key), lang, _spaced(key))


def param_label(key: str, symbol: str, lang: str = "en") -> str:
    r"""A widget label: the word, then the LaTeX symbol (``学习率 $\alpha$``)."""
    word = param_word(key, lang)
    return f"{word} ${symbol}$" if symbol else word


def choice_title(key: str, lang: str = "en") -> str:
    """The title of a discrete setting (a select box)."""
    return _pick(CHOICE_TITLES.get(key), lang, _spaced(key))


def choice_label(key: str, option: str, lang: str = "en") -> str:
    """The label of one option of a discrete setting; unknown: the option."""
    return _pick(CHOICE_LABELS.get((key, option)), lang, str(option))


def status_word(status: str, lang: str = "en") -> str:
    """A run's status (``Trajectory.status``) in words."""
    return _pick(STATUS_WORDS.get(status), lang, _spaced(status))


# --- LaTeX symbols as plain Unicode (for text that is not rendered as math) ---

_COMMANDS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "varrho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "ell": "ℓ",
    "infty": "∞",
    "nabla": "∇",
    "partial": "∂",
    "cdot": "·",
    "times": "×",
    "prime": "′",
}
_SCRIPTABLE = "0123456789+-=()"
_SUB = str.maketrans(_SCRIPTABLE, "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SUPER = str.maketrans(_SCRIPTABLE, "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_WRAPPERS = re.compile(
    r"\\(?:text|mathrm|mathit|mathbf|boldsymbol|operatorname|mathcal)\s*\{([^{}]*)\}"
)
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(.))")


def _script(match: re.Match[str]) -> str:
    """``_1`` → ₁, ``^{2}`` → ²; anything else keeps its mark: ``_min``."""
    mark, text = match.group(1), match.group(2) or match.group(3) or ""
    if text and set(text) <= set(_SCRIPTABLE):
        return text.translate(_SUB if mark == "_" else _SUPER)
    return mark + text


def param_symbol_text(symbol: str) -> str:
    r"""A LaTeX symbol as plain Unicode: ``\beta_1`` → β₁, ``\alpha_{\min}`` → α_min.

    Digit subscripts and superscripts become Unicode ones; other scripts keep
    ``_``/``^`` (``c_v``); no backslash or brace is left.
    """
    text = _WRAPPERS.sub(r"\1", str(symbol))
    text = _COMMAND.sub(lambda m: _COMMANDS.get(m.group(1), m.group(1)), text)
    text = re.sub(r"\\[,;:! ]", " ", text)
    text = text.replace("\\", "")
    text = _SCRIPT.sub(_script, text)
    return text.replace("{", "").replace("}", "").strip()
