"""Round types → a few stages, the stage a company raises next, and age/ordinal buckets.

Crunchbase's ``angel``/``series-a``/``venture`` and the platform's ``seed``/``pre_a``/``tips``
all fold into :data:`STAGES`, so histories from both kinds of source feed one model.
"""

import re
from datetime import date

SEED = "seed"
SERIES_A = "series-a"
SERIES_B = "series-b"
GROWTH = "growth"
OTHER = "other"
UNKNOWN = "unknown"
STAGES: tuple[str, ...] = (SEED, SERIES_A, SERIES_B, GROWTH, OTHER, UNKNOWN)

_NEXT = {SEED: SERIES_A, SERIES_A: SERIES_B, SERIES_B: GROWTH, GROWTH: GROWTH, OTHER: OTHER}
_BY_COUNT = (SEED, SERIES_A, SERIES_B, GROWTH)

_ALIASES = {
    SEED: {
        "angel",
        "seed",
        "preseed",
        "crowdfunding",
        "accelerator",
        "tips",
        "엔젤",
        "시드",
        "프리시드",
    },
    SERIES_A: {"a", "seriesa", "prea", "pre-a", "프리a", "시리즈a", "프리시리즈a"},
    SERIES_B: {"b", "seriesb", "시리즈b"},
    GROWTH: {
        "c",
        "c+",
        "seriesc",
        "seriesc+",
        "seriesd",
        "seriese",
        "seriesf",
        "privateequity",
        "pe",
        "postipo",
        "pre-ipo",
        "preipo",
        "시리즈c",
        "시리즈d",
        "프리ipo",
    },
}
_LOOKUP = {alias: stage for stage, aliases in _ALIASES.items() for alias in aliases}
_SQUASH = re.compile(r"[\s_\-.]+")

STAGE_LABELS: dict[str, tuple[str, str]] = {
    SEED: ("시드", "seed"),
    SERIES_A: ("시리즈 A", "Series A"),
    SERIES_B: ("시리즈 B", "Series B"),
    GROWTH: ("시리즈 C 이상", "Series C+"),
    OTHER: ("기타 라운드", "other rounds"),
    UNKNOWN: ("라운드", "rounds"),
}

AGE_BUCKETS: tuple[str, ...] = ("<1y", "1-2y", "2-3y", "3-5y", "5-8y", "8y+", UNKNOWN)
_AGE_EDGES = (1.0, 2.0, 3.0, 5.0, 8.0)
ORDINAL_BUCKETS: tuple[str, ...] = ("1st", "2nd", "3rd", "4th+")


def normalize_stage(round_type: str) -> str:
    """The stage of a round type, one of :data:`STAGES`.

    Args:
        round_type: free text such as ``"series-a"``, ``"Series A"``, ``"pre_a"``, ``"엔젤"``.

    Returns:
        e.g. ``normalize_stage("시리즈 A") == "series-a"``, ``normalize_stage("") == "unknown"``;
        a type that names no stage (venture, bridge, grant, debt) is ``"other"``.
    """
    text = round_type.strip().casefold()
    if not text:
        return UNKNOWN
    if text in STAGES:
        return text
    squashed = _SQUASH.sub("", text)
    for key in (text, squashed, squashed.removeprefix("series")):
        if key in _LOOKUP:
            return _LOOKUP[key]
    return OTHER


def next_stage(known_stages: list[str]) -> str:
    """The stage a company most likely raises next, from its past rounds' stages (oldest first).

    Args:
        known_stages: stages of its rounds, e.g. ``["seed", "series-a"]``; ``[]`` for a company
            without a round (then ``"seed"``: its first round).

    Returns:
        The stage after the last named one (``["seed"]`` → ``"series-a"``); when no round has a
        named stage, the count of rounds decides (one round → ``"series-a"``).
    """
    named = [s for s in known_stages if s not in (UNKNOWN, OTHER)]
    if named:
        return _NEXT[named[-1]]
    return _BY_COUNT[min(len(known_stages), len(_BY_COUNT) - 1)]


def age_bucket(founded: date | None, on: date) -> int:
    """Index into :data:`AGE_BUCKETS` of a company's age on ``on`` (the last one when unknown)."""
    if founded is None:
        return len(AGE_BUCKETS) - 1
    years = (on - founded).days / 365.25
    for i, edge in enumerate(_AGE_EDGES):
        if years < edge:
            return i
    return len(_AGE_EDGES)


def ordinal_bucket(ordinal: int) -> int:
    """Index into :data:`ORDINAL_BUCKETS` of a round's ordinal (1 = the company's first)."""
    return max(0, min(ordinal, len(ORDINAL_BUCKETS)) - 1)
