"""User-typed functions: ``parse_expression(text) -> Surface``, safely.

The text goes through a tokenizer and a small recursive-descent parser of
our own into a tree of a few node types, which is compiled to ``jax.numpy``
closures. Nothing of Python runs on it: no ``eval``/``exec``/``compile``, no
``ast``, no sympy. Length, nesting and size are capped (``MAX_LENGTH``,
``MAX_DEPTH``, ``MAX_NODES``) before anything is built.

Modules: ``functions`` (what may be named), ``tokens`` and ``parser`` (text
to tree; the grammar is in the parser's docstring), ``printing`` (canonical
text and LaTeX), ``evaluate`` (tree to closures), ``minima`` (numerical
minima), ``surface`` (``parse_expression``).
"""

from surfaces.expression.errors import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_NODES,
    ExpressionError,
)
from surfaces.expression.surface import (
    DEFAULT_DOMAIN,
    ExpressionSurface,
    parse_expression,
)

__all__ = [
    "DEFAULT_DOMAIN",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_NODES",
    "ExpressionError",
    "ExpressionSurface",
    "parse_expression",
]
