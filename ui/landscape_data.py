"""The landscape page's library calls, cached (bounded) per what they depend on.

A training run is cached on its own, so moving the plane's resolution or its
directions reuses the trained nets; every figure's numbers are cached on the
settings that shape them. See ui/landscape_compute.py for the computations.
"""

from __future__ import annotations

import streamlit as st

from surfaces.network import Architecture, History, Split
from ui import landscape_compute as compute
from ui import landscape_pca as pca
from ui.landscape_compute import Data, Run
from ui.landscape_settings import Settings


def parts(s: Settings) -> tuple[Data, Architecture, tuple[Run, ...]]:
    """The settings as the computations take them."""
    data = Data(s.data, s.points, s.noise, s.data_seed)
    arch = Architecture(s.hidden, s.activation)
    runs = tuple(Run(m, s.lr(m), s.batch, s.steps, s.seed) for m in s.methods)
    return data, arch, runs


def run_of(s: Settings, method: str) -> Run:
    return Run(method, s.lr(method), s.batch, s.steps, s.seed)


@st.cache_data(max_entries=8, show_spinner=False)
def split(data: Data) -> Split:
    return data.split()


@st.cache_data(max_entries=24, show_spinner=False)
def history(data: Data, arch: Architecture, run: Run) -> History:
    return compute.train_run(split(data), arch, run)


def histories(
    data: Data, arch: Architecture, runs: tuple[Run, ...]
) -> list[tuple[str, History]]:
    return [(r.method, history(data, arch, r)) for r in runs]


def waiting(s: Settings) -> list[str]:
    """The chosen methods whose training loop this net has not compiled."""
    data, arch, _ = parts(s)
    return compute.needs_compile(split(data), arch, s.methods)


@st.cache_data(max_entries=16, show_spinner=False)
def random_plane(
    data: Data, arch: Architecture, run: Run, seed: int, span: float, resolution: int
) -> compute.RandomPlane:
    trained = history(data, arch, run)
    return compute.random_plane(split(data), arch, trained, seed, span, resolution)


@st.cache_data(max_entries=16, show_spinner=False)
def pca_plane(
    data: Data, arch: Architecture, runs: tuple[Run, ...], resolution: int
) -> pca.PCAPlane:
    return pca.pca_plane(split(data), arch, histories(data, arch, runs), resolution)


@st.cache_data(max_entries=16, show_spinner=False)
def interpolations(
    data: Data, arch: Architecture, runs: tuple[Run, ...]
) -> list[compute.Curve]:
    return compute.interpolations(split(data), arch, histories(data, arch, runs))


@st.cache_data(max_entries=8, show_spinner=False)
def sharp_flat(
    data: Data,
    arch: Architecture,
    run: Run,
    small: int,
    large: int,
    direction_seed: int,
    resolution: int,
) -> compute.SharpFlat:
    return compute.sharp_flat(
        split(data), arch, run, small, large, direction_seed, resolution
    )


def warm(s: Settings | None = None) -> None:
    """Compute what the page shows at ``s`` (its defaults): the server's
    warm-up calls this, so a class opening the page compiles nothing."""
    s = s or Settings()
    d, arch, runs = parts(s)
    histories(d, arch, runs)
    random_plane(d, arch, run_of(s, s.center), s.direction_seed, s.span, s.resolution)
    pca_plane(d, arch, runs, s.resolution)
    interpolations(d, arch, runs)
    sharp = run_of(s, s.sharp_method)
    sharp_flat(d, arch, sharp, s.small, s.large, s.direction_seed, s.resolution)
