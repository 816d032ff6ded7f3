"""Inputs in, Documents / Filings / Rejected out (ingest/sources.py), on real filings.

tests/data/sources/ holds four EDGAR full submissions from ../shared/corpus/txt and, for three of
them, the same ownership XML as a bare file. Archives, folders and mislabelled names are built
in tmp_path from those files. Header values below were read off the .txt files by eye.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import shutil
import tarfile
import types
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ingest.datasets import DatasetWarning
from ingest.records import Document, Filing, Rejected
from ingest.sources import count_inputs, iter_inputs
from tests.paths import DATA

SOURCES = DATA / "sources"
DATASET = DATA / "datasets" / "2024q3_form345_sample"
AIR_TXT = SOURCES / "air_4_0001127602-25-001055_06c615e6.txt"  # classic <SEC-DOCUMENT>, 4 + EX-24
ARW_TXT = SOURCES / "arw_4_0001127602-25-004598_d4731edd.txt"  # <SUBMISSION> form, CR line ends
TSLA_TXT = SOURCES / "tsla_4_0001790565-23-000009_1503be45.txt"  # indented tags
LRCX_TXT = SOURCES / "lrcx_4a_0000707549-25-000004_d438aa8a.txt"  # 4/A, no final newline
AIR_XML = SOURCES / "air_4_2025-01-10_39ff7e5c.xml"
ARW_XML = SOURCES / "arw_4_2025-02-12_1970d0a7.xml"
TSLA_XML = SOURCES / "tsla_4_2023-07-27_8d733be2.xml"
PAIRS = [(AIR_TXT, AIR_XML), (ARW_TXT, ARW_XML), (TSLA_TXT, TSLA_XML)]


def only(path: Path | str) -> Document | Filing | Rejected:
    (item,) = iter_inputs([path])
    return item


def test_bare_xml_is_one_document_with_its_exact_bytes() -> None:
    assert only(AIR_XML) == Document(source=str(AIR_XML), data=AIR_XML.read_bytes())


@pytest.mark.parametrize(
    ("path", "accession", "filed"),
    [
        (AIR_TXT, "0001127602-25-001055", date(2025, 1, 10)),  # FILED AS OF DATE: 20250110
        (ARW_TXT, "0001127602-25-004598", date(2025, 2, 13)),  # <FILING-DATE>20250213
        (TSLA_TXT, "0001790565-23-000009", date(2023, 7, 31)),
        (LRCX_TXT, "0000707549-25-000004", date(2025, 1, 21)),
    ],
)
def test_full_submission_header_gives_accession_and_filed(
    path: Path, accession: str, filed: date
) -> None:
    document = only(path)
    assert isinstance(document, Document)
    assert (document.source, document.accession, document.filed) == (str(path), accession, filed)
    assert document.data.startswith(b'<?xml version="1.0"?>')
    assert document.data.endswith(b"</ownershipDocument>")


@pytest.mark.parametrize(("txt", "xml"), PAIRS)
def test_wrapped_xml_equals_the_bare_file(txt: Path, xml: Path) -> None:
    wrapped, bare = iter_inputs([txt, xml])
    assert isinstance(wrapped, Document) and isinstance(bare, Document)
    assert wrapped.data == bare.data.strip()  # both yielded; dedupe is by fingerprint later


def test_extension_is_ignored_content_is_sniffed(tmp_path: Path) -> None:
    xml_as_txt = tmp_path / "a.txt"
    shutil.copy(AIR_XML, xml_as_txt)
    txt_as_xml = tmp_path / "b.xml"
    shutil.copy(AIR_TXT, txt_as_xml)
    zip_as_dat = tmp_path / "c.dat"
    with zipfile.ZipFile(zip_as_dat, "w") as zf:
        zf.write(TSLA_XML, "inner/tsla.xml")
    bare, wrapped, member = iter_inputs([xml_as_txt, txt_as_xml, zip_as_dat])
    assert bare == Document(str(xml_as_txt), AIR_XML.read_bytes())
    assert isinstance(wrapped, Document) and wrapped.accession == "0001127602-25-001055"
    assert member == Document(f"{zip_as_dat}!inner/tsla.xml", TSLA_XML.read_bytes())


def test_zip_members_in_name_order_with_nested_folders(tmp_path: Path) -> None:
    archive = tmp_path / "filings.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(LRCX_TXT, "b/2025/lrcx.txt")
        zf.write(AIR_XML, "a/air.xml")
        zf.writestr("a/.DS_Store", b"\x00\x00\x00\x01Bud1")
        zf.writestr("__MACOSX/a/._air.xml", b"\x00\x05\x16\x07")
    first, second = iter_inputs([archive])
    assert first == Document(f"{archive}!a/air.xml", AIR_XML.read_bytes())
    assert isinstance(second, Document)
    assert (second.source, second.accession) == (
        f"{archive}!b/2025/lrcx.txt",
        "0000707549-25-000004",
    )


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress, bytes])
def test_tar_archives_are_read_member_by_member(
    tmp_path: Path, compress: Callable[[bytes], bytes]
) -> None:
    plain = io.BytesIO()
    with tarfile.open(fileobj=plain, mode="w") as tf:
        tf.add(ARW_XML, "x/arw.xml")
        tf.add(ARW_TXT, "x/y/arw.nc")
    archive = tmp_path / "filings.tgz"  # the name does not matter
    archive.write_bytes(compress(plain.getvalue()))
    bare, wrapped = iter_inputs([archive])
    assert bare == Document(f"{archive}!x/arw.xml", ARW_XML.read_bytes())
    assert isinstance(wrapped, Document) and wrapped.source == f"{archive}!x/y/arw.nc"
    assert wrapped.data == bare.data.strip()


def test_zip_inside_tar_gz_and_a_lone_gz(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.write(AIR_XML, "air.xml")
    archive = tmp_path / "outer.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        info = tarfile.TarInfo("inner.zip")
        info.size = len(inner.getvalue())
        tf.addfile(info, io.BytesIO(inner.getvalue()))
    single = tmp_path / "tsla.xml.gz"
    single.write_bytes(gzip.compress(TSLA_XML.read_bytes()))
    nested, lone = iter_inputs([archive, single])
    assert nested == Document(f"{archive}!inner.zip!air.xml", AIR_XML.read_bytes())
    assert lone == Document(str(single), TSLA_XML.read_bytes())


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    shutil.copy(TSLA_XML, tmp_path / "b" / "c" / "tsla.xml")
    shutil.copy(ARW_XML, tmp_path / "b" / "arw.xml")
    shutil.copy(AIR_XML, tmp_path / "a.xml")
    (tmp_path / ".hidden.xml").write_bytes(AIR_XML.read_bytes())
    sources = [item.source for item in iter_inputs([tmp_path])]
    assert sources == [str(tmp_path / p) for p in ("a.xml", "b/arw.xml", "b/c/tsla.xml")]


def test_a_folder_is_streamed_not_read_up_front(tmp_path: Path) -> None:
    for name in ("1.xml", "2.xml", "3.xml"):
        shutil.copy(AIR_XML, tmp_path / name)
    items = iter_inputs([tmp_path])
    assert isinstance(items, types.GeneratorType)
    first = next(items)
    assert first.source == str(tmp_path / "1.xml")
    (tmp_path / "2.xml").write_bytes(b"changed after the first item arrived")
    (tmp_path / "3.xml").unlink()
    assert list(items) == [
        Rejected(
            str(tmp_path / "2.xml"),
            "not an ownership filing: text that is neither XML nor an EDGAR submission",
        ),
        Rejected(str(tmp_path / "3.xml"), "file not found"),
    ]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    shutil.copy(AIR_XML, tmp_path / "air.xml")
    os.symlink(tmp_path, tmp_path / "loop")
    assert [item.source for item in iter_inputs([tmp_path])] == [str(tmp_path / "air.xml")]


def test_submission_with_two_form_4_documents_yields_both(tmp_path: Path) -> None:
    # derived from the real AIR submission: its Form 4 <DOCUMENT> block repeated
    text = AIR_TXT.read_bytes()
    start, end = text.index(b"<DOCUMENT>"), text.index(b"</DOCUMENT>") + len(b"</DOCUMENT>")
    doubled = tmp_path / "two.txt"
    doubled.write_bytes(text[:end] + b"\n" + text[start:end] + text[end:])
    first, second = iter_inputs([doubled])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source, second.source) == (f"{doubled}#1", f"{doubled}#2")
    assert first.data == second.data == AIR_XML.read_bytes().strip()


def test_rejections_say_what_is_wrong(tmp_path: Path) -> None:
    eight_k = tmp_path / "8k.txt"  # the real AIR submission with its Form 4 retyped as an 8-K
    eight_k.write_bytes(AIR_TXT.read_bytes().replace(b"<TYPE>4\n", b"<TYPE>8-K\n", 1))
    pdf = tmp_path / "form4.xml"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    html = tmp_path / "form4.htm"
    html.write_bytes(b"<!DOCTYPE html>\n<html><body>Form 4</body></html>")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    corrupt = tmp_path / "broken.zip"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    table = tmp_path / "NONDERIV_HOLDING.tsv"
    shutil.copy(DATASET / "NONDERIV_HOLDING.tsv", table)
    missing = tmp_path / "nowhere.xml"
    items = list(iter_inputs([eight_k, pdf, html, empty, corrupt, table, missing]))
    assert all(isinstance(item, Rejected) for item in items)
    reasons = [item.reason for item in items if isinstance(item, Rejected)]
    assert (
        reasons[0] == "no <ownershipDocument> found in full submission (document types: 8-K, EX-24)"
    )
    assert reasons[1] == "not an ownership filing: a PDF document"
    assert reasons[2].startswith("not an ownership filing: an HTML page")
    assert reasons[3] == "empty file"
    assert reasons[4].startswith("corrupt zip: ")
    assert reasons[5].startswith("SEC data set table outside its data set")
    assert reasons[6] == "file not found"


def test_corrupt_zip_member_is_rejected_and_the_rest_still_read(tmp_path: Path) -> None:
    archive = tmp_path / "mixed.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.write(AIR_XML, "a.xml")
        zf.write(ARW_XML, "b.xml")
    raw = bytearray(archive.read_bytes())
    at = raw.index(b"<issuerCik>")  # inside a.xml's stored bytes: breaks its CRC
    raw[at + 1 : at + 4] = b"XXX"
    archive.write_bytes(bytes(raw))
    broken, good = iter_inputs([archive])
    assert isinstance(broken, Rejected) and broken.source == f"{archive}!a.xml"
    assert broken.reason.startswith("corrupt zip member: Bad CRC-32")
    assert good == Document(f"{archive}!b.xml", ARW_XML.read_bytes())


def test_data_sets_are_detected_in_folders_and_zips(tmp_path: Path) -> None:
    shutil.copytree(DATASET, tmp_path / "quarter")
    archive = tmp_path / "2024q3_form345.dat"
    with zipfile.ZipFile(archive, "w") as zf:
        for table in sorted(DATASET.iterdir()):
            zf.write(table, table.name)
    with pytest.warns(DatasetWarning):
        items = list(iter_inputs([tmp_path / "quarter", archive]))
    assert len(items) == 14 and all(isinstance(item, Filing) for item in items)
    assert items[0].source == f"{tmp_path / 'quarter'}#0001613103-24-000086"
    assert items[7].source == f"{archive}#0001613103-24-000086"


def test_count_inputs_estimates_without_reading_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for path in (AIR_XML, ARW_TXT):
        shutil.copy(path, tmp_path / "sub")
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as zf:
        zf.write(TSLA_XML, "x/tsla.xml")
        zf.write(LRCX_TXT, "lrcx.txt")
    shutil.copytree(DATASET, tmp_path / "quarter")
    # 2 files + 2 zip members + 7 SUBMISSION rows + 1 missing path
    assert count_inputs([tmp_path, tmp_path / "nowhere"]) == 12
    with tarfile.open(tmp_path / "more.tar.gz", "w:gz") as tf:
        tf.add(AIR_XML, "air.xml")
    assert count_inputs([tmp_path]) is None  # a tar's members are not known without reading it
