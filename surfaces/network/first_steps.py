"""What an initialisation does to the first steps: one short run per scheme.

Every run starts from the same seed and trains with the same optimizer and
batches; only the initial weights differ (they are traced: one compile for
all schemes). Each History's ``layer_grad_norms`` is then the per-layer
gradient norm over the first steps: with σ = 0.01 and several tanh layers
the first layer's stays orders of magnitude below Glorot's, and the loss
sits on its plateau near log 2, where only the output bias learns (the
class balance) (course notes 001, "参数初始化").
"""

from __future__ import annotations

from collections.abc import Iterable

from surfaces.network.architecture import Architecture
from surfaces.network.data import Split
from surfaces.network.history import History
from surfaces.network.init import SCHEMES, SIGMA, Scheme
from surfaces.network.train import train


def first_steps(
    split: Split,
    schemes: Iterable[Scheme] = SCHEMES,
    arch: Architecture = Architecture(),  # noqa: B008  # frozen, hashable
    steps: int = 50,
    init_seed: int = 0,
    sigma: float = SIGMA,
    **train_args,
) -> dict[str, History]:
    """``{scheme: History}`` of ``steps`` steps from each scheme's weights.

    ``train_args`` go to :func:`surfaces.network.train.train` (optimizer,
    batch_size, lr...).
    """
    return {
        scheme: train(
            split,
            arch=arch,
            steps=steps,
            init=scheme,
            init_seed=init_seed,
            sigma=sigma,
            **train_args,
        )
        for scheme in schemes
    }
