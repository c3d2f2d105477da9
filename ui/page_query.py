"""What the pages with their own URL keys share when they read a link
(the hyperparameter-map, basins and landscape pages): the notice, the limit
on a value's length, and the reading of a received query into one text per
key. Pure Python: the Streamlit side is ``ui.page_url``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from scenes.notices import shorten

# Characters of a page setting's URL value; longer is not read (a scene's
# own limit is scenes.limits.VALUE_MOST).
PAGE_VALUE_MOST = 200
SHOWN_MOST = 30  # characters of a given value a notice quotes


class Notice(NamedTuple):
    """A value of the address (or a typed one) not taken as given.

    ``code`` names the page's text ``<page>_notice_<code>``; ``what`` is the
    URL key (the page words it); ``given`` the value shortened; ``used``
    what is used instead ("" when it was ignored).
    """

    code: str
    what: str
    given: str = ""
    used: str = ""


def quoted(text: object) -> str:
    """``text`` as a notice quotes it: one line, at most ``SHOWN_MOST``."""
    return shorten(text, SHOWN_MOST)


class QueryReader:
    """One query's values, one text per known key, and the notices so far.

    A key given more than once is read from its last value (noticed); a
    value longer than ``PAGE_VALUE_MOST`` is not read (noticed); keys not in
    ``KEYS`` (other pages', viewer settings) are ignored. Pages subclass it
    with their keys and their own value readers.
    """

    KEYS: tuple[str, ...] = ()

    def __init__(self, query: Mapping[str, object]) -> None:
        self.notices: list[Notice] = []
        self.values: dict[str, str] = {}
        for key in self.KEYS:
            value = query.get(key)
            if isinstance(value, list | tuple):
                if len(value) > 1:
                    self.note("repeated", key, str(len(value)))
                value = value[-1] if value else None
            if value is None:
                continue
            text = str(value)
            if len(text) > PAGE_VALUE_MOST:
                self.note("too_long", key, text)
                continue
            self.values[key] = text

    def note(self, code: str, key: str, given: str = "", used: str = "") -> None:
        self.notices.append(Notice(code, key, quoted(given), used))
