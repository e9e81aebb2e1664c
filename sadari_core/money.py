"""KRW amounts written as Korean readers expect: 1억 2,500만원."""

_JO = 10**12
_EOK = 10**8
_MAN = 10**4


def format_krw(amount: int | None, *, unit: str = "원") -> str:
    """Formats won in 조/억/만 units; the remainder below 만 is dropped when a larger unit is shown.

    Args:
        amount: won (may be negative or None).
        unit: the suffix, "원" by default.

    Returns:
        ``format_krw(125_000_000) == "1억 2,500만원"``, ``format_krw(1_250_000_000) == "12억 5,000만원"``,
        ``format_krw(9_500) == "9,500원"``, ``format_krw(None) == "-"``.
    """
    if amount is None:
        return "-"
    sign = "-" if amount < 0 else ""
    value = abs(int(amount))
    if value < _MAN:
        return f"{sign}{value:,}{unit}"
    parts = []
    jo, rest = divmod(value, _JO)
    eok, rest = divmod(rest, _EOK)
    man = rest // _MAN
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{man:,}만")
    return sign + " ".join(parts) + unit


def format_krw_en(amount: int | None) -> str:
    """English form: ``KRW 1,250,000,000`` (with M/B shorthand left to the reader)."""
    if amount is None:
        return "-"
    return f"KRW {int(amount):,}"
