"""Gallery lessons that live on other pages than the playground.

A playground lesson is a ``Scene`` (scenes/gallery/lesson.py). The
backpropagation page shows a computation graph, not a scene: its lessons say
which page and what to show there (``setting``: the page's own words, turned
into its link by that page, ui/lesson_pages.py), and their claims check the
numbers the page shows through the same library calls.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from scenes.gallery.lesson import _tx
from scenes.gallery.maps import MAP_LESSONS
from scenes.gallery.page_lesson import PAGES as PAGES
from scenes.gallery.page_lesson import PageLesson as PageLesson
from surfaces.datasets import classification, standardize
from surfaces.graphs import GRAPHS, backprop, check
from surfaces.network import Architecture, compare_inits, split_data
from surfaces.network.minima import sharp_and_flat


def _grads(graph: str) -> dict[str, float]:
    g = GRAPHS[graph]
    return backprop(g, g.default_inputs()).grads


def _agrees_with_jax(graph: str) -> bool:
    g = GRAPHS[graph]
    return all(row.backprop_error < 1e-12 for row in check(g, g.default_inputs()))


def _sigmoid_claim() -> bool:
    grads = _grads("sigmoid")
    return abs(grads["w"] - 0.25) < 1e-12 and _agrees_with_jax("sigmoid")


def _gates_claim() -> bool:
    grads = _grads("add_mul")
    want = {"x": -4.0, "y": -4.0, "z": 3.0}
    return all(abs(grads[k] - v) < 1e-12 for k, v in want.items()) and (
        _agrees_with_jax("add_mul")
    )


def _fan_in_claim() -> bool:
    g = GRAPHS["fan_in"]
    result = backprop(g, g.default_inputs())
    into_x = [
        d for e, d in zip(g.edges, result.edge_grads, strict=True) if e.src == "x"
    ]
    return (
        len(into_x) == 2
        and abs(sum(into_x) - result.grads["x"]) < 1e-15
        and abs(result.grads["x"] - 0.04) < 1e-12
        and _agrees_with_jax("fan_in")
    )


_SIGMOID = PageLesson(
    key="backprop_sigmoid",
    page="backprop",
    setting={"graph": "sigmoid"},
    part="001",
    title=_tx("A sigmoid, one node at a time", "逐个节点计算 S 型函数"),
    picture=_tx(
        "σ(wx + b) split into six small nodes, at x = 1, w = b = 0: values "
        "forward, then gradients back along each edge.",
        r"把 $\sigma(wx + b)$ 拆成六个小节点，取 x = 1、w = b = 0：先前向计算数值，"
        "再沿每条边反向传回梯度。",
    ),
    look_for=_tx(
        "Each node only knows its own small derivative; the chain rule "
        "multiplies them on the way back. At the output σ = 0.5, so "
        "σ(1 − σ) = 0.25 reaches w (times x = 1), exactly what jax.grad says.",
        "每个节点只知道自己那一小段导数，链式法则在反向时把它们逐段相乘。"
        "输出处 σ = 0.5，于是 σ(1 − σ) = 0.25 传到 w（再乘以 x = 1），"
        "与 jax.grad 的结果完全一致。",
    ),
    claim=_sigmoid_claim,
    claim_text=_tx(
        "∂f/∂w = 0.25 by hand, equal to jax.grad within 1e-12.",
        "手算得到 ∂f/∂w = 0.25，与 jax.grad 相差不到 1e-12。",
    ),
)

_GATES = PageLesson(
    key="backprop_gates",
    page="backprop",
    setting={"graph": "add_mul"},
    part="004",
    title=_tx("Add and multiply gates", "加法门与乘法门"),
    picture=_tx(
        "(x + y)·z at (−2, 5, −4): an add gate feeding a multiply gate.",
        "(x + y)·z 在 (−2, 5, −4) 处：加法门的输出进入乘法门。",
    ),
    look_for=_tx(
        "A multiply gate hands each input the other input times the gradient "
        "arriving (z gets q = 3); an add gate hands the arriving gradient to "
        "both inputs unchanged (x and y both get −4).",
        "乘法门把“另一个输入 × 传来的梯度”交给每个输入（z 得到 q = 3）；"
        "加法门把传来的梯度原样分给两个输入（x 和 y 都得到 −4）。",
    ),
    claim=_gates_claim,
    claim_text=_tx(
        "The gradients are (−4, −4, 3), as in the course, and equal jax.grad.",
        "梯度为 (−4, −4, 3)，与课程一致，也与 jax.grad 相同。",
    ),
)

_FAN_IN = PageLesson(
    key="backprop_fan_in",
    page="backprop",
    setting={"graph": "fan_in"},
    part="004",
    title=_tx("A value used twice: gradients add", "一个值用了两次：梯度相加"),
    picture=_tx(
        "f = (x + y)/(2x + 3y) at (1, 1): x and y each feed two nodes.",
        "f = (x + y)/(2x + 3y) 在 (1, 1) 处：x 与 y 各自进入两个节点。",
    ),
    look_for=_tx(
        "When a value branches, the gradients coming back along its branches "
        "are added: 0.2 through the numerator and −0.16 through the "
        "denominator give ∂f/∂x = 0.04 = y/(2x + 3y)².",
        "一个值分叉使用时，沿各分支传回的梯度要相加：经分子传回 0.2，经分母"
        "传回 −0.16，合起来 ∂f/∂x = 0.04 = y/(2x + 3y)²。",
    ),
    claim=_fan_in_claim,
    claim_text=_tx(
        "The two gradients arriving at x sum to ∂f/∂x = 0.04, equal to jax.grad.",
        "到达 x 的两个梯度之和为 ∂f/∂x = 0.04，与 jax.grad 相同。",
    ),
)

# The networks page's vanishing-gradient example (its own defaults otherwise:
# two moons, 200 points, noise 0.2, seed 0, a quarter held out).
VANISHING = {
    "hidden": (16, 16, 16),
    "activation": "tanh",
    "init": "gaussian",
    "sigma": 0.01,
    "method": "gd",
    "lr": 0.5,
    "compare_inits": True,
}


def _vanishing_claim() -> bool:
    X, y = classification("moons", 200, 0.2, 0)
    split = split_data(X, y, 0.25, 0)
    arch = Architecture(VANISHING["hidden"], "tanh")
    reports = compare_inits(
        arch, split.X_train, split.y_train, ("gaussian", "glorot_normal"), 0, 0.01
    )
    first = {k: r.grad_norms[0] for k, r in reports.items()}
    return bool(first["glorot_normal"] > 1e3 * first["gaussian"] > 0)


def _sharp_flat_claim() -> bool:
    """The landscape page's defaults: standardised moons, 16-16 tanh, Adam
    (lr 0.01, 1 000 steps, seed 0), K = 8 against the full batch."""
    X, y = classification("moons", 200, 0.2, 0)
    split = split_data(standardize(X), y, 0.25, 0)
    alphas = np.linspace(-1.0, 1.0, 81)
    train = {"optimizer": "adam", "steps": 1000, "init_seed": 0, "seed": 0}
    pair = sharp_and_flat(
        split,
        8,
        0,
        Architecture((16, 16), "tanh"),
        alphas,
        0,
        False,
        lr=0.01,
        patience=None,
        **train,
    )
    near = np.abs(alphas) <= 0.5
    rise = {
        k: float(np.mean(m.train_losses[near] - m.train_losses[len(alphas) // 2]))
        for k, m in pair.items()
    }
    return rise["large"] > 2.0 * rise["small"] > 0


_VANISHING = PageLesson(
    key="vanishing_gradient",
    page="networks",
    setting=VANISHING,
    part="001",
    title=_tx("Initialised too small: gradients vanish", "初始化过小：梯度消失"),
    picture=_tx(
        "A net of three tanh layers of 16 started from N(0, 0.01²) beside "
        "Glorot's start: each layer's gradient at step 0, and the first steps.",
        r"三层各 16 个 $\tanh$ 单元的网络，从 N(0, 0.01²) 初始化，与方差缩放"
        "初始化对比：第 0 步每层的梯度，以及最初的若干步。",
    ),
    look_for=_tx(
        "With tiny weights every layer shrinks the signal forward and the "
        "gradient backward, so the first layer's gradient is thousands of "
        "times smaller than with variance scaling, and plain GD sits at the "
        "loss of a coin toss, log 2.",
        "权重很小时，每一层在前向时缩小信号、在反向时缩小梯度，于是第一层的梯度"
        "比方差缩放初始化小几千倍，普通梯度下降停在抛硬币的损失 log 2 附近。",
    ),
    claim=_vanishing_claim,
    claim_text=_tx(
        "At step 0 Glorot's first-layer gradient is over 1 000 times the σ = 0.01 one.",
        "第 0 步时，Glorot 初始化的第一层梯度是 σ = 0.01 时的一千倍以上。",
    ),
)

_SHARP_FLAT = PageLesson(
    key="sharp_flat",
    page="landscape",
    setting={},
    part="001",
    title=_tx("Small batches, flatter minima", "小批量找到更平坦的极小点"),
    picture=_tx(
        "The same net trained by Adam with batches of 8 and with the full "
        "batch, each loss drawn along a filter-normalised direction.",
        "同一个网络用 Adam 分别以批量 8 和全批量训练，各自沿逐滤波器归一化的"
        "方向画出损失。",
    ),
    look_for=_tx(
        "Scroll to “sharp against flat”: around the large-batch minimum the "
        "loss climbs steeply, around the small-batch one it stays low. "
        "Scaling each direction to the net's own weights is what makes the "
        "two pictures comparable.",
        "翻到“尖锐与平坦”一节：大批量的极小点周围损失陡然上升，小批量的则保持"
        "平缓。按网络自身的权重逐个滤波器缩放方向，才让两幅图可以比较。",
    ),
    claim=_sharp_flat_claim,
    claim_text=_tx(
        "Within half a step either way, the full batch's loss rises more than "
        "twice as much as the small batch's.",
        "在两侧半个单位之内，全批量的损失上升幅度是小批量的两倍以上。",
    ),
)

PAGE_LESSONS: MappingProxyType[str, PageLesson] = MappingProxyType(
    {
        x.key: x
        for x in (_SIGMOID, _VANISHING, _SHARP_FLAT, _GATES, _FAN_IN, *MAP_LESSONS)
    }
)
