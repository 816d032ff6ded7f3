"""Re-encoded real filings: ``python -m bench.reliability.encodings FOLDER`` (no Neo4j).

Writes every ``*.xml`` of FOLDER (e.g. the shared corpus's ``xml/``) in UTF-16LE/BE with and
without a BOM and in UTF-32LE/BE with a BOM, reads them with ``ingest.read_filings`` and
counts how many parse to the same Filing as the UTF-8 original; also writes each in EBCDIC
(cp500) and lists the distinct reasons they get (docs/reliability.md, row 1d).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from ingest import read_filings
from ingest.records import Filing, Rejected

WIDE = {
    "u16le_bom": ("utf-16-le", b"\xff\xfe"),
    "u16be_bom": ("utf-16-be", b"\xfe\xff"),
    "u16le": ("utf-16-le", b""),
    "u16be": ("utf-16-be", b""),
    "u32le_bom": ("utf-32-le", b"\xff\xfe\x00\x00"),
    "u32be_bom": ("utf-32-be", b"\x00\x00\xfe\xff"),
}


def main(folder: Path) -> str:
    sources = sorted(folder.glob("*.xml"))
    originals = {
        p.name: replace(f, source=None)
        for p in sources
        for f in read_filings([p])
        if isinstance(f, Filing)
    }
    out = Path(tempfile.mkdtemp(prefix="encodings_"))
    for path in sources:
        text = path.read_text("utf-8")
        for name, (codec, bom) in WIDE.items():
            (out / f"{name}__{path.name}").write_bytes(bom + text.encode(codec))
        (out / f"ebcdic__{path.name}").write_bytes(text.encode("cp500", "replace"))
    same = differ = rejected = 0
    ebcdic: set[str] = set()
    for item in read_filings([out]):
        variant, name = Path(item.source or "").name.split("__", 1)
        if variant == "ebcdic":
            ebcdic.add(item.reason if isinstance(item, Rejected) else "accepted")
        elif isinstance(item, Filing) and replace(item, source=None) == originals.get(name):
            same += 1
        elif isinstance(item, Filing):
            differ += 1
        else:
            rejected += 1
    return (
        f"documents={len(sources)} wide={len(sources) * len(WIDE)} same_filing={same} "
        f"differ={differ} rejected={rejected} ebcdic_reasons={sorted(ebcdic)}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m bench.reliability.encodings FOLDER")
    print(main(Path(sys.argv[1])))
