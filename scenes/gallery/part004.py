"""The gallery's lessons from course part 004: CS231n optimization and backprop."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from scenes.gallery.lesson import Lesson, _near, _runs, _tx, _x
from scenes.model import Run, Scene

if TYPE_CHECKING:
    from optimizers import Trajectory


@_runs(3)
def _random_search(ts: tuple[Trajectory, ...]) -> bool:
    random, local, gd = ts
    return (
        gd.values[-1] < local.values[-1] < random.values[-1]
        and _near(gd.points[-1], (1.0, 3.0))
        and all(bool(np.all(np.diff(t.values) <= 0.0)) for t in (random, local))
    )


_RANDOM_SEARCH = Lesson(
    key="random_search",
    scene=Scene(
        surface="booth",
        start=(-6.0, -2.0),
        steps=100,
        runs=(Run("random_search"), Run("local_search"), Run("gd", {"lr": 0.05})),
    ),
    part="004",
    title=_tx(
        "Random search, local search, following the gradient",
        "随机搜索、局部随机搜索与跟随梯度",
    ),
    picture=_tx(
        "Booth's function from (−6, −2): random search, local random search "
        "and GD (α = 0.05), 100 steps each.",
        "Booth 函数，从 (−6, −2) 出发：随机搜索、局部随机搜索与梯度下降"
        "（α = 0.05），各 100 步。",
    ),
    look_for=_tx(
        "The notes' three strategies in order. Random search draws points "
        "anywhere in the box and keeps the best: it relies on luck. Local "
        "random search tries a small random step from where it is and keeps "
        "it only if f goes down: steadier, but every uphill try is wasted. "
        "Following the gradient goes downhill at once and is at the minimum "
        "(1, 3) long before 100 steps.",
        "笔记中的三种策略依次排开。随机搜索在整个方框里随机取点，保留最好的："
        "全凭运气。局部随机搜索从当前位置随机迈一小步，只有 f 下降时才接受："
        "更稳，但每次往上坡的尝试都白费了。跟随梯度则直接走下坡，远不到 100 步"
        "就到达最小点 (1, 3)。",
    ),
    claim=_random_search,
    claim_text=_tx(
        "After 100 steps f is lowest for GD, at (1, 3) (to 1e-4), then for "
        "local random search, then for random search; neither search ever "
        "lets f rise.",
        "100 步后，梯度下降的 f 最低，停在 (1, 3)（1e-4 以内），其次是局部随机"
        "搜索，最后是随机搜索；两种搜索都从不让 f 上升。",
    ),
)

ONE_STEP_RATES = (0.1, 0.01, 1.0, 1 / 6, 1 / 3)


@_runs(len(ONE_STEP_RATES))
def _one_step(ts: tuple[Trajectory, ...]) -> bool:
    tenth, hundredth, one, sixth, third = ts
    firsts = [_x(t)[1] for t in (tenth, hundredth, one)]
    values = [t.values[1] for t in (tenth, hundredth, one)]
    offsets = _x(one)[:4] + 1.0  # distance from the minimum −1
    bounce = np.resize([2.0, -4.0], third.steps + 1)
    return (
        _near(firsts, (0.2, 1.82, -16.0))
        and _near(values, (1.32, 20.8572, 672.0))
        and _near(_x(sixth)[1:], -1.0, 1e-12)
        and _near(_x(third), bounce, 1e-9)
        and _near(offsets[1:] / offsets[:-1], -5.0, 1e-9)
        and one.status == "diverged"
    )


_ONE_STEP = Lesson(
    key="one_step",
    scene=Scene(
        surface="parabola",
        start=(2.0,),
        steps=6,
        runs=tuple(Run("gd", {"lr": lr}) for lr in ONE_STEP_RATES),
    ),
    part="004",
    title=_tx("One step on 3x² + 6x", "在 3x² + 6x 上走一步"),
    picture=_tx(
        "GD on 3x² + 6x from x = 2 (gradient 18) with α = 0.1, 0.01, 1, 1/6 "
        "and 1/3, 6 steps.",
        "梯度下降在 3x² + 6x 上从 x = 2（梯度为 18）出发，α = 0.1、0.01、1、"
        "1/6 与 1/3，6 步。",
    ),
    look_for=_tx(
        "The first step is x − 18α: α = 0.1 lands at 0.2 and α = 0.01 at "
        "1.82, both downhill, but α = 1 jumps to −16, where f = 672 is far "
        "above the start's 24. The curvature is 6, so α = 1/6 lands on the "
        "minimum −1 in one step, and α = 1/3 = 2/6 sits exactly on the edge, "
        "bouncing between 2 and −4 for ever. Past it, at α = 1, each jump is "
        "five times the one before.",
        "第一步是 x − 18α：α = 0.1 落在 0.2，α = 0.01 落在 1.82，都在下坡；"
        "α = 1 却跳到 −16，那里 f = 672，比起点的 24 高得多。曲率是 6，所以 "
        "α = 1/6 一步就落在最小点 −1；α = 1/3 = 2/6 正好在稳定边界上，在 2 与 "
        "−4 之间永远来回。超过边界时（α = 1），每一跳都是上一跳的五倍。",
    ),
    claim=_one_step,
    claim_text=_tx(
        "One step gives x = 0.2, 1.82, −16 and f = 1.32, 20.8572, 672 (to "
        "1e-4); α = 1/6 stays on −1 from step 1; α = 1/3 alternates 2, −4; "
        "α = 1 multiplies x + 1 by −5 per step and diverges.",
        "走一步得到 x = 0.2、1.82、−16，f = 1.32、20.8572、672（1e-4 以内）；"
        "α = 1/6 从第 1 步起停在 −1；α = 1/3 在 2 与 −4 之间交替；α = 1 每步"
        "把 x + 1 乘以 −5，最终发散。",
    ),
)


LESSONS = (
    _RANDOM_SEARCH,
    _ONE_STEP,
)
