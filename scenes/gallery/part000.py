"""The gallery's lessons from course part 000: thoughts on optimizing CNNs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from scenes.gallery.lesson import (
    COURSE_B,
    COURSE_H,
    COURSE_MIN,
    Lesson,
    _distance,
    _first_within,
    _near,
    _runs,
    _tx,
    schedule_rates,
)
from scenes.model import Run, Scene

if TYPE_CHECKING:
    from optimizers import Trajectory


def _momentum_path(
    form: str, rates: np.ndarray, mu: float, start: Sequence[float]
) -> np.ndarray:
    """Heavy ball on the course quadratic, by hand: optax's form
    (v ← μv + g, x ← x − α_t v) or the course's (v ← μv + α_t g, x ← x − v)."""
    x = np.asarray(start, dtype=np.float64)
    v = np.zeros(2)
    path = [x]
    for rate in rates:
        g = COURSE_H @ x - COURSE_B
        if form == "optax":
            v = mu * v + g
            x = x - rate * v
        else:
            v = mu * v + rate * g
            x = x - v
        path.append(x)
    return np.asarray(path)


@_runs(4)
def _many_minima(ts: tuple[Trajectory, ...]) -> bool:
    gd, annealing, swarm, simplex = ts
    dimple = 24.87384503394854  # the local minimum near (3.98, −2.98)
    others = (gd, annealing, simplex)
    return (
        gd.status == "converged"
        and _near(gd.values[-1], dimple)
        and _near(simplex.points[-1], gd.points[-1], 1e-3)
        and annealing.values[-1] < gd.values[-1]
        and _near(swarm.points[-1], (0.0, 0.0))
        and abs(swarm.values[-1]) < 1e-4
        and all(sum(swarm.evals.values()) > sum(o.evals.values()) for o in others)
    )


_MANY_MINIMA = Lesson(
    key="many_minima",
    scene=Scene(
        surface="rastrigin",
        start=(3.6, -3.3),
        steps=300,
        runs=(
            Run("gd", {"lr": 0.002}),
            Run("annealing", {"temperature": 20.0}),
            Run("pso"),
            Run("nelder_mead"),
        ),
    ),
    part="000",
    title=_tx(
        "Heuristics on a field of dimples (Rastrigin)",
        "启发式算法与 Rastrigin 的众多局部最小",
    ),
    picture=_tx(
        "Rastrigin from (3.6, −3.3): GD, simulated annealing, a particle swarm "
        "and Nelder–Mead, 300 steps each.",
        "Rastrigin 函数，从 (3.6, −3.3) 出发：梯度下降、模拟退火、粒子群与 "
        "Nelder–Mead 单纯形法，各 300 步。",
    ),
    look_for=_tx(
        "GD rolls into the nearest dimple and stays; Nelder–Mead's simplex "
        "shrinks into the same one. Annealing accepts uphill moves while it is "
        "hot and ends lower, and the swarm, sharing its best point, finds the "
        "global minimum at the origin. Compare the evaluation counts: the "
        "swarm pays for its search in function values.",
        "梯度下降滚进最近的小坑后就停住；Nelder–Mead 的单纯形也收缩进同一个坑。"
        "模拟退火在温度高时接受上坡的移动，最终停得更低；粒子群共享各粒子找到的"
        "最好位置，找到了原点处的全局最小。对比函数计算次数：粒子群的搜索要用"
        "多得多的函数值来换。",
    ),
    claim=_many_minima,
    claim_text=_tx(
        "GD and Nelder–Mead stop in the same local minimum, f ≈ 24.874 > 0; "
        "annealing ends lower than GD; the swarm reaches the global minimum "
        "f = 0 at (0, 0) and uses more evaluations than any other run.",
        "梯度下降与 Nelder–Mead 停在同一个局部最小，f ≈ 24.874 > 0；模拟退火"
        "最终比梯度下降低；粒子群到达 (0, 0) 处的全局最小 f = 0，所用的计算"
        "次数比其他任何一条路径都多。",
    ),
)


@_runs(2)
def _course_edge(ts: tuple[Trajectory, ...]) -> bool:
    inside, outside = ts
    growth = 0.28 * (5.0 + math.sqrt(5.0)) - 1.0  # |1 − α λmax|
    error = _distance(outside, COURSE_MIN)
    late = error[201:251] / error[200:250]  # well before it is frozen
    return (
        inside.status == "converged"
        and _near(inside.points[-1], COURSE_MIN)
        and _near(inside.values[-1], -46.4)
        and outside.status == "diverged"
        and _near(late, growth)
    )


_COURSE_EDGE = Lesson(
    key="course_edge",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=400,
        runs=(Run("gd", {"lr": 0.27}), Run("gd", {"lr": 0.28})),
    ),
    part="000",
    title=_tx("The stability edge on the course quadratic", "课程二次函数上的稳定边界"),
    picture=_tx(
        "GD on 2x₁² + x₂² + (x₁ + x₂)² − 20x₁ − 16x₂ from (0, 0) with "
        "α = 0.27 and α = 0.28, 400 steps.",
        "梯度下降在 2x₁² + x₂² + (x₁ + x₂)² − 20x₁ − 16x₂ 上从 (0, 0) 出发，"
        "α = 0.27 与 α = 0.28，400 步。",
    ),
    look_for=_tx(
        "The Hessian is [[6, 2], [2, 4]] with eigenvalues 5 ± √5, so GD is "
        "stable only for α < 2/(5 + √5) ≈ 0.2764. At α = 0.27 the swings along "
        "the steepest direction shrink and the path reaches (2.4, 2.8); at "
        "α = 0.28 each swing is about 2.6% wider than the one before, until "
        "the run diverges. A difference of 0.01 decides it.",
        "Hessian 矩阵为 [[6, 2], [2, 4]]，特征值为 5 ± √5，所以梯度下降只有在 "
        "α < 2/(5 + √5) ≈ 0.2764 时才稳定。α = 0.27 时，沿最陡方向的来回摆动"
        "逐渐变小，路径到达 (2.4, 2.8)；α = 0.28 时，每次摆动比上一次宽约 "
        "2.6%，直到发散。α 只差 0.01，结果截然不同。",
    ),
    claim=_course_edge,
    claim_text=_tx(
        "α = 0.27 converges to (2.4, 2.8) with f = −46.4 (to 1e-4); α = 0.28 "
        "diverges, its error growing by α(5 + √5) − 1 ≈ 1.0261 per step.",
        "α = 0.27 收敛到 (2.4, 2.8)，f = −46.4（误差小于 1e-4）；α = 0.28 发散，"
        "误差每步放大 α(5 + √5) − 1 ≈ 1.0261 倍。",
    ),
)

FORMS_LR, FORMS_MU, FORMS_EVERY, FORMS_STEPS = 0.05, 0.9, 20.0, 200
_HALVED = {"schedule": "step", "decay_steps": FORMS_EVERY}


@_runs(4)
def _momentum_forms(ts: tuple[Trajectory, ...]) -> bool:
    optax_flat, course_flat, optax_step, course_step = ts
    rates = schedule_rates("step", FORMS_STEPS, FORMS_LR, FORMS_EVERY, 0.5, 0.0)
    by_hand = {
        form: _momentum_path(form, rates, FORMS_MU, (0.0, 0.0))
        for form in ("optax", "course")
    }
    apart = np.max(np.abs(optax_step.points - course_step.points))
    return (
        _near(optax_flat.points, course_flat.points, 1e-9)
        and _near(optax_step.points, by_hand["optax"], 1e-9)
        and _near(course_step.points, by_hand["course"], 1e-9)
        and apart > 0.01
    )


def _momentum(form: str, **extra: float | str) -> Run:
    hyper = {"lr": FORMS_LR, "momentum": FORMS_MU}
    run = Run("momentum", hyper, {"form": form})
    for key, value in extra.items():
        run = run.with_value(key, value)
    return run


_MOMENTUM_FORMS = Lesson(
    key="momentum_forms",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=FORMS_STEPS,
        runs=(
            _momentum("optax"),
            _momentum("course"),
            _momentum("optax", **_HALVED),
            _momentum("course", **_HALVED),
        ),
    ),
    part="000",
    title=_tx("Where α sits in momentum", "动量法里学习率放在哪里"),
    picture=_tx(
        "Heavy-ball momentum on the course quadratic (α = 0.05, μ = 0.9) in "
        "optax's form and in the course's, first with a constant α, then with "
        "α halved every 20 steps.",
        "课程二次函数上的动量法（α = 0.05，μ = 0.9）：optax 的写法与课程的写法，"
        "先用恒定的 α，再让 α 每 20 步减半（分段常数衰减）。",
    ),
    look_for=_tx(
        "Note 000 prints two momentum rules, v ← μv + α∇f, θ ← θ − v and "
        "v ← μv − α∇f, θ ← θ + v: one recursion with the sign of v flipped, so "
        "one path. The real choice is whether α sits inside v (the course) or "
        "outside it (optax: v ← μv + ∇f, θ ← θ − αv). With a constant α the "
        "two paths lie on top of each other; once α decays, optax rescales the "
        "whole stored velocity at once, while the course's form keeps each old "
        "gradient at the rate it was taken with, and the paths part.",
        "笔记 000 给出两组动量公式：v ← μv + α∇f，θ ← θ − v，以及 "
        "v ← μv − α∇f，θ ← θ + v。两者只是 v 的符号相反，是同一个递推，走出"
        "同一条路径。真正的选择在于 α 乘在 v 里面（课程）还是外面（optax："
        "v ← μv + ∇f，θ ← θ − αv）。α 恒定时两条路径完全重合；α 衰减后，"
        "optax 用新的 α 一下子缩放整个累积的速度，而课程的写法让每个旧梯度"
        "保留当时的学习率，两条路径于是分开。",
    ),
    claim=_momentum_forms,
    claim_text=_tx(
        "With a constant α the two forms trace one path (to 1e-9). With α "
        "halved every 20 steps each run follows its own rule, recomputed by "
        "hand (to 1e-9), and the two paths part by more than 0.01.",
        "α 恒定时两种写法走同一条路径（误差 1e-9 以内）；α 每 20 步减半时，"
        "每条路径都与按各自公式手算的结果一致（1e-9 以内），两条路径相距超过 "
        "0.01。",
    ),
)


@_runs(2)
def _newton_saddle(ts: tuple[Trajectory, ...]) -> bool:
    newton, free = ts
    y = free.points[1:6, 1]
    return (
        _near(newton.points[1:], 0.0, 1e-12)
        and newton.status == "not_converged"
        and _near(free.points[1:6, 0], 0.0, 1e-12)
        and _near(y[1:] / y[:-1], 2.0, 1e-9)
        and free.status == "unbounded"
    )


_NEWTON_SADDLE = Lesson(
    key="newton_saddle",
    scene=Scene(
        surface="saddle",
        start=(1.5, 0.3),
        steps=30,
        runs=(Run("newton"), Run("saddle_free_newton")),
    ),
    part="000",
    title=_tx("Newton is drawn to the saddle", "牛顿法被鞍点吸引"),
    picture=_tx(
        "Newton and saddle-free Newton on x² − y² from (1.5, 0.3), 30 steps.",
        "牛顿法与无鞍牛顿法在 x² − y² 上从 (1.5, 0.3) 出发，30 步。",
    ),
    look_for=_tx(
        "Newton jumps to the point where its quadratic model is flat; on "
        "x² − y² that is the saddle (0, 0), reached in one step and never "
        "left. Saddle-free Newton divides by the absolute curvature instead: "
        "it also lands on x = 0, but the negative curvature along y becomes a "
        "push away from the saddle, y doubles every step, and the run goes off "
        "down a slope without a bottom.",
        "牛顿法跳到二次模型梯度为零的点；在 x² − y² 上那就是鞍点 (0, 0)，一步"
        "到达，之后再不离开。无鞍牛顿法改为除以曲率的绝对值：它同样一步落到 "
        "x = 0，但 y 方向的负曲率变成了远离鞍点的推力，y 每步翻倍，沿着没有"
        "底的斜坡一路下去。",
    ),
    claim=_newton_saddle,
    claim_text=_tx(
        "Newton is at the saddle (0, 0) from step 1 on (a saddle is no "
        "minimum, so it has not converged); saddle-free Newton is at x = 0 "
        "from step 1, doubles y at every step and runs off unbounded.",
        "牛顿法从第 1 步起就停在鞍点 (0, 0)（鞍点不是最小点，所以不算收敛）；"
        "无鞍牛顿法从第 1 步起 x = 0，y 每步翻倍，无界地下降。",
    ),
)


@_runs(4)
def _line_searches(ts: tuple[Trajectory, ...]) -> bool:
    *wolfe, armijo = ts
    arrived = [_first_within(t, (1.0, 1.0), 1e-4) for t in wolfe]
    return (
        all(step is not None and step < 80 for step in arrived)
        and all(_near(t.points[-1], (1.0, 1.0)) for t in wolfe)
        and _distance(armijo, (1.0, 1.0))[-1] > 0.1
    )


_LINE_SEARCHES = Lesson(
    key="line_searches",
    scene=Scene(
        surface="rosenbrock",
        start=(-1.2, 1.0),
        steps=80,
        runs=(
            Run("bfgs"),
            Run("lbfgs"),
            Run("cg"),
            Run("cg", choices={"line_search": "armijo"}),
        ),
    ),
    part="000",
    title=_tx("Line searches on Rosenbrock", "Rosenbrock 函数上的线搜索"),
    picture=_tx(
        "BFGS, L-BFGS and conjugate gradient with a Wolfe line search, and CG "
        "with Armijo backtracking, on Rosenbrock from (−1.2, 1), 80 steps.",
        "BFGS、L-BFGS、使用 Wolfe 线搜索的共轭梯度法，以及使用 Armijo 回溯的"
        "共轭梯度法，在 Rosenbrock 函数上从 (−1.2, 1) 出发，80 步。",
    ),
    look_for=_tx(
        "Each step picks a direction, then searches along it for a length. "
        "With a Wolfe line search, BFGS, L-BFGS and CG follow the curved "
        "valley to (1, 1) in a few dozen steps; step through the animation to "
        "see where each search probed. With Armijo backtracking alone nothing "
        "checks the slope at the new point, CG's directions suffer, and after "
        "80 steps it is still in the valley.",
        "每一步先选方向，再沿这个方向搜索步长。使用 Wolfe 线搜索时，BFGS、"
        "L-BFGS（拟牛顿法）和共轭梯度法沿着弯曲的山谷，几十步就到达 (1, 1)；"
        "逐步播放可以看到每次线搜索的试探点。只用 Armijo 回溯时，没有条件检查"
        "新点处的斜率，共轭梯度的方向随之变差，80 步后仍在山谷里。",
    ),
    claim=_line_searches,
    claim_text=_tx(
        "BFGS, L-BFGS and CG with Wolfe come within 1e-4 of (1, 1) before "
        "step 80 and end there; CG with Armijo ends more than 0.1 away.",
        "BFGS、L-BFGS 与使用 Wolfe 的共轭梯度法在第 80 步之前到达 (1, 1) 的 "
        "1e-4 以内并停在那里；使用 Armijo 的共轭梯度法最终仍相距超过 0.1。",
    ),
)


LESSONS = (
    _MANY_MINIMA,
    _COURSE_EDGE,
    _MOMENTUM_FORMS,
    _NEWTON_SADDLE,
    _LINE_SEARCHES,
)
