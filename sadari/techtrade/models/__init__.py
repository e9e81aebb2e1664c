"""Tech-trade models: needs and technology offers with their match vectors, NDAs and detail
requests, open-innovation challenges with proposals and PoCs, and the deal pipeline."""

from sadari.techtrade.models.challenges import Challenge, Poc, PocMilestone, Proposal
from sadari.techtrade.models.deals import Deal, DealMessage, DealStageChange
from sadari.techtrade.models.listings import MatchVector, TechImport, TechNeed, Technology
from sadari.techtrade.models.nda import DetailRequest, NdaAcceptance, NdaTemplate

__all__ = [
    "Challenge",
    "Deal",
    "DealMessage",
    "DealStageChange",
    "DetailRequest",
    "MatchVector",
    "NdaAcceptance",
    "NdaTemplate",
    "Poc",
    "PocMilestone",
    "Proposal",
    "TechImport",
    "TechNeed",
    "Technology",
]
