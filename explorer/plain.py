"""Filer text (names, addresses, footnotes, remarks) and link text shown as plain text.

Streamlit renders titles, captions, messages, page-link labels and ``st.markdown`` as Markdown:
a name like ``[Verify](https://evil.example)`` would be a live link, ``![x](http://host/p.png)``
a tracking image, ``$x^2$`` math. ``md`` escapes every Markdown and math character so the
text shows exactly as filed, on one line.
"""

from __future__ import annotations

import re

__all__ = ["md"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+\-.!|$~:^])")  # ( ) only matter after ]
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]+")


def md(text: object) -> str:
    """``text`` as Markdown that renders to exactly its characters (line breaks → spaces)."""
    return _SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(text)))
