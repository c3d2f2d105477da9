"""The package's compiled functions, in one bounded least-recently-used cache.

Each key (what it computes, the architecture, the optimizer and its choices,
static sizes) gets its own ``jax.jit`` object, built on first use; evicting
one frees its executables (see ``optimizers.compiled``). Numbers (learning
rate, batch size, seeds, step count, grid coordinates) are traced and never
part of a key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import jax

from optimizers.compiled import RunnerCache

# Training loops (~1-3 MB each) and the small evaluators (boundary grid,
# per-layer gradients, landscape slices) share the bound.
NETWORK_BOUND = 32

COMPILED = RunnerCache(NETWORK_BOUND)


def cached_jit(key: Hashable, build: Callable[[], Callable]) -> Callable:
    """The ``jax.jit`` of ``build()`` for ``key``, built once and kept (bounded)."""
    return COMPILED.get(key, lambda _: jax.jit(build()))
