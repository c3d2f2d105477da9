"""The course gallery: the pictures of the course notes, each as a scene.

A lesson is a scene plus what to look for in it, in English and Chinese, and a
claim: a predicate on the scene's trajectories (``scene.play()``, in run order)
that states in numbers what the picture shows. The claims use the numbers
worked in the course guide and are tested (tests/test_gallery.py), so they are
tests of the engine as well: wrong physics makes them fail.

The lessons follow the course, part 000 to 004. Where the notes are wrong the
lesson says so (x + sin x has no minimum; clipping by norm has a condition).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import wraps
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from scenes.model import Run, Scene
from scenes.play import play_fan
from surfaces import get_surface

if TYPE_CHECKING:
    from optimizers import Trajectory

Claim = Callable[[tuple["Trajectory", ...]], bool]
Text = Mapping[str, str]


@dataclass(frozen=True)
class Lesson:
    """One picture of the course, ready to play.

    Attributes:
        key: registry-style key; ``scene.lesson == key``.
        scene: the scene, valid as it stands (``validate()`` changes nothing).
        part: the course part it comes from, "000" … "004" (the file prefix).
        title: {"en": …, "zh": …}.
        picture: one line: what the picture shows (for the gallery card).
        look_for: two or three sentences: what to look for, what it teaches.
        claim: a predicate on ``scene.play()``, in run order.
        claim_text: the claim in words, shown under the map.
    """

    key: str
    scene: Scene
    part: str
    title: Text
    picture: Text
    look_for: Text
    claim: Claim
    claim_text: Text


def _tx(en: str, zh: str) -> Text:
    return MappingProxyType({"en": en, "zh": zh})


# --- Helpers the claims share ---------------------------------------------------


def _runs(count: int) -> Callable[[Claim], Claim]:
    """A claim about exactly ``count`` runs: any other number makes it false."""

    def wrap(claim: Claim) -> Claim:
        @wraps(claim)
        def checked(trajectories: tuple[Trajectory, ...]) -> bool:
            return len(trajectories) == count and bool(claim(trajectories))

        return checked

    return wrap


def _x(t: Trajectory) -> np.ndarray:
    return t.points[:, 0]


def _near(a: object, b: object, tol: float = 1e-4) -> bool:
    diff = np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))
    return bool(np.all(diff <= tol))


def _distance(t: Trajectory, point: Sequence[float]) -> np.ndarray:
    return np.linalg.norm(t.points - np.asarray(point, dtype=np.float64), axis=1)


def _first_within(t: Trajectory, point: Sequence[float], tol: float) -> int | None:
    hits = np.nonzero(_distance(t, point) < tol)[0]
    return int(hits[0]) if hits.size else None


def _step_lengths(t: Trajectory) -> np.ndarray:
    """(steps,) the length of each update; entry k moved points[k] to [k + 1]."""
    return np.linalg.norm(t.internals["step"][1:], axis=1)


def _rates(t: Trajectory) -> np.ndarray:
    """(steps,) ‖Δx‖ / ‖∇f‖ per step: the learning rate plain GD used."""
    return _step_lengths(t) / t.grad_norms[:-1]


def _valley_coordinates(t: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    """(along, across) the valley's floor, at the valley's default angle."""
    angle = {p.key: p.default for p in get_surface("valley").params}["angle"]
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    x, y = t.points[:, 0], t.points[:, 1]
    return c * x + s * y, -s * x + c * y


def _fan(t: Trajectory, count: int) -> tuple[Trajectory, ...]:
    """The other ``count - 1`` seeds of ``t``'s run, rebuilt from ``t`` alone
    (its surface, start, steps and settings; surface parameters left default)."""
    hyper = {k: v for k, v in t.hyperparams.items() if not isinstance(v, str)}
    choices = {k: v for k, v in t.hyperparams.items() if isinstance(v, str)}
    start = tuple(float(v) for v in t.points[0])
    scene = Scene(t.surface, start, t.steps, (), maximize=t.maximize)
    return play_fan(scene, Run(t.optimizer, hyper, choices, fan=count))


# The course quadratic 2x₁² + x₂² + (x₁ + x₂)² − 20x₁ − 16x₂ = ½xᵀHx − bᵀx.
COURSE_H = np.array([[6.0, 2.0], [2.0, 4.0]])
COURSE_B = np.array([20.0, 16.0])
COURSE_MIN = (2.4, 2.8)
RIDGE_MIN = (2.29703, 2.53465)  # the minimizer of f + 0.25‖x‖² (guide)


def _ridge(strength: float) -> np.ndarray:
    """The minimizer of the course quadratic plus strength/2 ‖x‖²."""
    return np.linalg.solve(COURSE_H + strength * np.eye(2), COURSE_B)


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


def schedule_rates(
    kind: str, steps: int, lr: float, every: float, gamma: float, low: float
) -> np.ndarray:
    """α_t for t = 0 … steps − 1, written from note 001's formulas in the app's
    parametrisation (T = ``every`` steps, γ = ``gamma``, α_min = ``low``)."""
    t = np.arange(steps, dtype=np.float64)
    if kind == "constant":
        return np.full(steps, lr)
    if kind == "step":  # 分段常数衰减
        return lr * gamma ** np.floor(t / every)
    if kind == "inverse_time":  # 逆时衰减
        return lr / (1.0 + gamma * t / every)
    if kind == "exponential":  # 指数衰减
        return lr * gamma ** (t / every)
    if kind in ("cosine", "sgdr"):  # 余弦衰减; restarted: 带热重启
        phase = np.minimum(t, every) if kind == "cosine" else np.mod(t, every)
        return low + (lr - low) * 0.5 * (1.0 + np.cos(np.pi * phase / every))
    if kind == "cyclic":  # 循环学习率: triangular, period 2T
        return low + (lr - low) * (1.0 - np.abs(np.mod(t, 2 * every) / every - 1.0))
    raise ValueError(f"unknown schedule {kind!r}")


# --- 000: thoughts on optimizing CNNs --------------------------------------------


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
        "牛顿法与无鞍牛顿法（saddle-free Newton）在 x² − y² 上从 (1.5, 0.3) "
        "出发，30 步。",
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


# --- 001: network optimization and regularization --------------------------------

FAN = 8


@_runs(2)
def _noise_saddle(ts: tuple[Trajectory, ...]) -> bool:
    exact, noisy = ts
    seeds = (noisy, *_fan(noisy, FAN))
    return (
        bool(np.all(exact.points[:, 1] == 0.0))
        and _near(exact.points[-1], (0.0, 0.0), 1e-6)
        and exact.status == "not_converged"
        and len(seeds) == FAN
        and all(t.status == "unbounded" for t in seeds)
    )


_NOISE_SADDLE = Lesson(
    key="noise_saddle",
    scene=Scene(
        surface="saddle",
        start=(1.5, 0.0),
        steps=200,
        runs=(
            Run("gd", {"lr": 0.05}),
            Run("gd", {"lr": 0.05, "noise": 0.05}, fan=FAN),
        ),
    ),
    part="001",
    title=_tx("Noise pushes GD off a saddle", "噪声把梯度下降推离鞍点"),
    picture=_tx(
        "GD (α = 0.05) on x² − y² from (1.5, 0) on the ridge y = 0: exact "
        "gradients, and noisy ones (σ = 0.05) for eight seeds, 200 steps.",
        "梯度下降（α = 0.05）在 x² − y² 上从脊线 y = 0 上的 (1.5, 0) 出发："
        "精确梯度，以及带噪声的梯度（σ = 0.05）的 8 个随机种子，200 步。",
    ),
    look_for=_tx(
        "On the line y = 0 the gradient has no y part, so exact GD slides "
        "straight into the saddle point and stops there, though f falls "
        "without limit on both sides. With a little noise y is never exactly "
        "0, each step multiplies it by 1 + 2α = 1.1, and every seed leaves "
        "the saddle, up or down: as note 001 says, randomness in the gradient "
        "helps escape saddle points.",
        "在直线 y = 0 上梯度没有 y 分量，所以精确的梯度下降笔直滑进鞍点并停在"
        "那里，尽管两侧的 f 都可以无限下降。加一点梯度噪声后 y 不再恰好为 0，"
        "每一步把它放大 1 + 2α = 1.1 倍，每个随机种子都向上或向下离开了鞍点："
        "正如笔记 001 所说，在梯度方向上引入随机性可以有效地逃离鞍点。",
    ),
    claim=_noise_saddle,
    claim_text=_tx(
        "Exact GD keeps y = 0 at every step and ends within 1e-6 of the saddle "
        "(0, 0); all eight noisy seeds escape and run off unbounded.",
        "精确梯度下降每一步都保持 y = 0，最终距鞍点 (0, 0) 不到 1e-6；带噪声的 "
        "8 个种子全部逃离，无界地下降。",
    ),
)

SCHEDULES_SHOWN = (
    "constant",
    "step",
    "inverse_time",
    "exponential",
    "cosine",
    "cyclic",
    "sgdr",
)
SCHEDULE_LR, SCHEDULE_EVERY, SCHEDULE_LOW, SCHEDULE_STEPS = 0.19, 40.0, 0.01, 200


@_runs(len(SCHEDULES_SHOWN))
def _schedules(ts: tuple[Trajectory, ...]) -> bool:
    for kind, t in zip(SCHEDULES_SHOWN, ts, strict=True):
        want = schedule_rates(
            kind, t.steps, SCHEDULE_LR, SCHEDULE_EVERY, 0.5, SCHEDULE_LOW
        )
        if t.steps != SCHEDULE_STEPS or not _near(_rates(t), want, 1e-9):
            return False
    return True


_SCHEDULES = Lesson(
    key="schedules",
    scene=Scene(
        surface="valley",
        steps=SCHEDULE_STEPS,
        runs=tuple(
            Run(
                "gd",
                {
                    "lr": SCHEDULE_LR,
                    "decay_steps": SCHEDULE_EVERY,
                    "lr_min": SCHEDULE_LOW,
                },
                {"schedule": kind},
            )
            for kind in SCHEDULES_SHOWN
        ),
    ),
    part="001",
    title=_tx("Learning-rate schedules side by side", "学习率衰减策略并排比较"),
    picture=_tx(
        "GD with α = 0.19 on the valley (κ = 10), one run per schedule: "
        "constant, step (piecewise constant), inverse time, exponential, "
        "cosine, cyclic and SGDR; T = 40 steps, γ = 0.5, α_min = 0.01.",
        "梯度下降（α = 0.19）在 κ = 10 的山谷上，每种策略一条路径：恒定、"
        "分段常数衰减、逆时衰减、指数衰减、余弦衰减、循环学习率与带热重启的"
        "随机梯度下降（SGDR）；T = 40 步，γ = 0.5，α_min = 0.01。",
    ),
    look_for=_tx(
        "At α = 0.19 GD is just inside its stability edge 0.2 and zig-zags "
        "hard across the valley. Each decaying schedule calms the zig-zag as α "
        "shrinks: the step schedule in a jump every 40 steps, inverse time and "
        "exponential smoothly. Cosine reaches α_min at step 40 and crawls from "
        "then on; the cyclic rate starts at α_min and climbs to α and back, "
        "and SGDR jumps back to the full α every 40 steps.",
        "α = 0.19 刚好在稳定边界 0.2 以内，梯度下降在山谷两壁之间剧烈地之字形"
        "摆动。各种衰减都随着 α 变小而平息摆动：分段常数衰减每 40 步跳一次，"
        "逆时衰减和指数衰减则平滑下降。余弦衰减在第 40 步降到 α_min，之后缓慢"
        "爬行；循环学习率从 α_min 出发升到 α 再降回，带热重启的随机梯度下降"
        "每 40 步重新回到完整的 α。",
    ),
    claim=_schedules,
    claim_text=_tx(
        "In every run, each step's length divided by the gradient's is that "
        "schedule's α_t (to 1e-9): 0.19; 0.19·0.5^⌊t/40⌋; 0.19/(1 + 0.5t/40); "
        "0.19·0.5^(t/40); a cosine from 0.19 to 0.01 over 40 steps; a triangle "
        "between 0.01 and 0.19 of period 80; that cosine restarted every 40.",
        "每条路径的每一步，步长与梯度长度之比都等于该策略的 α_t（1e-9 以内）："
        "0.19；0.19·0.5^⌊t/40⌋；0.19/(1 + 0.5t/40)；0.19·0.5^(t/40)；40 步内"
        "从 0.19 降到 0.01 的余弦；在 0.01 与 0.19 之间、周期为 80 的三角波；"
        "每 40 步重启一次的余弦。",
    ),
)

CLIP_LR, CLIP_C = 0.1, 2.0


@_runs(2)
def _clipping(ts: tuple[Trajectory, ...]) -> bool:
    plain, clipped = ts
    norms = clipped.grad_norms[:-1]
    return (
        _near(_step_lengths(plain), CLIP_LR * plain.grad_norms[:-1], 1e-12)
        and _near(_step_lengths(clipped), CLIP_LR * np.minimum(norms, CLIP_C), 1e-12)
        and int(np.sum(norms > CLIP_C)) >= 5
        and int(np.sum(norms < CLIP_C)) >= 5
        and _near(_step_lengths(plain)[0], CLIP_LR * math.hypot(20.0, 16.0), 1e-9)
        and _near(_step_lengths(clipped)[0], CLIP_LR * CLIP_C, 1e-12)
        and all(_near(t.points[-1], COURSE_MIN) for t in ts)
    )


_CLIPPING = Lesson(
    key="clipping",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=100,
        runs=(
            Run("gd", {"lr": CLIP_LR}),
            Run("gd", {"lr": CLIP_LR, "clip_norm": CLIP_C}),
        ),
    ),
    part="001",
    title=_tx("Clipping by norm leaves small gradients alone", "按模截断不改动小梯度"),
    picture=_tx(
        "GD (α = 0.1) on the course quadratic from (0, 0), unclipped and "
        "clipped by norm at c = 2, 100 steps.",
        "梯度下降（α = 0.1）在课程二次函数上从 (0, 0) 出发，不截断与按模截断"
        "（c = 2）各一条，100 步。",
    ),
    look_for=_tx(
        "Far from the minimum the gradient is long (‖∇f‖ ≈ 25.6 at the "
        "start), so the clipped run takes steps of fixed length αc = 0.2 "
        "while the plain one leaps. Once ‖∇f‖ < c the rule does nothing and "
        "the steps are plain GD steps. Note 001 prints g ← c·g/‖g‖ without "
        "its condition: it applies only when ‖g‖ > c (at c = 1, (3, 4) "
        "becomes (0.6, 0.8), while (0.3, 0.4) is left alone).",
        "离最小点远时梯度很长（起点处 ‖∇f‖ ≈ 25.6），截断后的路径每步长度固定"
        "为 αc = 0.2，而不截断的路径大步跳跃。一旦 ‖∇f‖ < c，截断规则不再起"
        "作用，走的就是普通的梯度下降步。笔记 001 印出的 g ← c·g/‖g‖ 漏掉了"
        "条件：只有 ‖g‖ > c 时才缩放（c = 1 时 (3, 4) 变成 (0.6, 0.8)，"
        "(0.3, 0.4) 保持不变）。",
    ),
    claim=_clipping,
    claim_text=_tx(
        "Every clipped step has length α·min(‖∇f‖, c), with both kinds of "
        "step present, and every plain step α‖∇f‖ (to 1e-12): the first is "
        "2.561 against 0.2. Both runs end at (2.4, 2.8).",
        "截断路径的每一步长度都是 α·min(‖∇f‖, c)，两种情形都出现；不截断路径"
        "每一步都是 α‖∇f‖（1e-12 以内）：第一步为 2.561 对 0.2。两条路径都"
        "停在 (2.4, 2.8)。",
    ),
)

DECAY = 0.5
DECAY_MU = 0.9


@_runs(4)
def _weight_decay(ts: tuple[Trajectory, ...]) -> bool:
    gd_l2, gd_decoupled, momentum_l2, momentum_decoupled = ts
    elsewhere = _ridge((1.0 - DECAY_MU) * DECAY)
    return (
        _near(gd_l2.points, gd_decoupled.points, 1e-12)
        and _near(_ridge(DECAY), RIDGE_MIN, 1e-5)
        and all(_near(t.points[-1], RIDGE_MIN) for t in (gd_l2, momentum_l2))
        and _near(momentum_decoupled.points[-1], elsewhere)
        and np.linalg.norm(elsewhere - np.asarray(RIDGE_MIN)) > 0.05
    )


_WEIGHT_DECAY = Lesson(
    key="weight_decay",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=300,
        runs=tuple(
            Run(method, {**hyper, "weight_decay": DECAY}, {"decay": decay})
            for method, hyper in (
                ("gd", {"lr": 0.05}),
                ("momentum", {"lr": 0.02, "momentum": DECAY_MU}),
            )
            for decay in ("l2", "decoupled")
        ),
    ),
    part="001",
    title=_tx(
        "Weight decay and ℓ2 for GD and momentum",
        "梯度下降与动量法中的权重衰减和 ℓ2 正则",
    ),
    picture=_tx(
        "The course quadratic with λ = 0.5: GD (α = 0.05) and momentum "
        "(α = 0.02, μ = 0.9), each with the decay as an ℓ2 term and decoupled.",
        "课程二次函数，λ = 0.5：梯度下降（α = 0.05）与动量法（α = 0.02，"
        "μ = 0.9），各自使用 ℓ2 正则项与解耦的权重衰减。",
    ),
    look_for=_tx(
        "For GD the two are one rule: shrinking x by ω = αλ after each step "
        "is GD on f + λ/2‖x‖², so the two GD paths coincide and end at that "
        "function's minimizer (2.29703, 2.53465). With momentum they part: "
        "the ℓ2 term enters the velocity and is amplified by 1/(1 − μ) like "
        "any gradient, the decoupled decay is not. Momentum + ℓ2 ends where "
        "GD does; decoupled momentum ends at the minimizer of "
        "f + (1 − μ)λ/2‖x‖², (2.38995, 2.77039).",
        "对梯度下降来说两者是同一条规则：每步之后把 x 缩小 ω = αλ，就是在 "
        "f + λ/2‖x‖² 上做梯度下降，所以两条梯度下降路径重合，停在这个函数的"
        "最小点 (2.29703, 2.53465)。动量法则不同：ℓ2 项进入速度，像其他梯度"
        "一样被放大 1/(1 − μ) 倍，解耦的权重衰减则不会。动量法 + ℓ2 停在与"
        "梯度下降相同的点；解耦的动量法停在 f + (1 − μ)λ/2‖x‖² 的最小点 "
        "(2.38995, 2.77039)。",
    ),
    claim=_weight_decay,
    claim_text=_tx(
        "The two GD paths coincide (to 1e-12) and end at (2.29703, 2.53465); "
        "momentum with ℓ2 ends there too; decoupled momentum ends at "
        "(2.38995, 2.77039), the minimizer of f + (1 − μ)λ/2‖x‖² (to 1e-4).",
        "两条梯度下降路径重合（1e-12 以内），停在 (2.29703, 2.53465)；动量法 "
        "+ ℓ2 也停在那里；解耦的动量法停在 f + (1 − μ)λ/2‖x‖² 的最小点 "
        "(2.38995, 2.77039)（1e-4 以内）。",
    ),
)


@_runs(2)
def _adamw_vs_l2(ts: tuple[Trajectory, ...]) -> bool:
    adam, adamw = ts
    return _near(adam.points[-1], RIDGE_MIN) and _distance(adamw, RIDGE_MIN)[-1] > 0.5


_ADAMW_VS_L2 = Lesson(
    key="adamw_vs_l2",
    scene=Scene(
        surface="course_quadratic",
        start=(0.0, 0.0),
        steps=400,
        runs=(
            Run("adam", {"lr": 0.05, "weight_decay": DECAY}, label="Adam + ℓ2"),
            Run("adamw", {"lr": 0.05, "weight_decay": DECAY}),
        ),
    ),
    part="001",
    title=_tx("AdamW against Adam + ℓ2", "AdamW 与 Adam + ℓ2"),
    picture=_tx(
        "Adam + ℓ2 and AdamW, both with λ = 0.5 and α = 0.05, on the course "
        "quadratic from (0, 0), 400 steps.",
        "Adam + ℓ2 与 AdamW，λ 都是 0.5，α 都是 0.05，在课程二次函数上从 "
        "(0, 0) 出发，400 步。",
    ),
    look_for=_tx(
        "Adam's ℓ2 term is added to the gradient, so it passes through the "
        "adaptive scaling, and Adam still finds the minimizer of "
        "f + λ/2‖x‖², (2.29703, 2.53465). AdamW subtracts αλx outside that "
        "scaling, weighing the decay against a normalized step instead of the "
        "raw gradient, so with the same λ it heads elsewhere. Note 001: with "
        "plain SGD weight decay and ℓ2 agree, with Adam they do not.",
        "Adam 的 ℓ2 项加在梯度上，因此经过自适应缩放，Adam 仍然找到 "
        "f + λ/2‖x‖² 的最小点 (2.29703, 2.53465)。AdamW 在缩放之外减去 αλx，"
        "权重衰减对抗的是归一化后的步长而不是原始梯度，所以同样的 λ 会把它带到"
        "别处。正如笔记 001 所说：普通随机梯度下降中权重衰减与 ℓ2 正则效果相同，"
        "在 Adam 中则不然。",
    ),
    claim=_adamw_vs_l2,
    claim_text=_tx(
        "Adam + ℓ2 ends at (2.29703, 2.53465) (to 1e-4); AdamW ends more than "
        "0.5 away from it.",
        "Adam + ℓ2 停在 (2.29703, 2.53465)（1e-4 以内）；AdamW 最终离它超过 0.5。",
    ),
)


# --- 002: the math behind optimization -------------------------------------------


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


# --- 003: CS231n lecture 7 ------------------------------------------------------


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


# --- 004: CS231n optimization and backprop ---------------------------------------


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


# --- The gallery, as the course goes ----------------------------------------------


def _registered(lessons: Sequence[Lesson]) -> MappingProxyType[str, Lesson]:
    """Key -> lesson, each scene stamped with its lesson's key."""
    return MappingProxyType(
        {x.key: replace(x, scene=replace(x.scene, lesson=x.key)) for x in lessons}
    )


GALLERY: MappingProxyType[str, Lesson] = _registered(
    (
        _MANY_MINIMA,
        _COURSE_EDGE,
        _MOMENTUM_FORMS,
        _NEWTON_SADDLE,
        _LINE_SEARCHES,
        _NOISE_SADDLE,
        _SCHEDULES,
        _CLIPPING,
        _WEIGHT_DECAY,
        _ADAMW_VS_L2,
        _GRADIENT_ASCENT,
        _LEARNING_RATES,
        _X_PLUS_SIN,
        _NEWTON_INFLECTION,
        _VALLEY_ZIGZAG,
        _VALLEY_EDGE,
        _NESTEROV,
        _ADAGRAD_RMSPROP,
        _RANDOM_SEARCH,
        _ONE_STEP,
    )
)
