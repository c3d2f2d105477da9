"""The gallery's lessons from course part 003: CS231n lecture 7."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenes.gallery.lesson import (
    COURSE_MIN,
    Lesson,
    _first_within,
    _near,
    _runs,
    _step_lengths,
    _tx,
    _x,
)
from scenes.model import Run, Scene
from surfaces import get_surface

if TYPE_CHECKING:
    from optimizers import Trajectory


def _valley_coordinates(t: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    """(along, across) the valley's floor, at the valley's default angle."""
    angle = {p.key: p.default for p in get_surface("valley").params}["angle"]
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    x, y = t.points[:, 0], t.points[:, 1]
    return c * x + s * y, -s * x + c * y


def _floor_crossings(t: Trajectory, far: float = 0.1) -> int:
    """Times the path crosses the valley's floor while still ``far`` out."""
    _, across = _valley_coordinates(t)
    out = np.linalg.norm(t.points, axis=1)[:-1] > far
    return int(np.sum((across[1:] * across[:-1] < 0.0) & out))


@_runs(2)
def _valley_zigzag(ts: tuple[Trajectory, ...]) -> bool:
    gd, momentum = ts
    gd_at = _first_within(gd, (0.0, 0.0), 1e-6)
    momentum_at = _first_within(momentum, (0.0, 0.0), 1e-6)
    return (
        _floor_crossings(gd) >= 25
        and _floor_crossings(momentum) <= 10
        and gd_at is not None
        and momentum_at is not None
        and 2 * momentum_at < gd_at
    )


_VALLEY_ZIGZAG = Lesson(
    key="valley_zigzag",
    scene=Scene(
        surface="valley",
        steps=300,
        surface_params={"kappa": 25.0},
        runs=(Run("gd", {"lr": 0.07}), Run("momentum", {"lr": 0.05, "momentum": 0.7})),
    ),
    part="003",
    title=_tx("Zig-zag in a narrow valley", "狭长山谷中的之字形路径"),
    picture=_tx(
        "GD (α = 0.07) and momentum (α = 0.05, μ = 0.7) in a valley of "
        "condition number κ = 25, from (−2.5, 2), 300 steps.",
        "梯度下降（α = 0.07）与动量法（α = 0.05，μ = 0.7）在条件数 κ = 25 的"
        "山谷中从 (−2.5, 2) 出发，300 步。",
    ),
    look_for=_tx(
        "The valley is 25 times more curved across than along. GD needs "
        "α < 2/25 = 0.08 to stay stable across it, and with such a step it "
        "creeps along the floor, zig-zagging from wall to wall. Momentum adds "
        "up the gradients: the pushes across the valley largely cancel, those "
        "along it build up, and the path reaches the bottom in far fewer "
        "steps, with a few wide swings instead of a zig-zag.",
        "这个山谷横向的曲率是纵向的 25 倍。梯度下降必须取 α < 2/25 = 0.08 才能"
        "在横向保持稳定，而这样的步长沿谷底前进得很慢，在两壁之间之字形来回。"
        "动量法把梯度累积起来：横向的推力大多相互抵消，沿谷底的推力不断叠加，"
        "路径只有几次大的摆动而不是之字形，到达谷底的步数少得多。",
    ),
    claim=_valley_zigzag,
    claim_text=_tx(
        "While more than 0.1 from the minimum, GD crosses the valley floor at "
        "least 25 times and momentum at most 10; momentum comes within 1e-6 "
        "of the minimum in less than half of GD's steps.",
        "在离最小点超过 0.1 时，梯度下降至少 25 次穿过谷底，动量法至多 10 次；"
        "动量法到达最小点 1e-6 以内所用的步数不到梯度下降的一半。",
    ),
)

EDGE_KAPPA = 10.0


@_runs(2)
def _valley_edge(ts: tuple[Trajectory, ...]) -> bool:
    for t, lr in zip(ts, (0.19, 0.21), strict=True):
        along, across = _valley_coordinates(t)
        if not (
            _near(across[1:31] / across[:30], 1.0 - lr * EDGE_KAPPA, 1e-9)
            and _near(along[1:31] / along[:30], 1.0 - lr, 1e-9)
        ):
            return False
    return ts[0].status == "converged" and ts[1].status == "diverged"


_VALLEY_EDGE = Lesson(
    key="valley_edge",
    scene=Scene(
        surface="valley",
        steps=200,
        surface_params={"kappa": EDGE_KAPPA},
        runs=(Run("gd", {"lr": 0.19}), Run("gd", {"lr": 0.21})),
    ),
    part="003",
    title=_tx("The stability edge in a valley: α < 2/κ", "山谷中的稳定边界：α < 2/κ"),
    picture=_tx(
        "GD in the valley with κ = 10 from (−2.5, 2), with α = 0.19 and "
        "α = 0.21, 200 steps.",
        "梯度下降在 κ = 10 的山谷中从 (−2.5, 2) 出发，α = 0.19 与 α = 0.21，200 步。",
    ),
    look_for=_tx(
        "Across the valley the curvature is κ = 10, and each GD step "
        "multiplies the distance from the floor by 1 − ακ. At α = 0.19 that "
        "is −0.9: the path changes sides at every step but closes in, and "
        "converges. At α = 0.21 it is −1.1: each swing is 10% wider, and the "
        "run diverges. Along the floor (curvature 1) both are stable; the "
        "steep direction alone sets the edge 2/κ = 0.2.",
        "横跨山谷方向的曲率是 κ = 10，梯度下降每一步把到谷底的距离乘以 "
        "1 − ακ。α = 0.19 时这个因子是 −0.9：路径每步换到另一侧，但越来越近，"
        "最终收敛。α = 0.21 时是 −1.1：每次摆动宽 10%，最终发散。沿谷底方向"
        "（曲率 1）两者都稳定；稳定边界 2/κ = 0.2 只由最陡的方向决定。",
    ),
    claim=_valley_edge,
    claim_text=_tx(
        "Each step multiplies the distance from the floor by exactly 1 − ακ "
        "(−0.9 and −1.1) and that along it by 1 − α (to 1e-9); α = 0.19 "
        "converges and α = 0.21 diverges.",
        "每一步把到谷底的距离精确地乘以 1 − ακ（−0.9 与 −1.1），沿谷底的距离"
        "乘以 1 − α（1e-9 以内）；α = 0.19 收敛，α = 0.21 发散。",
    ),
)


@_runs(2)
def _nesterov(ts: tuple[Trajectory, ...]) -> bool:
    heavy, nesterov = ts
    return (
        heavy.optimizer == "momentum"
        and nesterov.optimizer == "nesterov"
        and _near(np.max(_x(heavy)), 4.681, 5e-4)
        and _near(np.max(_x(nesterov)), 3.724, 5e-4)
        and _first_within(heavy, COURSE_MIN, 1e-6) == 268
        and _first_within(nesterov, COURSE_MIN, 1e-6) == 95
    )


_NESTEROV = Lesson(
    key="nesterov",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=300,
        runs=(
            Run("momentum", {"lr": 0.05, "momentum": 0.9}),
            Run("nesterov", {"lr": 0.05, "momentum": 0.9}),
        ),
    ),
    part="003",
    title=_tx(
        "Momentum overshoots, Nesterov brakes", "动量法冲过头，Nesterov 提前刹车"
    ),
    picture=_tx(
        "Heavy-ball and Nesterov momentum (optax's forms, α = 0.05, μ = 0.9) "
        "on the course quadratic from (0, 0), 300 steps.",
        "动量法与 Nesterov 动量（optax 的写法，α = 0.05，μ = 0.9）在课程二次"
        "函数上从 (0, 0) 出发，300 步。",
    ),
    look_for=_tx(
        "Both gather speed and swing past the minimum (2.4, 2.8). Nesterov "
        "takes the gradient where the velocity is about to carry it, so it "
        "brakes before the turn: x₁ overshoots by 1.324 instead of 2.281, and "
        "the spiral settles much sooner.",
        "两者都不断加速并冲过最小点 (2.4, 2.8)。Nesterov 在速度即将带它到达的"
        "位置计算梯度，所以在转弯之前就开始刹车：x₁ 只冲过 1.324，而不是 "
        "2.281，螺旋也早得多地平息。",
    ),
    claim=_nesterov,
    claim_text=_tx(
        "The largest x₁ is 4.681 for momentum and 3.724 for Nesterov; they "
        "first come within 1e-6 of (2.4, 2.8) at steps 268 and 95.",
        "x₁ 的最大值：动量法 4.681，Nesterov 3.724；两者分别在第 268 步和第 "
        "95 步首次到达 (2.4, 2.8) 的 1e-6 以内。",
    ),
)


@_runs(2)
def _adagrad_rmsprop(ts: tuple[Trajectory, ...]) -> bool:
    adagrad, rmsprop = ts
    a, r = _step_lengths(adagrad), _step_lengths(rmsprop)
    return (
        adagrad.optimizer == "adagrad"
        and rmsprop.optimizer == "rmsprop"
        and a[-100:].mean() < r[-100:].mean() / 50.0
        and a[-1] < 0.01 * a[0]
        and adagrad.values[-1] > 10.0 * rmsprop.values[-1]
    )


_ADAGRAD_RMSPROP = Lesson(
    key="adagrad_rmsprop",
    scene=Scene(
        surface="rosenbrock",
        start=(-1.2, 1.0),
        steps=500,
        runs=(Run("adagrad", {"lr": 0.02}), Run("rmsprop", {"lr": 0.02})),
    ),
    part="003",
    title=_tx(
        "AdaGrad's steps die out, RMSProp's do not",
        "AdaGrad 的步长逐渐消失，RMSProp 不会",
    ),
    picture=_tx(
        "AdaGrad and RMSProp, both with α = 0.02, on Rosenbrock from "
        "(−1.2, 1), 500 steps.",
        "AdaGrad 与 RMSProp（α 都是 0.02）在 Rosenbrock 函数上从 (−1.2, 1) "
        "出发，500 步。",
    ),
    look_for=_tx(
        "AdaGrad divides α by the square root of the sum of all past squared "
        "gradients. Rosenbrock's steep walls fill that sum early and it never "
        "shrinks, so the steps fade to almost nothing while the path is still "
        "far from (1, 1). RMSProp keeps a decaying average instead (ρ = 0.9): "
        "it forgets the old large gradients and keeps walking along the floor.",
        "AdaGrad 用过去所有梯度平方之和的平方根去除 α。Rosenbrock 陡峭的谷壁"
        "很早就把这个和填大了，而它永远不会减小，于是路径还远离 (1, 1) 时步长"
        "就几乎消失。RMSProp 改用指数衰减的平均（ρ = 0.9），会忘掉旧的大梯度，"
        "继续沿谷底前进。",
    ),
    claim=_adagrad_rmsprop,
    claim_text=_tx(
        "Over the last 100 steps AdaGrad's mean step is under 1/50 of "
        "RMSProp's, and its last step under 1% of its first; it ends with f "
        "more than ten times RMSProp's.",
        "最后 100 步中，AdaGrad 的平均步长不到 RMSProp 的 1/50，它的最后一步"
        "不到第一步的 1%；它最终的 f 是 RMSProp 的十倍以上。",
    ),
)


LESSONS = (
    _VALLEY_ZIGZAG,
    _VALLEY_EDGE,
    _NESTEROV,
    _ADAGRAD_RMSPROP,
)
