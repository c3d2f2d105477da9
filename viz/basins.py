"""Basins of attraction: every start of a grid coloured by the minimum it reaches.

A 2-D surface gives a map: a heatmap of the starts (one colour per documented
minimum, grey where no minimum was reached or the run diverged), faint level
lines on top for orientation, the minima marked in their basin's colour and,
when a start was picked, each method's path from it. A 1-D surface gives a
strip: the curve f(x) with a band under it coloured the same way, and the
maxima that separate the basins marked.

Hovering a start shows it, its end point and the steps it took to reach its
minimum. Arrays go out as float32; a 128 × 128 map stays well under 1 MB
(tests/test_viz_basins.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np

from optimizers.sweep import Basins
from surfaces import Surface
from viz.heights import choose_heights
from viz.style import DEFAULT_LOOK, PALETTE, Look, Path, axis, base_layout, f32, sizes

# Okabe-Ito without black (black draws the level lines and the paths).
BASIN_COLORS = PALETTE[:7]
NONE_COLOR = "#bdbdbd"  # no minimum reached, or diverged: neutral
LEVELS = 18  # level lines over the map: orientation, not reading values
WORDS = {
    "start": "start",
    "end": "end",
    "steps": "steps to the minimum: ",  # its colon is the language's
    "never": "—",
    "diverged": "diverged at step {n}",
    "minimum": "minimum",
    "maximum": "maximum",
}


def basin_color(label: int) -> str:
    """The colour of a basin: ``label`` indexes the minima; -1 is grey."""
    return NONE_COLOR if label < 0 else BASIN_COLORS[label % len(BASIN_COLORS)]


def colorscale(count: int) -> list[list]:
    """A stepped scale for categories 0 … ``count`` (0: none, k + 1: minimum k)
    over ``zmin = -0.5``, ``zmax = count + 0.5``: one flat band each."""
    colors = [basin_color(k - 1) for k in range(count + 1)]
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def step_texts(b: Basins, words: Mapping[str, str]) -> np.ndarray:
    """Per start: the steps to its minimum, "—", or when it diverged."""
    reached = b.reached_at.astype(int)
    frozen = b.diverged_at.astype(int)
    texts = np.where(reached >= 0, reached.astype(str), words["never"]).astype(object)
    for index in zip(*np.nonzero(frozen >= 0), strict=True):
        texts[index] = words["diverged"].format(n=int(frozen[index]))
    return texts


def _words(words: Mapping[str, str] | None) -> dict[str, str]:
    return WORDS | dict(words or {})


def _cells(b: Basins, words: dict, rows: int) -> dict:
    """The heatmap of starts: category, end point and steps per cell."""
    count = len(b.minima)
    z = (np.asarray(b.labels) + 1).reshape(rows, -1)
    ends = np.nan_to_num(np.asarray(b.final_points), nan=np.inf, posinf=np.inf)
    ends = np.clip(ends, -1e30, 1e30).reshape(rows, z.shape[1], -1)
    end = "(%{customdata[0]:.3g}, %{customdata[1]:.3g})"
    if ends.shape[-1] == 1:
        end = "%{customdata[0]:.3g}"
    start = "(%{x:.3g}, %{y:.3g})" if b.ys is not None else "%{x:.3g}"
    return {
        "type": "heatmap",
        "x": f32(b.xs),
        "z": f32(z),
        "zmin": -0.5,
        "zmax": count + 0.5,
        "colorscale": colorscale(count),
        "showscale": False,
        "customdata": f32(ends),
        "text": step_texts(b, words).reshape(z.shape).tolist(),
        "hovertemplate": f"{words['start']} {start}<br>{words['end']} {end}"
        f"<br>{words['steps']}%{{text}}<extra></extra>",
        "hoverongaps": False,
    }


def _minima(
    b: Basins, look: Look, words: dict, y: Sequence[float] | None
) -> list[dict]:
    """Each minimum in its basin's colour (on a curve: at its height), on a
    larger white star: it stands out from its own basin."""
    size = sizes(look).extremum + 6
    found = b.minima
    xs = [float(m.point[0]) for m in found]
    ys = [float(m.point[1]) for m in found] if y is None else list(y)
    names = [f"{words['minimum']} {k + 1}" for k in range(len(found))]
    common = {"type": "scatter", "mode": "markers", "x": xs, "y": ys}
    halo = {"symbol": "star", "size": size + 8, "color": "white"}
    return [
        common | {"marker": halo, "hoverinfo": "skip", "showlegend": False},
        common
        | {
            "marker": {
                "symbol": "star",
                "size": size,
                "color": [basin_color(k) for k in range(len(found))],
                "line": {"width": 1.5, "color": "#111"},
            },
            "text": names,
            "hovertemplate": "%{text} (%{x:.4g}, %{y:.4g})<extra></extra>",
            "showlegend": False,
        },
    ]


def _path_traces(paths: Sequence[Path], look: Look) -> list[dict]:
    """Each picked run's path: a white halo under a dark line, seen on any basin."""
    out = []
    width = sizes(look).path
    for p in paths:
        x, y = f32(p.points[:, 0]), f32(p.points[:, 1])
        common = {"type": "scatter", "mode": "lines", "x": x, "y": y}
        halo = {"color": "white", "width": width + 2.5}
        out.append(common | {"line": halo, "hoverinfo": "skip"})
        out.append(
            common
            | {
                "meta": "path",
                "line": {"color": p.color, "width": width},
                "name": p.label,
                "hovertemplate": f"{p.label}<br>(%{{x:.3g}}, %{{y:.3g}})"
                "<extra></extra>",
            }
        )
    return out


def _pick(point: Sequence[float], y: float, look: Look, words: dict) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [float(point[0])],
        "y": [float(y)],
        "marker": {
            "symbol": "x",
            "size": sizes(look).start + 2,
            "color": "#111",
            "line": {"width": 1.5, "color": "white"},
        },
        "name": words["start"],
        "hovertemplate": f"{words['start']} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>",
    }


def basins_spec(
    surface: Surface,
    b: Basins,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    look: Look = DEFAULT_LOOK,
    words: Mapping[str, str] | None = None,
    pick: Sequence[float] | None = None,
    paths: Sequence[Path] = (),
    height: int = 430,
) -> dict:
    """The basins map of a 2-D surface.

    Trace order: the starts (heatmap), the level lines (contour, no hover),
    the minima (a white star under each coloured one), then per path a halo
    and its line (``meta`` "path"), then the picked start. ``grid`` is
    ``(xs, ys, z)`` of the surface for the level lines; ``words`` replace
    :data:`WORDS` (the page's language).
    """
    w = _words(words)
    xs, ys, z = grid
    heights = choose_heights(z)
    cells = _cells(b, w, len(b.ys)) | {"y": f32(b.ys)}
    level = {
        "type": "contour",
        "x": f32(xs),
        "y": f32(ys),
        "z": f32(heights(z)),
        "ncontours": LEVELS,
        "contours": {"coloring": "none"},
        "line": {"color": "rgba(20,20,20,0.35)", "width": 0.8},
        "showscale": False,
        "hoverinfo": "skip",
    }
    data = [cells, level, *_minima(b, look, w, None), *_path_traces(paths, look)]
    if pick is not None:
        data.append(_pick(pick, pick[1], look, w))
    (x0, x1), (y0, y1) = surface.domain
    size = sizes(look)
    layout = base_layout(
        look,
        xaxis=axis(look, range=[x0, x1], constrain="domain"),
        yaxis=axis(look, range=[y0, y1], scaleanchor="x", constrain="domain"),
        showlegend=False,
        height=height,
        margin={"l": round(2 * size.font + 20), "r": 10, "t": 10, "b": 30},
        uirevision=surface.key,
        dragmode="zoom",
    )
    return {"data": data, "layout": layout}


def maxima_between(
    b: Basins, curve: tuple[np.ndarray, np.ndarray]
) -> list[tuple[float, float]]:
    """(x, f) of the highest point of the curve between each pair of
    neighbouring minima: where two basins meet."""
    xs, z = curve
    points = sorted(float(m.point[0]) for m in b.minima)
    out = []
    for left, right in itertools.pairwise(points):
        inside = (xs > left) & (xs < right) & np.isfinite(z)
        if inside.any():
            j = int(np.argmax(np.where(inside, z, -np.inf)))
            out.append((float(xs[j]), float(z[j])))
    return out


def strip_spec(
    surface: Surface,
    b: Basins,
    curve: tuple[np.ndarray, np.ndarray],
    *,
    look: Look = DEFAULT_LOOK,
    words: Mapping[str, str] | None = None,
    pick: float | None = None,
    height: int = 380,
) -> dict:
    """The basins of a 1-D surface: the curve, and a band under it coloured
    by the minimum each start reaches.

    Trace order: the band (heatmap, one row), the curve, the minima (at f,
    each over a white star), the maxima between them, then the picked start
    (on the curve).
    """
    w = _words(words)
    xs, z = curve
    finite = z[np.isfinite(z)]
    lo, hi = float(finite.min()), float(finite.max())
    span = max(hi - lo, 1e-9)
    band = 0.12 * span
    centre = lo - 0.05 * span - band / 2
    cells = _cells(b, w, 1) | {"y0": centre, "dy": band}
    heights = [float(m.value) for m in b.minima]
    peaks = maxima_between(b, curve)
    data = [
        cells,
        _curve(xs, z, look),
        *_minima(b, look, w, heights),
        _maxima(peaks, look, w),
    ]
    if pick is not None:
        data.append(_pick((pick,), float(np.interp(pick, xs, z)), look, w))
    size = sizes(look)
    layout = base_layout(
        look,
        xaxis=axis(look, range=list(surface.domain[0]), title=look.texts.axis_x),
        yaxis=axis(
            look,
            range=[centre - band / 2 - 0.02 * span, hi + 0.08 * span],
            title=look.texts.curve,
        ),
        showlegend=False,
        shapes=_borders(peaks, centre - band / 2),
        height=height,
        margin={"l": round(3 * size.font + 26), "r": 10, "t": 10, "b": 55},
        uirevision=surface.key,
        dragmode="zoom",
    )
    return {"data": data, "layout": layout}


def _curve(xs: np.ndarray, z: np.ndarray, look: Look) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "x": f32(xs),
        "y": f32(z),
        "line": {"color": "#333", "width": 3 if look.present else 2},
        "hoverinfo": "skip",
    }


def _maxima(peaks: list[tuple[float, float]], look: Look, w: dict) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [p[0] for p in peaks],
        "y": [p[1] for p in peaks],
        "marker": {
            "symbol": "diamond-open",
            "size": sizes(look).extremum,
            "color": "#111",
            "line": {"width": 2},
        },
        "hovertemplate": f"{w['maximum']} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
    }


def _borders(peaks: list[tuple[float, float]], bottom: float) -> list[dict]:
    """A dotted line from each maximum down through the band: the border."""
    return [
        {
            "type": "line",
            "x0": x,
            "x1": x,
            "y0": bottom,
            "y1": y,
            "line": {"color": "#111", "width": 1.5, "dash": "dot"},
        }
        for x, y in peaks
    ]


def counts(b: Basins) -> list[int]:
    """How many starts reach each minimum, then how many reach none."""
    labels = np.asarray(b.labels).ravel()
    found = [int(np.sum(labels == k)) for k in range(len(b.minima))]
    return [*found, int(np.sum(labels < 0))]
