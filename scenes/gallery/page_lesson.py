"""A gallery lesson shown on another page than the playground (see
scenes/gallery/pages.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from scenes.gallery.lesson import Text

PAGES = ("backprop", "networks", "landscape", "sweeps", "basins")


@dataclass(frozen=True)
class PageLesson:
    """A picture of the course shown on another page.

    Attributes:
        key: registry-style key, unique across the whole gallery.
        page: which page (one of ``PAGES``).
        setting: what the page shows, in its own terms (e.g. {"graph": "sigmoid"}).
        part, title, picture, look_for, claim_text: as a ``Lesson``'s.
        claim: a check of the numbers the page shows (no arguments).
    """

    key: str
    page: str
    setting: Mapping[str, object]
    part: str
    title: Text
    picture: Text
    look_for: Text
    claim: Callable[[], bool]
    claim_text: Text
