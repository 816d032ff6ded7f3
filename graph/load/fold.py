"""Fold a batch's per-filing rows into one row per MERGE key (rows.py feeds it, load.py writes).

Fewer, richer rows make the MERGE statements simpler and cheaper: per CIK the latest name and
address, the first and last period and every spelling of the name; per (owner, issuer) the
roles of the latest filing; per position the latest report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.load.batch import BatchRows

__all__ = ["fold_batch", "fold_entities", "fold_insiders", "fold_positions", "fold_securities"]

Row = dict[str, object]
Span = tuple[date | None, date | None]  # first and last period seen


def _period(row: Row, key: str) -> date | None:
    value = row[key]
    return value if isinstance(value, date) else None


def _later(row: Row) -> tuple[bool, date, str]:
    """Sort key: dated rows after undated ones, then by date, then by name."""
    when = _period(row, "date")
    return (when is not None, when or date.min, str(row.get("name") or ""))


def _widen(span: Span, when: date | None) -> Span:
    first, last = span
    if when is None:
        return span
    return (
        when if first is None or when < first else first,
        when if last is None or when > last else last,
    )


@dataclass(slots=True)
class _Entity:
    """What a batch says about one CIK so far."""

    latest: Row
    names: list[str] = field(default_factory=list)
    span: Span = (None, None)
    company: bool = False
    latest_key: tuple[bool, date, str] | None = None  # _later(latest), once known

    def add(self, row: Row) -> None:
        key = _later(row)
        if self.latest_key is None:
            self.latest_key = _later(self.latest)
        if key >= self.latest_key:
            self.latest, self.latest_key = row, key
        name = row.get("name")
        if isinstance(name, str) and name not in self.names:
            self.names.append(name)
        self.span = _widen(self.span, _period(row, "date"))
        self.company = self.company or bool(row.get("company"))

    def row(self) -> Row:
        first, last = self.span
        folded = {"names": self.names, "first": first, "last": last, "company": self.company}
        return self.latest | folded


def fold_entities(rows: list[Row]) -> list[Row]:
    """One row per CIK: the latest row's fields plus ``first``, ``last``, ``names``, ``company``."""
    folded: dict[object, _Entity] = {}
    for row in rows:
        folded.setdefault(row["cik"], _Entity(latest=row)).add(row)
    return [entity.row() for entity in folded.values()]


def fold_insiders(rows: list[Row]) -> list[Row]:
    """One row per (owner, issuer): the highest-ranked roles plus ``first`` and ``last``."""
    folded: dict[tuple[object, object], Row] = {}
    spans: dict[tuple[object, object], Span] = {}
    for row in rows:
        key = (row["owner"], row["issuer"])
        kept = folded.get(key)
        if kept is None or str(row["rank"]) >= str(kept["rank"]):
            folded[key] = row
        spans[key] = _widen(spans.get(key, (None, None)), _period(row, "period"))
    return [{**row, "first": spans[key][0], "last": spans[key][1]} for key, row in folded.items()]


def fold_positions(rows: list[Row]) -> list[Row]:
    """One row per (owner, security, direct/indirect, nature key): the highest-ranked report."""
    latest: dict[tuple[object, ...], Row] = {}
    for row in rows:
        for owner in row["owners"]:  # type: ignore[attr-defined]
            key = (owner, row["security"], row["direct_indirect"], row["nature_key"])
            kept = latest.get(key)
            if kept is None or row["rank"] > kept["rank"]:  # type: ignore[operator]
                latest[key] = {**row, "owner": owner}
    return list(latest.values())


def fold_securities(rows: list[Row]) -> list[Row]:
    """One row per security id: the first seen, with the first underlying title given."""
    folded: dict[object, Row] = {}
    for row in rows:
        kept = folded.setdefault(row["id"], row)
        if kept.get("underlying_title") is None and row.get("underlying_title") is not None:
            folded[row["id"]] = kept | {"underlying_title": row["underlying_title"]}
    return list(folded.values())


def fold_batch(out: BatchRows) -> BatchRows:
    """Fold a batch's collected rows (batch.py) in place: one row per MERGE key."""
    out.positions[:] = fold_positions(out.positions)
    out.securities[:] = fold_securities(out.securities)
    out.issuers[:] = fold_entities(out.issuers)
    out.owners[:] = fold_entities(out.owners)
    out.insiders[:] = fold_insiders(out.insiders)
    return out
