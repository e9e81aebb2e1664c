"""The recommender's records: what goes in (interactions, rounds, profiles) and what comes out."""

from dataclasses import dataclass
from datetime import date

from sadari_core.recommend.explain import Explanation


@dataclass(frozen=True, slots=True)
class Interaction:
    """One investor's participation in one company's round (a co-investment graph edge).

    ``amount_usd`` is the size of the whole round (Crunchbase's meaning), not the investor's
    share; ``round_type`` is free text ("angel", "series-a", "pre_a", "TIPS" …), normalized by
    :func:`sadari_core.recommend.stages.normalize_stage`.
    """

    investor: str
    company: str
    when: date
    is_lead: bool = False
    round_type: str = ""
    amount_usd: float | None = None


@dataclass(frozen=True, slots=True)
class Round:
    """A company's funding round known without its investors (it still tells the company's stage)."""

    company: str
    when: date
    round_type: str = ""
    amount_usd: float | None = None


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    """What is known of a company besides its rounds; every field may be empty.

    ``category`` is the industry code ("software", "biotech", "핀테크"), ``region`` a metro area
    ("SF Bay", "서울"), ``stage`` the company's own word for its stage when it has no round on
    record ("seed", "pre_a"), ``expected_raise_usd`` the round it says it raises next (else
    the recommender derives one from its stage and last round).
    """

    id: str
    name: str = ""
    category: str = ""
    region: str = ""
    country: str = ""
    founded: date | None = None
    stage: str = ""
    expected_raise_usd: float | None = None  # what its founders say they raise next


@dataclass(frozen=True, slots=True)
class InvestorProfile:
    """An investor's declared thesis (투자 성향); optional, the history reveals one anyway.

    A declared stage, industry or region counts as a couple of past deals of that kind, so an
    investor with a thesis and no history is still recommended where the thesis fits.
    """

    id: str
    name: str = ""
    thesis_stages: tuple[str, ...] = ()
    thesis_industries: tuple[str, ...] = ()
    thesis_regions: tuple[str, ...] = ()
    ticket_min_usd: float | None = None
    ticket_max_usd: float | None = None


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended investor (or company, for deal flow); ``rank`` is 1-based."""

    item: str
    score: float
    rank: int
    explanation: Explanation
