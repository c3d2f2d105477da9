"""What is drawn over the hyperparameter map: theory (optimizers/theory.py)
and the course's grid-against-random search, as plain-dict traces.

Theory is drawn where it has something exact to say about the map's axes:
GD over its learning rate (the edge α = 2/λmax), heavy-ball momentum over
its learning rate and/or momentum (the edge α·λmax = 2(1 + μ), Distill's
best (α*, μ*), and the theoretical rate ρ(α, μ) as contour lines), and
Nesterov momentum likewise (its edge α·λmax = 2(1 + μ)/(1 + 2μ) and rate;
no best setting is marked). Every line is computed from the formulas alone,
never from the map.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from optimizers import theory
from viz.style import DEFAULT_LOOK, Look, f32, sizes
from viz.sweep_map import Axis, SweepTexts

EDGE = {"color": "#000000", "width": 3}
RATE_LEVELS = {"start": 0.1, "end": 0.9, "size": 0.2}  # ρ = 0.1, 0.3, … 0.9
RATE_POINTS = 80  # per side of the theoretical-rate grid
THEORY_METHODS = {
    "gd": ("lr",),
    "momentum": ("lr", "momentum"),
    "nesterov": ("lr", "momentum"),
}


class _Twostep(NamedTuple):
    """A momentum method's theory: its rate ρ(α, μ, λs), its edge in α for
    a μ, in μ for an α (None: no edge for μ in [0, 1)), and its legend's
    text."""

    rate: Callable
    lr_edge: Callable
    mu_edge: Callable
    edge_name: Callable[[SweepTexts], str]


TWOSTEP = {
    "momentum": _Twostep(
        theory.heavy_ball_rate,
        theory.heavy_ball_limit,
        theory.heavy_ball_momentum_limit,
        lambda texts: texts.hb_edge,
    ),
    "nesterov": _Twostep(
        theory.nesterov_rate,
        theory.nesterov_limit,
        theory.nesterov_momentum_limit,
        lambda texts: texts.nag_edge,
    ),
}


def has_theory(method: str, keys: Sequence[str]) -> bool:
    """Whether theory lines exist for this method over these axes."""
    allowed = THEORY_METHODS.get(method, ())
    return bool(keys) and all(k in allowed for k in keys)


def theory_traces(
    method: str,
    axes: Sequence[Axis],
    values: Sequence[np.ndarray],
    eigenvalues: Sequence[float],
    fixed: Mapping[str, float],
    *,
    texts: SweepTexts | None = None,
    look: Look = DEFAULT_LOOK,
) -> list[dict]:
    """The theory lines for ``method`` on the map with these ``axes`` (their
    grid ``values``), the Hessian's ``eigenvalues`` and the ``fixed``
    hyperparameters (μ when only α varies, α when only μ varies)."""
    keys = [a.key for a in axes]
    texts = texts or SweepTexts()
    eigs = np.sort(np.asarray(eigenvalues, np.float64))
    if not has_theory(method, keys) or not eigs[-1] > 0:
        return []
    lmax = float(eigs[-1])
    if method == "gd":
        return [_edge_1d(theory.gd_limit(lmax), texts.gd_edge, "α", look)]
    two = TWOSTEP[method]
    if len(keys) == 1:
        if keys[0] == "lr":
            at, symbol = float(two.lr_edge(fixed.get("momentum", 0.9), lmax)), "α"
        else:  # None: no edge for μ in [0, 1) at this α
            at, symbol = two.mu_edge(fixed.get("lr", 0.02), lmax), "μ"
        if at is None:
            return []
        return [_edge_1d(at, two.edge_name(texts), symbol, look)]
    lr_first = keys[0] == "lr"
    mus = values[1] if lr_first else values[0]
    lrs = values[0] if lr_first else values[1]
    traces = [_rate_lines(two.rate, lrs, mus, eigs, lr_first, axes, texts, look)]
    mu_line = np.linspace(float(np.min(mus)), float(np.max(mus)), 100)
    edge = two.lr_edge(mu_line, lmax)
    x, y = (edge, mu_line) if lr_first else (mu_line, edge)
    traces.append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": f32(x),
            "y": f32(y),
            "line": EDGE,
            "name": two.edge_name(texts),
            "hoverinfo": "skip",
        }
    )
    if method == "momentum" and eigs[0] > 0:
        best = theory.optimal_momentum(float(eigs[0]), lmax)
        px, py = (best.lr, best.momentum) if lr_first else (best.momentum, best.lr)
        traces.append(_optimum(px, py, best, axes, texts, look))
    return traces


def _edge_1d(at: float, name: str, symbol: str, look: Look) -> dict:
    """A vertical edge at x = ``at`` across a one-axis map's strip; the
    legend names the formula and where it puts the axis' ``symbol``."""
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [at, at],
        "y": [-0.5, 0.5],  # the strip's one row
        "line": EDGE,
        "name": f"{name} ({symbol} = {at:.4g})",
        "hoverinfo": "skip",
    }


def _rate_lines(rate_of, lrs, mus, eigs, lr_first: bool, axes, texts, look) -> dict:
    """Contour lines of the method's ρ(α, μ) (``rate_of``: the largest
    eigenvalue magnitude of its step matrices) over the map's box."""
    lr_axis = axes[0] if lr_first else axes[1]
    lo, hi = float(np.min(lrs)), float(np.max(lrs))
    grid_lr = (
        np.geomspace(lo, hi, RATE_POINTS)
        if lr_axis.log and lo > 0
        else (np.linspace(lo, hi, RATE_POINTS))
    )
    grid_mu = np.linspace(float(np.min(mus)), float(np.max(mus)), RATE_POINTS)
    rate = rate_of(grid_lr[:, None], grid_mu[None, :], eigs)
    rate = np.minimum(rate, 1.5)  # beyond the edge: no lines wanted there
    if lr_first:  # z rows follow y
        x, y, z = grid_lr, grid_mu, rate.T
    else:
        x, y, z = grid_mu, grid_lr, rate
    font = sizes(look).font
    return {
        "type": "contour",
        "x": f32(x),
        "y": f32(y),
        "z": f32(z),
        "autocontour": False,
        "contours": {
            **RATE_LEVELS,
            "coloring": "none",
            "showlabels": True,
            "labelfont": {"size": max(font - 2, 10), "color": "#111111"},
        },
        "line": {"color": "#111111", "width": 1.5, "dash": "dot"},
        "showscale": False,
        "name": texts.rate_lines,
        "showlegend": True,
        "hoverinfo": "skip",
    }


def _optimum(px, py, best, axes, texts, look) -> dict:
    size = sizes(look).marker
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [px],
        "y": [py],
        "marker": {
            "symbol": "star",
            "size": size + 10,
            "color": "#ffffff",
            "line": {"color": "#000000", "width": 2},
        },
        "name": texts.optimum,
        "hovertemplate": (
            f"{axes[0].title} = %{{x:.4g}}<br>{axes[1].title} = %{{y:.4g}}"
            f"<br>ρ* = {best.rate:.4f}<extra></extra>"
        ),
    }


def search_traces(
    grid: np.ndarray,
    grid_scores: np.ndarray,
    randoms: np.ndarray,
    random_scores: np.ndarray,
    axes: Sequence[Axis],
    *,
    texts: SweepTexts | None = None,
    look: Look = DEFAULT_LOOK,
    floor: float = 0.0,
) -> list[dict]:
    """The grid search's and the random search's points ((B, 2) each, in the
    axes' order) with their scores (f − f*, inf where a run diverged), and
    the best of each as a star. Scores below ``floor`` read "≈ 0"
    (round-off of f)."""
    texts = texts or SweepTexts()
    size = sizes(look).marker
    # The best of each: a star in its search's colours, the grid's on a square
    # (a plain white star is the theory's optimum).
    styles = (
        (texts.grid_search, texts.best_grid, "square", "star-square"),
        (texts.random_search, texts.best_random, "circle", "star"),
    )
    colours = (("#ffffff", "#000000"), ("#000000", "#ffffff"))
    traces = []
    for (name, best_name, symbol, star_symbol), (fill, edge), points, scores in zip(
        styles, colours, (grid, randoms), (grid_scores, random_scores), strict=True
    ):
        points = np.asarray(points, np.float64).reshape(-1, 2)
        scores = np.asarray(scores, np.float64)
        marker = {"symbol": symbol, "size": size + 2, "color": fill}
        marker["line"] = {"color": edge, "width": 2}
        hover = [
            _point_hover(p, s, axes, texts, floor)
            for p, s in zip(points, scores, strict=True)
        ]
        traces.append(_points(points, f"{name} ({len(points)})", marker, hover))
        if len(scores) and np.isfinite(scores).any():
            b = int(np.nanargmin(np.where(np.isfinite(scores), scores, np.nan)))
            star = {**marker, "symbol": star_symbol, "size": size + 14}
            traces.append(_points(points[b : b + 1], best_name, star, hover[b : b + 1]))
    return traces


def _points(points: np.ndarray, name: str, marker: dict, hover: list[str]) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": points[:, 0].tolist(),
        "y": points[:, 1].tolist(),
        "marker": marker,
        "name": name,
        "text": hover,
        "hovertemplate": "%{text}<extra></extra>",
    }


def _point_hover(point, score: float, axes, texts: SweepTexts, floor: float) -> str:
    parts = [f"{a.title} = {v:.4g}" for a, v in zip(axes, point, strict=False)]
    shown = f"{score:.3g}" if np.isfinite(score) else texts.outcome[-1]
    if np.isfinite(score) and score < floor:
        shown = "≈ 0"
    return "<br>".join([*parts, f"{texts.gap_loss} = {shown}"])


def picked_trace(point: Sequence[float], texts: SweepTexts, look: Look) -> dict:
    """An open square around the cell whose run is shown beside the map."""
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(point[0])],
        "y": [float(point[1]) if len(point) > 1 else 0.0],
        "marker": {
            "symbol": "square-open",
            "size": sizes(look).marker + 12,
            "color": "#CC79A7",
            "line": {"width": 4},
        },
        "name": texts.picked,
        "showlegend": False,  # its colour is its own; the legend stays short
        "hoverinfo": "skip",
    }
