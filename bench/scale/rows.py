"""Table rows and footnotes of synthetic filings, as the records ingest/ produces when it parses.

Row footnotes are listed in the order the parser reports them (the XML element order, which
is also the data sets' column order), so a generated record equals its parsed rendering.
"""

from __future__ import annotations

from datetime import date

from ingest.records import FieldFootnote, Footnote, Holding, Transaction

__all__ = ["Notes", "derivative", "holding", "nonderivative"]

_FIELD_ORDER = (
    "security_title",
    "conversion_or_exercise_price",
    "transaction_date",
    "transaction_code",
    "shares",
    "price_per_share",
    "exercise_date",
    "expiration_date",
    "shares_after",
    "shares_owned",
    "nature_of_ownership",
)
_RANK = {name: i for i, name in enumerate(_FIELD_ORDER)}


class Notes:
    """A filing's footnotes: each distinct text stored once, numbered F1, F2, … on first use."""

    __slots__ = ("_ids", "texts")

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self.texts: list[Footnote] = []

    def cite(self, text: str) -> str:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = f"F{len(self._ids) + 1}"
            self.texts.append(Footnote(found, text))
        return found

    def fields(self, cited: dict[str, str]) -> tuple[FieldFootnote, ...]:
        """``{field: footnote text}`` as the row's FieldFootnotes in parser order."""
        if not cited:
            return ()
        ordered = sorted(cited.items(), key=lambda item: _RANK[item[0]])
        return tuple(FieldFootnote(name, self.cite(text)) for name, text in ordered)


def nonderivative(
    seq: int,
    title: str,
    day: date,
    code: str,
    shares: float,
    price: float | None,
    acquired: bool,
    after: float,
    nature: str | None,
    form_type: str,
    footnotes: tuple[FieldFootnote, ...] = (),
) -> Transaction:
    """One nonDerivativeTransaction row; ``nature`` set means indirectly held."""
    return Transaction(
        seq=seq,
        derivative=False,
        security_title=title,
        transaction_date=day,
        transaction_code=code,
        transaction_form_type=form_type,
        equity_swap_involved=False,
        shares=shares,
        price_per_share=price,
        acquired_disposed="A" if acquired else "D",
        shares_after=after,
        direct_indirect="I" if nature else "D",
        nature_of_ownership=nature,
        footnotes=footnotes,
    )


def derivative(
    seq: int,
    title: str,
    day: date,
    code: str,
    shares: float,
    acquired: bool,
    after: float,
    underlying: str,
    conversion: float | None,
    exercise: date | None,
    expiration: date | None,
    form_type: str,
    footnotes: tuple[FieldFootnote, ...] = (),
) -> Transaction:
    """One derivativeTransaction row, always held directly; its price is 0 as most grants'."""
    return Transaction(
        seq=seq,
        derivative=True,
        security_title=title,
        transaction_date=day,
        transaction_code=code,
        transaction_form_type=form_type,
        equity_swap_involved=False,
        shares=shares,
        price_per_share=0.0,
        acquired_disposed="A" if acquired else "D",
        shares_after=after,
        direct_indirect="D",
        conversion_or_exercise_price=conversion,
        exercise_date=exercise,
        expiration_date=expiration,
        underlying_title=underlying,
        underlying_shares=shares,
        footnotes=footnotes,
    )


def holding(
    seq: int,
    title: str,
    shares: float,
    nature: str | None,
    *,
    underlying: str | None = None,
    conversion: float | None = None,
    expiration: date | None = None,
    footnotes: tuple[FieldFootnote, ...] = (),
) -> Holding:
    """A nonDerivativeHolding, or a derivativeHolding when ``underlying`` is given.

    A derivative holding (as on Form 3) states its size as underlying shares only.
    """
    return Holding(
        seq=seq,
        derivative=underlying is not None,
        security_title=title,
        shares_owned=shares if underlying is None else None,
        direct_indirect="I" if nature else "D",
        nature_of_ownership=nature,
        conversion_or_exercise_price=conversion,
        expiration_date=expiration,
        underlying_title=underlying,
        underlying_shares=shares if underlying is not None else None,
        footnotes=footnotes,
    )
