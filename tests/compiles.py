"""Counting XLA compilations, for tests that must see none."""

from __future__ import annotations

from collections.abc import Callable

import jax

COMPILES: list[str] = []


def _listener(event: str, duration: float, **kwargs) -> None:
    if event == "/jax/core/compile/backend_compile_duration":
        COMPILES.append(event)


jax.monitoring.register_event_duration_secs_listener(_listener)


def compiles_during(fn: Callable[[], object]) -> int:
    """How many backend compilations ``fn()`` caused."""
    before = len(COMPILES)
    fn()
    return len(COMPILES) - before
