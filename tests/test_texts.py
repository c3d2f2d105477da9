"""Every text key the code asks for exists, in both languages; one owner each."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from scenes import NOTICE_CODES
from ui import state
from ui.texts import TEXTS, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
CALL = re.compile(r"""\bt\(\s*f?["']([^"']+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in SOURCES:
        for key in CALL.findall(path.read_text(encoding="utf-8")):
            if "{" in key:  # t(f"per_{k}"): every expansion must exist
                prefix = key.split("{")[0]
                assert any(k.startswith(prefix) for k in TEXTS), key
            else:
                keys.add(key)
    return keys


def test_every_key_the_code_uses_exists() -> None:
    keys = used_keys()
    assert len(keys) > 40  # the search itself works
    assert keys <= set(TEXTS), sorted(keys - set(TEXTS))


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_both_languages_with_the_same_fields(key: str) -> None:
    entry = TEXTS[key]
    assert set(entry) == {"en", "zh"}
    fields = [
        {name for _, name, _, _ in Formatter().parse(entry[lang]) if name}
        for lang in ("en", "zh")
    ]
    assert fields[0] == fields[1]
    assert entry["zh"] != entry["en"]


def test_every_notice_has_words() -> None:
    assert {f"notice_{code}" for code in NOTICE_CODES} <= set(TEXTS)


def test_a_missing_key_reads_as_itself_instead_of_crashing() -> None:
    assert t("no_such_text_key", "zh") == "no such text key"


def test_session_state_keys_are_defined_once() -> None:
    """No page or ui module spells a session-state key itself."""
    literal = re.compile(r"session_state\[\s*[\"']")
    get = re.compile(r"session_state\.(get|pop|setdefault)\(\s*[\"']")
    for path in SOURCES:
        if path.name == "chart.py":  # the chart's own bookkeeping (its module owns it)
            continue
        text = path.read_text(encoding="utf-8")
        assert not literal.search(text), path
        assert not get.search(text), path
    keys = [v for k, v in vars(state).items() if k.isupper() and isinstance(v, str)]
    assert len(keys) == len(set(keys))


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in Formatter().parse(template) if f}


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if _fields(TEXTS[k]["zh"])))
def test_chinese_values_only_gain_spaces_beside_latin(key: str) -> None:
    """A Latin name put into a Chinese sentence is set off by spaces, as the
    written sentences are; nothing else changes (a Chinese name gets none)."""
    template = TEXTS[key]["zh"]
    latin = dict.fromkeys(_fields(template), "Adam 2")
    chinese = dict.fromkeys(_fields(template), "梯度下降")
    assert t(key, "zh", **chinese) == template.format(**chinese)
    shown = t(key, "zh", **latin)
    assert shown.replace(" ", "") == template.format(**latin).replace(" ", "")
    assert not re.search(r"[\u4e00-\u9fff](Adam 2)|(Adam 2)[\u4e00-\u9fff]", shown)


def test_a_latin_method_in_the_map_intro_is_spaced() -> None:
    shown = t(
        "sw_intro",
        "zh",
        method="Nesterov 动量",
        surface="Rosenbrock 函数",
        steps=200,
        axes="学习率 α 和动量系数 μ",
        cells=1024,
    )
    assert shown.startswith("每个格子是 Nesterov 动量在 Rosenbrock 函数上")
    assert "μ 由格子" in shown
    english = t("sw_intro", "en", method="GD", surface="x", steps=1, axes="a", cells=2)
    assert english == TEXTS["sw_intro"]["en"].format(
        method="GD", surface="x", steps=1, axes="a", cells=2
    )


HAN_BESIDE_FIELD = re.compile(r"[\u4e00-\u9fff] \{|\} [\u4e00-\u9fff]")


def test_chinese_templates_leave_the_spacing_of_values_to_t() -> None:
    """``t`` spaces a Latin value from the Chinese beside it; a space written
    into the template would also stand beside a Chinese value (梯度下降 的)."""
    spaced = [k for k, v in TEXTS.items() if HAN_BESIDE_FIELD.search(v.get("zh", ""))]
    assert not spaced, spaced


HALF_WIDTH = re.compile(
    r"[\u4e00-\u9fff][:;,?!]|[\u4e00-\u9fff] ?\([^)]*[\u4e00-\u9fff]"
)


def _chinese_strings():
    from ui import names

    yield from ((key, entry["zh"]) for key, entry in TEXTS.items() if "zh" in entry)
    for table in vars(names).values():
        if isinstance(table, dict):
            for key, entry in table.items():
                if isinstance(entry, dict) and isinstance(entry.get("zh"), str):
                    yield key, entry["zh"]


def test_chinese_punctuation_is_full_width() -> None:
    """After a Chinese word, ：；，？！ and （…）, not : ; , ? ! and (…)."""
    half = [(k, s) for k, s in _chinese_strings() if HALF_WIDTH.search(s)]
    assert not half, half
