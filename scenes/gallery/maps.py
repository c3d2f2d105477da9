"""Gallery lessons of the map pages (issue 11): basins of attraction and
hyperparameter maps. Each is a ``PageLesson`` (scenes/gallery/pages.py): the
page, its setting in the page's own terms, and a claim checked through the
same library call the page makes (``optimizers.sweep``)."""

from __future__ import annotations

import numpy as np

from optimizers.registry import get_optimizer
from optimizers.run import run
from optimizers.search import grid_and_random
from optimizers.sweep import basins, sweep
from optimizers.theory import curvature, optimal_momentum
from scenes.gallery.lesson import _tx
from scenes.gallery.page_lesson import PageLesson
from surfaces import get_surface

# The basins page's defaults, spelt out: the lesson does not move with them.
BASINS_SETTING = {"surface": "himmelblau", "resolution": 64, "steps": 500}
GD, MOMENTUM = {"lr": 0.01}, {"lr": 0.01, "momentum": 0.9}


def _starts_claim() -> bool:
    """GD reaches each of Himmelblau's four minima from a fair share of the
    starts, and momentum sends many starts elsewhere than GD does."""
    res, steps = BASINS_SETTING["resolution"], BASINS_SETTING["steps"]
    gd = basins("himmelblau", "gd", res, steps, **GD)
    heavy = basins("himmelblau", "momentum", res, steps, **MOMENTUM)
    shares = [float(np.mean(gd.labels == i)) for i in range(len(gd.minima))]
    moved = float(np.mean(gd.labels != heavy.labels))
    return len(shares) == 4 and min(shares) > 0.2 and moved > 0.2


WHERE_YOU_START = PageLesson(
    key="where_you_start",
    page="basins",
    setting=BASINS_SETTING,
    part="002",
    title=_tx("Where you start decides the minimum", "起点决定到达哪个极小点"),
    picture=_tx(
        "Himmelblau's function has four minima of equal height. Thousands of "
        "runs of gradient descent and of momentum, one from each start of a "
        "grid, each start coloured by the minimum its run reaches.",
        "Himmelblau 函数有四个同样低的极小点。从网格上的每个起点各运行一次梯度"
        "下降和动量法，按最终到达的极小点给起点着色。",
    ),
    look_for=_tx(
        "Gradient descent splits the plane into four clean regions along the "
        "ridges between the minima. Momentum keeps its speed and crosses "
        "ridges: its regions fray into bands, and a start can end far from "
        "the minimum nearest to it. Click a start to see both paths.",
        "梯度下降沿着极小点之间的山脊把平面分成四块整齐的区域。动量法保留速度，"
        "会越过山脊：它的区域碎成条带，一个起点可能停在离它最远的极小点。"
        "点击一个起点，看两条路径。",
    ),
    claim=_starts_claim,
    claim_text=_tx(
        "Gradient descent reaches each of the four minima from more than a "
        "fifth of the starts; momentum ends elsewhere than gradient descent "
        "from more than a fifth of them.",
        "梯度下降从超过五分之一的起点到达每个极小点；动量法有超过五分之一的起点"
        "停在与梯度下降不同的地方。",
    ),
)


# --- The hyperparameter map -------------------------------------------------

EDGE_SETTING = {
    "surface": "course_quadratic",
    "method": "gd",
    "axes": ("lr",),
    "ranges": ((0.05, 0.5),),
    "resolution": 256,
    "steps": 100,
    "show": "outcome",
}


def _lambda_max(surface: str, params=None) -> float:
    return curvature(get_surface(surface), params).lambda_max


def _values(setting) -> list[np.ndarray]:
    """The page's axis values (log-spaced on a log axis)."""
    specs = {h.key: h for h in get_optimizer(setting["method"]).hyperparams}
    out = []
    for key, (lo, hi) in zip(setting["axes"], setting["ranges"], strict=True):
        space = np.geomspace if specs[key].log else np.linspace
        out.append(space(lo, hi, setting["resolution"]))
    return out


def _map(setting, **fixed):
    axes = dict(zip(setting["axes"], _values(setting), strict=True))
    surface = get_surface(setting["surface"])
    return sweep(
        surface,
        setting["method"],
        start=surface.start,
        steps=setting["steps"],
        axes=axes,
        surface_params=dict(setting.get("surface_params", ())),
        **fixed,
    )


def _edge_claim() -> bool:
    """The map diverges exactly where α > 2/λmax (one cell of slack)."""
    m = _map(EDGE_SETTING)
    lrs, edge = m.axes["lr"], 2.0 / _lambda_max("course_quadratic")
    step = np.diff(np.log(lrs)).max()
    clear = np.abs(np.log(lrs / edge)) > step
    diverged = m.outcome == -1
    return bool(np.all(diverged[clear] == (lrs[clear] > edge))) and (0.27 < edge < 0.28)


STABILITY_EDGE = PageLesson(
    key="stability_edge_map",
    page="sweeps",
    setting=EDGE_SETTING,
    part="002",
    title=_tx("The stability edge, on the map", "稳定的边界，画在超参数图上"),
    picture=_tx(
        "Gradient descent on the course quadratic, 256 learning rates side by "
        "side, each run coloured by how it ended.",
        "课程中的二次函数上的梯度下降：并排 256 个学习率，每次运行按结果着色。",
    ),
    look_for=_tx(
        "The colour flips at one learning rate, where the line 2/λmax stands: "
        "below it every run settles, above it every run blows up. Click a "
        "cell on either side to see the two paths.",
        "颜色在一个学习率处突变，正是 2/λmax 那条线：线左的运行都收敛，线右的"
        "都发散。点击两侧的格子，看两条路径。",
    ),
    claim=_edge_claim,
    claim_text=_tx(
        "Every run diverges above α = 2/λmax ≈ 0.276 and none below it "
        "(one cell of slack at the edge).",
        "α 大于 2/λmax ≈ 0.276 的运行全部发散，小于它的都不发散（边界处允许"
        "差一个格子）。",
    ),
)

KAPPA_SETTING = {
    "surface": "valley",
    "method": "momentum",
    "axes": ("lr", "momentum"),
    "ranges": ((0.01, 1.0), (0.0, 0.95)),
    "resolution": 96,
    "steps": 200,
    "show": "rate",
}


def _kappa_claim() -> bool:
    """The map's fastest cell is next to Distill's (α*, μ*) and converges at
    about ρ* = (√κ−1)/(√κ+1); no cell of plain GD (μ = 0) beats (κ−1)/(κ+1).
    (At (α*, μ*) itself the two roots meet, and a run shrinks like t·ρ*ᵗ, a
    little slower than ρ* over a short window: hence "next to".)"""
    c = curvature(get_surface("valley"))
    best = optimal_momentum(c.lambda_min, c.lambda_max)
    m = _map(KAPPA_SETTING)
    rates = np.where(np.isfinite(m.rate), m.rate, np.inf)
    i, j = np.unravel_index(np.argmin(rates), rates.shape)
    near_i = int(np.argmin(np.abs(np.log(m.axes["lr"] / best.lr))))
    near_j = int(np.argmin(np.abs(m.axes["momentum"] - best.momentum)))
    kappa = c.lambda_max / c.lambda_min
    gd_best = (kappa - 1.0) / (kappa + 1.0)
    return (
        abs(int(i) - near_i) <= 1
        and abs(int(j) - near_j) <= 1
        and abs(rates[i, j] - best.rate) < 0.03
        and float(np.min(rates[:, 0])) > gd_best - 0.01
    )


MOMENTUM_KAPPA = PageLesson(
    key="momentum_best_kappa",
    page="sweeps",
    setting=KAPPA_SETTING,
    part="002",
    title=_tx("Momentum's best setting for κ", "按条件数 κ 选择最优动量"),
    picture=_tx(
        "Momentum on the narrow valley (κ = 10), every pair of learning rate "
        "and momentum coloured by the rate ρ it converges at, after Goh's "
        "“Why Momentum Really Works”.",
        "狭长山谷（κ = 10）上的动量法：每一对学习率与动量系数按收敛率 ρ 着色，"
        "参照 2017 年一篇讲解动量为何有效的文章。",
    ),
    look_for=_tx(
        "The star is the best pair the theory gives for this κ. The fastest "
        "cells sit right beside it, at a rate of about 0.5: the distance to "
        "the minimum halves every step. Plain gradient descent (μ = 0, the "
        "bottom row) cannot do better than 0.82.",
        "星号是理论给出的这个 κ 下的最优组合。最快的格子就在它旁边，收敛率约为 "
        "0.5：每走一步，到极小点的距离减半。普通梯度下降（μ = 0，最下面一行）"
        "最好也只有 0.82。",
    ),
    claim=_kappa_claim,
    claim_text=_tx(
        "The map's fastest cell lies within one cell of the theory's best "
        "pair, at a measured rate within 0.03 of (√κ−1)/(√κ+1); no plain "
        "gradient-descent cell beats (κ−1)/(κ+1).",
        "图上最快的格子与理论最优组合相差不超过一个格子，测得的收敛率与 "
        "(√κ−1)/(√κ+1) 相差不到 0.03；普通梯度下降的格子都不快于 (κ−1)/(κ+1)。",
    ),
)

SEARCH_SETTING = {
    "surface": "course_quadratic",
    "method": "adam",
    "axes": ("lr", "eps"),
    "ranges": ((0.001, 1.0), (1e-8, 1e-3)),
    "resolution": 64,
    "steps": 100,
    "show": "loss",
    "budget": 16,
    "seed": 0,
}
SEEDS = range(10)


def _search_wins() -> int:
    """Of ten random searches (seeds 0–9), how many beat the grid search of
    the same budget; each point is one run, scored by its final f."""
    s = SEARCH_SETTING
    surface = get_surface(s["surface"])
    specs = {h.key: h for h in get_optimizer(s["method"]).hyperparams}
    log = [specs[k].log for k in s["axes"]]

    def best(points: np.ndarray) -> float:
        ends = []
        for p in points:
            hyper = dict(zip(s["axes"], map(float, p), strict=True))
            t = run(
                surface, s["method"], start=surface.start, steps=s["steps"], **hyper
            )
            ends.append(np.inf if t.diverged_at is not None else t.values[-1])
        return min(ends)

    grid, _ = grid_and_random(log, s["ranges"], s["budget"], 0)
    on_grid = best(grid)
    randoms = [grid_and_random(log, s["ranges"], s["budget"], k)[1] for k in SEEDS]
    return sum(best(r) < on_grid for r in randoms)


GRID_RANDOM = PageLesson(
    key="grid_vs_random",
    page="sweeps",
    setting=SEARCH_SETTING,
    part="001",
    title=_tx("Grid against random search", "网格搜索与随机搜索"),
    picture=_tx(
        "Adam on the course quadratic over learning rate × ε, with a grid "
        "search and a random search of 16 runs each drawn over the map.",
        "课程中的二次函数上的 Adam，横轴学习率、纵轴 ε；图上画出各用 16 次运行"
        "的网格搜索和随机搜索。",
    ),
    look_for=_tx(
        "Only the learning rate matters here: the map's colour changes "
        "across, hardly up. The grid spends its 16 runs on 4 learning rates; "
        "the random search tries 16 different ones, and so lands closer to "
        "the best. Change the seed to draw another random search.",
        "这里只有学习率要紧：图的颜色左右变化，上下几乎不变。网格搜索的 16 次"
        "运行只试了 4 个学习率；随机搜索试了 16 个不同的学习率，所以更接近最优。"
        "换一个随机种子，再抽一次随机搜索。",
    ),
    claim=lambda: _search_wins() >= 8,
    claim_text=_tx(
        "Of ten random searches of 16 runs, at least eight end lower than the "
        "grid search of 16 runs.",
        "十次各 16 次运行的随机搜索中，至少八次比 16 次运行的网格搜索结果更低。",
    ),
)

MAP_LESSONS = (STABILITY_EDGE, MOMENTUM_KAPPA, GRID_RANDOM, WHERE_YOU_START)
