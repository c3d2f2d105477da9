"""A recursive-descent parser for f(x) or f(x, y) as a teacher types it.

Grammar (lowest precedence first; whitespace never matters)::

    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary | implicit power)*
    unary    := ("-" | "+") unary | power
    power    := atom ("^" unary)?                 right-assoc: x^y^z = x^(y^z)
    atom     := number | x | y | pi | e | "(" sum ")" | function call
    call     := "(" sum ("," sum)* ")"            exactly the function's arity
              | bare                              one-argument functions only
    bare     := ("-" | "+") bare | power (implicit power)*
                with no function name after the first factor

``implicit`` is juxtaposition: a name or "(" right after a factor multiplies
(2x, 2 sin x, x y, (x+1)(x-1); a run of x's and y's is split, so xy = x·y
and 2xy^2 = 2·x·y²); a number never does (``2 3`` and ``x 2`` are
refused, so a missing operator is not silently a product). Implicit and
explicit products share one level, left to right: x/2y = (x/2)·y.

A function name without "(" takes the product of factors up to the next
+, -, *, /, ",", ")" or function name: sin x^2 = sin(x²), sin 2x = sin(2x),
sin x y = sin(xy), 25 sin x - x^2 = 25·sin(x) − x², sin x cos y = sin(x)·cos(y),
sin x / 2 = sin(x)/2. With "(" right after the name, the parentheses hold
the whole argument: sin(x)^2 = (sin x)², sin(x) y = sin(x)·y.
Signs bind looser than powers: -x^2 = −(x²), 2^-x = 2^(−x).
"""

from __future__ import annotations

from surfaces.expression.errors import MAX_DEPTH, MAX_NODES, ExpressionError
from surfaces.expression.functions import CONSTANTS, VARIABLES, function_named
from surfaces.expression.nodes import Call, Chain, Const, Neg, Node, Num, Pow, Var
from surfaces.expression.tokens import Token, tokenize


def parse(text: str) -> Node:
    """The tree of ``text`` (already through ``tokens.check_raw``)."""
    return _Parser(tokenize(text)).parse()


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0
        self.nodes = 0

    # --- token helpers -------------------------------------------------------
    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def at(self, *ops: str) -> bool:
        return self.token.kind == "op" and self.token.text in ops

    def advance(self) -> Token:
        token = self.token
        self.index += 1
        return token

    def expect(self, op: str, why: str) -> None:
        if not self.at(op):
            ended = " (the text ends too early)" if self.token.kind == "end" else ""
            raise self.error(f"expected '{op}' {why}{ended}", "syntax")
        self.advance()

    def error(self, problem: str, reason: str, token: Token | None = None):
        token = token or self.token
        return ExpressionError(problem, token.column, reason)

    def made(self, node: Node, token: Token) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.error(
                f"the function has more than {MAX_NODES} parts", "too_many_nodes", token
            )
        return node

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} deep", "too_deep")

    # --- grammar -------------------------------------------------------------
    def parse(self) -> Node:
        node = self.sum()
        if self.token.kind != "end":
            raise self.error(self.unexpected(), "syntax")
        return node

    def sum(self) -> Node:
        first = self.token
        items = [("+", self.product())]
        while self.at("+", "-"):
            items.append((self.advance().text, self.product()))
        return items[0][1] if len(items) == 1 else self.made(Chain(tuple(items)), first)

    def product(self) -> Node:
        first = self.token
        items = [("*", self.unary())]
        while True:
            if self.at("*", "/"):
                items.append((self.advance().text, self.unary()))
            elif self.implicit(functions=True):
                items.append(("*", self.power()))
            else:
                break
        return items[0][1] if len(items) == 1 else self.made(Chain(tuple(items)), first)

    def implicit(self, functions: bool) -> bool:
        """Whether the next token starts a factor multiplied by juxtaposition."""
        token = self.token
        if token.kind == "number":
            raise self.error(f"missing operator before {token.text}", "syntax")
        if token.kind == "name":
            return functions or function_named(token.text) is None
        return self.at("(")

    def unary(self) -> Node:
        self.enter()
        if self.at("-", "+"):
            sign = self.advance()
            operand = self.unary()
            node = operand if sign.text == "+" else self.made(Neg(operand), sign)
        else:
            node = self.power()
        self.depth -= 1
        return node

    def power(self) -> Node:
        base = self.atom()
        if not self.at("^"):
            return base
        caret = self.advance()
        return self.made(Pow(base, self.unary()), caret)

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            return self.made(Num(float(token.text)), token)
        if token.kind == "name":
            self.advance()
            return self.made(self.named(token), token)
        if self.at("("):
            self.advance()
            node = self.sum()
            self.expect(")", "to close the '(' at column " + str(token.column))
            return node
        raise self.error(self.unexpected(operand=True), "syntax")

    def named(self, token: Token) -> Node:
        if token.text in VARIABLES:
            return Var(token.text)
        if token.text in CONSTANTS:
            return Const(token.text)
        function = function_named(token.text)
        assert function is not None  # the tokenizer lets only known names through
        if self.at("("):
            return Call(function.name, self.arguments(function, token))
        if function.arity != 1:
            raise self.error(
                f"{function.name} takes {function.arity} arguments: "
                f"{function.name}(a, b)",
                "arity",
            )
        return Call(function.name, (self.bare(),))

    def arguments(self, function, name: Token) -> tuple[Node, ...]:
        self.advance()  # "("
        args = [self.sum()]
        while self.at(","):
            self.advance()
            args.append(self.sum())
        self.expect(")", f"to close {function.name}(")
        if len(args) != function.arity:
            raise self.error(
                f"{function.name} takes {function.arity} argument"
                f"{'s' if function.arity > 1 else ''}, got {len(args)}",
                "arity",
                name,
            )
        return tuple(args)

    def bare(self) -> Node:
        """The argument of a function written without parentheses."""
        self.enter()
        if self.at("-", "+"):
            sign = self.advance()
            operand = self.bare()
            node = operand if sign.text == "+" else self.made(Neg(operand), sign)
        else:
            first = self.token
            items = [("*", self.power())]
            while self.implicit(functions=False):
                items.append(("*", self.power()))
            node = (
                items[0][1]
                if len(items) == 1
                else self.made(Chain(tuple(items)), first)
            )
        self.depth -= 1
        return node

    def unexpected(self, operand: bool = False) -> str:
        """What is wrong at the current token; ``operand``: an operand was due."""
        token = self.token
        if token.kind == "end":
            return "the text ends where a number, name or '(' should come"
        if token.text == ",":
            return "',' only separates the two arguments of min(a, b) and max(a, b)"
        if token.text == ")":
            if operand:
                return "a number, name or '(' is missing before this ')'"
            return "this ')' has no matching '('"
        if operand:
            return f"a number, name or '(' should come before '{token.text}'"
        return f"unexpected '{token.text}'"
