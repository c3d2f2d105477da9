"""Running a scene: one trajectory per run, and the seed fans."""

from __future__ import annotations

from optimizers import OPTIMIZERS, Trajectory, is_compiled, run, run_fan
from optimizers.base import SEED
from scenes.model import Run, Scene


def play(scene: Scene) -> tuple[Trajectory, ...]:
    """One trajectory per run, in order (the scene should be validated)."""
    return tuple(play_run(scene, r) for r in scene.runs)


def _common(scene: Scene) -> dict:
    return {
        "start": scene.start_point(),
        "steps": scene.steps,
        "surface_params": dict(scene.surface_params),
        "maximize": scene.maximize,
    }


def play_run(scene: Scene, r: Run) -> Trajectory:
    return run(scene.the_surface(), r.optimizer, **_common(scene), **r.settings())


def fan_seeds(seed: float, count: int) -> list[int]:
    """The other ``count - 1`` seeds of a fan: above ``seed``, or below it
    where the seed range ends, so every seed stays in range."""
    high = int(SEED.high)
    first = int(seed) + 1
    if first + count - 1 > high:
        return list(range(int(seed) - 1, int(seed) - count, -1))
    return list(range(first, first + count - 1))


def needs_compile(scene: Scene) -> list[int]:
    """Indices of the runs that would compile before answering (their runner,
    or their fan's, is not held): the page says so instead of freezing."""
    waiting = []
    for i, r in enumerate(scene.runs):
        try:
            surface = scene.the_surface()
            ready = is_compiled(surface, r.optimizer, **r.settings())
            if ready and _fans_out(r):
                ready = is_compiled(surface, r.optimizer, True, **r.settings())
        except (KeyError, TypeError, ValueError):
            continue  # play() reports a refused run; nothing to compile
        if not ready:
            waiting.append(i)
    return waiting


def _fans_out(r: Run) -> bool:
    opt = OPTIMIZERS[r.optimizer]
    hyper = opt.defaults() | dict(r.hyper)
    # Random: a derivative-free method, gradient noise, or mini-batches.
    random = (
        not opt.first_order
        or hyper.get("noise", 0.0) > 0
        or hyper.get("batch_size", 0.0) > 0
    )
    return r.fan > 1 and random and "seed" in hyper


def play_fan(scene: Scene, r: Run) -> tuple[Trajectory, ...]:
    """The run's other seeds (empty unless it fans out and is random)."""
    if not _fans_out(r):
        return ()
    hyper = OPTIMIZERS[r.optimizer].defaults() | dict(r.hyper)
    seeds = fan_seeds(hyper["seed"], r.fan)
    return tuple(
        run_fan(
            scene.the_surface(), r.optimizer, seeds, **_common(scene), **r.settings()
        )
    )
