"""The one error a typed function can raise, and the limits that bound parsing.

Every limit is checked on the raw text or while parsing, before anything is
built or evaluated, so that a hostile string costs at most a linear scan.
"""

from __future__ import annotations

from surfaces.expression.functions import ALLOWED

# Longer than any formula a lecture needs (Goldstein-Price is ~110 characters).
MAX_LENGTH = 500
# Operators, numbers, names and calls in the parsed tree. Each node is traced
# into every runner (with its gradient and Hessian): this bounds compile time.
MAX_NODES = 200
# Nesting of parentheses, calls, signs and exponents. It bounds the parser's
# recursion (a few Python frames per level) far below Python's own limit.
MAX_DEPTH = 32


class ExpressionError(ValueError):
    """A typed function that cannot be used, and where.

    Attributes:
        column: 1-based position in the text as typed (characters, not bytes).
        problem: what is wrong, e.g. ``unknown name 'z'``.
        message: ``problem`` plus a short list of what is allowed.
        reason: a stable code for translations, e.g. ``"unknown_name"``.
    """

    def __init__(self, problem: str, column: int, reason: str) -> None:
        self.problem = problem
        self.column = column
        self.reason = reason
        self.message = f"{problem}. {ALLOWED}."
        super().__init__(f"column {column}: {self.message}")

    def __reduce__(self):  # picklable despite the custom signature
        return type(self), (self.problem, self.column, self.reason)
