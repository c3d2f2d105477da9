"""Figure builders: arrays in, plotly figures out. No streamlit here."""

from viz.contour import contour_figure
from viz.grid import surface_grid
from viz.line1d import line_figure
from viz.loss import loss_figure
from viz.style import Path, color_for
from viz.surface3d import surface_figure

__all__ = [
    "Path",
    "color_for",
    "contour_figure",
    "line_figure",
    "loss_figure",
    "surface_figure",
    "surface_grid",
]
