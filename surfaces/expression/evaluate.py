"""The tree compiled to closures over an array module: ``jax.numpy`` for the
surface's f (traced, differentiated, jitted by the runner) or ``numpy`` for
host-side work that should not wait for a compile (the minima search).

Nothing is computed in Python: every literal is a float64 constant and every
operation an ``xp`` call, so ``9^9^9`` is the array value inf, not a Python
big-integer power; nothing is folded before ``xp`` sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from surfaces.expression.functions import CONSTANTS, FUNCTIONS, VARIABLES
from surfaces.expression.nodes import Call, Chain, Const, Neg, Node, Num, Pow, Var

Closure = Callable[[Any], Any]  # points (..., dim) -> values (...)
# Whole exponents up to this size use integer powers (exact, and x^3 stays
# defined for x < 0 under autodiff); larger ones are ordinary float powers.
INTEGER_POWER = 64

_CHAIN_OPS = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide"}


def compile_tree(node: Node, xp: Any) -> Closure:
    """``closure(p)`` with ``p[..., 0]`` = x and ``p[..., 1]`` = y."""
    if isinstance(node, Num | Const):
        value = np.float64(
            node.value if isinstance(node, Num) else CONSTANTS[node.name]
        )
        return lambda p: value
    if isinstance(node, Var):
        axis = VARIABLES.index(node.name)
        return lambda p: p[..., axis]
    if isinstance(node, Neg):
        operand = compile_tree(node.operand, xp)
        return lambda p: xp.negative(operand(p))
    if isinstance(node, Chain):
        return _chain(node, xp)
    if isinstance(node, Pow):
        return _power(node, xp)
    return _call(node, xp)


def _chain(node: Chain, xp: Any) -> Closure:
    first = compile_tree(node.items[0][1], xp)
    rest = [
        (getattr(xp, _CHAIN_OPS[op]), compile_tree(n, xp)) for op, n in node.items[1:]
    ]

    def chain(p):
        # A loop, not nested closures: a 100-term sum is one call deep.
        value = first(p)
        for operation, item in rest:
            value = operation(value, item(p))
        return value

    return chain


def _power(node: Pow, xp: Any) -> Closure:
    base = compile_tree(node.base, xp)
    exponent = node.exponent
    if (
        isinstance(exponent, Num)
        and exponent.value.is_integer()
        and abs(exponent.value) <= INTEGER_POWER
    ):
        whole = int(exponent.value)  # bounded: a small exact int
        return lambda p: xp.power(base(p), whole)
    power = compile_tree(exponent, xp)
    return lambda p: xp.power(base(p), power(p))


def _call(node: Call, xp: Any) -> Closure:
    compute = FUNCTIONS[node.name].compute
    args = [compile_tree(a, xp) for a in node.args]
    return lambda p: compute(xp, *(a(p) for a in args))
