"""Loading filings into the real Neo4j: the graph model, joint filings, duplicates, amendments,
latest positions and idempotency. Expected values are read off the XML in tests/data/graph/."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.load.pipeline import ingest_paths
from graph.load.write import load_batch
from ingest.form345.parse import parse_filing
from tests.graph_snapshot import count, snapshot
from tests.paths import DATA

FILINGS = DATA / "graph"
PDEX_XML = FILINGS / "pdex_4_2025-01-23_c4e5a309.xml"
PDEX_TXT = FILINGS / "pdex_4_0001079973-25-000129_e7c4fd92.txt"
MSFT = sorted(FILINGS.glob("msft_4_*.xml"))


def one(driver: Driver, cypher: str, **params: object) -> dict[str, Any]:
    """The single record a query returns, as a dict of what the driver decoded."""
    records, _, _ = driver.execute_query(cypher, params, database_="neo4j")
    assert len(records) == 1, records
    return dict(records[0])


def test_joint_filing_gives_every_owner_the_rows_once(clean_graph: Driver) -> None:
    summary = ingest_paths(clean_graph, [PDEX_TXT])
    assert (summary.filings_loaded, summary.transactions, summary.rejected) == (1, 2, [])

    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 1
    assert count(clean_graph, "MATCH (e:Entity) RETURN count(e)") == 3
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(r)") == 4
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(DISTINCT r.row)") == 2
    assert (
        count(
            clean_graph,
            "MATCH ()-[r:TRANSACTED]->() WITH DISTINCT r.row AS row, r.shares AS shares "
            "RETURN sum(shares)",
        )
        == 835 + 1436
    )

    issuer = one(clean_graph, "MATCH (i:Issuer) RETURN labels(i) AS labels, i{.*} AS props")
    assert sorted(issuer["labels"]) == ["Company", "Entity", "Issuer"]
    assert issuer["props"]["cik"] == "0000788920"
    assert issuer["props"]["name"] == "PRO DEX INC"
    assert issuer["props"]["ticker"] == "PDEX"

    fund = one(
        clean_graph, "MATCH (o:Entity {cik: '0001058465'}) RETURN labels(o) AS l, o.name AS n"
    )
    assert sorted(fund["l"]) == ["Company", "Entity", "Owner"]
    assert fund["n"] == "FARNAM STREET PARTNERS LP /MN"
    person = one(clean_graph, "MATCH (o:Entity {cik: '0001361476'}) RETURN labels(o) AS l")
    assert sorted(person["l"]) == ["Entity", "Owner", "Person"]

    roles = one(
        clean_graph,
        "MATCH (:Entity {cik: '0001361476'})-[r:INSIDER_OF]->(:Issuer) RETURN r{.*} AS r",
    )["r"]
    assert (roles["director"], roles["officer"], roles["ten_percent_owner"]) == (True, False, True)
    assert roles["first_filing"].to_native() == date(2025, 1, 23)


def test_transaction_edge_carries_the_row_and_its_provenance(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, [PDEX_TXT])
    row = one(
        clean_graph,
        "MATCH (:Entity {cik: '0001058465'})-[r:TRANSACTED {seq: 2}]->(s:Security) "
        "RETURN r{.*} AS r, s.title AS title",
    )
    r = row["r"]
    assert row["title"] == "Common Stock"
    assert r["accession"] == "0001079973-25-000129"
    assert r["row"] == "0001079973-25-000129#2"
    assert r["date"].to_native() == date(2025, 1, 24)
    assert (r["code"], r["shares"], r["price"], r["acquired_disposed"]) == ("S", 1436, 41.44, "D")
    assert (r["shares_after"], r["direct_indirect"]) == (333210, "I")
    assert r["nature"] == "By Farnam Street Partners, L.P."
    assert (r["joint"], r["group_size"], r["derivative"]) == (True, 2, False)
    assert set(r["footnotes"]) == {"transaction_code:F1", "price_per_share:F2"}

    filing = one(clean_graph, "MATCH (f:Filing) RETURN f{.*} AS f")["f"]
    assert filing["filed"].to_native() == date(2025, 1, 24)
    assert filing["aff10b5one"] is True
    assert filing["footnote_ids"] == ["F1", "F2"]
    assert filing["footnote_texts"][0].startswith("The sales reported on this Form 4 were effected")
    assert filing["url"] == "https://www.sec.gov/Archives/edgar/data/788920/000107997325000129/"


def test_holds_is_the_latest_position_whatever_the_load_order(clean_graph: Driver) -> None:
    for path in reversed(MSFT):
        ingest_paths(clean_graph, [path])
    positions = clean_graph.execute_query(
        "MATCH (:Entity {cik: '0001519339'})-[h:HOLDS]->(s:Security) "
        "RETURN s.title AS title, h.direct_indirect AS di, h.nature AS nature, h.shares AS shares, "
        "h.as_of AS as_of ORDER BY title",
        database_="neo4j",
    ).records
    assert [
        (p["title"], p["di"], p["nature"], p["shares"], p["as_of"].to_native()) for p in positions
    ] == [
        ("Common Stock", "I", "By Living Trust", 15805, date(2020, 1, 31)),
        ("Restricted Stock Units", "D", "", 9240, date(2020, 1, 31)),
    ]
    assert count(clean_graph, "MATCH ()-[r:HELD]->() RETURN count(r)") == 3


def test_bare_and_wrapped_copies_are_one_filing_with_the_real_accession(
    clean_graph: Driver,
) -> None:
    first = ingest_paths(clean_graph, [PDEX_XML])
    second = ingest_paths(clean_graph, [PDEX_TXT])
    assert (first.filings_loaded, second.filings_loaded, second.filings_skipped) == (1, 0, 1)
    accessions = clean_graph.execute_query(  # the read model's top pairs name no filing
        "MATCH ()-[r]->() WHERE NOT r:SHARES_INSIDERS|FILES_WITH RETURN DISTINCT r.accession AS a",
        database_="neo4j",
    ).records
    assert [r["a"] for r in accessions] == ["0001079973-25-000129"]
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 1
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(r)") == 4


def test_wrapped_then_bare_equals_bare_then_wrapped(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, [PDEX_TXT, PDEX_XML])
    wrapped_first = snapshot(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    ingest_paths(clean_graph, [PDEX_XML])
    ingest_paths(clean_graph, [PDEX_TXT])
    props = "MATCH (f:Filing) RETURN f.source AS s"
    assert one(clean_graph, props)["s"].endswith(".txt")
    assert snapshot(clean_graph) == wrapped_first


def test_loading_twice_changes_nothing(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, [FILINGS])
    before = snapshot(clean_graph)
    again = ingest_paths(clean_graph, [FILINGS])
    assert again.filings_loaded == 0
    assert again.filings_skipped == again.filings_read
    assert snapshot(clean_graph) == before


def test_amendment_is_linked_to_the_filing_it_amends(clean_graph: Driver, tmp_path: Path) -> None:
    # The sample holds no original/amendment pair, so the original is derived from the real
    # LRCX 4/A (0000707549-25-000004): same document, typed 4, without dateOfOriginalSubmission.
    amendment = (FILINGS / "lrcx_4a_2024-11-04_90eac724.xml").read_bytes()
    original = amendment.replace(
        b"<documentType>4/A</documentType>", b"<documentType>4</documentType>"
    )
    original = re.sub(rb"<dateOfOriginalSubmission>[^<]*</dateOfOriginalSubmission>", b"", original)
    (tmp_path / "derived_original.xml").write_bytes(original)

    ingest_paths(clean_graph, [FILINGS / "lrcx_4a_0000707549-25-000004_d438aa8a.txt"])
    assert count(clean_graph, "MATCH ()-[r:AMENDS]->() RETURN count(r)") == 0
    ingest_paths(clean_graph, [tmp_path / "derived_original.xml"])
    link = one(
        clean_graph,
        "MATCH (a:Filing)-[r:AMENDS]->(o:Filing) RETURN a.accession AS a, o.form AS o, "
        "a.date_of_original_submission AS original, r.accession AS provenance",
    )
    assert (link["a"], link["o"], link["provenance"]) == (
        "0000707549-25-000004",
        "4",
        "0000707549-25-000004",
    )
    assert link["original"].to_native() == date(2024, 11, 4)


def test_an_issuer_keeps_its_latest_name_and_is_found_by_any_name(clean_graph: Driver) -> None:
    # Tesla filed as TESLA MOTORS INC in 2010 and as "Tesla, Inc." in 2025.
    ingest_paths(clean_graph, [FILINGS / "tsla_4_2025-09-15_eb2323fd.xml"])
    ingest_paths(clean_graph, [FILINGS / "tsla_3_2010-06-28_5af30562.xml"])
    tesla = one(clean_graph, "MATCH (i:Issuer) RETURN i.name AS name, i.names AS names")
    assert tesla["name"] == "Tesla, Inc."
    assert sorted(tesla["names"]) == ["TESLA MOTORS INC", "Tesla, Inc."]
    clean_graph.execute_query("CALL db.awaitIndexes(60)", database_="neo4j")
    found = one(
        clean_graph,
        "CALL db.index.fulltext.queryNodes('entity_search', 'motors') YIELD node "
        "RETURN node.cik AS cik",
    )
    assert found["cik"] == "0001318605"


def test_two_documents_claiming_one_accession_load_once(clean_graph: Driver) -> None:
    # The PDEX accession number, also given (wrongly) to another document of the same batch.
    pdex = parse_filing(PDEX_XML.read_bytes(), accession="0001079973-25-000129")
    hoffman = parse_filing(MSFT[0].read_bytes(), accession="0001079973-25-000129")
    result = load_batch(clean_graph, [pdex, hoffman])
    assert (result.loaded, result.skipped, result.rejected) == ((pdex,), (), ())
    # not silently "already there" (audit 1e): the second document is a conflict
    assert [(c.accession, c.reason) for c in result.conflicts] == [
        (
            "0001079973-25-000129",
            "accession 0001079973-25-000129 comes twice in this run with different content; "
            "the first was kept",
        )
    ]


def test_a_filing_neo4j_refuses_is_rejected_and_the_batch_still_loads(
    clean_graph: Driver, tmp_path: Path
) -> None:
    # An owner name longer than Neo4j can index (range-index keys stop near 8 kB).
    huge = PDEX_XML.read_bytes().replace(b"CABILLOT RAYMOND E", b"X" * 10_000)
    (tmp_path / "huge_name.xml").write_bytes(huge)
    for path in MSFT:
        shutil.copy(path, tmp_path / path.name)
    summary = ingest_paths(clean_graph, [tmp_path])
    assert (summary.filings_loaded, len(summary.rejected)) == (3, 1)
    (rejected,) = summary.rejected
    assert rejected.source.endswith("huge_name.xml")
    assert rejected.reason.startswith("Neo4j refused the filing sha256:")
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 3
