"""Typed functions: grammar, values and gradients against NumPy, LaTeX, hostile
text, a fuzz, numerically found minima, and every optimizer on the result."""

from __future__ import annotations

import builtins
import io
import os
import pickle
import statistics
import subprocess
import time
import tokenize
from pathlib import Path

import jax
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizers import OPTIMIZERS, run
from optimizers.compiled import RUNNERS
from surfaces import (
    ExpressionError,
    Surface,
    get_surface,
    parse_expression,
)
from surfaces.expression import MAX_DEPTH, MAX_LENGTH, MAX_NODES
from surfaces.expression.surface import _build

PACKAGE = Path(__file__).resolve().parent.parent / "surfaces" / "expression"
POINTS_2D = [(0.3, -0.7), (1.3, 2.1), (-2.2, 0.4), (-1.1, -1.9)]


def value(s: Surface, point) -> float:
    return float(s.f(np.asarray(point, dtype=np.float64)))


# --- grammar: what a teacher types and what it means -----------------------------
# (typed, the same function written out in full): both give one canonical text.
SAME_TREE = [
    ("x^2", "x**2"),
    ("x ^ 2", "x**2"),
    ("sin x^2", "sin(x**2)"),
    ("2x", "2*x"),
    ("25 sin x - x^2", "25*sin(x) - x**2"),
    ("-x^2", "-(x**2)"),
    ("x y", "x*y"),
    ("xy", "x*y"),
    ("2xy^2", "2*x*y**2"),
    ("sin x cos y", "sin(x)*cos(y)"),
    ("sin 2x", "sin(2*x)"),
    ("sin x y", "sin(x*y)"),
    ("sin x / 2", "sin(x)/2"),
    ("sin x + 1", "sin(x) + 1"),
    ("sin(x)^2", "(sin(x))**2"),
    ("sin(x) y", "sin(x)*y"),
    ("sin cos x", "sin(cos(x))"),
    ("sin -x", "sin(-x)"),
    ("x/2y", "x/2*y"),  # (x/2)·y: one level, left to right
    ("x^2y", "x**2*y"),
    ("2^-x", "2**(-x)"),
    ("x^y^2", "x**(y**2)"),
    ("2e3x", "2000*x"),
    ("2e^x", "2*e**x"),
    ("2 pi x", "2*pi*x"),
    ("(x+1)(x-1)", "(x+1)*(x-1)"),
    ("2(x+1)", "2*(x+1)"),
    ("ln x", "log(x)"),
    ("atan y", "arctan(y)"),
    ("+x", "x"),
    ("(1-x)^2 + 100(y-x^2)^2", "(1 - x)**2 + 100*(y - x**2)**2"),
]


@pytest.mark.parametrize(("typed", "full"), SAME_TREE)
def test_typed_forms_mean_what_the_grammar_says(typed: str, full: str) -> None:
    a, b = parse_expression(typed), parse_expression(full)
    assert a.text == b.text
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("x**2 + 10*sin(y)", "x^2 + 10*sin(y)"),
        ("25 sin x - x^2", "25*sin(x) - x^2"),
        ("-(x*y) - -x", "-(x*y) - (-x)"),
        ("x*(-y)", "x*(-y)"),
        ("(x*y)*2", "(x*y)*2"),
        ("x - (y - 1)", "x - (y - 1)"),
        ("(-x)^2", "(-x)^2"),
        ("x^(-2)", "x^(-2)"),
        ("0.10", "0.1"),
        ("1e-8 x", "1e-08*x"),
    ],
)
def test_canonical_text_is_explicit_and_keeps_the_tree(
    text: str, canonical: str
) -> None:
    s = parse_expression(text)
    assert s.text == canonical
    assert s.key == "expr:" + canonical
    assert parse_expression(canonical).text == canonical  # re-parses to itself


def test_dimension_comes_from_the_variables_used() -> None:
    assert parse_expression("x^2").dim == 1
    assert parse_expression("3").dim == 1  # a constant is a flat line
    assert parse_expression("x^2 + y").dim == 2
    # y alone is a 2-D surface, constant along x (y is always the 2nd axis).
    s = parse_expression("y^2")
    assert s.dim == 2
    assert value(s, (4.0, 3.0)) == value(s, (-1.0, 3.0)) == 9.0


# --- values and gradients against NumPy and finite differences -------------------
# (typed, the same formula in numpy, dim); points avoid every kink.
VALUES = [
    ("x**2 + 10*sin(y)", lambda x, y: x**2 + 10 * np.sin(y), 2),
    ("(1-x)^2 + 100*(y-x^2)^2", lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2, 2),
    ("2xy^2 + e^-x^2", lambda x, y: 2 * x * y**2 + np.exp(-(x**2)), 2),
    ("sin x cos y", lambda x, y: np.sin(x) * np.cos(y), 2),
    ("x/2y", lambda x, y: x / 2 * y, 2),
    (
        "sqrt(x^2 + y^2 + 1) - log(2 + cos x)",
        lambda x, y: np.sqrt(x**2 + y**2 + 1) - np.log(2 + np.cos(x)),
        2,
    ),
    (
        "tanh(x) y - atan(y/3) + abs(x - 1)",
        lambda x, y: np.tanh(x) * y - np.arctan(y / 3) + np.abs(x - 1),
        2,
    ),
    (
        "max(x, y)^2 + min(x^2, 1)",
        lambda x, y: np.maximum(x, y) ** 2 + np.minimum(x**2, 1),
        2,
    ),
    (
        "exp(-(x^2+y^2)/2) cosh(y/4) + sinh(x/5)",
        lambda x, y: np.exp(-(x**2 + y**2) / 2) * np.cosh(y / 4) + np.sinh(x / 5),
        2,
    ),
    ("2^x + 1/(1 + y^2) + x^-2", lambda x, y: 2.0**x + 1 / (1 + y**2) + x**-2.0, 2),
    (
        "log10(x^2 + 1) + log2(y^2 + 2) + ln 3",
        lambda x, y: np.log10(x**2 + 1) + np.log2(y**2 + 2) + np.log(3),
        2,
    ),
    (
        "arcsin(x/10) + acos(y/10) + tan(x/4)",
        lambda x, y: np.arcsin(x / 10) + np.arccos(y / 10) + np.tan(x / 4),
        2,
    ),
    ("pi x - e y + (x+y)^3/7", lambda x, y: np.pi * x - np.e * y + (x + y) ** 3 / 7, 2),
    ("abs(y)^1.5 + x^2.5 / 3", lambda x, y: np.abs(y) ** 1.5 + np.abs(x) ** 2.5 / 3, 2),
    ("25 sin x - x^2", lambda x: 25 * np.sin(x) - x**2, 1),
    ("-x^2 + 3x - 1", lambda x: -(x**2) + 3 * x - 1, 1),
    ("x^2 + sin(x)", lambda x: x**2 + np.sin(x), 1),
]


def _points(text: str, dim: int) -> list[tuple[float, ...]]:
    points = POINTS_2D if dim == 2 else [(p[0],) for p in POINTS_2D]
    if "x^2.5" in text:  # defined for x >= 0 only
        points = [(abs(p[0]), *p[1:]) for p in points]
    return points


@pytest.mark.parametrize(("text", "formula", "dim"), VALUES, ids=[v[0] for v in VALUES])
def test_values_and_gradients_match_numpy(text, formula, dim) -> None:
    s = parse_expression(text)
    assert s.dim == dim
    grad, hess = jax.jit(jax.grad(s.f)), jax.jit(jax.hessian(s.f))
    for point in _points(text, dim):
        p = np.asarray(point)
        expected = formula(*p)
        np.testing.assert_allclose(value(s, p), expected, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(s.host_fn(p[None])[0], expected, rtol=1e-12)
        h = 1e-6
        fd = [
            (formula(*(p + h * e)) - formula(*(p - h * e))) / (2 * h)
            for e in np.eye(dim)
        ]
        np.testing.assert_allclose(np.asarray(grad(p)), fd, rtol=1e-6, atol=1e-6)
        hessian = np.asarray(hess(p))
        assert np.all(np.isfinite(hessian))
        np.testing.assert_allclose(hessian, hessian.T, rtol=1e-9, atol=1e-9)


def test_typed_rosenbrock_is_the_registrys() -> None:
    typed, registry = (
        parse_expression("(1-x)^2 + 100*(y-x^2)^2"),
        get_surface("rosenbrock"),
    )
    for point in [*POINTS_2D, (1.0, 1.0), (-1.5, 2.0)]:
        assert value(typed, point) == pytest.approx(value(registry, point), rel=1e-14)


def test_typed_sin_minus_square_is_the_registrys() -> None:
    typed, registry = (
        parse_expression("25 sin x - x^2"),
        get_surface("sin_minus_square"),
    )
    for x in (-8.6, -1.7, 0.0, 1.0, 5.1, 9.9):
        assert value(typed, (x,)) == pytest.approx(value(registry, (x,)), rel=1e-14)


def test_caret_power_and_bare_sine() -> None:
    for x in (-2.0, 0.5, 3.0):
        assert value(parse_expression("x^2"), (x,)) == value(
            parse_expression("x**2"), (x,)
        )
        assert value(parse_expression("sin x^2"), (x,)) == pytest.approx(np.sin(x**2))


@pytest.mark.parametrize("text", ["9**9**9", "10**400", "9^9^9 - x", "e^(e^(e^e))"])
def test_towers_of_powers_are_inf_computed_by_jax_not_python(text: str) -> None:
    # Python would compute 9**9**9 exactly (a 370-million-digit integer, i.e. a
    # hang); the literals are floats and the power is XLA's: inf at once.
    s = parse_expression(text)
    assert np.isinf(value(s, s.start))
    assert s.minima == ()


# --- LaTeX, built from the tree ---------------------------------------------------
LATEX = [
    ("x**2 + 10*sin(y)", r"f(x, y) = x^{2} + 10 \sin y"),
    (
        "(1-x)^2 + 100(y-x^2)^2",
        r"f(x, y) = \left(1 - x\right)^{2} + 100 \left(y - x^{2}\right)^{2}",
    ),
    ("25 sin x - x^2", r"f(x) = 25 \sin x - x^{2}"),
    ("sin x cos y", r"f(x, y) = \sin x \cos y"),
    ("sin(x) y", r"f(x, y) = \sin\left(x\right) y"),
    ("sin 2x", r"f(x) = \sin\left(2 x\right)"),
    ("e^(-x^2) + sqrt(abs(y))", r"f(x, y) = e^{-x^{2}} + \sqrt{\left|y\right|}"),
    ("x/2y", r"f(x, y) = \frac{x}{2} y"),
    ("(x + 1)/(y^2 + 1)", r"f(x, y) = \frac{x + 1}{y^{2} + 1}"),
    ("x*2^y", r"f(x, y) = x \cdot 2^{y}"),
    ("ln x + pi", r"f(x) = \ln x + \pi"),
    ("sin(x)^2", r"f(x) = \left(\sin x\right)^{2}"),
    ("max(x, y) - -y", r"f(x, y) = \max\left(x, y\right) - \left(-y\right)"),
    ("1e-8 x", r"f(x) = 10^{-8} x"),
    ("log10(x)", r"f(x) = \log_{10} x"),
]


@pytest.mark.parametrize(("text", "latex"), LATEX)
def test_latex_is_readable(text: str, latex: str) -> None:
    assert parse_expression(text).latex == latex


# --- hostile text: refused at once, with a column, nothing executed ----------------
# (text, column, reason)
HOSTILE = [
    ("x.__class__", 2, "bad_character"),
    ("__import__('os')", 1, "bad_character"),
    ("__import__('os').system('echo pwned')", 1, "bad_character"),
    ("x + __builtins__", 5, "bad_character"),
    ("open(x)", 1, "unknown_name"),
    ("eval(x)", 1, "unknown_name"),
    ("[x for x in y]", 1, "bad_character"),
    ("sum(x for x in y)", 1, "unknown_name"),
    ("lambda: 1", 1, "unknown_name"),
    ("import os", 1, "unknown_name"),
    ("x[0]", 2, "bad_character"),
    ("'x'", 1, "bad_character"),
    ('"x" * 9', 1, "bad_character"),
    ("(" * 10_000 + "x" + ")" * 10_000, MAX_LENGTH + 1, "too_long"),
    ("+".join(["x"] * 200_000), MAX_LENGTH + 1, "too_long"),
    ("(" * (MAX_DEPTH + 8) + "x" + ")" * (MAX_DEPTH + 8), MAX_DEPTH + 1, "too_deep"),
    ("-" * 100 + "x", MAX_DEPTH + 1, "too_deep"),
    ("sin " * 40 + "x", None, "too_deep"),
    ("x^" * 40 + "x", None, "too_deep"),
    ("x+" * (MAX_NODES + 10) + "x", None, "too_many_nodes"),
    ("xy" * 120, None, "too_many_nodes"),
    ("1" * 400, 1, "bad_number"),
    ("2 + 1e400", 5, "bad_number"),
    ("", 1, "empty"),
    ("   ", 1, "empty"),
    ("х^2", 1, "bad_character"),  # Cyrillic х
    ("x + １", 5, "bad_character"),  # fullwidth 1
    ("x − 1", 3, "bad_character"),  # U+2212 minus
    ("sin(x=1)", 6, "bad_character"),
    ("max(*x)", 5, "syntax"),
    ("max(**x)", 5, "syntax"),
    ("(x:=1)", 3, "bad_character"),
    ("x < y", 3, "bad_character"),
    ("x == y", 3, "bad_character"),
    ("x and y", 3, "unknown_name"),
    ("not x", 1, "unknown_name"),
    ("x if y else 2", 3, "unknown_name"),
    ("z", 1, "unknown_name"),
    ("x + y + z", 9, "unknown_name"),
    ("x_1", 2, "bad_character"),
    ("x # comment", 3, "bad_character"),
    ("x; y", 2, "bad_character"),
    ("x @ y", 3, "bad_character"),
    ("x % y", 3, "bad_character"),
    ("x\ny\\", 4, "bad_character"),
    ("sin", 4, "syntax"),
    ("sin()", 5, "syntax"),
    ("max(x)", 1, "arity"),
    ("sin(x, y)", 1, "arity"),
    ("min x", 5, "arity"),
    ("2 3", 3, "syntax"),
    ("x 2", 3, "syntax"),
    ("x, y", 2, "syntax"),
    ("x^", 3, "syntax"),
    ("(x", 3, "syntax"),
    ("x)", 2, "syntax"),
    ("(x+)", 4, "syntax"),
    ("*x", 1, "syntax"),
    ("sinx", 1, "unknown_name"),
    ("Sin x", 1, "unknown_name"),
    ("x2", 1, "unknown_name"),
    ("inf", 1, "unknown_name"),
    ("nan", 1, "unknown_name"),
    ("1_000", 2, "bad_character"),
    ("0x1F", 2, "unknown_name"),
]


class Sentinel:
    """Records any call of the builtins that run code, import, open files or
    start processes, while it is installed."""

    NAMES = ("__import__", "open", "eval", "exec", "compile")

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.saved: dict = {}

    def _recorder(self, name: str, original):
        def record(*args, **kwargs):
            self.calls.append(name)
            return original(*args, **kwargs)

        return record

    def __enter__(self) -> Sentinel:
        targets = [(builtins, n) for n in self.NAMES]
        targets += [(os, "system"), (os, "popen"), (subprocess, "Popen")]
        for owner, name in targets:
            original = getattr(owner, name)
            self.saved[(owner, name)] = original
            setattr(owner, name, self._recorder(name, original))
        return self

    def __exit__(self, *exc) -> None:
        for (owner, name), original in self.saved.items():
            setattr(owner, name, original)


def test_the_sentinel_sees_a_call() -> None:
    # Checked before it is trusted: an import inside it must be recorded.
    with Sentinel() as sentinel:
        __import__("math")
        eval("1")  # the sentinel's own check, on a constant
    assert sentinel.calls == ["__import__", "eval"]


def _rejection(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(text)
    return caught.value


@pytest.mark.parametrize(("text", "column", "reason"), HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_refused_at_once_with_nothing_executed(text, column, reason):
    with Sentinel() as sentinel:
        error = _rejection(text)
    assert sentinel.calls == []
    assert error.reason == reason, error.message
    if column is not None:
        assert error.column == column, error.message
    assert 1 <= error.column <= len(text) + 1
    assert error.problem in error.message and "Allowed:" in error.message
    assert "sin" in error.message and "x and y" in error.message
    assert str(error).startswith(f"column {error.column}: ")
    # The issue asks for "rejected in under 50 ms": the one wall-time bound in
    # the suite, generous (a rejection is a linear scan of <= 500 characters,
    # ~0.1 ms), on the median of three to ride out a busy machine.
    times = []
    for _ in range(3):
        start = time.perf_counter()
        with pytest.raises(ExpressionError):
            parse_expression(text)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.050


def test_the_package_never_calls_eval_exec_compile_or_sympy() -> None:
    banned = {"eval", "exec", "compile", "__import__", "ast", "sympy", "lambdify"}
    for path in PACKAGE.glob("*.py"):
        source = path.read_text()
        names = {
            t.string
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type == tokenize.NAME
        }
        assert not names & banned, (path.name, names & banned)


def test_an_error_is_picklable_and_a_value_error() -> None:
    error = _rejection("x + z")
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert (again.column, again.message, again.reason) == (
        5,
        error.message,
        error.reason,
    )


def test_lookalikes_say_what_to_type() -> None:
    assert "type -" in _rejection("x − 1").problem
    assert "type ^2" in _rejection("x²").problem
    assert "sin x" in _rejection("sinx").problem


# --- fuzz: nothing but an ExpressionError or a working Surface ever comes out -----
VOCABULARY = [
    "x",
    "y",
    "pi",
    "e",
    "2",
    "0.5",
    ".5",
    "1e3",
    "9",
    "1e308",
    "0",
    "sin",
    "cos",
    "exp",
    "log",
    "ln",
    "sqrt",
    "abs",
    "max",
    "min",
    "tanh",
    "arcsin",
    "(",
    ")",
    ",",
    "+",
    "-",
    "*",
    "/",
    "^",
    "**",
    " ",
    "xy",
    "2x",
    "sinx",
    "z",
    "_",
    "[",
    "]",
    "=",
    ".",
    "'",
    "__import__",
    "lambda",
    "х",
    "１",
    "\n",
    "e-",
    "E5",
]


def _check(text: str) -> None:
    try:
        s = parse_expression(text)
    except ExpressionError as error:
        assert 1 <= error.column <= len(text) + 1
        assert error.message
        return
    assert isinstance(s, Surface) and s.dim in (1, 2)
    out = s.f(np.asarray(s.start))
    assert out.shape == () and out.dtype == np.float64  # finite, nan or inf
    assert isinstance(s.latex, str) and s.latex.startswith("f(x")
    try:  # the canonical text means the same function
        assert parse_expression(s.text) == s
    except ExpressionError as error:
        # It spells out what was implicit ("x + y" for "x+y", "x^(-y)" for
        # "x^-y"), so near the caps it can pass them.
        assert error.reason in ("too_long", "too_deep")


FUZZ = settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ
@given(st.text(max_size=80))
def test_fuzz_any_text(text: str) -> None:
    _check(text)


@FUZZ
@given(st.text(alphabet="xy0123456789.eE+-*/^() ,sincoexplgqrtabmh", max_size=40))
def test_fuzz_formula_characters(text: str) -> None:
    _check(text)


@FUZZ
@given(st.lists(st.sampled_from(VOCABULARY), max_size=24), st.sampled_from(["", " "]))
def test_fuzz_token_sequences(tokens: list[str], glue: str) -> None:
    _check(glue.join(tokens))


def _shaped(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Formula-shaped text, mostly valid: operators (or none: implicit
    products), signs, calls with and without parentheses, optional brackets."""
    maybe = st.sampled_from(["{}", "({})"])
    binary = st.tuples(
        inner, st.sampled_from(["+", "-", "*", "/", "^", "**", "", " "]), inner, maybe
    ).map(lambda t: t[3].format(f"{t[0]}{t[1]}{t[2]}"))
    name = st.sampled_from(["sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "ln"])
    call = st.tuples(name, st.sampled_from(["({})", " {}"]), inner).map(
        lambda t: t[0] + t[1].format(t[2])
    )
    two = st.tuples(st.sampled_from(["max", "min"]), inner, inner).map(
        lambda t: f"{t[0]}({t[1]}, {t[2]})"
    )
    return st.one_of(binary, call, two, inner.map(lambda a: "-" + a))


FORMULAS = st.recursive(
    st.sampled_from(["x", "y", "pi", "e", "2", "0.5", "9", "1e-300", "1e308", "0"]),
    _shaped,
    max_leaves=12,
)


@FUZZ
@given(FORMULAS)
def test_fuzz_formula_shaped_text(text: str) -> None:
    _check(text)


# --- minima, found numerically -------------------------------------------------------
def _close(found, expected, tol: float) -> bool:
    return all(
        any(np.allclose(f.point, e.point, atol=tol) for f in found) for e in expected
    ) and len(found) == len(expected)


def test_a_bowl_has_one_global_minimum_where_it_should() -> None:
    s = parse_expression("(x-1)^2 + (y+2)^2")
    assert len(s.minima) == 1
    (m,) = s.minima
    np.testing.assert_allclose(m.point, (1.0, -2.0), atol=1e-6)
    assert m.kind == "global" and abs(m.value) < 1e-12
    assert {"typed", "numeric_minima"} <= s.tags


def test_typed_himmelblau_finds_its_four_minima() -> None:
    s = parse_expression("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", domain=(-5, 5))
    assert _close(s.minima, get_surface("himmelblau").minima, 1e-6)
    assert all(m.kind == "global" for m in s.minima)
    grad = jax.jit(jax.grad(s.f))
    for m in s.minima:  # stationary for JAX's own gradient, not just ours
        assert np.linalg.norm(grad(np.asarray(m.point))) < 1e-6


def test_one_d_minimum_is_the_registrys() -> None:
    s = parse_expression("x^2 + sin(x)", domain=(-4, 4))
    assert _close(s.minima, get_surface("x_sq_plus_sin").minima, 1e-6)
    assert s.minima[0].kind == "global"


def test_sin_minus_square_finds_the_registrys_local_minima() -> None:
    registry = get_surface("sin_minus_square")
    s = parse_expression("25 sin x - x^2", domain=registry.domain)
    assert _close(s.minima, registry.minima, 1e-6)
    # Unbounded below: runs leave the box going lower, so none is global.
    assert all(m.kind == "local" for m in s.minima)


# Registry surfaces typed as a teacher would, in their own view boxes.
TYPED_REGISTRY = {
    "six_hump_camel": "(4 - 2.1x^2 + x^4/3) x^2 + x y + (4y^2 - 4) y^2",
    "three_hump_camel": "2x^2 - 1.05x^4 + x^6/6 + x y + y^2",
    "goldstein_price": "(1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6x y + 3y^2))"
    " (30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36x y + 27y^2))",
    "booth": "(x + 2y - 7)^2 + (2x + y - 5)^2",
    "matyas": "0.26(x^2 + y^2) - 0.48 x y",
    "beale": "(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2",
    "mccormick": "sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1",
    "styblinski_tang": "(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y)/2",
    "x_plus_sin": "x + sin x",
    "parabola": "3x^2 + 6x",
}


@pytest.mark.parametrize(("key", "text"), TYPED_REGISTRY.items())
def test_typed_registry_surfaces_find_the_documented_minima(key, text) -> None:
    registry = get_surface(key)
    s = parse_expression(text, domain=registry.domain)
    for point in [(0.3, -0.2), (-1.1, 0.9)]:
        p = point[: s.dim]
        assert value(s, p) == pytest.approx(value(registry, p), rel=1e-12, abs=1e-12)
    assert _close(s.minima, registry.minima, 1e-6)
    if key != "mccormick":  # unbounded below off its box: we call none global
        found = {m.point: m.kind for m in s.minima}
        for m in registry.minima:
            point = min(found, key=lambda q: np.linalg.norm(np.subtract(q, m.point)))
            assert found[point] == m.kind


@pytest.mark.parametrize(
    "text", ["-x^2 - y^2", "x - y", "x^2 - y^2", "3", "y sin(x)^2"]
)
def test_no_isolated_minimum_gives_none(text: str) -> None:
    # Unbounded below, a slope, a saddle, a constant, a valley floor of minima.
    assert parse_expression(text).minima == ()


def test_a_minimum_below_the_edge_of_the_box_is_local() -> None:
    (m,) = parse_expression("x^3 - 3x").minima
    assert m.point == pytest.approx((1.0,), abs=1e-6) and m.kind == "local"


def test_a_flat_bottom_is_found_roughly() -> None:
    (m,) = parse_expression("x^4 + y^4").minima
    # Located to the "converged" tolerance of a run (1e-3 view-box widths).
    assert np.linalg.norm(m.point) < 1e-2 and m.kind == "global"


# --- the Surface: view box, start, equality, every optimizer ------------------
def test_the_view_box_is_validated_and_follows_the_dimension() -> None:
    assert parse_expression("x + y").domain == ((-5.0, -5.0 + 10.0),) * 2
    assert parse_expression("x", domain=(-1, 2)).domain == ((-1.0, 2.0),)
    assert parse_expression("x + y", domain=((0, 1), (2, 3))).domain == ((0, 1), (2, 3))
    # A 2-D box kept while the text becomes a function of x alone.
    assert parse_expression("x", domain=((0, 1), (2, 3))).domain == ((0.0, 1.0),)
    for bad in [
        (1, 1),
        (2, 1),
        (0, np.inf),
        (np.nan, 1),
        (-1e7, 0),
        ("a", 1),
        ((0, 1), (0, 1), (0, 1)),
        (0, 1, 2),
    ]:
        with pytest.raises(ValueError):
            parse_expression("x + y", domain=bad)


def test_the_default_start_is_inside_the_box_and_finite() -> None:
    for text in ["x^2 + y^2", "log x", "log(x) + log(y)", "sqrt(-x)"]:
        s = parse_expression(text)
        assert all(lo <= v <= hi for v, (lo, hi) in zip(s.start, s.domain, strict=True))
        assert np.isfinite(value(s, s.start)), text


def test_equal_text_and_box_make_equal_surfaces() -> None:
    a = parse_expression("x^2 + y")
    assert a == parse_expression("x**2+y") and hash(a) == hash(
        parse_expression("x**2+y")
    )
    assert a != parse_expression("x^2 + y", domain=(-2, 2))
    assert a != parse_expression("y + x^2")  # text, not algebra
    assert a != get_surface("rosenbrock") and get_surface("rosenbrock") != a
    assert a.title == "x^2 + y" and a.key == "expr:x^2 + y"


BENIGN = parse_expression("(x - 1)^2 + 2(y + 0.5)^2 + 0.1 sin(3x)")


@pytest.mark.parametrize("opt_key", list(OPTIMIZERS))
def test_every_optimizer_runs_on_a_typed_function(opt_key: str) -> None:
    t = run(BENIGN, opt_key, steps=60)
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert t.diverged_at is None and t.surface == BENIGN.key


def test_newton_converges_to_the_minimum_found() -> None:
    # The numerically found minimum is what "converged" measures against.
    assert run(BENIGN, "newton", steps=30).status == "converged"
    assert run(parse_expression("x^2 + sin x"), "bfgs", steps=30).status == "converged"


def test_parsing_the_same_function_again_reuses_its_compiled_runner() -> None:
    text = "(x - 0.25)^2 + 3(y + 0.75)^2"  # used by no other test
    first = parse_expression(text)
    run(first, "gd", steps=5)
    built = RUNNERS.built
    _build.cache_clear()  # a new object, as after the parse cache let it go
    again = parse_expression("(x-0.25)**2 + 3*(y+0.75)**2")
    assert again is not first and again == first
    run(again, "gd", steps=5)
    assert RUNNERS.built == built
    # The counter counts: a different function compiles, once.
    other = parse_expression(text + " + x")
    run(other, "gd", steps=5)
    run(parse_expression(text + " + x"), "gd", steps=5)
    assert RUNNERS.built == built + 1
