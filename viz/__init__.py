"""Figure builders: arrays in, plotly figures out. No streamlit here.

The names below load their module on first use (PEP 562), so that a module
that only needs the browser's tags (``viz.tags``, read by scenes/query.py)
does not import plotly and every figure builder with it.
"""

from importlib import import_module

_WHERE = {
    "contour_figure": "viz.contour",
    "contour_spec": "viz.contour",
    "to_json": "viz.encode",
    "host_grid": "viz.grid",
    "surface_grid": "viz.grid",
    "iterates_figure": "viz.iterates",
    "iterates_spec": "viz.iterates",
    "line_figure": "viz.line1d",
    "line_spec": "viz.line1d",
    "loss_figure": "viz.loss",
    "loss_spec": "viz.loss",
    "FigureTexts": "viz.style",
    "Look": "viz.style",
    "Path": "viz.style",
    "color_for": "viz.style",
    "surface_figure": "viz.surface3d",
    "surface_spec": "viz.surface3d",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'viz' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)
