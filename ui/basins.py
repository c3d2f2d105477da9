"""The basins page's state, address and computations.

State lives in one :class:`~ui.basins_settings.Settings` under
``state.BS_SETTINGS``; every widget (ui/basins_sidebar.py) is seeded from it
and writes back into it from its callback, which also puts the settings in
the address. A link's values are read when the address changed since the
last rerun; what cannot be used is said once, above the maps.

The basins of a (surface, method) compile once per resolution bucket (a few
seconds on two cores): :func:`will_compile` tells the page beforehand, so it
can say so instead of freezing silently.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from optimizers import get_optimizer, run
from optimizers.compiled import RUNNERS
from optimizers.run import is_compiled
from optimizers.sweep import BUCKETS, Basins, basins
from surfaces import get_surface
from ui import state
from ui.basins_settings import QUERY_KEYS, Settings, Side, parse_query
from ui.names import optimizer_name, param_symbol_text
from ui.page_query import Notice
from ui.page_url import PageUrl
from ui.texts import t
from viz import Path, surface_grid

URL = PageUrl(QUERY_KEYS, state.BS_SETTINGS, state.BS_URL_SEEN, state.BS_NOTICES)
# The two methods' paths from a picked start: dark, told apart by the dash
# (the basin colours are taken).
PATH_LOOK = (("#111111", "solid"), ("#8C564B", "dash"))
# (surface, method, choices, bucket) whose basins ran in this process.
_RAN: set[tuple] = set()


def settings() -> Settings:
    return st.session_state.get(state.BS_SETTINGS) or Settings()


def notice_text(notice: Notice, lang: str) -> str:
    return t(
        f"basins_notice_{notice.code}",
        lang,
        what=notice.what,
        given=notice.given,
        used=notice.used,
    )


def read_url(lang: str) -> None:
    """Adopt a link's settings (see ``ui.page_url``)."""
    URL.read(parse_query, lambda n: notice_text(n, lang))


def take_notices() -> list[str]:
    return URL.take_notices()


def store(new: Settings, lang: str) -> None:
    """Keep ``new`` and put it in the address."""
    URL.store(new, new.to_query(), lang)


def side_label(side: Side, lang: str) -> str:
    """``Momentum · α 0.01, μ 0.9``: the method and its values."""
    opt = get_optimizer(side.method)
    symbols = {h.key: param_symbol_text(h.symbol) for h in opt.hyperparams}
    values = ", ".join(f"{symbols.get(k, k)} {v:g}" for k, v in side.hyper)
    return f"{optimizer_name(side.method, lang)} · {values}"


def side_names(s: Settings, lang: str) -> list[str]:
    """The two methods' names, numbered when both sides run the same method
    (GD (1), GD (2)): the table, the paths and their endings tell them apart."""
    names = [optimizer_name(side.method, lang) for side in s.sides]
    if s.left.method != s.right.method:
        return names
    return [t("basins_col_side", lang, name=n, k=k) for k, n in enumerate(names, 1)]


def _bucket(cells: int, dim: int) -> int:
    count = cells**dim
    return next(b for b in BUCKETS if b >= count)


def _key(s: Settings, side: Side) -> tuple:
    surface = get_surface(s.surface)
    opt = get_optimizer(side.method)
    choices = tuple(sorted(opt.split({}, False)[1].items()))
    return (surface, opt, choices, _bucket(s.cells(surface.dim), surface.dim))


def will_compile(s: Settings) -> list[str]:
    """The methods whose basins (or, with a pick, whose single run) would
    compile before answering."""
    waiting = []
    for side in s.sides:
        surface, opt, choices, _ = key = _key(s, side)
        runner = (surface, opt, choices, "many", (), True, False)
        fresh = key not in _RAN or runner not in RUNNERS
        if s.pick is not None and not is_compiled(surface, opt):
            fresh = True
        if fresh and side.method not in waiting:
            waiting.append(side.method)
    return waiting


@st.cache_data(max_entries=16, show_spinner=False)
def _basins(surface: str, side: Side, cells: int, steps: int) -> Basins:
    return basins(surface, side.method, cells, steps, **side.values())


def compute(s: Settings) -> tuple[Basins, Basins]:
    """Both methods' basins (cached), recording what has compiled."""
    dim = get_surface(s.surface).dim
    out = tuple(_basins(s.surface, side, s.cells(dim), s.steps) for side in s.sides)
    for side in s.sides:
        if len(_RAN) > 512:  # bounded: a term of exploring stays small
            _RAN.clear()
        _RAN.add(_key(s, side))
    return out  # type: ignore[return-value]


@st.cache_data(max_entries=32, show_spinner=False)
def grid(surface: str, points: int) -> tuple[np.ndarray, ...]:
    """f over the view box, for the level lines and the curve."""
    return surface_grid(get_surface(surface), n=points)


@st.cache_data(max_entries=32, show_spinner=False)
def _path(
    surface: str, side: Side, start: tuple[float, ...], steps: int
) -> tuple[np.ndarray, np.ndarray, int | None, str]:
    tr = run(surface, side.method, start=start, steps=steps, **side.values())
    status = str(getattr(tr, "status", "") or "")
    return tr.points, tr.values, tr.diverged_at, status


def paths(s: Settings, lang: str) -> list[Path]:
    """Each method's single run from the picked start."""
    if s.pick is None:
        return []
    out = []
    names = side_names(s, lang)
    for side, name, (color, dash) in zip(s.sides, names, PATH_LOOK, strict=True):
        points, values, diverged, status = _path(s.surface, side, s.pick, s.steps)
        out.append(
            Path(
                label=name,
                color=color,
                points=points,
                values=values,
                diverged_at=diverged,
                dash=dash,
                status=status,
                optimizer=side.method,
            )
        )
    return out


def snap(s: Settings, x: float, y: float | None) -> tuple[float, ...] | None:
    """The grid's start nearest to a clicked position (None outside the box)."""
    surface = get_surface(s.surface)
    given = (x,) if surface.dim == 1 else (x, y)
    point = []
    for value, (lo, hi) in zip(given, surface.domain, strict=True):
        if value is None or not np.isfinite(value) or not lo <= value <= hi:
            return None
        axis = np.linspace(lo, hi, s.cells(surface.dim))
        point.append(float(axis[int(np.argmin(np.abs(axis - value)))]))
    return tuple(point)


def clicked(chart_key: str, lang: str) -> None:
    """on_click: the start nearest the click becomes the picked one."""
    result = st.session_state.get(chart_key)
    click = getattr(result, "click", None) or (
        result.get("click") if isinstance(result, dict) else None
    )
    try:
        x = float(click["x"])  # type: ignore[index]
        y = float(click["y"]) if "y" in click else None  # type: ignore[operator]
    except (KeyError, TypeError, ValueError):
        return  # a malformed message from the browser changes nothing
    s = settings()
    point = snap(s, x, y)
    if point is not None:
        store(replace(s, pick=point), lang)
