"""Korean place names (regions, addresses) in Hangul or in Latin letters, in one comparable form.

"서울특별시 강남구" is "Gangnam-gu, Seoul" in English: the words come in the opposite order and
the administrative suffixes are translated (특별시 "Special City") or hyphenated (구 "-gu").
:func:`place_form` drops the suffixes, romanizes Hangul words (Revised Romanization, as road
signs and official English addresses are written) and sorts the words, so both read
"gangnam seoul". :func:`looks_like_places` tells whether a column holds such values.
"""

import re
from collections.abc import Sequence

from sadari_core.resolution.romanize import has_hangul, romanize

# Whole words that only say what kind of place follows or precedes.
_HANGUL_ADMIN = re.compile(r"^(특별시|광역시|특별자치시|특별자치도|자치구)$")
# A word's administrative ending: 서울특별시 → 서울, 강남구 → 강남, 경기도 → 경기 — taken off only
# when two syllables stay (대구, 안동, 구리 and 진도 are names, not 대 + 구), except for the
# one-syllable districts of the metropolitan cities (중구, 동구, 서구, 남구, 북구).
_HANGUL_SUFFIX = re.compile(
    r"(?<=..)(특별자치시|특별자치도|특별시|광역시|시|도|군|구|읍|면|동|리)$"
)
_SHORT_DISTRICT = re.compile(r"^([중동서남북])구$")
_LATIN_ADMIN = frozenset(
    {"special", "metropolitan", "city", "province", "self", "governing", "self-governing", "si",
     "gu", "gun", "do", "eup", "myeon", "dong", "ri", "republic", "of", "korea", "south"}
)  # fmt: skip
_LATIN_SUFFIX = re.compile(r"-(si|gu|gun|do|eup|myeon|dong|ri)$")
_SPLIT = re.compile(r"[\s,()]+")
_PLACE_WORD = re.compile(r"[가-힣]+(특별시|광역시|시|도|군|구|읍|면|동|로|길)$")


def place_form(text: str) -> str | None:
    """The words of a place without administrative suffixes, romanized and sorted, or None
    when nothing is left.

    Args:
        text: e.g. ``"서울특별시 강남구"`` or ``"Gangnam-gu, Seoul"``.

    Returns:
        e.g. ``"gangnam seoul"`` for both.
    """
    words: list[str] = []
    for word in _SPLIT.split(text.strip()):
        if not word:
            continue
        if has_hangul(word):
            if _HANGUL_ADMIN.match(word):
                continue
            short = _SHORT_DISTRICT.match(word)
            stem = short.group(1) if short else _HANGUL_SUFFIX.sub("", word)
            words.append(romanize(stem or word))
        else:
            lowered = word.lower().strip(".")
            if lowered in _LATIN_ADMIN:
                continue
            words.append(_LATIN_SUFFIX.sub("", lowered).replace("-", ""))
    words = [w for w in words if w]
    return " ".join(sorted(words)) or None


def looks_like_places(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether a column pair holds Korean places: on the side(s) in Hangul, most values have a
    word with an administrative or road ending (시, 구, 군, 동, 로, 길 …)."""
    hangul_sides = [
        side
        for side in (left, right)
        if sum(has_hangul(v) for v in side[:2000] if v)
        >= 0.5 * max(1, sum(1 for v in side[:2000] if v))
    ]
    if not hangul_sides:
        return False
    for side in hangul_sides:
        filled = [v for v in side[:2000] if v and v.strip()]
        hits = sum(any(_PLACE_WORD.fullmatch(w) for w in _SPLIT.split(v)) for v in filled)
        if hits < 0.6 * max(1, len(filled)):
            return False
    return True
