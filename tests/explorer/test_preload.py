"""explorer.preload: the chunks each page's HTML hints, found in the installed Streamlit's own
front-end files, and the middleware that writes them into the page's HTML."""

from __future__ import annotations

import asyncio
import re

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route

from explorer.preload import PAGE_ELEMENTS, STATIC, PreloadChunks, chunk_closure, preload_tags

JS = STATIC / "static" / "js"
INDEX = (STATIC / "index.html").read_text(encoding="utf-8")
LOADED = set(re.findall(r"static/js/([^\"']+\.js)", INDEX))


def test_a_chunk_comes_with_what_it_imports_less_what_the_page_loads() -> None:
    found = chunk_closure(JS, ["DataFrame"], LOADED)
    assert any(name.startswith("DataFrame.") for name in found)
    assert all((JS / name).is_file() for name in found)
    assert not set(found) & LOADED
    for name in found:  # closed: every chunk a found chunk imports is found or loaded
        imports = re.findall(r'(?:from|import)\s*"\./([^"]+\.js)"', (JS / name).read_text())
        assert set(imports) <= set(found) | LOADED, name
    assert chunk_closure(JS, ["NoSuchElement"], LOADED) == ()


def test_every_page_element_is_a_chunk_of_this_streamlit() -> None:
    names = {p.name.split(".")[0] for p in JS.glob("*.js")}
    assert {e for elements in PAGE_ELEMENTS.values() for e in elements} <= names
    tags = preload_tags()
    assert set(tags) == set(PAGE_ELEMENTS)
    assert b"/DataFrame." in tags["holdings"] and b"/ArrowVegaLiteChart." in tags["entity"]


def _app() -> Starlette:
    def page(_: Request) -> HTMLResponse:
        return HTMLResponse(INDEX)

    def script(_: Request) -> PlainTextResponse:
        return PlainTextResponse("</head>", media_type="application/javascript")

    return Starlette(routes=[Route("/", page), Route("/holdings", page), Route("/x.js", script)])


def test_the_middleware_writes_the_tags_into_a_page_and_leaves_the_rest() -> None:
    tag = b'<link rel="modulepreload" crossorigin href="./static/js/DataFrame.x.js">'
    app = PreloadChunks(_app(), {"holdings": tag, "": b"<!-- home -->"})
    page, home, script, missing = asyncio.run(_get(app, "/holdings", "/", "/x.js", "/entity"))
    assert page.status_code == 200
    assert page.content == INDEX.encode().replace(b"</head>", tag + b"</head>", 1)
    assert page.headers["content-length"] == str(len(page.content))
    assert b"<!-- home -->" in home.content
    assert script.content == b"</head>"  # not a page: untouched
    assert missing.status_code == 404  # no such route here: passed through


async def _get(app: PreloadChunks, *paths: str) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return [await client.get(path) for path in paths]
