"""Cypher's lexical rules, for the console's read-only guard: words, names and symbols outside
comments and string literals.

Where this tokenizer and the server could disagree it errs towards showing the guard *more*
code, never less: a ``//`` comment ends at any line break Cypher or Unicode knows (``\\n``,
``\\r``, U+0085, U+2028, U+2029), a number never swallows the letters after it, and an
unterminated comment, string or quoted name is refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.errors import OwnergraphError

__all__ = ["Token", "UnterminatedText", "tokenize"]

_SCANNER = re.compile(
    r"(?P<space>[\s\u0085\u00a0\u1680\u180e\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+)"
    r"|(?P<line>//[^\n\r\u0085\u2028\u2029]*)"
    r"|(?P<block>/\*.*?\*/)"
    r"|(?P<string>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<name>`(?:[^`]|``)*`)"
    r"|(?P<number>0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)"
    r"|(?P<word>\w+)"
    r"|(?P<open>/\*|['\"`])"
    r"|(?P<symbol>.)",
    re.S,
)
_WHAT = {"/*": "comment", "'": "string", '"': "string", "`": "quoted name"}


class UnterminatedText(OwnergraphError):
    """A comment, string literal or quoted name that never ends."""


@dataclass(frozen=True, slots=True)
class Token:
    """One lexeme outside comments: ``kind`` is word, name (backticked), string, number or
    symbol; ``text`` is the word as written, the unquoted name, or the symbol."""

    kind: str
    text: str

    @property
    def upper(self) -> str:
        """The text upper-cased, for comparing with keywords (only words are keywords)."""
        return self.text.upper() if self.kind == "word" else ""


def tokenize(cypher: str) -> list[Token]:
    """Split Cypher into tokens, dropping whitespace and comments."""
    out: list[Token] = []
    for match in _SCANNER.finditer(cypher):
        kind = match.lastgroup or "symbol"
        text = match.group(0)
        if kind in ("space", "line", "block"):
            continue
        if kind == "open":
            raise UnterminatedText(f"The query has an unterminated {_WHAT[text]}.")
        if kind == "name":
            text = text[1:-1].replace("``", "`")
        out.append(Token(kind, text))
    return out
