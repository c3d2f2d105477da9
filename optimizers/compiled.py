"""Compiled runners, held in a least-recently-used cache of bounded size.

A server stays up all term, and each compiled (surface, optimizer, choices)
runner keeps about 4 MB. One module-level ``jax.jit`` with static arguments
keeps every executable it ever compiled (measured: 242 pairs took RSS from
355 MB to 1.37 GB, and nothing freed it). So each key gets its own ``jax.jit``
object, built on first use; the least recently used one is dropped once the
bound is passed, and its caches with it.

Only the keys are cached here; what a key compiles is the caller's business
(``optimizers.run`` builds the runners).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

# The warm-up set is 41 runners: the default scene's and every gallery scene's
# runs, 40 single runs and one fan (the maximise sign is traced: no runner of
# its own). The rest leaves room for a hall exploring, at ~4 MB a runner.
RUNNER_BOUND = 96

Build = Callable[[Hashable], Any]


class RunnerCache:
    """Jitted runners by key, at most ``bound`` of them (thread-safe).

    ``get`` is a dict lookup under a lock (about a microsecond); a new key
    builds its runner (a ``jax.jit`` object: cheap, nothing compiles until its
    first call) and may evict the least recently used one.
    """

    def __init__(self, bound: int) -> None:
        self._bound = _as_bound(bound)
        self._runners: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.built = 0
        self.evicted = 0

    def get(self, key: Hashable, build: Build) -> Any:
        """The runner of ``key``, built by ``build(key)`` on first use."""
        with self._lock:
            runner = self._runners.get(key)
            if runner is not None:
                self._runners.move_to_end(key)
                return runner
            runner = self._runners[key] = build(key)
            self.built += 1
            gone = self._trim()
        _release(gone)
        return runner

    def set_bound(self, bound: int) -> int:
        """Set the bound (evicting down to it); returns the previous one."""
        with self._lock:
            previous, self._bound = self._bound, _as_bound(bound)
            gone = self._trim()
        _release(gone)
        return previous

    @property
    def bound(self) -> int:
        return self._bound

    def __len__(self) -> int:
        return len(self._runners)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._runners

    def _trim(self) -> list:
        gone = []
        while len(self._runners) > self._bound:
            gone.append(self._runners.popitem(last=False)[1])
        self.evicted += len(gone)
        return gone


def _release(runners: list) -> None:
    """Free evicted runners' executables now.

    ``clear_cache`` drops the jit object's compiled executables and JAX's
    traces of its function; the function is a closure made for this key, so
    no cache keyed on it outlives the jit object either.
    """
    for jitted in runners:
        jitted.clear_cache()


def _as_bound(bound: int) -> int:
    if isinstance(bound, bool) or not isinstance(bound, int) or bound < 1:
        raise ValueError(f"the runner bound must be a whole number >= 1, got {bound!r}")
    return bound


RUNNERS = RunnerCache(RUNNER_BOUND)


def live_runners() -> int:
    """How many compiled runners are held now (at most the bound)."""
    return len(RUNNERS)


def set_runner_bound(bound: int) -> int:
    """Change how many runners are held (tests use a small one); returns the
    previous bound, to put back."""
    return RUNNERS.set_bound(bound)
