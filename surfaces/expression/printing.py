"""The parsed tree written back: canonical text (the surface's key and title)
and LaTeX (its formula panel). Both come from the tree, never from the text.

The canonical text re-parses to the same tree: parentheses are printed exactly
where the tree's shape needs them, operators are explicit (``*``, ``^``),
functions take parentheses, aliases become canonical names (ln -> log).
"""

from __future__ import annotations

from surfaces.expression.functions import CONSTANT_LATEX, FUNCTIONS
from surfaces.expression.nodes import Call, Chain, Const, Neg, Node, Num, Pow, Var


def number_text(value: float) -> str:
    """2.0 -> "2", 0.5 -> "0.5", 1e-08 -> "1e-08" (repr: it round-trips)."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _is_atom(node: Node) -> bool:
    return isinstance(node, Num | Var | Const | Call)


def _is_sum(node: Node) -> bool:
    return isinstance(node, Chain) and node.is_sum


def _is_product(node: Node) -> bool:
    return isinstance(node, Chain) and not node.is_sum


def _item_wrap(chain: Chain, index: int, item: Node) -> bool:
    """Parentheses around an item of a chain, where the tree needs them: a
    nested chain came from parentheses (a sum in a product, or a chain of
    the same kind), and a sign after an operator reads better in them."""
    nested = _is_sum(item) or (_is_product(item) and not chain.is_sum)
    return nested or (index > 0 and isinstance(item, Neg))


# --- canonical text -------------------------------------------------------------
def to_text(node: Node) -> str:
    """Canonical text: ``x^2 + 10*sin(y)``."""
    if isinstance(node, Num):
        return number_text(node.value)
    if isinstance(node, Var | Const):
        return node.name
    if isinstance(node, Neg):
        wrap = isinstance(node.operand, Chain | Neg)
        return "-" + _paren(to_text(node.operand), wrap)
    if isinstance(node, Chain):
        return _chain_text(node)
    if isinstance(node, Pow):
        base = _paren(to_text(node.base), not _is_atom(node.base))
        wrap = not (_is_atom(node.exponent) or isinstance(node.exponent, Pow))
        return f"{base}^{_paren(to_text(node.exponent), wrap)}"
    return f"{node.name}({', '.join(to_text(a) for a in node.args)})"


def _chain_text(chain: Chain) -> str:
    parts = []
    for index, (op, item) in enumerate(chain.items):
        text = _paren(to_text(item), _item_wrap(chain, index, item))
        if index == 0:
            parts.append(text)
        else:
            parts.append(f" {op} {text}" if chain.is_sum else f"{op}{text}")
    return "".join(parts)


def _paren(text: str, wrap: bool) -> str:
    return f"({text})" if wrap else text


# --- LaTeX ------------------------------------------------------------------------
def function_latex(node: Node, dim: int) -> str:
    """``f(x) = ...`` or ``f(x, y) = ...``, as the registry's surfaces write it."""
    head = "f(x)" if dim == 1 else "f(x, y)"
    return f"{head} = {to_latex(node)}"


def to_latex(node: Node, open_end: bool = True) -> str:
    """LaTeX of ``node``: ``x^{2} + 10 \\sin y``.

    ``open_end``: whether the text may end in a function without parentheses
    (``\\sin x``). Not when a plain factor follows, which a reader (and the
    parser) would take into the argument: sin(x)·y is ``\\sin\\left(x\\right)
    y``; before another function it may: ``\\sin x \\cos y``.
    """
    if isinstance(node, Num):
        return _number_latex(node.value)
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Const):
        return CONSTANT_LATEX[node.name]
    if isinstance(node, Neg):
        wrap = isinstance(node.operand, Neg) or _is_sum(node.operand)
        return "-" + _latex_paren(to_latex(node.operand, open_end or wrap), wrap)
    if _is_sum(node):
        return _sum_latex(node, open_end)
    if isinstance(node, Chain):
        return _product_latex(node, open_end)
    if isinstance(node, Pow):
        return _pow_latex(node)
    return _call_latex(node, open_end)


def _number_latex(value: float) -> str:
    text = number_text(value)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


def _sum_latex(chain: Chain, open_end: bool) -> str:
    parts = []
    last = len(chain.items) - 1
    for index, (op, item) in enumerate(chain.items):
        wrap = _item_wrap(chain, index, item)
        # "+" and "-" end a bare argument: only the last term inherits.
        text = _latex_paren(to_latex(item, index < last or open_end or wrap), wrap)
        parts.append(text if index == 0 else f" {op} {text}")
    return "".join(parts)


def _product_latex(chain: Chain, open_end: bool) -> str:
    """Left to right: ``a * b`` juxtaposed (``\\cdot`` before a digit),
    ``... / b`` as ``\\frac{...}{b}``."""
    items = chain.items
    text = ""
    alone = None  # the first factor unwrapped, while it is alone: (x+1)/2
    for index, (op, item) in enumerate(items):
        if op == "/":
            numerator = text if alone is None else alone
            text, alone = rf"\frac{{{numerator}}}{{{to_latex(item)}}}", None
            continue
        wrap = _is_sum(item) or (index > 0 and isinstance(item, Neg))
        open_end = wrap or _may_end_open(items, index, open_end)
        piece = _latex_paren(to_latex(item, open_end), wrap)
        if index == 0:
            text, alone = piece, (to_latex(item) if wrap else None)
        else:
            text += (r" \cdot " if piece[:1].isdigit() else " ") + piece
            alone = None
    return text


def _may_end_open(items: tuple, index: int, open_end: bool) -> bool:
    """Whether item ``index`` of a product may end in ``\\sin x``: last (then
    as the product may), before a division (the fraction closes it), or
    before a function name (which ends a bare argument)."""
    if index + 1 == len(items):
        return open_end
    op, following = items[index + 1]
    return op == "/" or _starts_with_open_function(following)


def _starts_with_open_function(node: Node) -> bool:
    while _is_product(node):
        node = node.items[0][1]
    return isinstance(node, Call) and not FUNCTIONS[node.name].closed


def _pow_latex(node: Pow) -> str:
    base = node.base
    atom = isinstance(base, Var | Const) or (
        isinstance(base, Call) and FUNCTIONS[base.name].power_base
    )
    atom = atom or (isinstance(base, Num) and "e" not in number_text(base.value))
    return f"{_latex_paren(to_latex(base), not atom)}^{{{to_latex(node.exponent)}}}"


def _call_latex(node: Call, open_end: bool) -> str:
    function = FUNCTIONS[node.name]
    args = [to_latex(a) for a in node.args]
    if function.closed:
        return function.latex.format(*args)
    argument = node.args[0]
    core = argument.base if isinstance(argument, Pow) else argument
    simple = isinstance(core, Var | Const) or (
        isinstance(core, Num) and "e" not in number_text(core.value)
    )
    if open_end and simple:
        return f"{function.latex} {args[0]}"
    return rf"{function.latex}\left({args[0]}\right)"


def _latex_paren(text: str, wrap: bool) -> str:
    return rf"\left({text}\right)" if wrap else text
