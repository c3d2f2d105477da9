r"""Sharp and flat minima: the same net trained with small and large batches.

Li et al. (2018), §5 (their Fig. 3): train one net from one initialisation
with a small and a large batch, then draw each minimum along
filter-normalised directions. The normalisation makes the two pictures
comparable: a step :math:`\alpha` moves every filter by :math:`\alpha` times
its own norm in both nets, and the raw directions are the same draws (one
seed), so a narrower well is a sharper minimum, not a matter of scale. Li et
al. (§5) show why that matters: without filter normalisation, turning weight
decay on flips the picture (the small-batch weights shrink, so a fixed step
looks larger to them and their minimum looks sharper); with it, the
small-batch minimum stays the flatter one either way.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from surfaces.network.architecture import Architecture
from surfaces.network.data import Split
from surfaces.network.history import History
from surfaces.network.landscape import directions, line, plane
from surfaces.network.train import train


class TrainedMinimum(NamedTuple):
    batch_size: int
    history: History
    directions: np.ndarray  # (2, P) filter-normalised for history.final
    alphas: np.ndarray  # (na,) also the plane's β axis
    train_losses: np.ndarray  # (na,) along directions[0]
    val_losses: np.ndarray  # (na,) along directions[0]
    plane: np.ndarray | None  # (na, na) train loss on the plane, or None


def sharp_and_flat(
    split: Split,
    small: int = 8,
    large: int = 0,
    arch: Architecture = Architecture(),  # noqa: B008  # frozen, hashable
    alphas: np.ndarray | None = None,
    direction_seed: int = 0,
    with_plane: bool = False,
    **train_args,
) -> dict[str, TrainedMinimum]:
    """Train with batch sizes ``small`` and ``large`` (0: the full set) from the
    same initialisation, and slice each minimum along the same draws.

    ``train_args`` go to :func:`train` (optimizer, steps, lr, init...);
    ``alphas`` default to 51 values in [-1, 1]. Returns ``{"small": ...,
    "large": ...}``.
    """
    alphas = np.linspace(-1.0, 1.0, 51) if alphas is None else np.asarray(alphas)
    out = {}
    for name, size in (("small", small), ("large", large)):
        history = train(split, arch=arch, batch_size=size, **train_args)
        theta = history.final
        dirs = directions(arch, theta, direction_seed)
        grid = None
        if with_plane:
            grid = plane(
                arch, split.X_train, split.y_train, theta, *dirs, alphas, alphas
            )
        out[name] = TrainedMinimum(
            batch_size=history.batch_size,
            history=history,
            directions=dirs,
            alphas=alphas,
            train_losses=line(
                arch, split.X_train, split.y_train, theta, dirs[0], alphas
            ),
            val_losses=line(arch, split.X_val, split.y_val, theta, dirs[0], alphas),
            plane=grid,
        )
    return out
