"""The merged nodes and edges of a bulk load, kept in memory batch by batch.

The online path (statements.py) MERGEs folded rows into the graph one batch at a time; this
module applies the same rules to the same rows (batch.py, fold.py) in plain Python, so the
entities, securities, insider roles and positions it ends with are the ones the online path
would have written. Row edges (transactions, holdings, filings) need no merging: csv.py
streams them.
"""

from __future__ import annotations

import marshal
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from graph.load.bulk.packing import ENTITY_DATES, INSIDER, POSITION, as_dates, as_days
from graph.load.bulk.spill import MARSHALLED, Codec, SpilledDict

__all__ = ["Entity", "MergedGraph"]

Row = dict[str, object]
Props = dict[str, object]

POSITION_FIELDS = ("nature", "shares", "value", "as_of", "accession", "seq", "rank")


@dataclass(slots=True)
class Entity:
    """One ``:Entity`` node: its labels and properties so far."""

    labels: set[str] = field(default_factory=lambda: {"Entity"})
    props: Props = field(default_factory=dict)


def _dump_entity(e: Entity) -> bytes:
    return marshal.dumps((e.labels, as_days(e.props, ENTITY_DATES)))


def _load_entity(blob: bytes) -> Entity:
    labels, props = marshal.loads(blob)
    return Entity(labels, as_dates(props, ENTITY_DATES))


ENTITY: Codec[Entity] = Codec(_dump_entity, _load_entity)  # marshalled (packing.py)


def _put(props: Props, key: str, value: object) -> None:
    """``SET n.key = value``: a null removes the property."""
    if value is None:
        props.pop(key, None)
    else:
        props[key] = value


def _date(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _earlier(new: object, old: object) -> bool:
    """``old IS NULL OR new < old`` as Cypher evaluates it (a null ``new`` compares false)."""
    n, o = _date(new), _date(old)
    return o is None or (n is not None and n < o)


def _later(new: object, old: object) -> bool:
    n, o = _date(new), _date(old)
    return o is None or (n is not None and n > o)


def _not_before(new: object, old: object) -> bool:
    """``old IS NULL OR new >= old``."""
    n, o = _date(new), _date(old)
    return o is None or (n is not None and n >= o)


def _span(props: Props, row: Row, first_key: str, last_key: str) -> None:
    if _earlier(row["first"], props.get(first_key)):
        _put(props, first_key, row["first"])
    if _later(row["last"], props.get(last_key)):
        _put(props, last_key, row["last"])


def _position_key(row: Row) -> tuple[str, str, str, str]:
    keys = (row["owner"], row["security"], row["direct_indirect"], row["nature_key"])
    return (str(keys[0]), str(keys[1]), str(keys[2]), str(keys[3]))


class MergedGraph:
    """Everything the online path MERGEs, as it stands after the batches applied so far,
    kept in SQLite (spill.py): call ``flush`` after each batch."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.entities: SpilledDict[str, Entity] = SpilledDict(db, "entities", ENTITY)
        self.securities: SpilledDict[str, Props] = SpilledDict(db, "securities", MARSHALLED)
        # security id → (issuer, accession)
        self.issued_by: SpilledDict[str, tuple[str, str]] = SpilledDict(db, "issued_by", MARSHALLED)
        self.insiders: SpilledDict[tuple[str, str], Props] = SpilledDict(db, "insiders", INSIDER)
        self.positions: SpilledDict[tuple[str, str, str, str], tuple[object, ...]] = SpilledDict(
            db, "positions", POSITION
        )

    def flush(self) -> None:
        """Write the batch's merged entries to disk and forget them."""
        for kept in (self.entities, self.securities, self.issued_by, self.insiders):
            kept.flush()
        self.positions.flush()

    def prefetch(self, issuers: list[Row], owners: list[Row], securities: list[Row]) -> None:
        """Read the entries a batch's rows will merge into in a few queries (spill.py)."""
        self.entities.prefetch(str(row["cik"]) for row in (*issuers, *owners))
        self.securities.prefetch(str(row["id"]) for row in securities)
        self.issued_by.prefetch(str(row["id"]) for row in securities)

    def prefetch_roles(self, insiders: list[Row], positions: list[Row]) -> None:
        """As ``prefetch``, for the insider roles and positions of a batch."""
        self.insiders.prefetch((str(row["owner"]), str(row["issuer"])) for row in insiders)
        self.positions.prefetch(_position_key(row) for row in positions)

    def _entity(self, cik: str) -> Entity:
        found = self.entities.get(cik)
        if found is None:
            found = self.entities[cik] = Entity(props={"cik": cik})
        return found

    def _names(self, e: Entity, row: Row) -> None:
        names: list[str] = list(e.props.get("names") or [])  # type: ignore[call-overload]
        for name in row["names"]:  # type: ignore[attr-defined]
            if name not in names:
                names.append(name)
        e.props["names"] = names
        _span(e.props, row, "first_filing", "last_filing")

    def merge_issuers(self, rows: list[Row]) -> None:
        """MERGE_ISSUERS."""
        for row in rows:
            e = self._entity(str(row["cik"]))
            e.labels |= {"Issuer", "Company"}
            self._names(e, row)
            e.labels.discard("Person")
            if _not_before(row["date"], e.props.get("issuer_name_as_of")):
                p = e.props
                _put(p, "name", row["name"] if row["name"] is not None else p.get("name"))
                _put(p, "ticker", row["ticker"] if row["ticker"] is not None else p.get("ticker"))
                _put(p, "issuer_name_as_of", row["date"])

    def merge_owners(self, rows: list[Row]) -> None:
        """MERGE_OWNERS."""
        for row in rows:
            e = self._entity(str(row["cik"]))
            e.labels.add("Owner")
            self._names(e, row)
            if row["company"]:
                e.labels.add("Company")
                e.labels.discard("Person")
            if not (row["company"] or "Company" in e.labels):
                e.labels.add("Person")
            if _not_before(row["date"], e.props.get("name_as_of")):
                p = e.props
                for key, value in row["address"].items():  # type: ignore[attr-defined]
                    _put(p, key, value)
                _put(p, "name_as_of", row["date"])
                if "Issuer" not in e.labels:
                    _put(p, "name", row["name"] if row["name"] is not None else p.get("name"))

    def merge_securities(self, rows: list[Row]) -> None:
        """MERGE_SECURITIES."""
        for row in rows:
            sid = str(row["id"])
            s = self.securities.get(sid)
            if s is None:
                s = self.securities[sid] = {"id": sid}
                _put(s, "title", row["title"])
                _put(s, "derivative", row["derivative"])
                _put(s, "issuer_cik", row["issuer"])
            if s.get("underlying_title") is None:
                _put(s, "underlying_title", row["underlying_title"])
            self.issued_by.setdefault(sid, (str(row["issuer"]), str(row["accession"])))

    def merge_insiders(self, rows: list[Row]) -> None:
        """MERGE_INSIDERS."""
        for row in rows:
            key = (str(row["owner"]), str(row["issuer"]))
            r = self.insiders.setdefault(key, {})
            _span(r, row, "first_filing", "last_filing")
            if r.get("rank") is None or str(row["rank"]) >= str(r["rank"]):
                for role, value in row["roles"].items():  # type: ignore[attr-defined]
                    _put(r, role, value)
                _put(r, "rank", row["rank"])
                _put(r, "accession", row["accession"])

    def merge_positions(self, rows: list[Row]) -> None:
        """MERGE_POSITIONS (rows folded per owner by fold_positions)."""
        for row in rows:
            key = _position_key(row)
            kept = self.positions.get(key)
            if kept is None or str(row["rank"]) > str(kept[-1]):
                self.positions[key] = tuple(row[k] for k in POSITION_FIELDS)
