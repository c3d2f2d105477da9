"""Optimizers: the registry, the jitted runner and vectorised sweeps."""

import surfaces._xla  # noqa: F401  # before any JAX array exists
from optimizers.base import (
    GradientTransformation,
    HyperParam,
    Optimizer,
    transformation,
)
from optimizers.registry import OPTIMIZERS, get_optimizer
from optimizers.run import STEP_BUDGET, Trajectory, is_compiled, run, run_fan
from optimizers.status import STATUSES
from optimizers.sweep import Basins, SweepMap, basins, sweep

__all__ = [
    "OPTIMIZERS",
    "STATUSES",
    "STEP_BUDGET",
    "Basins",
    "GradientTransformation",
    "HyperParam",
    "Optimizer",
    "SweepMap",
    "Trajectory",
    "basins",
    "get_optimizer",
    "is_compiled",
    "run",
    "run_fan",
    "sweep",
    "transformation",
]
