"""Investment models: rounds and acquisitions, investor profiles and funds, intro requests
and notifications, and data rooms."""

from sadari.investment.enums import RoundType
from sadari.investment.models.datarooms import DataRoom, DataRoomDocument, DataRoomGrant
from sadari.investment.models.intros import IntroRequest, Notification
from sadari.investment.models.investors import Fund, InvestorProfile
from sadari.investment.models.rounds import (
    Acquisition,
    FundingRound,
    ImportedOrganization,
    PlannedRaise,
    RoundInvestor,
)

__all__ = [
    "Acquisition",
    "DataRoom",
    "DataRoomDocument",
    "DataRoomGrant",
    "Fund",
    "FundingRound",
    "ImportedOrganization",
    "IntroRequest",
    "InvestorProfile",
    "Notification",
    "PlannedRaise",
    "RoundInvestor",
    "RoundType",
]
