"""The optimizer registry: one line per optimizer."""

from __future__ import annotations

from types import MappingProxyType

from optimizers.adadelta import ADADELTA
from optimizers.adagrad import ADAGRAD
from optimizers.adam import ADAM
from optimizers.adamw import ADAMW
from optimizers.amsgrad import AMSGRAD
from optimizers.annealing import ANNEALING
from optimizers.base import Optimizer
from optimizers.bfgs import BFGS
from optimizers.cg import CG
from optimizers.cma_es import CMA_ES
from optimizers.gd import GD
from optimizers.genetic import GENETIC
from optimizers.lbfgs import LBFGS
from optimizers.lion import LION
from optimizers.momentum import MOMENTUM_OPT
from optimizers.nadam import NADAM
from optimizers.nelder_mead import NELDER_MEAD
from optimizers.nesterov import NESTEROV
from optimizers.newton import NEWTON, SADDLE_FREE_NEWTON
from optimizers.pso import PSO
from optimizers.random_search import LOCAL_SEARCH, RANDOM_SEARCH
from optimizers.rmsprop import RMSPROP

OPTIMIZERS: MappingProxyType[str, Optimizer] = MappingProxyType(
    {
        o.key: o
        for o in (
            GD,
            MOMENTUM_OPT,
            NESTEROV,
            ADAGRAD,
            RMSPROP,
            ADAM,
            ADADELTA,
            ADAMW,
            AMSGRAD,
            NADAM,
            LION,
            NEWTON,
            SADDLE_FREE_NEWTON,
            BFGS,
            LBFGS,
            CG,
            RANDOM_SEARCH,
            LOCAL_SEARCH,
            ANNEALING,
            PSO,
            NELDER_MEAD,
            GENETIC,
            CMA_ES,
        )
    }
)


def get_optimizer(key: str | Optimizer) -> Optimizer:
    """The registry entry for ``key``; unknown key -> KeyError naming valid keys."""
    if isinstance(key, Optimizer):
        return key
    try:
        return OPTIMIZERS[key]
    except (KeyError, TypeError):
        valid = ", ".join(OPTIMIZERS)
        raise KeyError(f"unknown optimizer {key!r}; valid keys: {valid}") from None
