"""What the server says about a console query, in the user's terms: a syntax error about the
internal ``EXPLAIN`` check as if about the typed text, and an EXPLAIN plan as a text tree."""

from __future__ import annotations

import re

__all__ = ["plan_text", "unprefixed"]

_WHERE = re.compile(r"\(line 1, column (\d+) \(offset: (\d+)\)\)")


def unprefixed(message: str, shift: int) -> str:
    """A server error about ``EXPLAIN <query>`` as if about the user's text: the echoed
    statement without the prefix, line-1 column and offset (and the caret) moved back."""
    lines = message.splitlines()
    out = []
    for line in lines:
        line = _WHERE.sub(
            lambda m: f"(line 1, column {int(m[1]) - shift} (offset: {int(m[2]) - shift}))", line
        )
        if shift and line.startswith('"EXPLAIN '):
            line = '"' + line[len('"EXPLAIN ') :]
        elif shift and line.strip() == "^" and line.index("^") >= shift:
            line = line[shift:]
        out.append(line)
    return "\n".join(out)


def plan_text(plan: object, depth: int = 0) -> str:
    """An EXPLAIN plan as an indented operator tree: 'ProduceResults (estimated rows 4)'."""
    if not isinstance(plan, dict):
        return ""
    args = plan.get("args") or {}
    rows = args.get("EstimatedRows") if isinstance(args, dict) else None
    details = args.get("Details") if isinstance(args, dict) else None
    line = "  " * depth + str(plan.get("operatorType", "?")).split("@")[0]
    line += f" · {details}" if details else ""
    line += f" (estimated rows {rows:,.0f})" if isinstance(rows, int | float) else ""
    children = [plan_text(c, depth + 1) for c in plan.get("children") or []]
    return "\n".join([line, *children])
