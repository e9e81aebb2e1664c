"""Ticket fit: does an investor's declared ticket range suit the round a company raises next?

The round a company is expected to raise is the one its founders name, else the typical
(median) round at its next stage in the history — derived from its last round and stage — and,
when the history has too few amounts at that stage, twice its own last round. A ticket is one
investor's cheque, not the whole round, so a range *fits* when its minimum is no larger than
the round and its maximum covers at least a quarter of it (a participant's share); it *misses*
when the minimum is more than twice the round or the maximum under a tenth of it; in between
it says nothing.

Crunchbase has no declared tickets to learn a weight from, so the weights are set by hand
(log-odds added to the blend of investors that declared a range; nothing changes for the
others): a fit is worth about a recent deal in the segment, a miss rules the investor out of
the first page unless the rest of the evidence is strong.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from sadari_core.recommend.data import FloatArray
from sadari_core.recommend.stages import normalize_stage

FIT_WEIGHT = 0.5
MISS_WEIGHT = -2.0
PARTICIPANT_SHARE = 0.25  # the least share of a round an investor's largest ticket should cover
MIN_AMOUNTS = 3  # fewer amounts at a stage than this: its typical round is not trusted
FITS, MISSES, SILENT = 1, -1, 0


@dataclass(frozen=True, slots=True)
class TicketRanges:
    """Per investor index: the declared range in USD (NaN where none was declared)."""

    low: FloatArray
    high: FloatArray

    @property
    def declared(self) -> np.ndarray:
        return ~(np.isnan(self.low) & np.isnan(self.high))


def typical_rounds(
    rounds: Iterable[tuple[date, str, float | None]], as_of: date
) -> dict[str, float]:
    """The median round size per stage, from (day, stage, amount) before ``as_of``.

    Args:
        rounds: rounds as (day, round type or stage, amount in USD or None).
        as_of: only rounds before this day count.

    Returns:
        ``{"seed": 500000.0, "series-a": 4000000.0, …}`` for stages with at least
        ``MIN_AMOUNTS`` amounts, e.g. from 시드 rounds of 3억, 5억 and 7억 원: ``{"seed": 5억}``.
    """
    amounts: dict[str, list[float]] = {}
    for day, stage, amount in rounds:
        if day < as_of and amount and amount > 0:
            amounts.setdefault(normalize_stage(stage), []).append(float(amount))
    return {s: float(np.median(v)) for s, v in amounts.items() if len(v) >= MIN_AMOUNTS}


def expected_raise(
    next_stage: str,
    typical: Mapping[str, float],
    *,
    last_amount: float | None = None,
    declared: float | None = None,
) -> float | None:
    """The round a company is expected to raise next (USD), or None when nothing tells.

    Args:
        next_stage: the stage it raises next (``"series-a"``).
        typical: :func:`typical_rounds`.
        last_amount: its own last round, if known.
        declared: what its founders say they raise (wins).

    Returns:
        e.g. the typical Series A when it raised a seed round: ``4000000.0``.
    """
    if declared and declared > 0:
        return float(declared)
    if next_stage in typical:
        return typical[next_stage]
    if last_amount and last_amount > 0:
        return 2.0 * float(last_amount)
    return None


def ticket_fit(expected: float | None, low: float | None, high: float | None) -> int:
    """``FITS`` (1), ``MISSES`` (-1) or ``SILENT`` (0) for a round of ``expected`` and a range.

    Args:
        expected: the round's size; None: nothing to compare (SILENT).
        low: the smallest ticket, or None.
        high: the largest ticket, or None.

    Returns:
        e.g. ``ticket_fit(20억, 5억, 30억) == FITS``; ``ticket_fit(3억, 30억, 100억) == MISSES``.
    """
    if expected is None or expected <= 0:
        return SILENT
    lo = None if low is None or math.isnan(low) else low
    hi = None if high is None or math.isnan(high) else high
    if lo is None and hi is None:
        return SILENT
    if (lo is not None and lo > 2.0 * expected) or (hi is not None and hi < 0.1 * expected):
        return MISSES
    if (lo is None or lo <= expected) and (hi is None or hi >= PARTICIPANT_SHARE * expected):
        return FITS
    return SILENT


def ticket_adjustment(expected: float | None, ranges: TicketRanges) -> FloatArray:
    """Log-odds to add per investor: FIT_WEIGHT, MISS_WEIGHT or 0 (no range, nothing known)."""
    if expected is None or expected <= 0:
        return np.zeros(len(ranges.low))
    return _adjust(np.float64(expected), ranges.low, ranges.high)


def ticket_adjustment_for_companies(
    expected: FloatArray, low: float | None, high: float | None
) -> FloatArray:
    """The same for one investor's range and many companies' expected rounds (NaN: unknown)."""
    lo = np.nan if low is None else low
    hi = np.nan if high is None else high
    out = _adjust(expected, np.full(len(expected), lo), np.full(len(expected), hi))
    out[~(expected > 0)] = 0.0
    return out


def _adjust(expected: Any, low: FloatArray, high: FloatArray) -> FloatArray:
    declared = ~(np.isnan(low) & np.isnan(high))
    with np.errstate(invalid="ignore"):
        misses = (low > 2.0 * expected) | (high < 0.1 * expected)
        fits = (
            declared
            & (np.isnan(low) | (low <= expected))
            & (np.isnan(high) | (high >= PARTICIPANT_SHARE * expected))
        )
    out = np.zeros(len(low))
    out[fits] = FIT_WEIGHT
    out[misses] = MISS_WEIGHT
    return out
