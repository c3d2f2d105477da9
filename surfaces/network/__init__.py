"""A small MLP on the 2-D data sets, its training and its loss landscape.

Library only (no Streamlit), numpy out: the net (``architecture``, ``mlp``),
initialisation schemes and their first steps (``init``, ``first_steps``),
mini-batch training with the optimizer registry (``train``, ``loop``,
``batches``, ``history``), the decision boundary (``boundary``) and Li et
al.'s loss-landscape views (``landscape``, ``pca``, ``minima``). Compiled
functions live in one bounded cache (``compiled``).

``surfaces.network.train.train`` and ``first_steps.first_steps`` are not
re-exported here, where their names would hide their modules.
"""

import surfaces._xla  # noqa: F401  # before any JAX array exists
from surfaces.network.architecture import Architecture, Dense, flatten, unflatten
from surfaces.network.data import Split, data_box, split_data
from surfaces.network.history import History, early_stopping
from surfaces.network.init import (
    SCHEMES,
    LayerReport,
    compare_inits,
    init_params,
    layer_report,
)
from surfaces.network.mlp import accuracy, loss

__all__ = [
    "SCHEMES",
    "Architecture",
    "Dense",
    "History",
    "LayerReport",
    "Split",
    "accuracy",
    "compare_inits",
    "data_box",
    "early_stopping",
    "flatten",
    "init_params",
    "layer_report",
    "loss",
    "split_data",
    "unflatten",
]
