"""Whole synthetic filings (Forms 3, 4, 5 and amendments) as ``ingest.records.Filing`` records.

``Writer`` keeps what must stay consistent across filings: each insider's position, which
insiders already filed, recent originals for amendments, accession counters. Form 4 rows come
from a few scenarios (open-market buys and sales, grants, option exercises, RSU vesting,
gifts, conversions) weighted to the real mix of codes (S 26 %, A 25 %, M 20 %, P 9 %, …).
"""

from __future__ import annotations

import random
from array import array
from collections import deque
from dataclasses import replace
from datetime import date, timedelta

from bench.scale.periodic import annual_gifts, initial_holdings, plan_sales
from bench.scale.population import (
    DIRECTOR,
    OFFICER,
    OTHER,
    TEN_PERCENT,
    TITLES,
    Population,
    issuer_cik,
    owner_cik,
)
from bench.scale.rows import Notes
from bench.scale.scenarios import FORM4_SCENARIOS, Row, scenario_weights
from ingest.records import Address, Filing, Holding, Issuer, ReportingOwner, Signature, Transaction

__all__ = ["Writer", "schema_version"]

_CITIES = (
    ("NEW YORK", "NY", "10017"),
    ("SAN FRANCISCO", "CA", "94105"),
    ("BOSTON", "MA", "02110"),
    ("AUSTIN", "TX", "78701"),
    ("CHICAGO", "IL", "60601"),
    ("MENLO PARK", "CA", "94025"),
    ("GREENWICH", "CT", "06830"),
    ("SEATTLE", "WA", "98101"),
    ("MIAMI", "FL", "33131"),
    ("DENVER", "CO", "80202"),
)
_ABROAD = ("TORONTO", "M5H 2N2", "ONTARIO, CANADA")  # no US state: the description says
_NATURES = ("By Trust", "By Spouse", "By LLC", "By 401(k) Plan", "By Family Partnership")
_REMARKS = ("Exhibit 24 - Power of Attorney", "Synthetic filing for scale tests.")
_AMEND_REMARK = "This amendment corrects the number of shares reported on the original filing."
_AGENTS = 40  # filer agents whose CIKs prefix accession numbers (reserved range 0009990001…)


def schema_version(day: date) -> str:
    """The ownership XML schema version in use on ``day`` (aff10b5One from X0508, 2023)."""
    year = day.year
    return (
        "X0202"
        if year < 2008
        else "X0303"
        if year < 2011
        else "X0306"
        if year < 2020
        else ("X0407" if year < 2023 else "X0508")
    )


class Writer:
    """Builds filings in filing-date order; its state carries over from quarter to quarter."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        self.shares = array("d", bytes(8 * pop.memberships))  # common shares per membership
        self.options = array("d", bytes(8 * pop.memberships))  # options/RSUs per membership
        self.seen = bytearray(pop.memberships)
        self.recent: deque[Filing] = deque(maxlen=4000)  # originals an amendment may correct
        self.counters: dict[tuple[int, int], int] = {}
        self.weights = scenario_weights()
        self._owners_made: dict[tuple[int, int, int], ReportingOwner] = {}  # bounded cache

    def accession(self, rng: random.Random, day: date) -> str:
        agent = rng.randrange(_AGENTS)
        key = (agent, day.year)
        seq = self.counters[key] = self.counters.get(key, 0) + 1
        return f"{9_990_001 + agent:010d}-{day.year % 100:02d}-{seq:06d}"

    def owner(self, owner: int, roles: int, title: int) -> ReportingOwner:
        """The owner's record as filed in its ``roles`` (records are immutable: cached)."""
        key = (owner, roles, title)
        made = self._owners_made.get(key)
        if made is None:
            if len(self._owners_made) >= 100_000:
                self._owners_made.clear()
            made = self._owners_made[key] = self._make_owner(owner, roles, title)
        return made

    def _make_owner(self, owner: int, roles: int, title: int) -> ReportingOwner:
        city, us_state, zip_code = _CITIES[owner % len(_CITIES)]
        state: str | None = us_state
        description = None
        if owner % 50 == 7:  # 2 % live abroad: no state, the state description names the place
            city, zip_code, description = _ABROAD
            state = None
        fund = self.pop.owner_is_fund[owner]
        street = f"{100 + owner % 8900} {'Synthetic Plaza' if fund else 'Synthetic Way'}"
        return ReportingOwner(
            cik=owner_cik(owner),
            name=self.pop.owner_names[owner],
            address=Address(
                street,
                f"Suite {owner % 97 + 1}" if fund else None,
                city,
                state,
                zip_code,
                description,
            ),
            is_director=bool(roles & DIRECTOR),
            is_officer=bool(roles & OFFICER),
            officer_title=TITLES[title] if roles & OFFICER else None,
            is_ten_percent_owner=bool(roles & TEN_PERCENT),
            is_other=bool(roles & OTHER),
            other_text="Member of 13(d) group" if roles & OTHER else None,
        )

    def _owners(self, rng: random.Random, member: int) -> tuple[ReportingOwner, ...]:
        pop = self.pop
        primary = pop.member_owner[member]
        first = self.owner(primary, pop.member_roles[member], pop.member_title[member])
        group = pop.co_filers.get(primary)
        if not group or rng.random() < 0.3:
            return (first,)
        return (first, *(self.owner(o, TEN_PERCENT, 0) for o in group))

    def _filing(
        self,
        rng: random.Random,
        member: int,
        day: date,
        kind: str,
        owners: tuple[ReportingOwner, ...],
        rows: tuple[list[Row], Notes, date],
        **flags: bool | None,
    ) -> Filing:
        pop = self.pop
        issuer = pop.member_issuer[member]
        signatures = tuple(Signature(f"/s/ {o.name}, by attorney-in-fact", day) for o in owners[:3])
        records, notes, period = rows
        flags.setdefault("aff10b5one", False if day.year >= 2023 and kind != "3" else None)
        return Filing(
            accession=self.accession(rng, day),
            fingerprint="",
            document_type=kind,
            schema_version=schema_version(day),
            period_of_report=period,
            issuer=Issuer(issuer_cik(issuer), pop.issuer_names[issuer], pop.issuer_tickers[issuer]),
            owners=owners,
            transactions=tuple(r for r in records if isinstance(r, Transaction)),
            holdings=tuple(r for r in records if isinstance(r, Holding)),
            footnotes=tuple(notes.texts),
            signatures=signatures,
            filed=day,
            not_subject_to_section16=False if kind != "3" else None,
            remarks=_REMARKS[0] if rng.random() < 0.15 else None,
            **flags,  # type: ignore[arg-type]
        )

    def form4(self, rng: random.Random, member: int, day: date, plan: bool = False) -> Filing:
        """A Form 4: a weekly Rule 10b5-1 sale when ``plan``, else a drawn scenario."""
        self.seen[member] = 1
        if plan:
            owners = self._owners(rng, member)[:1]
            rows = plan_sales(self, rng, member, day)
            flags = {"aff10b5one": True if day.year >= 2023 else None}
        else:
            owners = self._owners(rng, member)
            rows = rng.choices(FORM4_SCENARIOS, cum_weights=self.weights)[0](self, rng, member, day)
            flags = {}
        filing = self._filing(rng, member, day, "4", owners, rows, **flags)
        self.recent.append(filing)
        return filing

    def form3(self, rng: random.Random, member: int, day: date) -> Filing:
        """An initial statement: holdings only, or noSecuritiesOwned."""
        self.seen[member] = 1
        period = day - timedelta(days=rng.randrange(1, 10))
        owners = self._owners(rng, member)
        if rng.random() < 0.1:
            filing = self._filing(
                rng, member, day, "3", owners, ([], Notes(), period), no_securities_owned=True
            )
        else:
            rows, notes = initial_holdings(self, rng, member)
            filing = self._filing(rng, member, day, "3", owners, (rows, notes, period))
        self.recent.append(filing)
        return filing

    def form5(self, rng: random.Random, member: int, day: date) -> Filing:
        """An annual statement for the last fiscal year: gifts reported late."""
        self.seen[member] = 1
        period = date(day.year - 1, 12, 31)
        rows, notes = annual_gifts(self, rng, member, period)
        owners = self._owners(rng, member)[:1]
        flags = {"form3_holdings_reported": False, "form4_transactions_reported": False}
        return self._filing(rng, member, day, "5", owners, (rows, notes, period), **flags)

    def amendment(self, rng: random.Random, day: date) -> Filing | None:
        """A 3/A, 4/A or 5/A of a recent original: same issuer, owners and period."""
        if not self.recent:
            return None
        original = self.recent[rng.randrange(len(self.recent))]
        return replace(
            original,
            accession=self.accession(rng, day),
            document_type=f"{original.document_type}/A",
            schema_version=schema_version(day),
            date_of_original_submission=original.filed,
            filed=day,
            aff10b5one=_aff10b5one(original, day),
            signatures=tuple(replace(s, signature_date=day) for s in original.signatures),
            remarks=_AMEND_REMARK,
        )


def _aff10b5one(original: Filing, day: date) -> bool | None:
    """An amendment filed under X0508 (2023 on) states aff10b5One as Forms 4 and 5 must."""
    if original.document_type == "3" or original.aff10b5one is not None:
        return original.aff10b5one
    return False if day.year >= 2023 else None
