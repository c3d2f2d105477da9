"""Gallery lessons that live on other pages than the playground.

A playground lesson is a ``Scene`` (scenes/gallery/lesson.py). The
backpropagation page shows a computation graph, not a scene: its lessons say
which page and what to show there (``setting``: the page's own words, turned
into its link by that page, ui/lesson_pages.py), and their claims check the
numbers the page shows through the same library calls.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from scenes.gallery.lesson import Text, _tx
from surfaces.graphs import GRAPHS, backprop, check

PAGES = ("backprop",)


@dataclass(frozen=True)
class PageLesson:
    """A picture of the course shown on another page.

    Attributes:
        key: registry-style key, unique across the whole gallery.
        page: which page (one of ``PAGES``).
        setting: what the page shows, in its own terms (e.g. {"graph": "sigmoid"}).
        part, title, picture, look_for, claim_text: as a ``Lesson``'s.
        claim: a check of the numbers the page shows (no arguments).
    """

    key: str
    page: str
    setting: Mapping[str, str]
    part: str
    title: Text
    picture: Text
    look_for: Text
    claim: Callable[[], bool]
    claim_text: Text


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

PAGE_LESSONS: MappingProxyType[str, PageLesson] = MappingProxyType(
    {x.key: x for x in (_SIGMOID, _GATES, _FAN_IN)}
)
