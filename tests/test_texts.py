"""Every text key the code asks for exists, in both languages; one owner each."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from scenes import NOTICE_CODES
from ui import state
from ui.texts import TEXTS, for_numbers, t

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


# Values a sentence may take: a Latin name, a point, a negative number, LaTeX,
# bold markdown. Each is set off from the Chinese beside it by a space.
SPACED_VALUES = ("Adam 2", "(1.5, −2)", "-5", "$\\eta$", "**Adam**")


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if _fields(TEXTS[k]["zh"])))
@pytest.mark.parametrize("value", SPACED_VALUES)
def test_a_value_in_a_chinese_sentence_is_spaced(key: str, value: str) -> None:
    """As the written sentences are: 从起点 (1.5, −2) 出发, 是 Adam 在; only
    spaces are added."""
    template = TEXTS[key]["zh"]
    values = dict.fromkeys(_fields(template), value)
    shown = t(key, "zh", **values)
    assert shown.replace(" ", "") == template.format(**values).replace(" ", "")
    touching = f"[\u4e00-\u9fff]{re.escape(value)}|{re.escape(value)}[\u4e00-\u9fff]"
    assert not re.search(touching, shown)


@pytest.mark.parametrize("key", sorted(k for k in TEXTS if _fields(TEXTS[k]["zh"])))
@pytest.mark.parametrize("value", ["梯度下降", "（1）", "“x”", ""])
def test_chinese_or_full_width_values_get_no_space(key: str, value: str) -> None:
    template = TEXTS[key]["zh"]
    values = dict.fromkeys(_fields(template), value)
    assert t(key, "zh", **values) == template.format(**values)


def test_a_template_kept_for_numbers_is_spaced_as_t_spaces_them() -> None:
    """The basins' hover fills 第 {n} 步发散 later, with the step."""
    for lang in ("en", "zh"):
        later = for_numbers("basins_w_diverged", lang, "n")
        assert later.format(n=12) == t("basins_w_diverged", lang, n=12)
    assert for_numbers("basins_w_diverged", "zh", "n") == "第 {n} 步发散"


def test_nested_specs_format_as_str_format_does() -> None:
    TEXTS["_nested_probe"] = {"en": "{x:{w}}", "zh": "值{x:{w}}步"}
    try:
        assert t("_nested_probe", "zh", x=3, w=4) == "值   3 步"
        assert t("_nested_probe", "en", x=3, w=4) == "   3"
    finally:
        del TEXTS["_nested_probe"]


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
