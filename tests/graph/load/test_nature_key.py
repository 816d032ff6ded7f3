"""One latest position per owner, security, direct/indirect and *nature key*: the
``natureOfOwnership`` text read without case, punctuation or line breaks, its latest wording kept
for display. Expected values are read off the XML in tests/data/nature/ (Elon Musk's trust
holding of Tesla common stock, written "By Trust" in his Form 3 and "By trust" in his Form 4)."""

from __future__ import annotations

from datetime import date

from neo4j import Driver

from graph.load.keys import nature_key
from graph.load.pipeline import ingest_paths
from graph.load.removal import NATURE_KEY
from tests.paths import DATA

MUSK = "0001494730"
FORM3 = DATA / "nature" / "tsla_3_2010-06-28_5af30562.xml"  # Common Stock, I, "By Trust": 2,666,666
FORM4 = DATA / "nature" / "tsla_4_2010-07-02_1c9121f6.xml"  # 5 rows "By trust", last 25,699,596

TRUST_POSITIONS = """
MATCH (:Entity {cik: $owner})-[h:HOLDS]->(s:Security {title: 'Common Stock'})
RETURN h.nature AS nature, h.nature_key AS key, h.shares AS shares, h.as_of AS as_of
"""
# Wordings of one position each: from the corpus (EB, MDB and TSLA filings), and the
# "By trust." of issue 8.
SPELLINGS = [
    ("By Trust", "by trust"),
    ("by Trust", "by trust"),
    ("By trust.", "by trust"),
    (
        "By Sequoia Capital U.S. Growth\nFund VII, L.P.",
        "by sequoia capital u s growth fund vii l p",
    ),
    ("By Sequoia Capital U.S. Growth Fund IV, L.P", "by sequoia capital u s growth fund iv l p"),
    ("", ""),
]


def test_one_trust_position_whatever_the_wording(clean_graph: Driver) -> None:
    for path in (FORM4, FORM3):  # the older Form 3 last: it must not open a second position
        ingest_paths(clean_graph, [path])
    records, _, _ = clean_graph.execute_query(TRUST_POSITIONS, owner=MUSK, database_="neo4j")
    assert [dict(r) | {"as_of": r["as_of"].to_native()} for r in records] == [
        {"nature": "By trust", "key": "by trust", "shares": 25699596, "as_of": date(2010, 7, 2)}
    ]


def test_the_cypher_key_equals_the_python_key() -> None:
    assert [nature_key(text) for text, _ in SPELLINGS] == [key for _, key in SPELLINGS]


def test_the_cypher_key_of_removal_matches(clean_graph: Driver) -> None:
    records, _, _ = clean_graph.execute_query(
        "UNWIND $texts AS text WITH {nature: text} AS r WITH null AS o, null AS s, null AS p, r, "
        + NATURE_KEY
        + "RETURN collect(nature_key) AS keys",
        texts=[text for text, _ in SPELLINGS],
        database_="neo4j",
    )
    assert records[0]["keys"] == [key for _, key in SPELLINGS]


# The graph of the same two filings as ownergraph wrote it before nature keys: one position per
# raw text, so the Form 3's "By Trust" stayed beside the Form 4's "By trust", and no :Model node.
OLD_MODEL = """
MATCH (m:Model) DELETE m
WITH count(*) AS dropped
MATCH (o:Entity {cik: $owner})-[h:HOLDS]->(s:Security {title: 'Common Stock'})
REMOVE h.nature_key
CREATE (o)-[:HOLDS {direct_indirect: 'I', nature: 'By Trust', shares: 2666666.0,
                   as_of: date('2010-06-28'), accession: 'form 3', seq: 1, rank: '2010-06-28'}]->(s)
"""


def test_an_older_graph_is_upgraded_by_the_next_ingest(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, [FORM3, FORM4])
    clean_graph.execute_query(OLD_MODEL, owner=MUSK, database_="neo4j")
    ingest_paths(clean_graph, [FORM4])  # nothing new to load: the upgrade alone
    records, _, _ = clean_graph.execute_query(TRUST_POSITIONS, owner=MUSK, database_="neo4j")
    assert [(r["nature"], r["key"], r["shares"]) for r in records] == [
        ("By trust", "by trust", 25699596)
    ]
