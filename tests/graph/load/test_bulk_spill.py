"""The bulk load's merge state on disk (graph/load/bulk/spill.py) behaves as a dict does,
across flushes, including entries changed in place after they were read."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.load.bulk.spill import SpilledDict, open_spill


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


def test_a_table_name_is_checked(tmp_path: Path) -> None:
    db = open_spill(tmp_path / "state.sqlite")
    with pytest.raises(ValueError, match="not a table name"):
        SpilledDict(db, "x; DROP TABLE y")
    db.close()
