"""Pitching pages through the client: public pages, staff forms, applicant actions, expert
profile, staff adjustments, mentoring — and no page fails on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.pitching.conftest import IDEA, accept_all, pdf_bytes, published, submitted

pytestmark = pytest.mark.django_db


def test_public_pages(client, world, settings):
    settings.LANGUAGE_CODE = "ko"
    submitted(world)
    home = client.get(reverse("pitching:home"))
    assert home.status_code == 200
    assert "365 피칭 데스크" in home.content.decode()
    page = client.get(reverse("pitching:call-detail", args=[world.call.pk])).content.decode()
    assert "시장성" in page
    assert "드론 물류 배송 플랫폼" not in page
    assert client.get(reverse("pitching:call-detail", args=[99999])).status_code == 404


def test_call_form_role_matrix_and_rubric(client, world):
    from sadari.pitching.models import Call

    url = reverse("pitching:call-create")
    for user, expected in ((world.applicant, 404), (world.experts[0].user, 404), (world.staff, 200),
                           (world.operator, 200)):  # fmt: skip
        client.force_login(user)
        assert client.get(url).status_code == expected
    client.force_login(world.other_staff)
    assert client.get(reverse("pitching:call-edit", args=[world.call.pk])).status_code == 404
    client.force_login(world.staff)
    form = {
        "host": world.cafe.pk, "kind": "dated", "title_ko": "봄 공모", "title_en": "Spring call",
        "opens_at": "2027-03-01T09:00", "closes_at": "2027-02-01T09:00",
        "reviewers_per_submission": 3, "disagreement_threshold": 20, "method": "calibrated",
        "max_deck_mb": 20, "blind_review": "on",
        "criteria-TOTAL_FORMS": 2, "criteria-INITIAL_FORMS": 0, "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 1000,
        "criteria-0-name_ko": "혁신성", "criteria-0-weight": 2, "criteria-0-scale_min": 1,
        "criteria-0-scale_max": 10, "criteria-0-required": "on", "criteria-0-order": 0,
        # The untouched extra row, as the page renders it, is ignored.
        "criteria-1-name_ko": "", "criteria-1-weight": "1.0", "criteria-1-scale_min": 1,
        "criteria-1-scale_max": 5, "criteria-1-order": 0, "criteria-1-required": "on",
    }  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 200  # closes before it opens
    assert not Call.objects.filter(title_ko="봄 공모").exists()
    form["closes_at"] = "2027-03-31T18:00"
    response = client.post(url, form)
    call = Call.objects.get(title_ko="봄 공모")
    assert response.status_code == 302
    assert [(c.name_ko, c.weight, c.scale_max) for c in call.criteria.all()] == [
        ("혁신성", 2.0, 10)
    ]
    # Staff of another institution cannot host a call at this café.
    client.force_login(world.other_staff)
    form["title_ko"] = "남의 공모"
    assert client.post(url, form).status_code == 200
    assert not Call.objects.filter(title_ko="남의 공모").exists()


def test_submission_pages_draft_check_submit_withdraw_resubmit(client, world):
    from sadari.pitching.models import Submission

    client.force_login(world.applicant)
    url = reverse("pitching:submission-create", args=[world.call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "반쪽 아이디어", "language": "ko", "submit": "1"})
    draft = Submission.objects.get(title="반쪽 아이디어")
    assert draft.status == "draft"  # saved, not submitted: fields missing
    assert response["Location"].endswith("?check=1")
    page = client.get(response["Location"]).content.decode()
    assert "Fill these in before you submit" in page
    edit = reverse("pitching:submission-edit", args=[draft.pk])
    deck = pdf_bytes()
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = {**IDEA, "keywords": "드론", "submit": "1",
            "deck_file": SimpleUploadedFile("d.pdf", deck, "application/pdf")}  # fmt: skip
    assert client.post(edit, form).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.deck
    assert client.get(edit).status_code == 404  # a submitted idea is not edited
    action = reverse("pitching:submission-action", args=[draft.pk, "withdraw"])
    client.post(action)
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    response = client.post(reverse("pitching:submission-action", args=[draft.pk, "resubmit"]))
    v2 = Submission.objects.get(previous=draft)
    assert response["Location"] == reverse("pitching:submission-edit", args=[v2.pk])
    page = client.get(v2.get_absolute_url()).content.decode()
    assert "Versions" in page or "버전" in page
    assert (
        client.post(reverse("pitching:submission-action", args=[draft.pk, "bogus"])).status_code
        == 404
    )
    client.force_login(world.other_applicant)
    assert (
        client.post(reverse("pitching:submission-action", args=[v2.pk, "submit"])).status_code
        == 404
    )


def test_a_non_pdf_deck_is_refused_on_the_form(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sadari.pitching.models import Submission

    client.force_login(world.applicant)
    url = reverse("pitching:submission-create", args=[world.call.pk])
    form = {
        **IDEA,
        "keywords": "",
        "deck_file": SimpleUploadedFile("deck.pdf", b"GIF89a", "application/pdf"),
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not Submission.objects.exists()


def test_invitation_and_expert_profile_pages(client, world, make_user):
    from sadari.pitching.models import Affiliation, DeclaredConflict, Expert, Invitation

    newcomer = make_user("newexpert", display_name="새전문가")
    client.force_login(newcomer)
    page = client.get(reverse("pitching:expert-profile"))
    assert page.status_code == 200
    client.post(reverse("pitching:expert-profile"), {
        "headline": "IR 코치", "tags": "IR, 드론", "industries": ["drone"], "languages": ["ko", "en"],
        "capacity": 4, "available": "on",
    })  # fmt: skip
    expert = Expert.objects.get(user=newcomer)
    assert expert.tags == ["IR", "드론"]
    assert expert.languages == ["ko", "en"]
    client.post(reverse("pitching:affiliation-add"), {"name": "주식회사 하늘길", "role": "고문"})
    aff = Affiliation.objects.get(expert=expert)
    assert aff.organization == world.startup  # linked to the directory by name
    backwards = {"name": "x", "started_on": "2024-01-01", "ended_on": "2020-01-01"}
    client.post(reverse("pitching:affiliation-add"), backwards)
    assert Affiliation.objects.filter(expert=expert).count() == 1
    client.post(
        reverse("pitching:conflict-declare"), {"organization": "하늘길", "reason": "지분 보유"}
    )
    client.post(reverse("pitching:conflict-declare"), {"organization": "없는 회사", "reason": "?"})
    assert DeclaredConflict.objects.filter(expert=expert).count() == 1
    client.force_login(world.experts[0].user)
    client.post(reverse("pitching:affiliation-delete", args=[aff.pk]))  # not theirs
    assert Affiliation.objects.filter(pk=aff.pk).exists()
    client.force_login(newcomer)
    client.post(reverse("pitching:affiliation-delete", args=[aff.pk]))
    assert not Affiliation.objects.filter(pk=aff.pk).exists()

    client.force_login(world.staff)
    client.post(reverse("pitching:call-invite", args=[world.call.pk]), {"expert": expert.pk})
    invitation = Invitation.objects.get(expert=expert)
    client.force_login(world.other_staff)
    assert (
        client.post(
            reverse("pitching:call-invite", args=[world.call.pk]), {"expert": expert.pk}
        ).status_code
        == 404
    )
    client.force_login(world.experts[0].user)
    url = reverse("pitching:invitation-respond", args=[invitation.pk])
    assert client.post(url, {"answer": "accept"}).status_code == 404
    client.force_login(newcomer)
    assert "Invitations" in client.get(reverse("pitching:review-queue")).content.decode()
    client.post(url, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == "accepted"


def test_staff_adjust_publish_and_close_through_the_batch_page(client, world, make_user):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment, Expert

    extra = Expert.objects.create(
        user=make_user("expert_x", display_name="추가위원"), tags=["드론"]
    )
    accept_all(world)
    services.invitation_respond(services.invite(call=world.call, expert=extra, by=world.staff),
                                by=extra.user, accept=True)  # fmt: skip
    sub = submitted(world)
    batch = sub.batch
    client.force_login(world.staff)
    client.post(reverse("pitching:batch-action", args=[batch.pk, "propose"]))
    page = client.get(reverse("pitching:batch-detail", args=[batch.pk])).content.decode()
    assert "pairs proposed" in page or "쌍" in page
    old = Assignment.objects.filter(submission=sub).first()
    assign = reverse("pitching:batch-assign", args=[batch.pk, sub.pk])
    client.post(assign, {"expert": world.conflicted.pk, "replace": old.pk})  # refused: conflict
    assert Assignment.objects.filter(pk=old.pk).exists()
    client.post(assign, {"expert": extra.pk, "replace": old.pk})
    assert not Assignment.objects.filter(pk=old.pk).exists()
    assert Assignment.objects.filter(submission=sub, expert=extra, manual=True).exists()
    client.post(assign, {"expert": "abc"})  # junk: a message, no error
    client.post(reverse("pitching:batch-action", args=[batch.pk, "publish"]))
    assert set(Assignment.objects.filter(submission=sub).values_list("status", flat=True)) == {
        "published"
    }
    # Closing with a bad method is refused with a message; a good one closes.
    client.post(reverse("pitching:batch-action", args=[batch.pk, "close"]), {"method": "zzz"})
    batch.refresh_from_db()
    assert batch.status == "reviewing"
    client.post(
        reverse("pitching:batch-action", args=[batch.pk, "close"]),
        {"method": "median", "shortlist": "2"},
    )
    batch.refresh_from_db()
    assert batch.status == "closed"
    assert batch.method == "median"
    assert (
        client.post(reverse("pitching:batch-action", args=[batch.pk, "explode"])).status_code == 404
    )


def test_reviewer_declines_through_the_page(client, world):
    from sadari.pitching.models import Assignment

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    client.force_login(world.experts[0].user)
    url = reverse("pitching:review-decline", args=[a.pk])
    client.post(url, {"reason": ""})
    a.refresh_from_db()
    assert a.status == "published"
    client.post(url, {"reason": "이해 충돌: 이 분야 경쟁사 자문"})
    a.refresh_from_db()
    assert a.status == "declined"
    assert client.get(reverse("pitching:review", args=[a.pk])).status_code == 404


def test_review_form_saves_a_draft_then_submits(client, world):
    from sadari.pitching.models import Assignment, Review

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[1])
    client.force_login(world.experts[1].user)
    url = reverse("pitching:review", args=[a.pk])
    crit = list(world.call.criteria.all())
    client.post(url, {f"c{crit[0].pk}": 4, "confidence": 3, "save": "1"})
    review = Review.objects.get(assignment=a)
    assert review.submitted_at is None
    response = client.post(
        url, {f"c{crit[0].pk}": 4, "confidence": 3, "comment": "", "submit": "1"}
    )
    assert response.status_code == 200  # missing scores and comment, shown on the form
    data = {f"c{c.pk}": 3 for c in crit} | {"confidence": 5, "comment": "좋습니다", "submit": "1"}
    client.post(url, data)
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert review.total == 50.0
    assert client.post(url, {f"c{crit[0].pk}": "99", "confidence": "x"}).status_code == 200


def test_mentoring_pages(client, world):
    from sadari.pitching.models import Booking, MentorNote, Slot

    mentor = world.experts[0]
    client.force_login(mentor.user)
    start = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    client.post(reverse("pitching:slot-create"), {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": 60, "mode": "online", "place": "",
    })  # fmt: skip
    slot = Slot.objects.get(mentor=mentor)
    client.post(
        reverse("pitching:slot-create"), {"starts_at": "yesterday", "minutes": 60, "mode": "online"}
    )
    assert Slot.objects.filter(mentor=mentor).count() == 1
    client.force_login(world.applicant)
    page = client.get(reverse("pitching:mentoring")).content.decode()
    assert mentor.user.display_name in page
    client.post(reverse("pitching:slot-book", args=[slot.pk]), {"topic": "가격 책정"})
    booking = Booking.objects.get(slot=slot)
    client.force_login(world.applicant)
    assert (
        client.post(
            reverse("pitching:booking-detail", args=[booking.pk]), {"text": "x"}
        ).status_code
        == 404
    )
    client.force_login(mentor.user)
    client.post(
        reverse("pitching:booking-detail", args=[booking.pk]), {"text": "가격 실험 3가지 제안"}
    )
    assert MentorNote.objects.filter(booking=booking).count() == 1
    client.force_login(world.staff)  # staff of the café read, but do not cancel
    slot.host = world.cafe
    slot.save()
    assert (
        "가격 실험"
        in client.get(reverse("pitching:booking-detail", args=[booking.pk])).content.decode()
    )
    assert client.post(reverse("pitching:booking-cancel", args=[booking.pk])).status_code == 404
    client.force_login(world.applicant)
    client.post(reverse("pitching:booking-cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert client.post(reverse("pitching:slot-book", args=[99999])).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/pitching/?page=abc",
        "/pitching/my/?page=-1",
        "/pitching/mentoring/?page=zz",
        "/pitching/calls/1/submit/?x=%00",
        "/pitching/submissions/abc/",
    ],
)
def test_no_page_fails_on_bad_input(client, world, path):
    client.force_login(world.applicant)
    assert client.get(path).status_code in (200, 404)


def test_batch_page_and_exports_with_a_bad_method(client, world):
    sub = published(world)
    client.force_login(world.staff)
    for url in (
        reverse("pitching:batch-detail", args=[sub.batch.pk]) + "?method=zzz",
        reverse("pitching:batch-export", args=[sub.batch.pk, "csv"]) + "?method=zzz",
    ):
        assert client.get(url).status_code == 200
    assert (
        client.get(reverse("pitching:batch-export", args=[sub.batch.pk, "pdf"])).status_code == 404
    )
