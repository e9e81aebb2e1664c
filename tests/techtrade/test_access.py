"""The confidentiality rule at the selector level: who may read an item's details, NDA
acceptance records, requests, and the audit of every read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404

from sadari.common.models import AuditEvent
from sadari.techtrade.enums import ListingStatus, RequestStatus
from sadari.techtrade.models import DetailRequest, NdaAcceptance
from sadari.techtrade.models.nda import nda_text_hash
from sadari.techtrade.selectors import (
    access_need,
    access_technology,
    detail_access_for,
    detail_views_for,
    need_list_for,
)
from sadari.techtrade.services import (
    detail_request_create,
    detail_request_decide,
    listing_details_read,
    nda_current_for,
    nda_publish,
    need_create,
)
from tests.techtrade.conftest import ROLES

pytestmark = pytest.mark.django_db


def _user(market, role):
    return AnonymousUser() if role == "anonymous" else market[role]


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
@pytest.mark.parametrize("kind", ["need", "tech"])
def test_details_access_role_matrix(market, role, kind):
    user = _user(market, role)
    access = access_need if kind == "need" else access_technology
    key = "need_id" if kind == "need" else "technology_id"
    owner = "corporate" if kind == "need" else "founder"
    entitled = role in ("approved", owner)

    public = access(user=user, **{key: market[kind].pk})
    if entitled:
        allowed = access(user=user, **{key: market[kind].pk}, action="details")
        assert allowed.pk == market[kind].pk
    else:
        with pytest.raises(Http404):
            access(user=user, **{key: market[kind].pk}, action="details")

    assert public.pk == market[kind].pk


def test_missing_and_forbidden_are_both_404(market):
    with pytest.raises(Http404):
        access_need(user=market["corporate"], need_id=999999)
    with pytest.raises(Http404):
        access_need(user=market["corporate"], need_id="x", action="details")
    with pytest.raises(Http404):
        access_need(user=market["founder"], need_id=market["need"].pk, action="edit")


def test_drafts_are_their_owners_only(market):
    draft = need_create(
        owner=market["corp"], by=market["corporate"], title_ko="초안 수요",
        status=ListingStatus.DRAFT,
    )  # fmt: skip

    with pytest.raises(Http404):
        access_need(user=market["operator"], need_id=draft.pk)
    assert access_need(user=market["corporate"], need_id=draft.pk).pk == draft.pk
    assert draft.pk not in set(need_list_for(user=market["operator"]).values_list("pk", flat=True))
    assert draft.pk in set(need_list_for(user=market["corporate"]).values_list("pk", flat=True))


def test_acceptance_records_user_org_time_and_text_hash(market):
    acceptance = NdaAcceptance.objects.get(
        organization=market["pending_corp"], nda__owner=market["corp"]
    )
    nda = acceptance.nda

    assert acceptance.user == market["nda_pending"]
    assert acceptance.accepted_at is not None
    assert acceptance.text_sha256 == nda.sha256 == nda_text_hash(nda.text_ko, nda.text_en)
    assert len(acceptance.text_sha256) == 64


def test_request_needs_the_current_nda_text(market):
    old = nda_current_for(owner=market["corp"])
    new = nda_publish(
        owner=market["corp"], by=market["corporate"], title="NDA v2", text_ko="새 비밀유지 조항"
    )

    with pytest.raises(ValidationError):
        detail_request_create(
            item=market["need"], requester=market["other_corp"], by=market["other_corporate"],
            nda=old, seen_sha256=old.sha256,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        detail_request_create(
            item=market["need"], requester=market["other_corp"], by=market["other_corporate"],
            nda=new, seen_sha256=old.sha256,
        )  # fmt: skip
    request = detail_request_create(
        item=market["need"], requester=market["other_corp"], by=market["other_corporate"],
        nda=new, seen_sha256=new.sha256,
    )  # fmt: skip

    assert new.version == old.version + 1
    assert request.acceptance.nda == new
    assert request.status == RequestStatus.PENDING


def test_cannot_request_for_someone_elses_organization(market):
    nda = nda_current_for(owner=market["corp"])

    with pytest.raises(ValidationError):
        detail_request_create(
            item=market["need"], requester=market["other_corp"], by=market["founder"], nda=nda,
            seen_sha256=nda.sha256,
        )  # fmt: skip
    with pytest.raises(ValidationError):
        detail_request_create(
            item=market["need"], requester=market["corp"], by=market["corporate"], nda=nda,
            seen_sha256=nda.sha256,
        )  # fmt: skip


def test_revoking_an_approval_closes_the_details_again(market):
    request = DetailRequest.objects.get(need=market["need"], requester=market["approved_corp"])

    detail_request_decide(request=request, by=market["corporate"], approve=False)

    with pytest.raises(Http404):
        access_need(user=market["approved"], need_id=market["need"].pk, action="details")
    assert DetailRequest.objects.get(pk=request.pk).status == RequestStatus.REVOKED


def test_declined_request_can_be_asked_again(market):
    request = DetailRequest.objects.get(need=market["need"], requester=market["pending_corp"])
    detail_request_decide(request=request, by=market["corporate"], approve=False)
    nda = nda_current_for(owner=market["corp"])

    again = detail_request_create(
        item=market["need"], requester=market["pending_corp"], by=market["nda_pending"], nda=nda,
        seen_sha256=nda.sha256,
    )  # fmt: skip

    assert again.pk == request.pk
    assert again.status == RequestStatus.PENDING


def test_every_details_read_is_audited_and_shown_to_the_owner(market):
    before = AuditEvent.objects.filter(action="techtrade.need.view_details").count()

    details = listing_details_read(user=market["approved"], item=market["need"], via="page")
    views = detail_views_for(user=market["corporate"])

    assert "기밀수요마커" in details["ko"]
    assert AuditEvent.objects.filter(action="techtrade.need.view_details").count() == before + 1
    assert views[0].actor == market["approved"]
    assert views[0].organizations == ["승인기업"]
    assert views[0].item.pk == market["need"].pk
    assert detail_views_for(user=market["founder"]) == []


def test_detail_access_state_per_viewer(market):
    pending = detail_access_for(user=market["nda_pending"], item=market["need"])
    owner = detail_access_for(user=market["corporate"], item=market["need"])
    anonymous = detail_access_for(user=AnonymousUser(), item=market["need"])

    assert (pending.can_view, pending.request.status) == (False, RequestStatus.PENDING)
    assert (owner.can_view, owner.is_owner, owner.can_request) == (True, True, False)
    assert (anonymous.can_view, anonymous.can_request) == (False, False)


def test_owner_dashboard_view_list_can_leave_out_own_reads(market):
    listing_details_read(user=market["corporate"], item=market["need"], via="page")
    listing_details_read(user=market["approved"], item=market["need"], via="api")

    everyone = detail_views_for(user=market["corporate"])
    others = detail_views_for(user=market["corporate"], others_only=True)

    assert [v.actor for v in everyone][:2] == [market["approved"], market["corporate"]]
    assert [v.actor for v in others] == [market["approved"]]
