"""Inputs made to break the reader: pipes, devices, very deep folders and nested archives,
decompression bombs, a submission that made a regex scan quadratic. Each is one input's
rejection with a reason, and the real filing beside it is still read."""

from __future__ import annotations

import gzip
import io
import os
import signal
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest import read_filings
from ingest.limits import MIB, Limits
from ingest.records import Document, Rejected
from ingest.sources import Input, iter_inputs
from ingest.submission import read_submission
from tests.paths import DATA

GOOD = DATA / "sources" / "air_4_2025-01-10_39ff7e5c.xml"


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    """Fail instead of hanging: every test here must finish within 30 s."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("the reader hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def read(*paths: Path, limits: Limits | None = None) -> list[Input]:
    return list(iter_inputs(paths, limits))


def reasons(items: list[Input]) -> dict[str, str]:
    return {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}


def documents(items: list[Input]) -> list[str]:
    return [Path(i.source).name for i in items if isinstance(i, Document)]


def test_a_fifo_and_a_device_are_skipped_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.xml")
    (tmp_path / "zero.xml").symlink_to("/dev/zero")
    (tmp_path / "good.xml").write_bytes(GOOD.read_bytes())
    items = read(tmp_path)
    assert reasons(items) == {
        "pipe.xml": "skipped: not a regular file (a named pipe)",
        "zero.xml": "skipped: not a regular file (a character device)",
    }
    assert documents(items) == ["good.xml"]


def test_a_folder_tree_1500_levels_deep_is_walked(tmp_path: Path) -> None:
    levels = [tmp_path]
    for _ in range(1500):  # os.makedirs and shutil.rmtree would recurse as deep
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    (levels[-1] / "good.xml").write_bytes(GOOD.read_bytes())
    assert sys.getrecursionlimit() < 1500
    assert documents(read(tmp_path)) == ["good.xml"]
    (levels[-1] / "good.xml").unlink()
    for level in reversed(levels[1:]):
        level.rmdir()


def nested_zip(depth: int) -> bytes:
    data = GOOD.read_bytes()
    name = "good.xml"
    for level in range(depth):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        data, name = buffer.getvalue(), f"level{level}.zip"
    return data


def test_zips_nested_1000_deep_are_refused_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "deep.zip").write_bytes(nested_zip(1000))
    (tmp_path / "shallow.zip").write_bytes(nested_zip(3))
    items = read(tmp_path)
    deepest, outer = reasons(items).values()
    assert deepest == "archives nested more than 16 deep"
    assert outer == "no ownership filing among the archive's 1 file(s)"
    assert [i.source.count("!") for i in items if isinstance(i, Document)] == [3]


def test_a_gzip_bomb_is_refused_at_the_cap_without_reading_it_all(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml.gz"
    bomb.write_bytes(gzip.compress(b"<" + b" " * (64 * MIB), compresslevel=1))
    (tmp_path / "good.xml").write_bytes(GOOD.read_bytes())
    items = read(tmp_path, limits=Limits(file_bytes=4 * MIB))
    assert reasons(items) == {"bomb.xml.gz": "larger than 4 MiB (raise --max-file-mb to read it)"}
    assert documents(items) == ["good.xml"]


def test_an_archive_past_its_total_cap_stops_with_a_reason(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for n in range(8):
            out.writestr(f"m{n}.xml", b"<" + b" " * MIB)
    items = read(archive, limits=Limits(file_bytes=2 * MIB, archive_bytes=3 * MIB))
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert rejected[-1].source.endswith("many.zip!m2.xml")
    assert rejected[-1].reason.startswith("decompresses to more than 3 MiB")
    assert len(items) == 3  # two members read, the third refused, the rest never opened


def test_many_xml_openings_without_a_closing_are_read_in_linear_time() -> None:
    data = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>4\n" + b"<XML>" * 200_000
    assert read_submission(data).ownership_xml == ()


def test_parser_reasons_are_one_line_without_libxml2_flags(tmp_path: Path) -> None:
    (tmp_path / "nul.xml").write_bytes(b"<ownershipDocument>\n<a>\x00</a>\n</ownershipDocument>")
    (tmp_path / "deep.xml").write_bytes(b"<ownershipDocument>" + b"<a>" * 300 + b"</a>" * 300)
    found = {
        Path(r.source).name: r.reason for r in read_filings([tmp_path]) if isinstance(r, Rejected)
    }
    assert found == {
        # 19 characters of root, then 256 <a> of 3: libxml2 stops at column 787
        "deep.xml": "not XML: Excessive depth in document: 256, line 1, column 787 "
        "(<string>, line 1)",
        "nul.xml": "not XML: Invalid character: Char 0x0 out of allowed range, line 2, column 4 "
        "(<string>, line 2)",
    }
