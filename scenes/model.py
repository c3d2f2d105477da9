"""A scene: everything one lesson shows, as one typed, immutable value.

The page builds its widgets from a Scene and writes every change back into a
new Scene; the URL and the JSON file are two spellings of the same value.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from scenes.limits import DEFAULT_STEPS
from surfaces.derivatives import COURSE_H

if TYPE_CHECKING:
    from optimizers import Trajectory
    from scenes.notices import Notice
    from surfaces import Surface

LossAxis = Literal["step", "evaluation"]
LOSS_AXES: tuple[LossAxis, ...] = ("step", "evaluation")


@dataclass(frozen=True)
class Run:
    """One optimizer run of a scene.

    Attributes:
        optimizer: registry key; the same key may appear in several runs.
        hyper: numeric hyperparameters that differ from the method's defaults
            (noise and seed included); missing keys take the defaults.
        choices: discrete settings (schedule, line search, form, …).
        fan: how many seeds to draw at once (1 = just this run).
        label: the run's own name; None means one is generated from what
            differs between the scene's runs (scenes.labels).
    """

    optimizer: str
    hyper: Mapping[str, float] = field(default_factory=dict)
    choices: Mapping[str, str] = field(default_factory=dict)
    fan: int = 1
    label: str | None = None

    def settings(self) -> dict[str, float | str]:
        """Keyword arguments for ``optimizers.run``."""
        return {**self.hyper, **self.choices}

    def with_value(self, key: str, value: float | str) -> Run:
        """This run with one hyperparameter or choice set."""
        if isinstance(value, str):
            return replace(self, choices={**self.choices, key: value})
        return replace(self, hyper={**self.hyper, key: float(value)})


@dataclass(frozen=True)
class View:
    """How the scene is shown (part of the scene: a link brings it back)."""

    show_3d: bool = False
    loss_axis: LossAxis = "step"
    present: bool = False  # presentation mode: large type, panels folded
    # The calculus page (at the scene's start): the difference step h and the
    # direction e, in degrees from the x axis.
    h: float = COURSE_H
    angle: float = 0.0


TYPED = "typed"  # the surface key of a function typed by the teacher


def box_pairs(
    flat: tuple[float, ...] | None,
) -> tuple[tuple[float, float], ...] | None:
    """A scene's flat view box (lo, hi per axis) as parse_expression takes it."""
    if flat is None:
        return None
    return tuple(zip(flat[::2], flat[1::2], strict=True))


@functools.lru_cache(maxsize=32)
def _typed_surface(expression: str, box: tuple[float, ...] | None) -> Surface:
    """Parsed once per text and box: a rerun asks for it a dozen times."""
    from surfaces import parse_expression

    return parse_expression(expression, box_pairs(box))


DEFAULT_RUNS = (
    Run("gd", {"lr": 0.05}),
    Run("momentum", {"lr": 0.02}),
    Run("adam", {"lr": 0.05}),
)


@dataclass(frozen=True)
class Scene:
    """Surface, start, steps, objective, view and an ordered tuple of runs.

    ``start`` None means the surface's default start. ``lesson`` names the
    gallery lesson the scene came from ("" for none): the page shows its
    "look for" text while the scene still is that lesson's.
    """

    surface: str = "valley"
    start: tuple[float, ...] | None = None
    steps: int = DEFAULT_STEPS
    runs: tuple[Run, ...] = DEFAULT_RUNS
    surface_params: Mapping[str, float] = field(default_factory=dict)
    maximize: bool = False
    view: View = field(default_factory=View)
    lesson: str = ""
    # surface == TYPED: the teacher's own function, and its view box (lo, hi
    # per axis, flat; None: the parser's default box).
    expression: str = ""
    box: tuple[float, ...] | None = None

    def validate(self) -> tuple[Scene, list[Notice]]:
        """The scene clamped to the registries' ranges, and what was changed."""
        from scenes.validate import validate

        return validate(self)

    def start_point(self) -> tuple[float, ...]:
        """The start, the surface's default when none is set."""
        return self.start if self.start is not None else self.the_surface().start

    def on_data(self) -> bool:
        """Whether the surface is a data surface (runs may take mini-batches)."""
        from optimizers.run import is_data
        from surfaces import SURFACES

        surface = SURFACES.get(self.surface)
        return surface is not None and is_data(surface)

    def the_surface(self) -> Surface:
        """The registry's surface, or the typed function (surface == TYPED).

        Raises as ``get_surface`` or ``parse_expression`` do: a validated
        scene always has one."""
        from surfaces import get_surface

        if self.surface == TYPED:
            return _typed_surface(self.expression, self.box)
        return get_surface(self.surface)

    def to_query(self) -> dict[str, str]:
        from scenes.query import to_query

        return to_query(self)

    @classmethod
    def from_query(cls, query: Mapping[str, str | list[str]]) -> Scene:
        """Never raises: unreadable parts take their defaults."""
        return cls.parse_query(query)[0]

    @classmethod
    def parse_query(
        cls, query: Mapping[str, str | list[str]]
    ) -> tuple[Scene, list[Notice]]:
        from scenes.query import parse_query

        return parse_query(query)

    def to_json(self) -> str:
        from scenes.files import to_json

        return to_json(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Scene:
        """Never raises: unreadable parts take their defaults."""
        return cls.parse_json(text)[0]

    @classmethod
    def parse_json(cls, text: str | bytes) -> tuple[Scene, list[Notice]]:
        from scenes.files import parse_json

        return parse_json(text)

    def play(self) -> tuple[Trajectory, ...]:
        """One trajectory per run, in order."""
        from scenes.play import play

        return play(self)

    def with_run(self, index: int, run: Run) -> Scene:
        runs = list(self.runs)
        runs[index] = run
        return replace(self, runs=tuple(runs))
