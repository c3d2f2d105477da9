"""The file form of a scene (JSON): saved from the page, loaded back from a file."""

from __future__ import annotations

import json

from scenes.limits import VALUE_MOST
from scenes.model import Run, Scene, View
from scenes.notices import Notice, shorten

FORMAT = "descent-lab-scene"
VERSION = 1
FILE_MOST = 200 * VALUE_MOST  # bytes; a scene file is a few hundred


def to_json(scene: Scene) -> str:
    """The scene as JSON text (exact floats: ``from_json`` gives it back)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "surface": scene.surface,
        "expression": scene.expression,
        "box": None if scene.box is None else list(scene.box),
        "surface_params": dict(scene.surface_params),
        "start": None if scene.start is None else list(scene.start),
        "steps": scene.steps,
        "maximize": scene.maximize,
        "view": {
            "show_3d": scene.view.show_3d,
            "loss_axis": scene.view.loss_axis,
            "present": scene.view.present,
            "h": scene.view.h,
            "angle": scene.view.angle,
        },
        "lesson": scene.lesson,
        "runs": [
            {
                "optimizer": r.optimizer,
                "hyper": dict(r.hyper),
                "choices": dict(r.choices),
                "fan": r.fan,
                "label": r.label,
            }
            for r in scene.runs
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False)


def parse_json(text: str | bytes) -> tuple[Scene, list[Notice]]:
    """A scene from JSON text, plus what was ignored; never raises."""
    if len(text) > FILE_MOST:
        return Scene(), [Notice("too_long", "file", f"{len(text)} bytes")]
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return Scene(), [Notice("unreadable", "file", shorten(text))]
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return Scene(), [Notice("unreadable", "file", shorten(text))]
    notices: list[Notice] = []
    default = Scene()
    view = _dict(document, "view", notices)
    scene = Scene(
        surface=document.get("surface", default.surface),
        surface_params=_dict(document, "surface_params", notices),
        start=_start(document.get("start")),
        steps=document.get("steps", default.steps),
        runs=tuple(_run(r, notices) for r in _list(document, "runs", notices)),
        maximize=document.get("maximize") is True,
        view=View(
            show_3d=view.get("show_3d") is True,
            loss_axis=view.get("loss_axis", "step"),
            present=view.get("present") is True,
            h=view.get("h", View().h),
            angle=view.get("angle", View().angle),
        ),
        lesson=str(document.get("lesson") or ""),
        expression=str(document.get("expression") or ""),
        box=_start(document.get("box")),  # a list of numbers, like a start
    )
    clean, more = scene.validate()
    return clean, notices + more


def _dict(document: dict, key: str, notices: list[Notice]) -> dict:
    value = document.get(key, {})
    if isinstance(value, dict):
        return value
    notices.append(Notice("unreadable", key, shorten(value)))
    return {}


def _list(document: dict, key: str, notices: list[Notice]) -> list:
    value = document.get(key, [])
    if isinstance(value, list):
        return value
    notices.append(Notice("unreadable", key, shorten(value)))
    return []


def _start(value: object) -> tuple | None:
    if isinstance(value, list):
        return tuple(value)
    return None if value is None else (value,)


def _run(value: object, notices: list[Notice]) -> Run:
    if not isinstance(value, dict):
        notices.append(Notice("unreadable", "run", shorten(value)))
        return Run("")  # dropped by validation as an unknown method
    hyper, choices = value.get("hyper", {}), value.get("choices", {})
    return Run(
        optimizer=str(value.get("optimizer", "")),
        hyper=hyper if isinstance(hyper, dict) else {},
        choices={str(k): v for k, v in choices.items()}
        if isinstance(choices, dict)
        else {},
        fan=value.get("fan", 1),
        label=value.get("label"),
    )
