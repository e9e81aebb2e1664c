"""Korean job titles and skill words in English: greedy longest-match over a curated table.

Korean titles are compounds written with or without spaces (``데이터분석가``, ``데이터 분석가``)
and carry particles and posting noise (``[신입]``, ``채용``, ``모집``). Each Hangul stretch is
segmented left to right by the longest entry of :data:`sadari_core.skills.synonyms.KO_EN`
(and the Korean names of the shipped skills, 파이썬 → python);
what no entry covers (particles, 모집, 채용) is dropped, Latin words are kept in place.
"""

from __future__ import annotations

import re

from sadari_core.skills.catalog import ROLE, SKILLS
from sadari_core.skills.synonyms import KO_EN
from sadari_core.text.normalize import normalize_text

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)|<[^>]*>|【[^】]*】")
_SEGMENTS = re.compile(r"([\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*)|([a-z0-9+#.]+)")
# Skill names (파이썬 → python) first, so that the title words of KO_EN win where both exist.
_KEYS = {
    alias.replace(" ", "").lower(): name.lower()
    for name, (category, _, korean) in SKILLS.items()
    if category != ROLE
    for alias in korean
}
_KEYS.update({k.replace(" ", ""): v for k, v in KO_EN.items()})
_MAX_KEY = max(len(k) for k in _KEYS)
# Latin abbreviations read the Korean way inside a Korean title (MD is a merchandiser in a
# Korean posting, not a physician; PD a producer; SE a systems engineer).
LATIN_IN_KOREAN: dict[str, str] = {
    "md": "merchandise buyer", "pd": "producer", "se": "systems engineer", "cs": "customer service",
    "pm": "project manager", "po": "product owner", "hr": "human resources", "it": "it",
    "sw": "software", "hw": "hardware", "qa": "quality assurance", "qc": "quality control",
    "crm": "customer relationship", "scm": "supply chain", "rnd": "research and development",
    "mcu": "embedded", "fae": "field application engineer", "bd": "business development",
    "as": "repair", "cad": "drafter", "ui": "user interface", "ux": "user experience",
}  # fmt: skip


def has_hangul(text: str) -> bool:
    """True when the text contains a Hangul syllable."""
    return bool(_HANGUL.search(text))


def segment_hangul(run: str) -> list[tuple[int, int, str]]:
    """Greedy longest-match segmentation of a Hangul stretch (spaces ignored).

    Args:
        run: Hangul words, e.g. ``"회계 담당자를"``.

    Returns:
        ``(start, end, english)`` for every covered piece, offsets into the run without its
        spaces, e.g. ``[(0, 2, "accounting"), (2, 5, "specialist")]``; uncovered syllables
        (the particle ``를``) are skipped.
    """
    text = run.replace(" ", "")
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        for j in range(min(len(text), i + _MAX_KEY), i, -1):
            english = _KEYS.get(text[i:j])
            if english is not None:
                out.append((i, j, english))
                i = j
                break
        else:
            i += 1
    return out


def translate_title(title: str) -> str:
    """A Korean (or mixed) job title in English words, for matching English occupation titles.

    Bracketed notes (``[신입]``, ``(경력 3년)``) are dropped unless they are all there is.

    Args:
        title: e.g. ``"[신입] 백엔드 개발자 채용"``.

    Returns:
        e.g. ``"back end developer"``.
    """
    text = normalize_text(title)
    stripped = _BRACKETS.sub(" ", text).strip()
    if has_hangul(stripped) or re.search(r"[a-z]", stripped):
        text = stripped
    words: list[str] = []
    for match in _SEGMENTS.finditer(text):
        if match.group(1):
            words.extend(english for _, _, english in segment_hangul(match.group(1)) if english)
        else:
            latin = match.group(2).strip(".")
            words.append(LATIN_IN_KOREAN.get(latin, latin))
    return " ".join(w for w in words if w)
