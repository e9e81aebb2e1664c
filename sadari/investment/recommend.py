"""Recommendations on the platform: investors likely to back a startup next, and deal flow for
an investor, computed with ``sadari_core.recommend`` over the database's rounds.

The recommender is fit on demand and kept in this process for ``FIT_TTL_SECONDS`` or until the
rounds change (a version number in the cache, bumped by signals and by the importers); the
``task_recommender_refit`` task warms it after an import. Ids are organization pks as strings;
industries and regions are the platform's codes, shown with their labels.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from sadari.directory.enums import Industry, OrgKind
from sadari.directory.models import Organization
from sadari.investment.enums import Region, region_of
from sadari.investment.models import FundingRound, InvestorProfile, PlannedRaise, RoundInvestor
from sadari.investment.money import usd_krw_rate
from sadari_core.money import format_krw
from sadari_core.recommend import (
    CompanyProfile,
    Explanation,
    Interaction,
    Recommendation,
    Recommender,
    Round,
)
from sadari_core.recommend import InvestorProfile as ThesisRecord

logger = logging.getLogger(__name__)
FIT_TTL_SECONDS = 600
VERSION_KEY = "investment:rounds-version"
_lock = threading.Lock()
_fitted: dict[str, Any] = {}


def recommender_invalidate() -> None:
    """The rounds changed: the next recommendation refits."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _version() -> int:
    return int(cache.get(VERSION_KEY, 0) or 0)


def _krw_to_usd(amount: int | None, year: int) -> float | None:
    return None if not amount else amount / usd_krw_rate(year)


def _company_profile(org: Organization) -> CompanyProfile:
    planned = PlannedRaise.objects.filter(company=org).only("amount_krw").first()
    expected = _krw_to_usd(planned.amount_krw, timezone.localdate().year) if planned else None
    return CompanyProfile(
        id=str(org.pk),
        name=org.name_ko,
        category=org.industry or "",
        region=region_of(org.city),
        country="" if region_of(org.city) == Region.OVERSEAS else "KR",
        founded=org.founded_on,
        stage=org.stage or "",
        expected_raise_usd=expected,
    )


def build_recommender() -> Recommender | None:
    """Fits a recommender on every round and declared thesis in the database (as of now);
    None when no round has an investor yet."""
    rounds = {
        pk: (company, day, round_type, amount)
        for pk, company, day, round_type, amount in FundingRound.objects.values_list(
            "pk", "company_id", "announced_on", "round_type", "amount_krw"
        )
    }
    interactions = []
    with_investors = set()
    for round_id, investor_id, is_lead in RoundInvestor.objects.values_list(
        "round_id", "investor_id", "is_lead"
    ):
        company, day, round_type, amount = rounds[round_id]
        with_investors.add(round_id)
        interactions.append(
            Interaction(
                investor=str(investor_id),
                company=str(company),
                when=day,
                is_lead=is_lead,
                round_type=round_type,
                amount_usd=_krw_to_usd(amount, day.year),
            )
        )
    if not interactions:
        return None
    bare = [
        Round(company=str(c), when=d, round_type=t, amount_usd=_krw_to_usd(a, d.year))
        for pk, (c, d, t, a) in rounds.items()
        if pk not in with_investors
    ]
    companies = [
        _company_profile(org)
        for org in Organization.objects.filter(kind=OrgKind.STARTUP, merged_into__isnull=True).only(
            "pk", "name_ko", "industry", "city", "founded_on", "stage"
        )
    ]
    theses = [
        ThesisRecord(
            id=str(p.organization_id),
            name=p.organization.name_ko,
            thesis_stages=tuple(p.thesis_stages or ()),
            thesis_industries=tuple(p.thesis_industries or ()),
            thesis_regions=tuple(p.thesis_regions or ()),
            ticket_min_usd=_krw_to_usd(p.ticket_min_krw, timezone.localdate().year),
            ticket_max_usd=_krw_to_usd(p.ticket_max_krw, timezone.localdate().year),
        )
        for p in InvestorProfile.objects.select_related("organization")
        if p.has_thesis
    ]
    as_of = timezone.localdate() + timedelta(days=1)
    return Recommender().fit(interactions, companies, theses, rounds=bare, as_of=as_of)


def recommender() -> Recommender | None:
    """The fitted recommender, refit when the rounds changed or it is older than the TTL;
    None when there is nothing to learn from yet (no round with an investor) or the fit
    failed (logged): pages then show no recommendation rather than an error."""
    version = _version()
    now = clock.monotonic()
    current = _fitted.get("default")
    if current and current[0] == version and now - current[1] < FIT_TTL_SECONDS:
        return current[2]
    with _lock:
        current = _fitted.get("default")
        if current and current[0] == version and now - current[1] < FIT_TTL_SECONDS:
            return current[2]
        started = clock.monotonic()
        try:
            fitted = build_recommender()
        except (ValueError, TypeError, ArithmeticError, IndexError):
            logger.exception("investment recommender could not be fit")
            fitted = None
        logger.info("investment recommender fit in %.2fs", clock.monotonic() - started)
        _fitted["default"] = (version, clock.monotonic(), fitted)
        return fitted


def clear() -> None:
    _fitted.clear()


# --- explanations with the platform's labels ---------------------------------------------------


def _labels(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    from django.utils import translation

    with translation.override(lang):
        return (
            {code: str(label) for code, label in Industry.choices},
            {code: str(label) for code, label in Region.choices},
        )


def explain(explanation: Explanation, lang: str | None = None) -> str:
    """The explanation's summary with industry and region codes as words, and the names of
    co-investors instead of their ids."""
    lang = "en" if (lang or get_language() or "ko").startswith("en") else "ko"
    industries, regions = _labels(lang)
    ids = [n for r in explanation.reasons for n in r.names if n.isdigit()]
    names = (
        dict(Organization.objects.filter(pk__in=ids).values_list("pk", "name_ko")) if ids else {}
    )
    reasons = tuple(
        dataclasses.replace(
            r,
            category=industries.get(r.category, r.category),
            region=regions.get(r.region, r.region),
            names=tuple(names.get(int(n), n) if n.isdigit() else n for n in r.names),
        )
        for r in explanation.reasons
    )
    thesis = dataclasses.replace(
        explanation.thesis,
        # pre-A and A (TIPS and seed …) are one stage to the core: show each once.
        stages=tuple(dict.fromkeys(explanation.thesis.stages)),
        industries=tuple(industries.get(c, c) for c in explanation.thesis.industries),
        regions=tuple(regions.get(c, c) for c in explanation.thesis.regions),
    )
    return dataclasses.replace(explanation, reasons=reasons, thesis=thesis).summary(
        lang, money=_money(lang)
    )


def _money(lang: str) -> Callable[[float], str]:
    """USD from the recommender as won at this year's approximate rate, rounded to two
    significant figures (an expected round is an estimate): ``14억원``, ``KRW 1.4B``."""
    rate = usd_krw_rate(timezone.localdate().year)

    def money(amount_usd: float) -> str:
        won = float(amount_usd) * rate
        if won <= 0:
            return format_krw(0) if lang == "ko" else "KRW 0"
        digits = max(0, math.floor(math.log10(won)) - 1)
        won = round(won / 10**digits) * 10**digits
        if lang == "ko":
            return format_krw(int(won))
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
            if won >= size:
                return f"KRW {won / size:.3g}{suffix}"
        return f"KRW {int(won):,}"

    return money


@dataclass
class Suggestion:
    organization: Organization
    rank: int
    score: float
    summary: str
    is_cold_start: bool
    explanation: Explanation
    planned: Any = None  # the startup's shared PlannedRaise (deal flow only)


def _suggestions(recs: list[Recommendation]) -> list[Suggestion]:
    orgs = Organization.objects.in_bulk([int(r.item) for r in recs if r.item.isdigit()])
    out = []
    for r in recs:
        org = orgs.get(int(r.item)) if r.item.isdigit() else None
        if org is None or org.merged_into_id:
            continue
        out.append(
            Suggestion(
                organization=org,
                rank=len(out) + 1,
                score=r.score,
                summary=explain(r.explanation),
                is_cold_start=r.explanation.is_cold_start,
                explanation=r.explanation,
            )
        )
    return out


def investors_for_startup(*, startup: Organization, k: int = 10) -> list[Suggestion]:
    """Investors most likely to back ``startup`` next (cold start when it has no round)."""
    fitted = recommender()
    if fitted is None:
        return []
    recs = fitted.recommend_investors(str(startup.pk), k, profile=_company_profile(startup))
    return _suggestions(recs)


def deal_flow_for(*, investor: Organization, k: int = 10) -> list[Suggestion]:
    """Startups that fit ``investor`` best, leaving out its portfolio."""
    portfolio = {
        str(pk)
        for pk in RoundInvestor.objects.filter(investor=investor).values_list(
            "round__company_id", flat=True
        )
    }
    candidates = [
        str(pk)
        for pk in Organization.objects.filter(
            kind=OrgKind.STARTUP, merged_into__isnull=True
        ).values_list("pk", flat=True)
        if str(pk) not in portfolio
    ]
    fitted = recommender()
    if fitted is None:
        return []
    recs = fitted.recommend_companies(str(investor.pk), k, candidates=candidates)
    suggestions = _suggestions(recs)
    shared = {
        p.company_id: p
        for p in PlannedRaise.objects.filter(
            company__in=[s.organization for s in suggestions], share_with_investors=True
        )
    }
    for s in suggestions:
        s.planned = shared.get(s.organization.pk)
    return suggestions
