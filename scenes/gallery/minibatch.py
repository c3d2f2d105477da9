"""Gallery lessons on data surfaces: real mini-batches (course parts 000–002).

The maps are a model's exact loss over its two parameters; the runs see
mini-batches of the data (optimizers/batches.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from optimizers import run
from scenes.gallery.lesson import Lesson, _distance, _runs, _tx
from scenes.model import Run, Scene
from surfaces import get_surface

if TYPE_CHECKING:
    from optimizers import Trajectory

Z_SCORED = {"standardize": 1.0}


def _optimum(t: Trajectory) -> np.ndarray:
    """The exact optimum of the data the run saw."""
    surface = get_surface(t.surface)
    return np.asarray(surface.minima_at(t.surface_params)[0].point)


def _updates_per_epoch(t: Trajectory) -> int:
    starts = t.batches.epoch_starts
    return int(starts[1] - starts[0])


@_runs(3)
def _batch_noise(ts: tuple[Trajectory, ...]) -> bool:
    one, eight, full = ts
    best = _optimum(full)
    wander = [float(np.mean(_distance(t, best)[-50:])) for t in (one, eight)]
    return (
        float(_distance(full, best)[-1]) < 1e-9
        and wander[1] < wander[0] / 3
        and all(float(_distance(t, best)[-1]) > 1e-3 for t in (one, eight))
        and _updates_per_epoch(one) == 40
        and _updates_per_epoch(eight) == 5
        and full.batches.full
    )


_BATCH_NOISE = Lesson(
    key="minibatch_noise",
    scene=Scene(
        surface="linear_regression",
        start=(-3.0, -6.0),
        steps=200,
        surface_params=Z_SCORED,
        runs=(
            Run("gd", {"lr": 0.1, "batch_size": 1.0}),
            Run("gd", {"lr": 0.1, "batch_size": 8.0}),
            Run("gd", {"lr": 0.1}),
        ),
    ),
    part="000",
    title=_tx("Batch size: how noisy a step is", "批量大小决定每一步有多吵"),
    picture=_tx(
        "A straight line fitted to 40 points (z-scored feature) by SGD with "
        "α = 0.1: batches of K = 1, K = 8, and the full batch; 200 steps.",
        "用随机梯度下降（α = 0.1）对 40 个点（特征已标准化）拟合直线："
        "批量 K = 1、K = 8 和全批量，200 步。",
    ),
    look_for=_tx(
        "The map is the loss over all the data; each small step only sees K "
        "points. Pause and scrub: the dotted rings are the loss of the batch "
        "the step uses, and the step goes downhill on it, not on the map. "
        "With K = 1 an epoch is 40 steps and the path never settles; K = 8 "
        "wanders far less (5 steps an epoch); the full batch is plain "
        "gradient descent and lands on the least-squares line.",
        "等高线图是全部数据上的损失，而每一小步只看到 K 个点。暂停并拖动滑块："
        "虚线圈是这一步所用小批量的损失，这一步沿它下坡，而不是沿整张图。"
        "K = 1 时一个 epoch 有 40 步，路径始终停不下来；K = 8 的抖动小得多"
        "（每个 epoch 5 步）；全批量就是普通的梯度下降，落在最小二乘直线上。",
    ),
    claim=_batch_noise,
    claim_text=_tx(
        "The full batch ends within 1e-9 of the least-squares solution; over "
        "the last 50 steps K = 8 stays at least three times closer to it than "
        "K = 1, and neither settles within 1e-3; epochs are 40 and 5 steps.",
        "全批量最终距最小二乘解不到 1e-9；最后 50 步里 K = 8 与它的平均距离"
        "不到 K = 1 的三分之一，两者都没有稳定在 1e-3 以内；"
        "每个 epoch 分别为 40 步和 5 步。",
    ),
)

EDGE_LR, OVER_LR, Z_LR = 0.03, 0.035, 0.4


@_runs(2)
def _feature_scaling(ts: tuple[Trajectory, ...]) -> bool:
    below, above = ts
    best = _optimum(below)
    scaled = run(
        below.surface,
        "gd",
        start=tuple(below.points[0]),
        steps=50,
        lr=Z_LR,
        surface_params=Z_SCORED,
    )
    return (
        above.status == "diverged"
        and below.diverged_at is None
        and float(_distance(below, best)[-1]) > 1.0
        and float(_distance(scaled, _optimum(scaled))[-1]) < 1e-9
    )


_FEATURE_SCALING = Lesson(
    key="feature_scaling",
    scene=Scene(
        surface="linear_regression",
        start=(3.0, 4.0),
        steps=200,
        runs=(Run("gd", {"lr": EDGE_LR}), Run("gd", {"lr": OVER_LR})),
    ),
    part="001",
    title=_tx("Raw feature: a narrow valley", "未标准化的特征：狭长山谷"),
    picture=_tx(
        "The loss of a line fitted to points with x between 2 and 8, over "
        "(w, b): GD with α = 0.03 and α = 0.035, 200 steps.",
        "对 x 在 2 到 8 之间的点拟合直线，损失关于 (w, b) 的等高线："
        "梯度下降 α = 0.03 与 α = 0.035，200 步。",
    ),
    look_for=_tx(
        "Because x sits far from 0, w and b pull together and the loss is a "
        "long thin valley (condition number about 300). The steep side caps α "
        "below 2/λmax ≈ 0.032: at 0.035 GD blows up, at 0.03 it crawls along "
        "the valley floor. Now switch on “z-score the feature”: the same data "
        "give a round bowl, and α = 0.4 reaches the fit in a few dozen steps.",
        "由于 x 远离 0，w 与 b 相互牵连，损失是一条又长又窄的山谷（条件数约 300）。"
        "陡峭的方向把 α 限制在 2/λmax ≈ 0.032 以下：α = 0.035 时发散，α = 0.03 "
        "时只能沿谷底缓慢爬行。现在打开“特征标准化”：同样的数据变成圆碗，"
        "α = 0.4 几十步就到达最优拟合。",
    ),
    claim=_feature_scaling,
    claim_text=_tx(
        "On the raw feature α = 0.035 diverges and α = 0.03 is still more than 1 "
        "from the fit after 200 steps; on the z-scored feature α = 0.4 is "
        "within 1e-9 of it after 50 steps.",
        "在原始特征上 α = 0.035 发散，α = 0.03 在 200 步后距最优拟合仍大于 1；"
        "特征标准化后 α = 0.4 只需 50 步即距最优不到 1e-9。",
    ),
)


@_runs(2)
def _biased_batches(ts: tuple[Trajectory, ...]) -> bool:
    shuffled, one_class = ts
    best = _optimum(shuffled)
    return (
        float(_distance(shuffled, best)[-1]) < 0.1
        and float(_distance(one_class, best)[-1]) > 3.0
        and one_class.values[-1] > 2 * shuffled.values[-1]
    )


_BIASED = Lesson(
    key="biased_batches",
    scene=Scene(
        surface="logistic_regression",
        start=(-1.0, 2.0),
        steps=300,
        surface_params=Z_SCORED,
        runs=(
            Run("gd", {"lr": 0.5, "batch_size": 10.0, "seed": 1.0}),
            Run(
                "gd",
                {"lr": 0.5, "batch_size": 10.0, "seed": 1.0},
                {"sampler": "one_class"},
            ),
        ),
    ),
    part="002",
    title=_tx("Batches from one class mislead", "只从一个类别取批量会误导"),
    picture=_tx(
        "Logistic regression on 60 points of two classes (z-scored): SGD with "
        "α = 0.5 and K = 10, batches shuffled from all the data or drawn from "
        "class 1 only; 300 steps.",
        "在两类共 60 个点上做逻辑回归（特征已标准化）：随机梯度下降 α = 0.5、"
        "K = 10，批量从全部数据中打乱抽取，或者只从类别 1 中抽取；300 步。",
    ),
    look_for=_tx(
        "A shuffled batch is a fair sample: on average its gradient is the "
        "full one, and the path ends at the fitted model. A batch of one class "
        "is not: every step says “predict 1 more”, so b keeps rising and the "
        "run leaves the best model behind. Note 002 warns of exactly this; "
        "shuffling the data is the cure.",
        "打乱后抽取的批量是公平的样本：它的梯度平均来说等于全量梯度，路径停在"
        "最优模型上。只含一个类别的批量则不然：每一步都在说“更多地预测 1”，"
        "于是 b 不断增大，离最优模型越来越远。笔记 002 正是这样提醒的；"
        "把数据打乱就能避免。",
    ),
    claim=_biased_batches,
    claim_text=_tx(
        "The shuffled run ends within 0.1 of the fitted (w, b); the one-class "
        "run ends more than 3 away, its full loss over twice as high.",
        "打乱抽取的运行最终距最优 (w, b) 不到 0.1；只取一个类别的运行最终距离"
        "超过 3，整体损失是前者的两倍以上。",
    ),
)

BY_PART = {"000": (_BATCH_NOISE,), "001": (_FEATURE_SCALING,), "002": (_BIASED,)}
