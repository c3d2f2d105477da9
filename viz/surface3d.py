"""The 3-D view: a coloured surface, its level lines on the floor, the paths on it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from surfaces import Surface
from viz import tags
from viz.frames import build_frames, frame_steps
from viz.heights import Heights, choose_heights
from viz.status import in_view
from viz.style import DEFAULT_LOOK, Look, Path, base_layout, f32, sizes, thin

MAX_FRAMES_3D = 60
GRID_3D = 60  # a coarser grid than the contour: WebGL redraws it in software here
MAX_PATH_POINTS_3D = 400  # a 60x60 surface needs no finer path
# Sequential and light at the bottom, where the paths end: dark path colours
# and the moving markers stand out there (ColorBrewer BuPu).
SURFACE_SCALE = [
    [0.0, "#f7fcfd"],
    [0.25, "#e0ecf4"],
    [0.5, "#bfd3e6"],
    [0.75, "#9ebcda"],
    [1.0, "#8c96c6"],
]
LIFT = 0.02  # paths float this fraction of the height range above the surface
LOG_FLOOR_PERCENTILE = 3.0
FLOOR = 0.12  # the floor (projected level lines) sits this far below the surface
ASPECT = {"x": 1.0, "y": 1.0, "z": 0.6}
EYE = np.array([1.2, -1.2, 1.2])  # the viewing direction: from above, into valleys
View = tuple[int, np.ndarray | None]  # a path's rows in the box, where it left it


@dataclass(frozen=True)
class Relief:
    """The drawn heights: the surface's grid and where a path floats above it."""

    xs: np.ndarray
    ys: np.ndarray
    heights: Heights
    shown: np.ndarray  # the grid's drawn heights
    bottom: float
    top: float

    @classmethod
    def of(cls, grid, look: Look) -> Relief:
        xs, ys, z = grid
        heights = Heights(False, 0.0, 0.0) if look.maximize else choose_heights(z)
        shown = heights(z)
        top, bottom = float(np.nanmax(shown)), float(np.nanmin(shown))
        if heights.log:
            # log10 of almost 0 is a deep, jagged well on a coarse grid: the
            # bottom few percent of the heights are drawn flat.
            bottom = float(np.nanpercentile(shown, LOG_FLOOR_PERCENTILE))
            shown = np.maximum(shown, bottom)
        return cls(np.asarray(xs), np.asarray(ys), heights, shown, bottom, top)

    @property
    def span(self) -> float:
        return self.top - self.bottom if self.top > self.bottom else 1.0

    @property
    def lift(self) -> float:
        return LIFT * self.span

    def above(self, values) -> np.ndarray:
        """Heights of f values, just above the surface (never hidden by it)."""
        drawn = np.nan_to_num(self.heights(values), nan=self.top)
        return np.clip(drawn, self.bottom, self.top) + self.lift

    def above_point(self, point) -> float:
        """Just above the drawn surface at a point of the view box (nearest cell)."""
        j = int(np.abs(self.xs - point[0]).argmin())
        i = int(np.abs(self.ys - point[1]).argmin())
        value = self.shown[i, j]
        return float(value if np.isfinite(value) else self.top) + self.lift


def surface_spec(
    surface: Surface,
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    paths: Sequence[Path],
    steps: int,
    *,
    look: Look = DEFAULT_LOOK,
) -> dict:
    """Surface (static) with a colour bar and level lines projected on the floor,
    one line per path lifted just above the surface, animated markers (frames).

    Trace order: surface, one line per path, one marker per path; frames
    carry the markers only. A path is drawn until it first leaves the view
    box (plotly draws 3-D lines beyond the axes' ranges), ending on the box's
    wall; its marker waits there.
    """
    relief = Relief.of(grid, look)
    views = [in_view(p.points[:, :2], surface.domain) for p in paths]
    size = sizes(look)

    def at(i: int, k: int) -> dict:
        return _at(paths[i], views[i], relief, k)

    data = [_surface(relief, look)]
    data += [_line(p, v, relief, look) for p, v in zip(paths, views, strict=True)]
    first_marker = len(data)
    data += [
        {
            "mode": "markers",
            **at(i, steps),
            "marker": {
                "size": size.marker3d,
                "color": p.color,
                "line": {"width": 2, "color": "white"},
            },
            "name": p.label,
            "showlegend": False,
            "hoverinfo": "skip",
        }
        for i, p in enumerate(paths)
    ]
    shown_steps = frame_steps(steps, MAX_FRAMES_3D)
    markers = range(first_marker, first_marker + len(paths))
    frames = build_frames(
        shown_steps, markers, lambda k: [at(i, k) for i in range(len(paths))]
    )
    layout = base_layout(
        look,
        scene=_scene(surface, paths, relief, look),
        uirevision=surface.key,
        showlegend=False,  # the 2-D map above carries the legend
        height=640 if look.present else 560,
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        meta={tags.BOTTOM: 10},
    )
    return {"data": data, "layout": layout, "frames": frames}


def _line(p: Path, view: View, relief: Relief, look: Look) -> dict:
    shown_rows, exit_point = view
    idx = thin(shown_rows, MAX_PATH_POINTS_3D)
    x, y, z = p.points[idx, 0], p.points[idx, 1], relief.above(p.values[idx])
    if exit_point is not None:
        x, y = np.append(x, exit_point[0]), np.append(y, exit_point[1])
        z = np.append(z, relief.above_point(exit_point))
    return {
        "type": "scatter3d",
        "mode": "lines",
        "x": f32(x),
        "y": f32(y),
        "z": f32(z),
        "line": {"color": p.color, "width": sizes(look).path3d, "dash": p.dash},
        "name": p.label,
        "hovertemplate": f"{p.label}<extra></extra>",
    }


def _at(p: Path, view: View, relief: Relief, k: int) -> dict:
    shown_rows, exit_point = view
    k = min(k, len(p.points) - 1)
    if k < shown_rows:
        (x, y), z = p.points[k, :2], float(relief.above(p.values[k]))
    elif exit_point is not None:  # out of the box: where it left
        (x, y), z = exit_point, relief.above_point(exit_point)
    else:  # never in view
        (x, y), z = p.points[max(shown_rows - 1, 0), :2], relief.top + relief.lift
    return {"type": "scatter3d", "x": [float(x)], "y": [float(y)], "z": [float(z)]}


def _scene(surface: Surface, paths: Sequence[Path], relief: Relief, look: Look) -> dict:
    floor = relief.bottom - FLOOR * relief.span
    ceiling = relief.top + 2 * relief.lift
    return {
        "xaxis": _axis(surface.domain[0], look.texts.axis_x, look),
        "yaxis": _axis(surface.domain[1], look.texts.axis_y, look),
        "zaxis": _z_axis(floor, ceiling, relief.heights, look),
        "aspectmode": "manual",
        "aspectratio": ASPECT,
        "camera": camera(surface.domain, paths),
    }


def _surface(relief: Relief, look: Look) -> dict:
    font = {"size": sizes(look).font}
    colorbar = {
        "title": {"text": look.texts.colorbar, "font": font},
        "tickfont": font,
        "thickness": 18 if look.present else 14,
        "len": 0.7,
    }
    bottom, top, shown = relief.bottom, relief.top, relief.shown
    if relief.heights.log:
        tickvals, ticktext = relief.heights.ticks(shown[np.isfinite(shown)], count=5)
        colorbar |= {"tickvals": tickvals, "ticktext": ticktext}
    return {
        "type": "surface",
        "x": f32(relief.xs),
        "y": f32(relief.ys),
        "z": f32(shown),
        "colorscale": SURFACE_SCALE,
        "reversescale": look.maximize,
        "cmin": bottom,
        "cmax": top,
        "colorbar": colorbar,
        # Level lines on the surface and projected on the floor, as on the map.
        "contours": {
            "z": {
                "show": True,
                "project": {"z": True},
                "start": bottom,
                "end": top,
                "size": (top - bottom) / 15 or 1.0,
                "usecolormap": False,
                "color": "rgba(60,60,90,0.55)",
                "width": 1,
            }
        },
        "lighting": {"ambient": 0.75, "diffuse": 0.5, "specular": 0.05},
        "hoverinfo": "skip",
    }


def _axis(bounds, title: str, look: Look) -> dict:
    """No tick at either end: the corners are where the axes' labels collide."""
    lo, hi = float(bounds[0]), float(bounds[1])
    return _scene_axis([lo, hi], nice_ticks(lo, hi), title, look)


def _z_axis(floor: float, ceiling: float, heights: Heights, look: Look) -> dict:
    # Labels start well above the floor, clear of the x and y labels there.
    low = floor + 0.25 * (ceiling - floor)
    axis = _scene_axis([floor, ceiling], [], look.texts.value, look)
    if heights.log:
        values, labels = heights.ticks(np.array([low, ceiling]), count=4)
        return axis | {"tickvals": values, "ticktext": labels}
    return axis | {"tickvals": nice_ticks(low, ceiling, count=4, margin=0.0)}


def _scene_axis(range_, tickvals, title: str, look: Look) -> dict:
    font = {"size": sizes(look).font}
    return {
        "range": range_,
        "tickvals": tickvals,
        "tickfont": font,
        "title": {"text": title, "font": font},
        "showspikes": False,
        "zeroline": False,
        "backgroundcolor": "#fafafa",
        "gridcolor": "#e4e4e4",
    }


def nice_ticks(lo: float, hi: float, count: int = 6, margin: float = 0.08) -> list:
    """Round tick values (1, 2 or 5 times a power of ten) strictly inside
    ``(lo, hi)``, none within ``margin`` of the range's width from an end."""
    width = hi - lo
    if not np.isfinite(width) or width <= 0:
        return []
    raw = width / max(count, 1)
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = np.ceil((lo + margin * width) / step) * step
    ticks = np.arange(first, hi - margin * width + step * 1e-9, step)
    return [float(round(t, 12)) for t in ticks]


def camera(domain, paths: Sequence[Path]) -> dict:
    """Eye and centre framing the paths' bounding box within the view box.

    Scene coordinates: the box is centred at 0 and spans the aspect ratio. The
    centre moves half way towards the paths (the surface stays in view); the
    eye comes closer the smaller their box. Rounded, so a small slider move
    does not jolt the camera.
    """
    (x0, x1), (y0, y1) = domain
    lo, hi = np.array([x0, y0], float), np.array([x1, y1], float)
    pts = [np.asarray(p.points[:, :2], np.float64) for p in paths if len(p.points)]
    pts = [a[np.isfinite(a).all(axis=1)] for a in pts]
    pts = [a for a in pts if len(a)]
    if not pts:
        center, extent = np.zeros(2), 1.0
    else:
        inside = np.clip(np.concatenate(pts), lo, hi)
        a, b = inside.min(axis=0), inside.max(axis=0)
        center = ((a + b) / 2 - (lo + hi) / 2) / (hi - lo)  # in [-0.5, 0.5]
        extent = float(np.max((b - a) / (hi - lo)))
    scale = np.array([ASPECT["x"], ASPECT["y"]])
    c = np.round(0.5 * center * scale, 1)
    distance = np.round(np.clip(1.35 + 0.45 * extent, 1.5, 1.8), 2)
    eye = EYE / np.linalg.norm(EYE) * distance
    return {
        "center": {"x": float(c[0]), "y": float(c[1]), "z": -0.1},
        "eye": {
            "x": float(round(c[0] + eye[0], 2)),
            "y": float(round(c[1] + eye[1], 2)),
            "z": float(round(eye[2] - 0.1, 2)),
        },
    }


def surface_figure(*args, look: Look = DEFAULT_LOOK, **kwargs) -> go.Figure:
    """:func:`surface_spec` as a plotly Figure (for notebooks and exports)."""
    return go.Figure(surface_spec(*args, look=look, **kwargs), _validate=False)
