"""Colours, fonts, words and the shared layout pieces: one look on every figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from unicodedata import east_asian_width

import numpy as np

# Okabe-Ito: distinguishable for colour-blind students and on a washed-out projector.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    # Beyond Okabe-Ito's eight, for the whole zoo at once.
    "#8C564B",
    "#9467BD",
    "#7F7F7F",
    "#17BECF",
)
# Neutral greys, light at the minimum: every path colour stands out on them,
# also on a washed-out projector.
LIGHT_SCALE = [
    [0.0, "#ffffff"],
    [0.35, "#e3e3e3"],
    [1.0, "#8c8c8c"],
]
MAX_PATH_POINTS = 1000  # drawn points per path; the animation still visits every step
STATUSES = ("diverged", "unbounded", "left_view", "converged", "not_converged")
BAD_STATUSES = frozenset({"diverged", "unbounded", "left_view"})


@dataclass(frozen=True)
class FigureTexts:
    """Every word a figure shows, English by default; the UI fills another language.

    Templates: ``status_at`` takes ``{status}`` and ``{step}``; ``with_status``
    takes ``{label}`` and ``{status}``; ``step`` is a prefix ("step 12") or a
    template around ``{n}`` ("第 {n} 步"). The five status words are fields
    named by their key (``texts.status("left_view")``).
    """

    axis_x: str = "x"
    axis_y: str = "y"
    value: str = "f"  # before a value in hovers; the 3-D height axis
    colorbar: str = "f"
    curve: str = "f(x)"
    step: str = "step"
    start: str = "start"
    minimum: str = "minimum"
    minima: str = "minima"
    maximum: str = "maximum"
    maxima: str = "maxima"
    # The loss chart.
    per_step: str = "step"
    per_evaluation: str = "evaluations"
    gap: str = "f(x) − f*"
    gap_max: str = "f* − f(x)"
    # What some optimizers have beyond a path (legend names and hovers).
    seed_fan: str = "seed fan"
    trials: str = "trials"
    trial_of_step: str = "trial of step"
    step_trials: str = "trials of the step"
    step_trial: str = "trial of the step shown"
    swarm: str = "swarm"
    simplex: str = "simplex"
    population: str = "population"
    ellipse: str = "covariance ellipse"
    # How a run ended (Trajectory.status).
    diverged: str = "diverged"
    unbounded: str = "unbounded"
    left_view: str = "left the view"
    converged: str = "converged"
    not_converged: str = "not converged"
    status_at: str = "{status} (step {step})"
    with_status: str = "{label} — {status}"
    # Mini-batches on a data surface, and the data beside the map.
    epoch: str = "epoch"
    epochs: str = "epoch starts"
    batch_loss: str = "loss of this mini-batch"
    batch: str = "mini-batch of the step"
    data: str = "data"
    class_0: str = "class 0"
    class_1: str = "class 1"
    feature: str = "x"
    target: str = "y"
    # The chart's control bar.
    play: str = "Play"
    pause: str = "Pause"
    speed: str = "speed"

    def status(self, key: str) -> str:
        """The word for a status key; "" for an unknown or empty key."""
        return getattr(self, key) if key in STATUSES else ""

    def step_at(self, n: str) -> str:
        """ "step 12", or the ``step`` template filled ("第 12 步")."""
        return self.step.replace("{n}", n) if "{n}" in self.step else f"{self.step} {n}"

    def kind(self, population_kind: str) -> str:
        """The word for a population kind ("swarm", "simplex", "ellipse", other)."""
        if population_kind in ("swarm", "simplex", "ellipse"):
            return getattr(self, population_kind)
        return self.population

    def controls(self) -> dict[str, str]:
        """The words of the chart component's control bar (``chart(texts=...)``)."""
        return {
            "step": self.step,
            "play": self.play,
            "pause": self.pause,
            "speed": self.speed,
        }

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class Look:
    """How a figure is drawn, beside what it shows.

    Attributes:
        present: presentation mode: large type, wide paths, big markers, a
            clean theme (a lecture hall's projector).
        maximize: the runs climb: draw the surface's maxima, not its minima,
            and measure the loss chart's gap from the best maximum.
        texts: every word shown.
    """

    present: bool = False
    maximize: bool = False
    texts: FigureTexts = field(default_factory=FigureTexts)


DEFAULT_LOOK = Look()  # the default of every builder's ``look`` (plain English)


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes of one look (normal or presentation)."""

    font: int
    path: float  # path line width
    dot: int  # a step's dot on a short path
    marker: int  # the moving current-position marker
    status: int  # the diverged / left-the-view mark
    extremum: int  # a global minimum or maximum
    local: int  # a local one
    start: int
    path3d: int
    marker3d: int


NORMAL = Sizes(15, 2.5, 4, 15, 18, 16, 9, 14, 6, 7)
PRESENT = Sizes(20, 4.0, 6, 20, 26, 22, 12, 20, 8, 10)


def sizes(look: Look) -> Sizes:
    return PRESENT if look.present else NORMAL


@dataclass(frozen=True)
class Path:
    """One optimizer's trajectory, as a figure needs it.

    The arrays are aligned on the step index of ``points`` (row ``t`` belongs
    to step ``t``, drawn when the markers show ``points[t]``); rows with a
    non-finite coordinate are never drawn (NaN padding, lost particles).

    Attributes:
        diverged_at: the step at which the run was frozen, or None.
        population: ``(n, k, dim)`` the particles of a swarm (``k = 20``) or
            the vertices of a Nelder-Mead simplex (``k = dim + 1``) at step t.
        population_kind: ``"simplex"`` draws the population as a closed
            polygon on the 2-D map; anything else (``"swarm"``) as dots.
        trials: ``(n, m, dim)`` the points the line search of step ``t``
            evaluated on its way to ``points[t]`` (the accepted one usually
            last), NaN-padded (``m = 24``; row 0 all NaN).
        fan: the same optimizer's paths for other seeds, each ``(n_i, dim)``;
            drawn whole, not animated.
        evaluations: ``(n,)`` evaluations (f, gradient and Hessian together)
            used up to step t: the loss chart's x axis "per evaluation".
        dash: plotly dash of the line ("solid", "dash", "dot", "dashdot"...):
            the 2nd, 3rd... run of one method.
        status: how the run ended, a key of :data:`STATUSES`, or "" (unknown).
            A diverged, unbounded or left-the-view run is marked where it
            froze or left the view, and its legend entry says so.
        optimizer: the run's optimizer key, or "" (unknown). The 1-D view
            draws a Newton-type run's local parabola where others get a
            tangent (``line_spec(..., tangents=True)``).
    """

    label: str
    color: str
    points: np.ndarray  # (n, dim)
    values: np.ndarray  # (n,)
    diverged_at: int | None = None
    population: np.ndarray | None = None  # (n, k, dim)
    population_kind: str = ""  # "swarm" | "simplex"
    trials: np.ndarray | None = None  # (n, m, dim), NaN-padded
    fan: tuple[np.ndarray, ...] = ()  # each (n_i, dim)
    evaluations: np.ndarray | None = None  # (n,) f + grad + hess used by step t
    dash: str = "solid"
    # Mini-batch runs on a data surface (optimizers.batches.BatchPlan):
    epochs: np.ndarray | None = None  # the updates that begin an epoch
    batches: np.ndarray | None = None  # (n - 1, K) points of update t; PAD pads
    status: str = ""
    optimizer: str = ""


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def rgba(color: str, alpha: float) -> str:
    """``#rrggbb`` with an opacity, for fills; other colour forms unchanged."""
    if len(color) != 7 or not color.startswith("#"):
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:g})"


def thin(n: int, most: int = MAX_PATH_POINTS) -> np.ndarray:
    """Indices of at most ``most`` of ``n`` points, first and last kept."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, most).round().astype(int))


def f32(a) -> np.ndarray:
    """Figures carry float32 (half the bytes, far beyond screen precision)."""
    return np.asarray(a, dtype=np.float32)


def base_layout(look: Look | None = None, **extra) -> dict:
    """Theme, fonts and legend of a look; ``extra`` keys replace them."""
    look = look or Look()
    size = sizes(look).font
    font = {"size": size}
    layout = {
        "template": "plotly_white",
        "font": font,
        "hoverlabel": {"font": font},
        "legend": {"orientation": "h", "y": -0.15, "font": font},
        "margin": {"l": 50, "r": 20, "t": 30, "b": 50},
    }
    return {**layout, **extra}


def top_legend(font: int, y: float = 1.0) -> dict:
    """A legend in rows above the plot, from its left edge (``y``: its foot,
    in plot heights), in the look's ``font`` size, groups without a gap."""
    return {
        "orientation": "h",
        "x": 0,
        "y": y,
        "yanchor": "bottom",
        "font": {"size": font},
        "tracegroupgap": 0,
    }


def axis(look: Look, **extra) -> dict:
    """A 2-D axis: ticks and title in the look's type; no grid in presentation."""
    font = {"size": sizes(look).font}
    # Ticks outside: the x and y labels at the corner keep apart.
    out = {"tickfont": font, "zeroline": False, "ticks": "outside", "ticklen": 5}
    if look.present:
        out |= {"showgrid": False, "linecolor": "#444"}
    title = extra.pop("title", None)
    if title is not None:
        out["title"] = {"text": title, "font": font}
    return out | extra


def with_status(path: Path, texts: FigureTexts, step: int | None) -> str:
    """The legend name: the label, and how the run ended if it went wrong."""
    if path.status not in BAD_STATUSES:
        return path.label
    status = texts.status(path.status)
    if step is not None:
        status = texts.status_at.format(status=status, step=step)
    return texts.with_status.format(label=path.label, status=status)


LEGEND_WIDTH = 620  # px a legend row is assumed to have (the map beside a panel)


def legend_rows(names: Sequence[str], font: int, width: int = LEGEND_WIDTH) -> int:
    """Rows a horizontal legend of ``names`` wraps onto (an upper estimate)."""
    rows, used = 1, 0.0
    for name in names:
        # The symbol and gaps take ~45 px; a CJK character is a full em wide.
        chars = sum(1.0 if east_asian_width(c) in "WF" else 0.6 for c in name)
        entry = 45 + chars * font
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows


def legend_height(rows: int, font: int) -> int:
    """Pixels of a horizontal legend of ``rows`` rows (measured in plotly.js)."""
    return round(rows * (font * 1.3 + 5) + 10)


def marker_trace(path: Path, at: dict, look: Look) -> dict:
    """A run's moving marker at ``at`` (its x and y); the frames move it."""
    return {
        "type": "scatter",
        "mode": "markers",
        **at,
        "marker": {
            "size": sizes(look).marker,
            "color": path.color,
            "line": {"width": 2, "color": "white"},
        },
        "name": path.label,
        "legendgroup": path.label,
        "showlegend": False,
        "hoverinfo": "skip",
    }
