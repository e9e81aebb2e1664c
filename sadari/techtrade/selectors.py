"""Tech-trade reads: ``<entity>_list_for(*, user)`` (the only way lists are read) and
``access_<entity>(*, user, <entity>_id, action)`` (the only way one is read): Http404 for
missing and forbidden alike. Lists defer the confidential columns; only
``services.listing_details_read`` hands confidential details out (and audits it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from sadari.accounts.rules import org_ids_of
from sadari.common.models import AuditEvent
from sadari.directory.enums import Industry
from sadari.directory.models import Organization
from sadari.techtrade.enums import (
    ChallengeStatus,
    ListingStatus,
    ProposalStatus,
    RequestStatus,
)
from sadari.techtrade.models import (
    Challenge,
    Deal,
    DetailRequest,
    NdaTemplate,
    Poc,
    Proposal,
    TechNeed,
    Technology,
)
from sadari.techtrade.rules import (
    can_decide_proposal,
    can_edit_challenge,
    can_edit_listing,
    can_edit_poc,
    can_message_deal,
    can_move_deal,
    can_request_details,
    can_view_deal,
    can_view_listing_details,
    can_view_poc,
    can_view_proposal,
    is_owner_member,
    orgs_of,
)

CONFIDENTIAL_FIELDS = ("details_ko", "details_en")
DETAIL_VIEW_ACTIONS = {
    "techtrade.techneed": "techtrade.need.view_details",
    "techtrade.technology": "techtrade.technology.view_details",
}
MAX_QUERY_LENGTH = 200


# --- filters ---------------------------------------------------------------------------------


@dataclass
class ListingFilters:
    """Filters of the need, technology and challenge lists; unknown values are ignored."""

    q: str = ""
    field: str = ""
    trl: int | None = None
    owner: int | None = None
    status: str = ""
    english: bool = False  # only items with English text

    @classmethod
    def from_params(cls, params: Any) -> ListingFilters:
        def _int(name: str, low: int, high: int) -> int | None:
            try:
                value = int(params.get(name, "") or 0)
            except (TypeError, ValueError):
                return None
            return value if low <= value <= high else None

        field_code = params.get("field", "") or ""
        status = params.get("status", "") or ""
        return cls(
            q=(params.get("q", "") or "").strip()[:MAX_QUERY_LENGTH],
            field=field_code if field_code in Industry.values else "",
            trl=_int("trl", 1, 9),
            owner=_int("owner", 1, 2**62),
            status=status if status in ListingStatus.values else "",
            english=params.get("english") == "1",
        )

    def active(self) -> dict[str, Any]:
        values = {k: v for k, v in self.__dict__.items() if v and k != "english"}
        if self.english:
            values["english"] = "1"
        return values


def _words(q: str) -> list[str]:
    return [w for w in q.split() if w][:8]


def _text_filter(queryset: QuerySet, q: str, fields: tuple[str, ...]) -> QuerySet:
    """Every word must occur in one of the *public* text fields (never the details)."""
    for word in _words(q):
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _field_filter(queryset: QuerySet, code: str) -> QuerySet:
    # JSON list membership, portable across SQLite and PostgreSQL: the code is quoted in the
    # serialized list ('"ai"'), so 'ai' never matches inside another code.
    return queryset.filter(fields__icontains=f'"{code}"')


NEED_TEXT_FIELDS = (
    "title_ko", "title_en", "teaser_ko", "teaser_en", "problem_ko", "problem_en", "outcome_ko",
    "outcome_en", "owner__name_ko", "owner__name_en",
)  # fmt: skip
TECHNOLOGY_TEXT_FIELDS = (
    "title_ko", "title_en", "teaser_ko", "teaser_en", "description_ko", "description_en",
    "owner__name_ko", "owner__name_en",
)  # fmt: skip
CHALLENGE_TEXT_FIELDS = (
    "title_ko", "title_en", "summary_ko", "summary_en", "problem_ko", "problem_en",
    "host__name_ko", "host__name_en",
)  # fmt: skip


# --- needs and technologies ------------------------------------------------------------------


def _visible_listings(model: type, user: Any) -> QuerySet:
    """Published listings, plus drafts of the user's own organizations. Confidential columns
    are deferred: list pages, the API's lists, exports and matching never load them."""
    qs = model.objects.select_related("owner").defer(*CONFIDENTIAL_FIELDS)
    own = org_ids_of(user)
    return qs.filter(~Q(status=ListingStatus.DRAFT) | Q(owner_id__in=own))


def _filtered(qs: QuerySet, filters: ListingFilters | None, text_fields: tuple[str, ...]):
    if filters is None:
        return qs.exclude(status=ListingStatus.CLOSED)
    qs = _text_filter(qs, filters.q, text_fields)
    if filters.field:
        qs = _field_filter(qs, filters.field)
    if filters.owner:
        qs = qs.filter(owner_id=filters.owner)
    qs = (
        qs.filter(status=filters.status)
        if filters.status
        else qs.exclude(status=ListingStatus.CLOSED)
    )
    if filters.english:
        qs = qs.exclude(title_en="")
    return qs


def need_list_for(*, user: Any, filters: ListingFilters | None = None) -> QuerySet[TechNeed]:
    """Needs the user may list (public fields only), filtered. Closed needs only on request."""
    qs = _filtered(_visible_listings(TechNeed, user), filters, NEED_TEXT_FIELDS)
    if filters and filters.trl:
        qs = qs.filter(Q(trl_wanted__lte=filters.trl) | Q(trl_wanted__isnull=True))
    return qs


def technology_list_for(
    *, user: Any, filters: ListingFilters | None = None
) -> QuerySet[Technology]:
    """Technologies the user may list (public fields only), filtered."""
    qs = _filtered(_visible_listings(Technology, user), filters, TECHNOLOGY_TEXT_FIELDS)
    if filters and filters.trl:
        qs = qs.filter(trl__gte=filters.trl)
    return qs


def _access_listing(model: type, *, user: Any, pk: Any, action: str) -> Any:
    try:
        item = model.objects.select_related("owner").get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if item.status == ListingStatus.DRAFT and not is_owner_member(user, item):
        raise Http404
    if action == "view":
        return item
    if action == "edit" and can_edit_listing(user, item):
        return item
    if action == "details" and can_view_listing_details(user, item):
        return item
    raise Http404


def access_need(*, user: Any, need_id: Any, action: str = "view") -> TechNeed:
    """The need if ``user`` may ``action`` it ("view" public fields | "edit" | "details"),
    else Http404 (missing and forbidden alike; drafts are their owners' only)."""
    return _access_listing(TechNeed, user=user, pk=need_id, action=action)


def access_technology(*, user: Any, technology_id: Any, action: str = "view") -> Technology:
    """The technology if ``user`` may ``action`` it ("view" | "edit" | "details"), else 404."""
    return _access_listing(Technology, user=user, pk=technology_id, action=action)


def listing_facets(queryset: QuerySet) -> list[tuple[str, str, int]]:
    """(code, label, count) per field code over a filtered list (one query, counted in
    Python: the codes live in a JSON list)."""
    counts: dict[str, int] = {}
    for codes in queryset.order_by().values_list("fields", flat=True)[:5000]:
        for code in codes or []:
            counts[code] = counts.get(code, 0) + 1
    labels = dict(Industry.choices)
    return sorted(
        ((code, str(labels.get(code, code)), n) for code, n in counts.items()),
        key=lambda row: (-row[2], row[1]),
    )


def current_nda(owner_id: int) -> NdaTemplate | None:
    return NdaTemplate.objects.filter(owner_id=owner_id).order_by("-version").first()


@dataclass
class DetailAccess:
    """What a viewer may do about an item's confidential details."""

    can_view: bool
    is_owner: bool
    can_request: bool
    request: DetailRequest | None
    requester_orgs: list[Organization]


def detail_access_for(*, user: Any, item: Any) -> DetailAccess:
    """The viewer's position towards the item's details: owner, approved, pending, declined,
    or able to request (with the organizations they may request for)."""
    own = is_owner_member(user, item)
    request = None
    requester_orgs: list[Organization] = []
    if not own and can_request_details(user, item):
        ids = [pk for pk in orgs_of(user) if pk != item.owner_id]
        request = item.detail_requests.filter(requester_id__in=ids).order_by("-id").first()
        requester_orgs = list(Organization.objects.filter(pk__in=ids).order_by("sort_name"))
    return DetailAccess(
        can_view=bool(can_view_listing_details(user, item)),
        is_owner=bool(own),
        can_request=bool(requester_orgs),
        request=request,
        requester_orgs=requester_orgs,
    )


# --- detail requests and their audit ---------------------------------------------------------


def detail_request_list_for(*, user: Any) -> tuple[QuerySet, QuerySet]:
    """(incoming, outgoing): requests for the user's organizations' items, and the requests
    the user's organizations made."""
    ids = org_ids_of(user)
    base = DetailRequest.objects.select_related(
        "need", "need__owner", "technology", "technology__owner", "requester", "requested_by"
    ).defer(*(f"{k}__{f}" for k in ("need", "technology") for f in CONFIDENTIAL_FIELDS))
    incoming = base.filter(Q(need__owner_id__in=ids) | Q(technology__owner_id__in=ids))
    outgoing = base.filter(requester_id__in=ids)
    return incoming, outgoing


def access_detail_request(*, user: Any, request_id: Any) -> DetailRequest:
    """A request the user may decide (a member of the item's owner), else Http404."""
    try:
        request = DetailRequest.objects.select_related(
            "need", "technology", "requester", "acceptance", "acceptance__nda"
        ).get(pk=request_id)
    except (DetailRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not is_owner_member(user, request.item):
        raise Http404
    return request


@dataclass
class DetailView:
    at: Any
    actor: Any
    organizations: list[str]
    item: Any
    via: str


def detail_views_for(*, user: Any, limit: int = 200, others_only: bool = False) -> list[DetailView]:
    """Who viewed the confidential details of the user's organizations' items, newest first
    (from the audit trail); ``others_only`` leaves out the owner's own members' views."""
    ids = org_ids_of(user)
    needs = {
        str(n.pk): n
        for n in TechNeed.objects.filter(owner_id__in=ids).only(
            "pk", "title_ko", "title_en", "owner_id"
        )
    }
    techs = {
        str(t.pk): t
        for t in Technology.objects.filter(owner_id__in=ids).only(
            "pk", "title_ko", "title_en", "owner_id"
        )
    }
    events = (
        AuditEvent.objects.filter(
            Q(target_type="techtrade.techneed", target_id__in=list(needs))
            | Q(target_type="techtrade.technology", target_id__in=list(techs)),
            action__in=list(DETAIL_VIEW_ACTIONS.values()),
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    events = list(events)
    if others_only:
        events = [e for e in events if not set(e.detail.get("organizations", [])) & ids]
    org_ids = {i for e in events for i in e.detail.get("organizations", [])}
    names = {
        o.pk: o.name  # in the reader's language
        for o in Organization.objects.filter(pk__in=org_ids).only("pk", "name_ko", "name_en")
    }
    out = []
    for e in events:
        item = (needs if e.target_type == "techtrade.techneed" else techs).get(e.target_id)
        out.append(
            DetailView(
                at=e.at,
                actor=e.actor,
                organizations=[names.get(i, str(i)) for i in e.detail.get("organizations", [])],
                item=item,
                via=e.detail.get("via", ""),
            )
        )
    return out


# --- challenges and proposals ----------------------------------------------------------------


def challenge_list_for(*, user: Any, filters: ListingFilters | None = None) -> QuerySet[Challenge]:
    """Published challenges (drafts for their hosts' members), filtered."""
    qs = Challenge.objects.select_related("host").filter(
        ~Q(status=ChallengeStatus.DRAFT) | Q(host_id__in=org_ids_of(user))
    )
    if filters is not None:
        qs = _text_filter(qs, filters.q, CHALLENGE_TEXT_FIELDS)
        if filters.field:
            qs = _field_filter(qs, filters.field)
        if filters.owner:
            qs = qs.filter(host_id=filters.owner)
    return qs


def access_challenge(*, user: Any, challenge_id: Any, action: str = "view") -> Challenge:
    """The challenge if the user may ``action`` it ("view" | "edit" | "review"), else 404."""
    try:
        challenge = Challenge.objects.select_related("host").get(pk=challenge_id)
    except (Challenge.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    is_host = can_edit_challenge(user, challenge)
    if challenge.status == ChallengeStatus.DRAFT and not is_host:
        raise Http404
    if action == "view" or (action in ("edit", "review") and is_host):
        return challenge
    raise Http404


def proposal_list_for(*, user: Any, challenge: Challenge | None = None) -> QuerySet[Proposal]:
    """Proposals the user may see: all of a challenge for its host's members, otherwise the
    user's own organizations' proposals."""
    ids = org_ids_of(user)
    qs = Proposal.objects.select_related("challenge", "challenge__host", "startup", "technology")
    qs = qs.filter(Q(startup_id__in=ids) | Q(challenge__host_id__in=ids))
    if challenge is not None:
        qs = qs.filter(challenge=challenge)
    return qs.exclude(Q(status=ProposalStatus.WITHDRAWN) & ~Q(startup_id__in=ids))


def access_proposal(*, user: Any, proposal_id: Any, action: str = "view") -> Proposal:
    """The proposal if the user may ``action`` it ("view" | "decide"), else Http404."""
    try:
        proposal = Proposal.objects.select_related(
            "challenge", "challenge__host", "startup", "technology"
        ).get(pk=proposal_id)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    allowed = {"view": can_view_proposal, "decide": can_decide_proposal}.get(action)
    if allowed is None or not allowed(user, proposal):
        raise Http404
    return proposal


# --- deals and PoCs --------------------------------------------------------------------------


def deal_list_for(*, user: Any) -> QuerySet[Deal]:
    """Deals of the user's organizations (either party)."""
    ids = org_ids_of(user)
    return Deal.objects.select_related("buyer", "seller").filter(
        Q(buyer_id__in=ids) | Q(seller_id__in=ids)
    )


def access_deal(*, user: Any, deal_id: Any, action: str = "view") -> Deal:
    """The deal if the user may ``action`` it ("view" | "move" | "message"): the two parties'
    members only. Http404 otherwise."""
    try:
        deal = Deal.objects.select_related(
            "buyer", "seller", "need", "technology", "challenge"
        ).get(pk=deal_id)
    except (Deal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    allowed = {"view": can_view_deal, "move": can_move_deal, "message": can_message_deal}
    check = allowed.get(action)
    if check is None or not check(user, deal):
        raise Http404
    return deal


def poc_list_for(*, user: Any) -> QuerySet[Poc]:
    """PoCs of the user's organizations; every PoC for institution staff and city operators
    (PoCs hold pipeline metadata, no confidential details)."""
    from sadari.techtrade.rules import is_staff_or_operator

    qs = Poc.objects.select_related("corporate", "startup", "challenge")
    if is_staff_or_operator(user):
        return qs
    ids = org_ids_of(user)
    return qs.filter(Q(corporate_id__in=ids) | Q(startup_id__in=ids))


def access_poc(*, user: Any, poc_id: Any, action: str = "view") -> Poc:
    """The PoC if the user may ``action`` it ("view" | "edit"), else Http404."""
    try:
        poc = Poc.objects.select_related("corporate", "startup", "challenge", "deal").get(pk=poc_id)
    except (Poc.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    check = {"view": can_view_poc, "edit": can_edit_poc}.get(action)
    if check is None or not check(user, poc):
        raise Http404
    return poc


def pending_request_count(*, user: Any) -> int:
    incoming, _outgoing = detail_request_list_for(user=user)
    return incoming.filter(status=RequestStatus.PENDING).count()
