"""The generic linker behind ``sadari link``: two tables in, scored matching pairs out, unsupervised.

1. Columns: the ``on`` pairs, or same-named columns. Each pair's type is detected from its values:
   ``cross`` (Hangul on either side: compared through romanization), ``code`` (digit strings:
   exact / one edit), ``numeric`` (prices, amounts: relative difference), ``name`` (short text:
   Jaro–Winkler or word TF-IDF cosine) or ``text`` (long text: word TF-IDF cosine). Before
   comparing, each side is written alike: Korean personal names and places in Hangul against
   Latin letters (:mod:`.person`, :mod:`.place`); in code columns, dates in each file's own
   day/month/year order, years against dates, phone numbers by their national digits.
2. Blocking: every record is a bag of IDF-weighted tokens (words, character 3-grams of short
   values, romanized 4-grams and skeleton prefixes/suffixes, whole codes); the most frequent tokens are
   dropped until the work fits a budget linear in the input size (tokens of equal cost are kept
   or dropped together), and every record keeps its ``k`` best candidates by weighted cosine,
   from both sides.
3. Scoring: Fellegi–Sunter with comparison levels per column (exact, similarity bands,
   different, missing). ``m``, ``u`` and the match rate are estimated by EM on the candidate
   pairs, started from (and held near, by pseudo-counts) the level frequencies of the
   mutual-best pairs (m) and of the others (u); exact agreement on a rare value weighs more.
4. Decision: unless a side holds near-identical records (then many-to-one is allowed), a greedy
   best-first assignment gives every record at most one partner; among assigned pairs the prior
   becomes the expected share of matches, and pairs at probability ≥ ``threshold`` (0.5) are kept.

Work per record (preparing values, romanizing, making tokens) is done once per distinct value;
work per pair (token overlaps, comparisons, weights) runs over numpy arrays of all pairs at once,
each distinct pair of values compared once, with the same results as the scalar functions of
:mod:`.similarity` (which :func:`_level` still uses for single pairs).
"""

import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sadari_core.resolution.explain import Explanation, ExplanationItem
from sadari_core.resolution.person import looks_like_person_names, person_forms
from sadari_core.resolution.place import looks_like_places, place_form
from sadari_core.resolution.romanize import has_hangul
from sadari_core.resolution.similarity import (
    CrossNames,
    PackedStrings,
    TokenBags,
    cross_names,
    cross_script_similarity,
    cross_script_similarity_pairs,
    jaro_winkler,
    jaro_winkler_pairs,
    python_sum,
    symbols,
    weighted_cosine,
    weighted_cosine_pairs,
    within_one_edit,
    within_one_edit_pairs,
    words,
)
from sadari_core.text.company import strip_legal_form
from sadari_core.text.normalize import normalize_text

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# A prepared value: text, a number, a token tuple (long text) or None when missing.
Value = str | float | tuple[str, ...] | None

# A currency word or sign may stand before the number (USD 61.78, ₩1,200, $5) or after it.
_NUMBER = re.compile(r"^[^\d\-]{0,6}(-?\d[\d,]*(?:\.\d+)?)\s*[^\d]{0,5}$")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\.?")
# Three groups of digits in any order (05.03.1990, 3/5/1990, 1990-03-05), or eight digits.
_ANY_DATE = re.compile(r"(\d{1,4})\s*([-./년])\s*(\d{1,2})\s*[-./월]\s*(\d{1,4})\s*일?\.?")
_COMPACT_DATE = re.compile(r"\d{8}")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Codes: digits with separators, maybe an international "+" (phone numbers: +82 10-1234-5678).
_CODE = re.compile(r"^\+?\(?[0-9][0-9\-/. ()]*$")
_CODE_PUNCTUATION = re.compile(r"[\s\-/.()+]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_CUTS: dict[str, tuple[float, ...]] = {
    "name": (0.95, 0.88, 0.75),
    "cross": (0.92, 0.85, 0.75, 0.65),
    "text": (0.85, 0.7, 0.5, 0.3),
    "code": (),
    "numeric": (),
}
_LEVELS = {"code": 3, "numeric": 4}


@dataclass(frozen=True)
class FieldSpec:
    """One compared column pair and the comparison type detected for it."""

    left: str
    right: str
    kind: str

    @property
    def label(self) -> str:
        """The column name, or ``left=right`` when the names differ."""
        return self.left if self.left == self.right else f"{self.left}={self.right}"

    @property
    def n_levels(self) -> int:
        """Levels: exact, the similarity bands, different."""
        return _LEVELS.get(self.kind, len(_CUTS[self.kind]) + 2)


@dataclass
class LinkResult:
    """Predicted matches ``(left_id, right_id, probability)`` and how much work was done."""

    pairs: list[tuple[str, str, float]]
    pairs_compared: int
    fields: list[FieldSpec] = field(default_factory=list)
    one_to_one: bool = False
    explanations: dict[tuple[str, str], Explanation] = field(default_factory=dict)


@dataclass
class _Column:
    spec: FieldSpec
    left: list[Value]
    right: list[Value]
    idf: dict[str, float]
    idf_default: float
    left_freq: Counter[Value]
    right_freq: Counter[Value]
    values: list[Value] = field(default_factory=list)  # distinct values; their index is their id
    left_ids: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))  # -1: missing
    right_ids: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    # Made from ``values`` once, when first needed: cross-script features (kind "cross"), the
    # values as packed strings ("code", "name") and as bags of words ("name", "text").
    cross: CrossNames | None = None
    packed: PackedStrings | None = None
    bags: TokenBags | None = None


def _detect_kind(left: Sequence[str], right: Sequence[str]) -> str:
    values = [v for v in (*left, *right) if v]
    if not values:
        return "name"
    sample = values[:: max(1, len(values) // 2000)]
    hangul_left = sum(has_hangul(v) for v in left if v) / max(1, sum(1 for v in left if v))
    hangul_right = sum(has_hangul(v) for v in right if v) / max(1, sum(1 for v in right if v))
    mean_words = sum(len(v.split()) for v in sample) / len(sample)
    numeric = sum(_NUMBER.match(v) is not None for v in sample) / len(sample)
    decimal = sum(("." in v or "$" in v or "," in v) for v in sample) / len(sample)
    if numeric >= 0.8 and decimal >= 0.3:
        return "numeric"
    if sum(bool(_CODE.match(v) or _DATE.fullmatch(v)) for v in sample) / len(sample) >= 0.8:
        return "code"
    if max(hangul_left, hangul_right) >= 0.05 and mean_words <= 6:
        return "cross"
    return "name" if mean_words <= 3.5 else "text"


def _date_votes(values: list[str]) -> tuple[int, int, int, int, int, int] | None:
    """How one file writes its dates: (year first, year last, day first, month first, with
    slashes, values) counts — a value whose first field is over 12 votes "day first", whose
    second is over 12 "month first" — or None when fewer than 80% of the values are dates."""
    firsts, seconds, slashes, year_first, year_last, n = 0, 0, 0, 0, 0, 0
    for value in values:
        if not value:
            continue
        n += 1
        match = _ANY_DATE.fullmatch(value)
        if match is not None:
            a, sep, b, c = match.groups()
            if _YEAR.fullmatch(a):
                year_first += 1
                continue
            if not _YEAR.fullmatch(c):
                continue
            year_last += 1
            firsts += int(a) > 12 >= int(b)
            seconds += int(b) > 12 >= int(a)
            slashes += sep == "/"
        elif _COMPACT_DATE.fullmatch(value):
            if _YEAR.match(value) and 1 <= int(value[4:6]) <= 12:
                year_first += 1
            elif _YEAR.fullmatch(value[4:]):
                year_last += 1
                firsts += int(value[:2]) > 12 >= int(value[2:4])
                seconds += int(value[2:4]) > 12 >= int(value[:2])
    if not n or (year_first + year_last) < 0.8 * n:
        return None
    return year_first, year_last, firsts, seconds, slashes, n


def _date_layouts(left: list[str], right: list[str]) -> list[str | None]:
    """Each side's date layout: "ymd", "dmy", "mdy" or None (not a date column). Day-first and
    month-first are told apart by a majority of the values whose day is over 12; a side with
    no such value takes the other side's layout, and when neither has one, "/" reads as month
    first and "." or "-" as day first — so the same text on both sides is read the same way."""
    votes = [_date_votes(side) for side in (left, right)]
    layouts: list[str | None] = []
    for vote in votes:
        if vote is None:
            layouts.append(None)
            continue
        year_first, year_last, firsts, seconds, _slashes, _n = vote
        if year_first >= year_last:
            layouts.append("ymd")
        elif firsts != seconds:
            layouts.append("dmy" if firsts > seconds else "mdy")
        else:
            layouts.append("?")
    decided = [layout for layout in layouts if layout in {"dmy", "mdy"}]
    for i, layout in enumerate(layouts):
        if layout == "?":
            vote = votes[i]
            assert vote is not None
            fallback = "mdy" if vote[4] > vote[1] / 2 else "dmy"
            layouts[i] = decided[0] if len(set(decided)) == 1 else fallback
    return layouts


def _as_date(value: str, layout: str) -> str | None:
    """``value`` as YYYYMMDD under the file's layout, or None when it is not such a date."""
    match = _ANY_DATE.fullmatch(value)
    if match is not None:
        a, _sep, b, c = match.groups()
    elif _COMPACT_DATE.fullmatch(value):
        a, b, c = (
            (value[:4], value[4:6], value[6:]) if _YEAR.match(value) and layout == "ymd"
            else (value[:2], value[2:4], value[4:])
        )  # fmt: skip
    else:
        return None
    if _YEAR.fullmatch(a):
        year, month, day = a, b, c
    elif _YEAR.fullmatch(c):
        year, (month, day) = c, ((a, b) if layout == "mdy" else (b, a))
    else:
        return None
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}{int(month):02d}{int(day):02d}"


# Country calling codes (ITU); a number's code is read off its front, three digits tried first.
_COUNTRY_CODES = frozenset(
    [
     "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
     "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
     "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98", "212",
     "213", "216", "218", "234", "254", "351", "352", "353", "354", "358", "370", "371", "372",
     "380", "420", "421", "852", "853", "855", "856", "880", "886", "960", "961", "962", "963",
     "964", "965", "966", "971", "972", "973", "974", "975", "976", "977", "992", "993", "994",
     "995", "996", "998",
    ]
)  # fmt: skip
_DIGITS_ONLY = re.compile(r"\D")


def _phone_digits(value: str) -> str:
    """A phone number's national digits, however it is written: +82 10-1234-5678,
    +821012345678, +82 (0)10 1234 5678, 0082 10 …, 010-1234-5678 → 1012345678 (the country
    code after + or 00 and the trunk 0 dropped)."""
    text = value.strip()
    digits = _DIGITS_ONLY.sub("", text.replace("(0)", ""))
    if text.startswith("+") or (text.startswith("00") and not text.startswith("000")):
        digits = digits[2:] if text.startswith("00") else digits
        for size in (3, 2, 1):
            if digits[:size] in _COUNTRY_CODES:
                digits = digits[size:]
                break
    return digits.lstrip("0") or digits


def _looks_like_phones(values: list[str]) -> bool:
    filled = [v for v in values if v]
    phones = sum(
        1
        for v in filled
        if v.lstrip()[:1] in {"+", "0", "("} and 8 <= len(_DIGITS_ONLY.sub("", v)) <= 15
    )
    return bool(filled) and phones >= 0.6 * len(filled)


def _shared(left: list[str], right: list[str]) -> int:
    """How many distinct values the two sides have in common."""
    return len({v for v in left if v} & {v for v in right if v})


def _harmonized_codes(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """The two sides of a code column written alike, each side read by its own convention:
    dates in any order of day, month and year become YYYYMMDD; when one side holds (mostly)
    years, the other side's dates become years; phone numbers however written (+82 10-…,
    +8210…, 010-…) become their national digits on both sides. A rewrite that would leave the
    sides sharing fewer values than as written is not made."""
    texts = [[normalize_text(v) if v else v for v in side] for side in (left, right)]
    sides = [list(left), list(right)]
    layouts = _date_layouts(*texts)
    for i, layout in enumerate(layouts):
        if layout is not None:
            sides[i] = [
                (_as_date(text, layout) or v) if text else v
                for v, text in zip(sides[i], texts[i], strict=True)
            ]
    for i in (0, 1):
        filled = [v for v in sides[i] if v]
        years = sum(1 for v in filled if _YEAR.fullmatch(v))
        if layouts[1 - i] is not None and filled and years >= 0.8 * len(filled):
            sides[1 - i] = [v[:4] if len(v) == 8 and v.isdigit() else v for v in sides[1 - i]]
    if _looks_like_phones(left) or _looks_like_phones(right):
        sides = [[_phone_digits(v) if v else v for v in side] for side in sides]
    if _shared(*sides) < _shared(*texts):
        return left, right
    return sides[0], sides[1]


def _prepare(kind: str, value: str) -> Value:
    """The value in the form its comparison needs (None when missing)."""
    text = normalize_text(value)
    if not text:
        return None
    if kind == "code":
        if date := _DATE.fullmatch(text):  # 1985.3.12 and 1985-03-12 → 19850312
            year, month, day = date.groups()
            return f"{year}{int(month):02d}{int(day):02d}"
        return _CODE_PUNCTUATION.sub("", text) or None
    if kind == "numeric":
        match = _NUMBER.match(text)
        return float(match.group(1).replace(",", "")) if match else None
    if kind == "cross":
        return text
    if kind == "name":
        text = strip_legal_form(text) or text
        return " ".join(words(text)) or None
    tokens = words(text)
    known = set(tokens)
    # Words with their punctuation removed (KDL-40V4100 → kdl40v4100) join the tokens.
    chunks = [c for c in (_NOT_ALNUM.sub("", w) for w in text.split()) if c and c not in known]
    return tuple(tokens + chunks) or None


def _similarity(col: _Column, a: Value, b: Value) -> float:
    kind = col.spec.kind
    if kind == "name":
        sa, sb = str(a), str(b)
        sim = jaro_winkler(sa.replace(" ", ""), sb.replace(" ", ""))
        if sim < _CUTS["name"][0] and (" " in sa or " " in sb):
            sim = max(sim, weighted_cosine(sa.split(), sb.split(), col.idf, col.idf_default))
        return sim
    if kind == "cross":
        return cross_script_similarity(str(a), str(b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return weighted_cosine(a, b, col.idf, col.idf_default)
    return 0.0


def _level(col: _Column, a: Value, b: Value) -> tuple[int, float | None]:
    """Level 0 is exact agreement, the last level is disagreement; -1 is a missing value."""
    if a is None or b is None:
        return -1, None
    kind = col.spec.kind
    if a == b:
        return 0, 1.0
    if kind == "code":
        return (1 if within_one_edit(str(a), str(b)) else 2), None
    if isinstance(a, float) and isinstance(b, float):
        x, y = a, b
        diff = abs(x - y) / max(abs(x), abs(y), 1e-9)
        return (1 if diff <= 0.05 else 2 if diff <= 0.25 else 3), round(1 - diff, 4)
    sim = _similarity(col, a, b)
    if sim >= 0.9999:
        return 0, sim
    for i, cut in enumerate(_CUTS[kind]):
        if sim >= cut:
            return i + 1, sim
    return len(_CUTS[kind]) + 1, sim


def _columns(
    left: list[dict[str, str]], right: list[dict[str, str]], pairs: list[tuple[str, str]]
) -> list[_Column]:
    columns = []
    for lcol, rcol in pairs:
        # NFKC first: decomposed Hangul (files from macOS) and full-width letters are detected
        # and converted like any other.
        raw_left = [unicodedata.normalize("NFKC", (row.get(lcol) or "")).strip() for row in left]
        raw_right = [unicodedata.normalize("NFKC", (row.get(rcol) or "")).strip() for row in right]
        kind = _detect_kind(raw_left, raw_right)
        if kind == "code":
            raw_left, raw_right = _harmonized_codes(raw_left, raw_right)
        elif kind == "cross" and looks_like_person_names(raw_left, raw_right):
            # Korean personal names: "<surname> <given name>" on both sides, whatever the
            # script, order and surname spelling (박서연, Seo-yeon Park, PAK Seoyeon).
            raw_left = [f or v for f, v in zip(person_forms(raw_left), raw_left, strict=True)]
            raw_right = [f or v for f, v in zip(person_forms(raw_right), raw_right, strict=True)]
        elif kind == "cross" and looks_like_places(raw_left, raw_right):
            # Korean places: 서울특별시 강남구 and Gangnam-gu, Seoul both "gangnam seoul".
            raw_left = [(place_form(v) or v) if v else v for v in raw_left]
            raw_right = [(place_form(v) or v) if v else v for v in raw_right]
        prepared: dict[str, Value] = {}
        for v in (*raw_left, *raw_right):
            if v not in prepared:
                prepared[v] = _prepare(kind, v)
        lv = [prepared[v] for v in raw_left]
        rv = [prepared[v] for v in raw_right]
        ids: dict[Value, int] = {}
        for value in prepared.values():
            if value is not None and value not in ids:
                ids[value] = len(ids)
        df: Counter[str] = Counter()
        if kind in {"name", "text"}:
            for item in (*lv, *rv):
                if isinstance(item, str):
                    df.update(set(item.split()))
                elif isinstance(item, tuple):
                    df.update(set(item))
        n = len(lv) + len(rv)
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        columns.append(
            _Column(
                FieldSpec(lcol, rcol, kind),
                lv,
                rv,
                idf,
                max(idf.values(), default=1.0),
                Counter(v for v in lv if v is not None),
                Counter(v for v in rv if v is not None),
                list(ids),
                np.array([-1 if v is None else ids[v] for v in lv], np.int64),
                np.array([-1 if v is None else ids[v] for v in rv], np.int64),
            )
        )
    return columns


# --- blocking ---------------------------------------------------------------------------------

# A family of blocking tokens: (value index, token key) arrays and the family's weight; keys are
# comparable only within their family (words, character grams, skeleton prefixes of one length …).
_Family = tuple[IntArray, IntArray, float]


def _word_family(owners: list[int], tokens: list[str], weight: float) -> _Family:
    vocab: dict[str, int] = {}
    keys = [vocab.setdefault(t, len(vocab)) for t in tokens]
    return np.array(owners, np.int64), np.array(keys, np.int64), weight


def _symbols(strings: list[str]) -> tuple[IntArray, IntArray, IntArray, int]:
    """The strings' characters as dense symbols 1…A in one flat array (with a trailing 0), each
    string's offset into it and length, and the bits a symbol needs."""
    flat, lengths, size = symbols(strings)
    return np.append(flat + 1, 0), np.cumsum(lengths) - lengths, lengths, max(1, size.bit_length())


def _gram_family(owners: list[int], strings: list[str], q: int, weight: float) -> _Family:
    """The ``q``-grams of ``^string$`` (one shorter gram when the padded string is shorter)."""
    padded = [f"^{s}$" for s in strings]
    codes, offsets, lengths, bits = _symbols(padded)
    counts = np.maximum(1, lengths - q + 1)
    if bits * q > 62:  # too many distinct characters to pack a gram into one integer
        grams = [p[i : i + q] for p in padded for i in range(max(1, len(p) - q + 1))]
        return _word_family(np.repeat(owners, counts).tolist(), grams, weight)
    owner = np.repeat(np.arange(len(padded)), counts)
    start = offsets[owner] + np.arange(owner.size) - (np.cumsum(counts) - counts)[owner]
    end = (offsets + lengths)[owner]
    key = np.zeros(owner.size, np.int64)
    for k in range(q):
        at = start + k
        # Symbols are ≥ 1, so a short gram's missing tail (0) keeps it apart from longer ones.
        key = (key << bits) | np.where(at < end, codes[np.minimum(at, codes.size - 1)], 0)
    return np.array(owners, np.int64)[owner], key, weight


def _prefix_families(
    owners: list[int], strings: list[str], shortest: int, longest: int, per_char: float
) -> list[_Family]:
    """Prefixes of ``strings`` of ``shortest``…``longest`` characters, one family per length,
    weighing ``per_char`` per character."""
    codes, offsets, lengths, bits = _symbols(strings)
    owner_array = np.array(owners, np.int64)
    out: list[_Family] = []
    key = np.zeros(len(strings), np.int64)
    for n in range(1, longest + 1):
        packs = bits * n <= 62  # else too many distinct characters: the prefixes themselves
        if packs:
            # Symbols are ≥ 1: prefixes of different lengths fall in disjoint key ranges.
            at = np.minimum(offsets + n - 1, codes.size - 1)
            key = (key << bits) | np.where(lengths >= n, codes[at], 0)
        if n < shortest:
            continue
        has = np.flatnonzero(lengths >= n)
        if packs:
            out.append((owner_array[has], key[has], per_char * n))
        else:
            prefixes = [strings[i][:n] for i in has.tolist()]
            out.append(_word_family(owner_array[has].tolist(), prefixes, per_char * n))
    return out


def _cross_names(col: _Column) -> CrossNames:
    """The cross-script features of a column's distinct values, made once for blocking and
    comparison."""
    if col.cross is None:
        col.cross = cross_names([str(v) for v in col.values])
    return col.cross


def _token_families(col: _Column) -> list[_Family]:
    """Blocking tokens of a column's distinct values, with a relative weight (words count more
    than fragments)."""
    kind, values = col.spec.kind, col.values
    if kind == "numeric" or not values:
        return []
    if kind == "code":
        n = len(values)
        return [(np.arange(n), np.arange(n), 1.0)]
    if kind == "text":
        bags = [dict.fromkeys(value) if isinstance(value, tuple) else {} for value in values]
        owners = [v for v, bag in enumerate(bags) for _t in bag]
        return [_word_family(owners, [t for bag in bags for t in bag], 1.0)]
    if kind == "name":
        texts = [str(v) for v in values]
        owners = [v for v, text in enumerate(texts) for _w in dict.fromkeys(text.split())]
        tokens = [w for text in texts for w in dict.fromkeys(text.split())]
        return [
            _word_family(owners, tokens, 1.0),
            _gram_family(list(range(len(texts))), [t.replace(" ", "") for t in texts], 3, 0.5),
        ]
    # cross: every Latin form of the name gives words, 4-grams, and the 3-grams, prefixes and
    # suffixes of its phonetic skeleton (names spelled differently in two scripts still start,
    # and mostly end, alike).
    features = _cross_names(col)
    form_owner = [v for v, group in enumerate(features.spellings) for _s in group]
    joined = [s for group in features.spellings for s in group]
    sounds = [k for group in features.keys for k in group]
    word_owner = [v for v, group in enumerate(features.words) for _w in group]
    word_tokens = [w for group in features.words for w in group]
    return [
        _word_family(word_owner, word_tokens, 1.0),
        _gram_family(form_owner, joined, 4, 0.5),
        _gram_family(form_owner, sounds, 3, 0.3),
        *_prefix_families(form_owner, sounds, 3, 8, 0.2),
        *_prefix_families(form_owner, [s[::-1] for s in sounds], 3, 6, 0.15),  # suffixes
    ]


def _family_entries(family: _Family, n_values: int) -> tuple[IntArray, IntArray, int]:
    """One entry per (token, value) of a family, sorted by token: (value, token number) and the
    number of distinct tokens (two Latin forms, or one string twice, may give a token twice)."""
    owner, key, _weight = family
    if not key.size:
        return owner, key, 0
    shift = max(1, n_values.bit_length())
    if int(key.max()) < 1 << (62 - shift):
        packed, _inverse = _unique((key << shift) | owner)
        key, owner = packed >> shift, packed & ((1 << shift) - 1)
    else:
        order = np.lexsort((owner, key))
        key, owner = key[order], owner[order]
        fresh = np.r_[True, (key[1:] != key[:-1]) | (owner[1:] != owner[:-1])]
        key, owner = key[fresh], owner[fresh]
    new_token = np.r_[True, key[1:] != key[:-1]]
    return owner, np.cumsum(new_token) - 1, int(new_token.sum())


def _order(keys: IntArray) -> IntArray:
    """A stable sorting permutation of non-negative integers: radix sort on 16-bit digits (numpy
    sorts 16-bit integers stably in linear time; wide integers by comparison)."""
    order = np.arange(keys.size)
    top = int(keys.max()) if keys.size else 0
    shift = 0
    while True:
        digit = ((keys[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
        if not top >> shift:
            return order


def _unique(keys: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct non-negative integers in ``keys`` (sorted) and each key's index among them."""
    order = _order(keys)
    ordered = keys[order]
    fresh = np.r_[True, ordered[1:] != ordered[:-1]] if keys.size else np.zeros(0, np.bool_)
    inverse = np.empty(keys.size, np.int64)
    inverse[order] = np.cumsum(fresh) - 1
    return ordered[fresh], inverse


def _expand(owners: IntArray, start: IntArray, size: IntArray) -> tuple[IntArray, IntArray]:
    """For each ``k``, the ``size[owners[k]]`` entries from ``start[owners[k]]``: (k, entry)."""
    counts = size[owners]
    k = np.repeat(np.arange(owners.size), counts)
    entry = start[owners][k] + np.arange(k.size) - (np.cumsum(counts) - counts)[k]
    return k, entry


@dataclass
class _Side:
    """One table's blocking tokens: (record, token, weight) entries sorted by token, each
    token's entry count and first entry, and each record's norm."""

    record: IntArray
    token: IntArray
    weight: FloatArray
    norm: FloatArray
    count: IntArray
    start: IntArray


def _side(record: IntArray, token: IntArray, weight: FloatArray, n: int, n_tokens: int) -> _Side:
    count = np.bincount(token, minlength=n_tokens)
    norm = np.sqrt(np.bincount(record, weights=weight * weight, minlength=n))
    return _Side(
        record, token, weight, np.where(norm > 0, norm, 1.0), count, np.cumsum(count) - count
    )


@dataclass
class _Index:
    left: _Side
    right: _Side
    n_tokens: int


# Token pairs expanded at once when overlaps are accumulated.
_PAIR_CHUNK = 2_000_000


def _overlaps(
    query: _Side, postings: _Side, n_postings: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """Weighted token overlap (dot product) of every query record with every posting record that
    shares a token with it: ``(query record, posting record, dot)``, sorted by the pair."""
    shared = np.flatnonzero((query.count > 0) & (postings.count > 0))
    per_token = query.count * postings.count
    work = per_token[shared]
    bounds = np.searchsorted(np.cumsum(work), np.arange(_PAIR_CHUNK, int(work.sum()), _PAIR_CHUNK))
    from_zero = np.zeros(per_token.size, np.int64)
    keys: list[IntArray] = []
    dots: list[FloatArray] = []
    for tokens in np.split(shared, bounds):
        t, offset = _expand(tokens, from_zero, per_token)
        t = tokens[t]
        width = postings.count[t]
        iq = query.start[t] + offset // width
        ip = postings.start[t] + offset % width
        key = query.record[iq] * n_postings + postings.record[ip]
        unique, inverse = _unique(key)
        keys.append(unique)
        dots.append(np.bincount(inverse, weights=query.weight[iq] * postings.weight[ip]))
    if len(keys) == 1:
        key, dot = keys[0], dots[0]
    else:
        unique, inverse = _unique(np.concatenate(keys))
        key, dot = unique, np.bincount(inverse, weights=np.concatenate(dots))
    return key // n_postings, key % n_postings, dot


def _best_k(group: IntArray, score: FloatArray, k: int) -> BoolArray:
    """For each run of equal values in ``group`` (sorted), its ``k`` highest-scoring entries;
    among equal scores the earlier entry wins."""
    keep = np.zeros(group.size, np.bool_)
    if not group.size:
        return keep
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    owner = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, group.size]))
    left = score.astype(np.float64, copy=True)
    for _ in range(k):
        best = np.maximum.reduceat(left, starts)
        at = np.flatnonzero((left == best[owner]) & (left > -np.inf))
        if not at.size:
            break
        first = at[np.r_[True, owner[at][1:] != owner[at][:-1]]]
        keep[first] = True
        left[first] = -np.inf
    return keep


def _best_k_by(group: IntArray, score: FloatArray, k: int) -> BoolArray:
    """:func:`_best_k` for a ``group`` in any order (ties: the earlier entry)."""
    order = _order(group)
    keep = np.zeros(group.size, np.bool_)
    keep[order] = _best_k(group[order], score[order], k)
    return keep


def _admitted(cost: IntArray, budget: int) -> BoolArray:
    """Which tokens blocking keeps, given each token's cost (the record pairs it makes): the
    cheapest first while the total fits ``budget``. Tokens of equal cost are kept or dropped
    together, so that the choice does not depend on how tokens are numbered; the group during
    which the budget runs out is kept."""
    order = _order(cost)
    ordered = cost[order]
    over = np.cumsum(ordered) > budget
    keep = np.zeros(cost.size, np.bool_)
    keep[order[ordered <= ordered[int(np.argmax(over))]] if over.any() else order] = True
    return keep


def _candidates(
    columns: list[_Column], n_left: int, n_right: int, k: int
) -> tuple[IntArray, IntArray, FloatArray, _Index]:
    """Top-``k`` candidates per record from both sides by IDF-weighted token overlap:
    ``(left record, right record, cosine)`` sorted by the pair, and the index used."""
    # (record, token, weight) entries of each side, sorted by token: tokens are numbered family
    # after family, column after column, and each family's entries come sorted by token.
    sides: list[list[tuple[IntArray, IntArray, FloatArray]]] = [[], []]
    n_tokens = 0
    for col in columns:
        n_values = len(col.values)
        records_of = []
        for ids in (col.left_ids, col.right_ids):
            present = np.flatnonzero(ids >= 0)
            by_value = present[_order(ids[present])]
            size = np.bincount(ids[present], minlength=n_values)
            records_of.append((by_value, np.cumsum(size) - size, size))
        for family in _token_families(col):
            value, token, count = _family_entries(family, n_values)
            token += n_tokens
            n_tokens += count
            for s, (by_value, start, size) in enumerate(records_of):
                e, at = _expand(value, start, size)
                sides[s].append((by_value[at], token[e], np.full(e.size, family[2])))

    def gather(
        parts: list[tuple[IntArray, IntArray, FloatArray]],
    ) -> tuple[IntArray, IntArray, FloatArray]:
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return (
            np.concatenate([p[0] for p in parts]),
            np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]),
        )

    rec_l, tok_l, w_l = gather(sides[0])
    rec_r, tok_r, w_r = gather(sides[1])
    df_l = np.bincount(tok_l, minlength=n_tokens)
    df_r = np.bincount(tok_r, minlength=n_tokens)
    # Drop the costliest tokens until the comparisons fit a budget linear in the input size.
    shared = np.flatnonzero((df_l > 0) & (df_r > 0))
    allowed = shared[_admitted(df_l[shared] * df_r[shared], 30 * (n_left + n_right))]
    is_allowed = np.zeros(n_tokens, np.bool_)
    is_allowed[allowed] = True
    idf = np.zeros(n_tokens)
    idf[allowed] = np.log((n_left + n_right) / (df_l[allowed] + df_r[allowed]))

    def side(rec: IntArray, tok: IntArray, w: FloatArray, n: int) -> _Side:
        keep = is_allowed[tok]
        return _side(rec[keep], tok[keep], w[keep] * idf[tok[keep]], n, n_tokens)

    index = _Index(side(rec_l, tok_l, w_l, n_left), side(rec_r, tok_r, w_r, n_right), n_tokens)
    i, j, dot = _overlaps(index.left, index.right, n_right)
    cosine = dot / index.left.norm[i] / index.right.norm[j]
    # Pairs come sorted by (left, right): ties go to the lower record number on either side.
    keep = _best_k(i, cosine, k) | _best_k_by(j, cosine, k)
    return i[keep], j[keep], cosine[keep], index


def _mutual_best(i: IntArray, j: IntArray, cosine: FloatArray) -> BoolArray:
    """Pairs each of whose records is the other's best candidate by blocking cosine."""
    return _best_k(i, cosine, 1) & _best_k_by(j, cosine, 1)


# --- comparison -------------------------------------------------------------------------------


def _bands(kind: str, sim: FloatArray) -> IntArray:
    """Levels of similarities: 0 at ≥ 0.9999, then one per cut of ``_CUTS[kind]``, then different."""
    cuts = _CUTS[kind]
    level = np.full(sim.size, len(cuts) + 1, np.int64)
    for i in reversed(range(len(cuts))):
        level[sim >= cuts[i]] = i + 1
    level[sim >= 0.9999] = 0
    return level


def _packed(col: _Column) -> PackedStrings:
    """The column's distinct values as packed strings (names without spaces), made once."""
    if col.packed is None:
        texts = [str(v) for v in col.values]
        col.packed = PackedStrings(
            [t.replace(" ", "") for t in texts] if col.spec.kind == "name" else texts
        )
    return col.packed


def _bags(col: _Column) -> TokenBags:
    """The column's distinct values as bags of words with the column's IDF, made once."""
    if col.bags is None:
        bags = [v if isinstance(v, tuple) else str(v).split() for v in col.values]
        col.bags = TokenBags(bags, col.idf, col.idf_default)
    return col.bags


def _compare_values(col: _Column, a: IntArray, b: IntArray) -> tuple[IntArray, FloatArray]:
    """:func:`_level` of the distinct values ``a[k]`` and ``b[k]`` (never equal, never missing)."""
    kind = col.spec.kind
    values = col.values
    if kind == "code":
        close = within_one_edit_pairs(_packed(col), a, b)
        return np.where(close, 1, 2).astype(np.int64), np.full(a.size, np.nan)
    if kind == "numeric":
        found = [
            _level(col, values[x], values[y]) for x, y in zip(a.tolist(), b.tolist(), strict=True)
        ]
        return (
            np.array([lv for lv, _s in found], np.int64),
            np.array([np.nan if s is None else s for _l, s in found]),
        )
    if kind == "cross":
        sim = cross_script_similarity_pairs(_cross_names(col), a, b)
    elif kind == "name":
        sim = jaro_winkler_pairs(_packed(col), a, b)
        # Multi-word names also get a word TF-IDF cosine (word order, missing middle names).
        spaced = _bags(col).length > 1  # (values are words joined by single spaces)
        need = np.flatnonzero((sim < _CUTS["name"][0]) & (spaced[a] | spaced[b]))
        if need.size:
            sim[need] = np.maximum(sim[need], weighted_cosine_pairs(_bags(col), a[need], b[need]))
    else:
        sim = weighted_cosine_pairs(_bags(col), a, b)
    return _bands(kind, sim), sim


def _compare(col: _Column, a: IntArray, b: IntArray) -> tuple[IntArray, FloatArray]:
    """Levels and similarities of the value pairs ``(a[k], b[k])`` (value ids, -1 missing); each
    distinct pair of values is compared once."""
    level = np.full(a.size, -1, np.int64)
    sim = np.full(a.size, np.nan)
    present = (a >= 0) & (b >= 0)
    same = present & (a == b)
    level[same] = 0
    sim[same] = 1.0
    todo = np.flatnonzero(present & (a != b))
    if todo.size:
        n = len(col.values)
        unique, inverse = _unique(a[todo] * n + b[todo])
        levels, sims = _compare_values(col, unique // n, unique % n)
        level[todo] = levels[inverse]
        sim[todo] = sims[inverse]
    return level, sim


def _best_of_either(
    ci: IntArray, cj: IntArray, p: FloatArray, pairs: IntArray, n_left: int, n_right: int
) -> BoolArray:
    """Which of the candidate ``pairs`` (indexes into ``ci``, ``cj``, ``p``) score the best of
    all the candidates of their left record or of their right record."""
    best_left = np.zeros(n_left)
    best_right = np.zeros(n_right)
    np.maximum.at(best_left, ci, p)
    np.maximum.at(best_right, cj, p)
    return (p[pairs] >= best_left[ci[pairs]]) | (p[pairs] >= best_right[cj[pairs]])


def _has_duplicates(
    columns: list[_Column],
    index: _Index,
    side: str,
    score: Callable[[Sequence[int], Sequence[Value]], tuple[float, list[float]]],
    best_across: FloatArray,
    sample: int = 250,
) -> bool:
    """True when one side holds duplicates: at least 10% of a sample of its records have a
    near-identical record on the same side (exact on most fields, close on the rest) that the
    model matches confidently and at least as well as their best match across."""
    entries = index.left if side == "left" else index.right
    n = entries.norm.size
    if n < 2:
        return False
    rng = random.Random(n)  # noqa: S311 -- a seeded sample, not security
    chosen = sorted(rng.sample(range(n), min(sample, n)))
    # The sampled records' tokens, as queries against their own side.
    is_chosen = np.full(n, -1, np.int64)
    is_chosen[chosen] = np.arange(len(chosen))
    mine = is_chosen[entries.record] >= 0
    queries = _side(
        is_chosen[entries.record[mine]],
        entries.token[mine],
        entries.weight[mine],
        len(chosen),
        index.n_tokens,
    )
    q, other, dot = _overlaps(queries, entries, n)
    best = _best_k(q, dot / entries.norm[other], 3)
    record = np.array(chosen, np.int64)[q[best]]
    other = other[best]
    record, other = record[record != other], other[record != other]
    # The levels of each sampled record against its look-alikes, every column at once.
    ids = [(col.left_ids if side == "left" else col.right_ids) for col in columns]
    levels = np.stack(
        [_compare(col, v[record], v[other])[0] for col, v in zip(columns, ids, strict=True)],
        axis=1,
    ).reshape(record.size, len(columns))
    values = [(col.left if side == "left" else col.right) for col in columns]
    duplicated: set[int] = set()  # each sampled record counts once
    for row, i in zip(levels.tolist(), record.tolist(), strict=True):
        present = [level for level in row if level >= 0]
        near_identical = bool(present) and max(present) <= 1 and sum(present) <= len(present) / 2
        if near_identical and i not in duplicated:
            probability = score(row, [vals[i] for vals in values])[0]
            if probability >= max(0.9, float(best_across[i])):
                duplicated.add(i)
    return len(duplicated) >= 0.1 * len(chosen)


def _value_frequency(col: _Column, value: Value, n_left: int, n_right: int) -> float:
    return math.sqrt(
        max(col.left_freq[value], 1) / n_left * max(col.right_freq[value], 1) / n_right
    )


def _mean_agreeing_frequency(col: _Column, n_left: int, n_right: int) -> float:
    """The mean frequency of the value two random records agree on (0 for long text, numbers)."""
    if col.spec.kind not in {"name", "code", "cross"}:
        return 0.0
    total, weighted = 0.0, 0.0
    for value, count in col.left_freq.items():
        if value in col.right_freq:
            agree = count / n_left * col.right_freq[value] / n_right
            total += agree
            weighted += agree * _value_frequency(col, value, n_left, n_right)
    return weighted / total if total else 0.0


# Pseudo-counts of the starting m/u rows, as a share of the candidate pairs (at least 20): the
# fit stays near what the mutual-best pairs show. Without this hold, EM on correlated columns
# (street, city, zip) can settle on "a match lives at the same address", and a person who moved
# could no longer match on name and birth date (unsupervised, 2,640 synthetic voter records:
# F1 0.925 → 0.965; Febrl4, Abt–Buy, DBLP–ACM and DART within ±0.001).
_PSEUDO_SHARE = 0.05
_PSEUDO_MIN = 20.0


def _em(
    patterns: Counter[tuple[int, ...]],
    start_m: list[list[float]],
    start_u: list[list[float]],
    prior: float,
    iterations: int = 60,
) -> tuple[list[list[float]], list[list[float]], float]:
    """EM for m, u and the match rate on the candidate pairs (Winkler's unsupervised FS).

    Both m and u are estimated on the candidates (blocking keeps look-alike non-matches, and a
    ``u`` from random pairs alone would call them all matches), starting from, and pulled
    towards by Dirichlet pseudo-counts (``_PSEUDO_SHARE`` of the pairs), the levels of the
    mutual-best pairs (m) and the rest (u).
    """
    m = [list(row) for row in start_m]
    u = [list(row) for row in start_u]
    lam = prior
    total = sum(patterns.values())
    pseudo = max(_PSEUDO_MIN, _PSEUDO_SHARE * total)
    for _ in range(iterations):
        counts_m = [[pseudo * x for x in row] for row in start_m]
        counts_u = [[pseudo * x for x in row] for row in start_u]
        matched = 0.0
        for pattern, n in patterns.items():
            pm, pu = lam, 1 - lam
            for c, level in enumerate(pattern):
                if level >= 0:
                    pm *= m[c][level]
                    pu *= u[c][level]
            p = pm / (pm + pu) if pm + pu > 0 else 0.0
            matched += n * p
            for c, level in enumerate(pattern):
                if level >= 0:
                    counts_m[c][level] += n * p
                    counts_u[c][level] += n * (1 - p)
        new_lam = min(max(matched / total, 1e-6), 1 - 1e-6)
        m = [[x / sum(row) for x in row] for row in counts_m]
        u = [[x / sum(row) for x in row] for row in counts_u]
        if abs(new_lam - lam) < 1e-6:
            lam = new_lam
            break
        lam = new_lam
    return m, u, lam


def link_tables(
    left: list[dict[str, str]],
    right: list[dict[str, str]],
    *,
    left_id: str,
    right_id: str,
    on: list[tuple[str, str]] | None = None,
    threshold: float = 0.5,
    one_to_one: bool | None = None,
    candidates_per_record: int = 3,
    explain: bool = False,
) -> LinkResult:
    """Links two tables without labels.

    Args:
        left: rows of the left table (column → text).
        right: rows of the right table.
        left_id: the id column of ``left``.
        right_id: the id column of ``right``.
        on: column pairs to compare; by default every column both tables have (ids excluded).
        threshold: the least match probability reported.
        one_to_one: force (True) or forbid (False) a one-to-one assignment; None decides from
            the confident links.
        candidates_per_record: blocking keeps this many best candidates per record and side.
        explain: also return an Explanation per reported pair.

    Returns:
        A LinkResult, e.g. ``link_tables([{"id": "1", "회사명": "(주)카카오"}],
        [{"id": "a", "회사명": "Kakao Corp."}], left_id="id", right_id="id").pairs``
        → ``[("1", "a", …)]``.

    Raises:
        ValueError: when there is no column to compare.
    """
    if on is None:
        right_columns = set(right[0]) if right else set()
        on = [
            (c, c)
            for c in (left[0] if left else {})
            if c in right_columns and c not in {left_id, right_id}
        ]
    if not on:
        raise ValueError("no columns to compare: pass `on` or give both tables a same-named column")
    if not left or not right:
        return LinkResult(pairs=[], pairs_compared=0)
    columns = _columns(left, right, on)
    ci, cj, cosine, index = _candidates(columns, len(left), len(right), candidates_per_record)
    if not ci.size:
        return LinkResult(
            pairs=[], pairs_compared=0, fields=[col.spec for col in columns], one_to_one=True
        )
    mutual = _mutual_best(ci, cj, cosine)

    # Comparison levels (and similarities, for explanations) of every candidate pair and column.
    compared = [_compare(col, col.left_ids[ci], col.right_ids[cj]) for col in columns]
    levels = np.stack([lv for lv, _s in compared], axis=1)
    patterns: Counter[tuple[int, ...]] = Counter()
    code = np.zeros(ci.size, np.int64)
    if 3 * len(columns) <= 62:  # levels −1…6 as 3-bit digits of one integer per pair
        for c in range(len(columns)):
            code = (code << 3) | (levels[:, c] + 1)
    else:
        code = np.unique(levels, axis=0, return_inverse=True)[1].reshape(-1)
    _codes, inverse = _unique(code)
    counts = np.bincount(inverse)
    first = np.full(counts.size, ci.size, np.int64)
    np.minimum.at(first, inverse, np.arange(ci.size))
    for pattern in np.argsort(first).tolist():  # in order of first appearance
        patterns[tuple(levels[int(first[pattern])].tolist())] = int(counts[pattern])
    start_m: list[list[float]] = []
    start_u: list[list[float]] = []
    for c, col in enumerate(columns):
        for start, among in ((start_m, mutual), (start_u, ~mutual)):
            column_levels = levels[among, c]
            seen = np.bincount(column_levels[column_levels >= 0], minlength=col.spec.n_levels)
            row = [0.5 + float(x) for x in seen.tolist()]
            start.append([x / sum(row) for x in row])
    prior = min(0.9, max(0.01, int(mutual.sum()) / max(1, ci.size)))
    m, u, lam = _em(patterns, start_m, start_u, prior)
    tf_mean = [_mean_agreeing_frequency(col, len(left), len(right)) for col in columns]
    total_left, total_right = len(left), len(right)
    prior_weight = math.log2(lam / (1 - lam))

    level_weights = [
        [math.log2(max(mc, 1e-9) / max(uc, 1e-9)) for mc, uc in zip(m_row, u_row, strict=True)]
        + [0.0]
        for m_row, u_row in zip(m, u, strict=True)
    ]  # index -1 (missing) weighs 0
    tf_cache: dict[tuple[int, Value], float] = {}

    def tf_weight(c: int, value: Value) -> float:
        # Agreeing on a rare value says more than agreeing on a common one.
        key = (c, value)
        if key not in tf_cache:
            freq = _value_frequency(columns[c], value, total_left, total_right)
            tf_cache[key] = max(-3.0, min(3.0, math.log2(tf_mean[c] / freq)))
        return tf_cache[key]

    def score(levels: Sequence[int], values: Sequence[Value]) -> tuple[float, list[float]]:
        weights = [level_weights[c][level] for c, level in enumerate(levels)]
        for c, level in enumerate(levels):
            if level == 0 and tf_mean[c] > 0:
                weights[c] += tf_weight(c, values[c])
        log_odds = prior_weight + sum(weights)
        return 1.0 / (1.0 + 2.0 ** min(-log_odds, 60.0)), weights

    # The same weights for every candidate at once.
    weights = np.empty(levels.shape)
    for c, col in enumerate(columns):
        weights[:, c] = np.array(level_weights[c])[levels[:, c]]
        if tf_mean[c] > 0:
            agree = np.flatnonzero(levels[:, c] == 0)
            ids, inverse = np.unique(col.left_ids[ci[agree]], return_inverse=True)
            bonus = np.array([tf_weight(c, col.values[v]) for v in ids.tolist()])
            weights[agree, c] += bonus[inverse] if ids.size else 0.0
    summed = python_sum([weights[:, c] for c in range(len(columns))])  # as score() adds

    def probability(log_odds: FloatArray) -> FloatArray:
        return 1.0 / (1.0 + np.power(2.0, np.minimum(-log_odds, 60.0)))

    p = probability(prior_weight + summed)

    if one_to_one is None:
        # A side with duplicates inside it may link several of its records to one on the other.
        best_left = np.zeros(len(left))
        best_right = np.zeros(len(right))
        np.maximum.at(best_left, ci, p)
        np.maximum.at(best_right, cj, p)
        many_left = _has_duplicates(columns, index, "left", score, best_left)
        many_right = _has_duplicates(columns, index, "right", score, best_right)
    else:
        many_left = many_right = not one_to_one

    if not (many_left and many_right):
        # Greedy best-first assignment over all candidates; a record keeps one partner (on the
        # side(s) without duplicates). Once a pair is its records' assigned partner, the prior
        # is no longer the match rate among all candidates but the share of assigned pairs that
        # are matches (the expected number of matches over the number of assigned pairs).
        used_left = [False] * len(left)
        used_right = [False] * len(right)
        assigned: list[int] = []
        ci_list, cj_list = ci.tolist(), cj.tolist()
        for s in np.lexsort((cj, ci, -p)).tolist():
            i, j = ci_list[s], cj_list[s]
            # Duplicates on the right let a left record take several partners, and vice versa.
            if (many_right or not used_left[i]) and (many_left or not used_right[j]):
                used_left[i] = used_right[j] = True
                assigned.append(s)
        expected = sum(p.tolist())
        share = min(0.99, max(lam, expected / max(1, len(assigned))))
        shift = math.log2(share / (1 - share)) - prior_weight
        chosen = np.array(assigned, np.int64)
        # As with many-to-many: an assigned pair must be the best of one of its records, not
        # what was left to both after their best partners went elsewhere.
        chosen = chosen[_best_of_either(ci, cj, p, chosen, len(left), len(right))]
        shifted = probability(prior_weight + shift + summed[chosen])
        kept, kept_p = chosen[shifted >= threshold], shifted[shifted >= threshold]
        prior_weight += shift
    else:
        # Many-to-many is allowed, but every pair must be the best of at least one of its records.
        above = np.flatnonzero(p >= threshold)
        is_best = _best_of_either(ci, cj, p, above, len(left), len(right))
        kept, kept_p = above[is_best], p[above][is_best]
    order = np.lexsort((cj[kept], -kept_p, ci[kept]))
    kept, kept_p = kept[order], kept_p[order]

    result = LinkResult(
        pairs=[
            (left[i][left_id], right[j][right_id], prob)
            for i, j, prob in zip(
                ci[kept].tolist(), cj[kept].tolist(), kept_p.tolist(), strict=True
            )
        ],
        pairs_compared=int(ci.size),
        fields=[col.spec for col in columns],
        one_to_one=not (many_left or many_right),
    )
    if explain:
        for s in kept.tolist():
            i, j = int(ci[s]), int(cj[s])
            items = []
            for c, col in enumerate(columns):
                level = int(levels[s, c])
                name = (
                    "missing"
                    if level < 0
                    else "exact"
                    if level == 0
                    else "different"
                    if level == col.spec.n_levels - 1
                    else "similar"
                    if level == 1
                    else "somewhat"
                )
                similarity = float(compared[c][1][s])
                items.append(
                    ExplanationItem(
                        col.spec.label,
                        left[i].get(col.spec.left, ""),
                        right[j].get(col.spec.right, ""),
                        name,
                        float(weights[s, c]),
                        None if math.isnan(similarity) else similarity,
                    )
                )
            result.explanations[(left[i][left_id], right[j][right_id])] = Explanation(
                items=items, prior_weight=prior_weight
            )
    return result
