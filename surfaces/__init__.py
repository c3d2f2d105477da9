"""Loss surfaces: pure JAX functions plus what a page needs to show them."""

import surfaces._xla  # noqa: F401  # before any JAX array exists
from surfaces.base import Minimum, Surface, SurfaceParam
from surfaces.registry import SURFACES, get_surface

# User-typed functions: the expression parser's import goes here, e.g.
# from surfaces.expression import ExpressionError, parse_expression
# (and both names go into __all__).

__all__ = ["SURFACES", "Minimum", "Surface", "SurfaceParam", "get_surface"]
