"""Encodings and empty containers: a real Form 4 re-encoded as UTF-16 or UTF-32 reads as the
same filing; EBCDIC, binary and private text get a reason that quotes none of their bytes;
an empty zip or tar, or an archive without a filing, is one line naming the archive."""

from __future__ import annotations

import io
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest

from ingest import read_filings
from ingest.records import Filing, Rejected
from tests.paths import DATA

# The real AIR Form 4 (UTF-8, `<?xml version="1.0"?>`); the tests re-encode it.
AIR = DATA / "sources" / "air_4_2025-01-10_39ff7e5c.xml"


def read(*paths: Path) -> list[Filing | Rejected]:
    return list(read_filings(paths))


def only_filing(path: Path) -> Filing:
    (item,) = read(path)
    assert isinstance(item, Filing), item
    return item


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_a_real_filing_in_utf16_or_utf32_reads_as_the_utf8_one(
    tmp_path: Path, codec: str, bom: bytes
) -> None:
    text = AIR.read_text("utf-8")
    wide = tmp_path / "wide.xml"
    wide.write_bytes(bom + text.encode(codec))
    original = only_filing(AIR)
    assert only_filing(wide) == replace(original, source=str(wide))


def test_a_declared_utf16_encoding_without_a_bom_is_read(tmp_path: Path) -> None:
    text = AIR.read_text("utf-8").replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    wide = tmp_path / "declared.xml"
    wide.write_bytes(text.encode("utf-16-le"))
    filing = only_filing(wide)
    # read off the XML: issuer CIK 0000001750 (AAR Corp), 1 reporting owner
    assert (filing.issuer.cik, len(filing.owners)) == ("0000001750", 1)


def test_ebcdic_and_binary_are_named_without_their_bytes(tmp_path: Path) -> None:
    text = AIR.read_text("utf-8")
    (tmp_path / "ebcdic.xml").write_bytes(text.encode("cp500"))
    undeclared = text.replace('<?xml version="1.0"?>', "").lstrip()
    (tmp_path / "ebcdic_undeclared.xml").write_bytes(undeclared.encode("cp500"))
    (tmp_path / "blob.xml").write_bytes(bytes(range(256)) * 4)
    assert {Path(r.source).name: r.reason for r in read(tmp_path) if isinstance(r, Rejected)} == {
        "blob.xml": "not an ownership filing: binary content, not XML, a submission or an archive",
        "ebcdic.xml": "not an ownership filing: XML in EBCDIC, which is not read "
        "(convert it to UTF-8)",
        "ebcdic_undeclared.xml": "not an ownership filing: XML in EBCDIC, which is not read "
        "(convert it to UTF-8)",
    }


def test_a_followed_symlink_never_has_its_first_bytes_echoed(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir()
    (private / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "link.xml").symlink_to(private / "passwd")
    (rejected,) = read(inputs)
    assert isinstance(rejected, Rejected)
    assert "root" not in rejected.reason and "bash" not in rejected.reason
    assert rejected.reason == (
        "not an ownership filing: text that is neither XML nor an EDGAR submission"
    )


def source_name(filing: Filing) -> str:
    """The name of the file or archive member a filing was read from."""
    assert filing.source is not None, filing  # read_filings always sets it
    return Path(filing.source).name


def empty_tar(mode: Literal["w:", "w:gz"] = "w:") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode):
        pass
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_empty_archives_and_one_without_filings_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty.zip").write_bytes(zip_of({}))
    (tmp_path / "empty.tar").write_bytes(empty_tar())
    (tmp_path / "empty.tar.gz").write_bytes(empty_tar("w:gz"))
    (tmp_path / "readme.zip").write_bytes(zip_of({"README": b"nothing here\n"}))
    (tmp_path / "good.zip").write_bytes(zip_of({"air.xml": AIR.read_bytes()}))
    items = read(tmp_path)
    assert [source_name(i) for i in items if isinstance(i, Filing)] == ["good.zip!air.xml"]
    assert [(Path(r.source).name, r.reason) for r in items if isinstance(r, Rejected)] == [
        ("empty.tar", "empty tar archive, or only zero bytes: nothing to read"),
        ("empty.tar.gz", "empty archive: it holds no files"),
        ("empty.zip", "empty archive: it holds no files"),
        (
            "readme.zip!README",
            "not an ownership filing: text that is neither XML nor an EDGAR submission",
        ),
        ("readme.zip", "no ownership filing among the archive's 1 file(s)"),
    ]
