"""Query parameters as typed (``name=value``), for the console and ``ownergraph query``."""

from __future__ import annotations

import json
import math
import re

from ingest.errors import ParameterError

__all__ = ["MAX_PARAM_DEPTH", "MAX_TIMEOUT_S", "check_limits", "finite", "parse_param"]

MAX_PARAM_DEPTH = 32
MAX_TIMEOUT_S = 3600.0
_PARAM_KEY = re.compile(r"^[A-Za-z_]\w*$")


def _nesting(text: str) -> int:
    """How deep JSON lists and maps nest in ``text`` (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif in_string:
            escaped, in_string = char == "\\", char != '"'
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_param(text: str) -> tuple[str, object]:
    """Parse ``k=v``: v as JSON (numbers, true/false/null, lists, maps, "strings"), else a string.

    Numbers with leading zeros (CIKs such as ``0000789019``) stay strings. Raises
    ParameterError for a missing name, JSON nested deeper than ``MAX_PARAM_DEPTH`` or a
    non-finite number (``NaN``, ``Infinity``).
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not _PARAM_KEY.match(key):
        raise ParameterError(f"parameter {text[:60]!r} is not of the form name=value")
    value = raw.strip()
    if value.lower() in ("true", "false"):
        return key, value.lower() == "true"
    if _nesting(value) > MAX_PARAM_DEPTH:
        raise ParameterError(
            f"parameter {key!r} nests lists or maps deeper than {MAX_PARAM_DEPTH} levels"
        )
    try:
        return key, json.loads(value, parse_constant=_no_constant)
    except ParameterError as err:
        raise ParameterError(f"parameter {key!r}: {err}") from err
    except ValueError:
        return key, value


def _no_constant(name: str) -> object:
    raise ParameterError(f"{name} is not a number a query can use")


def check_limits(timeout_s: float, max_rows: int) -> tuple[float, int]:
    """The query limits if they make sense, else ParameterError (a timeout of 0 is refused:
    it would mean no timeout at all)."""
    if not (math.isfinite(timeout_s) and 0 < timeout_s <= MAX_TIMEOUT_S):
        raise ParameterError(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}, "
            f"not {timeout_s:g}"
        )
    if max_rows < 1:
        raise ParameterError(f"--max-rows must be at least 1, not {max_rows}")
    return timeout_s, max_rows


def finite(value: object) -> object:
    """``value`` with NaN and ±Infinity replaced by None, so it can be written as strict JSON."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    return value
