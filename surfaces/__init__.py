"""Loss surfaces: pure JAX functions plus what a page needs to show them."""

import surfaces._xla  # noqa: F401  # before any JAX array exists
from surfaces.base import Minimum, Surface, SurfaceParam
from surfaces.expression import ExpressionError, parse_expression
from surfaces.registry import SURFACES, get_surface

__all__ = [
    "SURFACES",
    "ExpressionError",
    "Minimum",
    "Surface",
    "SurfaceParam",
    "get_surface",
    "parse_expression",
]
