"""The surface's landmarks: its minima, or its maxima when the runs climb."""

from __future__ import annotations

from collections.abc import Mapping

from surfaces import Minimum, Surface
from viz.style import Look, sizes

# Stars for minima, diamonds for maxima; filled global, open local.
SYMBOLS = {
    (False, "global"): "star",
    (False, "local"): "star-open",
    (True, "global"): "diamond",
    (True, "local"): "diamond-open",
}


def extrema(
    surface: Surface, look: Look, params: Mapping[str, float] | None = None
) -> tuple[Minimum, ...]:
    """The minima for these surface parameters (a data surface's optimum moves
    with its data), or the maxima when maximising (none documented: none)."""
    if look.maximize:
        return tuple(getattr(surface, "maxima", ()) or ())
    return tuple(surface.minima_at(params))


def extrema_trace(
    surface: Surface, look: Look, dim: int, params: Mapping[str, float] | None = None
) -> dict:
    """A marker per extremum: on the map at its point, on the curve at (x, f)."""
    found = extrema(surface, look, params)
    texts, size = look.texts, sizes(look)
    if dim == 2:
        x = [float(m.point[0]) for m in found]
        y = [float(m.point[1]) for m in found]
        where = "(%{x:.4g}, %{y:.4g})"
    else:
        x = [float(m.point[0]) for m in found]
        y = [float(m.value) for m in found]
        where = f"(%{{x:.4g}}, {texts.value} %{{y:.4g}})"
    kinds = [m.kind if m.kind in ("global", "local") else "global" for m in found]
    word = texts.maximum if look.maximize else texts.minimum
    return {
        "type": "scatter",
        "mode": "markers",
        "x": x,
        "y": y,
        "marker": {
            "symbol": [SYMBOLS[look.maximize, k] for k in kinds],
            # Rastrigin and Ackley list 121 minima: keep the local ones small.
            "size": [size.extremum if k == "global" else size.local for k in kinds],
            "color": "#111",
            "line": {"width": 1, "color": "white"},
        },
        "name": texts.maxima if look.maximize else texts.minima,
        "showlegend": bool(found),
        "hovertemplate": f"{word} {where}<extra></extra>",
    }
