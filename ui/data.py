"""Library calls the pages make, with the caching and error capture they need."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from optimizers import OPTIMIZERS, Trajectory, run, run_fan
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
    fans: dict[str, list[Trajectory]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)

    def paths(self) -> list[Path]:
        # Colours by position in the selection: the registry has more
        # optimizers than the palette has colours, the selection rarely does.
        return [
            figure_path(tr, color_for(i), self.fans.get(k, []))
            for i, (k, tr) in enumerate(self.trajectories.items())
        ]


def figure_path(tr: Trajectory, color: str, fan: list[Trajectory]) -> Path:
    """What the figures draw of one run: path, population, line-search trials."""
    kind = next((k for k in POPULATIONS if k in tr.internals), "")
    return Path(
        label=OPTIMIZERS[tr.optimizer].title,
        color=color,
        points=tr.points,
        values=tr.values,
        diverged_at=tr.diverged_at,
        population=tr.internals[kind] if kind else None,
        population_kind=kind,
        trials=tr.internals.get("trials"),
        fan=tuple(other.points for other in fan),
        evaluations=tr.eval_counts.sum(axis=1),
    )


POPULATIONS = ("swarm", "simplex")


def run_all(
    surface: Surface,
    keys: Sequence[str],
    start: Sequence[float],
    steps: int,
    surface_params: Mapping[str, float],
    hyper: Mapping[str, Mapping[str, float | str]],
    lang: str,
    fans: Mapping[str, int] | None = None,
) -> Runs:
    """Run every optimizer; bad input falls back to defaults with a message.

    ``fans[key] = n`` also runs seeds ``seed + 1 .. seed + n - 1`` in one
    vectorised call, drawn as a fan around the main path.
    """
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
            count = (fans or {}).get(key, 1)
            if count > 1:
                first = int(args.get("seed", 0)) + 1
                seeds = range(first, first + count - 1)
                runs.fans[key] = run_fan(surface, key, seeds, **args)
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
                t("col_f_evals", lang): str(tr.evals["f"]),
                t("col_grads", lang): str(tr.evals["grad"]),
                t("col_hess_evals", lang): str(tr.evals["hess"]),
                t("col_evals_to_reach", lang): "—"
                if s.reached_at is None
                else str(int(tr.eval_counts[s.reached_at].sum())),
            }
        )
    return rows
