"""The loss-landscape page (AppTest): both languages, every widget moved, no
compile on a number move once the net's loops exist, a bad link or typed
value refused with a message, the settings in the address; and the URL form
(ui/landscape_settings.py) on its own."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from ui import landscape_data, state
from ui.landscape_query import parse_query
from ui.landscape_settings import (
    ALL_PATHS,
    MAX_METHODS,
    QUERY_KEYS,
    Settings,
    parse_hidden,
)
from ui.names import optimizer_name
from ui.texts import t

from .apphelp import Session, array
from .compiles import compiles_during
from .test_app import ALLOWED, LATIN, visible_texts

PAGE = "pages/landscape.py"
# A small net and one method: for the tests that must compile new shapes.
SMALL = {"points": "60", "hidden": "6,6", "m": "gd:0.5", "steps": "100", "res": "21"}


def landscape_page(query: dict[str, str] | None = None) -> Session:
    s = Session(query)
    s.at.switch_page(PAGE).run()
    return s.read()


def settings(s: Session) -> Settings:
    return s.at.session_state[state.LS_SETTINGS]


def group(s: Session, field: str):
    """A segmented control of the page (AppTest calls it a button group)."""
    (found,) = [g for g in s.at.get("button_group") if g.key == state.w_ls(field)]
    return found


def pick(s: Session, field: str, value) -> Session:
    group(s, field).set_value(value).run()
    return s.read()


def figure_named(s: Session, key: str) -> dict:
    """The figure of the chart component with this key."""
    payloads = s.reader.payloads(s.at)
    (index,) = [i for i, p in enumerate(payloads) if p["name"] == key]
    return s.figures[index]


def main_warnings(s: Session) -> list[str]:
    return [w.value for w in s.at.main.warning]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_in_both_languages(lang: str) -> None:
    s = landscape_page({"lang": lang})
    assert not s.at.exception and not s.at.error
    assert not main_warnings(s)  # the defaults train: nothing diverges
    assert [h.value for h in s.at.subheader] == [
        t(key, lang) for key in ("ls_random", "ls_paths", "ls_sharp", "ls_summary")
    ]
    keys = [p["name"] for p in s.reader.payloads(s.at)]
    assert keys == [
        "ls_random", "ls_random3d", "ls_pca", "ls_interp", "ls_sharp",
        "ls_sharp_small", "ls_sharp_large",
    ]  # fmt: skip
    names = [optimizer_name(m, lang) for m in Settings().methods]
    pca = figure_named(s, "ls_pca")
    assert [tr["name"] for tr in pca["data"] if tr.get("meta") == "path"] == names
    assert pca["layout"]["xaxis"]["title"]["text"].startswith(
        t("ls_pca_axis", lang, k=1, share="@").split("@")[0]
    )
    interp = figure_named(s, "ls_interp")
    assert [tr["name"] for tr in interp["data"] if tr.get("meta") == "train"] == names
    assert figure_named(s, "ls_random3d")["data"][0]["type"] == "surface"
    rows = s.at.table[0].value
    assert list(rows.iloc[:, 0]) == names
    assert list(rows.iloc[:, -1]) == [t("ls_ok", lang)] * 3
    losses = rows[t("ls_col_train", lang)].astype(float)
    assert (losses < 0.25).all()
    assert s.at.multiselect(key=state.w_ls("methods")).label == t(
        "ls_methods", lang, most=MAX_METHODS
    )


def test_chinese_leaves_no_english_words() -> None:
    s = landscape_page({"lang": "zh"})
    allowed = ALLOWED | {"tanh", "ReLU", "Li", "NeurIPS", "Goodfellow", "PCA"}
    texts = visible_texts(s.at) + [w.label for w in s.at.get("button_group")]
    texts += [str(o) for g in s.at.get("button_group") for o in g.options]
    texts += [m.label for m in s.at.multiselect] + list(s.at.table[0].value.columns)
    for figure in s.figures:
        layout = figure["layout"]
        for axis in ("xaxis", "yaxis"):
            texts.append(layout.get(axis, {}).get("title", {}).get("text", ""))
        texts += [str(tr.get("name", "")) for tr in figure["data"]]
    leftovers = [
        (text[:60], word)
        for text in texts
        for word in LATIN.findall(re.sub(r"\$[^$]*\$|<br>", " ", text))
        if word not in allowed
    ]
    assert not leftovers, leftovers[:10]


def test_moving_numbers_compiles_nothing() -> None:
    s = landscape_page()
    w = state.w_ls

    def moves() -> None:
        sliders = {
            w("points"): (120, 256),
            w("noise"): (0.35,),
            w("data_seed"): (4,),
            w("seed"): (3,),
            w("direction_seed"): (7,),
        }
        for key, values in sliders.items():
            for value in values:
                s.at.slider(key=key).set_value(value).run()
                s.read()
        steps = {
            w("batch"): (8, 0),
            w("steps"): (300, 2000),
            state.w_ls_lr("gd"): (0.3,),
            state.w_ls_lr("adam"): (0.02,),
        }
        for key, values in steps.items():
            for value in values:
                s.at.select_slider(key=key).set_value(value).run()
                s.read()
        groups = {
            "resolution": (21, 51),
            "span": (0.5, 2.0),
            "center": ("adam",),
            "pca": ("momentum", ALL_PATHS),
            "sharp_method": ("gd",),
            "small": (2,),
            "large": (64,),
        }
        for field, values in groups.items():
            for value in values:
                pick(s, field, value)
        s.at.selectbox(key=w("data")).set_value("spirals").run()
        s.read()
        s.at.toggle(key=w("show_3d")).set_value(False).run()
        s.read()

    assert compiles_during(moves) == 0
    got = settings(s)
    assert got == Settings(
        data="spirals", points=256, noise=0.35, data_seed=4, seed=3,
        direction_seed=7, batch=0, steps=2000, resolution=51, span=2.0,
        center="adam", pca=ALL_PATHS, sharp_method="gd", small=2, large=64,
        show_3d=False, lrs=(("adam", 0.02), ("gd", 0.3), ("momentum", 0.05)),
    )  # fmt: skip
    contour = figure_named(s, "ls_random")["data"][0]
    assert len(array(contour["x"])) == len(array(contour["y"])) == 51
    assert "ls_random3d" not in [p["name"] for p in s.reader.payloads(s.at)]
    # the address holds every move
    assert dict(s.at.query_params) == got.to_query() | {"lang": "en"}

    def new_method() -> None:  # the counter counts here: a new loop compiles
        s.at.multiselect(key=w("methods")).set_value(["gd", "nesterov"]).run()
        s.read()

    assert compiles_during(new_method) > 0


def test_every_widget_moves_without_exception() -> None:
    s = landscape_page(SMALL)
    assert settings(s).hidden == (6, 6) and settings(s).methods == ("gd",)
    w = state.w_ls
    s.at.selectbox(key=w("data")).set_value("xor").run()
    s.read()
    pick(s, "activation", "relu")
    s.at.multiselect(key=w("methods")).set_value(["gd", "rmsprop"]).run()
    s.read()
    assert settings(s).methods == ("gd", "rmsprop")
    assert s.at.select_slider(key=state.w_ls_lr("rmsprop")).value == 0.02
    s.at.select_slider(key=state.w_ls_lr("rmsprop")).set_value(0.01).run()
    s.read()
    s.at.text_input(key=state.W_LS_HIDDEN).input("5").run()
    s.read()
    assert settings(s).hidden == (5,)
    pick(s, "pca", "rmsprop")
    pick(s, "center", "rmsprop")
    pick(s, "sharp_method", "rmsprop")
    for key in ("noise", "data_seed", "seed", "direction_seed", "points"):
        slider = s.at.slider(key=w(key))
        slider.set_value(slider.max).run()
        s.read()
    for key in (w("batch"), w("steps")):
        slider = s.at.select_slider(key=key)
        slider.set_value(slider.options[0]).run()
        s.read()
    got = settings(s)
    assert (got.activation, got.data, got.lr("rmsprop")) == ("relu", "xor", 0.01)
    assert (got.pca, got.center, got.sharp_method) == ("rmsprop",) * 3
    assert got.batch == 1 and got.steps == 10
    assert not s.at.exception and not s.at.error


def test_the_compile_note_names_the_methods_a_new_net_lacks() -> None:
    """What the "Compiling…" note names (the browser test sees the note)."""
    s = landscape_page(SMALL | {"hidden": "7,3", "m": "gd:0.5,momentum:0.05"})
    assert landscape_data.waiting(settings(s)) == []  # compiled by the run
    fresh = replace(settings(s), hidden=(3, 7))
    assert landscape_data.waiting(fresh) == ["gd", "momentum"]
    trained = replace(fresh, activation="tanh", hidden=(7, 3), methods=("gd",))
    assert landscape_data.waiting(trained) == []


def test_a_bad_link_gets_a_notice_and_the_defaults() -> None:
    query = {
        "points": "abc",
        "res": "17",
        "m": "gd:zzz,newton,foo,adam",
        "hidden": "__import__('os')",
        "noise": "9",
        "K": "1e400",
        "data": "<script>",
    }
    s = landscape_page(query)
    (warning,) = main_warnings(s)
    assert warning.startswith(t("ls_notices", "en"))
    for given in ("abc", "17", "zzz", "newton", "foo", "__import__", "<script>"):
        assert given in warning, given
    got, default = settings(s), Settings()
    assert got.points == default.points and got.resolution == default.resolution
    assert got.methods == ("gd", "adam") and got.lr("gd") == default.lr("gd")
    assert got.hidden == default.hidden and got.data == default.data
    assert got.noise == 1.0  # clamped to the range, and said so
    assert got.batch == default.batch
    s.run()
    assert not main_warnings(s)  # said once


def test_a_typed_net_shape_is_refused_with_a_message_and_kept() -> None:
    s = landscape_page(SMALL)
    field = state.W_LS_HIDDEN
    for text in ("abc", "8;__import__('os')", "0", "100", "8,8,8,8,8", "1e9"):
        s.at.text_input(key=field).input(text).run()
        s.read()
        (warning,) = [w.value for w in s.at.sidebar.warning]
        assert text in warning and "6,6" in warning
        assert settings(s).hidden == (6, 6)
        assert s.at.text_input(key=field).value == "6,6"
    s.run()
    assert not s.at.sidebar.warning
    s.at.text_input(key=field).input("4, 4").run()
    s.read()
    assert settings(s).hidden == (4, 4)
    assert s.at.query_params["hidden"] == "4,4"


def test_no_methods_is_refused() -> None:
    s = landscape_page(SMALL)
    s.at.multiselect(key=state.w_ls("methods")).set_value([]).run()
    s.read()
    (warning,) = [w.value for w in s.at.sidebar.warning]
    assert optimizer_name("gd", "en") in warning
    assert settings(s).methods == ("gd",)
    s.run()
    assert s.at.multiselect(key=state.w_ls("methods")).value == ["gd"]


def test_a_link_from_the_address_reproduces_the_page() -> None:
    s = landscape_page(SMALL)
    s.at.select_slider(key=state.w_ls_lr("gd")).set_value(0.2).run()
    s.read()
    pick(s, "span", 0.25)
    query = dict(s.at.query_params)
    assert query["m"] == "gd:0.2" and query["span"] == "0.25"
    again = landscape_page(query)
    assert settings(again) == settings(s)
    assert not main_warnings(again)
    assert again.figures[0] == s.figures[0]  # the same random plane


# --- The URL form on its own ----------------------------------------------------


def test_settings_survive_their_query() -> None:
    s = Settings(
        data="circles", points=77, noise=0.45, data_seed=5, hidden=(32, 8, 4),
        activation="relu", methods=("adam", "nesterov"), batch=5, steps=1234,
        seed=9, center="nesterov", resolution=51, span=0.25, direction_seed=11,
        pca="adam", show_3d=False, sharp_method="nesterov", small=1, large=128,
    ).with_lr("nesterov", 0.0123)  # fmt: skip
    query = s.to_query()
    assert set(query) == set(QUERY_KEYS)
    parsed, notices = parse_query({k: [v] for k, v in query.items()})
    assert notices == [] and parsed == s


@pytest.mark.parametrize(
    "query",
    [
        {"m": "adam,adam,gd,momentum,rmsprop"},
        {"m": ",,,"},
        {"m": "gd:1e999"},
        {"span": "nan"},
        {"res": "31.5"},
        {"steps": ["100", "200"]},
        {"hidden": "x" * 500},
        {"surf3d": "yes"},
        {"center": "bfgs"},
        {"K": "-4"},
        {"small": "inf"},
    ],
)
def test_garbage_never_raises(query: dict) -> None:
    parsed, notices = parse_query(query)
    assert isinstance(parsed, Settings)
    assert 1 <= len(parsed.methods) <= MAX_METHODS
    assert parsed.center in parsed.methods
    assert notices  # each says what it could not use


def test_the_method_list_keeps_three_and_says_what_it_dropped() -> None:
    parsed, notices = parse_query({"m": "adam,adam,gd,momentum,rmsprop"})
    assert parsed.methods == ("adam", "gd", "momentum")
    assert [(n.code, n.given) for n in notices] == [("too_many_methods", "rmsprop")]


@pytest.mark.parametrize(
    ("text", "widths"),
    [("16,16", (16, 16)), (" 32 32 32 ", (32, 32, 32)), ("8，8", (8, 8)),
     ("8x8", (8, 8)), ("", None), ("8,,", (8,)), ("-8", None), ("8.5", None),
     ("65", None), ("1,2,3,4,5", None), ("2**20", None)],
)  # fmt: skip
def test_typed_widths(text: str, widths) -> None:
    assert parse_hidden(text) == widths


def test_presentation_mode_enlarges_the_figures() -> None:
    """The playground's presentation mode (in the address as present=1)."""
    s = landscape_page({"present": "1"})
    for figure in s.figures:
        assert figure["layout"]["font"]["size"] >= 20
    assert figure_named(s, "ls_random")["layout"]["height"] > 500
