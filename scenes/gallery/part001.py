"""The gallery's lessons from course part 001: network optimization and
regularization."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from scenes.gallery.lesson import (
    COURSE_B,
    COURSE_H,
    COURSE_MIN,
    Lesson,
    _distance,
    _near,
    _runs,
    _step_lengths,
    _tx,
    schedule_rates,
)
from scenes.model import Run, Scene
from scenes.play import play_fan

if TYPE_CHECKING:
    from optimizers import Trajectory


def _rates(t: Trajectory) -> np.ndarray:
    """(steps,) ‖Δx‖ / ‖∇f‖ per step: the learning rate plain GD used."""
    return _step_lengths(t) / t.grad_norms[:-1]


def _fan(t: Trajectory, count: int) -> tuple[Trajectory, ...]:
    """The other ``count - 1`` seeds of ``t``'s run, rebuilt from ``t`` alone
    (its surface, start, steps and settings; surface parameters left default)."""
    hyper = {k: v for k, v in t.hyperparams.items() if not isinstance(v, str)}
    choices = {k: v for k, v in t.hyperparams.items() if isinstance(v, str)}
    start = tuple(float(v) for v in t.points[0])
    scene = Scene(t.surface, start, t.steps, (), maximize=t.maximize)
    return play_fan(scene, Run(t.optimizer, hyper, choices, fan=count))


RIDGE_MIN = (2.29703, 2.53465)  # the minimizer of f + 0.25‖x‖² (guide)


def _ridge(strength: float) -> np.ndarray:
    """The minimizer of the course quadratic plus strength/2 ‖x‖²."""
    return np.linalg.solve(COURSE_H + strength * np.eye(2), COURSE_B)


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


LESSONS = (
    _NOISE_SADDLE,
    _SCHEDULES,
    _CLIPPING,
    _WEIGHT_DECAY,
    _ADAMW_VS_L2,
)
