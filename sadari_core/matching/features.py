"""Structured features of a pair: field-code overlap, TRL fit and budget fit (each 0..1)."""

from collections.abc import Iterable

# A need that wants TRL 7 is still partly served by TRL 5 (a PoC can close the gap); three
# levels short is no fit.
TRL_TOLERANCE = 3


def normalize_fields(codes: Iterable[str]) -> tuple[str, ...]:
    """Upper-case, stripped, de-duplicated codes in their first order (``(" ai", "AI")`` → ``("AI",)``)."""
    seen: dict[str, None] = {}
    for code in codes:
        text = str(code).strip().upper()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def field_overlap(query: Iterable[str], item: Iterable[str]) -> tuple[tuple[str, ...], float]:
    """Shared field codes and their Jaccard overlap; hierarchical codes match their prefixes.

    Args:
        query: the query's field codes, e.g. ``("ENERGY", "C28")``.
        item: the item's field codes, e.g. ``("energy", "C281")``.

    Returns:
        ``(shared, overlap)``: ``(("ENERGY", "C28"), 1.0)`` for the example (``C28`` is the
        parent of ``C281``); ``((), 0.0)`` when either side has no codes.
    """
    q, i = normalize_fields(query), normalize_fields(item)
    if not q or not i:
        return (), 0.0
    shared: list[str] = []
    matched_items: set[str] = set()
    for code in q:
        partners = [c for c in i if c == code or _is_parent(code, c) or _is_parent(c, code)]
        if partners:
            shared.append(min([code, *partners], key=len))
            matched_items.update(partners)
    if not shared:
        return (), 0.0
    # Each shared code may stand for several item codes; count the union from both sides.
    union = len(q) + len(set(i) - matched_items)
    return tuple(shared), len(shared) / union


def _is_parent(parent: str, child: str) -> bool:
    """``C28`` is the parent of ``C281`` (a hierarchical code extended by digits/letters)."""
    return len(parent) >= 2 and len(child) > len(parent) and child.startswith(parent)


def trl_fit(wanted: int | None, has: int | None) -> float | None:
    """How well a technology's TRL meets the wanted minimum (1 = meets or exceeds).

    Args:
        wanted: the need's minimum TRL (1..9) or None.
        has: the technology's TRL or None.

    Returns:
        None when either is unknown; else 1.0 at or above ``wanted``, falling linearly to 0 at
        ``TRL_TOLERANCE`` levels short, e.g. ``trl_fit(7, 5) == 1/3``.
    """
    if wanted is None or has is None:
        return None
    if has >= wanted:
        return 1.0
    return max(0.0, 1.0 - (wanted - has) / TRL_TOLERANCE)


def budget_fit(
    need_min: int | None, need_max: int | None, offer_min: int | None, offer_max: int | None
) -> float | None:
    """How well an offer's price range meets a need's budget range (KRW).

    Args:
        need_min: the need's lower budget (or None).
        need_max: the need's upper budget (or None).
        offer_min: the offer's lowest asking price or fee (or None).
        offer_max: the offer's highest (or None).

    Returns:
        None when a side has no figure; 1.0 when the offer's lowest price is within the budget
        (a cheaper offer fits too); else budget / price, e.g. budget 5천만–1억 against an asking
        price of 1억 5천만 gives ``1e8 / 1.5e8 ≈ 0.67``.
    """
    _, n_hi = _range(need_min, need_max)
    o_lo, _ = _range(offer_min, offer_max)
    if n_hi is None or o_lo is None:
        return None
    if o_lo <= n_hi:
        return 1.0
    return n_hi / o_lo


def _range(lo: int | None, hi: int | None) -> tuple[int | None, int | None]:
    if lo is None and hi is None:
        return None, None
    low = lo if lo is not None else 0
    high = hi if hi is not None else (lo if lo is not None else 0)
    if high < low:
        low, high = high, low
    return max(0, low), max(0, high)
