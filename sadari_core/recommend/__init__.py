"""Investor recommendations: investors for a startup, deal flow for an investor, explained.

Pure Python on numpy/scipy (no Django, no I/O). Collaborative signals (follow-on, item-kNN over
the co-investment graph), content fit (revealed or declared thesis: category, region, stage,
round ordinal, company age), activity and recency, blended by logistic models fit on the years
just before ``as_of``; companies without a round get a cold-start model of their own.
"""

from sadari_core.recommend.explain import Explanation, Reason, Thesis
from sadari_core.recommend.model import FEATURES
from sadari_core.recommend.recommender import Recommender, TrainingReport
from sadari_core.recommend.records import (
    CompanyProfile,
    Interaction,
    InvestorProfile,
    Recommendation,
    Round,
)
from sadari_core.recommend.stages import STAGES, next_stage, normalize_stage

__all__ = [
    "FEATURES",
    "STAGES",
    "CompanyProfile",
    "Explanation",
    "Interaction",
    "InvestorProfile",
    "Reason",
    "Recommendation",
    "Recommender",
    "Round",
    "Thesis",
    "TrainingReport",
    "next_stage",
    "normalize_stage",
]
