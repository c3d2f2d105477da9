"""The URL form of a scene: short, readable keys; never raises on garbage.

    ?s=x_sq_plus_sin&x=2.5&n=50&r1=gd,lr:1&r2=gd,lr:0.1&r3=gd,lr:0.01

``s`` surface, ``p`` surface parameters (``kappa:25,angle:30``), ``x`` start,
``n`` steps, ``max=1`` maximise, ``d3=1`` 3-D view, ``loss=evaluation``,
``present=1`` presentation mode, ``g`` gallery lesson, ``r1`` … ``r12`` runs
(``method,key:value,…``; ``fan:k``; ``label:`` percent-encoded),
``runs=0`` a scene without runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, unquote

from optimizers import OPTIMIZERS
from scenes.limits import MAX_RUNS, VALUE_MOST
from scenes.model import DEFAULT_RUNS, TYPED, Run, Scene, View
from scenes.notices import Notice, shorten
from scenes.validate import number
from viz.tags import CHART_KEY

# Viewer settings that ride in the URL but are not part of a scene.
LANG_KEY = "lang"
VIEWER_KEYS = (LANG_KEY, CHART_KEY)
SCENE_KEYS = (
    *("s", "p", "x", "n", "max", "d3", "loss", "present", "g", "runs"),
    *("h", "a"),  # the calculus page's step and direction
    *("f", "box"),  # a typed function (s=typed) and its view box
)
RUN_KEY = re.compile(r"r(\d{1,2})")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
MOST_LISTED = 8  # unknown keys named one by one; the rest are counted


def fmt(value: float) -> str:
    """The shortest text that reads back as exactly ``value`` (an int too:
    a scene written by hand may hold ``seed=3``)."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def to_query(scene: Scene) -> dict[str, str]:
    """The scene as URL parameters (for ``st.query_params``)."""
    query = {"s": scene.surface}
    if scene.surface_params:
        query["p"] = _pairs(scene.surface_params)
    if scene.surface == TYPED:
        query["f"] = scene.expression
        if scene.box is not None:
            query["box"] = ",".join(fmt(v) for v in scene.box)
    if scene.start is not None:
        query["x"] = ",".join(fmt(v) for v in scene.start)
    query["n"] = str(scene.steps)
    flags = {
        "max": scene.maximize,
        "d3": scene.view.show_3d,
        "present": scene.view.present,
    }
    query |= {k: "1" for k, on in flags.items() if on}
    if scene.view.loss_axis != "step":
        query["loss"] = scene.view.loss_axis
    if scene.view.h != View().h:
        query["h"] = fmt(scene.view.h)
    if scene.view.angle != View().angle:
        query["a"] = fmt(scene.view.angle)
    if scene.lesson:
        query["g"] = scene.lesson
    for i, run in enumerate(scene.runs, start=1):
        query[f"r{i}"] = _run_text(run)
    if not scene.runs:
        query["runs"] = "0"
    return query


def _pairs(values: Mapping[str, float | str]) -> str:
    return ",".join(
        f"{k}:{v if isinstance(v, str) else fmt(v)}" for k, v in values.items()
    )


def _run_text(run: Run) -> str:
    parts = [run.optimizer]
    if run.hyper or run.choices:
        parts.append(_pairs({**run.hyper, **run.choices}))
    if run.fan != 1:
        parts.append(f"fan:{run.fan}")
    if run.label is not None:
        parts.append("label:" + quote(run.label, safe=" "))
    return ",".join(parts)


def parse_query(query: Mapping[str, object]) -> tuple[Scene, list[Notice]]:
    """A scene from URL parameters, plus what was ignored and why; never raises."""
    notices: list[Notice] = []
    values = _single_values(query, notices)
    runs: dict[int, Run] = {}
    unknown: list[str] = []
    for key, text in values.items():
        match = RUN_KEY.fullmatch(key)
        if match and 1 <= int(match.group(1)) <= MAX_RUNS:
            runs[int(match.group(1))] = _parse_run(text)
        elif match:
            notices.append(Notice("too_many_runs", key, shorten(text), str(MAX_RUNS)))
        elif key not in SCENE_KEYS and key not in VIEWER_KEYS:
            unknown.append(key)
    _name_unknown(unknown, notices)
    default = Scene()
    scene = Scene(
        surface=values.get("s", default.surface),
        surface_params=_parse_pairs(values.get("p", "")),
        start=_parse_start(values.get("x")),
        steps=values.get("n", default.steps),  # type: ignore[arg-type]
        runs=tuple(runs[i] for i in sorted(runs)) or _no_runs(values),
        maximize=_flag(values, "max", notices),
        view=View(
            show_3d=_flag(values, "d3", notices),
            loss_axis=values.get("loss", "step"),  # type: ignore[arg-type]
            present=_flag(values, "present", notices),
            h=values.get("h", View().h),  # type: ignore[arg-type]
            angle=values.get("a", View().angle),  # type: ignore[arg-type]
        ),
        lesson=values.get("g", ""),
        expression=values.get("f", ""),
        box=_parse_start(values.get("box")),  # numbers, comma-separated
    )
    clean, more = scene.validate()
    return clean, notices + more


def _single_values(query: Mapping[str, object], notices: list[Notice]) -> dict:
    """One text per key: the last of repeated keys; over-long values dropped."""
    values = {}
    try:
        items = list(query.items())
    except AttributeError:
        notices.append(Notice("unreadable", "query", shorten(query)))
        return {}
    for key, value in items:
        key = str(key)
        if isinstance(value, list | tuple):
            if len(value) > 1:
                notices.append(Notice("repeated", key, str(len(value))))
            value = value[-1] if value else ""
        text = str(value)
        if len(text) > VALUE_MOST:
            notices.append(Notice("too_long", key, shorten(text)))
            continue
        values[key] = text
    return values


def _name_unknown(keys: list[str], notices: list[Notice]) -> None:
    for key in keys[:MOST_LISTED]:
        notices.append(Notice("unknown_parameter", shorten(key)))
    if len(keys) > MOST_LISTED:
        notices.append(Notice("unknown_parameter", f"+{len(keys) - MOST_LISTED}"))


def _no_runs(values: Mapping[str, str]) -> tuple[Run, ...]:
    return () if values.get("runs") == "0" else DEFAULT_RUNS


def _parse_pairs(text: str) -> dict[str, str]:
    pairs = {}
    for part in filter(None, text.split(",")):
        key, _, value = part.partition(":")
        pairs[key.strip()] = value.strip()
    return pairs


def _parse_start(text: str | None) -> tuple | None:
    if text is None:
        return None
    return tuple(text.split(","))


def _parse_run(text: str) -> Run:
    """Raw strings; validation turns them into numbers (or notices)."""
    key, *parts = text.split(",")
    opt = OPTIMIZERS.get(key.strip())
    # Every choice the method may take on some surface; validation decides.
    choice_keys = {c.key for c in opt.choices_on(data=True)} if opt else set()
    hyper, choices = {}, {}
    fan: object = 1
    label = None
    for part in parts:
        name, _, value = part.partition(":")
        name = name.strip()
        if name == "fan":
            fan = value
        elif name == "label":
            label = unquote(value)
        elif name in choice_keys:
            choices[name] = value.strip()
        else:
            hyper[name] = value.strip()
    return Run(key.strip(), hyper, choices, fan, label)  # type: ignore[arg-type]


def _flag(values: Mapping[str, str], key: str, notices: list[Notice]) -> bool:
    text = values.get(key, "").strip().lower()
    if text in TRUE:
        return True
    if text not in FALSE:
        notices.append(Notice("unreadable", key, shorten(text), "0"))
    return False


__all__ = ["LANG_KEY", "VIEWER_KEYS", "fmt", "number", "parse_query", "to_query"]
