"""The 2-D view: contour map, minima, start, paths and moving markers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from surfaces.data_surface import DataSurface
from viz import minibatch, tags, zoo
from viz.frames import build_frames, frame_steps
from viz.heights import Heights, choose_heights
from viz.marks import extrema_trace
from viz.status import legend_name, status_traces, stop
from viz.style import (
    DEFAULT_LOOK,
    LIGHT_SCALE,
    Look,
    Path,
    axis,
    base_layout,
    f32,
    legend_height,
    legend_rows,
    marker_trace,
    sizes,
    thin,
    top_legend,
)

MAX_DOTS = 120
MAX_FRAMES_2D = 60  # measured: each frame adds ≈ 1 ms to every repaint


def contour_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: Sequence[Path],
    start: Sequence[float],
    steps: int,
    *,
    look: Look = DEFAULT_LOOK,
    params: Mapping[str, float] | None = None,
) -> dict:
    """Contour map with every path drawn and its current-position marker animated.

    Trace order: contour, minima (maxima when ``look.maximize``), start, one
    line per path (``meta`` "path"), one marker per path; then the extras of
    the paths that have them, in path order: first the still ones (per path
    its seed-fan lines, ``meta`` "fan", one per seed, then its trial cloud,
    "trials"), then the animated ones (per path its swarm or simplex,
    "population", then the trials of the shown step, "step_trials"); last a
    mark per path that diverged, is unbounded or left the view ("status").
    Frames carry the markers and the animated extras, in that order. Paths
    without extras or a bad status give exactly the traces they always did. A
    click anywhere is turned into a position by the chart component
    (ui/chart.py), not by a trace.

    On a data surface (``params``: its surface parameters) with mini-batch
    paths: the first such path's batch surface follows the contour (meta
    "batch", hidden until the browser computes it; ``layout.meta.batch``
    holds what it needs), and each mini-batch path's epoch marks ("epochs")
    follow the still extras.
    """
    xs, ys, z = grid
    heights = Heights(False, 0.0, 0.0) if look.maximize else choose_heights(z)
    box = surface.domain
    endings = [stop(p, p.points[:, :2], box) for p in paths]
    names = [legend_name(p, end, look) for p, end in zip(paths, endings, strict=True)]
    extrema = extrema_trace(surface, look, dim=2, params=params)
    batched = minibatch.first_batched(paths)
    batching = isinstance(surface, DataSurface) and batched is not None
    data = [
        _contour(xs, ys, z, heights, look),
        *([minibatch.batch_surface_trace(surface, batched, look)] if batching else []),
        extrema,
        _start(start, look),
        *(_line(p, name, look) for p, name in zip(paths, names, strict=True)),
    ]
    first_marker = len(data)
    data += [marker_trace(p, _at(p, steps), look) for p in paths]
    data += zoo.still_traces(paths, _plane, look)
    data += minibatch.epoch_traces(paths, look)
    moving = zoo.movers(paths, _plane, polygons=True, look=look)
    first_mover = len(data)
    data += [m.trace(steps) for m in moving]
    data += status_traces(paths, endings, look)
    shown = frame_steps(steps, MAX_FRAMES_2D)
    traces = [
        *range(first_marker, first_marker + len(paths)),
        *range(first_mover, first_mover + len(moving)),
    ]
    frames = build_frames(
        shown,
        traces,
        lambda k: [*(_at(p, k) for p in paths), *(m.at(k) for m in moving)],
    )
    legend = [extrema["name"]] * extrema["showlegend"] + [look.texts.start, *names]
    layout = _layout(surface, shown, legend, look)
    if batching:
        meta = minibatch.batch_meta(surface, params or {}, batched, shown)
        layout["meta"] = {**layout["meta"], minibatch.BATCH_META: meta}
    return {"data": data, "layout": layout, "frames": frames}


def _layout(surface: Surface, shown: np.ndarray, legend: list[str], look: Look) -> dict:
    (x0, x1), (y0, y1) = surface.domain
    size = sizes(look)
    # Room under the axes for tick labels and the axis title.
    below = round(2.2 * size.font + 20)
    # Fixed margins (no autoexpand): the background and foreground layers of
    # the chart component must have exactly the same plotting area. The
    # legend's rows are reserved above the plot (the chart component measures
    # and corrects); the colour bar's labels on the right.
    top = legend_height(legend_rows(legend, size.font), size.font) + 8
    margin = {
        "l": round(2.4 * size.font + 26),
        "r": round(4.4 * size.font + 24),
        "t": top,
        "b": below,
        "autoexpand": False,
    }
    return base_layout(
        look,
        # The map keeps to the left, beside its colour bar (which the chart
        # component moves to the map's right edge) and under the legend.
        xaxis=axis(
            look,
            range=[x0, x1],
            title=look.texts.axis_x,
            constrain="domain",
            constraintoward="left",
        ),
        # Equal scales: gradients must look perpendicular to the level lines.
        yaxis=axis(
            look,
            range=[y0, y1],
            title=look.texts.axis_y,
            scaleanchor="x",
            scaleratio=1,
            constrain="domain",
        ),
        uirevision=surface.key,
        dragmode="zoom",
        height=700 if look.present else 640,
        margin=margin,
        legend=top_legend(size.font),
        # The chart component draws its own play bar: then only the axes'
        # room is kept under the plot.
        meta={tags.BOTTOM: below},
    )


def _plane(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return points[:, 0], points[:, 1]


def _contour(xs, ys, z, heights: Heights, look: Look) -> dict:
    shown = heights(z)
    tickvals, ticktext = heights.ticks(shown[np.isfinite(shown)])
    font = {"size": sizes(look).font}
    colorbar = {
        "title": {"text": look.texts.colorbar, "font": font},
        "tickfont": font,
        "thickness": 18 if look.present else 14,
    }
    if heights.log:
        colorbar |= {"tickvals": tickvals, "ticktext": ticktext}
    return {
        "type": "contour",
        # Drawn once on a layer of its own by the chart component: redrawing
        # its level lines on every slider move costs ≈ 40 ms (measured).
        "meta": tags.BACKGROUND,
        "x": f32(xs),
        "y": f32(ys),
        "z": f32(shown),
        "ncontours": 30,
        "colorscale": LIGHT_SCALE,
        # Climbing: light at the top, where the paths end.
        "reversescale": look.maximize,
        "contours": {"coloring": "fill", "showlines": True},
        "line": {"width": 0.8, "color": "rgba(30,30,30,0.45)"},
        "colorbar": {**colorbar, "x": 1.02, "xanchor": "left"},
        "hovertemplate": _contour_hover(heights.log, look),
        "showlegend": False,
    }


def _contour_hover(log: bool, look: Look) -> str:
    """The position, and f where the plotted height is f itself.

    On a log scale the height is log10(f - floor + delta); plotly cannot undo
    that in a hover, and sending the true f as customdata doubles the
    contour's bytes (100x100: 55 kB -> 108 kB, measured), so there the hover
    shows the position only.
    """
    where = "(%{x:.3g}, %{y:.3g})"
    if log:
        return f"{where}<extra></extra>"
    return f"{where}<br>{look.texts.value} %{{z:.4g}}<extra></extra>"


def _start(start: Sequence[float], look: Look) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(start[0])],
        "y": [float(start[1])],
        "marker": {"symbol": "x", "size": sizes(look).start, "color": "#111"},
        "name": look.texts.start,
        "hovertemplate": f"{look.texts.start} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>",
    }


def _line(path: Path, name: str, look: Look) -> dict:
    idx = thin(len(path.points))
    # A dot per step shows the step sizes; past ~120 dots they blur into the
    # line and cost ≈ 40 ms per repaint (measured), so long paths are lines.
    dots = len(idx) <= MAX_DOTS
    size = sizes(look)
    return {
        "type": "scatter",
        "mode": "lines+markers" if dots else "lines",
        "meta": tags.PATH,
        "x": f32(path.points[idx, 0]),
        "y": f32(path.points[idx, 1]),
        "line": {"color": path.color, "width": size.path, "dash": path.dash},
        "marker": {"size": size.dot, "color": path.color},
        "name": name,
        "legendgroup": path.label,
        "customdata": idx.astype(np.int16 if len(path.points) < 2**15 else np.int32),
        "hovertemplate": f"{path.label}<br>{look.texts.step_at('%{customdata}')}"
        "<br>(%{x:.4g}, %{y:.4g})<extra></extra>",
    }


def _at(path: Path, step: int) -> dict:
    point = path.points[min(step, len(path.points) - 1)]
    return {"x": [float(point[0])], "y": [float(point[1])]}


def contour_figure(*args, look: Look = DEFAULT_LOOK, **kwargs) -> go.Figure:
    """:func:`contour_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(contour_spec(*args, look=look, **kwargs), _validate=False)
