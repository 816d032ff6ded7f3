"""Preload the front-end chunks a page draws, so a fresh tab fetches them with Streamlit's own.

Streamlit's front end loads the code of each element type (data grid, Vega-Lite chart, select
box…) only when the first such element arrives over the websocket, after the main bundle has
run, the socket is open and the script has sent it: a second serial wave of requests. This
ASGI middleware adds ``<link rel="modulepreload">`` hints for the chunks of the elements each
page of ours draws to the page's HTML, so the browser fetches and compiles them while the main
bundle loads. A chunk that a Streamlit upgrade renames is simply not hinted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import streamlit
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["PAGE_ELEMENTS", "PreloadChunks", "chunk_closure", "preload_tags"]

STATIC = Path(streamlit.__file__).parent / "static"
_EVERY_PAGE = ("Selectbox", "Spinner")  # the type-ahead; a cold query's spinner
# Element chunks each page draws on first paint (by URL path), read off the requests of a
# fresh tab (python -m bench.bench_pages --trace).
PAGE_ELEMENTS: dict[str, tuple[str, ...]] = {
    "": ("Checkbox", "Metric", "PageLink"),
    "search": ("TextInput", "PageLink"),
    "entity": (
        *("ArrowVegaLiteChart", "DataFrame", "DateInput", "DownloadButton", "Html"),
        *("Multiselect", "NumberInput", "PageLink", "Radio", "Slider"),
    ),
    "holdings": ("Checkbox", "DataFrame", "DownloadButton", "Radio", "TextInput"),
    "transactions": (
        *("ArrowVegaLiteChart", "Checkbox", "DataFrame", "DateInput", "DownloadButton"),
        *("Multiselect", "NumberInput", "Radio"),
    ),
    "connections": ("Checkbox", "DataFrame", "DownloadButton"),
    "screens": ("DataFrame", "DateInput", "DownloadButton", "PageLink", "Radio", "TextInput"),
    "console": ("Button", "NumberInput", "TextArea"),
}
_IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')  # static imports only
_HEAD_END = b"</head>"


def chunk_closure(js_dir: Path, entries: Iterable[str], loaded: set[str]) -> tuple[str, ...]:
    """The chunk files of ``entries`` (by name, e.g. "DataFrame") and every chunk they import
    statically, less those already ``loaded`` by the page's HTML; sorted."""
    files = {p.name.split(".")[0]: p.name for p in js_dir.glob("*.*.js") if p.name.count(".") == 2}
    todo = [files[e] for e in entries if e in files]
    found: set[str] = set()
    while todo:
        name = todo.pop()
        if name in found or name in loaded or not (js_dir / name).is_file():
            continue
        found.add(name)
        todo += _IMPORT.findall((js_dir / name).read_text(encoding="utf-8", errors="replace"))
    return tuple(sorted(found))


def preload_tags(static: Path = STATIC) -> dict[str, bytes]:
    """Per page path, the modulepreload tags of its chunks (paths relative, as Streamlit's)."""
    html = (static / "index.html").read_text(encoding="utf-8")
    loaded = set(re.findall(r"static/js/([^\"']+\.js)", html))
    tags = {}
    for page, elements in PAGE_ELEMENTS.items():
        chunks = chunk_closure(static / "static" / "js", (*_EVERY_PAGE, *elements), loaded)
        tags[page] = "".join(
            f'<link rel="modulepreload" crossorigin href="./static/js/{c}">' for c in chunks
        ).encode()
    return tags


class PreloadChunks:
    """ASGI middleware: the HTML of a page in PAGE_ELEMENTS gets its chunks' preload tags."""

    def __init__(self, app: ASGIApp, tags: Mapping[str, bytes] | None = None) -> None:
        self.app = app
        self.tags = preload_tags() if tags is None else dict(tags)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = scope.get("path", "").strip("/") if scope["type"] == "http" else None
        tags = self.tags.get(page) if page is not None and scope["method"] == "GET" else None
        if not tags:
            await self.app(scope, receive, send)
            return
        # Ask the app beneath for plain HTML: Streamlit gzips a page's HTML unless it is "/".
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await _send_with_tags(send, start, b"".join(body), tags)

        await self.app(scope, receive, rewrite)


async def _send_with_tags(send: Send, start: Message, html: bytes, tags: bytes) -> None:
    """Send the held response, its HTML (uncompressed) with the tags before </head>."""
    headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
    kinds = {k.lower(): v for k, v in start["headers"]}
    page = start["status"] == 200 and kinds.get(b"content-type", b"").startswith(b"text/html")
    if page and b"content-encoding" not in kinds and _HEAD_END in html:
        html = html.replace(_HEAD_END, tags + _HEAD_END, 1)
    headers.append((b"content-length", str(len(html)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": html})
