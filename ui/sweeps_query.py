"""The hyperparameter-map page's address read back into :class:`Settings`;
never raises.

An unreadable, unknown or out-of-range value is replaced by the default (or
clamped into its range) and reported as a :class:`Notice`. Nothing typed is
evaluated: numbers go through ``scenes.validate.number`` (float and a
finiteness check), names through membership in fixed sets. Keys of other
pages are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from optimizers.sweep import MAX_CELLS
from scenes.query import fmt
from scenes.validate import number
from surfaces import SURFACES
from ui.page_query import Notice, QueryReader
from ui.sweeps_settings import (
    BUDGETS,
    KEY,
    METHODS,
    NONE,
    QUERY_KEYS,
    RESOLUTIONS,
    SEED_HIGH,
    STEP_OPTIONS,
    SURFACE_KEYS,
    Settings,
    axis_specs,
    default_axes,
    fresh_axes,
)
from viz.sweep_map import QUANTITIES


class _Reader(QueryReader):
    """Reads one query's values, collecting notices."""

    KEYS = QUERY_KEYS

    def option(self, key: str, options: tuple, default, cast=str):
        if key not in self.values:
            return default
        text = self.values[key]
        got = number(text) if cast is not str else text
        if cast is int and got is not None and float(got).is_integer():
            got = int(got)
        if got not in options:
            self.note("not_an_option", key, text, str(default))
            return default
        return got

    def pairs(self, key: str, specs: Mapping) -> dict[str, float]:
        """``k:v,k:v`` with every k in ``specs``, each v clamped to its range."""
        out: dict[str, float] = {}
        for item in self.values.get(key, "").split(","):
            name, _, text = item.strip().partition(":")
            if not name:
                continue
            spec = specs.get(name)
            got = number(text)
            if spec is None or got is None:
                self.note("unreadable", key, item, "")
                continue
            clamped = min(max(got, spec.low), spec.high)
            if clamped != got:
                self.note("out_of_range", f"{key} ({name})", text, fmt(clamped))
            out[name] = clamped
        return out

    def point(self, key: str) -> tuple[float, float] | None:
        if key not in self.values:
            return None
        parts = [number(p) for p in self.values[key].split(",")]
        if len(parts) != 2 or any(p is None for p in parts):
            self.note("unreadable", key, self.values[key], "")
            return None
        return (float(parts[0]), float(parts[1]))  # type: ignore[arg-type]


def parse_query(query: Mapping[str, object]) -> tuple[Settings, list[Notice]]:
    """Settings from URL parameters, and what was not taken as given."""
    d = Settings()
    r = _Reader(query)
    surface = r.option(KEY.surface, SURFACE_KEYS, d.surface)
    method = r.option(KEY.method, METHODS, d.method)
    s = replace(
        d,
        surface=surface,
        method=method,
        resolution=r.option(KEY.resolution, RESOLUTIONS, d.resolution, int),
        steps=r.option(KEY.steps, STEP_OPTIONS, d.steps, int),
        show=r.option(KEY.show, QUANTITIES, d.show),
        budget=r.option(KEY.budget, BUDGETS, d.budget, int),
        seed=r.option(KEY.seed, tuple(range(SEED_HIGH + 1)), d.seed, int),
        start=_start(r, surface),
        fixed=tuple(sorted(r.pairs(KEY.fixed, axis_specs_all(method)).items())),
        surface_params=tuple(
            sorted(
                r.pairs(
                    KEY.params, {p.key: p for p in SURFACES[surface].params}
                ).items()
            )
        ),
        axes=(),
        ranges=(),
    )
    lmax = _lambda_max(s)
    s = fresh_axes(s, _axes(r, method), lmax)
    s = replace(s, ranges=tuple(_range(r, i, s) for i in range(len(s.axes))))
    if s.resolution ** len(s.axes) > MAX_CELLS:  # cannot happen with RESOLUTIONS
        s = replace(s, resolution=d.resolution)
    return s, r.notices


def axis_specs_all(method: str) -> dict:
    """Every numeric hyperparameter of ``method`` (the fixed values' specs)."""
    from optimizers import OPTIMIZERS

    return {h.key: h for h in OPTIMIZERS[method].hyperparams_on(False)}


def _axes(r: _Reader, method: str) -> tuple[str, ...]:
    default = default_axes(method)
    if KEY.axes not in r.values:
        return default
    specs = axis_specs(method)
    keys = [k.strip() for k in r.values[KEY.axes].split(",") if k.strip()]
    keys = [k for k in keys if k != NONE]
    chosen = tuple(dict.fromkeys(k for k in keys if k in specs))
    if len(chosen) != len(keys) or not 1 <= len(chosen) <= 2:
        r.note("not_an_axis", KEY.axes, r.values[KEY.axes], ",".join(default))
        return default
    return chosen


def _range(r: _Reader, i: int, s: Settings) -> tuple[float, float]:
    key, default = KEY.ranges[i], s.ranges[i]
    if key not in r.values:
        return default
    spec = axis_specs(s.method)[s.axes[i]]
    text = r.values[key]
    lo_text, _, hi_text = text.partition(":")
    lo, hi = number(lo_text), number(hi_text)
    used = f"{fmt(default[0])}:{fmt(default[1])}"
    if lo is None or hi is None or not lo < hi:
        r.note("unreadable", key, text, used)
        return default
    clo, chi = min(max(lo, spec.low), spec.high), min(max(hi, spec.low), spec.high)
    if not clo < chi:
        r.note("out_of_range", key, text, used)
        return default
    if (clo, chi) != (lo, hi):
        r.note("out_of_range", key, text, f"{fmt(clo)}:{fmt(chi)}")
    return (clo, chi)


def _start(r: _Reader, surface: str) -> tuple[float, float] | None:
    point = r.point(KEY.start)
    if point is None:
        return None
    box = SURFACES[surface].domain
    clamped = tuple(min(max(v, lo), hi) for v, (lo, hi) in zip(point, box, strict=True))
    if clamped != point:
        r.note(
            "out_of_range",
            KEY.start,
            r.values[KEY.start],
            ",".join(fmt(v) for v in clamped),
        )
    return clamped  # type: ignore[return-value]


def _lambda_max(s: Settings) -> float | None:
    from ui.sweeps_compute import lambda_max

    return lambda_max(s.surface, s.surface_params)


__all__ = ["STEP_OPTIONS", "Notice", "parse_query"]
