"""Every session-state key, and the scene kept under one of them.

The Scene in ``st.session_state[SCENE]`` is the source of truth: widgets are
seeded from it before they are drawn and write back into it from their
callbacks; the URL is written from it. Widgets never own state that matters,
so a page that is not drawn (About) loses nothing.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from scenes import Notice, Run, Scene

# The chart component's own bookkeeping keys: owned there, listed here.
from ui.chart import FAILED_KEY_PREFIX, SENT_KEY  # noqa: F401

SCENE = "scene"  # the Scene
LANG = "lang"  # "en" | "zh": a viewer setting, not part of the scene
NOTICES = "notices"  # notices not shown yet (from a link or a file)
URL_SEEN = "url.seen"  # the query the server last received
URL_WRITTEN = "url.written"  # the query the page last wrote into the address
START_CLICKED = "start.clicked"  # a click on the map moved the start
GO_PLAYGROUND = "go.playground"  # a gallery card was opened
START_REFUSED = "start.refused"  # the message for an unreadable typed start
LANGUAGES = ("en", "zh")

# Widget keys. Each is seeded from the scene before its widget is drawn.
W_LANG = "w.lang"
W_LESSON = "w.lesson"
W_LESSON_RESET = "w.lesson_reset"
W_LESSON_OPEN = "w.lesson_open"  # + ".<lesson key>" on the gallery page
W_SURFACE = "w.surface"
W_STEPS = "w.steps"
W_MAXIMIZE = "w.maximize"
W_SHOW_3D = "w.show_3d"
W_PRESENT = "w.present"
W_LOSS_AXIS = "w.loss_axis"
W_ADD_METHOD = "w.add_method"
W_ADD_RUN = "w.add_run"
W_SCENE_FILE = "w.scene_file"
W_EXPORT_HTML = "w.export_html"
W_EXPORT_CSV = "w.export_csv"
W_EXPORT_JSON = "w.export_json"
W_FUNCTION = "w.function"  # a typed function's text
TYPED_LAST = "typed.last"  # the last function that parsed (the picker's default)
TYPED_PROBLEM = "typed.problem"  # why the text in the field does not parse
COMPILED_FOR = "compiled.for"  # the scene whose runs were just compiled
W_H = "w.h"  # the calculus page's difference step
W_ANGLE = "w.angle"  # the calculus page's direction e


def w_start(axis: int) -> str:
    return f"w.start.{axis}"


def w_surface_param(key: str) -> str:
    return f"w.sp.{key}"


def w_box(axis: str, end: int) -> str:
    """A typed function's view box: ``w.box.<axis>.<0 low | 1 high>``."""
    return f"w.box.{axis}.{end}"


def w_run(index: int, key: str) -> str:
    """A run's widget: ``w.r<index>.<hyperparameter, choice or part>``."""
    return f"w.r{index}.{key}"


def run_panel(index: int) -> str:
    """The run's panel (a container key: the page's CSS class st-key-runpanel<i>)."""
    return f"runpanel{index}"


# Parts of a run's panel that are not hyperparameters or choices.
RUN_FAN, RUN_LR_TYPED = "fan", "lr_typed"
RUN_DUPLICATE, RUN_REMOVE = "duplicate", "remove"
RUN_SETTINGS = "settings"  # the run's "Settings" expander (open or not)


def scene() -> Scene:
    return st.session_state.get(SCENE) or Scene()


def set_scene(new: Scene) -> None:
    st.session_state[SCENE] = new


def change(**fields: object) -> None:
    """Replace some fields of the scene."""
    set_scene(replace(scene(), **fields))


def change_run(index: int, run: Run) -> None:
    set_scene(scene().with_run(index, run))


def lang() -> str:
    value = st.session_state.get(LANG, "en")
    return value if value in LANGUAGES else "en"


def seed(key: str, value: object) -> str:
    """Put the scene's value into a widget's state before the widget is drawn."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value
    return key


def add_notices(notices: list[Notice]) -> None:
    st.session_state.setdefault(NOTICES, []).extend(notices)


def take_notices() -> list[Notice]:
    return st.session_state.pop(NOTICES, [])


# The backprop page (pages/backprop.py, ui/backprop.py).
BP_GRAPH = "bp.graph"  # the chosen graph's key
BP_STEP = "bp.step"  # the step shown (0: the inputs)
BP_INPUTS = "bp.inputs"  # {graph key: {input: value}}: each graph keeps its own
BP_REFUSED = "bp.refused"  # the message for a refused typed input
BP_URL_SEEN = "bp.url_seen"  # the ?g= values the page last received
BP_NOTICE = "bp.notice"  # the message for an unknown ?g=
W_BP_GRAPH = "w.bp.graph"
W_BP_FIRST = "w.bp.first"
W_BP_PREV = "w.bp.prev"
W_BP_NEXT = "w.bp.next"
W_BP_LAST = "w.bp.last"


def w_bp_input(graph: str, name: str) -> str:
    """A typed input of the backprop page: ``w.bp.in.<graph>.<input>``."""
    return f"w.bp.in.{graph}.{name}"


# The networks page (pages/networks.py, ui/networks*.py).
NN_SETTINGS = "nn.settings"  # the NetSettings trained (ui/networks_settings.py)
NN_STEP = "nn.step"  # the step the boundary shows (None: the last)
NN_URL_SEEN = "nn.url_seen"  # the page's URL parameters last received or written
NN_NOTICES = "nn.notices"  # notices about a link, not shown yet
NN_REFUSED = "nn.refused"  # the message for refused typed widths
W_NN_STEP = "w.nn.step"
W_NN_WIDTHS = "w.nn.widths"  # typed hidden widths ("8-8-8")
W_NN_VANISHING = "w.nn.vanishing"  # the button that sets up the vanishing case


def w_nn(field: str) -> str:
    """The networks page's widget of a NetSettings field: ``w.nn.<field>``."""
    return f"w.nn.{field}"


# The loss-landscape page (pages/landscape.py, ui/landscape*.py).
LS_SETTINGS = "ls.settings"  # the page's Settings (ui/landscape_settings.py)
LS_URL_SEEN = "ls.url_seen"  # the page's URL parameters last received or written
LS_NOTICES = "ls.notices"  # messages about a link, not shown yet
LS_REFUSED = "ls.refused"  # the message for refused typed input (sidebar)
W_LS_HIDDEN = "w.ls.hidden"  # typed hidden widths ("16,16")


def w_ls(field: str) -> str:
    """The landscape page's widget of a Settings field: ``w.ls.<field>``."""
    return f"w.ls.{field}"


def w_ls_lr(method: str) -> str:
    """A method's learning-rate slider on the landscape page: ``w.ls.lr.<method>``."""
    return f"w.ls.lr.{method}"


# The hyperparameter-map page (pages/sweeps.py, ui/sweeps*.py): its keys below.
SW_SETTINGS = "sw.settings"  # the page's Settings (ui/sweeps_settings.py)
SW_URL_SEEN = "sw.url_seen"  # the page's URL parameters last received or written
SW_NOTICES = "sw.notices"  # messages about a link, not shown yet
SW_CLICK = "sw.click"  # a clicked cell not read yet (the chart's ``cell``)
SW_PICKED = "sw.picked"  # the picked cell's axis values {key: value}, or None
SW_GO_PLAYGROUND = "sw.go_playground"  # "Add to the playground" was pressed
W_SW_ADD = "w.sw.add"


def w_sw(field: str) -> str:
    """The map page's widget of a Settings field: ``w.sw.<field>``."""
    return f"w.sw.{field}"


def w_sw_hyper(method: str, key: str) -> str:
    """A fixed hyperparameter's slider on the map page: ``w.sw.h.<method>.<key>``."""
    return f"w.sw.h.{method}.{key}"


# The basins page (pages/basins.py, ui/basins*.py): its keys below.
BS_SETTINGS = "bs.settings"  # the page's Settings (ui/basins_settings.py)
BS_URL_SEEN = "bs.url_seen"  # the page's URL parameters last received or written
BS_NOTICES = "bs.notices"  # messages about a link, not shown yet
BS_GO_PLAYGROUND = "bs.go_playground"  # "Play in the playground" was pressed
W_BS_PLAY = "w.bs.play"


def w_bs(field: str) -> str:
    """The basins page's widget of a Settings field: ``w.bs.<field>``."""
    return f"w.bs.{field}"


def w_bs_hyper(side: str, method: str, key: str) -> str:
    """A method's hyperparameter slider: ``w.bs.<left|right>.<method>.<key>``."""
    return f"w.bs.{side}.{method}.{key}"
