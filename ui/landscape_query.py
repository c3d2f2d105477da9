"""The landscape page's address read back into :class:`Settings`; never raises.

An unreadable, unknown or out-of-range value is replaced by the default (or
clamped into its range) and reported as a :class:`Notice`. Nothing typed is
evaluated: numbers go through ``float`` and a finiteness check
(``scenes.validate.number``), names through membership in a fixed set.
Keys of other pages are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from optimizers import OPTIMIZERS
from scenes.validate import number
from surfaces.datasets import KINDS
from surfaces.network.architecture import ACTIVATIONS
from surfaces.network.loop import TRAIN_BUDGET
from ui.landscape_settings import (
    ALL_PATHS,
    FIRST_ORDER,
    LARGE_BATCHES,
    LR_HIGH,
    LR_LOW,
    MAX_METHODS,
    NOISE_HIGH,
    POINTS_HIGH,
    POINTS_LOW,
    QUERY_KEYS,
    RESOLUTIONS,
    SEED_HIGH,
    SMALL_BATCHES,
    SPANS,
    STEPS_LOW,
    Settings,
    default_lr,
    number_text,
    parse_hidden,
)
from ui.page_query import Notice, QueryReader


class _Reader(QueryReader):
    """Reads one query into settings fields, collecting notices."""

    KEYS = QUERY_KEYS

    def whole(self, key: str, low: int, high: int, default: int) -> int:
        if key not in self.values:
            return default
        text = self.values[key]
        got = number(text)
        if got is None or not got.is_integer():
            self.note("unreadable", key, text, str(default))
            return default
        clamped = int(min(max(got, low), high))
        if clamped != got:
            self.note("out_of_range", key, text, str(clamped))
        return clamped

    def real(self, key: str, low: float, high: float, default: float) -> float:
        if key not in self.values:
            return default
        text = self.values[key]
        got = number(text)
        if got is None:
            used = number_text(default)
            self.note("unreadable", key, text, used)
            return default
        clamped = min(max(got, low), high)
        if clamped != got:
            used = number_text(clamped)
            self.note("out_of_range", key, text, used)
        return clamped

    def option(self, key: str, options: tuple, default, cast=str):
        if key not in self.values:
            return default
        text = self.values[key]
        try:
            got = cast(text)
        except (TypeError, ValueError, OverflowError):
            got = None
        if got not in options or (isinstance(got, float) and not math.isfinite(got)):
            used = number_text(default) if isinstance(default, float) else str(default)
            self.note("not_an_option", key, text, used)
            return default
        return got

    def methods(self, default: Settings) -> tuple[tuple[str, ...], dict[str, float]]:
        if "m" not in self.values:
            return default.methods, dict(default.lrs)
        chosen: list[str] = []
        lrs = dict(default.lrs)
        for item in self.values["m"].split(","):
            name, _, lr_text = item.strip().partition(":")
            if not name:
                continue
            if name not in OPTIMIZERS:
                self.note("unknown_method", "m", name)
                continue
            if name not in FIRST_ORDER:
                self.note("not_first_order", "m", name)
                continue
            if name in chosen:
                continue
            if len(chosen) == MAX_METHODS:
                used = str(MAX_METHODS)
                self.note("too_many_methods", "m", name, used)
                continue
            chosen.append(name)
            if lr_text:
                lrs[name] = self.lr(name, lr_text)
        if not chosen:
            used = ",".join(default.methods)
            self.note("unreadable", "m", self.values["m"], used)
            return default.methods, dict(default.lrs)
        return tuple(chosen), lrs

    def lr(self, method: str, text: str) -> float:
        got = number(text)
        fallback = default_lr(method)
        what = f"m ({method})"
        if got is None:
            used = number_text(fallback)
            self.note("unreadable", what, text, used)
            return fallback
        clamped = min(max(got, LR_LOW), LR_HIGH)
        if clamped != got:
            used = number_text(clamped)
            self.note("out_of_range", what, text, used)
        return clamped

    def hidden(self, default: tuple[int, ...]) -> tuple[int, ...]:
        if "hidden" not in self.values:
            return default
        widths = parse_hidden(self.values["hidden"])
        if widths is None:
            used = ",".join(str(w) for w in default)
            self.note("hidden", "hidden", self.values["hidden"], used)
            return default
        return widths


def parse_query(query: Mapping[str, object]) -> tuple[Settings, list[Notice]]:
    """Settings from URL parameters (keys of other pages are ignored), and
    what was not taken as given; never raises."""
    d = Settings()
    r = _Reader(query)
    methods, lrs = r.methods(d)
    settings = Settings(
        data=r.option("data", KINDS, d.data),
        points=r.whole("points", POINTS_LOW, POINTS_HIGH, d.points),
        noise=r.real("noise", 0.0, NOISE_HIGH, d.noise),
        data_seed=r.whole("dseed", 0, SEED_HIGH, d.data_seed),
        hidden=r.hidden(d.hidden),
        activation=r.option("act", ACTIVATIONS, d.activation),
        methods=methods,
        lrs=tuple(sorted(lrs.items())),
        batch=r.whole("K", 0, POINTS_HIGH, d.batch),
        steps=r.whole("steps", STEPS_LOW, TRAIN_BUDGET, d.steps),
        seed=r.whole("seed", 0, SEED_HIGH, d.seed),
        center=r.option("center", FIRST_ORDER, d.center),
        resolution=r.option("res", RESOLUTIONS, d.resolution, _int),
        span=r.option("span", SPANS, d.span, float),
        direction_seed=r.whole("dirs", 0, SEED_HIGH, d.direction_seed),
        pca=r.option("pca", (ALL_PATHS, *FIRST_ORDER), d.pca),
        show_3d=r.option("surf3d", ("0", "1"), "1") == "1",
        sharp_method=r.option("sf", FIRST_ORDER, d.sharp_method),
        small=r.option("small", SMALL_BATCHES, d.small, _int),
        large=r.option("large", LARGE_BATCHES, d.large, _int),
    )
    return settings.tidy(), r.notices


def _int(text: str) -> int:
    value = float(text)
    if not value.is_integer():
        raise ValueError(text)
    return int(value)
