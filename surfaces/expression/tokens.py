"""Raw-text checks and the tokenizer: typed text to (kind, text, column) tokens.

Only printable ASCII letters, digits, whitespace and ``+ - * / ^ ( ) , .`` get
through; anything else (Cyrillic х, fullwidth digits, ``_``, quotes, ``[``,
``=``, ``<``, ``:``, ...) is refused at its column before any parsing.
"""

from __future__ import annotations

import math
import unicodedata
from typing import NamedTuple

from surfaces.expression.errors import MAX_DEPTH, MAX_LENGTH, ExpressionError
from surfaces.expression.functions import CONSTANTS, VARIABLES, function_named

OPERATORS = frozenset("+-*/^(),")
WHITESPACE = frozenset(" \t\r\n")
DIGITS = frozenset("0123456789")
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# What people paste from slides, and what to type instead.
LOOKALIKES = {"−": "-", "×": "*", "·": "*", "÷": "/", "²": "^2", "³": "^3"}


class Token(NamedTuple):
    kind: str  # "number", "name", "op" or "end"
    text: str  # "**" arrives as "^"
    column: int  # 1-based


def check_raw(text: str) -> None:
    """Refuse empty, over-long and over-nested text before tokenizing."""
    if not text.strip():
        raise ExpressionError("the function is empty", 1, "empty")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"the function is longer than {MAX_LENGTH} characters",
            MAX_LENGTH + 1,
            "too_long",
        )
    depth = 0
    for index, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth > MAX_DEPTH:
            raise ExpressionError(
                f"parentheses are nested more than {MAX_DEPTH} deep",
                index + 1,
                "too_deep",
            )


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, ending with an ``end`` token."""
    tokens: list[Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in WHITESPACE:
            index += 1
        elif char in DIGITS or (char == "." and _digit_at(text, index + 1)):
            index = _number(text, index, tokens)
        elif char in LETTERS:
            index = _name(text, index, tokens)
        elif char == "*" and text.startswith("**", index):
            tokens.append(Token("op", "^", index + 1))
            index += 2
        elif char in OPERATORS:
            tokens.append(Token("op", char, index + 1))
            index += 1
        else:
            raise _bad_character(char, index + 1)
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _digit_at(text: str, index: int) -> bool:
    return index < len(text) and text[index] in DIGITS


def _digits(text: str, index: int) -> int:
    while _digit_at(text, index):
        index += 1
    return index


def _number(text: str, start: int, tokens: list[Token]) -> int:
    """A decimal literal: 2, 2.5, .5, 5., 1e-3, 2E+8 (an ``e`` not followed by
    digits is the constant e: ``2e`` is 2·e, ``2e^x`` is 2·e^x)."""
    index = _digits(text, start)
    if index < len(text) and text[index] == ".":
        index = _digits(text, index + 1)
    if index < len(text) and text[index] in "eE":
        exponent = index + 1
        if exponent < len(text) and text[exponent] in "+-":
            exponent += 1
        if _digit_at(text, exponent):
            index = _digits(text, exponent)
    literal = text[start:index]
    # float() of a bounded ASCII literal: no big-integer arithmetic, and an
    # overflow (1e999, 400 digits) is refused instead of becoming inf.
    if not math.isfinite(float(literal)):
        raise ExpressionError(
            f"the number {_short(literal)} is too large (at most about 1.8e308)",
            start + 1,
            "bad_number",
        )
    tokens.append(Token("number", literal, start + 1))
    return index


def _name(text: str, start: int, tokens: list[Token]) -> int:
    index = start
    while index < len(text) and (text[index] in LETTERS or text[index] in DIGITS):
        index += 1
    word = text[start:index]
    if word in VARIABLES or word in CONSTANTS or function_named(word):
        tokens.append(Token("name", word, start + 1))
    elif set(word) <= set(VARIABLES):
        # "xy" and "2xy^2", as written on a blackboard: one variable per letter.
        tokens.extend(Token("name", c, start + 1 + i) for i, c in enumerate(word))
    else:
        raise _unknown_name(word, start + 1)
    return index


def _unknown_name(word: str, column: int) -> ExpressionError:
    hint = ""
    known = [w for w in (*VARIABLES, *CONSTANTS) if word.startswith(w)]
    prefix = next(
        (word[:n] for n in range(len(word), 0, -1) if function_named(word[:n])), ""
    )
    if prefix:
        hint = f" (write {prefix} {word[len(prefix) :]} or {prefix}(...))"
    elif function_named(word.lower()) or word.lower() in (*VARIABLES, *CONSTANTS):
        hint = f" (names are lower case: {word.lower()})"
    elif len(word) == 1:
        hint = " (the variables are x and y)"
    elif known:
        hint = " (put * or a space between names)"
    return ExpressionError(
        f"unknown name '{_short(word)}'{hint}", column, "unknown_name"
    )


def _bad_character(char: str, column: int) -> ExpressionError:
    if char == ".":
        problem = "a '.' belongs in a number, as in 0.5 (attributes are not allowed)"
    elif char in LOOKALIKES:
        problem = f"the character '{char}' is not allowed: type {LOOKALIKES[char]}"
    elif char.isascii() and char.isprintable():
        problem = f"the character '{char}' is not allowed"
    else:
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        problem = f"the character {name} (U+{ord(char):04X}) is not allowed"
    return ExpressionError(problem, column, "bad_character")


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
