"""String similarities used by the scorers (pure Python, cached where values repeat)."""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from sadari_core.resolution.romanize import BUSINESS_WORDS, has_hangul, latin_forms, phonetic_key

_WORD = re.compile(r"[0-9a-z]+|[\uac00-\ud7a3]+")


@lru_cache(maxsize=500_000)
def jaro_winkler(a: str, b: str) -> float:
    """Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters, above 0.7).

    Args:
        a: first string.
        b: second string.

    Returns:
        ``jaro_winkler("martha", "marhta")`` ≈ 0.961; ``jaro_winkler("홍길동", "홍길동") == 1.0``.
    """
    if a == b:
        return 1.0 if a else 0.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    taken = bytearray(lb)
    a_matches: list[str] = []
    for i, ch in enumerate(a):
        hi = i + window + 1
        j = b.find(ch, i - window if i > window else 0, hi)
        while j != -1 and taken[j]:
            j = b.find(ch, j + 1, hi)
        if j != -1:
            taken[j] = 1
            a_matches.append(ch)
    m = len(a_matches)
    if not m:
        return 0.0
    b_matches = [b[j] for j in range(lb) if taken[j]]
    transpositions = sum(x != y for x, y in zip(a_matches, b_matches, strict=True)) / 2
    jaro = (m / la + m / lb + (m - transpositions) / m) / 3
    if jaro <= 0.7:  # Winkler's boost threshold
        return jaro
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


@lru_cache(maxsize=500_000)
def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap neighbours).

    ``edit_distance("19560909", "19560990") == 1``.
    """
    if a == b:
        return 0
    la, lb = len(a), len(b)
    previous2: list[int] = []
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        current = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        previous2, previous = previous, current
    return previous[lb]


def within_one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or neighbour swap turns ``a`` into ``b``."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) <= 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def words(text: str) -> list[str]:
    """Lower-case Latin/digit words and Hangul runs (input already normalized)."""
    return _WORD.findall(text)


def weighted_cosine(
    a: Iterable[str], b: Iterable[str], idf: Mapping[str, float], default: float = 1.0
) -> float:
    """TF-IDF cosine of two token bags; tokens missing from ``idf`` weigh ``default``."""
    ca, cb = Counter(a), Counter(b)
    if not ca or not cb:
        return 0.0
    dot = sum(n * cb[t] * idf.get(t, default) ** 2 for t, n in ca.items() if t in cb)
    if not dot:
        return 0.0
    na = sum((n * idf.get(t, default)) ** 2 for t, n in ca.items())
    nb = sum((n * idf.get(t, default)) ** 2 for t, n in cb.items())
    return dot / math.sqrt(na * nb)


@lru_cache(maxsize=200_000)
def cross_script_similarity(a: str, b: str) -> float:
    """How alike two names are when one (or both) may be written in Hangul.

    The names are turned into Latin forms (:func:`latin_forms`); the score is the best, over form
    pairs, of the mean of Jaro–Winkler on the spelling (spaces removed) and on the phonetic
    skeleton. Same-script Hangul pairs are compared directly.

    Args:
        a: a name, e.g. ``"(주)카카오"``.
        b: another name, e.g. ``"Kakao Corp."``.

    Returns:
        A similarity in [0, 1]; ``cross_script_similarity("(주)카카오", "Kakao Corp.") == 1.0``.
    """
    if has_hangul(a) and has_hangul(b):
        # Same script: compare jamo (김민준 vs 김민존 differ in one letter, not one syllable).
        ka = unicodedata.normalize("NFD", re.sub(r"\s+", "", a))
        kb = unicodedata.normalize("NFD", re.sub(r"\s+", "", b))
        direct = jaro_winkler(ka, kb)
        if direct >= 0.999:
            return direct
    else:
        direct = 0.0
    best = direct
    # Two different business words (전자 electronics vs 전기 electric) mean two companies,
    # however alike the rest of the names is.
    words_a, words_b = _business_words(a), _business_words(b)
    cap = 0.8 if words_a and words_b and not words_a & words_b else 1.0
    for fa in latin_forms(a):
        for fb in latin_forms(b):
            sa, sb = fa.replace(" ", ""), fb.replace(" ", "")
            if not sa or not sb:
                continue
            if sa == sb:
                return 1.0
            spelled = jaro_winkler(sa, sb)
            ka, kb = phonetic_key(sa), phonetic_key(sb)
            sounded = jaro_winkler(ka, kb) if ka and kb else spelled
            best = max(best, (spelled + sounded) / 2)
    return min(best, cap)


@lru_cache(maxsize=200_000)
def _business_words(name: str) -> frozenset[str]:
    """The glossary's English business words in a name's first Latin form."""
    return frozenset(w for w in latin_forms(name)[0].split() if w in BUSINESS_WORDS)
