"""Loss surfaces: pure JAX functions plus what a page needs to show them."""

from surfaces.base import Minimum, Surface, SurfaceParam
from surfaces.registry import SURFACES, get_surface

# User-typed functions (parse_expression, ExpressionError) are re-exported here
# by the expression parser's module, once it exists.

__all__ = ["SURFACES", "Minimum", "Surface", "SurfaceParam", "get_surface"]
