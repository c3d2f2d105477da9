"""The parsed tree: a few frozen node types, nothing Python can execute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Num:
    value: float  # always a float: literals are never Python ints


@dataclass(frozen=True)
class Var:
    name: str  # "x" or "y"


@dataclass(frozen=True)
class Const:
    name: str  # "pi" or "e"


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Chain:
    """``a + b - c`` or ``a * b / c`` as one node, so that a long sum is one
    level deep, not one level per term.

    ``items`` are ``(op, node)`` pairs; the first op is ``+`` (a sum) or ``*``
    (a product); implicit multiplication is ``*``.
    """

    items: tuple[tuple[str, Node], ...]

    @property
    def is_sum(self) -> bool:
        return self.items[0][0] == "+"


@dataclass(frozen=True)
class Pow:
    base: Node
    exponent: Node


@dataclass(frozen=True)
class Call:
    name: str  # canonical, e.g. "log" for "ln"
    args: tuple[Node, ...]


Node = Union[Num, Var, Const, Neg, Chain, Pow, Call]  # noqa: UP007


def variables(node: Node) -> frozenset[str]:
    """The variables a tree uses."""
    if isinstance(node, Var):
        return frozenset({node.name})
    return frozenset().union(*(variables(c) for c in children(node)))


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, Chain):
        return tuple(n for _, n in node.items)
    if isinstance(node, Pow):
        return (node.base, node.exponent)
    if isinstance(node, Call):
        return node.args
    return ()
