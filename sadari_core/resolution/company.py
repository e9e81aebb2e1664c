"""Company records: blocking keys and a fixed, explainable Fellegi–Sunter scorer for the platform.

Weights are log2 Bayes factors chosen by reasoning, not fitted per call (the platform needs the
same score for the same pair every time):

- 사업자등록번호: the same valid number is near-certain (+24); two different valid numbers
  rule a match out (−30) — a company has one number.
- name: the best comparison over every Korean/English name and alias, across scripts through
  romanization and the glossary (:mod:`.romanize`). Identical → +11, ≥0.92 → +8, ≥0.85 → +5,
  ≥0.75 → +1, else −6. A name alone (homonyms are common: 7.8k of DART's 117k names are
  shared) reaches review, not auto-link.
- homepage domain: same → +7, different → −1.5. A stale homepage alone cannot link two
  different names (−7 prior −6 name +7 = −6).
- founders: a shared founder → +5, none shared → −2.
- region: same → +1, different → −2.
- prior: −7 (about 1 in 130 candidate pairs is a match).
"""

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np

from sadari_core.ids import brn_digits, is_valid_brn
from sadari_core.resolution.explain import Explanation, ExplanationItem
from sadari_core.resolution.romanize import latin_forms, phonetic_key
from sadari_core.resolution.similarity import (
    cross_script_similarity,
    cross_script_similarity_pairs,
)
from sadari_core.text.company import normalize_company_name
from sadari_core.text.normalize import normalize_text

AUTO_LINK_THRESHOLD = 0.99
REVIEW_THRESHOLD = 0.5

PRIOR_WEIGHT = -7.0
BRN_SAME, BRN_DIFFERENT = 24.0, -30.0
NAME_LEVELS = (
    (1.0, "exact", 11.0),
    (0.92, "similar", 8.0),
    (0.85, "similar", 5.0),
    (0.75, "somewhat", 1.0),
)
NAME_DIFFERENT = -6.0
DOMAIN_SAME, DOMAIN_DIFFERENT = 7.0, -1.5
FOUNDER_SAME, FOUNDER_DIFFERENT = 5.0, -2.0
REGION_SAME, REGION_DIFFERENT = 1.0, -2.0

# Hosts shared by many organizations: the first path segment identifies the page owner.
_SHARED_HOSTS = frozenset(
    {
        "blog.naver.com", "cafe.naver.com", "smartstore.naver.com", "sites.google.com",
        "facebook.com", "instagram.com", "linkedin.com", "github.com", "notion.site",
        "youtube.com", "twitter.com", "x.com", "brunch.co.kr", "tistory.com",
    }
)  # fmt: skip
_SECOND_LEVEL = frozenset({"co", "or", "ac", "go", "ne", "re", "pe", "com", "net", "org", "gov"})


@dataclass(frozen=True)
class CompanyRecord:
    """A company as one source describes it (기업 레코드)."""

    id: str
    name: str
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    business_number: str = ""
    homepage: str = ""
    founders: tuple[str, ...] = ()
    region: str = ""


@dataclass(frozen=True)
class CompanyMatch:
    """A match probability with the evidence behind it."""

    probability: float
    explanation: Explanation


@lru_cache(maxsize=200_000)
def homepage_domain(url: str) -> str:
    """The registrable domain of a homepage, or "" when there is none.

    Args:
        url: as written, with or without scheme, e.g. ``"https://www.kakaocorp.com/page"``.

    Returns:
        ``"kakaocorp.com"``; ``homepage_domain("blog.naver.com/sadari") == "blog.naver.com/sadari"``.
    """
    text = (url or "").strip().lower()
    if not text:
        return ""
    if "://" not in text:
        text = "http://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if "." not in host:
        return ""
    for shared in _SHARED_HOSTS:
        if host == shared or host.endswith("." + shared):
            segment = parts.path.strip("/").split("/")[0]
            return f"{shared}/{segment}" if segment else ""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _names(rec: CompanyRecord) -> list[str]:
    return [n for n in (rec.name, rec.name_en, *rec.aliases) if n and n.strip()]


def _valid_brn(rec: CompanyRecord) -> str:
    digits = brn_digits(rec.business_number)
    return digits if is_valid_brn(digits) else ""


def _person_key(name: str) -> str:
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]", "", normalize_text(name))


def company_blocking_keys(rec: CompanyRecord) -> set[str]:
    """Keys such that two records of one company share at least one of them.

    Args:
        rec: a company record.

    Returns:
        Prefixed keys: ``brn:`` valid number, ``dom:`` homepage domain, ``name:`` normalized name,
        ``latin:`` romanized/translated name without spaces, ``sound:`` its phonetic skeleton
        and ``word:`` the skeleton of its first word, e.g. ``"name:카카오"``, ``"latin:kakao"``.
    """
    return set(_blocking_keys(tuple(_names(rec)), rec.business_number, rec.homepage))


@lru_cache(maxsize=100_000)
def _blocking_keys(names: tuple[str, ...], business_number: str, homepage: str) -> frozenset[str]:
    """The keys of a record with these names, number and homepage (the only fields they use;
    cached: ingest derives the keys of one company more than once)."""
    keys: set[str] = set()
    digits = brn_digits(business_number)
    if is_valid_brn(digits):
        keys.add(f"brn:{digits}")
    if domain := homepage_domain(homepage):
        keys.add(f"dom:{domain}")
    for name in names:
        if key := normalize_company_name(name):
            keys.add(f"name:{key}")
        for form in latin_forms(name):
            joined = form.replace(" ", "")
            if not joined:
                continue
            keys.add(f"latin:{joined}")
            if len(sound := phonetic_key(joined)) >= 3:
                keys.add(f"sound:{sound}")
            first = form.split()[0]
            if len(first) >= 3 and len(sound := phonetic_key(first)) >= 2:
                keys.add(f"word:{sound}")
    return frozenset(keys)


def best_name_similarity(a: CompanyRecord, b: CompanyRecord) -> tuple[float, str, str]:
    """The best similarity over every pair of names and aliases, with the two names compared."""
    return _best_name(_side(a), _side(b), cross_script_similarity)


Similarity = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class _Side:
    """What the scorer derives from one record (once per record when scoring many pairs)."""

    rec: CompanyRecord
    names: tuple[str, ...]
    keys: tuple[str, ...]  # normalize_company_name of each name
    brn: str
    domain: str
    founders: frozenset[str]
    region: str


def _side(rec: CompanyRecord) -> _Side:
    names = tuple(_names(rec))
    return _Side(
        rec=rec,
        names=names,
        keys=tuple(normalize_company_name(n) for n in names),
        brn=_valid_brn(rec),
        domain=homepage_domain(rec.homepage),
        founders=frozenset(k for f in rec.founders if (k := _person_key(f))),
        region=normalize_text(rec.region),
    )


def _best_name(a: _Side, b: _Side, similarity: Similarity) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for na, ka in zip(a.names, a.keys, strict=True):
        for nb, kb in zip(b.names, b.keys, strict=True):
            if ka and ka == kb:
                return 1.0, na, nb
            sim = similarity(na, nb)
            if sim > best[0]:
                best = (sim, na, nb)
    return best


# One compared field: (field, left, right, level, weight, similarity) — ExplanationItem's fields.
_Item = tuple[str, str, str, str, float, float | None]


def _compare(a: _Side, b: _Side, similarity: Similarity) -> list[_Item]:
    """The evidence of one pair, field by field (the explanation's items, as tuples)."""
    ra, rb = a.rec, b.rec
    items: list[_Item] = []
    if a.brn and b.brn:
        same = a.brn == b.brn
        items.append(
            (
                "business_number",
                ra.business_number,
                rb.business_number,
                "exact" if same else "different",
                BRN_SAME if same else BRN_DIFFERENT,
                None,
            )
        )
    else:
        items.append(
            ("business_number", ra.business_number, rb.business_number, "missing", 0.0, None)
        )

    sim, na, nb = _best_name(a, b, similarity)
    if na:
        level, weight = "different", NAME_DIFFERENT
        for cut, label, w in NAME_LEVELS:
            if sim >= cut:
                level, weight = label, w
                break
        items.append(("name", na, nb, level, weight, round(sim, 4)))
    else:
        items.append(("name", ra.name, rb.name, "missing", 0.0, None))

    if a.domain and b.domain:
        same = a.domain == b.domain
        items.append(
            (
                "homepage",
                a.domain,
                b.domain,
                "exact" if same else "different",
                DOMAIN_SAME if same else DOMAIN_DIFFERENT,
                None,
            )
        )
    else:
        items.append(("homepage", ra.homepage, rb.homepage, "missing", 0.0, None))

    if a.founders and b.founders:
        shared = a.founders & b.founders
        items.append(
            (
                "founders",
                ", ".join(ra.founders),
                ", ".join(rb.founders),
                "exact" if shared else "different",
                FOUNDER_SAME if shared else FOUNDER_DIFFERENT,
                None,
            )
        )
    else:
        items.append(
            ("founders", ", ".join(ra.founders), ", ".join(rb.founders), "missing", 0.0, None)
        )

    if a.region and b.region:
        same = (
            a.region == b.region or a.region.startswith(b.region) or b.region.startswith(a.region)
        )
        items.append(
            (
                "region",
                ra.region,
                rb.region,
                "exact" if same else "different",
                REGION_SAME if same else REGION_DIFFERENT,
                None,
            )
        )
    else:
        items.append(("region", ra.region, rb.region, "missing", 0.0, None))
    return items


def _match(items: list[_Item]) -> CompanyMatch:
    explanation = Explanation(
        items=[ExplanationItem(*item) for item in items], prior_weight=PRIOR_WEIGHT
    )
    return CompanyMatch(probability=_probability(explanation.total_weight), explanation=explanation)


def _items_probability(items: list[_Item]) -> float:
    # Explanation.total_weight without building it: the prior plus sum() of the same weights in
    # the same order (so the float is the same).
    return _probability(PRIOR_WEIGHT + sum(item[4] for item in items))


def score_company_pair(a: CompanyRecord, b: CompanyRecord) -> CompanyMatch:
    """The probability that two records describe one company, with an explanation.

    Deterministic: fixed weights (module docstring), no fitting per call.

    Args:
        a: one record, e.g. ``CompanyRecord(id="1", name="(주)카카오")``.
        b: another, e.g. ``CompanyRecord(id="2", name="Kakao Corp.")``.

    Returns:
        ``CompanyMatch``; for the example the probability is about 0.94 (review, not auto-link).
    """
    return _match(_compare(_side(a), _side(b), cross_script_similarity))


# Fewer name pairs than this are compared one by one (numpy's fixed cost is not worth it).
_BATCH_MIN = 32


class CompanyScorer:
    """:func:`score_company_pair` for many pairs: what each record contributes is derived once,
    and the name similarities of the pairs given to :meth:`prepare` are computed together with
    the array functions (:func:`cross_script_similarity_pairs`, equal to the scalar one). Pairs
    not prepared are scored as by :func:`score_company_pair`; every result equals it.
    """

    def __init__(self) -> None:
        # By the record object's id (cheaper than hashing its fields); a side keeps its record
        # alive, so the id is not reused while it is stored.
        self._sides: dict[int, _Side] = {}
        self._names: dict[tuple[str, str], float] = {}

    def _side(self, rec: CompanyRecord) -> _Side:
        side = self._sides.get(id(rec))
        if side is None or side.rec is not rec:
            side = self._sides[id(rec)] = _side(rec)
        return side

    def _similarity(self, a: str, b: str) -> float:
        sim = self._names.get((a, b))
        return cross_script_similarity(a, b) if sim is None else sim

    def prepare(self, pairs: Iterable[tuple[CompanyRecord, CompanyRecord]]) -> None:
        """Computes the name similarities these pairs may need, all at once."""
        known = self._names
        wanted: dict[tuple[str, str], None] = {}
        index: dict[str, int] = {}
        left: list[int] = []
        right: list[int] = []
        for a, b in pairs:
            sa, sb = self._side(a), self._side(b)
            for na, ka in zip(sa.names, sa.keys, strict=True):
                for nb, kb in zip(sb.names, sb.keys, strict=True):
                    if (ka and ka == kb) or (na, nb) in known or (na, nb) in wanted:
                        continue
                    wanted[(na, nb)] = None
                    left.append(index.setdefault(na, len(index)))
                    right.append(index.setdefault(nb, len(index)))
        if len(wanted) < _BATCH_MIN:
            return
        sims = cross_script_similarity_pairs(
            list(index), np.array(left, np.int64), np.array(right, np.int64)
        )
        known.update(zip(wanted, sims.tolist(), strict=True))

    def probability(self, a: CompanyRecord, b: CompanyRecord) -> float:
        """``score_company_pair(a, b).probability``."""
        return _items_probability(_compare(self._side(a), self._side(b), self._similarity))

    def match(self, a: CompanyRecord, b: CompanyRecord) -> CompanyMatch:
        """``score_company_pair(a, b)``."""
        return _match(_compare(self._side(a), self._side(b), self._similarity))


def _probability(log2_odds: float) -> float:
    if log2_odds > 60:
        return 1.0
    if log2_odds < -60:
        return 0.0
    return 1.0 / (1.0 + math.pow(2.0, -log2_odds))
