"""Where a page lesson of the gallery opens: its page and that page's link.

Each page owns its query keys; this module asks the page for them, so a
lesson's ``setting`` (scenes/gallery/pages.py) never spells a query key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from scenes.gallery.pages import PageLesson
from ui import backprop
from ui.basins_settings import Settings as BasinsSettings
from ui.landscape_settings import Settings
from ui.networks_settings import NetSettings, to_query
from ui.sweeps_settings import Settings as SweepsSettings


def _backprop(setting: Mapping[str, object]) -> dict[str, str]:
    return {backprop.GRAPH_PARAM: str(setting["graph"])}


def _networks(setting: Mapping[str, object]) -> dict[str, str]:
    return to_query(replace(NetSettings(), **setting))


def _landscape(setting: Mapping[str, object]) -> dict[str, str]:
    return replace(Settings(), **setting).to_query()


def _sweeps(setting: Mapping[str, object]) -> dict[str, str]:
    return replace(SweepsSettings(), **setting).to_query()


def _basins(setting: Mapping[str, object]) -> dict[str, str]:
    return replace(BasinsSettings(), **setting).to_query()


# page -> (its file, the query that shows a setting)
PAGES = {
    "backprop": ("pages/backprop.py", _backprop),
    "networks": ("pages/networks.py", _networks),
    "landscape": ("pages/landscape.py", _landscape),
    "sweeps": ("pages/sweeps.py", _sweeps),
    "basins": ("pages/basins.py", _basins),
}


def target(lesson: PageLesson, lang: str) -> tuple[str, dict[str, str]]:
    """The page file and query that open ``lesson`` (in ``lang``)."""
    path, query = PAGES[lesson.page]
    return path, query(lesson.setting) | {"lang": lang}
