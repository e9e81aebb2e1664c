"""The investment API (django-ninja): rounds, investors with their public thesis and funds,
statistics — public; recommendations for the organization's own members; data rooms, their
documents and downloads (watermarked PDFs and workbooks, audited like the pages) for the entitled only.

Layering: investment does not import ``sadari.api``; the API layer builds this router with
``build_router(paginate=..., error_schema=...)`` and mounts it at ``/api/v1/investment``.
Missing and forbidden are the same 404 (the selectors').
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from sadari.directory.models import Organization
from sadari.investment import stats as statistics
from sadari.investment.models import FundingRound
from sadari.investment.rules import (
    INVESTOR_KINDS,
    STARTUP_KINDS,
    can_record_round,
    org_ids_of_kind,
)
from sadari.investment.selectors import (
    InvestorFilters,
    RoundFilters,
    access_dataroom,
    access_document,
    access_investor,
    access_round,
    dataroom_list_for,
    fund_list_for,
    investor_list_for,
    portfolio_for,
    profile_of,
    round_investors,
    round_list_for,
)
from sadari.investment.services import (
    MAX_ROUND_INVESTORS,
    dataroom_view_record,
    document_read,
    round_delete,
    round_is_editable,
    round_record,
    round_update,
)

Paginate = Callable[[Callable[..., Any]], Callable[..., Any]]


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


class RoundInvestorOut(Schema):
    investor: OrgRef
    is_lead: bool


class RoundOut(Schema):
    id: int
    company: OrgRef
    round_type: str
    announced_on: date
    amount_krw: int | None = Field(
        description="KRW. Approximate when ``is_converted``: the round was raised in another "
        "currency and converted at the year's average exchange rate (rounded annual averages)."
    )
    currency: str
    amount_original: int | None = Field(description="In ``currency`` when it is not KRW.")
    is_converted: bool = Field(
        False, description="``amount_krw`` is an approximate conversion of ``amount_original``."
    )
    source: str
    is_fictional: bool
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj["url"] if isinstance(obj, dict) else obj.get_absolute_url()

    @staticmethod
    def resolve_is_converted(obj: Any) -> bool:
        if isinstance(obj, dict):
            return obj.get("currency", "KRW") != "KRW" and obj.get("amount_original") is not None
        return bool(obj.is_converted)


class RoundDetailOut(RoundOut):
    investors: list[RoundInvestorOut]
    note: str


class RoundInvestorIn(Schema):
    id: int = Field(description="The investor's directory id.")
    is_lead: bool = False


class RoundIn(Schema):
    """A round entered by hand (source ``manual``). ``amount`` is in ``currency`` (whole
    units), null when undisclosed; another currency than KRW is converted approximately."""

    round_type: str = Field(description="seed, pre_a, series_a, … (the round-list filter's values)")
    announced_on: date
    currency: str = "KRW"
    amount: int | None = None
    investors: list[RoundInvestorIn] = Field(default_factory=list, max_length=MAX_ROUND_INVESTORS)
    note: str = Field("", max_length=2000)


class _CodedError(HttpError):
    """An HttpError with the machine-readable ``code`` the API layer puts in the body."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code, message)
        self.code = code


class ThesisOut(Schema):
    investor_type: str
    stages: list[str]
    industries: list[str]
    regions: list[str]
    ticket_min_krw: int | None
    ticket_max_krw: int | None
    fund_vintage: int | None
    fund_size_krw: int | None
    thesis_ko: str
    thesis_en: str
    is_accepting_intros: bool
    is_fictional: bool = Field(description="Demo data.")


class InvestorOut(Schema):
    id: int
    name_ko: str
    name_en: str
    category: str
    deal_count: int = Field(0, description="Rounds it took part in.")
    thesis: ThesisOut | None = Field(None, description="The declared thesis (public).")
    url: str

    @staticmethod
    def resolve_thesis(obj: Any) -> dict[str, Any] | None:
        return obj["thesis"] if isinstance(obj, dict) else _thesis(obj)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        pk = obj["id"] if isinstance(obj, dict) else obj.pk
        return f"/investment/investors/{pk}/"


class FundOut(Schema):
    name: str
    size_krw: int | None
    established_on: date | None
    expires_on: date | None
    source: str


class PortfolioCompanyOut(Schema):
    company: OrgRef
    rounds: int
    led: int
    first_on: date
    last_on: date


class InvestorDetailOut(InvestorOut):
    funds: list[FundOut]
    portfolio: list[PortfolioCompanyOut]
    co_investors: list[OrgRef]


class StatRowOut(Schema):
    key: str
    label: str
    rounds: int
    rounds_with_amount: int
    amount_krw: int


class StatsOut(Schema):
    by: str
    rounds: int
    amount_krw: int
    companies: int
    investors: int
    rows: list[StatRowOut]


class SuggestionOut(Schema):
    rank: int
    score: float
    organization: OrgRef
    is_cold_start: bool
    summary_ko: str
    summary_en: str
    reasons: list[dict[str, Any]]


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    size: int
    pages: int | None
    sha256: str
    uploaded_at: datetime
    download_url: str


class DataRoomOut(Schema):
    id: int
    title: str
    startup: OrgRef
    url: str


class DataRoomDetailOut(DataRoomOut):
    documents: list[DocumentOut]


class RoundQuery(Schema):
    q: str | None = Field(None, max_length=100, description="Words in the company's name.")
    round_type: str | None = None
    industry: str | None = None
    region: str | None = None
    year: int | None = Field(None, ge=1900, le=2100)
    source: str | None = None
    investor: int | None = Field(None, ge=1)
    company: int | None = Field(None, ge=1)


class InvestorQuery(Schema):
    q: str | None = Field(None, max_length=100)
    type: str | None = Field(None, description="vc, cvc, accelerator, angel, public_fund")
    stage: str | None = Field(None, description="A round type in the thesis.")
    industry: str | None = None
    region: str | None = None


class StatsQuery(RoundQuery):
    by: str = Field("quarter", pattern="^(quarter|stage|industry|region)$")


class KQuery(Schema):
    k: int = Field(10, ge=1, le=50)


# --- operations ------------------------------------------------------------------------------


def _params(params: Schema) -> dict[str, str]:
    return {k: "" if v is None else str(v) for k, v in params.dict().items()}


def list_rounds(request: HttpRequest, params: Query[RoundQuery]) -> QuerySet[FundingRound]:
    """Funding rounds (public), filtered."""
    return round_list_for(user=_user(request), filters=RoundFilters.from_params(_params(params)))


def get_round(request: HttpRequest, id: int) -> dict[str, Any]:
    r = access_round(user=_user(request), round_id=id)
    body = {name: getattr(r, name) for name in RoundOut.model_fields if name != "url"}
    body["url"] = r.get_absolute_url()
    body["note"] = r.note
    body["investors"] = [
        {"investor": link.investor, "is_lead": link.is_lead} for link in round_investors(r)
    ]
    return body


def _writer(request: HttpRequest) -> Any:
    user = _user(request)
    if not getattr(user, "is_authenticated", False):
        raise _CodedError(401, "not_authenticated", "Log in or send an API token.")
    return user


def _round_fields(payload: RoundIn) -> dict[str, Any]:
    ids = [ref.id for ref in payload.investors]
    found = Organization.objects.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise _CodedError(
            422, "round_investor", f"No investor with these ids in the directory: {missing}"
        )
    return {
        "round_type": payload.round_type,
        "announced_on": payload.announced_on,
        "currency": payload.currency,
        "amount": payload.amount,
        "investors": [(found[ref.id], ref.is_lead) for ref in payload.investors],
        "note": payload.note,
    }


def _refused(exc: ValidationError) -> _CodedError:
    code = getattr(exc, "code", None) or "validation_error"
    if hasattr(exc, "error_dict"):
        parts = [f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()]
        errors = [e for errs in exc.error_dict.values() for e in errs]
        code = next((e.code for e in errors if e.code and e.code != "invalid"), code)
        return _CodedError(422, code, "; ".join(parts))
    return _CodedError(422, code, " ".join(exc.messages))


def create_round(request: HttpRequest, id: int, payload: RoundIn) -> Status:
    """Records a round for company ``id``: its members, institution staff and city operators
    (others: 404). The named investors are told, as on the page."""
    user = _writer(request)
    company = Organization.objects.filter(pk=id, merged_into__isnull=True).first()
    if company is None or not can_record_round(user, company):
        raise Http404
    try:
        r = round_record(company=company, by=user, **_round_fields(payload))
    except ValidationError as exc:
        raise _refused(exc) from None
    return Status(201, get_round(request, r.pk))


def _editable_round(request: HttpRequest, id: int) -> tuple[Any, FundingRound]:
    user = _writer(request)
    r = access_round(user=user, round_id=id)
    if not can_record_round(user, r.company):
        raise Http404
    if not round_is_editable(r):
        raise _CodedError(
            409, "round_not_manual", "This round comes from an import or a feed; ask its source."
        )
    return user, r


def update_round(request: HttpRequest, id: int, payload: RoundIn) -> dict[str, Any]:
    """Replaces a round entered on Sadari (all fields, investors included)."""
    user, r = _editable_round(request, id)
    try:
        round_update(funding_round=r, by=user, **_round_fields(payload))
    except ValidationError as exc:
        raise _refused(exc) from None
    return get_round(request, r.pk)


def delete_round(request: HttpRequest, id: int) -> Status:
    """Removes a round entered on Sadari."""
    user, r = _editable_round(request, id)
    round_delete(funding_round=r, by=user)
    return Status(204, None)


def _thesis(org: Organization) -> dict[str, Any] | None:
    p = profile_of(org)
    if p is None:
        return None
    return {
        "investor_type": p.investor_type, "stages": p.thesis_stages,
        "industries": p.thesis_industries, "regions": p.thesis_regions,
        "ticket_min_krw": p.ticket_min_krw, "ticket_max_krw": p.ticket_max_krw,
        "fund_vintage": p.fund_vintage, "fund_size_krw": p.fund_size_krw,
        "thesis_ko": p.thesis_ko, "thesis_en": p.thesis_en,
        "is_accepting_intros": p.is_accepting_intros, "is_fictional": p.is_fictional,
    }  # fmt: skip


def _investor(org: Organization) -> dict[str, Any]:
    return {
        "id": org.pk, "name_ko": org.name_ko, "name_en": org.name_en, "category": org.category,
        "deal_count": getattr(org, "deal_count", 0), "thesis": _thesis(org),
        "url": f"/investment/investors/{org.pk}/",
    }  # fmt: skip


def list_investors(request: HttpRequest, params: Query[InvestorQuery]) -> QuerySet[Organization]:
    """Investor organizations (public), with their declared thesis when they have one."""
    return investor_list_for(
        user=_user(request), filters=InvestorFilters.from_params(_params(params))
    )


def get_investor(request: HttpRequest, id: int) -> dict[str, Any]:
    """One investor: thesis, funds, portfolio derived from its rounds, frequent co-investors."""
    org = access_investor(user=_user(request), organization_id=id)
    portfolio = portfolio_for(investor=org)
    body = _investor(org)
    body["deal_count"] = portfolio.deals
    body["funds"] = list(fund_list_for(investor=org)[:200])
    body["portfolio"] = [
        {
            "company": row.company,
            "rounds": row.rounds,
            "led": row.led,
            "first_on": row.first_on,
            "last_on": row.last_on,
        }
        for row in portfolio.rows
    ]
    body["co_investors"] = [o for o, _n in portfolio.co_investors]
    return body


def get_stats(request: HttpRequest, params: Query[StatsQuery]) -> dict[str, Any]:
    """Rounds and amounts grouped by quarter, stage (round type), industry or region."""
    values = _params(params)
    rounds = round_list_for(user=_user(request), filters=RoundFilters.from_params(values))
    result = statistics.compute(rounds, params.by)
    return {
        "by": result.dimension, "rounds": result.rounds, "amount_krw": result.amount_krw,
        "companies": result.companies, "investors": result.investors,
        "rows": [
            {
                "key": r.key,
                "label": r.label,
                "rounds": r.rounds,
                "rounds_with_amount": r.with_amount,
                "amount_krw": r.amount_krw,
            }
            for r in result.rows
        ],
    }  # fmt: skip


def _suggestion(s: Any) -> dict[str, Any]:
    from sadari.investment.recommend import explain

    return {
        "rank": s.rank, "score": round(s.score, 6), "organization": s.organization,
        "is_cold_start": s.is_cold_start, "summary_ko": explain(s.explanation, "ko"),
        "summary_en": explain(s.explanation, "en"),
        "reasons": [r.as_dict() for r in s.explanation.reasons],
    }  # fmt: skip


def recommended_investors(
    request: HttpRequest, id: int, params: Query[KQuery]
) -> list[dict[str, Any]]:
    """Investors likely to back the startup next, explained — for the startup's members."""
    user = _user(request)
    if id not in org_ids_of_kind(user, STARTUP_KINDS):
        raise Http404
    from sadari.investment.recommend import investors_for_startup

    startup = Organization.objects.get(pk=id)
    return [_suggestion(s) for s in investors_for_startup(startup=startup, k=params.k)]


def deal_flow(request: HttpRequest, id: int, params: Query[KQuery]) -> list[dict[str, Any]]:
    """Startups that fit the investor, outside its portfolio — for the investor's members."""
    user = _user(request)
    if id not in org_ids_of_kind(user, INVESTOR_KINDS):
        raise Http404
    from sadari.investment.recommend import deal_flow_for

    investor = Organization.objects.get(pk=id)
    return [_suggestion(s) for s in deal_flow_for(investor=investor, k=params.k)]


def _room(room: Any, with_documents: bool = False) -> dict[str, Any]:
    body = {
        "id": room.pk,
        "title": room.title,
        "startup": room.startup,
        "url": room.get_absolute_url(),
    }
    if with_documents:
        body["documents"] = [
            {
                "id": d.pk, "title": d.title, "kind": d.kind, "size": d.size, "pages": d.pages,
                "sha256": d.sha256, "uploaded_at": d.uploaded_at,
                "download_url": f"/api/v1/investment/documents/{d.pk}/download",
            }
            for d in room.documents.all()
        ]  # fmt: skip
    return body


def list_datarooms(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's startups' data rooms and the rooms shared with the caller's investor
    organizations (active grants). Empty for anyone else."""
    own, shared = dataroom_list_for(user=_user(request))
    rooms = {r.pk: r for r in [*own, *shared]}
    return [_room(r) for r in rooms.values()]


def get_dataroom(request: HttpRequest, id: int) -> dict[str, Any]:
    """One data room's documents, for the startup's members and investors with an active
    grant (others: 404). The view is audited and shown to the founder."""
    user = _user(request)
    room = access_dataroom(user=user, room_id=id)
    dataroom_view_record(room=room, user=user, via="api")
    return _room(room, with_documents=True)


def download_document(request: HttpRequest, id: int) -> HttpResponse:
    """The document's file marked for the caller (PDF pages stamped; XLSX headers, footers,
    properties and an added sheet) with their name, organization and the time. Audited
    (``investment.document.download``); ``X-Sadari-Watermark`` names the audit event."""
    user = _user(request)
    document = access_document(user=user, document_id=id)
    copy = document_read(document=document, user=user, via="api")
    response = HttpResponse(copy.data, content_type=copy.content_type)
    suffix = ".xlsx" if copy.filename.endswith(".xlsx") else ".pdf"
    response["Content-Disposition"] = f'attachment; filename="document-{document.pk}{suffix}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Sadari-Watermark"] = copy.reference
    return response


# --- the router ------------------------------------------------------------------------------


def build_router(*, paginate: Paginate, error_schema: Any = None) -> Router:
    """The investment router; ``paginate`` is the API layer's cursor pagination."""
    router = Router(tags=["investment"])

    def errors(*codes: int) -> dict[int, Any]:
        return dict.fromkeys(codes, error_schema) if error_schema is not None else {}

    def add(path, func, response, name, *, is_list=False, codes=(401, 404, 422), **kw):
        if is_list:
            func = paginate(func)
        router.get(
            path,
            response={200: response} | errors(*codes) if response is not None else errors(*codes),
            url_name=f"investment-{name}",
            operation_id=f"investment_{name.replace('-', '_')}",
            **kw,
        )(func)

    add("/rounds", list_rounds, list[RoundOut], "round-list", is_list=True, codes=(400, 401, 422))
    add("/rounds/{id}", get_round, RoundDetailOut, "round-detail")
    router.post(
        "/organizations/{id}/rounds",
        response={201: RoundDetailOut} | errors(401, 404, 409, 422),
        url_name="investment-round-create",
        operation_id="investment_round_create",
    )(create_round)
    router.put(
        "/rounds/{id}",
        response={200: RoundDetailOut} | errors(401, 404, 409, 422),
        url_name="investment-round-update",
        operation_id="investment_round_update",
    )(update_round)
    router.delete(
        "/rounds/{id}",
        response={204: None} | errors(401, 404, 409),
        url_name="investment-round-delete",
        operation_id="investment_round_delete",
    )(delete_round)
    add(
        "/investors", list_investors, list[InvestorOut], "investor-list", is_list=True,
        codes=(400, 401, 422),
    )  # fmt: skip
    add("/investors/{id}", get_investor, InvestorDetailOut, "investor-detail")
    add("/investors/{id}/deal-flow", deal_flow, list[SuggestionOut], "deal-flow")
    add("/stats", get_stats, StatsOut, "stats", codes=(401, 422))
    add(
        "/organizations/{id}/recommended-investors",
        recommended_investors,
        list[SuggestionOut],
        "recommended-investors",
    )
    add("/datarooms", list_datarooms, list[DataRoomOut], "dataroom-list", codes=(401,))
    add("/datarooms/{id}", get_dataroom, DataRoomDetailOut, "dataroom-detail")
    add("/documents/{id}/download", download_document, None, "document-download")
    return router
