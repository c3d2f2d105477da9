"""The backprop page (AppTest): both languages, stepping with the buttons,
typed inputs (bad ones refused with a message, the old value kept), the
check table against jax.grad, the graph in the address."""

from __future__ import annotations

import math
import re

import pytest

from surfaces.graphs import GRAPHS, steps
from ui import state
from ui.texts import t

from .apphelp import Session
from .test_app import ALLOWED, LATIN, visible_texts

PAGE = "pages/backprop.py"


def backprop_page(query: dict[str, str] | None = None) -> Session:
    s = Session(query)
    s.at.switch_page(PAGE).run()
    return s.read()


def labels(s: Session) -> dict[str, str]:
    """The figure's annotation texts, by name."""
    return {a["name"]: a["text"] for a in s.figures[0]["layout"]["annotations"]}


def table(s: Session, lang: str = "en") -> dict[str, dict[str, str]]:
    frame = s.at.table[0].value
    return {row[0]: dict(zip(frame.columns, row, strict=True)) for row in frame.values}


def click(s: Session, key: str) -> Session:
    s.at.button(key=key).click().run()
    return s.read()


def type_in(s: Session, graph: str, name: str, text: str) -> Session:
    s.at.text_input(key=state.w_bp_input(graph, name)).input(text).run()
    return s.read()


def step_shown(s: Session, lang: str = "en") -> int:
    # A number as the sample: t spaces it from the Chinese beside it.
    sample = "987654321"
    text = t("bp_step_count", lang, k=sample, n=sample)
    pattern = re.escape(text).replace(sample, r"(\d+)")
    for m in s.at.markdown:
        found = re.search(pattern, m.value)
        if found:
            return int(found.group(1))
    raise AssertionError("no step counter")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_in_both_languages(lang: str) -> None:
    s = backprop_page({"lang": lang})
    assert not s.at.exception and not s.at.error
    assert s.at.selectbox(key=state.W_BP_GRAPH).label == t("bp_graph", lang)
    assert s.at.button(key=state.W_BP_NEXT).label == t("bp_next", lang)
    assert t("bp_check", lang) in [h.value for h in s.at.subheader]
    assert step_shown(s, lang) == 0
    legend = [trace["name"] for trace in s.figures[0]["data"][1:]]
    assert legend[0] == t("bp_legend_value", lang)
    rows = table(s, lang)
    assert rows["∂f/∂w"][t("bp_col_backprop", lang)] == "0.25"
    assert rows["∂f/∂w"][t("bp_col_jax", lang)] == "0.25"


def test_chinese_leaves_no_english_words() -> None:
    s = backprop_page({"lang": "zh"})
    for key in GRAPHS:  # every graph's title and notes
        s.at.selectbox(key=state.W_BP_GRAPH).set_value(key).run()
        allowed = ALLOWED | {"jax", "grad", "jit", "JAX", "Python", "if", "for"}
        allowed |= {"TensorFlow", "Theano", "PyTorch", "DyNet", "sigmoid", "cs"}
        allowed |= {"wx", "Home", "End", "Enter"}
        leftovers = [
            (text[:60], word)
            for text in visible_texts(s.at) + [i.value for i in s.at.info]
            for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
            if word not in allowed
        ]
        assert not leftovers, (key, leftovers[:10])


def test_stepping_forward_and_backward_with_the_buttons() -> None:
    s = backprop_page({"g": "sigmoid"})
    last = len(steps(GRAPHS["sigmoid"])) - 1
    assert s.at.button(key=state.W_BP_PREV).disabled
    assert labels(s)["value h1"] == "h₁"
    click(s, state.W_BP_NEXT)
    assert step_shown(s) == 1
    assert labels(s)["value h1"] == "h₁ = 0"
    assert "h₁ = x · w = 1 · 0 = 0" in " ".join(m.value for m in s.at.markdown)
    click(s, state.W_BP_LAST)
    assert step_shown(s) == last
    assert s.at.button(key=state.W_BP_NEXT).disabled
    final = labels(s)
    assert final["grad w>h1"] == "0.25" and final["grad w"] == "0.25"
    assert final["grad b"] == "0.25" and final["grad x"] == "0"
    click(s, state.W_BP_PREV)
    assert step_shown(s) == last - 1
    assert "grad w>h1" not in labels(s)  # h₁'s backward step is the last one
    click(s, state.W_BP_FIRST)
    assert step_shown(s) == 0
    assert not any(name.startswith("grad") for name in labels(s))


def test_the_buttons_have_keyboard_shortcuts() -> None:
    s = backprop_page()
    keys = {
        state.W_BP_FIRST: "home",
        state.W_BP_PREV: "left",
        state.W_BP_NEXT: "right",
        state.W_BP_LAST: "end",
    }
    for key, shortcut in keys.items():
        assert s.at.button(key=key).proto.shortcut.lower() == shortcut


def test_an_edited_input_changes_the_numbers() -> None:
    s = backprop_page({"g": "sigmoid"})
    type_in(s, "sigmoid", "w", "1")
    sigma = 1 / (1 + math.exp(-1))
    rows = table(s)
    expected = sigma * (1 - sigma)  # ∂f/∂w = x σ'(wx + b) at x = 1
    assert float(rows["∂f/∂w"][t("bp_col_backprop", "en")]) == pytest.approx(expected)
    assert float(rows["∂f/∂w"][t("bp_col_jax", "en")]) == pytest.approx(expected)
    assert float(rows["∂f/∂w"][t("bp_col_central", "en", h="1e-05")]) == (
        pytest.approx(expected, abs=1e-9)
    )
    assert labels(s)["value w"] == "1"
    assert not s.at.sidebar.warning


@pytest.mark.parametrize(
    ("graph", "name", "text", "key"),
    [
        ("sigmoid", "w", "abc", "bp_refused_unreadable"),
        ("sigmoid", "w", "__import__('os')", "bp_refused_unreadable"),
        ("sigmoid", "w", "nan", "bp_refused_unreadable"),
        ("sigmoid", "w", "100", "bp_refused_range"),
        ("fan_in", "x", "-1.5", "bp_refused_undefined"),  # 2x + 3y = 0
    ],
)
def test_a_bad_value_is_refused_and_the_old_one_kept(
    graph: str, name: str, text: str, key: str
) -> None:
    s = backprop_page({"g": graph})
    before = table(s)
    type_in(s, graph, name, text)
    assert not s.at.exception
    warnings = [w.value for w in s.at.sidebar.warning]
    assert len(warnings) == 1 and text[:40] in warnings[0], warnings
    start = t(key, "en", text="@", name="@", old="@", low="@", high="@", node="@")
    assert warnings[0].startswith(start.split("@")[0])
    assert table(s) == before  # the numbers did not move
    old = GRAPHS[graph].default_inputs()[name]
    assert s.at.text_input(key=state.w_bp_input(graph, name)).value == f"{old:g}"
    s.run()
    assert not s.at.sidebar.warning  # said once


def test_each_graph_keeps_its_inputs_and_a_new_graph_starts_at_step_0() -> None:
    s = backprop_page({"g": "add_mul"})
    type_in(s, "add_mul", "z", "2")
    click(s, state.W_BP_NEXT)
    s.at.selectbox(key=state.W_BP_GRAPH).set_value("fan_in").run()
    s.read()
    assert step_shown(s) == 0
    assert set(table(s)) == {"∂f/∂x", "∂f/∂y"}
    assert s.at.info  # the fan-in note
    s.at.selectbox(key=state.W_BP_GRAPH).set_value("add_mul").run()
    s.read()
    assert s.at.text_input(key=state.w_bp_input("add_mul", "z")).value == "2"
    assert table(s)["∂f/∂x"][t("bp_col_backprop", "en")] == "2"  # (x + y)·z: z


def test_the_graph_in_the_address() -> None:
    s = backprop_page({"g": "max_gate"})
    assert s.at.selectbox(key=state.W_BP_GRAPH).value == "max_gate"
    assert not s.at.warning
    s.at.selectbox(key=state.W_BP_GRAPH).set_value("neuron").run()
    assert s.at.query_params["g"] == "neuron"
    assert s.at.query_params["lang"] == "en"
    bad = backprop_page({"g": "<script>"})
    (warning,) = [w.value for w in bad.at.warning]
    assert "<script>" in warning
    assert bad.at.selectbox(key=state.W_BP_GRAPH).value == "sigmoid"
    bad.run()
    assert not bad.at.warning  # said once


@pytest.mark.parametrize("key", GRAPHS)
def test_every_graph_steps_to_its_end(key: str) -> None:
    s = backprop_page({"g": key, "lang": "zh"})
    click(s, state.W_BP_LAST)
    found = labels(s)
    graph = GRAPHS[key]
    for edge in graph.edges:
        assert f"grad {edge.src}>{edge.dst}" in found
    for name in graph.inputs:
        assert f"grad {name}" in found
