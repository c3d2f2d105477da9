"""Clamp a scene to what the registries allow, and say what was changed."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

from optimizers import OPTIMIZERS, HyperParam
from optimizers.run import is_data
from scenes.limits import (
    FAN_MOST,
    LABEL_MOST,
    MAX_RUNS,
    MAX_STEPS,
    MIN_STEPS,
    START_MARGIN,
)
from scenes.model import LOSS_AXES, TYPED, Run, Scene, View, box_pairs
from scenes.notices import Notice, shorten
from surfaces import SURFACES, Surface, SurfaceParam
from surfaces.derivatives import H_HIGH, H_LOW

DEFAULT_SURFACE = Scene.__dataclass_fields__["surface"].default


def number(value: object) -> float | None:
    """``value`` as a finite float, or None (bools, text, NaN, ±inf, 1e309)."""
    if isinstance(value, bool):
        return None
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return result if math.isfinite(result) else None


def clamp_spec(
    spec: HyperParam | SurfaceParam, value: object, what: str, notices: list[Notice]
) -> float:
    """``value`` within the spec's range (whole if the spec is), or its default."""
    got = number(value)
    if got is None:
        notices.append(Notice("unreadable", what, shorten(value), f"{spec.default:g}"))
        return float(spec.default)
    if getattr(spec, "integer", False) and not got.is_integer():
        got = float(round(got))
    clamped = min(max(got, spec.low), spec.high)
    if clamped != got:
        notices.append(Notice("out_of_range", what, shorten(value), f"{clamped:g}"))
    return float(clamped)


def validate(scene: Scene) -> tuple[Scene, list[Notice]]:
    """The scene clamped to the registries' ranges, plus what was changed."""
    notices: list[Notice] = []
    surface_key = scene.surface
    typed = _typed(scene, notices) if surface_key == TYPED else None
    if typed is None and surface_key not in SURFACES:
        if surface_key != TYPED:
            notices.append(
                Notice("unknown_surface", "s", shorten(surface_key), DEFAULT_SURFACE)
            )
        surface_key = DEFAULT_SURFACE
    surface = typed[0] if typed else SURFACES[surface_key]
    same_surface = surface_key == scene.surface
    runs = list(scene.runs)
    if len(runs) > MAX_RUNS:
        notices.append(Notice("too_many_runs", "runs", str(len(runs)), str(MAX_RUNS)))
        runs = runs[:MAX_RUNS]
    clean_runs = []
    data = is_data(surface)
    for index, run in enumerate(runs, start=1):
        clean = validate_run(run, f"r{index}", notices, data)
        if clean is not None:
            clean_runs.append(clean)
    params = (
        _surface_params(surface, scene.surface_params, notices) if same_surface else {}
    )
    if data:
        clean_runs = _batches_within(clean_runs, surface, params, notices)
    clean = Scene(
        surface=surface_key,
        start=_start(surface, scene.start, notices) if same_surface else None,
        steps=_steps(scene.steps, notices),
        runs=tuple(clean_runs),
        surface_params=params,
        maximize=bool(scene.maximize),
        view=_view(scene.view, notices),
        lesson=_lesson(scene.lesson, notices),
        expression=typed[1] if typed else "",
        box=typed[2] if typed else None,
    )
    return clean, notices


def _typed(
    scene: Scene, notices: list[Notice]
) -> tuple[Surface, str, tuple[float, ...] | None] | None:
    """The typed function's surface, text and box; None (with a notice) when
    the text does not parse. A box that is not one is dropped for the
    default, with a notice."""
    from surfaces import ExpressionError, parse_expression

    text = scene.expression if isinstance(scene.expression, str) else ""
    box = _box(scene.box, notices)
    try:
        surface = parse_expression(text, box_pairs(box))
    except ExpressionError:  # its message is shown where the function is typed
        notices.append(Notice("bad_function", "f", shorten(text), DEFAULT_SURFACE))
        return None
    except ValueError:
        notices.append(Notice("unreadable", "box", shorten(scene.box)))
        box, surface = None, parse_expression(text)
    return surface, text, box


def _box(box: object, notices: list[Notice]) -> tuple[float, ...] | None:
    if box is None:
        return None
    try:
        values = [number(v) for v in box]  # type: ignore[union-attr]
    except TypeError:
        values = []
    if len(values) not in (2, 4) or any(v is None for v in values):
        notices.append(Notice("unreadable", "box", shorten(box)))
        return None
    return tuple(float(v) for v in values)  # type: ignore[arg-type]


def validate_run(
    run: Run, what: str, notices: list[Notice], data: bool = False
) -> Run | None:
    """The run within its method's specs, or None if the method is unknown.

    ``data``: the scene's surface is a data surface (mini-batch settings apply).
    """
    opt = OPTIMIZERS.get(run.optimizer) if isinstance(run.optimizer, str) else None
    if opt is None:
        notices.append(Notice("unknown_optimizer", what, shorten(run.optimizer)))
        return None
    specs = {h.key: h for h in opt.hyperparams_on(data)}
    hyper = {}
    for key, value in dict(run.hyper).items():
        if key not in specs:
            notices.append(Notice("unknown_setting", f"{what}.{key}", shorten(value)))
            continue
        hyper[key] = clamp_spec(specs[key], value, f"{what}.{key}", notices)
    choices = {}
    options = {c.key: c for c in opt.choices_on(data)}
    for key, value in dict(run.choices).items():
        if key not in options:
            notices.append(Notice("unknown_setting", f"{what}.{key}", shorten(value)))
        elif value not in options[key].options:
            used = options[key].default
            notices.append(Notice("unreadable", f"{what}.{key}", shorten(value), used))
            choices[key] = used
        else:
            choices[key] = value
    return Run(
        optimizer=opt.key,
        hyper=hyper,
        choices=choices,
        fan=_fan(run.fan, "seed" in specs, what, notices),
        label=_label(run.label, what, notices),
    )


def fit_batches(scene: Scene) -> tuple[Scene, list[Notice]]:
    """The scene with every batch size brought within its data's N (after N
    moved below a run's K), and a notice for each one changed."""
    if not scene.on_data():
        return scene, []
    notices: list[Notice] = []
    runs = _batches_within(
        list(scene.runs), scene.the_surface(), dict(scene.surface_params), notices
    )
    return replace(scene, runs=tuple(runs)), notices


def _batches_within(
    runs: list[Run], surface: Surface, params: dict, notices: list[Notice]
) -> list[Run]:
    """A batch size above the data's N comes down to N (the full batch), said."""
    n = int((surface.default_params() | params)["n_points"])
    out = []
    for index, run in enumerate(runs, start=1):
        size = run.hyper.get("batch_size", 0.0)
        if size > n:
            what = f"r{index}.batch_size"
            notices.append(Notice("out_of_range", what, f"{size:g}", f"{n}"))
            run = run.with_value("batch_size", float(n))
        out.append(run)
    return out


def _fan(value: object, seeded: bool, what: str, notices: list[Notice]) -> int:
    got = number(value)
    if got is None:
        notices.append(Notice("unreadable", f"{what}.fan", shorten(value), "1"))
        return 1
    fan = int(min(max(round(got), 1), FAN_MOST))
    if fan != got:
        notices.append(Notice("out_of_range", f"{what}.fan", shorten(value), str(fan)))
    if fan > 1 and not seeded:
        notices.append(Notice("no_seed", f"{what}.fan", str(fan), "1"))
        return 1
    return fan


def _label(value: object, what: str, notices: list[Notice]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        notices.append(Notice("unreadable", f"{what}.label", shorten(value)))
        return None
    # Control and format characters (newlines, bidi overrides) never reach a legend.
    text = "".join(c for c in value if unicodedata.category(c)[0] != "C")
    text = " ".join(text.split())
    if len(text) > LABEL_MOST:
        notices.append(Notice("too_long", f"{what}.label", shorten(text)))
        text = text[:LABEL_MOST]
    return text or None


def _start(
    surface: Surface, start: object, notices: list[Notice]
) -> tuple[float, ...] | None:
    if start is None:
        return None
    try:
        values = [number(v) for v in start]  # type: ignore[union-attr]
    except TypeError:
        values = []
    if len(values) != surface.dim or any(v is None for v in values):
        used = ", ".join(f"{v:g}" for v in surface.start)
        notices.append(Notice("unreadable", "x", shorten(start), used))
        return None
    point = []
    for (lo, hi), v in zip(surface.domain, values, strict=True):
        margin = START_MARGIN * (hi - lo)
        point.append(min(max(v, lo - margin), hi + margin))
    if point != values:
        used = ", ".join(f"{v:g}" for v in point)
        notices.append(Notice("out_of_range", "x", shorten(start), used))
    return tuple(float(v) for v in point)


def _steps(value: object, notices: list[Notice]) -> int:
    got = number(value)
    default = Scene.__dataclass_fields__["steps"].default
    if got is None:
        notices.append(Notice("unreadable", "n", shorten(value), str(default)))
        return default
    steps = int(min(max(round(got), MIN_STEPS), MAX_STEPS))
    if steps != got:
        notices.append(Notice("out_of_range", "n", shorten(value), str(steps)))
    return steps


def _surface_params(
    surface: Surface, values: Mapping[str, object], notices: list[Notice]
) -> dict[str, float]:
    specs = {p.key: p for p in surface.params}
    clean = {}
    for key, value in dict(values).items():
        if key not in specs:
            notices.append(Notice("unknown_setting", f"p.{key}", shorten(value)))
            continue
        clean[key] = clamp_spec(specs[key], value, f"p.{key}", notices)
    return clean


def _view(view: object, notices: list[Notice]) -> View:
    if not isinstance(view, View):
        notices.append(Notice("unreadable", "view", shorten(view)))
        return View()
    axis = view.loss_axis
    if axis not in LOSS_AXES:
        notices.append(Notice("unreadable", "loss", shorten(axis), LOSS_AXES[0]))
        axis = LOSS_AXES[0]
    return replace(
        view,
        show_3d=bool(view.show_3d),
        present=bool(view.present),
        loss_axis=axis,
        h=_h(view.h, notices),
        angle=_angle(view.angle, notices),
    )


def _h(value: object, notices: list[Notice]) -> float:
    """The difference step, within the h slider's log range."""
    got, default = number(value), View().h
    if got is None:
        notices.append(Notice("unreadable", "h", shorten(value), f"{default:g}"))
        return default
    used = min(max(got, H_LOW), H_HIGH)
    if used != got:
        notices.append(Notice("out_of_range", "h", shorten(value), f"{used:g}"))
    return used


def _angle(value: object, notices: list[Notice]) -> float:
    """A direction in degrees, turned into [0, 360): every angle is one."""
    got = number(value)
    if got is None:
        notices.append(Notice("unreadable", "a", shorten(value), "0"))
        return 0.0
    return got % 360.0


def _lesson(key: object, notices: list[Notice]) -> str:
    from scenes.gallery import GALLERY

    if key in ("", None):
        return ""
    if key not in GALLERY:
        notices.append(Notice("unknown_parameter", "g", shorten(key)))
        return ""
    return str(key)
