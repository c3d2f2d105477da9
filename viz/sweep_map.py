"""The hyperparameter map: one method's runs over a grid of one or two of its
settings, as a heatmap (plain dicts, float32), with theory and the course's
grid-against-random search drawn over it (viz/sweep_overlay.py).

The heatmap's x is the first axis and its y the second (one row for a
single axis); ``z[i, j]`` belongs to ``(x[j], y[i])``, the sweep's arrays
transposed. A cell without a value (the run diverged on the loss map, never
came within tolerance on the steps map, has no measured rate) is a gap: the
plot's background shows through, named in the legend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol
from unicodedata import east_asian_width

import numpy as np

from viz.style import (
    DEFAULT_LOOK,
    Look,
    axis,
    base_layout,
    f32,
    legend_height,
    legend_rows,
    sizes,
)

Quantity = Literal["loss", "steps", "rate", "outcome"]
QUANTITIES: tuple[Quantity, ...] = ("loss", "steps", "rate", "outcome")
GAP = "#c8c8c8"  # the background a gap shows: no value in that cell
# Okabe–Ito blue, grey and vermillion: apart for every colour vision.
OUTCOME_COLORS = {1: "#0072B2", 0: "#9a9a9a", -1: "#D55E00"}
ROUND_OFF = 64 * np.finfo(np.float64).eps  # relative: f − f* below is noise
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LEGEND_WIDTH = 280  # px of a legend row: the plot's width beside the cell panel


class SweepLike(Protocol):
    axes: dict[str, np.ndarray]
    final_values: np.ndarray
    reached_at: np.ndarray
    diverged_at: np.ndarray
    rate: np.ndarray
    outcome: np.ndarray
    steps: int


@dataclass(frozen=True)
class SweepTexts:
    """The map's words, English by default (the UI fills another language).

    ``outcome`` names 1, 0 and -1; ``gaps`` what a gap means per quantity.
    """

    colorbar: Mapping[str, str] = field(
        default_factory=lambda: {
            "loss": "f − f*",
            "steps": "steps to tolerance",
            "rate": "measured rate ρ",
            "outcome": "outcome",
        }
    )
    outcome: Mapping[int, str] = field(
        default_factory=lambda: {1: "converged", 0: "neither", -1: "diverged"}
    )
    gaps: Mapping[str, str] = field(
        default_factory=lambda: {
            "loss": "diverged",
            "steps": "never within tolerance",
            "rate": "no rate (diverged, or none)",
        }
    )
    gap_loss: str = "f − f*"
    outcome_key: str = "1 converged · 0 neither · −1 diverged"
    # Overlays (viz/sweep_overlay.py).
    gd_edge: str = "α = 2/λmax"
    hb_edge: str = "edge α·λmax = 2(1 + μ)"
    nag_edge: str = "edge α·λmax = 2(1 + μ)/(1 + 2μ)"
    optimum: str = "best (α*, μ*) for κ"
    rate_lines: str = "theory ρ"
    grid_search: str = "grid search"
    random_search: str = "random search"
    best_grid: str = "best of grid"
    best_random: str = "best of random"
    picked: str = "cell shown"


@dataclass(frozen=True)
class Axis:
    """One axis of the map: its hyperparameter, title and scale."""

    key: str
    title: str
    log: bool = False


def sweep_map_spec(
    m: SweepLike,
    quantity: Quantity,
    axes: Sequence[Axis],
    *,
    best_value: float = 0.0,
    overlays: Sequence[dict] = (),
    texts: SweepTexts | None = None,
    look: Look = DEFAULT_LOOK,
    plot_height: int = 330,
) -> dict:
    """The map of ``quantity`` over the sweep's grid.

    Args:
        m: a sweep's result (optimizers.sweep.SweepMap).
        quantity: ``loss`` (log colour of f − f*, ``best_value`` = f*),
            ``steps`` (to tolerance), ``rate`` (measured ρ) or ``outcome``
            (converged / neither / diverged).
        axes: the map's axes in the sweep's order (x, then y if any).
        overlays: traces drawn over the heatmap (theory lines, search points).
        plot_height: pixels of the plot itself (a one-axis strip: a fifth);
            the legend's rows and the axis title come on top.
    """
    texts = texts or SweepTexts()
    xs = f32(m.axes[axes[0].key])
    ys = f32(m.axes[axes[1].key]) if len(axes) > 1 else np.zeros(1, np.float32)
    trace = _heatmap(m, quantity, axes, xs, ys, best_value, texts, look)
    gaps = quantity != "outcome" and bool(np.isnan(trace["z"]).any())
    gap = [_gap_key(quantity, texts)] if gaps else []
    names = [t.get("name", "") for t in [*gap, *overlays] if t.get("showlegend", True)]
    font = sizes(look).font
    top = legend_height(grid_rows(names, font), font) + 6 if names else 10
    bottom = round(2.4 * font + 22)
    plot = plot_height if len(axes) > 1 else max(60, plot_height // 5)
    layout = base_layout(
        look,
        height=plot + top + bottom,
        plot_bgcolor=GAP,
        xaxis=_axis(axes[0], xs, look),
        yaxis=_axis(axes[1], ys, look)
        if len(axes) > 1
        else {"visible": False, "range": [-0.5, 0.5], "fixedrange": True},
        legend=_legend(font),
        # Fixed: a legend across the figure must not push the plot aside.
        margin={
            "l": round(3.4 * font + 30),
            "r": _bar_room(trace["colorbar"], font),
            "t": top,
            "b": bottom,
            "autoexpand": False,
        },
        showlegend=bool(names),
        hovermode="closest",
    )
    return {"data": [trace, *gap, *overlays], "layout": layout}


def _heatmap(m, quantity, axes, xs, ys, best_value, texts, look) -> dict:
    """The map's heatmap trace (rows follow y)."""
    z, extra = _values(m, quantity, best_value)
    z = z.T if z.ndim == 2 else z[None, :]
    trace = {
        "type": "heatmap",
        "x": xs,
        "y": ys,
        "z": z,
        "hoverongaps": False,
        "hovertemplate": _hover(quantity, axes, texts, custom=extra is not None),
        "name": "",
        **_colors(quantity, z, texts, look),
    }
    if extra is not None:
        trace["customdata"] = extra.T if extra.ndim == 2 else extra[None, :]
    return trace


def _legend(font: int) -> dict:
    # Rows above the plot (a legend referred to the container instead
    # misplaces the y axis' title in plotly.js 3).
    return {
        "orientation": "h",
        "x": 0,
        "y": 1.0,
        "yanchor": "bottom",
        "font": {"size": font - 1},
    }


def _text_px(text: str, font: int) -> float:
    return sum(1.0 if east_asian_width(c) in "WF" else 0.6 for c in text) * font


def _bar_room(bar: dict, font: int) -> int:
    """The right margin the colour bar needs: bar, tick labels, title."""
    ticks = bar.get("ticktext") or ["0.000"]
    widest = max(_text_px(str(x), font) for x in ticks)
    return round(bar["thickness"] + 14 + widest + 1.6 * font + 10)


def grid_rows(names: Sequence[str], font: int, width: int = LEGEND_WIDTH) -> int:
    """Rows of a horizontal legend over the plot: one row if every entry
    fits on it, else one per entry (plotly gives each entry of a wrapped
    legend the widest entry's width, and the plot is narrow)."""
    if not names:
        return 0
    return 1 if legend_rows(names, font, width) == 1 else len(names)


def _values(m: SweepLike, quantity: Quantity, best: float):
    """(z, customdata or None), float32 (int8 for outcomes), NaN = a gap."""
    if quantity == "loss":
        gap = np.asarray(m.final_values, np.float64) - best
        bad = (np.asarray(m.diverged_at) >= 0) | ~np.isfinite(gap)
        shown = np.log10(np.clip(np.where(bad, 1.0, gap), loss_floor(best), None))
        big = np.finfo(np.float32).max
        return f32(np.where(bad, np.nan, shown)), f32(np.clip(gap, -big, big))
    if quantity == "steps":
        reached = np.asarray(m.reached_at, np.float64)
        return f32(np.where(reached >= 0, reached, np.nan)), None
    if quantity == "rate":
        rate = np.asarray(m.rate, np.float64)
        kept = np.isfinite(rate) & (np.asarray(m.diverged_at) < 0)
        return f32(np.where(kept, rate, np.nan)), None
    gap = np.asarray(m.final_values, np.float64) - best
    big = np.finfo(np.float32).max
    custom = f32(np.clip(np.nan_to_num(gap, nan=big, posinf=big), -big, big))
    return np.asarray(m.outcome, np.int8), custom


def loss_floor(best: float) -> float:
    """The smallest f − f* the colours tell apart: below it the difference is
    round-off of f (≈ 1e-14 for f* = −46.4), shown as the floor."""
    return float(ROUND_OFF * max(1.0, abs(best)))


def _colors(quantity: Quantity, z: np.ndarray, texts: SweepTexts, look: Look):
    font = {"size": sizes(look).font}
    bar = {
        "title": {"text": texts.colorbar[quantity], "side": "right", "font": font},
        "tickfont": font,
        "thickness": 16,
        "len": 0.9,
    }
    if quantity == "outcome":
        c = OUTCOME_COLORS
        scale = [
            [0.0, c[-1]], [1 / 3, c[-1]], [1 / 3, c[0]],
            [2 / 3, c[0]], [2 / 3, c[1]], [1.0, c[1]],
        ]  # fmt: skip
        ticks = {
            "tickvals": [-2 / 3, 0, 2 / 3],
            "ticktext": [texts.outcome[k] for k in (-1, 0, 1)],
        }
        return {"zmin": -1, "zmax": 1, "colorscale": scale, "colorbar": bar | ticks}
    finite = z[np.isfinite(z)]
    if quantity == "rate":
        low, high = 0.0, 1.0
    elif finite.size:
        low, high = float(finite.min()), float(np.percentile(finite, 99))
    else:
        low, high = 0.0, 1.0
    if quantity == "loss":
        low, high = np.floor(low), max(np.ceil(high), np.floor(low) + 1)
        powers = np.arange(low, high + 1, max(1, int((high - low) // 6) or 1))
        bar |= {
            "tickvals": powers.tolist(),
            "ticktext": [_power(int(p)) for p in powers],
        }
    if high <= low:
        high = low + 1.0
    # Reversed viridis: the good end (small loss, few steps, fast rate) is
    # bright, so the dark theory lines drawn over it stay visible.
    return {
        "zmin": float(low),
        "zmax": float(high),
        "colorscale": "Viridis",
        "reversescale": True,
        "colorbar": bar,
    }


def _power(k: int) -> str:
    return "1" if k == 0 else f"10{str(k).translate(SUPERSCRIPT)}"


def _hover(quantity: Quantity, axes: Sequence[Axis], texts: SweepTexts, custom: bool):
    lines = [f"{axes[0].title} = %{{x:.4g}}"]
    if len(axes) > 1:
        lines.append(f"{axes[1].title} = %{{y:.4g}}")
    name = texts.colorbar[quantity]
    if quantity == "loss":
        lines.append(f"{name} = %{{customdata:.3g}}")
    elif quantity == "steps":
        lines.append(f"{name}: %{{z:.0f}}")
    elif quantity == "rate":
        lines.append(f"{name} = %{{z:.4f}}")
    else:
        lines.append(f"{texts.outcome_key}: %{{z}}")
        if custom:
            lines.append(f"{texts.gap_loss} = %{{customdata:.3g}}")
    return "<br>".join(lines) + "<extra></extra>"


def _gap_key(quantity: Quantity, texts: SweepTexts) -> dict:
    """A legend entry for the gaps' colour (no data: only its legend shows)."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "marker": {"symbol": "square", "size": 14, "color": GAP},
        "name": texts.gaps[quantity],
        "hoverinfo": "skip",
    }


def _axis(a: Axis, values: np.ndarray, look: Look) -> dict:
    """An axis fitted to the cells (half a cell beyond the first and last)."""
    v = np.asarray(values, np.float64)
    if a.log:
        edges = np.log10(v)
        half = (edges[-1] - edges[0]) / max(len(v) - 1, 1) / 2
        lo, hi = edges[0] - half, edges[-1] + half
        # 10⁻⁴, not plotly's "100μ" beside an axis that may be the momentum μ
        return axis(
            look,
            type="log",
            range=[lo, hi],
            title=a.title,
            showgrid=False,
            exponentformat="power",
        )
    half = (v[-1] - v[0]) / max(len(v) - 1, 1) / 2
    return axis(look, range=[v[0] - half, v[-1] + half], title=a.title, showgrid=False)


def cell_of(
    m: SweepLike, keys: Sequence[str], logs: Sequence[bool], click: object
) -> tuple[int, ...] | None:
    """The sweep index of a clicked cell (the chart's ``cell``: x, y and
    plotly's index [row, column]); None for a malformed message."""
    x, y, index = _read_click(click)
    if index is not None:
        row, col = index
        shape = np.shape(m.final_values)
        if len(keys) == 1 and row == 0 and 0 <= col < shape[0]:
            return (col,)
        if len(keys) == 2 and 0 <= col < shape[0] and 0 <= row < shape[1]:
            return (col, row)
    if x is None or (len(keys) == 2 and y is None):
        return None
    at = [_nearest(m.axes[keys[0]], x, logs[0])]
    if len(keys) == 2:
        at.append(_nearest(m.axes[keys[1]], y, logs[1]))
    return tuple(at)


def _read_click(click: object):
    get = click.get if isinstance(click, Mapping) else lambda k: getattr(click, k, None)
    try:
        x = float(get("x")) if get("x") is not None else None
        y = float(get("y")) if get("y") is not None else None
    except (TypeError, ValueError):
        x = y = None
    index = get("index")
    if (
        isinstance(index, Sequence)
        and not isinstance(index, str)
        and len(index) == 2
        and all(isinstance(i, int) and not isinstance(i, bool) for i in index)
    ):
        return x, y, (int(index[0]), int(index[1]))
    return x, y, None


def _nearest(values: np.ndarray, v: float, log: bool) -> int:
    values = np.asarray(values, np.float64)
    if not np.isfinite(v):
        return 0
    if log and v > 0 and values.min() > 0:
        return int(np.argmin(np.abs(np.log(values) - np.log(v))))
    return int(np.argmin(np.abs(values - v)))
