"""Entity resolution: company matching for the platform and the generic table linker.

Pure Python (no Django). Company names in Korean and English, 사업자등록번호, homepage domains,
founders and regions (:mod:`.company`); blocking, unsupervised Fellegi–Sunter scoring with an
explanation per pair, and clustering (:mod:`.link`, :mod:`.cluster`).
"""

from sadari_core.resolution.cluster import cluster_pairs
from sadari_core.resolution.company import (
    AUTO_LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    CompanyMatch,
    CompanyRecord,
    CompanyScorer,
    company_blocking_keys,
    homepage_domain,
    score_company_pair,
)
from sadari_core.resolution.explain import Explanation, ExplanationItem
from sadari_core.resolution.link import FieldSpec, LinkResult, link_tables
from sadari_core.resolution.romanize import latin_forms, phonetic_key, romanize
from sadari_core.resolution.similarity import cross_script_similarity, jaro_winkler

__all__ = [
    "AUTO_LINK_THRESHOLD",
    "REVIEW_THRESHOLD",
    "CompanyMatch",
    "CompanyRecord",
    "CompanyScorer",
    "Explanation",
    "ExplanationItem",
    "FieldSpec",
    "LinkResult",
    "cluster_pairs",
    "company_blocking_keys",
    "cross_script_similarity",
    "homepage_domain",
    "jaro_winkler",
    "latin_forms",
    "link_tables",
    "phonetic_key",
    "romanize",
    "score_company_pair",
]
