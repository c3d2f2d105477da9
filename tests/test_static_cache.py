"""Static cache headers (issue 12): versioned files are cached for a year.

plotly.js is served as ``app/static/plotly-<version>.min.js``; a new version
gets a new name, so the browser may keep it forever and a student's second
page load fetches none of its 1.5 MB. server.py (what ``lab.py run`` and the
hall serve) adds the header; the proxy passes it on (tests/test_replicas.py).
"""

from __future__ import annotations

import asyncio
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import plotly
import pytest

import server
from bench import serve

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    ("path", "versioned"),
    [
        ("/app/static/plotly-7.1.0.min.js", True),
        ("/app/static/plotly-3.0.1.js", True),
        ("/base/app/static/katex-0.16.css", True),  # under server.baseUrlPath
        ("/app/static/plotly.min.js", False),  # no version: may change
        ("/app/static/notes-draft.txt", False),
        ("/static/js/plotly-7.1.0.min.js", False),  # Streamlit's own, own headers
        ("/app/static/plotly-7.1.0.min.js/..", False),
    ],
)
def test_only_versioned_app_static_names_count(path: str, versioned: bool) -> None:
    assert server.is_versioned(path) is versioned


def answer(path: str, status: int, headers: list[tuple[bytes, bytes]]) -> dict:
    """The response start the middleware lets through for a fake app's answer."""

    async def app(scope, receive, send) -> None:
        await send(
            {"type": "http.response.start", "status": status, "headers": headers}
        )
        await send({"type": "http.response.body", "body": b"x"})

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    scope = {"type": "http", "path": path}
    # A thread of its own: sync Playwright may leave a loop running in this one.
    middleware = server.CacheVersionedStatic(app)
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware(scope, receive, send)).result(timeout=30)
    assert sent[1]["body"] == b"x"  # the body passes untouched
    return dict(sent[0]["headers"])


def test_the_middleware_sets_one_header_on_success_only() -> None:
    js = "/app/static/plotly-7.1.0.min.js"
    headers = answer(js, 200, [(b"cache-control", b"no-cache"), (b"etag", b"1")])
    assert headers == {b"cache-control": IMMUTABLE.encode(), b"etag": b"1"}
    assert b"cache-control" not in answer(js, 404, [])  # no caching a miss
    assert b"cache-control" not in answer("/app/static/notes.txt", 200, [])


def test_single_server_sends_plotly_with_a_long_lived_cache_header() -> None:
    proc, url = serve.start("app.py", timeout=60)
    try:
        name = f"plotly-{plotly.__version__}.min.js"
        request = urllib.request.Request(
            f"{url}/app/static/{name}", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.status == 200
            assert r.headers["Cache-Control"] == IMMUTABLE
            assert r.headers["Content-Encoding"] == "gzip"  # still compressed
        with urllib.request.urlopen(f"{url}/", timeout=10) as r:
            assert r.status == 200
            assert "immutable" not in (r.headers["Cache-Control"] or "")
    finally:
        serve.stop(proc)
