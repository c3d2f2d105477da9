"""Gallery lessons of the map pages (issue 11): basins of attraction and
hyperparameter maps. Each is a ``PageLesson`` (scenes/gallery/pages.py): the
page, its setting in the page's own terms, and a claim checked through the
same library call the page makes (``optimizers.sweep``)."""

from __future__ import annotations

import numpy as np

from optimizers.sweep import basins
from scenes.gallery.lesson import _tx
from scenes.gallery.page_lesson import PageLesson

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

MAP_LESSONS = (WHERE_YOU_START,)
