"""Library calls the pages make, with the caching and error capture they need."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import streamlit as st

from optimizers import Trajectory
from optimizers.summary import summarize
from scenes import TYPED, Scene, dash_for, run_labels
from scenes.play import play_fan, play_run
from surfaces import get_surface
from ui.names import choice_label as option_label
from ui.names import optimizer_name, param_symbol_text, status_word
from ui.texts import t
from viz import Path, color_for

GRID_POINTS = {1: 400, 2: 100}  # a map's resolution: a curve, a contour
GRID_POINTS_3D = 60


def grid(scene: Scene, n: int):
    """The scene's surface on an n-point grid per axis (cached)."""
    params = tuple(sorted(scene.surface_params.items()))
    if scene.surface == TYPED:
        return _typed_grid(scene.expression, scene.box, n)
    return _grid(scene.surface, params, n)


@st.cache_data(max_entries=64, show_spinner=False)
def _grid(surface_key: str, params: tuple[tuple[str, float], ...], n: int):
    """Surface grid, cached per (surface, parameters, resolution)."""
    from viz import surface_grid

    return surface_grid(get_surface(surface_key), dict(params), n)


@st.cache_data(max_entries=32, show_spinner=False)
def _typed_grid(expression: str, box: tuple[float, ...] | None, n: int):
    """A typed function's grid, on the host: a jitted grid would keep one
    executable per function ever typed, and compile for ~0.2 s first."""
    from viz import host_grid

    scene = Scene(surface=TYPED, expression=expression, box=box)
    return host_grid(scene.the_surface(), n)


def labels_for(scene: Scene, lang: str) -> list[str]:
    """Each run's label in ``lang``: "GD α = 0.1" beside "GD α = 1"."""
    from optimizers import OPTIMIZERS

    def describe(key: str, value: float | str) -> str:
        if isinstance(value, str):
            return option_label(key, value, lang)
        if key == "fan":
            return t("fan_short", lang, n=int(value))
        if key == "batch_size" and value == 0:
            return t("full_batch", lang)
        spec = next(
            (
                h
                for o in OPTIMIZERS.values()
                for h in o.hyperparams_on(data=True)
                if h.key == key
            ),
            None,
        )
        symbol = param_symbol_text(spec.symbol) if spec else key
        return f"{symbol} = {value:.4g}"

    return run_labels(scene.runs, lambda k: optimizer_name(k, lang), describe)


@dataclass
class Played:
    """The trajectories of one rerun, with what the figures and table need."""

    scene: Scene
    labels: list[str]
    trajectories: list[Trajectory] = field(default_factory=list)
    fans: list[tuple[Trajectory, ...]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def paths(self) -> list[Path]:
        # Colour by the run's place: stable while runs are added at the end.
        return [
            figure_path(
                tr,
                self.labels[i],
                color_for(i),
                dash_for(self.scene.runs, i),
                self.fans[i],
            )
            for i, tr in enumerate(self.trajectories)
        ]


def play(scene: Scene, lang: str) -> Played:
    """Every run of a validated scene. A run the engine refuses is reported
    and left out; nothing is silently replaced by defaults."""
    played = Played(scene, labels_for(scene, lang))
    for label, r in zip(played.labels, scene.runs, strict=True):
        try:
            played.trajectories.append(play_run(scene, r))
            played.fans.append(play_fan(scene, r))
        except (KeyError, TypeError, ValueError) as err:
            message = str(err.args[0]) if err.args else type(err).__name__
            played.messages.append(t("run_refused", lang, run=label, message=message))
            played.trajectories.append(None)  # type: ignore[arg-type]
            played.fans.append(())
    keep = [i for i, tr in enumerate(played.trajectories) if tr is not None]
    played.labels = [played.labels[i] for i in keep]
    played.trajectories = [played.trajectories[i] for i in keep]
    played.fans = [played.fans[i] for i in keep]
    return played


def compile_runs(scene: Scene, indices: list[int]) -> None:
    """Play these runs (and their fans) for their compiles alone; a refusal is
    left for :func:`play` to report."""
    for i in indices:
        try:
            play_run(scene, scene.runs[i])
            play_fan(scene, scene.runs[i])
        except (KeyError, TypeError, ValueError):
            continue


POPULATIONS = ("swarm", "simplex", "ellipse", "population")


def figure_path(
    tr: Trajectory, label: str, color: str, dash: str, fan: tuple[Trajectory, ...]
) -> Path:
    """What the figures draw of one run: path, population, line-search trials."""
    kind = next((k for k in POPULATIONS if k in tr.internals), "")
    return Path(
        label=label,
        color=color,
        points=tr.points,
        values=tr.values,
        diverged_at=tr.diverged_at,
        population=tr.internals[kind] if kind else None,
        population_kind=kind,
        trials=tr.internals.get("trials"),
        fan=tuple(other.points for other in fan),
        evaluations=tr.eval_counts.sum(axis=1),
        dash=dash,
        status=getattr(tr, "status", ""),
        optimizer=tr.optimizer,  # Newton's runs get their parabola in 1-D
        **_batch_fields(tr),
    )


def _batch_fields(tr: Trajectory) -> dict:
    """A mini-batch run's epochs and batches, for the map and the data view."""
    plan = tr.batches
    if plan is None or plan.full:
        return {}
    return {"epochs": plan.epoch_starts, "batches": plan.indices}


def swatch(color: str, dash: str) -> str:
    """A short line in the run's colour and dash, for its panel's header."""
    style = {"solid": "solid", "dot": "dotted"}.get(dash, "dashed")
    return (
        f'<span style="display:inline-block;width:2.2em;vertical-align:middle;'
        f'border-top:4px {style} {color}"></span>'
    )


def shown(value: float, spec: str) -> str:
    """A number for the table, with the minus sign (U+2212): a browser may
    break a line after a hyphen, 8.33895e- | 10, never after a minus."""
    return format(value, spec).replace("-", "\u2212")


def summary_rows(played: Played, lang: str) -> list[dict]:
    surface = played.scene.the_surface()
    rows = []
    for label, tr in zip(played.labels, played.trajectories, strict=True):
        s = summarize(surface, tr)
        reached = s.reached_at
        rows.append(
            {
                t("col_run", lang): label,
                t("col_status", lang): status_word(getattr(tr, "status", ""), lang),
                t("col_final", lang): shown(s.final_value, ".6g"),
                t("col_distance", lang): "—"
                if np.isnan(s.distance)
                else shown(s.distance, ".3g"),
                t("col_reached", lang): t("never", lang)
                if reached is None
                else str(reached),
                t("col_diverged", lang): "—"
                if s.diverged_at is None
                else str(s.diverged_at),
                t("col_f_evals", lang): str(tr.evals["f"]),
                t("col_grads", lang): str(tr.evals["grad"]),
                t("col_hess_evals", lang): str(tr.evals["hess"]),
                t("col_evals_to_reach", lang): "—"
                if reached is None
                else str(int(tr.eval_counts[reached].sum())),
            }
        )
    return rows
