"""The names catalog (ui/names.py) covers every registry entry in both languages.

A new optimizer, surface, hyperparameter or choice without an entry fails here
with the entry to add; the page still renders it through the fallbacks.
"""

from __future__ import annotations

import re

import pytest

from optimizers import OPTIMIZERS
from surfaces import SURFACES
from ui import names
from ui.names import (
    CHOICE_LABELS,
    CHOICE_TITLES,
    OPTIMIZER_NAMES,
    OPTIMIZER_NOTES,
    PARAM_WORDS,
    STATUS_WORDS,
    SURFACE_NAMES,
    choice_label,
    choice_title,
    optimizer_name,
    optimizer_note,
    param_label,
    param_symbol_text,
    param_word,
    status_word,
    surface_name,
)

LANGS = ("en", "zh")
STATUSES = ("diverged", "unbounded", "left_view", "converged", "not_converged")

ALL_HYPERPARAMS = [h for o in OPTIMIZERS.values() for h in o.hyperparams_on(True)]
HYPERPARAMS = {h.key: h for h in ALL_HYPERPARAMS}
SURFACE_PARAMS = {p.key: p for s in SURFACES.values() for p in s.params}
CHOICES = {
    (c.key, option)
    for o in OPTIMIZERS.values()
    for c in o.choices_on(True)
    for option in c.options
}
SYMBOLS = sorted(
    {h.symbol for h in ALL_HYPERPARAMS}
    | {p.symbol for p in SURFACE_PARAMS.values() if p.symbol}
)

# A Chinese text may equal its English one only for these (names kept in Latin
# script) or for a formula (see _is_formula).
SAME_IN_BOTH = {
    "AdaGrad",
    "RMSProp",
    "Adam",
    "AdaDelta",
    "AdamW",
    "AMSGrad",
    "NAdam",
    "Lion",
    "BFGS",
    "L-BFGS",
    "CMA-ES",
    "Polak–Ribière+",
    "Fletcher–Reeves",
}
CITED = ("Goh", "Distill", "Lessard", "Recht", "Packard")  # authors, venues
# Latin words a Chinese text may contain: method acronyms, people's names,
# library and architecture names, and the names of math functions/variables.
LATIN_OK = {
    *("SGD", "SGDR", "GD", "CG", "Adam", "AdamW", "AdaGrad", "AdaDelta"),
    *("RMSProp", "AMSGrad", "NAdam", "Lion", "BFGS", "CMA", "ES"),
    *("Nesterov", "Rosenbrock", "Himmelblau", "Beale", "Booth"),
    *("Matyas", "Goldstein", "Price", "Rastrigin", "Ackley", "Styblinski"),
    *("Tang", "McCormick", "Nelder", "Mead", "Polak", "Ribière", "Fletcher"),
    *("Reeves", "Wolfe", "Armijo", "optax", "Hessian", "Transformer"),
    *CITED,
    *("sin", "cos", "exp", "log", "min", "max", "mn"),
}
MATH_WORDS = {"sin", "cos", "tan", "exp", "log", "min", "max"}
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]{2,}")  # not × or ÷


def _is_formula(text: str) -> bool:
    """Math only: no Latin word but the names of functions (``x + sin x``)."""
    return all(w in MATH_WORDS for w in LATIN_WORD.findall(text))


def _missing(table: dict, keys, what: str) -> list[str]:
    """Messages for keys with no entry or an empty en/zh entry."""
    problems = []
    for key in keys:
        entry = table.get(key, {})
        absent = [lang for lang in LANGS if not entry.get(lang, "").strip()]
        if absent:
            problems.append(f"{what} {key!r}: add {'/'.join(absent)}")
    return problems


def _all_entries():
    tables = {
        "OPTIMIZER_NAMES": OPTIMIZER_NAMES,
        "OPTIMIZER_NOTES": OPTIMIZER_NOTES,
        "SURFACE_NAMES": SURFACE_NAMES,
        "PARAM_WORDS": PARAM_WORDS,
        "CHOICE_TITLES": CHOICE_TITLES,
        "CHOICE_LABELS": CHOICE_LABELS,
        "STATUS_WORDS": STATUS_WORDS,
    }
    for table_name, table in tables.items():
        for key, entry in table.items():
            yield f"{table_name}[{key!r}]", entry


ENTRIES = list(_all_entries())


# --- every registry entry is named in both languages ------------------------


def test_every_optimizer_has_a_name_and_a_note():
    problems = _missing(OPTIMIZER_NAMES, OPTIMIZERS, "ui/names.py OPTIMIZER_NAMES")
    problems += _missing(OPTIMIZER_NOTES, OPTIMIZERS, "ui/names.py OPTIMIZER_NOTES")
    assert not problems, "\n".join(problems)


def test_english_notes_are_the_registry_notes():
    """The optimizer file owns the English note; a changed note needs new zh."""
    stale = [
        f"OPTIMIZER_NOTES[{key!r}]['en'] differs from optimizers' note: copy it "
        "and update the zh text"
        for key, entry in OPTIMIZER_NOTES.items()
        if key in OPTIMIZERS and entry["en"] != OPTIMIZERS[key].note
    ]
    assert not stale, "\n".join(stale)


def test_every_surface_has_a_name():
    problems = _missing(SURFACE_NAMES, SURFACES, "ui/names.py SURFACE_NAMES")
    assert not problems, "\n".join(problems)


def test_every_parameter_has_a_word():
    keys = sorted(HYPERPARAMS) + sorted(SURFACE_PARAMS)
    problems = _missing(PARAM_WORDS, keys, "ui/names.py PARAM_WORDS")
    assert not problems, "\n".join(problems)


def test_every_choice_and_option_has_a_label():
    problems = _missing(
        CHOICE_TITLES, sorted({k for k, _ in CHOICES}), "ui/names.py CHOICE_TITLES"
    )
    problems += _missing(CHOICE_LABELS, sorted(CHOICES), "ui/names.py CHOICE_LABELS")
    assert not problems, "\n".join(problems)


def test_every_status_has_a_word():
    problems = _missing(STATUS_WORDS, STATUSES, "ui/names.py STATUS_WORDS")
    assert not problems, "\n".join(problems)


def test_the_new_entries_are_ready_before_their_registries():
    """Entries other agents' code will need (DESIGN.md), present already."""
    assert {"genetic", "cma_es"} <= OPTIMIZER_NAMES.keys()
    assert "x_sq_plus_sin" in SURFACE_NAMES
    assert {"form", "decay"} <= CHOICE_TITLES.keys()
    for pair in [("form", "optax"), ("form", "course")]:
        assert pair in CHOICE_LABELS
    for pair in [("decay", "l2"), ("decay", "decoupled")]:
        assert pair in CHOICE_LABELS


# --- the Chinese is Chinese --------------------------------------------------


@pytest.mark.parametrize(("where", "entry"), ENTRIES, ids=[w for w, _ in ENTRIES])
def test_entry_has_both_languages_and_zh_is_translated(where, entry):
    assert set(entry) == set(LANGS), f"{where} has {sorted(entry)}"
    en, zh = entry["en"], entry["zh"]
    assert en.strip() and zh.strip(), f"{where} has an empty text"
    if zh == en:
        assert en in SAME_IN_BOTH or _is_formula(en), (
            f"{where}: the zh text is the English one ({en!r}); translate it "
            "(or add a Latin-script name to SAME_IN_BOTH in tests/test_names.py)"
        )


@pytest.mark.parametrize(("where", "entry"), ENTRIES, ids=[w for w, _ in ENTRIES])
def test_zh_has_no_stray_english(where, entry):
    stray = [w for w in LATIN_WORD.findall(entry["zh"]) if w not in LATIN_OK]
    assert not stray, f"{where}['zh'] has English words {stray}: {entry['zh']!r}"


def test_schedules_use_the_course_terms():
    expected = {
        "step": "分段常数衰减",
        "inverse_time": "逆时衰减",
        "exponential": "指数衰减",
        "cosine": "余弦衰减",
        "cyclic": "循环学习率",
        "sgdr": "带热重启的随机梯度下降",
    }
    for option, term in expected.items():
        assert term in choice_label("schedule", option, "zh")


# --- lookups -----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lookups_of_registry_entries(lang):
    for key in OPTIMIZERS:
        assert optimizer_name(key, lang) == OPTIMIZER_NAMES[key][lang]
        assert optimizer_note(key, lang) == OPTIMIZER_NOTES[key][lang]
    for key in SURFACES:
        assert surface_name(key, lang) == SURFACE_NAMES[key][lang]
    for key, spec in HYPERPARAMS.items():
        word = PARAM_WORDS[key][lang]
        assert param_word(key, lang) == word
        assert param_label(key, spec.symbol, lang) == f"{word} ${spec.symbol}$"
    for key, option in CHOICES:
        assert choice_title(key, lang) == CHOICE_TITLES[key][lang]
        assert choice_label(key, option, lang) == CHOICE_LABELS[key, option][lang]
    for status in STATUSES:
        assert status_word(status, lang) == STATUS_WORDS[status][lang]


def test_examples():
    assert param_label("lr", r"\alpha", "en") == r"learning rate $\alpha$"
    assert param_label("lr", r"\alpha", "zh") == r"学习率 $\alpha$"
    assert param_label("lr", "", "zh") == "学习率"
    assert optimizer_name("momentum", "zh") == "动量法"
    assert surface_name("x_plus_sin", "zh") == "x + sin x"
    assert status_word("left_view", "en") == "left the view"


@pytest.mark.parametrize("lang", ["fr", "", None, "ZH", "zh-TW"])
def test_other_languages_read_as_english(lang):
    assert optimizer_name("gd", lang) == "GD"
    assert surface_name("valley", lang) == SURFACE_NAMES["valley"]["en"]
    assert param_word("lr", lang) == "learning rate"
    assert choice_label("schedule", "cosine", lang) == "cosine"
    assert status_word("diverged", lang) == "diverged"


@pytest.mark.parametrize("lang", LANGS)
def test_fallbacks_for_unknown_keys(lang):
    assert optimizer_name("made_up_opt", lang) == "made_up_opt"
    assert optimizer_note("made_up_opt", lang) == ""
    assert surface_name("made_up_surface", lang) == "made_up_surface"
    assert param_word("made_up_param", lang) == "made up param"
    assert param_label("made_up_param", "q_1", lang) == "made up param $q_1$"
    assert param_label("made_up_param", "", lang) == "made up param"
    assert choice_title("made_up_choice", lang) == "made up choice"
    assert choice_label("made_up_choice", "opt_a", lang) == "opt_a"
    assert choice_label("schedule", "made_up_option", lang) == "made_up_option"
    assert status_word("made_up_status", lang) == "made up status"


def test_fallbacks_use_the_registry_when_the_catalog_has_no_entry(monkeypatch):
    """A registry entry missing from the catalog shows its registry title/note."""
    monkeypatch.delitem(names.OPTIMIZER_NAMES, "gd")
    monkeypatch.delitem(names.OPTIMIZER_NOTES, "gd")
    monkeypatch.delitem(names.SURFACE_NAMES, "rosenbrock")
    monkeypatch.setitem(names.PARAM_WORDS, "kappa", {"en": "only English"})
    for lang in LANGS:
        assert optimizer_name("gd", lang) == OPTIMIZERS["gd"].title
        assert optimizer_note("gd", lang) == OPTIMIZERS["gd"].note
        assert surface_name("rosenbrock", lang) == SURFACES["rosenbrock"].title
        assert param_word("kappa", lang) == "only English"


# --- symbols -------------------------------------------------------------------


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_every_registry_symbol_has_plain_text(symbol):
    text = param_symbol_text(symbol)
    assert text, symbol
    assert not set(text) & set("\\{}"), f"{symbol!r} -> {text!r}"


@pytest.mark.parametrize(
    ("symbol", "text"),
    [
        (r"\alpha", "α"),
        (r"\beta_1", "β₁"),
        (r"\beta_2", "β₂"),
        (r"\varepsilon", "ε"),
        (r"\lambda", "λ"),
        (r"\mu", "μ"),
        (r"\rho", "ρ"),
        (r"\sigma", "σ"),
        ("c_1", "c₁"),
        ("T", "T"),
        ("T_0", "T₀"),
        (r"\gamma", "γ"),
        (r"\alpha_{\min}", "α_min"),
        (r"\kappa", "κ"),
        (r"\theta", "θ"),
        (r"\sigma^2", "σ²"),
        (r"\unknowncommand", "unknowncommand"),
        ("", ""),
    ],
)
def test_symbol_text(symbol, text):
    assert param_symbol_text(symbol) == text


def test_names_module_does_not_import_streamlit():
    source = names.__file__
    with open(source, encoding="utf-8") as handle:
        code = handle.read()
    assert not re.search(r"^\s*(import|from)\s+streamlit", code, re.MULTILINE)
