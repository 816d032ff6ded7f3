"""The natural keys of the merged graph that are computed from text: a security's id and a
position's nature key. Both ignore case and punctuation, so spellings of one thing meet."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["NATURE_SEPARATORS", "nature_key", "security_id"]

_TITLE_NOISE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def security_id(issuer_cik: str, title: str | None, derivative: bool) -> str:
    """The natural key of a security: issuer CIK, normalised title, derivative flag."""
    normalised = _TITLE_NOISE.sub(" ", (title or "").lower()).strip()
    return f"{issuer_cik}|{normalised}|{'D' if derivative else 'N'}"


NATURE_SEPARATORS = ".,;:\n\r\t"  # read as spaces in a nature key


def nature_key(text: str | None) -> str:
    """A ``natureOfOwnership`` text as a position's key: lower case, with the separators above
    and runs of spaces as one space ("By Trust", "by trust" and "By trust." are one position).
    removal.py computes the same key in Cypher (NATURE_KEY)."""
    spaced = (text or "").lower()
    for separator in NATURE_SEPARATORS:
        spaced = spaced.replace(separator, " ")
    return " ".join(word for word in spaced.split(" ") if word)
