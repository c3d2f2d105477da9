"""What a typed function may name: x and y, two constants and a function table.

One table row owns a function: its arity, how it is written in LaTeX and how
it is computed. ``xp`` is ``jax.numpy`` (the surface's f, differentiated by
the optimizers) or ``numpy`` (the minima search and the map, which need no
compile); both spell these functions alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

VARIABLES = ("x", "y")  # x is p[0], y is p[1]
CONSTANTS = MappingProxyType({"pi": math.pi, "e": math.e})
CONSTANT_LATEX = MappingProxyType({"pi": r"\pi", "e": "e"})


def _sqrt(xp: Any, u: Any) -> Any:
    # Double where: sqrt's derivative at 0 is infinite, and jax.grad of
    # sqrt(x^2 + y^2) at the origin would be nan; the kink gets slope 0.
    positive = u > 0
    root = xp.sqrt(xp.where(positive, u, 1.0))
    return xp.where(positive, root, xp.where(u == 0, 0.0, np.nan))


@dataclass(frozen=True)
class Function:
    """A function a teacher may type.

    Attributes:
        name: the canonical name (aliases map to it).
        arity: number of arguments; only one-argument functions may be
            written without parentheses (``sin x``).
        latex: the LaTeX operator, e.g. ``\\sin``; or, for ``closed``
            functions, a template whose ``{0}``/``{1}`` are the arguments.
        compute: ``compute(xp, *args)``.
        closed: whether ``latex`` encloses its arguments (sqrt, abs, min,
            max): they never need parentheses around them.
    """

    name: str
    arity: int
    latex: str
    compute: Callable[..., Any]
    closed: bool = False

    @property
    def power_base(self) -> bool:
        """Whether it can carry an exponent as is (not e^{u}: e^{u}^{2})."""
        return self.closed and "^" not in self.latex


def _unary(name: str, latex: str) -> Function:
    return Function(name, 1, latex, lambda xp, u: getattr(xp, name)(u))


FUNCTIONS = MappingProxyType(
    {
        f.name: f
        for f in (
            _unary("sin", r"\sin"),
            _unary("cos", r"\cos"),
            _unary("tan", r"\tan"),
            _unary("arcsin", r"\arcsin"),
            _unary("arccos", r"\arccos"),
            _unary("arctan", r"\arctan"),
            _unary("sinh", r"\sinh"),
            _unary("cosh", r"\cosh"),
            _unary("tanh", r"\tanh"),
            # e^{...} reads better than \exp(...) on a slide.
            Function("exp", 1, "e^{{{0}}}", lambda xp, u: xp.exp(u), True),
            # Natural log, written \ln so that no one reads it as base 10.
            _unary("log", r"\ln"),
            _unary("log10", r"\log_{10}"),
            _unary("log2", r"\log_{2}"),
            Function("sqrt", 1, r"\sqrt{{{0}}}", _sqrt, closed=True),
            Function("abs", 1, r"\left|{0}\right|", lambda xp, u: xp.abs(u), True),
            Function(
                "min",
                2,
                r"\min\left({0}, {1}\right)",
                lambda xp, a, b: xp.minimum(a, b),
                True,
            ),
            Function(
                "max",
                2,
                r"\max\left({0}, {1}\right)",
                lambda xp, a, b: xp.maximum(a, b),
                True,
            ),
        )
    }
)
ALIASES = MappingProxyType(
    {"asin": "arcsin", "acos": "arccos", "atan": "arctan", "ln": "log"}
)


def function_named(name: str) -> Function | None:
    """The function ``name`` (or an alias) stands for, or None."""
    return FUNCTIONS.get(ALIASES.get(name, name))


def _allowed() -> str:
    one = " ".join(f.name for f in FUNCTIONS.values() if f.arity == 1)
    two = " ".join(f"{f.name}(a, b)" for f in FUNCTIONS.values() if f.arity == 2)
    return (
        "Allowed: the variables x and y, numbers (2, 0.5, 1e-3), pi, e, "
        f"+ - * / ^ (or **), parentheses, and the functions {one} {two}"
    )


ALLOWED = _allowed()
