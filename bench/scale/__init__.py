"""A synthetic, deterministic-by-seed corpus of Forms 3/4/5 at any size up to full history.

``python -m bench.scale --filings 20000 --seed 1 --out DIR [--xml]`` writes SEC quarterly
Insider Transactions Data Sets (``YYYYqN_form345.zip``), optionally the same filings as
ownership XML in full submissions, and ``manifest.json``; see docs/benchmarks.md.
"""
