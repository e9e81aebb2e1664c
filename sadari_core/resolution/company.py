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
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from sadari_core.ids import brn_digits, is_valid_brn
from sadari_core.resolution.explain import Explanation, ExplanationItem
from sadari_core.resolution.romanize import latin_forms, phonetic_key
from sadari_core.resolution.similarity import cross_script_similarity
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
    keys: set[str] = set()
    if brn := _valid_brn(rec):
        keys.add(f"brn:{brn}")
    if domain := homepage_domain(rec.homepage):
        keys.add(f"dom:{domain}")
    for name in _names(rec):
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
    return keys


def best_name_similarity(a: CompanyRecord, b: CompanyRecord) -> tuple[float, str, str]:
    """The best similarity over every pair of names and aliases, with the two names compared."""
    best = (0.0, "", "")
    for na in _names(a):
        for nb in _names(b):
            if normalize_company_name(na) and normalize_company_name(na) == normalize_company_name(
                nb
            ):
                return 1.0, na, nb
            sim = cross_script_similarity(na, nb)
            if sim > best[0]:
                best = (sim, na, nb)
    return best


def score_company_pair(a: CompanyRecord, b: CompanyRecord) -> CompanyMatch:
    """The probability that two records describe one company, with an explanation.

    Deterministic: fixed weights (module docstring), no fitting per call.

    Args:
        a: one record, e.g. ``CompanyRecord(id="1", name="(주)카카오")``.
        b: another, e.g. ``CompanyRecord(id="2", name="Kakao Corp.")``.

    Returns:
        ``CompanyMatch``; for the example the probability is about 0.94 (review, not auto-link).
    """
    items: list[ExplanationItem] = []
    brn_a, brn_b = _valid_brn(a), _valid_brn(b)
    if brn_a and brn_b:
        same = brn_a == brn_b
        items.append(
            ExplanationItem(
                "business_number",
                a.business_number,
                b.business_number,
                "exact" if same else "different",
                BRN_SAME if same else BRN_DIFFERENT,
            )
        )
    else:
        items.append(
            ExplanationItem("business_number", a.business_number, b.business_number, "missing", 0.0)
        )

    sim, na, nb = best_name_similarity(a, b)
    if na:
        level, weight = "different", NAME_DIFFERENT
        for cut, label, w in NAME_LEVELS:
            if sim >= cut:
                level, weight = label, w
                break
        items.append(ExplanationItem("name", na, nb, level, weight, round(sim, 4)))
    else:
        items.append(ExplanationItem("name", a.name, b.name, "missing", 0.0))

    dom_a, dom_b = homepage_domain(a.homepage), homepage_domain(b.homepage)
    if dom_a and dom_b:
        same = dom_a == dom_b
        items.append(
            ExplanationItem(
                "homepage",
                dom_a,
                dom_b,
                "exact" if same else "different",
                DOMAIN_SAME if same else DOMAIN_DIFFERENT,
            )
        )
    else:
        items.append(ExplanationItem("homepage", a.homepage, b.homepage, "missing", 0.0))

    fa = {k for f in a.founders if (k := _person_key(f))}
    fb = {k for f in b.founders if (k := _person_key(f))}
    if fa and fb:
        shared = fa & fb
        items.append(
            ExplanationItem(
                "founders",
                ", ".join(a.founders),
                ", ".join(b.founders),
                "exact" if shared else "different",
                FOUNDER_SAME if shared else FOUNDER_DIFFERENT,
            )
        )
    else:
        items.append(
            ExplanationItem(
                "founders", ", ".join(a.founders), ", ".join(b.founders), "missing", 0.0
            )
        )

    ra, rb = normalize_text(a.region), normalize_text(b.region)
    if ra and rb:
        same = ra == rb or ra.startswith(rb) or rb.startswith(ra)
        items.append(
            ExplanationItem(
                "region",
                a.region,
                b.region,
                "exact" if same else "different",
                REGION_SAME if same else REGION_DIFFERENT,
            )
        )
    else:
        items.append(ExplanationItem("region", a.region, b.region, "missing", 0.0))

    explanation = Explanation(items=items, prior_weight=PRIOR_WEIGHT)
    return CompanyMatch(probability=_probability(explanation.total_weight), explanation=explanation)


def _probability(log2_odds: float) -> float:
    if log2_odds > 60:
        return 1.0
    if log2_odds < -60:
        return 0.0
    return 1.0 / (1.0 + math.pow(2.0, -log2_odds))
