"""Generate a synthetic scale corpus quarter by quarter: data set zips, optional XML, a manifest.

Memory stays bounded whatever ``filings`` is: one quarter's filings are written as they are
made, and only the population and per-insider positions are kept (they grow with the number
of entities, not of filings). Filings within a quarter come in filing-date order.
"""

from __future__ import annotations

import json
import math
import random
from bisect import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.scale.filings import Writer
from bench.scale.manifest import Counts
from bench.scale.population import Population, build_population
from bench.scale.tsv import DatasetQuarter
from bench.scale.xml import XmlQuarter
from ingest.records import Filing

__all__ = ["ALL_QUARTERS", "Corpus", "generate", "quarter_filings"]

ALL_QUARTERS = [(year, q) for year in range(2006, 2027) for q in range(1, 5)][:82]  # to 2026 Q2
AMENDMENTS, FORM5_IN_Q1, FIRST_IS_FORM3 = 0.03, 0.11, 0.7
PLAN_SHARE = 0.08  # share of filings that are weekly Rule 10b5-1 sales


@dataclass(frozen=True, slots=True)
class Plan:
    """A Rule 10b5-1 seller: files every week on ``weekday`` in quarters [start, end)."""

    member: int
    start: int
    end: int
    weekday: int


@dataclass(frozen=True, slots=True)
class Corpus:
    """What to generate: ``filings`` filings over the last ``quarters`` quarters to 2026 Q2."""

    filings: int
    seed: int = 1
    quarters: int = len(ALL_QUARTERS)
    xml: bool = False


def _per_quarter(total: int, count: int) -> list[int]:
    """``total`` split over ``count`` quarters growing from 0.7 to 1.3 of the mean; sums exactly."""
    weights = [0.7 + 0.6 * i / max(count - 1, 1) for i in range(count)]
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(count), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _plans(pop: Population, corpus: Corpus, seed: int) -> list[Plan]:
    rng = random.Random(f"{seed}:plans")
    span = corpus.quarters
    mean_length = (min(span, 40) + min(span, 4)) / 2
    count = max(1, round(corpus.filings * PLAN_SHARE / (13 * mean_length)))
    total = pop.cum_weights[-1]
    plans = []
    for _ in range(count):
        member = bisect(pop.cum_weights, rng.random() * total)
        length = rng.randint(min(span, 4), min(span, 40))
        start = rng.randrange(0, span - length + 1)
        plans.append(Plan(member, start, start + length, rng.randrange(5)))
    return plans


def _business_days(year: int, quarter: int) -> list[date]:
    day = date(year, 3 * quarter - 2, 1)
    end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    days = []
    while day < end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def quarter_filings(
    writer: Writer, plans: list[Plan], index: int, year: int, quarter: int, n: int, seed: int
) -> Iterator[Filing]:
    """The ``n`` filings of one quarter in filing-date order."""
    rng = random.Random(f"{seed}:{year}q{quarter}")
    pop = writer.pop
    for i in range(pop.issuers):  # share prices move once a quarter
        pop.issuer_price[i] = max(
            0.05, round(pop.issuer_price[i] * math.exp(rng.gauss(0.01, 0.12)), 2)
        )
    days = _business_days(year, quarter)
    events = [
        (d, p.member)
        for p in plans
        if p.start <= index < p.end
        for d in days
        if d.weekday() == p.weekday
    ]
    events = events[:n]
    events += [(days[rng.randrange(len(days))], -1) for _ in range(n - len(events))]
    events.sort(key=lambda e: e[0])
    total = pop.cum_weights[-1]
    for day, member in events:
        if member >= 0:
            yield writer.form4(rng, member, day, plan=True)
            continue
        draw = rng.random()
        if draw < AMENDMENTS and (amended := writer.amendment(rng, day)) is not None:
            yield amended
            continue
        member = bisect(pop.cum_weights, rng.random() * total)
        if quarter == 1 and draw < AMENDMENTS + FORM5_IN_Q1:
            yield writer.form5(rng, member, day)
        elif not writer.seen[member] and rng.random() < FIRST_IS_FORM3:
            yield writer.form3(rng, member, day)
        else:
            yield writer.form4(rng, member, day)


def generate(corpus: Corpus, out: Path, progress: Callable[[str, int], None] | None = None) -> dict:
    """Write the corpus under ``out`` and its ``manifest.json``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    pop = build_population(corpus.filings, corpus.seed)
    writer = Writer(pop)
    plans = _plans(pop, corpus, corpus.seed)
    quarters = ALL_QUARTERS[-corpus.quarters :]
    counts = Counts()
    files: list[str] = []
    for index, ((year, q), n) in enumerate(
        zip(quarters, _per_quarter(corpus.filings, len(quarters)), strict=True)
    ):
        name = f"{year}q{q}"
        dataset = DatasetQuarter(out, name, sk_base=index * 10_000_000, aff10b5one=year >= 2023)
        xml = XmlQuarter(out, name) if corpus.xml else None
        for filing in quarter_filings(writer, plans, index, year, q, n, corpus.seed):
            dataset.add(filing)
            if xml is not None:
                xml.add(filing)
            counts.add(filing)
        files.append(dataset.close().name)
        if xml is not None:
            files.append(xml.close().name)
        if progress:
            progress(name, n)
    manifest = counts.manifest(corpus, pop, files, plans=len(plans))
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest
