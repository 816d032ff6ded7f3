"""Safe lxml parsing and typed leaf readers for ownership XML; parse.py and tables.py use them.

Untrusted bytes are parsed with no DTDs, no entities and no network; leaf values are converted here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any, TypeAlias, TypeVar

from lxml import etree

from ingest.errors import ParseError
from ingest.records import FieldFootnote, cik_key
from ingest.values import strict_day, strict_number

__all__ = [
    "BOOLEANS",
    "Element",
    "Extra",
    "Leaves",
    "field_footnote",
    "keep_unknown",
    "parse_bool",
    "parse_date",
    "parse_number",
    "parse_xml",
    "reread",
    "safe_parser",
    "walk_leaves",
    "zero_pad_cik",
]

Element: TypeAlias = etree._Element
# (xpath-ish path, text) of elements outside the schema map, and of unreadable values
Extra: TypeAlias = list[tuple[str, str]]

_T = TypeVar("_T")
_BOM = b"\xef\xbb\xbf"
BOOLEANS = {"1": True, "0": False, "true": True, "false": False}
_local = threading.local()  # lxml parsers must not be shared between threads


def safe_parser() -> etree.XMLParser:
    """This thread's parser: no DTD, no entity expansion, no network, no comments or PIs."""
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            remove_blank_text=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def parse_xml(data: bytes) -> Element:
    """Parse untrusted XML bytes to their root element, or raise ParseError with the reason."""
    if data.startswith(_BOM):
        data = data[3:]
    data = data.strip()
    if not data:
        raise ParseError("empty document")
    if b"!" in data and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):  # "!" is rare: memchr first
        raise ParseError("DOCTYPE/ENTITY declarations are not allowed")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise ParseError(f"not XML: {_one_line(e)}") from e
    except ValueError as e:  # e.g. a str-typed encoding declaration problem
        raise ParseError(f"not XML: {e}") from e
    if (data[:1] != b"<" or data[1:2] == b"\x00") and root.getroottree().docinfo.doctype:
        # a non-ASCII-compatible encoding (UTF-16) can hide a DOCTYPE from the byte check
        raise ParseError("DOCTYPE/ENTITY declarations are not allowed")
    return root


_LIBXML_ADVICE = re.compile(r",? (?:use|try) XML_PARSE_HUGE(?: option)?")


def _one_line(error: Exception) -> str:
    """libxml2's message on one line, without advice about parser flags a person cannot set."""
    return " ".join(_LIBXML_ADVICE.sub("", str(error)).split()).replace(" ,", ",")


class Leaves:
    """Leaf texts of one element by record field, converted on demand.

    A value that cannot be converted reads as None, is kept in ``extra`` with its path and
    listed in ``unreadable`` as (field, text).
    """

    __slots__ = ("element", "extra", "fields", "notes", "texts", "unreadable")

    def __init__(
        self,
        element: Element,
        fields: dict[str, str],
        extra: Extra,
        unreadable: list[tuple[str, str]] | None = None,
    ) -> None:
        self.element = element
        self.fields = fields  # leaf tag -> field, for paths of unreadable values
        self.extra = extra
        self.unreadable = [] if unreadable is None else unreadable
        self.texts: dict[str, str] = {}
        self.notes: list[FieldFootnote] = []

    def text(self, field: str) -> str | None:
        return self.texts.get(field) or None

    def number(self, field: str) -> float | None:
        text = self.texts.get(field)
        if not text:
            return None
        try:
            return strict_number(text)
        except ValueError:
            return self._convert(strict_number, field, text)

    def day(self, field: str) -> date | None:
        text = self.texts.get(field)
        if not text:
            return None
        try:
            return strict_day(text)
        except ValueError:
            return self._convert(strict_day, field, text)

    def flag(self, field: str) -> bool | None:
        text = self.texts.get(field)
        if not text:
            return None
        flag = BOOLEANS.get(text)
        return flag if flag is not None else self._convert(parse_bool, field, text)

    def _convert(self, parser: Callable[[str], _T], field: str, text: str) -> _T | None:
        try:
            return parser(text)
        except ValueError:
            tag = next((t for t, f in self.fields.items() if f == field), field)
            path = self.element.getroottree().getpath(self.element)
            self.extra.append((f"{path}//{tag}", text))
            self.unreadable.append((field, text))
            return None


def reread(
    element: Element, fields: dict[str, str], extra: Extra, kind: str, field: str, text: str
) -> Any:
    """The Leaves reading (``kind``: "number", "day" or "flag") of a text a fast path rejected.

    ``fields`` maps ``element``'s leaf tags to fields, for the path an unreadable text is kept
    under in ``extra``; it then reads as None.
    """
    leaves = Leaves(element, fields, extra)
    leaves.texts[field] = text
    return getattr(leaves, kind)(field)


def walk_leaves(
    element: Element,
    keys: Mapping[str, Any],
    containers: Mapping[str, Any],
    extra: Extra,
    texts: Any,
    cited: list[tuple[Any, str]],
) -> None:
    """Store ``element``'s leaf texts in ``texts[key]``, and ``(key, id)`` of cited footnotes.

    One flat walk. ``keys`` maps a leaf tag to its key (a field name, or a record's argument
    position); ``containers`` maps a grouping tag to the key that footnotes placed directly in
    it annotate (None: none may). Anything else, and a ``<value>`` not right after its leaf,
    goes to ``extra`` with its whole subtree.
    """
    key_of = keys.get
    pending = None  # key whose <value> may come next
    citing = None  # key a <footnoteId> here would annotate
    nodes = element.iterdescendants()
    for node in nodes:
        tag = node.tag
        if tag == "value" and pending is not None:
            text = node.text
            if text:
                texts[pending] = text.strip()
            pending = None
            continue
        key = key_of(tag)
        if key is not None:
            pending = key
            text = node.text
            if text:
                texts[key] = text.strip()  # a bare <x>text</x>: later footnotes are its group's
            else:
                citing = key
        elif tag in containers:
            pending, citing = None, containers[tag]
        elif tag == "footnoteId" and citing is not None and (footnote_id := node.get("id")):
            cited.append((citing, footnote_id.strip()))
        elif covered := keep_unknown(node, extra):
            next(islice(nodes, covered - 1, covered), None)  # skip the subtree just kept


@lru_cache(maxsize=4096)
def field_footnote(field: str, footnote_id: str) -> FieldFootnote:
    """A shared FieldFootnote: records are immutable and building a frozen one is slow."""
    return FieldFootnote(field, footnote_id)


def keep_unknown(element: Element, extra: Extra) -> int:
    """Keep an element outside the schema map: one (path, text) per leaf and attribute.

    Returns how many descendants it covered, so a flat walk can skip them.
    """
    tree = element.getroottree()
    covered = -1
    for node in element.iter():
        covered += 1
        path = tree.getpath(node)
        extra.extend((f"{path}/@{name}", str(value)) for name, value in node.attrib.items())
        if not len(node):
            extra.append((path, (node.text or "").strip()))
    return covered


def parse_bool(text: str) -> bool:
    """``1``/``0``/``true``/``false`` in any case; anything else is a ValueError."""
    flag = BOOLEANS.get(text.strip().lower())
    if flag is None:
        raise ValueError(f"not a boolean: {text!r}")
    return flag


def parse_date(text: str) -> date:
    """``YYYY-MM-DD``, ignoring a timezone suffix such as ``2024-01-15-05:00``."""
    return date.fromisoformat(text.strip()[:10])


def parse_number(text: str) -> float | None:
    """A decimal that may contain thousands separators; empty text is None."""
    text = text.strip()
    if "," in text:
        text = text.replace(",", "")
    return float(text) if text else None


def zero_pad_cik(text: str) -> str:
    """A CIK as the 10-digit zero-padded string used as the graph key (ASCII digits only:
    ``²`` or ``١٢٣`` pass ``str.isdigit`` but are no CIK)."""
    cik = cik_key(text)
    if cik is None:
        raise ValueError(f"not a CIK: {text!r}")
    return cik
