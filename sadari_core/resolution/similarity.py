"""String similarities used by the scorers (pure Python, cached where values repeat)."""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from sadari_core.resolution.romanize import (
    BUSINESS_WORDS,
    has_hangul,
    latin_forms,
    phonetic_key,
    phonetic_keys,
)

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


# --- many pairs at once -----------------------------------------------------------------------
# The linker compares tens of thousands of candidate pairs; these functions compute the same
# values as the functions above (bit for bit) over arrays of pairs with numpy. Strings are given
# once (a list of distinct strings) and pairs as two index arrays into it.

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

# Characters compared at once (pairs × padded length × padded length).
_CHUNK_CELLS = 4_000_000


def symbols(strings: Sequence[str]) -> tuple[IntArray, IntArray, int]:
    """The strings' characters in one flat array as dense symbols 0…A−1 (equal characters, equal
    symbols, in code point order), each string's length, and A."""
    lengths = np.fromiter(map(len, strings), np.int64, len(strings))
    flat = np.frombuffer("".join(strings).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not flat.size:
        return np.zeros(0, np.int64), lengths, 0
    present = np.zeros(int(flat.max()) + 1, np.bool_)
    present[flat] = True
    rank = np.cumsum(present) - 1
    return rank[flat], lengths, int(present.sum())


class PackedStrings:
    """Strings as rows of small integer symbols (equal characters, equal symbols), padded with -1,
    sliced into matrices on demand."""

    def __init__(self, strings: Sequence[str]) -> None:
        flat, self.lengths, size = symbols(strings)
        width = max(int(self.lengths.max(initial=0)), 1)
        dtype = np.int16 if size < 32_000 else np.int32
        codes = flat.astype(dtype)
        self.offsets: IntArray = np.cumsum(self.lengths) - self.lengths
        self.rows: npt.NDArray[np.signedinteger[Any]] | None = None
        if len(strings) * width <= 16_000_000:
            # Dense rows unless some string is very long: slicing is then a row gather.
            self.rows = np.full((len(strings), width), -1, dtype)
            owner = np.repeat(np.arange(len(strings)), self.lengths)
            self.rows[owner, np.arange(codes.size) - self.offsets[owner]] = codes
        self.codes = codes if codes.size else np.zeros(1, dtype)

    def matrix(self, ids: IntArray, width: int, pad: int) -> npt.NDArray[np.signedinteger[Any]]:
        """The strings ``ids`` as rows of ``width`` symbols, ``pad`` past their end."""
        if self.rows is not None and width <= self.rows.shape[1]:
            out = self.rows[ids, :width]
            return out if pad == -1 else np.where(out == -1, out.dtype.type(pad), out)
        cols = np.arange(width)
        idx = np.minimum(self.offsets[ids][:, None] + cols, self.codes.size - 1)
        inside = cols < self.lengths[ids][:, None]
        return np.where(inside, self.codes[idx], self.codes.dtype.type(pad))


def _chunks(order: IntArray, width: IntArray) -> list[IntArray]:
    """Splits ``order`` (sorted by ``width``) into chunks of at most ``_CHUNK_CELLS`` cells
    (pairs × widest² of the chunk), one pair at least."""
    square = width[order] ** 2
    out: list[IntArray] = []
    start, n = 0, order.size
    while start < n:
        # Cells of a chunk grow with its size (widths are sorted): the largest size that fits.
        reach = min(n, start + max(1, _CHUNK_CELLS // max(1, int(square[start]))))
        cells = np.arange(1, reach - start + 1) * square[start:reach]
        size = max(1, int(np.searchsorted(cells, _CHUNK_CELLS, side="right")))
        out.append(order[start : start + size])
        start += size
    return out


def jaro_winkler_pairs(
    strings: Sequence[str] | PackedStrings, left: IntArray, right: IntArray
) -> FloatArray:
    """:func:`jaro_winkler` of ``strings[left[k]]`` and ``strings[right[k]]`` for every ``k``.

    Args:
        strings: the distinct strings (or them packed once, for many calls).
        left: indexes into ``strings``.
        right: indexes into ``strings``, as many as ``left``.

    Returns:
        The similarities, equal to the scalar function's.
    """
    packed = strings if isinstance(strings, PackedStrings) else PackedStrings(strings)
    return _jaro_winkler_packed(packed, left, right)


def _jaro_winkler_packed(packed: PackedStrings, left: IntArray, right: IntArray) -> FloatArray:
    out = np.zeros(left.size)
    la, lb = packed.lengths[left], packed.lengths[right]
    out[(left == right) & (la > 0)] = 1.0
    todo = np.flatnonzero((left != right) & (la > 0) & (lb > 0))
    if not todo.size:
        return out
    width = np.maximum(la, lb)
    order = todo[np.argsort(width[todo], kind="stable")]
    for chunk in _chunks(order, width):
        out[chunk] = _jaro_winkler_chunk(packed, left[chunk], right[chunk])
    return out


def _jaro_winkler_chunk(packed: PackedStrings, left: IntArray, right: IntArray) -> FloatArray:
    la, lb = packed.lengths[left], packed.lengths[right]
    wa, wb = max(int(la.max()), 4), max(int(lb.max()), 4)
    a = packed.matrix(left, wa, -1)
    window = np.maximum(np.maximum(la, lb) // 2 - 1, 0)
    if wb <= 64:
        wb = next(w for w in (8, 16, 32, 64) if wb <= w)  # b's positions fill a whole word
        b = packed.matrix(right, wb, -2)
        hit, taken = _matches_bitwise(a, b, la, window)
    else:
        b = packed.matrix(right, wb, -2)
        hit, taken = _matches_rowwise(a, b, la, window)
    matches = hit.sum(axis=1)
    # The k-th matched character of a against the k-th matched one of b: both sides have the same
    # number of matches per pair, so their matches in reading order line up one to one.
    rows, cols_a = np.nonzero(hit)
    _rows, cols_b = np.nonzero(taken)
    differ = a[rows, cols_a] != b[rows, cols_b]
    transpositions = np.bincount(rows, weights=differ, minlength=left.size) / 2
    m = matches.astype(np.float64)
    safe = np.maximum(m, 1.0)
    jaro = (m / la + m / lb + (m - transpositions) / safe) / 3
    prefix = np.cumprod(a[:, :4] == b[:, :4], axis=1).sum(axis=1)
    boosted = jaro + prefix * 0.1 * (1 - jaro)
    result: FloatArray = np.where(matches == 0, 0.0, np.where(jaro <= 0.7, jaro, boosted))
    return result


_ONE = np.uint64(1)


def _low_bits(k: IntArray) -> npt.NDArray[np.uint64]:
    """Masks of the ``k`` lowest bits (all 64 when ``k`` ≥ 64)."""
    shifted = (_ONE << np.minimum(k, 63).astype(np.uint64)) - _ONE
    return np.where(k >= 64, np.uint64(0xFFFFFFFFFFFFFFFF), shifted)


# _BANDS[i, w]: the positions j with i − w ≤ j ≤ i + w, as bits.
_STEP, _WINDOW = np.ogrid[0:128, 0:64]
_BANDS = _low_bits(_STEP + _WINDOW + 1) & ~_low_bits(np.maximum(_STEP - _WINDOW, 0))


def _matches_bitwise(
    a: npt.NDArray[np.signedinteger[Any]],
    b: npt.NDArray[np.signedinteger[Any]],
    la: IntArray,
    window: IntArray,
) -> tuple[BoolArray, BoolArray]:
    """Jaro's greedy matching with ``b`` (8, 16, 32 or 64 wide) as bit sets: which a[i] found a
    partner and which b[j] were taken."""
    n, wb = b.shape
    # equal[i, p]: the positions j with b[p, j] == a[p, i], as the bits of one word. The 0/1
    # bytes of the comparison are gathered into bits eight at a time by one multiplication.
    cube = np.empty((a.shape[1], n, wb), np.bool_)
    np.equal(np.ascontiguousarray(a.T)[:, :, None], b[None, :, :], out=cube)
    cube = cube.view("<u8")
    gathered = (cube * np.uint64(0x0102040810204080)) >> np.uint64(56)
    equal = gathered[:, :, 0]
    for w in range(1, wb // 8):
        equal = equal | (gathered[:, :, w] << np.uint64(8 * w))
    # Each step may take a position j with i − window ≤ j ≤ i + window (as bit masks).
    steps = np.arange(int(la.max()))[:, None]
    if steps.size <= _BANDS.shape[0] and int(window.max()) < _BANDS.shape[1]:
        allowed = equal[: steps.size] & _BANDS[steps, window[None, :]]
    else:
        allowed = (
            equal[: steps.size]
            & _low_bits(steps + window[None, :] + 1)
            & ~_low_bits(np.maximum(steps - window[None, :], 0))
        )
    taken = np.zeros(n, np.uint64)
    hit = np.zeros((a.shape[1], n), np.bool_)
    for i in range(steps.size):
        free = allowed[i] & ~taken
        first = free & (~free + _ONE)  # the lowest free position
        taken |= first
        hit[i] = first != 0
    unpacked = np.unpackbits(taken.view(np.uint8).reshape(n, 8), axis=1, bitorder="little")
    return hit.T, unpacked[:, :wb].astype(np.bool_)


def _matches_rowwise(
    a: npt.NDArray[np.signedinteger[Any]],
    b: npt.NDArray[np.signedinteger[Any]],
    la: IntArray,
    window: IntArray,
) -> tuple[BoolArray, BoolArray]:
    """:func:`_matches_bitwise` for longer strings, one row of ``b`` at a time."""
    n, wb = b.shape
    cols = np.arange(wb)[None, :]
    rows = np.arange(n)
    taken = np.zeros((n, wb), np.bool_)
    hit = np.zeros(a.shape, np.bool_)
    for i in range(int(la.max())):
        # The first b[j] not yet taken, equal to a[i], with |i - j| within the window.
        free = (b == a[:, i : i + 1]) & ~taken & (np.abs(cols - i) <= window[:, None])
        j = free.argmax(axis=1)
        found = free[rows, j]
        taken[rows[found], j[found]] = True
        hit[:, i] = found
    return hit, taken


def within_one_edit_pairs(
    strings: Sequence[str] | PackedStrings, left: IntArray, right: IntArray
) -> BoolArray:
    """:func:`within_one_edit` of ``strings[left[k]]`` and ``strings[right[k]]`` for every ``k``
    (``strings`` may be packed once, for many calls)."""
    packed = strings if isinstance(strings, PackedStrings) else PackedStrings(strings)
    la, lb = packed.lengths[left], packed.lengths[right]
    out = np.zeros(left.size, np.bool_)
    same = np.flatnonzero(la == lb)
    if same.size:
        width = int(la[same].max()) + 1
        a, b = packed.matrix(left[same], width, -1), packed.matrix(right[same], width, -1)
        diff = a != b
        count = diff.sum(axis=1)
        first = diff.argmax(axis=1)
        last = width - 1 - diff[:, ::-1].argmax(axis=1)
        rows = np.arange(same.size)
        swapped = (
            (count == 2)
            & (last == first + 1)
            & (a[rows, first] == b[rows, last])
            & (a[rows, last] == b[rows, first])
        )
        out[same] = (count <= 1) | swapped
    near = np.flatnonzero(np.abs(la - lb) == 1)
    if near.size:
        short_ids = np.where(la[near] < lb[near], left[near], right[near])
        long_ids = np.where(la[near] < lb[near], right[near], left[near])
        width = int(np.maximum(la[near], lb[near]).max()) + 1
        s, g = packed.matrix(short_ids, width, -1), packed.matrix(long_ids, width, -2)
        ls = packed.lengths[short_ids]
        cols = np.arange(width)[None, :]
        # The first position where they differ (at most the short string's length) …
        first = ((s != g) | (cols >= ls[:, None])).argmax(axis=1)
        # … after which the short string is the long one shifted by one.
        shifted = np.concatenate([g[:, 1:], np.full((near.size, 1), -2)], axis=1)
        rest = (s == shifted) | (cols < first[:, None]) | (cols >= ls[:, None])
        out[near] = rest.all(axis=1)
    return out


class TokenBags:
    """Bags of tokens with their IDF weights, prepared once for :func:`weighted_cosine_pairs`."""

    def __init__(
        self, bags: Sequence[Sequence[str]], idf: Mapping[str, float], default: float = 1.0
    ) -> None:
        vocab: dict[str, int] = {}
        counts: list[int] = []
        tokens: list[int] = []
        sizes: list[int] = []
        norms: list[float] = []
        self.length: IntArray = np.fromiter(map(len, bags), np.int64, len(bags))  # with repeats
        for bag in bags:
            bag_counts = Counter(bag)
            sizes.append(len(bag_counts))
            norms.append(sum((n * idf.get(t, default)) ** 2 for t, n in bag_counts.items()))
            for t, n in bag_counts.items():
                tokens.append(vocab.setdefault(t, len(vocab)))
                counts.append(n)
        self.n_tokens = len(vocab)
        self.squared: FloatArray = np.array([idf.get(t, default) ** 2 for t in vocab])
        self.size: IntArray = np.array(sizes, np.int64)
        self.start: IntArray = np.cumsum(self.size) - self.size
        self.token: IntArray = np.array(tokens, np.int64)
        self.count: IntArray = np.array(counts, np.int64)
        self.norm: FloatArray = np.array(norms)


def weighted_cosine_pairs(
    bags: Sequence[Sequence[str]] | TokenBags,
    left: IntArray,
    right: IntArray,
    idf: Mapping[str, float] | None = None,
    default: float = 1.0,
) -> FloatArray:
    """:func:`weighted_cosine` of ``bags[left[k]]`` and ``bags[right[k]]`` for every ``k``.

    Args:
        bags: token bags with ``idf`` (and ``default``), or :class:`TokenBags` made once.
        left: indexes into ``bags``.
        right: indexes into ``bags``, as many as ``left``.
        idf: the tokens' weights, when ``bags`` are plain sequences.
        default: the weight of a token missing from ``idf``.

    Returns:
        The cosines, equal to the scalar function's.
    """
    if not isinstance(bags, TokenBags):
        bags = TokenBags(bags, idf or {}, default)
    out = np.zeros(left.size)
    if not bags.n_tokens or not left.size:
        return out
    tok, cnt, n_tok = bags.token, bags.count, bags.n_tokens
    # Every token of each pair's left bag, in the bag's order (the scalar function's sum order) …
    pair_a, entry_a = _expand(left, bags.start, bags.size)
    # … looked up among the right bag's tokens.
    pair_b, entry_b = _expand(right, bags.start, bags.size)
    key_b = pair_b * n_tok + tok[entry_b]
    sort_b = np.argsort(key_b, kind="stable")
    key_b = key_b[sort_b]
    key_a = pair_a * n_tok + tok[entry_a]
    pos = np.minimum(np.searchsorted(key_b, key_a), max(key_b.size - 1, 0))
    found = (key_b[pos] == key_a) if key_b.size else np.zeros(key_a.size, np.bool_)
    shared = entry_a[found]
    terms = (cnt[shared] * cnt[entry_b[sort_b[pos[found]]]]) * bags.squared[tok[shared]]
    dot = python_sum_by_group(pair_a[found], terms, left.size)
    has = dot != 0
    out[has] = dot[has] / np.sqrt(bags.norm[left[has]] * bags.norm[right[has]])
    return out


def python_sum(columns: Sequence[FloatArray]) -> FloatArray:
    """Element-wise ``sum([columns[0][k], columns[1][k], …])`` exactly as Python adds floats
    (from 3.12, Neumaier's compensated summation), so that array and scalar code agree."""
    total = np.array(columns[0], np.float64, copy=True)
    carry = np.zeros(total.size)
    for x in columns[1:]:
        added = total + x
        carry += np.where(np.abs(total) >= np.abs(x), (total - added) + x, (x - added) + total)
        total = added
    return np.where((carry != 0) & np.isfinite(carry), total + carry, total)


def python_sum_by_group(group: IntArray, values: FloatArray, n: int) -> FloatArray:
    """For each group ``0…n-1``, Python's ``sum`` of its ``values`` in order (0 when it has
    none); ``group`` must be sorted."""
    total = np.zeros(n)
    if not group.size:
        return total
    first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    rank = np.arange(group.size) - np.repeat(first, np.diff(np.r_[first, group.size]))
    carry = np.zeros(n)
    for r in range(int(rank.max()) + 1):
        at = rank == r
        g, x = group[at], values[at]
        if not r:
            total[g] = x
            continue
        before = total[g]
        added = before + x
        carry[g] += np.where(
            np.abs(before) >= np.abs(x), (before - added) + x, (x - added) + before
        )
        total[g] = added
    return np.where((carry != 0) & np.isfinite(carry), total + carry, total)


def _expand(owners: IntArray, start: IntArray, size: IntArray) -> tuple[IntArray, IntArray]:
    """For each ``k``, the entries ``start[owners[k]] …`` (``size`` of them): (k, entry) arrays."""
    counts = size[owners]
    pair = np.repeat(np.arange(owners.size), counts)
    first = np.cumsum(counts) - counts
    entry = start[owners][pair] + np.arange(pair.size) - first[pair]
    return pair, entry


# Business words as bits of one integer, so that two names' words are compared as integers.
_BUSINESS_BITS = {word: 1 << k for k, word in enumerate(sorted(BUSINESS_WORDS))}


@dataclass
class CrossNames:
    """What the cross-script comparison derives from each of many names, once per name: whether
    it has Hangul, its Latin forms without spaces, their phonetic keys, its business words (as
    bits) and the words of its Latin forms."""

    names: Sequence[str]
    hangul: list[bool]
    spellings: list[tuple[str, ...]]
    keys: list[tuple[str, ...]]
    business: list[int]
    words: list[tuple[str, ...]]
    _table: tuple[IntArray, IntArray, PackedStrings] | None = field(default=None, repr=False)

    def table(self) -> tuple[IntArray, IntArray, PackedStrings]:
        """Each name's first two spellings and their keys as numbers of strings in one packed
        table (0 is the empty string, -1 no such spelling); made once."""
        if self._table is None:
            n = len(self.names)
            strings: dict[str, int] = {"": 0}
            form = np.full((n, 2), -1, np.int64)
            key = np.full((n, 2), -1, np.int64)
            for v, (spellings, keys) in enumerate(zip(self.spellings, self.keys, strict=True)):
                for slot, (f, k) in enumerate(zip(spellings[:2], keys[:2], strict=True)):
                    form[v, slot] = strings.setdefault(f, len(strings))
                    key[v, slot] = strings.setdefault(k, len(strings))
            self._table = form, key, PackedStrings(list(strings))
        return self._table


def cross_names(names: Sequence[str]) -> CrossNames:
    """:class:`CrossNames` of ``names`` (phonetic keys computed in one batch)."""
    forms = [latin_forms(n) for n in names]
    spellings = [tuple([f.replace(" ", "") for f in fs]) for fs in forms]
    flat = iter(phonetic_keys([s for group in spellings for s in group]))
    keys = [tuple([next(flat) for _s in group]) for group in spellings]
    words = [fs[0].split() if len(fs) == 1 else " ".join(fs).split() for fs in forms]
    business = []
    for fs in forms:
        bits = 0
        for word in fs[0].split():
            bits |= _BUSINESS_BITS.get(word, 0)
        business.append(bits)
    return CrossNames(
        names, [has_hangul(n) for n in names], spellings, keys, business, [tuple(w) for w in words]
    )


def cross_script_similarity_pairs(
    names: Sequence[str] | CrossNames, left: IntArray, right: IntArray
) -> FloatArray:
    """:func:`cross_script_similarity` of ``names[left[k]]`` and ``names[right[k]]`` for every ``k``.

    Args:
        names: the distinct names, or their :func:`cross_names`.
        left: indexes into ``names``.
        right: indexes into ``names``, as many as ``left``.

    Returns:
        The similarities, equal to the scalar function's.
    """
    features = names if isinstance(names, CrossNames) else cross_names(names)
    form, key, packed = features.table()
    # Names both in Hangul are also compared letter by letter (jamo).
    hangul = np.array(features.hangul, np.bool_)
    both_hangul = np.flatnonzero(hangul[left] & hangul[right])
    direct = np.zeros(left.size)
    if both_hangul.size:
        involved, at = np.unique(np.r_[left[both_hangul], right[both_hangul]], return_inverse=True)
        jamo = [
            unicodedata.normalize("NFD", re.sub(r"\s+", "", features.names[v]))
            for v in involved.tolist()
        ]
        half = both_hangul.size
        direct[both_hangul] = jaro_winkler_pairs(jamo, at[:half], at[half:])
    # The pairs of strings to compare: each pair of spellings, and their keys.
    wanted_a: list[IntArray] = []
    wanted_b: list[IntArray] = []
    combos = [(sa, sb) for sa in range(2) for sb in range(2)]
    for sa, sb in combos:
        fa, fb = form[left, sa], form[right, sb]
        ok = (fa > 0) & (fb > 0) & (fa != fb)
        wanted_a += [fa[ok], key[left, sa][ok]]
        wanted_b += [fb[ok], key[right, sb][ok]]
    all_a, all_b = np.concatenate(wanted_a), np.concatenate(wanted_b)
    size = np.int64(packed.lengths.size)
    uniq, inverse = np.unique(all_a * size + all_b, return_inverse=True)
    sims = _jaro_winkler_packed(packed, uniq // size, uniq % size)[inverse]

    best = direct.copy()
    exact = np.zeros(left.size, np.bool_)
    offset = 0
    for sa, sb in combos:
        fa, fb = form[left, sa], form[right, sb]
        exact |= (fa > 0) & (fa == fb)
        ok = (fa > 0) & (fb > 0) & (fa != fb)
        count = int(ok.sum())
        spelled = sims[offset : offset + count]
        sounded = sims[offset + count : offset + 2 * count]
        offset += 2 * count
        has_keys = (key[left, sa][ok] > 0) & (key[right, sb][ok] > 0)
        sounded = np.where(has_keys, sounded, spelled)
        best[ok] = np.maximum(best[ok], (spelled + sounded) / 2)
    # Two different business words (전자 electronics vs 전기 electric) cap the similarity.
    if len(_BUSINESS_BITS) < 63:
        words = np.array(features.business, np.int64)
        wa, wb = words[left], words[right]
        different = (wa != 0) & (wb != 0) & ((wa & wb) == 0)
    else:
        bits = features.business
        different = np.array(
            [
                bool(bits[a] and bits[b] and not bits[a] & bits[b])
                for a, b in zip(left.tolist(), right.tolist(), strict=True)
            ],
            np.bool_,
        ).reshape(-1)
    out: FloatArray = np.where(different, np.minimum(best, 0.8), best)
    out[exact] = 1.0
    early = both_hangul[direct[both_hangul] >= 0.999]
    out[early] = direct[early]
    return out
