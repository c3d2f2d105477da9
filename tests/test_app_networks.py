"""The networks page (AppTest): both languages, every widget moved, no compile
when a number moves, the step slider redrawing the boundary from the run's
own weights, links read (bad values refused with a notice) and written,
typed widths, the two comparisons; and the settings' address form."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from surfaces.datasets import classification
from surfaces.network import Architecture, data_box, split_data
from surfaces.network.boundary import probability_grid
from surfaces.network.train import train
from ui import state
from ui.names import dataset_name
from ui.networks_settings import (
    URL_KEYS,
    NetSettings,
    can_compare,
    decay_kinds,
    from_query,
    parse_widths,
    run_call,
    to_query,
)
from ui.texts import t
from viz.network_boundary import square_box

from .apphelp import Session, array
from .compiles import compiles_during
from .test_app import ALLOWED, LATIN, visible_texts

PAGE = "pages/networks.py"


def networks_page(query: dict[str, str] | None = None) -> Session:
    s = Session(query)
    s.at.switch_page(PAGE).run()
    return s.read()


def settings(s: Session) -> NetSettings:
    try:
        return s.at.session_state[state.NN_SETTINGS]
    except KeyError:  # nothing moved yet
        return NetSettings()


def figure(s: Session, kind: str) -> dict:
    """The page's figure of ``kind``: curves, boundary, norms or inits."""
    for f in s.figures:
        layout = f["layout"]
        if kind == "boundary" and "step" in (layout.get("meta") or {}):
            return f
        if layout.get("uirevision") == kind:
            return f
    raise AssertionError(f"no {kind} figure among {len(s.figures)}")


def z_of(boundary: dict) -> np.ndarray:
    (field,) = [d for d in boundary["data"] if d.get("meta") == "probability"]
    n = len(array(field["x"]))
    return array(field["z"]).reshape(n, n)


def expected_run(s: NetSettings):
    """The page's run, trained here from the same settings."""
    X, y = classification(s.data, s.points, s.noise, s.data_seed)
    split = split_data(X, y, s.val_fraction, s.data_seed)
    key, extra = run_call(s)
    arch = Architecture(s.hidden, s.activation)
    h = train(
        split,
        key,
        arch=arch,
        steps=s.steps,
        batch_size=s.batch,
        init=s.init,
        init_seed=s.init_seed,
        sigma=s.sigma,
        patience=s.patience or None,
        **extra,
    )
    box = square_box(data_box(np.concatenate([split.X_train, split.X_val])))
    return h, arch, box


def move(s: Session, field: str, value) -> Session:
    """Set the widget of a settings field (any kind) and rerun."""
    _widget(s, state.w_nn(field)).set_value(value).run()
    return s.read()


def _widget(s: Session, key: str):
    for kind in (
        "slider",
        "select_slider",
        "selectbox",
        "radio",
        "toggle",
        "number_input",
        "text_input",
    ):
        for w in getattr(s.at, kind):
            if w.key == key:
                return w
    raise AssertionError(f"no widget {key}")


# --- the page ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_in_both_languages(lang: str) -> None:
    s = networks_page({"lang": lang})
    assert not s.at.exception and not s.at.error
    assert _widget(s, state.w_nn("data")).label == t("nn_data", lang)
    assert _widget(s, state.W_NN_STEP).label == t("nn_step", lang)
    text = " ".join(m.value for m in s.at.markdown)
    assert dataset_name("moons", lang) in text
    assert "2 → 16 → 16 → 1" in text
    curves, boundary = figure(s, "curves"), figure(s, "boundary")
    names = {d["name"] for d in curves["data"]}
    assert t("nn_fig_training", lang) in names and t("nn_fig_lowest", lang) in names
    # The boundary is the trained net's, at its last step.
    h, arch, box = expected_run(NetSettings())
    _, _, p = probability_grid(arch, h.final, box, 100)
    np.testing.assert_allclose(z_of(boundary), p, atol=1e-5)
    best = next(d for d in curves["data"] if d.get("meta") == "best")
    assert best["x"] == [h.best_step]
    captions = " ".join(c.value for c in s.at.caption)
    loss = f"{h.val_loss[h.best_step]:.3g}"
    assert t("nn_best", lang, step=h.best_step, loss=loss) in captions


def test_chinese_leaves_no_english_words() -> None:
    s = networks_page({"lang": "zh", "cmp": "1", "inits": "1", "wd": "0.01"})
    allowed = ALLOWED | {"MLP", "tanh", "ReLU", "Gaussian", "Glorot", "Xavier"}
    allowed |= {"He", "Kaiming", "log", "epoch", "Language", "English"}
    texts = visible_texts(s.at) + [i.value for i in s.at.info]
    texts += [str(v) for tb in s.at.table for v in tb.value.to_numpy().ravel()]
    texts += [str(c) for tb in s.at.table for c in tb.value.columns]
    leftovers = [
        (text[:60], word)
        for text in texts
        for word in LATIN.findall(re.sub(r"\$[^$]*\$", "", text))
        if word not in allowed
    ]
    assert not leftovers, leftovers[:10]
    for f in s.figures:
        for trace in f["data"]:
            name = trace.get("name", "")
            words = [w for w in LATIN.findall(name) if w not in allowed]
            assert not words, name


WIDGET_KINDS = (
    "slider",
    "select_slider",
    "selectbox",
    "radio",
    "toggle",
    "number_input",
)


def _candidates(key: str, s: Session) -> list:
    """Every value the widget ``key`` could hold."""
    from surfaces.datasets import KINDS
    from surfaces.network import SCHEMES
    from ui import networks_training as networks
    from ui.networks_settings import ARCHITECTURES, DECAY_KINDS, METHODS
    from ui.widgets import log_options

    n = settings(s)
    field = key.removeprefix("w.nn.")
    table = {
        "data": KINDS,
        "hidden": ARCHITECTURES,
        "activation": ("tanh", "relu"),
        "init": SCHEMES,
        "method": METHODS,
        "decay": DECAY_KINDS,
        "batch": range(n.n_train + 1),
        "steps": networks.STEPS,
        "patience": networks.PATIENCE,
        "weight_decay": networks.LAMBDAS,
        "step": range(n.steps + 1),
    }
    if field in table:
        return list(table[field])
    return [*log_options(1e-5, 10.0), *log_options(1e-12, 1.0)]  # lr, σ, ε


def _another(s: Session, widget):
    """A value the widget does not hold now."""
    kind = widget.type
    if kind == "toggle":
        return not widget.value
    if kind == "number_input":
        return widget.value + 1
    if kind == "slider":
        return widget.max if widget.value != widget.max else widget.min
    current = widget.format_func(widget.value)
    return [
        v
        for v in _candidates(widget.key, s)
        if str(widget.format_func(v)) in widget.options
        and widget.format_func(v) != current
    ][-1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_widget_moves_without_exception(lang: str) -> None:
    s = networks_page({"lang": lang, "cmp": "1", "inits": "1", "opt": "momentum"})
    kinds = ("slider", "select_slider", "selectbox", "radio", "toggle", "number_input")
    keys = [
        w.key
        for kind in kinds
        for w in getattr(s.at, kind)
        if w.key and w.key.startswith("w.nn.")
    ]
    assert len(keys) >= 20, keys
    moved = []
    for key in keys:
        widget = _widget_or_none(s, key)
        if widget is None or widget.disabled:
            continue  # gone with the method moved earlier, or off for it
        widget.set_value(_another(s, widget)).run()
        s.read()
        assert not s.at.error, (key, [e.value for e in s.at.error])
        moved.append(key)
    assert len(moved) >= 18, moved
    s.at.button(key=state.W_NN_VANISHING).click().run()
    s.read()
    assert settings(s).init == "gaussian" and settings(s).hidden == (16, 16, 16)


def _widget_or_none(s: Session, key: str):
    try:
        return _widget(s, key)
    except AssertionError:
        return None


NUMBER_MOVES = [
    ("lr", 0.02),
    ("batch", 8),
    ("seed", 3),
    ("points", 120),
    ("steps", 1000),
    ("noise", 0.4),
    ("weight_decay", 0.01),
    ("val_fraction", 0.3),
    ("data_seed", 5),
    ("init_seed", 2),
    ("patience", 50),
]


def test_moving_numbers_compiles_nothing() -> None:
    s = networks_page()
    # The counter is checked before it is trusted: a new net compiles.
    assert compiles_during(lambda: move(s, "hidden", (8,))) > 0
    for field, value in NUMBER_MOVES:
        before = figure(s, "curves")
        count = compiles_during(lambda f=field, v=value: move(s, f, v))
        assert count == 0, (field, count)
        assert getattr(settings(s), field) == value
        assert figure(s, "curves") != before, field  # the move took effect
    # The comparisons' second run and the step-0 reports compile once ...
    move(s, "compare_decay", True)
    move(s, "compare_inits", True)
    # ... and then numbers move freely again.
    for field, value in (("lr", 0.05), ("weight_decay", 0.05), ("batch", 16)):
        assert compiles_during(lambda f=field, v=value: move(s, f, v)) == 0, field


def test_the_step_slider_redraws_the_boundary() -> None:
    s = networks_page()
    h, arch, box = expected_run(NetSettings())
    last = z_of(figure(s, "boundary"))
    _widget(s, state.W_NN_STEP).set_value(0).run()
    s.read()
    boundary = figure(s, "boundary")
    assert boundary["layout"]["meta"]["step"] == 0
    z = z_of(boundary)
    np.testing.assert_allclose(
        z, probability_grid(arch, h.snapshots[0], box)[2], atol=1e-5
    )
    assert not np.allclose(z, last, atol=1e-3)
    (line,) = figure(s, "curves")["layout"]["shapes"]
    assert line["x0"] == 0
    text = " ".join(m.value for m in s.at.markdown)
    assert t("nn_step_metrics", "en", step=0, train="@", val="@").split("@")[0] in (
        text
    )
    _widget(s, state.W_NN_STEP).set_value(h.best_step).run()
    s.read()
    np.testing.assert_allclose(
        z_of(figure(s, "boundary")),
        probability_grid(arch, h.snapshots[h.best_step], box)[2],
        atol=1e-5,
    )
    # At the last step the slider follows the run: more steps, still the last.
    _widget(s, state.W_NN_STEP).set_value(500).run()
    move(s, "steps", 1000)
    assert figure(s, "boundary")["layout"]["meta"]["step"] == 1000


def test_a_bad_link_gives_defaults_and_one_notice() -> None:
    query = {
        "pts": "abc",
        "lr": "1e9",
        "net": "__import__('os').system('echo hi')",
        "opt": "newton",
        "k": "-5",
        "noise": "nan",
        "momentum": "0.5",  # Adam has no momentum
        "cmp": "maybe",
        "data": "<script>",
    }
    s = networks_page(query)
    assert not s.at.exception
    (warning,) = [w.value for w in s.at.warning]
    for key in query:
        assert key in warning, key
    got, default = settings(s), NetSettings()
    assert got.points == default.points and got.hidden == default.hidden
    assert got.method == default.method and got.noise == default.noise
    assert got.data == default.data and got.compare_decay is False
    assert got.lr == 10.0 and got.batch == 0  # clamped into their ranges
    assert figure(s, "boundary")  # the page trained
    s.run()
    assert not s.at.warning  # said once


def test_the_address_follows_the_settings_and_reproduces_them() -> None:
    s = networks_page()
    move(s, "method", "momentum")
    move(s, "lr", 0.05)
    move(s, "data", "circles")
    link = {
        k: v[-1] if isinstance(v, list) else v for k, v in s.at.query_params.items()
    }
    expected = {"opt": "momentum", "lr": "0.05", "data": "circles", "lang": "en"}
    assert link.items() >= expected.items(), link
    again = networks_page(link)
    assert settings(again) == settings(s)
    assert not again.at.warning
    np.testing.assert_array_equal(
        z_of(figure(again, "boundary")), z_of(figure(s, "boundary"))
    )


def test_typed_widths_are_taken_or_refused() -> None:
    s = networks_page()
    key = state.W_NN_WIDTHS
    s.at.text_input(key=key).input("8-8-8").run()
    s.read()
    assert settings(s).hidden == (8, 8, 8)
    assert "2 → 8 → 8 → 8 → 1" in " ".join(m.value for m in s.at.markdown)
    assert _widget(s, state.w_nn("hidden")).value == (8, 8, 8)
    for bad in ("abc", "200-3", "__import__('os')", "1-2-3-4-5-6-7", "0"):
        s.at.text_input(key=key).input(bad).run()
        s.read()
        warnings = [w.value for w in s.at.sidebar.warning]
        assert len(warnings) == 1 and bad[:40] in warnings[0], (bad, warnings)
        assert settings(s).hidden == (8, 8, 8)
    s.run()
    assert not s.at.sidebar.warning


def test_l2_and_decoupled_are_one_run_for_gd_and_two_for_adam() -> None:
    s = networks_page({"opt": "gd", "lr": "0.5", "wd": "0.05", "cmp": "1"})
    curves = figure(s, "curves")
    l2, decoupled = (
        [d for d in curves["data"] if d["name"] == f"{t('nn_fig_validation')} · {k}"]
        for k in (t("nn_kind_l2"), t("nn_kind_decoupled"))
    )
    np.testing.assert_allclose(array(l2[0]["y"]), array(decoupled[0]["y"]), atol=1e-6)
    norms = figure(s, "norms")
    assert len(norms["data"]) == 2
    (table,) = s.at.table
    assert list(table.value.columns)[1:] == [t("nn_kind_l2"), t("nn_kind_decoupled")]
    move(s, "method", "adam")
    move(s, "weight_decay", 0.1)
    (table,) = s.at.table
    methods = table.value.iloc[0].tolist()[1:]
    assert methods == ["Adam", "AdamW"]
    norms = [array(d["y"])[-1] for d in figure(s, "norms")["data"]]
    assert abs(norms[0] - norms[1]) > 1e-3  # they part
    move(s, "method", "nesterov")  # no decay: the switch is off, a note says so
    assert _widget(s, state.w_nn("compare_decay")).disabled
    assert s.at.info


def test_the_initialisations_and_the_vanishing_example() -> None:
    s = networks_page()
    s.at.button(key=state.W_NN_VANISHING).click().run()
    s.read()
    got = settings(s)
    assert (got.hidden, got.activation, got.init, got.method) == (
        (16, 16, 16),
        "tanh",
        "gaussian",
        "gd",
    )
    inits = figure(s, "inits")
    gaussian = next(d for d in inits["data"] if d.get("meta") == "grad gaussian")
    glorot = next(d for d in inits["data"] if d.get("meta") == "grad glorot_normal")
    ratio = array(glorot["y"])[0] / array(gaussian["y"])[0]
    assert ratio > 3e3
    shown = " ".join(m.value for m in s.at.markdown)
    assert f"{ratio:,.0f}" in shown
    # The run itself sits on the log 2 plateau.
    curves = figure(s, "curves")["data"]
    loss = next(d for d in curves if d["name"] == t("nn_fig_training"))
    assert abs(array(loss["y"])[-1] - np.log(2)) < 5e-3


def test_a_new_method_starts_at_its_own_learning_rate() -> None:
    s = networks_page()
    move(s, "method", "momentum")
    assert settings(s).lr == 0.02
    assert _widget(s, state.w_nn("lr")).value == 0.02
    move(s, "method", "adagrad")
    assert settings(s).lr == 0.5
    assert _widget(s, state.w_nn("weight_decay")).disabled


# --- the settings' address form (no Streamlit) ------------------------------


def test_settings_round_trip_through_the_address() -> None:
    s = replace(
        NetSettings().with_method("momentum"),
        data="spirals",
        points=97,
        noise=0.05,
        hidden=(32, 8),
        activation="relu",
        init="orthogonal",
        lr=0.3,
        hyper=(("momentum", 0.5),),
        batch=0,
        steps=777,
        weight_decay=0.02,
        decay="decoupled",
        patience=0,
        compare_inits=True,
    )
    query = to_query(s)
    assert set(query) <= set(URL_KEYS)
    assert query["net"] == "32-8" and query["opt"] == "momentum"
    assert from_query(query) == (s, [])
    assert to_query(NetSettings()) == {}
    assert from_query({}) == (NetSettings(), [])


def test_adamw_in_a_link_is_adam_with_decoupled_decay() -> None:
    s, notices = from_query({"opt": "adamw", "wd": "0.1"})
    assert not notices
    assert (s.method, s.decay) == ("adam", "decoupled")
    assert run_call(s)[0] == "adamw"
    assert run_call(s, "l2")[0] == "adam"


@pytest.mark.parametrize(
    ("method", "kinds", "keys"),
    [
        ("gd", ("l2", "decoupled"), {"gd"}),
        ("momentum", ("l2", "decoupled"), {"momentum"}),
        ("adam", ("l2", "decoupled"), {"adam", "adamw"}),
        ("lion", ("decoupled",), {"lion"}),
        ("nesterov", (), {"nesterov"}),
        ("rmsprop", (), {"rmsprop"}),
    ],
)
def test_each_methods_weight_decay(method, kinds, keys) -> None:
    s = replace(NetSettings().with_method(method), weight_decay=0.1)
    assert decay_kinds(method) == kinds
    assert can_compare(s) == (len(kinds) == 2)
    assert {run_call(s, k)[0] for k in ("l2", "decoupled")} == keys
    _, extra = run_call(s, "decoupled")
    assert ("weight_decay" in extra) == bool(kinds)
    if method in ("gd", "momentum"):
        assert extra["decay"] == "decoupled"


@pytest.mark.parametrize(
    ("text", "widths"),
    [
        ("8", (8,)),
        ("16-16", (16, 16)),
        (" 32, 32 ", (32, 32)),
        ("16 x 16 x 16", (16, 16, 16)),
        ("1-2-3-4-5-6", (1, 2, 3, 4, 5, 6)),
        ("1-2-3-4-5-6-7", None),
        ("129", None),
        ("0-4", None),
        ("", None),
        ("8.5", None),
        ("-8", None),
        ("eval('8')", None),
        ("8" * 70, None),
    ],
)
def test_parse_widths(text: str, widths) -> None:
    assert parse_widths(text) == widths


def test_any_junk_in_a_link_reads_as_valid_settings() -> None:
    rng = np.random.default_rng(0)
    junk = [
        "",
        "nan",
        "inf",
        "-1e309",
        "1e309",
        "abc",
        "0x10",
        "1_000",
        "∞",
        "½",
        "3" * 700,
        "<b>",
        "true",
        "-0",
        "1e-400",
    ]
    for _ in range(300):
        query = {k: str(rng.choice(junk)) for k in rng.choice(URL_KEYS, 5)}
        s, notices = from_query(query)
        Architecture(s.hidden, s.activation)  # valid
        assert 0 <= s.noise <= 1 and 16 <= s.points <= 256
        assert 1e-5 <= s.lr <= 10 and 1 <= s.steps <= 5000
        assert all(n.what in query for n in notices)
