"""Tech-trade writes: needs and technologies (with change-feed events of their public fields
only), NDAs, detail requests, and the audited read of confidential details.

Every service is transactional. Callers check permissions with the selectors' access
functions first; services re-check what they must never get wrong (who owns what, that an NDA
was accepted before a request exists)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.accounts.rules import org_ids_of
from sadari.common.audit import audit_record
from sadari.directory.models import Organization
from sadari.feed.services import change_record
from sadari.techtrade.enums import DealStage, ListingStatus, RequestStatus
from sadari.techtrade.models import (
    DetailRequest,
    NdaAcceptance,
    NdaTemplate,
    TechNeed,
    Technology,
)
from sadari.techtrade.models.nda import nda_text_hash
from sadari.techtrade.rules import NEED_OWNER_KINDS, TECHNOLOGY_OWNER_KINDS
from sadari.techtrade.validators import clean_patent_numbers, validate_budget_range

# Fields that may appear in the change feed and the API's public views. Confidential details
# (details_ko, details_en) are deliberately absent.
NEED_PUBLIC_FIELDS = (
    "title_ko", "title_en", "teaser_ko", "teaser_en", "problem_ko", "problem_en", "outcome_ko",
    "outcome_en", "fields", "trl_wanted", "budget_min_krw", "budget_max_krw", "deadline",
    "status",
)  # fmt: skip
TECHNOLOGY_PUBLIC_FIELDS = (
    "title_ko", "title_en", "teaser_ko", "teaser_en", "description_ko", "description_en",
    "fields", "trl", "patents", "licensing_models", "price_min_krw", "price_max_krw", "status",
)  # fmt: skip
CONFIDENTIAL = ("details_ko", "details_en")
NEED_EDITABLE = NEED_PUBLIC_FIELDS + CONFIDENTIAL
TECHNOLOGY_EDITABLE = TECHNOLOGY_PUBLIC_FIELDS + CONFIDENTIAL

FEED_KIND = {TechNeed: "tech_need", Technology: "technology"}
AUDIT_NAME = {TechNeed: "need", Technology: "technology"}

DEFAULT_NDA_TITLE = "비밀유지계약서 (Non-disclosure agreement)"
DEFAULT_NDA_KO = """\
1. 목적: 본 계약은 {owner}(이하 "공개자")가 사다리 기술거래 플랫폼에서 수령자에게 공개하는 \
기술 수요·보유 기술의 비공개 상세 정보(이하 "비밀정보")를 보호하기 위한 것입니다.
2. 비밀유지: 수령자는 비밀정보를 협력 검토 목적으로만 사용하며, 공개자의 서면 동의 없이 제3자에게 \
공개하거나 복제하지 않습니다.
3. 예외: 이미 공지된 정보, 수령자가 적법하게 보유하던 정보, 법령에 따라 공개가 요구되는 정보는 \
비밀정보에서 제외됩니다.
4. 기간: 본 계약은 동의일로부터 3년간 유효합니다.
5. 기록: 동의 시각, 동의한 사용자와 기관, 본 문서의 SHA-256 해시가 플랫폼에 기록됩니다."""
DEFAULT_NDA_EN = """\
1. Purpose: this agreement protects the confidential details of needs and technologies that \
{owner_en} (the "discloser") shares with the recipient on the Sadari tech-trade platform \
(the "confidential information").
2. Confidentiality: the recipient uses the confidential information only to evaluate a \
cooperation and does not disclose or copy it without the discloser's written consent.
3. Exceptions: information that is public, that the recipient lawfully held before, or whose \
disclosure the law requires is not confidential information.
4. Term: three years from acceptance.
5. Record: the time of acceptance, the accepting user and organization and the SHA-256 hash of \
this text are recorded on the platform."""


class TechTradeError(ValidationError):
    """A rule of the tech-trade flow was broken; the message is for the user."""


# --- needs and technologies ------------------------------------------------------------------


def _clean_listing(item: TechNeed | Technology) -> None:
    if not (item.title_ko.strip() or item.title_en.strip()):
        raise ValidationError({"title_ko": _("Enter a title in Korean or English.")})
    if isinstance(item, TechNeed):
        validate_budget_range(item.budget_min_krw, item.budget_max_krw)
    else:
        validate_budget_range(item.price_min_krw, item.price_max_krw)
        item.patents = clean_patent_numbers(item.patents)
    item.fields = sorted(dict.fromkeys(item.fields or []))
    item.full_clean()


def _check_owner(model: type, owner: Organization) -> None:
    kinds = NEED_OWNER_KINDS if model is TechNeed else TECHNOLOGY_OWNER_KINDS
    if owner.kind not in kinds:
        raise TechTradeError(
            _("Needs are posted by corporates.")
            if model is TechNeed
            else _("Technologies are offered by startups and university labs."),
            code="owner_kind",
        )


def _public_data(item: Any, names: list[str]) -> dict[str, Any]:
    data = {"owner": item.owner_id}
    for name in names:
        value = getattr(item, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def _feed(item: Any, action: str, changed: list[str], was_draft: bool | None = None) -> None:
    """A change event with the public fields that changed (never the details). Drafts are not
    public yet: their events are for staff and operators only. Publishing a draft feeds every
    public field (public readers never saw the draft's), and turning a published item back
    into a draft tells public readers its new status only."""
    public_names = NEED_PUBLIC_FIELDS if isinstance(item, TechNeed) else TECHNOLOGY_PUBLIC_FIELDS
    names = [n for n in changed if n in public_names]
    if action == "updated" and not names:
        return
    is_draft = item.status == ListingStatus.DRAFT
    kind = FEED_KIND[type(item)]
    if was_draft and not is_draft:
        names = list(public_names)
    elif was_draft is False and is_draft:
        change_record(
            kind=kind, entity_id=item.pk, action=action, fields=["status"],
            data=_public_data(item, ["status"]), is_public=True,
        )  # fmt: skip
        names = [n for n in names if n != "status"]
        if not names:
            return
    change_record(
        kind=kind,
        entity_id=item.pk,
        action=action,
        fields=names,
        data=_public_data(item, names),
        is_public=not is_draft,
    )


def _vector_refresh_later(item: Any) -> None:
    from sadari.techtrade.tasks import task_match_vector_refresh

    kind = "need" if isinstance(item, TechNeed) else "technology"
    pk = item.pk
    transaction.on_commit(lambda: task_match_vector_refresh.enqueue(kind=kind, object_id=pk))


@transaction.atomic
def listing_create(model: type, *, owner: Organization, by: Any = None, **fields: Any) -> Any:
    """Creates a need (``model=TechNeed``) or a technology offer. Validates every field
    (ValidationError), records a change-feed event of the public fields, audits, and queues
    the match-vector computation after commit. Not idempotent."""
    _check_owner(model, owner)
    editable = NEED_EDITABLE if model is TechNeed else TECHNOLOGY_EDITABLE
    unknown = set(fields) - set(editable) - {"is_fictional", "published_at"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    item = model(owner=owner, created_by=by if getattr(by, "is_authenticated", False) else None)
    for name, value in fields.items():
        setattr(item, name, value)
    if item.status != ListingStatus.DRAFT and item.published_at is None:
        item.published_at = timezone.now()
    _clean_listing(item)
    item.save()
    _feed(item, "created", [n for n in editable if n not in CONFIDENTIAL])
    if by is not None:
        audit_record(actor=by, action=f"techtrade.{AUDIT_NAME[model]}.create", target=item)
    _vector_refresh_later(item)
    return item


def need_create(*, owner: Organization, by: Any = None, **fields: Any) -> TechNeed:
    return listing_create(TechNeed, owner=owner, by=by, **fields)


def technology_create(*, owner: Organization, by: Any = None, **fields: Any) -> Technology:
    return listing_create(Technology, owner=owner, by=by, **fields)


@transaction.atomic
def listing_update(*, item: Any, by: Any, **fields: Any) -> Any:
    """Updates editable fields of a need or technology; validates, feeds the public fields
    that changed, audits (field names only, never values) and queues a vector refresh when
    the public text changed. The caller checked ``access_<entity>(action="edit")``."""
    model = type(item)
    editable = NEED_EDITABLE if model is TechNeed else TECHNOLOGY_EDITABLE
    item = model.objects.select_for_update().get(pk=item.pk)
    was_draft = item.status == ListingStatus.DRAFT
    changed = []
    for name, value in fields.items():
        if name not in editable:
            raise ValueError(f"field {name!r} is not editable")
        if getattr(item, name) != value:
            changed.append(name)
            setattr(item, name, value)
    if not changed:
        return item
    if item.status != ListingStatus.DRAFT and item.published_at is None:
        item.published_at = timezone.now()
    _clean_listing(item)
    item.save()
    _feed(item, "updated", changed, was_draft=was_draft)
    audit_record(
        actor=by, action=f"techtrade.{AUDIT_NAME[model]}.update", target=item, fields=changed
    )
    if set(changed) - set(CONFIDENTIAL) - {"status"}:
        _vector_refresh_later(item)
    return item


def listing_details_read(*, user: Any, item: Any, via: str = "page") -> dict[str, str]:
    """The confidential details of an item for a viewer the caller has checked with
    ``access_<entity>(action="details")``; writes the audit event owners see ("who viewed
    what"), with the viewer's organizations and the channel (page, api)."""
    fresh = type(item).objects.only("pk", *CONFIDENTIAL).get(pk=item.pk)
    audit_record(
        actor=user,
        action=f"techtrade.{AUDIT_NAME[type(item)]}.view_details",
        target=item,
        organizations=sorted(org_ids_of(user)),
        via=via,
    )
    return {"ko": fresh.details_ko, "en": fresh.details_en}


# --- NDAs ------------------------------------------------------------------------------------


@transaction.atomic
def nda_current_for(*, owner: Organization) -> NdaTemplate:
    """The owner's current NDA version; version 1 of the platform's standard text when the
    owner has not published one. Idempotent."""
    nda = NdaTemplate.objects.filter(owner=owner).order_by("-version").first()
    if nda is not None:
        return nda
    owner_en = owner.name_en or owner.name_ko
    return NdaTemplate.objects.create(
        owner=owner,
        version=1,
        title=DEFAULT_NDA_TITLE,
        text_ko=DEFAULT_NDA_KO.format(owner=owner.name_ko or owner_en),
        text_en=DEFAULT_NDA_EN.format(owner_en=owner_en),
    )


@transaction.atomic
def nda_publish(
    *, owner: Organization, by: Any, title: str, text_ko: str, text_en: str = ""
) -> NdaTemplate:
    """Publishes a new version of the owner's NDA (versions are never edited). New requests
    need the new version; approvals made under an earlier version stay valid."""
    if not text_ko.strip():
        raise TechTradeError(_("Write the NDA text in Korean."), code="nda_empty")
    last = NdaTemplate.objects.select_for_update().filter(owner=owner).order_by("-version").first()
    if last and nda_text_hash(text_ko, text_en) == last.sha256 and last.title == title:
        return last
    nda = NdaTemplate.objects.create(
        owner=owner,
        version=(last.version + 1) if last else 1,
        title=title.strip()[:200] or DEFAULT_NDA_TITLE,
        text_ko=text_ko.strip(),
        text_en=text_en.strip(),
        created_by=by,
    )
    audit_record(actor=by, action="techtrade.nda.publish", target=nda, version=nda.version)
    return nda


@transaction.atomic
def detail_request_create(
    *,
    item: TechNeed | Technology,
    requester: Organization,
    by: Any,
    nda: NdaTemplate,
    seen_sha256: str,
    message: str = "",
    from_item: Any = None,
) -> DetailRequest:
    """Accepts the owner's NDA on behalf of ``requester`` (click-through: user, organization,
    time and the SHA-256 of the text are recorded) and asks the owner for the item's details.

    ``nda`` must be the owner's current version and ``seen_sha256`` the hash of the text the
    user was shown (so a text changed in between is never "accepted"). ``by`` must be a member
    of ``requester``, which must not be the owner. Idempotent for a pending or approved
    request; a declined or revoked one is asked again. Opens a deal between the parties (at
    "contacted") when the pair is a corporate and a technology holder.
    """
    if requester.pk not in org_ids_of(by) or requester.pk == item.owner_id:
        raise TechTradeError(_("You cannot request details for this organization."))
    current = nda_current_for(owner=item.owner)
    if nda.pk != current.pk or nda.owner_id != item.owner_id:
        raise TechTradeError(
            _("The NDA has changed since you opened it. Read the new version and accept again."),
            code="nda_changed",
        )
    if seen_sha256 != current.sha256:
        raise TechTradeError(
            _("The NDA text you accepted is not the current one. Read it again and accept."),
            code="nda_hash",
        )
    acceptance, accepted_now = NdaAcceptance.objects.get_or_create(
        nda=current,
        organization=requester,
        defaults={"user": by, "text_sha256": current.sha256},
    )
    if accepted_now:
        audit_record(
            actor=by,
            action="techtrade.nda.accept",
            target=current,
            organization=requester.pk,
            sha256=current.sha256,
        )
    key = {"need": item} if isinstance(item, TechNeed) else {"technology": item}
    request = DetailRequest.objects.select_for_update().filter(requester=requester, **key).first()
    if request is None:
        request = DetailRequest.objects.create(
            requester=requester,
            requested_by=by,
            acceptance=acceptance,
            message=message.strip()[:2000],
            **key,
        )
    elif request.status in (RequestStatus.DECLINED, RequestStatus.REVOKED):
        request.status = RequestStatus.PENDING
        request.acceptance = acceptance
        request.requested_by = by
        request.message = message.strip()[:2000]
        request.requested_at = timezone.now()
        request.decided_at = None
        request.decided_by = None
        request.save()
    else:
        return request
    audit_record(
        actor=by,
        action="techtrade.detail_request.create",
        target=request,
        organization=requester.pk,
    )
    _deal_from_request(item=item, requester=requester, by=by, from_item=from_item)
    return request


def _deal_from_request(*, item: Any, requester: Organization, by: Any, from_item: Any) -> None:
    from sadari.techtrade.deals import deal_open

    if from_item is not None and from_item.status == ListingStatus.DRAFT:
        from_item = None  # a draft stays its owner's: not named in a deal the owner shares

    if isinstance(item, Technology) and requester.kind in NEED_OWNER_KINDS:
        need = (
            from_item
            if isinstance(from_item, TechNeed) and from_item.owner_id == requester.pk
            else None
        )
        deal_open(
            buyer=requester, seller=item.owner, technology=item, need=need, by=by,
            stage=DealStage.CONTACTED,
        )  # fmt: skip
    elif isinstance(item, TechNeed) and requester.kind in TECHNOLOGY_OWNER_KINDS:
        tech = (
            from_item
            if isinstance(from_item, Technology) and from_item.owner_id == requester.pk
            else None
        )
        deal_open(
            buyer=item.owner, seller=requester, need=item, technology=tech, by=by,
            stage=DealStage.CONTACTED,
        )  # fmt: skip


@transaction.atomic
def detail_request_decide(*, request: DetailRequest, by: Any, approve: bool) -> DetailRequest:
    """The owner approves or declines (or, for an approved one, revokes) a request. The caller
    checked ``access_detail_request``. Audited."""
    request = DetailRequest.objects.select_for_update().get(pk=request.pk)
    if approve:
        request.status = RequestStatus.APPROVED
    elif request.status == RequestStatus.APPROVED:
        request.status = RequestStatus.REVOKED
    else:
        request.status = RequestStatus.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=by,
        action=f"techtrade.detail_request.{request.status}",
        target=request,
        organization=request.requester_id,
    )
    return request
