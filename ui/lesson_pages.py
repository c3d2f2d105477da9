"""Where a page lesson of the gallery opens: its page and that page's link.

Each page owns its query keys; this module asks the page for them, so a
lesson's ``setting`` (scenes/gallery/pages.py) never spells a query key.
"""

from __future__ import annotations

from collections.abc import Mapping

from scenes.gallery.pages import PageLesson
from ui import backprop


def _backprop(setting: Mapping[str, str]) -> dict[str, str]:
    return {backprop.GRAPH_PARAM: setting["graph"]}


# page -> (its file, the query that shows a setting)
PAGES = {"backprop": ("pages/backprop.py", _backprop)}


def target(lesson: PageLesson, lang: str) -> tuple[str, dict[str, str]]:
    """The page file and query that open ``lesson`` (in ``lang``)."""
    path, query = PAGES[lesson.page]
    return path, query(lesson.setting) | {"lang": lang}
