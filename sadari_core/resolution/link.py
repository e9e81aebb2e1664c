"""The generic linker behind ``sadari link``: two tables in, scored matching pairs out, unsupervised.

1. Columns: the ``on`` pairs, or same-named columns. Each pair's type is detected from its values:
   ``cross`` (Hangul on either side: compared through romanization), ``code`` (digit strings:
   exact / one edit), ``numeric`` (prices, amounts: relative difference), ``name`` (short text:
   Jaro–Winkler or word TF-IDF cosine) or ``text`` (long text: word TF-IDF cosine).
2. Blocking: every record is a bag of IDF-weighted tokens (words, character 3-grams of short
   values, romanized 4-grams and skeleton prefixes/suffixes, whole codes); the most frequent tokens are
   dropped until the work fits a budget linear in the input size, and every record keeps its
   ``k`` best candidates by weighted cosine, from both sides.
3. Scoring: Fellegi–Sunter with comparison levels per column (exact, similarity bands,
   different, missing). ``m``, ``u`` and the match rate are estimated by EM on the candidate
   pairs, started from (and held near, by pseudo-counts) the level frequencies of the
   mutual-best pairs (m) and of the others (u); exact agreement on a rare value weighs more.
4. Decision: unless a side holds near-identical records (then many-to-one is allowed), a greedy
   best-first assignment gives every record at most one partner; among assigned pairs the prior
   becomes the expected share of matches, and pairs at probability ≥ ``threshold`` (0.5) are kept.
"""

import heapq
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sadari_core.resolution.explain import Explanation, ExplanationItem
from sadari_core.resolution.romanize import has_hangul, latin_forms, phonetic_key
from sadari_core.resolution.similarity import (
    cross_script_similarity,
    jaro_winkler,
    weighted_cosine,
    within_one_edit,
    words,
)
from sadari_core.text.company import strip_legal_form
from sadari_core.text.normalize import normalize_text

# A prepared value: text, a number, a token tuple (long text) or None when missing.
Value = str | float | tuple[str, ...] | None

_NUMBER = re.compile(r"^[^\d\-]{0,3}(-?\d[\d,]*(?:\.\d+)?)\s*[^\d]{0,5}$")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\.?")
_CODE = re.compile(r"^[0-9][0-9\-/. ]*$")
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


def _prepare(kind: str, value: str) -> Value:
    """The value in the form its comparison needs (None when missing)."""
    text = normalize_text(value)
    if not text:
        return None
    if kind == "code":
        if date := _DATE.fullmatch(text):  # 1985.3.12 and 1985-03-12 → 19850312
            year, month, day = date.groups()
            return f"{year}{int(month):02d}{int(day):02d}"
        return re.sub(r"[\s\-/.]", "", text) or None
    if kind == "numeric":
        match = _NUMBER.match(text)
        return float(match.group(1).replace(",", "")) if match else None
    if kind == "cross":
        return text
    if kind == "name":
        text = strip_legal_form(text) or text
        return " ".join(words(text)) or None
    tokens = words(text)
    chunks = [
        c for c in (re.sub(r"[^0-9a-z]", "", w) for w in text.split()) if c and c not in tokens
    ]
    return tuple(tokens + chunks) or None


def _grams(text: str, q: int = 3) -> list[str]:
    padded = f"^{text}$"
    return [padded[i : i + q] for i in range(max(1, len(padded) - q + 1))]


def _block_tokens(kind: str, value: Value) -> list[tuple[str, float]]:
    """Blocking tokens with a relative weight (words count more than fragments)."""
    if value is None:
        return []
    if kind == "code":
        return [(str(value), 1.0)]
    if kind == "numeric":
        return []
    if isinstance(value, tuple):
        return [(t, 1.0) for t in set(value)]
    if kind == "name":
        text = str(value)
        out = [(w, 1.0) for w in set(text.split())]
        return out + [(f"#{g}", 0.5) for g in set(_grams(text.replace(" ", "")))]
    out = []
    for form in latin_forms(str(value)):
        joined = form.replace(" ", "")
        out += [(f"w{w}", 1.0) for w in form.split()]
        out += [(f"#{g}", 0.5) for g in _grams(joined, 4)]
        sound = phonetic_key(joined)
        out += [(f"%{g}", 0.3) for g in _grams(sound)]
        # Skeleton prefixes and suffixes: names spelled differently in two scripts still start
        # (and mostly end) alike.
        out += [(f"^{sound[:n]}", 0.2 * n) for n in range(3, min(len(sound), 8) + 1)]
        out += [(f"${sound[-n:]}", 0.15 * n) for n in range(3, min(len(sound), 6) + 1)]
    return list(dict(out).items())


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
        raw_left = [(row.get(lcol) or "").strip() for row in left]
        raw_right = [(row.get(rcol) or "").strip() for row in right]
        kind = _detect_kind(raw_left, raw_right)
        prepared: dict[str, Value] = {}
        for v in (*raw_left, *raw_right):
            if v not in prepared:
                prepared[v] = _prepare(kind, v)
        lv = [prepared[v] for v in raw_left]
        rv = [prepared[v] for v in raw_right]
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
            )
        )
    return columns


@dataclass
class _Index:
    weights_left: list[dict[str, float]]
    weights_right: list[dict[str, float]]
    post_left: dict[str, list[tuple[int, float]]]
    post_right: dict[str, list[tuple[int, float]]]
    norm_left: list[float]
    norm_right: list[float]


def _candidates(
    columns: list[_Column], n_left: int, n_right: int, k: int
) -> tuple[dict[tuple[int, int], float], _Index]:
    """Top-``k`` candidates per record from both sides by IDF-weighted token overlap."""
    # Tokens are made once per distinct value and counted with the value's multiplicity.
    value_tokens: list[dict[Value, list[tuple[str, float]]]] = []
    df_left: Counter[str] = Counter()
    df_right: Counter[str] = Counter()
    for c, col in enumerate(columns):
        seen: dict[Value, list[tuple[str, float]]] = {}
        for freq, df in ((col.left_freq, df_left), (col.right_freq, df_right)):
            for v, count in freq.items():
                if v not in seen:
                    seen[v] = [(f"{c}:{tok}", w) for tok, w in _block_tokens(col.spec.kind, v)]
                for tok, _w in seen[v]:
                    df[tok] += count
        value_tokens.append(seen)
    # Drop the costliest tokens until the comparisons fit a budget linear in the input size.
    budget = 30 * (n_left + n_right)
    costs = sorted((df_left[t] * df_right[t], t) for t in df_left if t in df_right)
    allowed: dict[str, float] = {}
    spent = 0
    n = n_left + n_right
    for cost, tok in costs:
        spent += cost
        if spent > budget:
            break
        allowed[tok] = math.log(n / (df_left[tok] + df_right[tok]))
    kept = [
        {v: [(t, w * allowed[t]) for t, w in toks if t in allowed] for v, toks in seen.items()}
        for seen in value_tokens
    ]
    weights_left = [
        dict(pair for c, col in enumerate(columns) for pair in kept[c].get(col.left[i], ()))
        for i in range(n_left)
    ]
    weights_right = [
        dict(pair for c, col in enumerate(columns) for pair in kept[c].get(col.right[j], ()))
        for j in range(n_right)
    ]
    post_right: dict[str, list[tuple[int, float]]] = defaultdict(list)
    post_left: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, toks in enumerate(weights_right):
        for t, w in toks.items():
            post_right[t].append((j, w))
    for i, toks in enumerate(weights_left):
        for t, w in toks.items():
            post_left[t].append((i, w))
    norm_left = [math.sqrt(sum(w * w for w in toks.values())) or 1.0 for toks in weights_left]
    norm_right = [math.sqrt(sum(w * w for w in toks.values())) or 1.0 for toks in weights_right]

    out: dict[tuple[int, int], float] = {}
    for i, j, cosine in _top_k(weights_left, post_right, norm_right, k):
        out[(i, j)] = cosine
    for j, i, cosine in _top_k(weights_right, post_left, norm_left, k):
        out[(i, j)] = cosine
    return out, _Index(weights_left, weights_right, post_left, post_right, norm_left, norm_right)


def _has_duplicates(
    columns: list[_Column],
    index: _Index,
    side: str,
    score: Callable[[Sequence[int], Sequence[Value]], tuple[float, list[float]]],
    best_across: dict[int, float],
    sample: int = 250,
) -> bool:
    """True when one side holds duplicates: at least 10% of a sample of its records have a
    near-identical record on the same side (exact on most fields, close on the rest) that the
    model matches confidently and at least as well as their best match across."""
    weights = index.weights_left if side == "left" else index.weights_right
    postings = index.post_left if side == "left" else index.post_right
    norms = index.norm_left if side == "left" else index.norm_right
    if len(weights) < 2:
        return False
    rng = random.Random(len(weights))  # noqa: S311 -- a seeded sample, not security
    chosen = sorted(rng.sample(range(len(weights)), min(sample, len(weights))))
    queries = [weights[i] for i in chosen]
    found = 0
    for q, other, _cosine in _top_k(queries, postings, norms, 3):
        i = chosen[q]
        if other == i:
            continue
        values = [(col.left if side == "left" else col.right) for col in columns]
        levels = [
            _level(col, vals[i], vals[other])[0] for col, vals in zip(columns, values, strict=True)
        ]
        present = [level for level in levels if level >= 0]
        near_identical = bool(present) and max(present) <= 1 and sum(present) <= len(present) / 2
        probability = score(levels, [vals[i] for vals in values])[0]
        if near_identical and probability >= max(0.9, best_across.get(i, 0.0)):
            found += 1
            chosen[q] = -1  # count each sampled record once
    return found >= 0.1 * len(chosen)


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


def _top_k(
    queries: list[dict[str, float]],
    postings: dict[str, list[tuple[int, float]]],
    norms: list[float],
    k: int,
) -> list[tuple[int, int, float]]:
    """For each query, its ``k`` best postings by cosine: ``(query, other, cosine)``."""
    out: list[tuple[int, int, float]] = []
    for i, toks in enumerate(queries):
        acc: dict[int, float] = defaultdict(float)
        for t, w in toks.items():
            for j, wj in postings[t]:
                acc[j] += w * wj
        norm = math.sqrt(sum(w * w for w in toks.values())) or 1.0
        best = (
            heapq.nlargest(k, acc, key=lambda j: acc[j] / norms[j]) if len(acc) > k else list(acc)
        )
        out.extend((i, j, acc[j] / norms[j] / norm) for j in best)
    return out


def _mutual_best(cosines: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Pairs each of whose records is the other's best candidate by blocking cosine."""
    best_left: dict[int, tuple[float, int]] = {}
    best_right: dict[int, tuple[float, int]] = {}
    for (i, j), cosine in cosines.items():
        if (cosine, -j) > best_left.get(i, (-1.0, 0)):
            best_left[i] = (cosine, -j)
        if (cosine, -i) > best_right.get(j, (-1.0, 0)):
            best_right[j] = (cosine, -i)
    return {(i, -jj) for i, (_c, jj) in best_left.items() if best_right[-jj][1] == -i}


# Pseudo-counts of the starting m/u rows: small inputs stay near them, large ones move freely.
_PSEUDO = 20.0


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
    towards by Dirichlet pseudo-counts, the levels of the mutual-best pairs (m) and the rest (u).
    """
    m = [list(row) for row in start_m]
    u = [list(row) for row in start_u]
    lam = prior
    total = sum(patterns.values())
    for _ in range(iterations):
        counts_m = [[_PSEUDO * x for x in row] for row in start_m]
        counts_u = [[_PSEUDO * x for x in row] for row in start_u]
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
    cosines, index = _candidates(columns, len(left), len(right), candidates_per_record)
    candidates = sorted(cosines)
    if not candidates:
        return LinkResult(
            pairs=[], pairs_compared=0, fields=[col.spec for col in columns], one_to_one=True
        )
    mutual = _mutual_best(cosines)

    compared: list[tuple[int, int, tuple[int, ...], tuple[float | None, ...]]] = []
    patterns: Counter[tuple[int, ...]] = Counter()
    caches: list[dict[tuple[Value, Value], tuple[int, float | None]]] = [{} for _ in columns]
    for i, j in candidates:
        levels_list: list[int] = []
        sims_list: list[float | None] = []
        for col, cache in zip(columns, caches, strict=True):
            key = (col.left[i], col.right[j])
            found = cache.get(key)
            if found is None:
                found = cache[key] = _level(col, key[0], key[1])
            levels_list.append(found[0])
            sims_list.append(found[1])
        levels = tuple(levels_list)
        compared.append((i, j, levels, tuple(sims_list)))
        patterns[levels] += 1
    start_m = [[0.5] * col.spec.n_levels for col in columns]
    start_u = [[0.5] * col.spec.n_levels for col in columns]
    for i, j, levels, _sims in compared:
        start = start_m if (i, j) in mutual else start_u
        for c, level in enumerate(levels):
            if level >= 0:
                start[c][level] += 1
    start_m = [[x / sum(row) for x in row] for row in start_m]
    start_u = [[x / sum(row) for x in row] for row in start_u]
    prior = min(0.9, max(0.01, len(mutual) / max(1, len(candidates))))
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

    def score(levels: Sequence[int], values: Sequence[Value]) -> tuple[float, list[float]]:
        weights = [level_weights[c][level] for c, level in enumerate(levels)]
        for c, level in enumerate(levels):
            if level == 0 and tf_mean[c] > 0:
                # Agreeing on a rare value says more than agreeing on a common one.
                key = (c, values[c])
                if key not in tf_cache:
                    freq = _value_frequency(columns[c], values[c], total_left, total_right)
                    tf_cache[key] = max(-3.0, min(3.0, math.log2(tf_mean[c] / freq)))
                weights[c] += tf_cache[key]
        log_odds = prior_weight + sum(weights)
        return 1.0 / (1.0 + 2.0 ** min(-log_odds, 60.0)), weights

    scored: list[tuple[float, int, int, list[float]]] = []
    for i, j, levels, _sims in compared:
        probability, weights = score(levels, [col.left[i] for col in columns])
        scored.append((probability, i, j, weights))

    if one_to_one is None:
        # A side with duplicates inside it may link several of its records to one on the other.
        best_left: dict[int, float] = {}
        best_right: dict[int, float] = {}
        for p, i, j, _w in scored:
            best_left[i] = max(best_left.get(i, 0.0), p)
            best_right[j] = max(best_right.get(j, 0.0), p)
        many_left = _has_duplicates(columns, index, "left", score, best_left)
        many_right = _has_duplicates(columns, index, "right", score, best_right)
    else:
        many_left = many_right = not one_to_one

    if not (many_left and many_right):
        # Greedy best-first assignment over all candidates; a record keeps one partner (on the
        # side(s) without duplicates). Once a pair is its records' assigned partner, the prior
        # is no longer the match rate among all candidates but the share of assigned pairs that
        # are matches (the expected number of matches over the number of assigned pairs).
        ranked = sorted(scored, key=lambda s: (-s[0], s[1], s[2]))
        used_left: set[int] = set()
        used_right: set[int] = set()
        assigned = []
        for s in ranked:
            # Duplicates on the right let a left record take several partners, and vice versa.
            if (many_right or s[1] not in used_left) and (many_left or s[2] not in used_right):
                used_left.add(s[1])
                used_right.add(s[2])
                assigned.append(s)
        expected = sum(s[0] for s in scored)
        share = min(0.99, max(lam, expected / max(1, len(assigned))))
        shift = math.log2(share / (1 - share)) - prior_weight
        kept = []
        for _p, i, j, weights in assigned:
            log_odds = prior_weight + shift + sum(weights)
            probability = 1.0 / (1.0 + 2.0 ** min(-log_odds, 60.0))
            if probability >= threshold:
                kept.append((probability, i, j, weights))
        prior_weight += shift
    else:
        # Many-to-many is allowed, but every pair must be the best of at least one of its records.
        kept = [s for s in scored if s[0] >= threshold]
        best_left, best_right = {}, {}
        for p, i, j, _w in kept:
            best_left[i] = max(best_left.get(i, 0.0), p)
            best_right[j] = max(best_right.get(j, 0.0), p)
        kept = [s for s in kept if s[0] >= best_left[s[1]] or s[0] >= best_right[s[2]]]
    kept.sort(key=lambda s: (s[1], -s[0], s[2]))

    result = LinkResult(
        pairs=[(left[i][left_id], right[j][right_id], p) for p, i, j, _w in kept],
        pairs_compared=len(candidates),
        fields=[col.spec for col in columns],
        one_to_one=not (many_left or many_right),
    )
    if explain:
        by_pair = {(i, j): sims for i, j, _levels, sims in compared}
        levels_by_pair = {(i, j): levels for i, j, levels, _sims in compared}
        for _p, i, j, weights in kept:
            items = []
            for c, col in enumerate(columns):
                level = levels_by_pair[(i, j)][c]
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
                items.append(
                    ExplanationItem(
                        col.spec.label,
                        left[i].get(col.spec.left, ""),
                        right[j].get(col.spec.right, ""),
                        name,
                        weights[c],
                        by_pair[(i, j)][c],
                    )
                )
            result.explanations[(left[i][left_id], right[j][right_id])] = Explanation(
                items=items, prior_weight=prior_weight
            )
    return result
