"""The bulk load's merge state on disk (graph/load/bulk/spill.py) behaves as a dict does,
across flushes, including entries changed in place after they were read, and its entries
come back from their codec (packing.py) as they went in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.load.bulk import spill
from graph.load.bulk.columns import FILES
from graph.load.bulk.prepare import write_csv_files
from graph.load.bulk.spill import SpilledDict, open_spill
from graph.load.bulk.state import ENTITY, Entity
from ingest import read_filings
from tests.paths import SAMPLE


def test_a_spilled_dict_keeps_what_a_dict_keeps(tmp_path: Path) -> None:
    db = open_spill(tmp_path / "state.sqlite")
    kept: SpilledDict[tuple[str, str], dict[str, object]] = SpilledDict(db, "pairs")
    plain: dict[tuple[str, str], dict[str, object]] = {}
    for step in range(50):
        key = ("owner", f"issuer {step % 7}")
        for d in (kept, plain):
            props = d.setdefault(key, {})
            props["last"] = step  # changed in place, as the merge rules do
            props.setdefault("first", step)
        kept.flush(limit=3)  # written back and forgotten whenever 3 are in memory
    kept.discard(("owner", "issuer 0"))
    del plain[("owner", "issuer 0")]
    assert ("owner", "issuer 0") not in kept and ("owner", "issuer 1") in kept
    assert kept.get(("owner", "issuer 1")) == plain[("owner", "issuer 1")]
    assert kept.get(("nobody", "nowhere")) is None
    assert dict(kept.items()) == plain and len(kept) == len(plain) == 6
    db.close()


def test_equal_keys_are_one_entry_whether_or_not_their_parts_are_one_object(
    tmp_path: Path,
) -> None:
    # An owner filing about itself: its CIK is the owner and the issuer of the insider key,
    # one string object in one filing's rows, two equal ones in another's.
    one = "".join(["00011", "04657"])
    other = "".join(["000110", "4657"])
    kept: SpilledDict[tuple[str, str], int] = SpilledDict(open_spill(tmp_path / "s.sqlite"), "t")
    kept[(one, other)] = 1
    kept.flush(limit=0)
    assert kept.get((one, one)) == 1
    kept[(one, one)] = 2
    kept.flush(limit=0)
    assert list(kept.items()) == [((one, one), 2)]


def test_a_table_name_is_checked(tmp_path: Path) -> None:
    db = open_spill(tmp_path / "state.sqlite")
    with pytest.raises(ValueError, match="not a table name"):
        SpilledDict(db, "x; DROP TABLE y")
    db.close()


def test_the_merge_state_spilled_entry_by_entry_writes_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real filings (the sample): every merged entry through SQLite and its codec
    (packing.py: dates as day numbers) gives the CSV files the in-memory state gives."""
    filings = list(read_filings([SAMPLE]))
    write_csv_files(filings, tmp_path / "memory")
    monkeypatch.setattr(spill, "HOT_LIMIT", 1)
    write_csv_files(filings, tmp_path / "spilled")
    for stem in FILES:
        kept = (tmp_path / "memory" / f"{stem}.csv").read_bytes()
        assert (tmp_path / "spilled" / f"{stem}.csv").read_bytes() == kept, stem
    # dates made it through: the sample's first and last filings of some entity are dated
    assert ",20" in (tmp_path / "spilled" / "entities.csv").read_text(encoding="utf-8")


def test_a_date_the_codec_does_not_expect_is_refused(tmp_path: Path) -> None:
    entity = Entity(props={"cik": "0000320193", "odd": date(2024, 11, 4)})
    with pytest.raises(ValueError, match="unmarshallable"):
        ENTITY.dump(entity)
    assert ENTITY.load(ENTITY.dump(Entity(props={"first_filing": date(2024, 11, 4)}))) == Entity(
        props={"first_filing": date(2024, 11, 4)}
    )
