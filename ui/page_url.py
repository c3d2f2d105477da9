"""A page's own URL keys, the Streamlit side (the hyperparameter-map, basins
and landscape pages): a link is adopted once, when the address changed since
the last rerun (a link, Back, Forward); a change of settings is written back
into the address (a history entry); the link's notices are handed out once.
A query without the page's keys leaves the session's settings (a page change
clears the query).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from scenes.query import LANG_KEY, VIEWER_KEYS
from ui.page_query import Notice


@dataclass(frozen=True)
class PageUrl:
    """Where one page keeps its settings, and which URL keys are its own."""

    keys: tuple[str, ...]  # the page's URL keys
    settings: str  # state key: the page's settings
    seen: str  # state key: the page's query last adopted or written
    notices: str  # state key: the link's notices, worded, not shown yet

    def received(self) -> dict[str, list[str]]:
        query = st.query_params
        return {k: query.get_all(k) for k in self.keys if k in query}

    def read(
        self,
        parse: Callable[[Mapping[str, object]], tuple[Any, list[Notice]]],
        words: Callable[[Notice], str],
        adopted: Callable[[Any], None] | None = None,
    ) -> None:
        """Adopt the page's parameters if they changed since the last rerun;
        ``adopted(new)`` is called first, with the settings about to replace
        the session's."""
        values = self.received()
        if values == st.session_state.get(self.seen):
            return
        st.session_state[self.seen] = values
        if not values:
            return
        new, notices = parse(values)
        if adopted is not None:
            adopted(new)
        st.session_state[self.settings] = new
        if notices:
            st.session_state[self.notices] = [words(n) for n in notices]

    def take_notices(self) -> list[str]:
        """The link's notices, once."""
        return st.session_state.pop(self.notices, [])

    def store(self, new: Any, query: Mapping[str, str], lang: str) -> None:
        """Keep ``new`` and put ``query`` (its URL keys) in the address, with
        the viewer's settings as they are."""
        st.session_state[self.settings] = new
        kept = {
            k: st.query_params[k]
            for k in VIEWER_KEYS
            if k != LANG_KEY and k in st.query_params
        }
        st.query_params.from_dict({**query, **kept, LANG_KEY: lang})
        st.session_state[self.seen] = {k: [v] for k, v in query.items()}
