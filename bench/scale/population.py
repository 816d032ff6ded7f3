"""Who files about whom: synthetic issuers, owners and insider relationships, drawn once per seed.

Sizes scale with the filing count (full history, 4.8 M filings: ~20 k issuers, ~350 k owners).
Insiders per issuer and issuers per owner are heavy-tailed: a few issuers gather hundreds of
insiders, a few funds are insiders of hundreds of issuers. CIKs sit in reserved ranges no real
filer has (issuers 0009000001…, owners 0009100001…) and every name says "Synthetic".
"""

from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field
from itertools import accumulate

__all__ = [
    "DIRECTOR",
    "FULL_FILINGS",
    "OFFICER",
    "OTHER",
    "TEN_PERCENT",
    "TITLES",
    "Population",
    "build_population",
    "issuer_cik",
    "issuer_name",
    "owner_cik",
    "owner_name",
    "ticker",
]

FULL_FILINGS = 4_800_000
FULL_ISSUERS, FULL_OWNERS = 20_000, 350_000
ISSUER_CIK_BASE, OWNER_CIK_BASE = 9_000_000, 9_100_000
DIRECTOR, OFFICER, TEN_PERCENT, OTHER = 1, 2, 4, 8
FUND_SHARE = 0.12  # owners that are funds, trusts and other entities
_SUFFIXES = ("Corp", "Inc", "Holdings Inc", "Plc", "Ltd", "Group Inc", "Co", "Technologies Inc")
_FUND_WORDS = ("Capital Partners", "Ventures", "Growth Fund", "Holdings LLC", "Investors", "Trust")
_FIRST = ("Alex", "Maria", "James", "Priya", "Chen", "Olga", "David", "Fatima", "Lars", "Grace")
_LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Reyes", "Keller", "Shah")
TITLES = (
    "",
    "Chief Executive Officer",
    "Chief Financial Officer",
    "Chief Operating Officer",
    "President",
    "EVP, General Counsel",
    "Chief Accounting Officer",
    "SVP, Sales",
    "Chief Technology Officer",
    "EVP & Chief People Officer",
    "Corporate Controller",
    "See Remarks",
)
_COMMON = (
    "Common Stock",
    "Class A Common Stock",
    "Ordinary Shares",
    "Common Stock, par value $0.01",
)


def issuer_cik(index: int) -> str:
    return f"{ISSUER_CIK_BASE + index + 1:010d}"


def owner_cik(index: int) -> str:
    return f"{OWNER_CIK_BASE + index + 1:010d}"


def issuer_name(rng: random.Random, index: int) -> str:
    return f"Synthetic Issuer {index + 1:05d} {rng.choice(_SUFFIXES)}"


def owner_name(rng: random.Random, index: int, fund: bool) -> str:
    if fund:
        word = rng.choice(_FUND_WORDS)
        return f"Synthetic {_LAST[index % len(_LAST)]} {word} {index + 1:06d}"
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return f"Synthetic {last} {first} {index + 1:06d}"


def ticker(index: int) -> str:
    letters = ""
    n = index
    for _ in range(3):
        n, r = divmod(n, 26)
        letters = chr(65 + r) + letters
    return "Z" + letters  # ZAAA…: no real listing uses this block for these names


@dataclass(slots=True)
class Population:
    """Entities and insider relationships ("memberships"), as compact parallel arrays."""

    issuer_names: list[str]
    issuer_tickers: list[str]
    issuer_common: list[str]  # title of the issuer's common stock
    issuer_price: array  # current share price, a random walk per quarter
    owner_names: list[str]
    owner_is_fund: bytearray
    member_issuer: array  # membership -> issuer index
    member_owner: array  # membership -> owner index
    member_roles: bytearray  # DIRECTOR | OFFICER | TEN_PERCENT | OTHER
    member_title: bytearray  # index into TITLES for officers
    cum_weights: list[float]  # filing activity per membership, accumulated
    co_filers: dict[int, tuple[int, ...]] = field(default_factory=dict)  # fund -> joint filers

    @property
    def issuers(self) -> int:
        return len(self.issuer_names)

    @property
    def owners(self) -> int:
        return len(self.owner_names)

    @property
    def memberships(self) -> int:
        return len(self.member_issuer)


def sizes(filings: int) -> tuple[int, int]:
    """(issuers, owners) for a corpus of ``filings``, proportional to full history."""
    issuers = max(4, round(filings * FULL_ISSUERS / FULL_FILINGS))
    owners = max(24, round(filings * FULL_OWNERS / FULL_FILINGS))
    return issuers, owners


def _issuers_per_owner(rng: random.Random, fund: bool, issuers: int) -> int:
    if fund:  # Pareto(1.1): mean ~10, a few hundred at full size
        return max(1, min(int(rng.paretovariate(1.1)), 800, max(1, issuers // 2)))
    if rng.random() < 0.82:
        return 1
    return min(2 + int(rng.expovariate(0.6)), 12, issuers)


def build_population(filings: int, seed: int) -> Population:
    """The entities of a corpus of ``filings`` filings; the same seed gives the same population."""
    rng = random.Random(f"{seed}:population")
    n_issuers, n_owners = sizes(filings)
    # insider "pull" per issuer: heavy-tailed, capped so the top issuer has hundreds, not tens of k
    pull = [min(rng.paretovariate(1.2), 60.0) for _ in range(n_issuers)]
    pull_cum = list(accumulate(pull))
    pop = Population(
        issuer_names=[issuer_name(rng, i) for i in range(n_issuers)],
        issuer_tickers=[ticker(i) for i in range(n_issuers)],
        issuer_common=[rng.choice(_COMMON) for _ in range(n_issuers)],
        issuer_price=array(
            "d", (round(rng.lognormvariate(3.0, 1.1), 2) + 0.5 for _ in range(n_issuers))
        ),
        owner_names=[],
        owner_is_fund=bytearray(),
        member_issuer=array("i"),
        member_owner=array("i"),
        member_roles=bytearray(),
        member_title=bytearray(),
        cum_weights=[],
    )
    weights: list[float] = []
    for owner in range(n_owners):
        fund = rng.random() < FUND_SHARE
        pop.owner_is_fund.append(fund)
        pop.owner_names.append(owner_name(rng, owner, fund))
        k = _issuers_per_owner(rng, fund, n_issuers)
        if k * 4 >= n_issuers:
            chosen = rng.sample(range(n_issuers), k)
        else:
            seen: set[int] = set()
            while len(seen) < k:
                seen.update(rng.choices(range(n_issuers), cum_weights=pull_cum, k=k - len(seen)))
            chosen = sorted(seen)
        for issuer in chosen:
            roles, title = _roles(rng, fund)
            pop.member_issuer.append(issuer)
            pop.member_owner.append(owner)
            pop.member_roles.append(roles)
            pop.member_title.append(title)
            activity = rng.lognormvariate(0.0, 1.0) * (0.4 if fund else 1.0)
            weights.append(activity * (1.0 + pull[issuer] / 20))
    pop.cum_weights = list(accumulate(weights))
    _joint_groups(rng, pop)
    return pop


def _roles(rng: random.Random, fund: bool) -> tuple[int, int]:
    if fund:
        return (TEN_PERCENT if rng.random() < 0.85 else DIRECTOR | TEN_PERCENT), 0
    r = rng.random()
    if r < 0.40:
        return DIRECTOR, 0
    if r < 0.88:
        return OFFICER, rng.randrange(1, 12)
    if r < 0.95:
        return DIRECTOR | OFFICER, rng.randrange(1, 12)
    return (TEN_PERCENT if r < 0.98 else OTHER), 0


def _joint_groups(rng: random.Random, pop: Population) -> None:
    """Give some funds a fixed family of co-filers (general partners, managers): 1 to 9 more."""
    n_owners = pop.owners
    for owner in range(n_owners):
        if pop.owner_is_fund[owner] and rng.random() < 0.35:
            extra = min(9, 1 + int(rng.paretovariate(1.6)) - 1 + rng.randrange(2))
            group = {rng.randrange(n_owners) for _ in range(extra)} - {owner}
            if group:
                pop.co_filers[owner] = tuple(sorted(group))
