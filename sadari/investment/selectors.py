"""Investment reads: ``<entity>_list_for(*, user)`` (the only way lists are read) and
``access_<entity>(*, user, <entity>_id, action)`` (the only way one is read): Http404 for
missing and forbidden alike. Documents' bytes are read only through
``services.document_read``, which watermarks and audits."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sadari.accounts.rules import org_ids_of
from sadari.common.models import AuditEvent
from sadari.directory.enums import Industry, OrgKind
from sadari.directory.models import Organization
from sadari.investment.enums import (
    OPEN_INTRO_STATUSES,
    InvestorType,
    Region,
    RoundSource,
    RoundType,
)
from sadari.investment.models import (
    DataRoom,
    DataRoomDocument,
    DataRoomGrant,
    Fund,
    FundingRound,
    IntroRequest,
    InvestorProfile,
    Notification,
    RoundInvestor,
)
from sadari.investment.names import investor_name_variants
from sadari.investment.rules import (
    INVESTOR_KINDS,
    can_decide_intro,
    can_forward_intro,
    can_manage_dataroom,
    can_view_dataroom,
    can_view_intro,
    can_withdraw_intro,
    is_investor_member,
    org_ids_of_kind,
)

MAX_QUERY_LENGTH = 100
DOCUMENT_ACTIONS = ("investment.document.view", "investment.document.download")
ROOM_VIEW_ACTION = "investment.dataroom.view"


def _int(params: Any, name: str, low: int, high: int) -> int | None:
    try:
        value = int(params.get(name, "") or 0)
    except (TypeError, ValueError):
        return None
    return value if low <= value <= high else None


def _choice(params: Any, name: str, values: Any) -> str:
    value = params.get(name, "") or ""
    return value if value in values else ""


def _words(q: str) -> list[str]:
    return [w for w in q.replace("\x00", " ").split() if w][:6]


# --- rounds ----------------------------------------------------------------------------------


@dataclass
class RoundFilters:
    """Filters of the round list and the statistics; unknown values are ignored."""

    q: str = ""
    round_type: str = ""
    industry: str = ""
    region: str = ""
    year: int | None = None
    source: str = ""
    investor: int | None = None
    company: int | None = None

    @classmethod
    def from_params(cls, params: Any) -> RoundFilters:
        return cls(
            q=(params.get("q", "") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH],
            round_type=_choice(params, "round_type", RoundType.values),
            industry=_choice(params, "industry", Industry.values),
            region=_choice(params, "region", Region.values),
            year=_int(params, "year", 1900, 2100),
            source=_choice(params, "source", RoundSource.values),
            investor=_int(params, "investor", 1, 2**62),
            company=_int(params, "company", 1, 2**62),
        )

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v}


def _region_cities(region: str) -> Q:
    """Organizations whose ``city`` lies in ``region`` (the prefixes ``region_of`` reads)."""
    from sadari.investment.enums import _GYEONGGI_CITIES, _REGION_PREFIXES

    condition = Q()
    for prefix, code in _REGION_PREFIXES:
        if code == region:
            condition |= Q(company__city__istartswith=prefix)
    if region == Region.GYEONGGI:
        for city in _GYEONGGI_CITIES:
            condition |= Q(company__city__startswith=city)
    if region == Region.OVERSEAS:
        korean = Q()
        for prefix, _code in _REGION_PREFIXES:
            korean |= Q(company__city__istartswith=prefix)
        return ~korean & ~Q(company__city="") & ~Q(company__city__regex=r"[가-힣]")
    return condition


def round_list_for(*, user: Any, filters: RoundFilters | None = None) -> QuerySet[FundingRound]:
    """Rounds (public data: every visitor sees every round), filtered."""
    qs = FundingRound.objects.select_related("company")
    if filters is None:
        return qs
    for word in _words(filters.q):
        qs = qs.filter(Q(company__name_ko__icontains=word) | Q(company__name_en__icontains=word))
    if filters.round_type:
        qs = qs.filter(round_type=filters.round_type)
    if filters.industry:
        qs = qs.filter(company__industry=filters.industry)
    if filters.region:
        qs = qs.filter(_region_cities(filters.region))
    if filters.year:
        qs = qs.filter(announced_on__year=filters.year)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.investor:
        qs = qs.filter(roundinvestor__investor_id=filters.investor)
    if filters.company:
        qs = qs.filter(company_id=filters.company)
    return qs


def access_round(*, user: Any, round_id: Any) -> FundingRound:
    """A round (public), or Http404 when there is none."""
    try:
        return FundingRound.objects.select_related("company").get(pk=round_id)
    except (FundingRound.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def round_investors(funding_round: FundingRound) -> list[RoundInvestor]:
    return list(
        RoundInvestor.objects.filter(round=funding_round)
        .select_related("investor")
        .order_by("-is_lead", "investor__sort_name")
    )


# --- investors -------------------------------------------------------------------------------

_PICKED_ID = re.compile(r"\(#(\d{1,18})\)\s*$")


def investors_named(name: str, limit: int = 5) -> list[Organization]:
    """Investor organizations a typed name may mean, best first: ``"이름 (#12)"`` (as the
    pickers offer) is that one; else an exact Korean or English name (any case); else the same
    normalized name (``(주)``, ``주식회사``, spacing ignored: ``normalize_company_name``); else
    a picker investor with the same name variant (``names.investor_name_variants``). More
    than one means the caller must ask which."""
    from sadari_core.text.company import normalize_company_name

    text = (name or "").replace("\x00", "").strip()[:200]
    if not text:
        return []
    base = Organization.objects.filter(kind__in=INVESTOR_KINDS, merged_into__isnull=True)
    picked = _PICKED_ID.search(text)
    if picked:
        return list(base.filter(pk=int(picked.group(1))))
    exact = list(
        base.filter(Q(name_ko__iexact=text) | Q(name_en__iexact=text)).order_by("pk")[:limit]
    )
    if exact:
        return exact
    key = normalize_company_name(text)
    if not key:
        return []
    first = key.replace(" ", "")[:2]
    candidates = base.filter(Q(name_ko__icontains=first) | Q(name_en__icontains=first))[:2000]
    same = [
        o
        for o in candidates
        if key in (normalize_company_name(o.name_ko), normalize_company_name(o.name_en or ""))
    ]
    if same:
        return same[:limit]
    # "KB Investment" typed for the directory's "KB인베스트먼트": name variants, among the
    # investors the picker offers (a bounded list), only when exactly one matches.
    wanted = investor_name_variants(text)
    by_variant = [
        o
        for o in investor_choices()
        if wanted & (investor_name_variants(o.name_ko) | investor_name_variants(o.name_en or ""))
    ]
    return by_variant[:limit]


def investor_choices() -> list[Organization]:
    """Investors offered in pickers (round entry, data-room grants): Korean investors with a
    profile (entered, demo or VCS) — not the thousands of imported Crunchbase investors."""
    sources = [RoundSource.MANUAL, RoundSource.DEMO, RoundSource.VCS]
    return list(
        Organization.objects.filter(
            kind__in=INVESTOR_KINDS,
            merged_into__isnull=True,
            investor_profile__source__in=sources,
        ).order_by("sort_name")[:800]
    )


@dataclass
class InvestorFilters:
    q: str = ""
    investor_type: str = ""
    stage: str = ""
    industry: str = ""
    region: str = ""
    with_thesis: bool = False

    @classmethod
    def from_params(cls, params: Any) -> InvestorFilters:
        return cls(
            q=(params.get("q", "") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH],
            investor_type=_choice(params, "type", InvestorType.values),
            stage=_choice(params, "stage", RoundType.values),
            industry=_choice(params, "industry", Industry.values),
            region=_choice(params, "region", Region.values),
            with_thesis=params.get("thesis") == "1",
        )

    def active(self) -> dict[str, Any]:
        values = {k: v for k, v in self.__dict__.items() if v and k != "with_thesis"}
        if self.with_thesis:
            values["thesis"] = "1"
        return values


def investor_list_for(
    *, user: Any, filters: InvestorFilters | None = None
) -> QuerySet[Organization]:
    """Investor organizations (public) with their profile and deal count, filtered; the ones
    with a declared thesis and the most deals first."""
    qs = (
        Organization.objects.filter(kind=OrgKind.INVESTOR, merged_into__isnull=True)
        .select_related("investor_profile")
        .annotate(deal_count=Count("roundinvestor", distinct=True))
    )
    if filters is None:
        return qs
    for word in _words(filters.q):
        qs = qs.filter(Q(name_ko__icontains=word) | Q(name_en__icontains=word))
    if filters.investor_type:
        qs = qs.filter(investor_profile__investor_type=filters.investor_type)
    # JSON list membership, portable across SQLite and PostgreSQL: the code is quoted.
    if filters.stage:
        qs = qs.filter(investor_profile__thesis_stages__icontains=f'"{filters.stage}"')
    if filters.industry:
        qs = qs.filter(investor_profile__thesis_industries__icontains=f'"{filters.industry}"')
    if filters.region:
        qs = qs.filter(investor_profile__thesis_regions__icontains=f'"{filters.region}"')
    if filters.with_thesis:
        qs = qs.exclude(investor_profile__isnull=True).exclude(investor_profile__thesis_stages=[])
    return qs


def access_investor(*, user: Any, organization_id: Any, action: str = "view") -> Organization:
    """The investor organization if ``user`` may ``action`` it ("view" | "edit": its own
    members), else Http404."""
    try:
        org = Organization.objects.select_related("investor_profile").get(
            pk=organization_id, kind__in=INVESTOR_KINDS
        )
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if action == "view" or (action == "edit" and is_investor_member(user, org)):
        return org
    raise Http404


def profile_of(org: Organization) -> InvestorProfile | None:
    try:
        return org.investor_profile
    except InvestorProfile.DoesNotExist:
        return None


@dataclass
class PortfolioRow:
    company: Organization
    rounds: int
    led: int
    first_on: Any
    last_on: Any
    last_type: str
    total_krw: int | None


@dataclass
class Portfolio:
    rows: list[PortfolioRow]
    deals: int
    led: int
    by_stage: list[tuple[str, str, int]]
    by_industry: list[tuple[str, str, int]]
    by_year: list[tuple[int, int]]
    co_investors: list[tuple[Organization, int]]


def portfolio_for(*, investor: Organization, limit: int = 200) -> Portfolio:
    """The companies an investor backed, derived from the rounds it took part in (a constant
    number of queries), with its deals by stage, industry and year and its top co-investors."""
    links = list(
        RoundInvestor.objects.filter(investor=investor)
        .select_related("round", "round__company")
        .order_by("-round__announced_on", "-round_id")
    )
    by_company: dict[int, PortfolioRow] = {}
    stage_counts: Counter[str] = Counter()
    industry_counts: Counter[str] = Counter()
    year_counts: Counter[int] = Counter()
    for link in links:
        r = link.round
        stage_counts[r.round_type] += 1
        industry_counts[r.company.industry or ""] += 1
        year_counts[r.announced_on.year] += 1
        row = by_company.get(r.company_id)
        if row is None:
            row = by_company[r.company_id] = PortfolioRow(
                company=r.company,
                rounds=0,
                led=0,
                first_on=r.announced_on,
                last_on=r.announced_on,
                last_type=r.get_round_type_display(),
                total_krw=None,
            )
        row.rounds += 1
        row.led += int(link.is_lead)
        row.first_on = min(row.first_on, r.announced_on)
        if r.amount_krw:
            row.total_krw = (row.total_krw or 0) + r.amount_krw
    round_ids = [link.round_id for link in links]
    co = Counter(
        RoundInvestor.objects.filter(round_id__in=round_ids)
        .exclude(investor=investor)
        .values_list("investor_id", flat=True)
    )
    top = co.most_common(8)
    names = Organization.objects.in_bulk([pk for pk, _n in top])
    stage_labels = dict(RoundType.choices)
    industry_labels = dict(Industry.choices)
    return Portfolio(
        rows=list(by_company.values())[:limit],
        deals=len(links),
        led=sum(1 for link in links if link.is_lead),
        by_stage=[
            (code, str(stage_labels.get(code, code)), n) for code, n in stage_counts.most_common()
        ],
        by_industry=[
            (code, str(industry_labels.get(code, code or "-")), n)
            for code, n in industry_counts.most_common(8)
        ],
        by_year=sorted(year_counts.items()),
        co_investors=[(names[pk], n) for pk, n in top if pk in names],
    )


def fund_list_for(*, investor: Organization) -> QuerySet[Fund]:
    return Fund.objects.filter(manager=investor)


def fund_totals(*, investor: Organization) -> dict[str, Any]:
    return Fund.objects.filter(manager=investor).aggregate(
        count=Count("id"),
        total=Sum("size_krw"),
        first=Min("established_on"),
        last=Max("established_on"),
    )


# --- intro requests --------------------------------------------------------------------------


@dataclass
class IntroLists:
    outgoing: QuerySet[IntroRequest]  # the user's startups asked
    incoming: QuerySet[IntroRequest]  # asked of the user's investor organizations
    introducing: QuerySet[IntroRequest]  # through the user's institutions


def intro_list_for(*, user: Any) -> IntroLists:
    """The intro requests the user may see, by the side they are on. An investor sees a
    request only once it reaches them (directly, or forwarded by the introducer)."""
    ids = org_ids_of(user)
    base = IntroRequest.objects.select_related("startup", "investor", "introducer", "requested_by")
    return IntroLists(
        outgoing=base.filter(startup_id__in=ids),
        incoming=base.filter(investor_id__in=ids).exclude(
            status__in=["at_introducer", "not_forwarded"]
        ),
        introducing=base.filter(introducer_id__in=ids),
    )


def access_intro(*, user: Any, intro_id: Any, action: str = "view") -> IntroRequest:
    """The request if ``user`` may ``action`` it ("view" | "decide" (investor) | "forward"
    (introducer) | "withdraw" (startup)), else Http404. An investor cannot see a request that
    still waits for its introducer."""
    try:
        intro = IntroRequest.objects.select_related(
            "startup", "investor", "introducer", "requested_by"
        ).get(pk=intro_id)
    except (IntroRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    check = {
        "view": can_view_intro,
        "decide": can_decide_intro,
        "forward": can_forward_intro,
        "withdraw": can_withdraw_intro,
    }.get(action)
    if check is None or not check(user, intro):
        raise Http404
    ids = org_ids_of(user)
    only_investor_side = intro.investor_id in ids and not (
        intro.startup_id in ids or (intro.introducer_id and intro.introducer_id in ids)
    )
    if only_investor_side and intro.status in ("at_introducer", "not_forwarded"):
        raise Http404
    return intro


def intros_this_week(*, user: Any) -> QuerySet[IntroRequest]:
    """Requests the user made in the last 7 days (what the weekly limit counts)."""
    since = timezone.now() - timedelta(days=7)
    return IntroRequest.objects.filter(requested_by=user, created_at__gte=since)


def open_intro_between(*, startup: Organization, investor: Organization) -> IntroRequest | None:
    return IntroRequest.objects.filter(
        startup=startup, investor=investor, status__in=OPEN_INTRO_STATUSES
    ).first()


def introducers_for(*, startup: Organization) -> list[Organization]:
    """Who may introduce the startup: the institution it is based at (``host``)."""
    if startup.host_id is None:
        return []
    host = Organization.objects.filter(pk=startup.host_id).first()
    return [host] if host is not None else []


# --- notifications ---------------------------------------------------------------------------


def notification_list_for(*, user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(*, user: Any) -> int:
    return notification_list_for(user=user).filter(read_at__isnull=True).count()


# --- data rooms ------------------------------------------------------------------------------


def dataroom_list_for(*, user: Any) -> tuple[QuerySet[DataRoom], QuerySet[DataRoom]]:
    """(own, shared): the rooms of the user's startups, and rooms shared with the user's
    investor organizations by an active grant."""
    ids = org_ids_of(user)
    own = DataRoom.objects.select_related("startup").filter(startup_id__in=ids)
    investor_ids = org_ids_of_kind(user, INVESTOR_KINDS)
    shared = (
        DataRoom.objects.select_related("startup")
        .filter(
            grants__investor_id__in=investor_ids,
            grants__revoked_at__isnull=True,
            grants__expires_at__gt=timezone.now(),
        )
        .distinct()
    )
    return own, shared


def access_dataroom(*, user: Any, room_id: Any, action: str = "view") -> DataRoom:
    """The room if ``user`` may ``action`` it ("view": the startup's members and investors
    with an active grant | "manage": the startup's members), else Http404."""
    try:
        room = DataRoom.objects.select_related("startup").get(pk=room_id)
    except (DataRoom.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    check = {"view": can_view_dataroom, "manage": can_manage_dataroom}.get(action)
    if check is None or not check(user, room):
        raise Http404
    return room


def access_document(*, user: Any, document_id: Any) -> DataRoomDocument:
    """A document of a room the user may view, else Http404."""
    try:
        document = DataRoomDocument.objects.select_related("room", "room__startup").get(
            pk=document_id
        )
    except (DataRoomDocument.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_view_dataroom(user, document.room):
        raise Http404
    return document


def access_grant(*, user: Any, grant_id: Any) -> DataRoomGrant:
    """A grant of a room the user manages, else Http404."""
    try:
        grant = DataRoomGrant.objects.select_related("room", "investor").get(pk=grant_id)
    except (DataRoomGrant.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_manage_dataroom(user, grant.room):
        raise Http404
    return grant


@dataclass
class AccessLogRow:
    at: Any
    actor: Any
    organizations: list[str]
    action: str
    document: str
    via: str


def dataroom_access_log(*, room: DataRoom, limit: int = 300) -> list[AccessLogRow]:
    """Who opened the room or read/downloaded which document, newest first (the audit trail).
    Only for the room's owners: the caller has checked ``access_dataroom(action="manage")``."""
    documents = {
        str(d.pk): d.title for d in DataRoomDocument.objects.filter(room=room).only("pk", "title")
    }
    events = list(
        AuditEvent.objects.filter(
            Q(target_type="investment.dataroomdocument", target_id__in=list(documents))
            | Q(target_type="investment.dataroom", target_id=str(room.pk)),
            action__in=[*DOCUMENT_ACTIONS, ROOM_VIEW_ACTION],
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    org_ids = {i for e in events for i in e.detail.get("organizations", [])}
    names = dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "name_ko"))
    return [
        AccessLogRow(
            at=e.at,
            actor=e.actor,
            organizations=[names.get(i, str(i)) for i in e.detail.get("organizations", [])],
            action=e.action,
            document=documents.get(e.target_id, "")
            if e.target_type == "investment.dataroomdocument"
            else "",
            via=e.detail.get("via", ""),
        )
        for e in events
    ]
