"""Figures of the calculus page: tangent and secant on a curve, the error of
difference quotients against h, the gradient's geometry on the map, slices.

Builders take the words they show (``names``) from the page, and return plain
dicts, like every figure here.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from surfaces.derivatives import Geometry, Line
from viz.style import DEFAULT_LOOK, LIGHT_SCALE, Look, axis, base_layout, f32, sizes

KIND_COLORS = {"forward": "#d62728", "backward": "#ff7f0e", "central": "#1f6feb"}
DTYPE_DASH = {"float64": "solid", "float32": "dot"}
TANGENT, SECANT, GRADIENT, DIRECTION, LEVEL = (
    "#1f6feb",
    "#d62728",
    "#111111",
    "#2ca02c",
    "#9467bd",
)


def tangent_spec(
    grid: tuple[np.ndarray, np.ndarray],
    tangent: Line,
    secant: Line,
    h: float,
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """The curve, its tangent at x0 and the secant through x0 and x0 + h."""
    xs, z = grid
    finite = z[np.isfinite(z)]
    pad = 0.08 * (finite.max() - finite.min() + 1e-12)
    y_range = [float(finite.min() - pad), float(finite.max() + pad)]
    width = sizes(look).path
    ends = np.array([xs[0], xs[-1]])
    far = (secant.x0 + h, float(secant.at(secant.x0 + h)))  # (x0 + h, f(x0 + h))
    data = [
        _line(xs, z, names["curve"], "#444444", width),
        _line(ends, tangent.at(ends), names["tangent"], TANGENT, width),
        _line(ends, secant.at(ends), names["secant"], SECANT, width, "dash"),
        {
            "type": "scatter",
            "mode": "markers",
            "x": [tangent.x0, far[0]],
            "y": [tangent.value, far[1]],
            "marker": {"size": sizes(look).marker, "color": [TANGENT, SECANT]},
            "name": names["points"],
            "showlegend": False,
        },
    ]
    layout = base_layout(
        look,
        xaxis=axis(look, title="x", range=[float(xs[0]), float(xs[-1])]),
        yaxis=axis(look, title="f(x)", range=y_range),
        uirevision="tangent",
    )
    return {"data": data, "layout": layout}


def _line(x, y, name: str, color: str, width: float, dash: str = "solid") -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "x": f32(x),
        "y": f32(y),
        "name": name,
        "line": {"color": color, "width": width, "dash": dash},
    }


def errors_spec(
    hs: np.ndarray,
    curves: Mapping[tuple[str, str], np.ndarray],
    h: float,
    course_h: float,
    best: Mapping[tuple[str, str], float],
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """|quotient − f'| against h on log–log axes: one line per (dtype, kind),
    each curve's best h marked, the course's h and the chosen h as lines."""
    data = []
    width = sizes(look).path
    for (dtype, kind), errors in curves.items():
        shown = np.where(errors > 0, errors, np.nan)  # log axes: 0 is a gap
        name = f"{names[kind]} · {dtype}"
        color, dash = KIND_COLORS[kind], DTYPE_DASH[dtype]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": f32(hs),
                "y": f32(shown),  # typed arrays: NaN is no valid JSON
                "name": name,
                "line": {"color": color, "width": width, "dash": dash},
                "legendgroup": kind,
            }
        )
        at = best[dtype, kind]
        index = int(np.argmin(np.abs(np.log(hs) - np.log(at))))
        low = float(shown[index])  # an exact quotient (error 0) has no mark
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [at],
                "y": [low if np.isfinite(low) else None],
                "marker": {"size": sizes(look).marker, "color": color, "symbol": "x"},
                "name": f"{names['best_h']} {at:.0e}",
                "legendgroup": kind,
                "showlegend": False,
                "hovertemplate": f"{name}<br>{names['best_h']} = %{{x:.1e}}"
                "<br>%{y:.1e}<extra></extra>",
            }
        )
    layout = base_layout(
        look,
        xaxis=axis(look, title="h", type="log", exponentformat="power"),
        yaxis=axis(look, title=names["error"], type="log", exponentformat="power"),
        shapes=[_vertical(course_h, "#888888", "dash"), _vertical(h, "#111111")],
        annotations=[_label(course_h, names["course_h"]), _label(h, "h")],
        legend={"orientation": "v", "x": 1.02, "y": 1},
        uirevision="errors",
    )
    return {"data": data, "layout": layout}


def _vertical(x: float, color: str, dash: str = "solid") -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": 2, "dash": dash},
    }


def _label(x: float, text: str) -> dict:
    return {
        "x": float(np.log10(x)),  # log axes place annotations by exponent
        "xref": "x",
        "y": 1.0,
        "yref": "paper",
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
    }


def geometry_spec(
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    point: tuple[float, float],
    geo: Geometry,
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """The map around the point: ∇f and −∇f, the level line's tangent, the
    direction e. Arrows have one length (a fifth of the view): their
    directions are the lesson, the numbers are in the panel."""
    xs, ys, z = grid
    span = min(xs[-1] - xs[0], ys[-1] - ys[0])
    reach = 0.2 * span
    norm = float(np.hypot(*geo.gradient)) or 1.0
    unit = geo.gradient / norm
    x0, y0 = point
    tangent = np.array([-1.0, 1.0])[:, None] * geo.level_tangent * reach * 0.8
    data = [
        {
            "type": "contour",
            "x": f32(xs),
            "y": f32(ys),
            "z": f32(z),
            "colorscale": LIGHT_SCALE,
            "showscale": False,
            "ncontours": 25,
            "contours": {"coloring": "heatmap"},
            "hoverinfo": "skip",
            "name": "f",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": (x0 + tangent[:, 0]).tolist(),
            "y": (y0 + tangent[:, 1]).tolist(),
            "line": {"color": LEVEL, "width": sizes(look).path + 1},
            "name": names["level"],
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": [x0],
            "y": [y0],
            "marker": {"size": sizes(look).start, "color": "#111111"},
            "name": names["point"],
        },
    ]
    arrows = [
        (unit, GRADIENT, names["gradient"]),
        (-unit, "#d62728", names["descent"]),
        (geo.direction, DIRECTION, names["direction"]),
    ]
    # Legend entries for the arrows (annotations have none).
    data += [
        {
            "type": "scatter",
            "mode": "lines",
            "x": [None],
            "y": [None],
            "line": {"color": color, "width": 3},
            "name": name,
        }
        for _, color, name in arrows
    ]
    layout = base_layout(
        look,
        xaxis=axis(look, title="x", range=[float(xs[0]), float(xs[-1])]),
        yaxis=axis(
            look,
            title="y",
            range=[float(ys[0]), float(ys[-1])],
            scaleanchor="x",  # equal units: a right angle looks right
        ),
        annotations=[
            _arrow(point, vector * reach, color) for vector, color, _ in arrows
        ],
        legend={"orientation": "h", "y": -0.22},  # below the x axis's title
        uirevision="geometry",
    )
    return {"data": data, "layout": layout}


def _arrow(point: tuple[float, float], vector: np.ndarray, color: str) -> dict:
    x0, y0 = point
    return {
        "x": float(x0 + vector[0]),
        "y": float(y0 + vector[1]),
        "ax": float(x0),
        "ay": float(y0),
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "showarrow": True,
        "arrowhead": 3,
        "arrowsize": 1.4,
        "arrowwidth": 3,
        "arrowcolor": color,
        "text": "",
    }


def slice_spec(
    along: tuple[np.ndarray, np.ndarray],
    at: float,
    value: float,
    slope: float,
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """One slice of the surface through the point, with its tangent line:
    the slope is the partial derivative along that axis."""
    t, f = along
    finite = f[np.isfinite(f)]
    pad = 0.08 * (finite.max() - finite.min() + 1e-12)
    ends = np.array([t[0], t[-1]])
    width = sizes(look).path
    data = [
        _line(t, f, names["slice"], "#444444", width),
        _line(ends, value + slope * (ends - at), names["tangent"], TANGENT, width),
        {
            "type": "scatter",
            "mode": "markers",
            "x": [at],
            "y": [value],
            "marker": {"size": sizes(look).marker, "color": TANGENT},
            "showlegend": False,
            "name": names["point"],
        },
    ]
    layout = base_layout(
        look,
        xaxis=axis(look, title=names["axis"], range=[float(t[0]), float(t[-1])]),
        yaxis=axis(look, range=[float(finite.min() - pad), float(finite.max() + pad)]),
        title={"text": names["title"], "font": {"size": sizes(look).font}},
        margin={"l": 50, "r": 10, "t": 50, "b": 50},
        uirevision=names["axis"],
    )
    return {"data": data, "layout": layout}


def tangent_plane_spec(
    grid: tuple[np.ndarray, np.ndarray, np.ndarray],
    point: tuple[float, float],
    value: float,
    gradient: np.ndarray,
    names: Mapping[str, str],
    look: Look = DEFAULT_LOOK,
) -> dict:
    """The surface in 3-D with its tangent plane at the point,
    z = f(p) + ∇f(p)·(q − p), over a patch a third of the view wide."""
    xs, ys, z = grid
    finite = z[np.isfinite(z)]
    low, high = float(finite.min()), float(finite.max())
    x0, y0 = point
    half = (xs[-1] - xs[0]) / 6, (ys[-1] - ys[0]) / 6
    px = np.linspace(x0 - half[0], x0 + half[0], 2)
    py = np.linspace(y0 - half[1], y0 + half[1], 2)
    gx, gy = np.meshgrid(px, py)
    plane = value + gradient[0] * (gx - x0) + gradient[1] * (gy - y0)
    data = [
        {
            "type": "surface",
            "x": f32(xs),
            "y": f32(ys),
            "z": f32(z),
            "colorscale": LIGHT_SCALE,
            "showscale": False,
            "opacity": 0.9,
            "name": "f",
            "hoverinfo": "skip",
        },
        {
            "type": "surface",
            "x": px.tolist(),
            "y": py.tolist(),
            "z": np.clip(plane, low - (high - low), high + (high - low)).tolist(),
            "colorscale": [[0, TANGENT], [1, TANGENT]],
            "showscale": False,
            "opacity": 0.75,
            "name": names["plane"],
            "hoverinfo": "name",
        },
        {
            "type": "scatter3d",
            "mode": "markers",
            "x": [x0],
            "y": [y0],
            "z": [value],
            "marker": {"size": sizes(look).marker3d + 2, "color": "#111111"},
            "name": names["point"],
        },
    ]
    font = {"size": sizes(look).font}
    layout = base_layout(
        look,
        height=520,
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        showlegend=False,
        scene={
            "xaxis": {"title": {"text": "x", "font": font}},
            "yaxis": {"title": {"text": "y", "font": font}},
            "zaxis": {"title": {"text": "f", "font": font}, "range": [low, high]},
            "camera": {"eye": {"x": 1.5, "y": -1.5, "z": 1.1}},
        },
        uirevision="plane",
    )
    return {"data": data, "layout": layout}
