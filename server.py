"""The app as a server: ``streamlit run server.py`` serves app.py, plus two
things a hall needs that a plain script cannot ask Streamlit for.

- Versioned static files (``app/static/plotly-7.1.0.min.js``) are sent with
  ``Cache-Control: public, max-age=31536000, immutable``: a student's second
  visit, and every page after the first, reuses the 1.5 MB of plotly.js
  instead of fetching it again. Streamlit's own app-static route sends no
  cache header; a new plotly version gets a new name, so "forever" is safe.
- The background warm-up (ui/warmup.py) starts when the server starts, not at
  its first page load: every replica of ``lab.py run --replicas N`` compiles
  (or loads from the shared JAX cache) before a student arrives. plotly.js is
  copied into static/ then too, so the first request for it finds it.

``streamlit run`` finds ``app`` below (an ``st.App``) and serves it with
uvicorn; AppTest and ``streamlit run app.py`` keep working on app.py alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = b"public, max-age=31536000, immutable"
# "<name>-<version>[.min].<ext>" under app/static/: the version is in the name.
VERSIONED = re.compile(r"/app/static/[\w.-]+-\d+(?:\.\d+)+(?:\.min)?\.\w+$")


def is_versioned(path: str) -> bool:
    """Whether a request path names a versioned app-static file."""
    return VERSIONED.search(path) is not None


class CacheVersionedStatic:
    """Pure ASGI middleware (no body buffering, websockets untouched) that
    marks successful responses for versioned static files cacheable forever."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_versioned(scope["path"]):
            await self.app(scope, receive, send)
            return

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = [
                    (k, v) for k, v in message["headers"] if k != b"cache-control"
                ]
                message = {
                    **message,
                    "headers": [*headers, (b"cache-control", IMMUTABLE)],
                }
            await send(message)

        await self.app(scope, receive, send_cached)


@asynccontextmanager
async def warm_up_at_start(_app: Any) -> AsyncIterator[None]:
    """Starts the warm-up thread once the runtime runs (app.py's own call at
    the first page load then finds it already started)."""
    # Imported here: jax and the component load in the server, not at discovery.
    from ui import warmup
    from ui.chart import plotly_src

    # Outside a script run the chart's lookup of the main script warns that no
    # script runs; it then falls back to static/ beside app.py, as meant.
    context_log = logging.getLogger(
        "streamlit.runtime.scriptrunner_utils.script_run_context"
    )
    level = context_log.level
    context_log.setLevel(logging.ERROR)
    try:
        plotly_src()
    finally:
        context_log.setLevel(level)
    if warmup.enabled():
        warmup.start()
    pages_by_navigation()
    yield


def pages_by_navigation() -> None:
    """app.py names its pages with st.navigation. Streamlit decides once per
    process, at its first session, whether a ``pages/`` folder beside the main
    script makes an old-style multipage app, and only st.navigation's first
    call undoes that: until a visit to the root ran app.py, a link straight
    to a page (``/calculus?lang=zh``) ran that page alone, without app.py
    (no language, no scene from the link, file names as the page list).
    Deciding it here, before any session, keeps every link whole."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


app = st.App(
    "app.py", middleware=[Middleware(CacheVersionedStatic)], lifespan=warm_up_at_start
)
