"""Job titles → O*NET-SOC occupations for postings and trainees, and O*NET related occupations
for the matcher.

The classifier (:class:`sadari_core.skills.TitleClassifier`) is built from the O*NET files
under ``SADARI_DATA_DIR/onet-29.2`` — the same files ``sadari classify-titles`` reads — once
per process (about 5 s), and only when needed. Without those files (a checkout without the
data folder) there is nothing to classify against: occupations are left empty, matching
simply gives no occupation fit (a neutral component), and :func:`status` says why. Setting
``JOBS_CLASSIFY_OCCUPATIONS = False`` turns classification off (e.g. for fast test runs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from sadari.jobs.management.onet_files import DataFileError, _find, load_onet, onet_dir, read_tsv
from sadari_core.skills import TitleClassifier, related_occupations_from_rows

log = logging.getLogger(__name__)

MAX_CODES = 2  # the best code, and the second when it is nearly as good
SECOND_WITHIN = 0.9  # … i.e. its score is at least 90 % of the best one
MIN_SCORE = 0.4  # below this the title says too little (e.g. "[사업확장] 각 부문 신규 채용")


def _data_dir() -> Path:
    return Path(str(settings.SADARI_DATA_DIR))


def enabled() -> bool:
    return bool(getattr(settings, "JOBS_CLASSIFY_OCCUPATIONS", True))


@lru_cache(maxsize=1)
def _classifier() -> TitleClassifier | None:
    try:
        onet = load_onet(_data_dir(), technology=False)
    except DataFileError as exc:
        log.info("job titles are not classified: %s", exc)
        return None
    if not onet.occupations:
        return None
    return TitleClassifier(onet)


def classifier() -> TitleClassifier | None:
    """The title classifier, or None when classification is off or the O*NET files are absent."""
    return _classifier() if enabled() else None


def status() -> str:
    """One line for reports: whether titles get occupations, and if not, why."""
    if not enabled():
        return "occupations: off (JOBS_CLASSIFY_OCCUPATIONS = False)"
    try:
        directory = onet_dir(_data_dir())
    except DataFileError as exc:
        return f"occupations: none ({exc})"
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
    out: list[list[str]] = []
    for title, hint in zip(titles, hints, strict=True):
        first = ranked.get((title or "").strip(), [])
        second = ranked.get((hint or "").strip(), [])
        codes = codes_for(first)
        if second and (not codes or (first and first[0].score < 0.7 <= second[0].score)):
            codes = codes_for(second) or codes
        out.append(codes)
    return out


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
