"""Compile what lessons use before a class asks for it.

At the server's first page load a background thread plays the default scene
and every gallery scene (fans included), so opening a lesson repaints without
a compile. JAX's persistent compilation cache lives beside the README's venv
(``~/.cache/descent-lab/jax-cache``), so a restarted server, or a second
replica, loads executables instead of compiling them again.

``DESCENT_LAB_WARMUP=0`` turns both off (the test suite does: it counts
compilations, and a cache hit compiles nothing).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import jax
import streamlit as st

from scenes import GALLERY, Scene
from scenes.play import play_fan, play_run
from ui import data, heap
from viz import surface_grid
from viz.line1d import warm_tangents

ENV = "DESCENT_LAB_WARMUP"
CACHE_DIR = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "descent-lab"
    / "jax-cache"
)


def enabled() -> bool:
    return os.environ.get(ENV, "1") != "0"


def warm_scenes() -> list[Scene]:
    """The default scene, then every lesson in gallery order."""
    return [Scene(), *(lesson.scene for lesson in GALLERY.values())]


def warm_up_now() -> int:
    """Play every run (and fan) of the warm scenes, and compile a curve's
    tangents; returns the runs played."""
    played = 0
    for scene in warm_scenes():
        for run in scene.runs:
            play_run(scene, run)
            play_fan(scene, run)
            played += 1
        surface = scene.the_surface()
        # The map's grid compiles per surface too (viz/grid.py), and a
        # curve's tangents (viz/line1d.py).
        points = data.GRID_POINTS[surface.dim]
        surface_grid(surface, dict(scene.surface_params), points)
        if surface.dim == 1:
            warm_tangents(surface)
    return played


def warm_pages() -> None:
    """The networks and loss-landscape pages at their defaults (their nets'
    training loops and landscape evaluators, a second or more each), and the
    hyperparameter map's and the basins page's default maps."""
    from ui import basins, landscape_data, networks_views, sweeps_compute
    from ui.basins_settings import Settings as BasinsSettings
    from ui.sweeps_settings import Settings as SweepsSettings

    networks_views.warm()
    landscape_data.warm()
    sweeps_compute.sweep_map(SweepsSettings())
    basins.compute(BasinsSettings())


def persistent_cache() -> None:
    """Keep compiled executables on disk, shared by restarts and replicas."""
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    jax.config.update("jax_compilation_cache_dir", str(CACHE_DIR))
    # The default (1 s) would skip our 0.1–1 s compiles (NOTES.md).
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)


DONE = "descent-lab: warm-up done"  # bench/gallery.py waits for this line


def _warm_and_settle() -> None:
    started = time.perf_counter()
    runs = warm_up_now()
    warm_pages()
    heap.settle()  # the first move after warm-up pays no full collection
    took = time.perf_counter() - started
    # On the server's console: the teacher sees when lessons open at once.
    print(f"{DONE}: {runs} runs in {took:.1f} s", flush=True)


@st.cache_resource(max_entries=1, show_spinner=False)
def start() -> threading.Thread:
    """Once per server process: the persistent cache, then the warm-up thread."""
    persistent_cache()
    thread = threading.Thread(target=_warm_and_settle, name="descent-lab-warmup")
    thread.daemon = True
    thread.start()
    return thread
