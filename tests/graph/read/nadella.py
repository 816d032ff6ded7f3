"""Figures of Satya Nadella's Microsoft Form 4 of 2025-09-02 (tests/data/app/
msft_4_2025-09-02_60e7329a.xml), read off the XML, for the read tests."""

MSFT = "0000789019"
NADELLA = "0001513142"
# His six open-market sales on 2025-09-03: (shares, price)
SALES = [
    (25836, 503.0039),
    (26494, 503.9079),
    (48267, 504.9528),
    (39071, 505.8567),
    (9037, 506.6187),
    (500, 507.5580),
]
TAX = (122362.866, 506.69)  # F on 2025-09-02, disposed
