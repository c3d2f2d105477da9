"""The gallery's lessons from course part 002: the math behind optimization."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenes.gallery.lesson import Lesson, _near, _runs, _tx, _x
from scenes.model import Run, Scene

if TYPE_CHECKING:
    from optimizers import Trajectory


@_runs(2)
def _gradient_ascent(ts: tuple[Trajectory, ...]) -> bool:
    small, large = ts
    jumps = np.abs(np.diff(_x(large)))[-20:]
    return (
        small.maximize
        and large.maximize
        and small.status == "converged"
        and _near(_x(small)[-1], -4.35641)
        and _near(small.values[-1], 4.45434)
        and bool(np.all(np.diff(small.values) >= -1e-12))  # rounding at the top
        and small.values[-1] < 22.71556 - 18.0
        and large.status == "not_converged"
        and bool(np.all(jumps > 1.0))
    )


_GRADIENT_ASCENT = Lesson(
    key="gradient_ascent",
    scene=Scene(
        surface="sin_minus_square",
        start=(-2.0,),
        steps=100,
        runs=(Run("gd", {"lr": 0.01}), Run("gd", {"lr": 0.1})),
        maximize=True,
    ),
    part="002",
    title=_tx(
        "Gradient ascent finds a peak, not the highest",
        "梯度上升找到的是一个峰，不一定是最高峰",
    ),
    picture=_tx(
        "Gradient ascent on 25 sin x − x² from x = −2 with steps λ = 0.01 and "
        "λ = 0.1, 100 steps.",
        "在 25 sin x − x² 上从 x = −2 出发做梯度上升，步长 λ = 0.01 与 "
        "λ = 0.1，100 步。",
    ),
    look_for=_tx(
        "Climbing means stepping along +f′(x). With λ = 0.01 the path walks "
        "left, uphill, and stops at the nearest peak, x = −4.35641 "
        "(f = 4.45434), never seeing the highest one, x = 1.45420 "
        "(f = 22.71556), beyond the valley on its right. With λ = 0.1 it "
        "overshoots the peak every time: there f″ ≈ −25.4, and a step settles "
        "only for λ < 2/25.43 ≈ 0.0786.",
        "上升就是沿 +f′(x) 走。λ = 0.01 时路径向左上坡，停在最近的峰 "
        "x = −4.35641（f = 4.45434），永远看不到右边隔着一个山谷的最高峰 "
        "x = 1.45420（f = 22.71556）。λ = 0.1 时每一步都越过峰顶：峰顶处 "
        "f″ ≈ −25.4，只有 λ < 2/25.43 ≈ 0.0786 时才能停下来。",
    ),
    claim=_gradient_ascent,
    claim_text=_tx(
        "λ = 0.01 climbs at every step to the local maximum x = −4.35641, "
        "f = 4.45434 (to 1e-4), far below the highest, f = 22.71556; λ = 0.1 "
        "never settles, still jumping more than 1 on each of its last 20 steps.",
        "λ = 0.01 每一步都在上升，到达局部最大点 x = −4.35641，f = 4.45434"
        "（1e-4 以内），远低于最高峰 f = 22.71556；λ = 0.1 始终停不下来，最后 "
        "20 步每步仍跳动超过 1。",
    ),
)

THREE_RATES = (Run("gd", {"lr": 1.0}), Run("gd", {"lr": 0.1}), Run("gd", {"lr": 0.01}))


@_runs(3)
def _learning_rates(ts: tuple[Trajectory, ...]) -> bool:
    large, right, small = ts
    half_pi = math.pi / 2
    last_two = sorted(_x(large)[-2:])
    return (
        _near(last_two, (-half_pi, half_pi))
        and large.status == "not_converged"
        and _near(_x(right)[-1], -0.45018)
        and right.status == "converged"
        and bool(np.all(np.diff(_x(small)) < 0.0))
        and abs(_x(small)[-1] - -0.45018) > 1.0
        and small.status == "not_converged"
    )


_LEARNING_RATES = Lesson(
    key="learning_rates",
    scene=Scene(surface="x_sq_plus_sin", start=(2.5,), steps=50, runs=THREE_RATES),
    part="002",
    title=_tx("Learning rate too large, right, too small", "学习率过大、合适、过小"),
    picture=_tx(
        "GD on x² + sin x from x = 2.5 with α = 1, 0.1 and 0.01, 50 steps.",
        "梯度下降在 x² + sin x 上从 x = 2.5 出发，α = 1、0.1、0.01，50 步。",
    ),
    look_for=_tx(
        "α = 1 overshoots into a 2-cycle: it hops between −π/2 and π/2 for "
        "ever, for f′ = ±π there and each step is exactly the distance π "
        "between them. α = 0.1 reaches the minimum x = −0.45018 within a few "
        "dozen steps. α = 0.01 goes the right way but is still near x = 0.89 "
        "after 50 steps. The notes draw this for x + sin x, which has no "
        "minimum (next lesson); the behaviour is that of x² + sin x.",
        "α = 1 冲过头后进入二周期：在 −π/2 与 π/2 之间永远来回跳，因为那里 "
        "f′ = ±π，每一步正好跨过两点间的距离 π。α = 0.1 几十步内就到达最小点 "
        "x = −0.45018。α = 0.01 方向正确，但 50 步后仍在 x ≈ 0.89 附近。笔记把"
        "这幅图画给 x + sin x，而那条曲线没有最小值（见下一课）；这种行为属于 "
        "x² + sin x。",
    ),
    claim=_learning_rates,
    claim_text=_tx(
        "α = 1 ends in the 2-cycle ±π/2 (to 1e-4) and does not converge; "
        "α = 0.1 converges to −0.45018 (to 1e-4); α = 0.01 moves left at "
        "every step yet ends more than 1 away from the minimum.",
        "α = 1 最终处于 ±π/2 的二周期（1e-4 以内），不收敛；α = 0.1 收敛到 "
        "−0.45018（1e-4 以内）；α = 0.01 每一步都向左，但最终离最小点仍超过 1。",
    ),
)


@_runs(3)
def _x_plus_sin(ts: tuple[Trajectory, ...]) -> bool:
    large = ts[0]
    return (
        all(bool(np.all(np.diff(_x(t)) <= 0.0)) for t in ts)
        and all(bool(np.all(np.diff(t.values) <= 0.0)) for t in ts)
        and all(_x(t)[-1] < _x(t)[0] and t.status == "not_converged" for t in ts)
        and _near(_x(large)[-1], -3.10179)  # the guide's x₅₀ ≈ −3.10
        and _x(large)[-1] > -math.pi
    )


_X_PLUS_SIN = Lesson(
    key="x_plus_sin",
    scene=Scene(surface="x_plus_sin", start=(2.5,), steps=50, runs=THREE_RATES),
    part="002",
    title=_tx("x + sin x as printed: no minimum", "原文中的 x + sin x：没有最小值"),
    picture=_tx(
        "The same three runs (α = 1, 0.1, 0.01 from x = 2.5, 50 steps) on "
        "x + sin x, the curve the notes name.",
        "同样三条路径（α = 1、0.1、0.01，从 x = 2.5 出发，50 步）画在笔记所写"
        "的 x + sin x 上。",
    ),
    look_for=_tx(
        "Here f′(x) = 1 + cos x is never negative, so whatever α is, every GD "
        "step goes left or stands still: there is no bottom and no 2-cycle to "
        "fall into. α = 1 slides toward x = −π, a flat inflection point where "
        "f′ = 0, and is at x₅₀ ≈ −3.10 after 50 steps; the smaller rates walk "
        "left more slowly. What the notes describe happens on x² + sin x "
        "(previous lesson).",
        "这里 f′(x) = 1 + cos x 从不为负，所以无论 α 取多少，梯度下降的每一步"
        "都向左或停住：没有谷底，也没有可以落入的二周期。α = 1 滑向 x = −π，"
        "那是 f′ = 0 的平坦拐点，50 步后在 x₅₀ ≈ −3.10；较小的学习率向左走得"
        "更慢。笔记描述的情形发生在 x² + sin x 上（上一课）。",
    ),
    claim=_x_plus_sin,
    claim_text=_tx(
        "Every run moves left or stands still at every step and f never "
        "rises; none converges, as there is no minimum; α = 1 ends at "
        "x₅₀ ≈ −3.10, still right of −π.",
        "每条路径的每一步都向左或停住，f 从不上升；没有一条收敛，因为根本没有"
        "最小值；α = 1 最终在 x₅₀ ≈ −3.10，仍在 −π 右侧。",
    ),
)


@_runs(2)
def _newton_inflection(ts: tuple[Trajectory, ...]) -> bool:
    newton, gd = ts
    gap = np.abs(_x(newton) - math.pi)
    return (
        _near(_x(newton)[-1], math.pi)
        and bool(np.all(np.diff(newton.values) >= 0.0))
        and newton.values[-1] > newton.values[0]
        and _near(gap[3:16] / gap[2:15], 0.5, 0.01)
        and bool(np.all(np.diff(_x(gd)) < 0.0))
        and gd.values[-1] < gd.values[0]
    )


_NEWTON_INFLECTION = Lesson(
    key="newton_inflection",
    scene=Scene(
        surface="x_plus_sin",
        start=(2.5,),
        steps=30,
        runs=(Run("newton"), Run("gd", {"lr": 0.1})),
    ),
    part="002",
    title=_tx("Newton climbs to an inflection point", "牛顿法爬向拐点"),
    picture=_tx(
        "Newton's method and GD (α = 0.1) on x + sin x from x = 2.5, 30 steps.",
        "牛顿法与梯度下降（α = 0.1）在 x + sin x 上从 x = 2.5 出发，30 步。",
    ),
    look_for=_tx(
        "Newton's method (note 000) solves f′(x) = 0 using f″, and never asks "
        "what kind of point it finds. On x + sin x, f″ = −sin x < 0 at "
        "x = 2.5, so the Newton step points uphill and the run climbs to the "
        "inflection point x = π, where f′ = f″ = 0; as f′ has a double root "
        "there, the distance only halves at each step. GD, from the same "
        "start, goes left and down.",
        "牛顿法（笔记 000）借助 f″ 求解 f′(x) = 0，从不过问找到的是哪种点。在 "
        "x + sin x 上，x = 2.5 处 f″ = −sin x < 0，牛顿步指向上坡，路径一路爬到"
        "拐点 x = π，那里 f′ = f″ = 0；由于 f′ 在那里是二重根，距离每步只缩小"
        "一半。同一起点的梯度下降则向左下坡走。",
    ),
    claim=_newton_inflection,
    claim_text=_tx(
        "Newton's f rises at every step and its x ends at π (to 1e-4), the "
        "distance to π halving per step; GD from the same start goes left "
        "and down.",
        "牛顿法的 f 每一步都上升，x 最终到达 π（1e-4 以内），到 π 的距离每步"
        "减半；同一起点的梯度下降向左下坡走。",
    ),
)


LESSONS = (
    _GRADIENT_ASCENT,
    _LEARNING_RATES,
    _X_PLUS_SIN,
    _NEWTON_INFLECTION,
)
