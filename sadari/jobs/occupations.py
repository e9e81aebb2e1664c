"""Job titles → O*NET-SOC occupations for postings and trainees, and O*NET related occupations
for the matcher.

The classifier (:class:`sadari_core.skills.TitleClassifier`) is built from the O*NET files
under ``SADARI_DATA_DIR/onet-29.2`` — the same files ``sadari classify-titles`` reads — once
per process (about 5 s), and only when needed. Without those files (a checkout without the
data folder) it is built from the shipped list of 47 common occupations
(:mod:`sadari_core.skills.fallback`), and a code is kept only when the matched title shares a
distinctive word with the title's English reading (so "반도체 공정 엔지니어" does not become a
cloud engineer for lack of better); there are no related occupations then. :func:`status`
says which. Setting ``JOBS_CLASSIFY_OCCUPATIONS = False`` turns classification off.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from sadari.jobs.management.onet_files import DataFileError, _find, load_onet, onet_dir, read_tsv
from sadari_core.skills import TitleClassifier, related_occupations_from_rows, to_english
from sadari_core.skills.fallback import COMMON_OCCUPATIONS, fallback_onet

log = logging.getLogger(__name__)

MAX_CODES = 2  # the best code, and the second when it is nearly as good
SECOND_WITHIN = 0.9  # … i.e. its score is at least 90 % of the best one
MIN_SCORE = 0.4  # below this the title says too little (e.g. "[사업확장] 각 부문 신규 채용")


def _data_dir() -> Path:
    return Path(str(settings.SADARI_DATA_DIR))


def enabled() -> bool:
    return bool(getattr(settings, "JOBS_CLASSIFY_OCCUPATIONS", True))


@lru_cache(maxsize=1)
def _classifier() -> tuple[TitleClassifier, bool]:
    """The classifier, and whether it is the shipped fallback."""
    try:
        onet = load_onet(_data_dir(), technology=False)
    except DataFileError as exc:
        log.info("job titles are classified against the shipped common occupations: %s", exc)
        onet = None
    if onet is None or not onet.occupations:
        return TitleClassifier(fallback_onet()), True
    return TitleClassifier(onet), False


def classifier() -> TitleClassifier | None:
    """The title classifier (O*NET's, else the shipped fallback), or None when classification
    is off."""
    return _classifier()[0] if enabled() else None


def is_fallback() -> bool:
    return enabled() and _classifier()[1]


def status() -> str:
    """One line for reports: whether titles get occupations, and if not, why."""
    if not enabled():
        return "occupations: off (JOBS_CLASSIFY_OCCUPATIONS = False)"
    try:
        directory = onet_dir(_data_dir())
    except DataFileError as exc:
        return (
            f"occupations: the shipped list of {len(COMMON_OCCUPATIONS)} common occupations only"
            f" ({exc})"
        )
    return f"occupations: O*NET-SOC codes from {directory}"


def codes_for(matches: Sequence) -> list[str]:
    """The codes kept from one title's ranked matches (see MAX_CODES, MIN_SCORE)."""
    if not matches or matches[0].score < MIN_SCORE:
        return []
    if len(matches) > 1 and matches[1].score >= matches[0].score - 1e-9:
        return []  # a tie: the title names no occupation in particular
    best = matches[0].score
    return [m.code for m in matches[:MAX_CODES] if m.score >= max(MIN_SCORE, SECOND_WITHIN * best)]


def classify_titles(
    titles: Sequence[str], hints: Sequence[str] | None = None
) -> list[list[str]] | None:
    """O*NET-SOC codes per title (``[]`` for a blank or uninformative title); None when there
    is no classifier (see :func:`status`). ``hints`` (one per title, may be blank: a posting's
    job field or category) are classified too and used when the title says too little
    ("각 부문 신규 채용") or less than the hint."""
    engine = classifier()
    if engine is None:
        return None
    hints = list(hints or [""] * len(titles))
    texts = sorted({t.strip() for t in (*titles, *hints) if t and t.strip()})
    ranked = dict(zip(texts, engine.classify(texts, k=MAX_CODES), strict=True)) if texts else {}
    if is_fallback():
        ranked = {
            text: [m for m in matches if _plausible(text, m)] for text, matches in ranked.items()
        }
    out: list[list[str]] = []
    for title, hint in zip(titles, hints, strict=True):
        first = ranked.get((title or "").strip(), [])
        second = ranked.get((hint or "").strip(), [])
        codes = codes_for(first)
        if second and (not codes or (first and first[0].score < 0.7 <= second[0].score)):
            codes = codes_for(second) or codes
        out.append(codes)
    return out


GENERIC_WORDS = frozenset(
    [
        "engineer",
        "developer",
        "specialist",
        "manager",
        "designer",
        "assistant",
        "analyst",
        "worker",
        "representative",
        "administrator",
        "officer",
        "technician",
        "and",
        "except",
        "of",
        "the",
        "all",
        "other",
    ]
)


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words} - GENERIC_WORDS


def _plausible(title: str, match: Any) -> bool:
    """The matched title or occupation shares a distinctive word with the title's English
    reading (the fallback list is small: its nearest title is often far)."""
    reading = _stems(to_english(title))
    return bool(reading & (_stems(match.evidence or "") | _stems(match.occupation or "")))


def classify_title(title: str) -> list[str] | None:
    result = classify_titles([title])
    return None if result is None else result[0]


@lru_cache(maxsize=1)
def related_occupations() -> dict[str, frozenset[str]]:
    """O*NET related occupations (code → related codes, the primary tiers), {} without the
    file. The matcher gives a related occupation partial credit (0.7)."""
    try:
        directory = onet_dir(_data_dir())
    except DataFileError:
        return {}
    path = _find(directory, "related_occupations")
    if path is None:
        return {}
    return related_occupations_from_rows(read_tsv(path))


def reset() -> None:
    """Forgets the cached classifier and related occupations (tests change the data dir)."""
    _classifier.cache_clear()
    related_occupations.cache_clear()


def codes_or_keep(new: Iterable[str] | None, old: Iterable[str]) -> list[str]:
    """New codes, or the old ones when there is no classifier (nothing is erased for lack of
    the data folder)."""
    return list(old) if new is None else list(new)
