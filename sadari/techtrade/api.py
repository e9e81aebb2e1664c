"""The tech-trade API (django-ninja): needs, technologies and challenges (public fields), one
item's confidential details for those entitled (audited like the page), matches with their
explanations, and funnel statistics.

Layering: techtrade does not import ``sadari.api``; the API layer builds this router with
``build_router(paginate=..., error_schema=...)`` and mounts it at ``/api/v1/techtrade``.
Missing and forbidden are the same 404 (the selectors'); confidential details appear only in
the detail endpoints, and only as ``details_ko``/``details_en`` keys present for entitled
callers.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from sadari.directory.models import Organization
from sadari.techtrade import funnel, matching
from sadari.techtrade.enums import ListingStatus
from sadari.techtrade.models import Challenge, TechNeed, Technology
from sadari.techtrade.rules import PROPOSER_KINDS, can_view_listing_details
from sadari.techtrade.selectors import (
    ListingFilters,
    access_challenge,
    access_need,
    access_technology,
    challenge_list_for,
    need_list_for,
    technology_list_for,
)
from sadari.techtrade.services import listing_details_read

Paginate = Callable[[Callable[..., Any]], Callable[..., Any]]
_DETAILS = (
    "Confidential: present only for the owner's members and organizations whose detail "
    "request the owner approved after they accepted the owner's NDA. Each read is audited."
)


def _user(request: HttpRequest) -> Any:
    auth = getattr(request, "auth", None)
    if auth is not None:
        return auth
    return getattr(request, "user", None) or AnonymousUser()


# --- schemas ---------------------------------------------------------------------------------


class OrgRef(Schema):
    id: int
    kind: str
    name_ko: str
    name_en: str


def _url(obj: Any) -> str:
    return obj["url"] if isinstance(obj, dict) else obj.get_absolute_url()


class ListingBase(Schema):
    id: int
    owner: OrgRef
    title_ko: str
    title_en: str
    teaser_ko: str
    teaser_en: str
    fields: list[str] = Field(description="Field codes (the directory's industry codes).")
    status: str = Field(description="One of: " + ", ".join(ListingStatus.values))
    published_at: datetime | None
    is_fictional: bool
    url: str = Field(description="The page.")

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return _url(obj)


class NeedSummary(ListingBase):
    """A need's public fields."""

    problem_ko: str
    problem_en: str
    outcome_ko: str
    outcome_en: str
    trl_wanted: int | None
    budget_min_krw: int | None
    budget_max_krw: int | None
    deadline: date | None


class TechnologySummary(ListingBase):
    """A technology offer's public fields."""

    description_ko: str
    description_en: str
    trl: int | None
    patents: list[str] = Field(description="KIPRIS numbers (10-2023-0123456, 10-1234567).")
    licensing_models: list[str]
    price_min_krw: int | None
    price_max_krw: int | None


class DetailsMixin(Schema):
    can_view_details: bool = Field(description="Whether the caller may read the details.")
    details_ko: str | None = Field(None, description=_DETAILS)
    details_en: str | None = Field(None, description=_DETAILS)


class NeedOut(DetailsMixin, NeedSummary):
    pass


class TechnologyOut(DetailsMixin, TechnologySummary):
    pass


class ChallengeOut(Schema):
    id: int
    host: OrgRef
    kind: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    problem_ko: str
    problem_en: str
    eligibility_ko: str
    eligibility_en: str
    fields: list[str]
    opens_on: date
    closes_on: date
    announce_on: date | None
    poc_starts_on: date | None
    poc_ends_on: date | None
    poc_fund_krw: int | None
    max_selected: int
    status: str
    is_fictional: bool
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class ExplanationOut(Schema):
    shared_terms: list[str]
    field_overlap: list[str]
    trl_fit: float | None
    budget_fit: float | None
    semantic: float | None
    components: dict[str, float] = Field(description="Each feature's part of the score.")
    summary_ko: str
    summary_en: str


class MatchOut(Schema):
    rank: int
    score: float
    kind: str = Field(description="need, technology or challenge")
    id: int
    title_ko: str
    title_en: str
    owner: OrgRef
    url: str
    explanation: ExplanationOut


class StageOut(Schema):
    stage: str
    label: str
    reached: int
    current: int
    dropped_here: int
    conversion: float | None = Field(description="Deals that reached the next stage ÷ reached.")
    median_days: float | None = Field(description="Median days in the stage (deals that left).")


class FunnelOut(Schema):
    scope: str
    label: str
    total: int
    open: int
    contracts: int
    dropped: int
    overall_conversion: float | None
    stages: list[StageOut]
    drop_reasons: dict[str, int]


class ListingQuery(Schema):
    q: str | None = Field(None, max_length=200, description="Words in the public text.")
    field: str | None = Field(None, description="A field code.")
    trl: int | None = Field(None, ge=1, le=9)
    owner: int | None = Field(None, description="The owner organization's id.")
    status: str | None = Field(None, description="open (default: open and paused), closed …")


class MatchQuery(Schema):
    k: int = Field(10, ge=1, le=matching.MAX_K)


class FunnelQuery(Schema):
    scope: str | None = Field(
        None, max_length=40, description="city, corporate:<id>, institution:<id>"
    )


# --- operations ------------------------------------------------------------------------------


def _filters(params: ListingQuery) -> ListingFilters:
    return ListingFilters.from_params(
        {k: "" if v is None else str(v) for k, v in params.dict().items()}
    )


def list_needs(request: HttpRequest, params: Query[ListingQuery]) -> QuerySet[TechNeed]:
    """Needs (public fields). Confidential details are never in lists."""
    return need_list_for(user=_user(request), filters=_filters(params))


def list_technologies(request: HttpRequest, params: Query[ListingQuery]) -> QuerySet[Technology]:
    """Technology offers (public fields). Confidential details are never in lists."""
    return technology_list_for(user=_user(request), filters=_filters(params))


def _with_details(user: Any, item: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        name: getattr(item, name)
        for name in (NeedSummary if isinstance(item, TechNeed) else TechnologySummary).model_fields
        if name not in ("owner", "url")
    }
    body["owner"] = item.owner
    body["url"] = item.get_absolute_url()
    body["can_view_details"] = bool(can_view_listing_details(user, item))
    if body["can_view_details"]:
        details = listing_details_read(user=user, item=item, via="api")
        body["details_ko"], body["details_en"] = details["ko"], details["en"]
    return body


def get_need(request: HttpRequest, id: int) -> dict[str, Any]:
    """One need; ``details_ko``/``details_en`` only for those entitled (audited)."""
    user = _user(request)
    return _with_details(user, access_need(user=user, need_id=id))


def get_technology(request: HttpRequest, id: int) -> dict[str, Any]:
    """One technology; ``details_ko``/``details_en`` only for those entitled (audited)."""
    user = _user(request)
    return _with_details(user, access_technology(user=user, technology_id=id))


def _match(row: matching.MatchRow, kind: str) -> dict[str, Any]:
    item = row.item
    owner = item.host if isinstance(item, Challenge) else item.owner
    return {
        "rank": row.result.rank,
        "score": round(row.result.score, 6),
        "kind": kind,
        "id": item.pk,
        "title_ko": item.title_ko,
        "title_en": item.title_en,
        "owner": owner,
        "url": item.get_absolute_url(),
        "explanation": row.explanation_dict(),
    }


def need_matches(request: HttpRequest, id: int, params: Query[MatchQuery]) -> list[dict]:
    """Open technologies for a need, best first, each with "why this match" (computed over
    public text only)."""
    need = access_need(user=_user(request), need_id=id)
    return [_match(r, "technology") for r in matching.technologies_for_need(need=need, k=params.k)]


def technology_matches(request: HttpRequest, id: int, params: Query[MatchQuery]) -> list[dict]:
    """Open needs for a technology, best first, with explanations."""
    tech = access_technology(user=_user(request), technology_id=id)
    return [_match(r, "need") for r in matching.needs_for_technology(technology=tech, k=params.k)]


def list_challenges(request: HttpRequest, params: Query[ListingQuery]) -> QuerySet[Challenge]:
    """Open-innovation challenges (drafts only for their hosts)."""
    return challenge_list_for(user=_user(request), filters=_filters(params))


def get_challenge(request: HttpRequest, id: int) -> Challenge:
    """One challenge."""
    return access_challenge(user=_user(request), challenge_id=id)


def organization_challenge_matches(
    request: HttpRequest, id: int, params: Query[MatchQuery]
) -> list[dict]:
    """Open challenges for a startup or university lab (its public profile and technologies
    as the query)."""
    org = Organization.objects.filter(pk=id, kind__in=PROPOSER_KINDS).first()
    if org is None:
        raise Http404
    rows = matching.challenges_for_organization(organization=org, k=params.k)
    return [_match(r, "challenge") for r in rows]


def get_funnel(request: HttpRequest, params: Query[FunnelQuery]) -> dict[str, Any]:
    """Deal-funnel statistics: city operators any scope, institution staff their
    institutions, a corporate's members their corporate (404 otherwise)."""
    scope = funnel.access_scope(user=_user(request), key=params.scope or "")
    stats = funnel.funnel_stats(funnel.deals_in(scope))
    return {
        "scope": scope.key,
        "label": scope.label,
        "total": stats.total,
        "open": stats.open,
        "contracts": stats.contracts,
        "dropped": stats.dropped,
        "overall_conversion": stats.overall_conversion,
        "stages": [r.__dict__ for r in stats.rows],
        "drop_reasons": dict(stats.drop_reasons),
    }


# --- the router ------------------------------------------------------------------------------


def build_router(*, paginate: Paginate, error_schema: Any = None) -> Router:
    """The tech-trade router; ``paginate`` is the API layer's cursor pagination."""
    router = Router(tags=["techtrade"])

    def errors(*codes: int) -> dict[int, Any]:
        return dict.fromkeys(codes, error_schema) if error_schema is not None else {}

    def add(path, func, response, name, *, is_list=False, codes=(401, 404, 422), **kw):
        if is_list:
            func = paginate(func)
        router.get(
            path,
            response={200: response} | errors(*codes),
            url_name=f"techtrade-{name}",
            operation_id=f"techtrade_{name.replace('-', '_')}",
            **kw,
        )(func)

    add("/needs", list_needs, list[NeedSummary], "need-list", is_list=True, codes=(400, 401, 422))
    add("/needs/{id}", get_need, NeedOut, "need-detail", exclude_unset=True)
    add("/needs/{id}/matches", need_matches, list[MatchOut], "need-matches")
    add(
        "/technologies", list_technologies, list[TechnologySummary], "technology-list",
        is_list=True, codes=(400, 401, 422),
    )  # fmt: skip
    add(
        "/technologies/{id}", get_technology, TechnologyOut, "technology-detail", exclude_unset=True
    )
    add("/technologies/{id}/matches", technology_matches, list[MatchOut], "technology-matches")
    add(
        "/challenges", list_challenges, list[ChallengeOut], "challenge-list", is_list=True,
        codes=(400, 401, 422),
    )  # fmt: skip
    add("/challenges/{id}", get_challenge, ChallengeOut, "challenge-detail")
    add(
        "/organizations/{id}/challenge-matches", organization_challenge_matches, list[MatchOut],
        "organization-challenge-matches",
    )  # fmt: skip
    add("/funnel", get_funnel, FunnelOut, "funnel")
    return router
