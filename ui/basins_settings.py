"""What the basins page shows, as one frozen value, and its URL form.

Pure Python (no Streamlit). The page keeps a :class:`Settings` in session
state, seeds its widgets from it and writes every change back; the address
holds ``settings.to_query()``, with keys of its own (the scene's ``s``,
``x``, ``n``, ``r1`` … are the playground's):

    ?bs=himmelblau&b1=gd,lr:0.01&b2=momentum,lr:0.01,momentum:0.9
    &bres=64&bn=500&bx=1.5,-2

:func:`parse_query` reads it back and never raises: an unreadable, unknown
or out-of-range value gives the default (or is clamped) and a
:class:`Notice`. Nothing typed is evaluated: numbers go through
``scenes.validate.number``, names through membership in fixed sets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from optimizers import OPTIMIZERS
from scenes.query import fmt
from scenes.validate import number
from surfaces import SURFACES
from ui.page_query import Notice, QueryReader
from viz.basins import BASIN_COLORS

# Every documented minimum gets a colour of its own; data surfaces are left
# out (their minimum moves with the data), so are the saddles (none).
SURFACE_KEYS = tuple(
    k
    for k, s in SURFACES.items()
    if 1 <= len(s.minima) <= len(BASIN_COLORS) and "data" not in s.tags
)
METHODS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
MAIN = ("lr", "momentum", "beta1", "beta2", "rho")  # the sliders of a method
# GD against momentum on Himmelblau: the same step size, and momentum's
# speed carries many runs over a ridge into the next basin.
DEFAULT_HYPER = {"gd": {"lr": 0.01}, "momentum": {"lr": 0.01, "momentum": 0.9}}
RESOLUTIONS = (32, 48, 64, 96, 128)
STRIP = 8  # a 1-D strip has this many starts per unit of resolution
STEP_OPTIONS = (50, 100, 200, 300, 500, 1000, 2000)


def specs(method: str) -> dict:
    """The method's main numeric hyperparameters, by key."""
    opt = OPTIMIZERS[method]
    return {h.key: h for h in opt.hyperparams if h.key in MAIN}


def default_hyper(method: str) -> tuple[tuple[str, float], ...]:
    values = {k: float(h.default) for k, h in specs(method).items()}
    return tuple(sorted((values | DEFAULT_HYPER.get(method, {})).items()))


@dataclass(frozen=True)
class Side:
    """One of the two methods compared, with its main hyperparameters."""

    method: str
    hyper: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, method: str) -> Side:
        return cls(method, default_hyper(method))

    def values(self) -> dict[str, float]:
        return dict(self.hyper)

    def with_value(self, key: str, value: float) -> Side:
        return replace(
            self, hyper=tuple(sorted((self.values() | {key: value}).items()))
        )

    def text(self) -> str:
        """``gd,lr:0.01``: the method and its values, for the address."""
        return ",".join([self.method, *(f"{k}:{fmt(v)}" for k, v in self.hyper)])


@dataclass(frozen=True)
class Settings:
    """Everything the page draws from; hashable (a cache key).

    ``pick`` is the start clicked on a map (None: none yet); it is shown
    only while it lies in the surface's view box.
    """

    surface: str = "himmelblau"
    left: Side = field(default_factory=lambda: Side.of("gd"))
    right: Side = field(default_factory=lambda: Side.of("momentum"))
    resolution: int = 64
    steps: int = 500
    pick: tuple[float, ...] | None = None

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.left, self.right)

    def with_side(self, index: int, side: Side) -> Settings:
        return replace(self, **{("left", "right")[index]: side})

    def cells(self, dim: int) -> int:
        """Starts per side of the grid (a 1-D strip has more)."""
        return self.resolution * (STRIP if dim == 1 else 1)

    def to_query(self) -> dict[str, str]:
        query = {
            KEY.surface: self.surface,
            KEY.left: self.left.text(),
            KEY.right: self.right.text(),
            KEY.resolution: str(self.resolution),
            KEY.steps: str(self.steps),
        }
        if self.pick is not None:
            query[KEY.pick] = ",".join(fmt(v) for v in self.pick)
        return query


class Keys(NamedTuple):
    """The page's URL keys, named once: ``to_query`` writes them and
    ``parse_query`` reads them."""

    surface: str = "bs"
    left: str = "b1"
    right: str = "b2"
    resolution: str = "bres"
    steps: str = "bn"
    pick: str = "bx"


KEY = Keys()
QUERY_KEYS = tuple(KEY)


def in_box(point: tuple[float, ...] | None, surface: str) -> bool:
    """Whether ``point`` is a start of this surface's view box."""
    box = SURFACES[surface].domain
    if point is None or len(point) != len(box):
        return False
    return all(lo <= v <= hi for v, (lo, hi) in zip(point, box, strict=True))


class _Reader(QueryReader):
    """Reads one query into settings fields, collecting notices."""

    KEYS = QUERY_KEYS

    def option(self, key: str, options: tuple, default, cast=str):
        if key not in self.values:
            return default
        text = self.values[key]
        try:
            got = cast(text)
        except (TypeError, ValueError, OverflowError):
            got = None
        if got not in options:
            self.note("not_an_option", key, text, str(default))
            return default
        return got

    def side(self, key: str, default: Side) -> Side:
        if key not in self.values:
            return default
        text = self.values[key]
        method, *pairs = [p.strip() for p in text.split(",")]
        if method not in METHODS:
            used = default.method
            self.note("unknown_method", key, method, used)
            return default
        side = default if method == default.method else Side.of(method)
        known = specs(method)
        for pair in pairs:
            name, _, value_text = pair.partition(":")
            spec = known.get(name.strip())
            got = number(value_text)
            if spec is None or got is None:
                self.note("unreadable", key, pair)
                continue
            clamped = min(max(got, float(spec.low)), float(spec.high))
            if clamped != got:
                self.note("out_of_range", key, pair, fmt(clamped))
            side = side.with_value(spec.key, clamped)
        return side

    def pick(self, surface: str) -> tuple[float, ...] | None:
        if KEY.pick not in self.values:
            return None
        text = self.values[KEY.pick]
        got = tuple(number(p) for p in text.split(","))
        point = None if None in got else tuple(float(v) for v in got)
        if point is None or not all(math.isfinite(v) for v in point):
            self.note("unreadable", KEY.pick, text)
            return None
        if not in_box(point, surface):
            self.note("outside", KEY.pick, text)
            return None
        return point


def parse_query(query: Mapping[str, object]) -> tuple[Settings, list[Notice]]:
    """Settings from URL parameters (keys of other pages are ignored), and
    what was not taken as given; never raises."""
    d = Settings()
    r = _Reader(query)
    surface = r.option(KEY.surface, SURFACE_KEYS, d.surface)
    settings = Settings(
        surface=surface,
        left=r.side(KEY.left, d.left),
        right=r.side(KEY.right, d.right),
        resolution=r.option(KEY.resolution, RESOLUTIONS, d.resolution, _int),
        steps=r.option(KEY.steps, STEP_OPTIONS, d.steps, _int),
        pick=r.pick(surface),
    )
    return settings, r.notices


def _int(text: str) -> int:
    value = float(text)
    if not value.is_integer():
        raise ValueError(text)
    return int(value)
