"""Library calls the pages make, with the caching and error capture they need."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from optimizers import OPTIMIZERS, Trajectory, run
from surfaces import Surface, get_surface
from ui.texts import t
from viz import Path, color_for


@st.cache_data(max_entries=64, show_spinner=False)
def grid(surface_key: str, params: tuple[tuple[str, float], ...], n: int):
    """Surface grid, cached per (surface, parameters, resolution)."""
    from viz import surface_grid

    return surface_grid(get_surface(surface_key), dict(params), n)


@dataclass
class Runs:
    """The trajectories of one rerun and any messages for the user."""

    trajectories: dict[str, Trajectory] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    def paths(self) -> list[Path]:
        keys = list(OPTIMIZERS)
        return [
            Path(
                label=OPTIMIZERS[k].title,
                color=color_for(keys.index(k)),
                points=tr.points,
                values=tr.values,
                diverged_at=tr.diverged_at,
            )
            for k, tr in self.trajectories.items()
        ]


def run_all(
    surface: Surface,
    keys: Sequence[str],
    start: Sequence[float],
    steps: int,
    surface_params: Mapping[str, float],
    hyper: Mapping[str, Mapping[str, float]],
    lang: str,
) -> Runs:
    """Run every optimizer; bad input falls back to defaults with a message."""
    runs = Runs()
    for key in keys:
        if key not in OPTIMIZERS:  # e.g. from a hand-edited link: say so, skip it
            runs.messages.append(t("unknown_optimizer", lang, name=key))
            continue
        args = {
            "start": start,
            "steps": steps,
            "surface_params": dict(surface_params),
            **hyper.get(key, {}),
        }
        try:
            runs.trajectories[key] = run(surface, key, **args)
        except (KeyError, TypeError, ValueError) as err:
            runs.messages.append(t("bad_input", lang, what=key, message=_text(err)))
            runs.trajectories[key] = run(surface, key)
    return runs


def _text(err: Exception) -> str:
    return str(err.args[0]) if err.args else type(err).__name__


def summary_rows(surface: Surface, runs: Runs, lang: str) -> list[dict]:
    from optimizers.summary import summarize

    rows = []
    for key, tr in runs.trajectories.items():
        s = summarize(surface, tr)
        rows.append(
            {
                t("col_optimizer", lang): OPTIMIZERS[key].title,
                t("col_final", lang): f"{s.final_value:.6g}",
                t("col_distance", lang): "—"
                if np.isnan(s.distance)
                else f"{s.distance:.3g}",
                t("col_reached", lang): t("never", lang)
                if s.reached_at is None
                else str(s.reached_at),
                t("col_diverged", lang): t("no", lang)
                if s.diverged_at is None
                else str(s.diverged_at),
                t("col_grads", lang): str(s.grad_evals),
            }
        )
    return rows
