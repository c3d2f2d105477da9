"""Figure builders: arrays in, plotly figures out. No streamlit here."""

from viz.contour import contour_figure, contour_spec
from viz.encode import to_json
from viz.grid import host_grid, surface_grid
from viz.iterates import iterates_figure, iterates_spec
from viz.line1d import line_figure, line_spec
from viz.loss import loss_figure, loss_spec
from viz.style import FigureTexts, Look, Path, color_for
from viz.surface3d import surface_figure, surface_spec

__all__ = [
    "FigureTexts",
    "Look",
    "Path",
    "color_for",
    "contour_figure",
    "contour_spec",
    "host_grid",
    "iterates_figure",
    "iterates_spec",
    "line_figure",
    "line_spec",
    "loss_figure",
    "loss_spec",
    "surface_figure",
    "surface_grid",
    "surface_spec",
    "to_json",
]
