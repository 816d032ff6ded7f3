"""Seeded fuzzing of the whole ingest: 300 mutants of real filings (bit flips, cuts, hostile
numbers, dates and CIKs, deleted, doubled and deep elements, odd Unicode) loaded together with
the 40 originals. Nothing crashes, every original loads, every rejection is one line naming
its file, and the graph holds no NaN or infinite number."""

from __future__ import annotations

import math
import random
import re
import tarfile
from pathlib import Path

from neo4j import Driver

from graph.load.pipeline import ingest_paths
from ingest import fingerprint
from tests.paths import SAMPLE

SEED, GOOD, MUTANTS = 20261125, 40, 300
NUMBERS = [
    "lots",
    "NaN",
    "inf",
    "-Infinity",
    "1e309",
    "-5",
    "1,,0",
    "1_000",
    "\u0661\u0662",
    "",
    " ",
]
DATES = ["2024-13-45", "2024-02-30", "0000-00-00", "20240105", "2024-W03-1", "yesterday"]
CIKS = ["", "-1", "abc", "\u00b2", "\uff11\uff12", "12345678901", "0x1F"]
VALUE = re.compile(rb"<value>([^<]*)</value>")
ELEMENT = re.compile(rb"<(\w+)>(?:(?!<\1>).)*?</\1>", re.S)


def originals(tmp: Path) -> list[bytes]:
    with tarfile.open(SAMPLE) as tar:
        names = sorted(m.name for m in tar.getmembers() if m.name.endswith(".xml"))
        picked = random.Random(SEED).sample(names, GOOD)
        return [tar.extractfile(name).read() for name in picked]  # type: ignore[union-attr]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One random hostile change to a real document."""
    kind = rng.randrange(9)
    if kind == 0:  # bit flips
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 1:  # cut anywhere
        return data[: rng.randrange(len(data))]
    if kind in (2, 3):  # a value replaced: number, date or CIK texts nobody would file
        pool = [NUMBERS, DATES, CIKS][rng.randrange(3)]
        values = list(VALUE.finditer(data))
        if values:
            m = rng.choice(values)
            return data[: m.start(1)] + rng.choice(pool).encode() + data[m.end(1) :]
        return data
    if kind == 4:  # a CIK replaced
        return re.sub(
            rb"(<(?:issuer|rptOwner)Cik>)[^<]*",
            rb"\g<1>" + rng.choice(CIKS).encode(),
            data,
            count=1,
        )
    elements = list(ELEMENT.finditer(data))
    m = rng.choice(elements)
    if kind == 5:  # an element deleted
        return data[: m.start()] + data[m.end() :]
    if kind == 6:  # an element doubled
        return data[: m.end()] + m.group(0) + data[m.end() :]
    if kind == 7:  # deep nesting inside an element
        depth = rng.choice([100, 300, 3000])
        return data[: m.end()] + b"<a>" * depth + b"</a>" * depth + data[m.end() :]
    junk = rng.choice(["\u202e", "\x00", "&#0;", "\ufffe", "\U0001f600", "\u200b", "<script>"])
    return data[: m.end()] + junk.encode() + data[m.end() :]


def test_fuzzed_filings_never_crash_or_store_a_non_finite_number(
    clean_graph: Driver, tmp_path: Path
) -> None:
    good = originals(tmp_path)
    rng = random.Random(SEED)
    for n, data in enumerate(good):
        (tmp_path / f"good_{n:03d}.xml").write_bytes(data)
    for n in range(MUTANTS):
        (tmp_path / f"mutant_{n:03d}.xml").write_bytes(mutate(rng, rng.choice(good)))

    summary = ingest_paths(clean_graph, [tmp_path])  # must not raise

    for rejected in summary.rejected:
        assert Path(rejected.source).parent == tmp_path and Path(rejected.source).exists()
        assert "\n" not in rejected.reason and "\r" not in rejected.reason, rejected
        assert "Traceback" not in rejected.reason
    stored = {
        r["f"]
        for r in clean_graph.execute_query(
            "MATCH (f:Filing) RETURN f.fingerprint AS f", database_="neo4j"
        ).records
    }
    assert {fingerprint(data) for data in good} <= stored
    floats, _, _ = clean_graph.execute_query(
        "CALL () { MATCH (n) RETURN properties(n) AS p UNION ALL MATCH ()-[r]->() "
        "RETURN properties(r) AS p } UNWIND keys(p) AS k WITH p[k] AS v "
        "WHERE v IS :: FLOAT OR v IS :: LIST<FLOAT> RETURN v",
        database_="neo4j",
    )
    numbers = [x for r in floats for x in (r["v"] if isinstance(r["v"], list) else [r["v"]])]
    assert numbers and all(math.isfinite(x) for x in numbers)
    assert summary.filings_loaded + summary.filings_skipped + len(summary.rejected) >= GOOD
