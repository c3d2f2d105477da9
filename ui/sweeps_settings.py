"""What the hyperparameter-map page shows, as one frozen value, and its URL
form.

Pure Python (no Streamlit). The page keeps a :class:`Settings` in session
state, seeds its widgets from it and writes every change back; the address
holds ``settings.to_query()``, with keys of its own (the scene's ``s``,
``x``, ``r1`` … are the playground's, ``bs``, ``b1`` … the basins page's):

    ?ms=course_quadratic&mm=momentum&ma=lr,momentum&mr1=0.002:1&mr2=0:0.99
    &mres=96&mn=200&mq=loss&mb=16&mseed=0&mx=0,0&mf=lr:0.1&mp=kappa:25

:func:`parse_query` (ui/sweeps_query.py) reads it back and never raises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from optimizers import OPTIMIZERS, HyperParam
from optimizers.sweep import MAX_CELLS
from scenes.query import fmt
from surfaces import SURFACES
from viz.sweep_map import QUANTITIES

# Surfaces with a documented minimum (f − f* and "converged" need one);
# data surfaces are left out (their minimum moves with the data).
SURFACE_KEYS = tuple(
    k for k, s in SURFACES.items() if s.dim == 2 and s.minima and "data" not in s.tags
)
EXTRA_AXES = ("noise", "clip_norm")  # first-order extras worth a map
RESOLUTIONS = (16, 24, 32, 48, 64, 96, 128, 192, 256)
MAX_SIDE = math.isqrt(MAX_CELLS)  # 256
STEP_OPTIONS = (20, 50, 100, 200, 300, 500, 1000, 2000)
BUDGETS = (0, 9, 16, 25, 36)  # 0: no search shown
SEED_HIGH = 99
NONE = "none"  # the second axis' "no second axis"
NICE = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)


NOTICE_CODES = (
    "unreadable",
    "out_of_range",
    "not_an_option",
    "repeated",
    "too_long",
    "not_an_axis",
)


def axis_specs(method: str) -> dict[str, HyperParam]:
    """The hyperparameters a map may vary for ``method``: its own numeric
    ones (not seeds or whole numbers), plus noise and clipping of a
    first-order method."""
    o = OPTIMIZERS[method]
    extras = [h for h in o.hyperparams_on(False) if h.key in EXTRA_AXES]
    own = [h for h in o.hyperparams if not h.integer and h.key != "seed"]
    return {h.key: h for h in [*own, *extras]}


METHODS = tuple(k for k in OPTIMIZERS if axis_specs(k))


def nice(value: float) -> float:
    """The readable number (1, 1.5, 2, 3, 5, 7 per decade) nearest in log."""
    if value <= 0:
        return 0.0
    e = math.floor(math.log10(value))
    options = [m * 10.0**k for k in (e - 1, e, e + 1) for m in NICE]
    best = min(options, key=lambda o: abs(math.log(o / value)))
    return float(f"{best:.6g}")


def default_range(
    spec: HyperParam, method: str, lambda_max: float | None = None
) -> tuple[float, float]:
    """A first view of an axis: around the stability edge for GD's and
    momentum's α when the curvature is known, a few decades around the
    default for other log axes, the spec's whole range for linear ones."""
    if spec.key == "lr" and method in ("gd", "momentum", "nesterov") and lambda_max:
        edge = (2.0 if method == "gd" else 4.0) / lambda_max
        low, high = nice(edge / 300.0), nice(edge * 2.0)
    elif spec.log:
        low, high = nice(spec.default / 100.0), nice(spec.default * 20.0)
    else:
        low, high = spec.low, spec.high
        if high == 0.999:  # momentum-like: the last steps to 1 only crawl
            high = 0.99
    low, high = max(low, spec.low), min(high, spec.high)
    return (low, high) if low < high else (spec.low, spec.high)


def axis_values(spec: HyperParam, lo: float, hi: float, n: int) -> np.ndarray:
    """``n`` values over [lo, hi]: geometric on a log axis."""
    if spec.log:
        return np.geomspace(lo, hi, n)
    return np.linspace(lo, hi, n)


def range_options(spec: HyperParam, keep: tuple[float, ...] = ()) -> list[float]:
    """The stops of an axis' range slider: readable values over the spec's
    range (log or linear), plus the ends in ``keep`` exactly."""
    if spec.log:
        e0, e1 = math.floor(math.log10(spec.low)), math.ceil(math.log10(spec.high))
        values = {float(f"{m * 10.0**e:.6g}") for e in range(e0, e1 + 1) for m in NICE}
    else:
        step = nice((spec.high - spec.low) / 40.0)
        count = round((spec.high - spec.low) / step)
        values = {round(spec.low + i * step, 10) for i in range(count + 1)}
        values |= {spec.high, 0.9, 0.95, 0.99}
    values = {v for v in values if spec.low <= v <= spec.high}
    values |= {float(v) for v in keep if spec.low <= v <= spec.high}
    return sorted(values)


@dataclass(frozen=True)
class Settings:
    """Everything the page draws from; hashable (a cache key).

    Attributes:
        surface, surface_params: the loss surface (2-D, with a minimum) and
            its parameters that differ from the defaults (sorted pairs).
        method: the optimizer; ``fixed`` its other hyperparameters that
            differ from the defaults (sorted pairs).
        axes: one or two of its hyperparameters (``axis_specs``); ``ranges``
            their (low, high), in the same order.
        resolution: cells per side; ``steps`` per run; ``start`` (None: the
            surface's).
        show: the quantity coloured (viz.sweep_map.QUANTITIES).
        budget: runs of the grid-against-random search (0: not shown);
            ``seed`` draws the random search's points.
    """

    surface: str = "course_quadratic"
    method: str = "momentum"
    axes: tuple[str, ...] = ("lr", "momentum")
    ranges: tuple[tuple[float, float], ...] = ((0.002, 1.0), (0.0, 0.99))
    resolution: int = 96
    steps: int = 100
    show: str = "loss"
    start: tuple[float, float] | None = None
    fixed: tuple[tuple[str, float], ...] = ()
    surface_params: tuple[tuple[str, float], ...] = ()
    budget: int = 0
    seed: int = 0

    def start_point(self) -> tuple[float, ...]:
        return self.start if self.start is not None else SURFACES[self.surface].start

    def specs(self) -> list[HyperParam]:
        found = axis_specs(self.method)
        return [found[k] for k in self.axes]

    def values(self) -> list[np.ndarray]:
        """Each axis' grid values."""
        return [
            axis_values(spec, lo, hi, self.resolution)
            for spec, (lo, hi) in zip(self.specs(), self.ranges, strict=True)
        ]

    def hyper(self) -> dict[str, float]:
        """The fixed hyperparameters (the method's defaults where unset),
        without the axes'."""
        o = OPTIMIZERS[self.method]
        values = {h.key: float(h.default) for h in o.hyperparams}
        values |= dict(self.fixed)
        return {k: v for k, v in values.items() if k not in self.axes}

    def with_fixed(self, key: str, value: float) -> Settings:
        return replace(
            self, fixed=tuple(sorted((dict(self.fixed) | {key: value}).items()))
        )

    def to_query(self) -> dict[str, str]:
        query = {
            KEY.surface: self.surface,
            KEY.method: self.method,
            KEY.axes: ",".join(self.axes),
            KEY.resolution: str(self.resolution),
            KEY.steps: str(self.steps),
            KEY.show: self.show,
            KEY.budget: str(self.budget),
            KEY.seed: str(self.seed),
        }
        for key, (lo, hi) in zip(KEY.ranges, self.ranges, strict=False):
            query[key] = f"{fmt(lo)}:{fmt(hi)}"
        if self.start is not None:
            query[KEY.start] = ",".join(fmt(v) for v in self.start)
        if self.fixed:
            query[KEY.fixed] = ",".join(f"{k}:{fmt(v)}" for k, v in self.fixed)
        if self.surface_params:
            pairs = (f"{k}:{fmt(v)}" for k, v in self.surface_params)
            query[KEY.params] = ",".join(pairs)
        return query


class Keys(NamedTuple):
    """The page's URL keys, named once: ``to_query`` writes them and
    ui/sweeps_query.py reads them."""

    surface: str = "ms"
    method: str = "mm"
    axes: str = "ma"
    ranges: tuple[str, str] = ("mr1", "mr2")  # one per axis
    resolution: str = "mres"
    steps: str = "mn"
    show: str = "mq"
    budget: str = "mb"
    seed: str = "mseed"
    start: str = "mx"
    fixed: str = "mf"
    params: str = "mp"


KEY = Keys()
QUERY_KEYS = tuple(k for v in KEY for k in ((v,) if isinstance(v, str) else v))
assert Settings().show in QUANTITIES


def fresh_axes(
    s: Settings, axes: tuple[str, ...], lambda_max: float | None
) -> Settings:
    """``s`` with these axes, each keeping its range if it was an axis
    already and taking its default range otherwise."""
    old = dict(zip(s.axes, s.ranges, strict=True))
    found = axis_specs(s.method)
    ranges = tuple(
        old.get(k) or default_range(found[k], s.method, lambda_max) for k in axes
    )
    return replace(s, axes=axes, ranges=ranges)


def default_axes(method: str) -> tuple[str, ...]:
    """lr × momentum, lr × β₁, … : the first two of the method's axes."""
    keys = list(axis_specs(method))
    preferred = [k for k in ("lr", "momentum", "beta1", "rho") if k in keys]
    rest = [k for k in keys if k not in preferred]
    return tuple([*preferred, *rest][:2])


def for_method(s: Settings, method: str, lambda_max: float | None) -> Settings:
    """``s`` for another method: its default axes and ranges, no fixed values."""
    base = replace(s, method=method, axes=(), ranges=(), fixed=())
    return fresh_axes(base, default_axes(method), lambda_max)
