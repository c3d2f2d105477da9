"""Keep Streamlit's garbage collection after every rerun cheap.

Streamlit runs ``gc.collect(2)`` after each script run (``runner.postScriptGC``).
A full collection walks every object the process holds, and with JAX, plotly
and the compiled runners loaded that is ~150 000 objects: 80–125 ms of CPU on
every slider move, more than the rest of the rerun (bench/core.py; measured
with py-spy under the websocket load). Nearly all of those objects live as long
as the process (modules, registries, compiled runners).

So once those exist, they are collected once and frozen (``gc.freeze``): later
collections skip them and only walk what the reruns made. When the runner set
changes (a compile, or an eviction from the bounded cache) the frozen objects
are thawed and collected with everything else, so an evicted runner's cycles
are still freed, then what remains is frozen again. Frozen objects whose
reference count drops to zero are freed as usual: only cycles wait for the
next thaw, which also comes every ``THAW_EVERY_S`` seconds (a session that
ended while frozen has its cycles freed then).
"""

from __future__ import annotations

import gc
import threading
import time

from optimizers.compiled import RUNNERS

THAW_EVERY_S = 600.0  # one ~0.1 s collection per ten minutes of a lecture
_lock = threading.Lock()
_mark: tuple[int, int, int] | None = None


def runner_mark() -> tuple[int, int, int]:
    """Changes whenever a runner is built or evicted, and every THAW_EVERY_S."""
    return (RUNNERS.built, RUNNERS.evicted, int(time.monotonic() // THAW_EVERY_S))


def settle() -> bool:
    """At the end of a script run: if the runner set changed since the last
    call (or this is the first), collect everything and freeze the survivors.
    Returns whether it did (a full collection, ~0.1 s)."""
    global _mark
    mark = runner_mark()
    if mark == _mark:
        return False
    with _lock:
        if mark == _mark:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _mark = mark
    return True
