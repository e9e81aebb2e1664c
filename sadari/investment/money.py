"""Amounts in other currencies → KRW at the year's average rate.

The rates are approximate annual averages (Bank of Korea's published base rates, rounded);
good enough for statistics over decades of rounds, not for accounting. A year outside the
table takes the nearest year's rate. Pages show such amounts as converted (≈).
"""

from datetime import date

# KRW per unit, annual averages.
_USD = {
    1995: 771, 1996: 805, 1997: 951, 1998: 1399, 1999: 1189, 2000: 1131, 2001: 1291,
    2002: 1251, 2003: 1192, 2004: 1144, 2005: 1024, 2006: 955, 2007: 929, 2008: 1103,
    2009: 1276, 2010: 1156, 2011: 1108, 2012: 1127, 2013: 1095, 2014: 1053, 2015: 1132,
    2016: 1161, 2017: 1131, 2018: 1100, 2019: 1166, 2020: 1180, 2021: 1144, 2022: 1292,
    2023: 1306, 2024: 1364, 2025: 1420, 2026: 1430,
}  # fmt: skip
# Rough cross rates against the dollar (units per USD), enough for the few non-USD rounds.
_PER_USD = {"USD": 1.0, "EUR": 0.9, "JPY": 130.0, "CNY": 7.0}


def usd_krw_rate(year: int) -> int:
    if year in _USD:
        return _USD[year]
    nearest = min(_USD, key=lambda y: abs(y - year))
    return _USD[nearest]


def to_krw(amount: int | float | None, currency: str, on: date) -> int | None:
    """``to_krw(1_000_000, "USD", date(2012, 5, 1)) == 1_127_000_000``; None stays None."""
    if amount is None:
        return None
    if currency == "KRW":
        return int(amount)
    per_usd = _PER_USD.get(currency)
    if per_usd is None:
        return None
    return round(amount / per_usd * usd_krw_rate(on.year))
