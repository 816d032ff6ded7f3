"""Where the tests' real SEC fixtures and the project's own files are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "samples" / "sec-ownership-filings.tar.gz"
SAMPLE_MANIFEST = ROOT / "samples" / "MANIFEST.tsv"
APP = str(ROOT / "app.py")
