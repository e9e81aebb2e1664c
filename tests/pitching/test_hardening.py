"""Defects found in the review of the pitching app (issue #7), one test each: leaks through
e-mail recipients and booking pages, dated calls' review and result dates, reviewer capacity
across concurrent batches, declines after closing, mentoring slots' café and overlaps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.pitching.conftest import IDEA, accept_all, published, review_all, submitted

pytestmark = pytest.mark.django_db


def _slot(expert, *, days: float = 3, hours: float = 1, host=None):
    from sadari.pitching import services

    start = timezone.now() + dt.timedelta(days=days)
    return services.slot_create(mentor=expert, by=expert.user, starts_at=start,
                                ends_at=start + dt.timedelta(hours=hours), host=host)  # fmt: skip


def _dated_call(world, **dates):
    from sadari.pitching.models import Call, Criterion

    now = timezone.now()
    windows = {
        "opens_at": now - dt.timedelta(days=10),
        "closes_at": now + dt.timedelta(days=5),
        "review_closes_at": now + dt.timedelta(days=15),
        "results_at": now + dt.timedelta(days=20),
        **dates,
    }
    call = Call.objects.create(host=world.cafe, kind="dated", title_ko="겨울 공모", **windows)
    for c in world.call.criteria.all():
        Criterion.objects.create(call=call, name_ko=c.name_ko, weight=c.weight, order=c.order)
    return call


# --- leaks ----------------------------------------------------------------------------------


def test_each_notification_email_has_one_recipient(world, mailoutbox,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    from sadari.pitching import services

    for i, e in enumerate(world.experts):
        e.user.email = f"reviewer{i}@example.org"
        e.user.save()
    world.applicant.email = "founder@example.org"
    world.applicant.save()

    with django_capture_on_commit_callbacks(execute=True):
        published(world)  # tells the three reviewers
        services.booking_create(slot=_slot(world.experts[0], days=0.5), applicant=world.applicant)
        services.send_reminders()  # tells the applicant and the mentor

    assert mailoutbox
    assert [len(m.to) for m in mailoutbox] == [1] * len(mailoutbox)
    reviewer_mails = [m for m in mailoutbox if m.to[0].startswith("reviewer")]
    assert len(reviewer_mails) >= 3


def test_a_cancelled_booking_about_an_idea_keeps_the_mentor_conflicted(world):
    from sadari.pitching import conflicts as coi
    from sadari.pitching import services

    sub = submitted(world)
    mentor = world.experts[0]
    booking = services.booking_create(slot=_slot(mentor), applicant=world.applicant, submission=sub)
    services.booking_cancel(booking, by=world.applicant)

    # The mentor has seen the idea's title with the applicant's name: blind review is over.
    assert [c.kind for c in coi.conflicts_of(mentor, sub)] == ["mentor"]
    plain = services.booking_create(slot=_slot(world.experts[1]), applicant=world.applicant)
    services.booking_cancel(plain, by=world.applicant)
    assert coi.conflicts_of(world.experts[1], sub) == []


def test_booking_page_shows_the_idea_only_to_staff_who_manage_its_call(client, world):
    from sadari.pitching import services

    sub = submitted(world, title="비밀스러운 드론 아이디어")
    slot = _slot(world.experts[0], host=world.other_inst)
    booking = services.booking_create(slot=slot, applicant=world.applicant, submission=sub)
    url = reverse("pitching:booking-detail", args=[booking.pk])

    client.force_login(world.other_staff)  # staff of the café where the session takes place
    page = client.get(url)

    assert page.status_code == 200
    assert "비밀스러운 드론 아이디어" not in page.content.decode()
    client.force_login(world.applicant)
    assert "비밀스러운 드론 아이디어" in client.get(url).content.decode()


# --- dated calls ----------------------------------------------------------------------------


def test_reviews_close_on_the_dated_calls_date(world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment, Call

    call = _dated_call(world)
    accept_all(world)
    for e in [*world.experts, world.conflicted]:
        services.invitation_respond(services.invite(call=call, expert=e, by=world.staff),
                                    by=e.user, accept=True)  # fmt: skip
    sub = services.submission_submit(
        services.submission_create(call=call, applicant=world.applicant, data=IDEA),
        by=world.applicant,
    )
    services.assignment_propose(sub.batch, by=world.staff)
    services.assignment_publish(sub.batch, by=world.staff)
    Call.objects.filter(pk=call.pk).update(
        closes_at=timezone.now() - dt.timedelta(days=3),
        review_closes_at=timezone.now() - dt.timedelta(days=1),
    )
    a = Assignment.objects.filter(submission=sub).select_related("submission__call").first()

    with pytest.raises(ValidationError, match="Reviews closed"):
        services.review_save(a, by=a.expert.user, scores={}, comment="늦은 의견")
    with pytest.raises(ValidationError, match="Reviews closed"):
        services.assignment_decline(a, by=a.expert.user, reason="늦었습니다")


def test_results_of_a_dated_call_wait_for_its_results_date(client, world):
    from sadari.pitching import services
    from sadari.pitching.models import Call, Result

    call = _dated_call(world)
    for e in [*world.experts, world.conflicted]:
        services.invitation_respond(services.invite(call=call, expert=e, by=world.staff),
                                    by=e.user, accept=True)  # fmt: skip
    sub = services.submission_submit(
        services.submission_create(call=call, applicant=world.applicant,
                                   data={**IDEA, "organization": world.startup}),
        by=world.applicant,
    )  # fmt: skip
    services.assignment_propose(sub.batch, by=world.staff)
    services.assignment_publish(sub.batch, by=world.staff)
    world.call = call
    review_all(world, sub)

    services.batch_close(sub.batch, by=world.staff)

    result = Result.objects.get(submission=sub)
    assert result.released_at == call.results_at
    client.force_login(world.applicant)
    assert "의견 5" not in client.get(sub.get_absolute_url()).content.decode()
    Call.objects.filter(pk=call.pk).update(results_at=timezone.now() - dt.timedelta(minutes=1))
    Result.objects.filter(pk=result.pk).update(released_at=timezone.now() - dt.timedelta(minutes=1))
    assert "의견 5" in client.get(sub.get_absolute_url()).content.decode()


def test_an_idea_of_a_closed_dated_call_is_resubmitted_to_the_hosts_desk(world):
    from sadari.pitching import services
    from sadari.pitching.models import Call

    call = _dated_call(world)
    first = services.submission_create(call=call, applicant=world.applicant, data=IDEA)
    first = services.submission_submit(first, by=world.applicant)
    services.submission_withdraw(first, by=world.applicant)
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=40),
        closes_at=timezone.now() - dt.timedelta(days=30),
    )

    second = services.submission_resubmit(first, by=world.applicant)

    assert second.call == world.call  # the café's rolling desk, which is open
    assert services.submission_submit(second, by=world.applicant).status == "submitted"


# --- reviewers ------------------------------------------------------------------------------


def test_a_reviewer_cannot_decline_after_the_batch_closed(world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    review_all(world, sub)
    late = Assignment.objects.create(
        batch=sub.batch, submission=sub, expert=world.conflicted, status="published"
    )  # e.g. a reviewer who never submitted
    services.batch_close(sub.batch, by=world.staff)

    with pytest.raises(ValidationError, match="closed"):
        services.assignment_decline(late, by=world.conflicted.user, reason="늦었습니다")

    assert Assignment.objects.filter(submission=sub).count() == 4


def test_capacity_holds_across_concurrent_batches(world):
    from sadari.pitching import services
    from sadari.pitching.models import Call, Criterion

    second = Call.objects.create(host=world.cafe, kind="rolling", title_ko="두 번째 데스크")
    Criterion.objects.create(call=second, name_ko="시장성")
    accept_all(world)
    for e in [*world.experts, world.conflicted]:
        services.invitation_respond(services.invite(call=second, expert=e, by=world.staff),
                                    by=e.user, accept=True)  # fmt: skip
        e.capacity = 1
        e.save()
    world.call.reviewers_per_submission = 1
    world.call.save()
    second.reviewers_per_submission = 3
    second.save()
    here = submitted(world, applicant=world.other_applicant)
    there = services.submission_submit(
        services.submission_create(call=second, applicant=world.other_applicant, data=IDEA),
        by=world.other_applicant,
    )
    services.assignment_propose(here.batch, by=world.staff)  # one expert
    services.assignment_propose(there.batch, by=world.staff)  # three experts (all free now)
    services.assignment_publish(here.batch, by=world.staff)

    with pytest.raises(ValidationError, match="capacity"):
        services.assignment_publish(there.batch, by=world.staff)


def test_staff_cannot_add_a_reviewer_beyond_capacity(world):
    from sadari.pitching import services

    sub = published(world)
    extra_idea = submitted(world, applicant=world.other_applicant)
    full = world.experts[0]
    full.capacity = 1
    full.save()
    services.assignment_propose(extra_idea.batch, by=world.staff)

    with pytest.raises(ValidationError, match="capacity"):
        services.assignment_set(extra_idea, expert=full, by=world.staff)

    assert sub.assignments.filter(expert=full).count() == 1


# --- mentoring ------------------------------------------------------------------------------


def test_slot_page_records_the_cafe_and_refuses_far_dates(client, world):
    from sadari.pitching.models import Slot

    mentor = world.experts[0]
    client.force_login(mentor.user)
    start = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(second=0)
    form = {"starts_at": start.strftime("%Y-%m-%dT%H:%M"), "minutes": 60, "mode": "in_person",
            "place": "상담실", "host": world.cafe.pk}  # fmt: skip

    client.post(reverse("pitching:slot-create"), form)
    response = client.post(
        reverse("pitching:slot-create"), {**form, "starts_at": "9999-12-31T23:30"}
    )

    assert response.status_code == 302
    assert list(Slot.objects.filter(mentor=mentor).values_list("host_id", flat=True)) == [
        world.cafe.pk
    ]


def test_an_applicant_cannot_book_overlapping_sessions(world):
    from sadari.pitching import services

    first = _slot(world.experts[0], days=3)
    second = _slot(world.experts[1], days=3 + 1 / 48)  # starts 30 minutes into the first
    services.booking_create(slot=first, applicant=world.applicant)

    with pytest.raises(ValidationError, match="already have a booking"):
        services.booking_create(slot=second, applicant=world.applicant)


def test_staff_who_submit_to_their_own_desk_never_see_its_reviewers(client, world):
    from django.core.exceptions import PermissionDenied

    from sadari.pitching import services
    from sadari.pitching.models import Call, Criterion

    desk = Call.objects.create(host=world.other_inst, kind="rolling", title_ko="다른 데스크")
    Criterion.objects.create(call=desk, name_ko="시장성")
    for e in world.experts:
        services.invitation_respond(services.invite(call=desk, expert=e, by=world.operator),
                                    by=e.user, accept=True)  # fmt: skip
    sub = services.submission_submit(
        services.submission_create(call=desk, applicant=world.other_staff, data=IDEA),
        by=world.other_staff,
    )
    services.assignment_propose(sub.batch, by=world.operator)
    services.assignment_publish(sub.batch, by=world.operator)

    client.force_login(world.other_staff)
    page = client.get(reverse("pitching:batch-detail", args=[sub.batch.pk])).content.decode()

    assert "Your own idea" in page
    for e in world.experts:
        assert e.user.display_name not in page  # not even in the reviewers' load
    with pytest.raises(PermissionDenied):
        services.assignment_set(sub, expert=world.conflicted, by=world.other_staff)


def test_staff_find_the_bookings_at_their_cafe(client, world):
    from sadari.pitching import services

    here = services.booking_create(
        slot=_slot(world.experts[0], host=world.cafe), applicant=world.applicant
    )
    services.booking_create(
        slot=_slot(world.experts[1], days=4, host=world.other_inst), applicant=world.other_applicant
    )

    client.force_login(world.staff)
    page = client.get(reverse("pitching:mentoring")).content.decode()

    assert reverse("pitching:booking-detail", args=[here.pk]) in page
    assert world.other_applicant.display_name not in page
    client.force_login(world.operator)
    assert (
        world.other_applicant.display_name
        in client.get(reverse("pitching:mentoring")).content.decode()
    )


def test_a_reviewer_conflicted_after_reviewing_is_flagged_and_replaced(client, world, make_user):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment, DeclaredConflict, Expert, Review

    sub = published(world)
    review_all(world, sub)
    extra = Expert.objects.create(
        user=make_user("expert_x", display_name="추가위원"), tags=["드론"]
    )
    services.invitation_respond(services.invite(call=world.call, expert=extra, by=world.staff),
                                by=extra.user, accept=True)  # fmt: skip
    DeclaredConflict.objects.create(
        expert=world.experts[0], organization=world.startup, reason="투자 검토 중"
    )
    old = Assignment.objects.get(submission=sub, expert=world.experts[0])

    client.force_login(world.staff)
    page = client.get(reverse("pitching:batch-detail", args=[sub.batch.pk])).content.decode()
    services.assignment_set(sub, expert=extra, by=world.staff, replace=old)

    assert page.count("Conflict since assignment") == 1
    assert not Review.objects.filter(assignment__expert=world.experts[0]).exists()
    assert Assignment.objects.filter(submission=sub, expert=extra, status="published").exists()


def test_other_reviewers_comments_do_not_name_them(client, world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    scores = {c.pk: 4 for c in world.call.criteria.all()}
    other = Assignment.objects.get(submission=sub, expert=world.experts[1])
    services.review_save(other, by=world.experts[1].user, scores=scores,
                         comment="시장 검증이 필요합니다. — 최보통 드림", submit=True)  # fmt: skip
    mine = Assignment.objects.get(submission=sub, expert=world.experts[0])
    services.review_save(mine, by=world.experts[0].user, scores=scores, comment="좋습니다",
                         submit=True)  # fmt: skip

    client.force_login(world.experts[0].user)
    page = client.get(reverse("pitching:review", args=[mine.pk])).content.decode()

    assert "시장 검증이 필요합니다" in page
    assert "최보통" not in page


def test_closing_a_dated_calls_batch_says_when_feedback_is_released(client, world):
    from sadari.pitching import services

    call = _dated_call(world)
    for e in world.experts:
        services.invitation_respond(services.invite(call=call, expert=e, by=world.staff),
                                    by=e.user, accept=True)  # fmt: skip
    sub = services.submission_submit(
        services.submission_create(call=call, applicant=world.other_applicant, data=IDEA),
        by=world.other_applicant,
    )
    services.assignment_propose(sub.batch, by=world.staff)
    services.assignment_publish(sub.batch, by=world.staff)

    client.force_login(world.staff)
    response = client.post(
        reverse("pitching:batch-action", args=[sub.batch.pk, "close"]),
        {"method": "mean", "shortlist": 1},
        follow=True,
    )

    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        f"Batch closed; feedback for 1 ideas is released on "
        f"{timezone.localtime(call.results_at):%Y-%m-%d %H:%M}."
    ]


def test_a_past_session_reads_done_not_booked(world):
    from sadari.pitching.models import Booking, Slot

    start = timezone.now() - dt.timedelta(days=2)
    slot = Slot.objects.create(
        mentor=world.experts[0], starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    past = Booking.objects.create(slot=slot, applicant=world.applicant, starts_at=start)

    assert past.status_label == "Done"


def test_staff_do_not_read_an_applicants_draft(client, world):
    from sadari.pitching import services

    first = published(world)
    review_all(world, first)
    services.batch_close(first.batch, by=world.staff)
    draft = services.submission_resubmit(first, by=world.applicant)
    services.submission_update(draft, by=world.applicant, data={"title": "아직 다듬는 중인 제목"})

    client.force_login(world.staff)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("pitching:deck", args=[draft.pk])).status_code == 404
    assert "아직 다듬는 중인 제목" not in client.get(first.get_absolute_url()).content.decode()
    client.force_login(world.applicant)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_feedback_masks_the_organization_a_reviewer_signs_with(client, world):
    from sadari.pitching import services
    from sadari.pitching.models import Affiliation, Assignment

    sub = published(world)
    Affiliation.objects.create(expert=world.experts[0], name="푸른벤처스", role="심사역")
    review_all(world, sub)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    services.review_save(a, by=world.experts[0].user,
                         scores={c.pk: 5 for c in world.call.criteria.all()},
                         comment="유료 고객을 먼저 확보하세요. 푸른벤처스 심사역 드림", submit=True)  # fmt: skip

    services.batch_close(sub.batch, by=world.staff)

    client.force_login(world.applicant)
    page = client.get(sub.get_absolute_url()).content.decode()
    assert "유료 고객을 먼저 확보하세요" in page
    assert "푸른벤처스" not in page


@pytest.mark.parametrize(
    ("_case", "text", "names", "expected"),
    [
        ("latin whole word", "Marketing help from KT.", ["KT"], "Marketing help from ○○○."),
        ("latin possessive", "Skyroad's drones", ["Skyroad"], "○○○'s drones"),
        ("korean particle", "하늘길은 드론 회사", ["하늘길"], "○○○은 드론 회사"),
        ("case", "by kim, KIM", ["Kim"], "by ○○○, ○○○"),
        ("inside a word", "kimchi", ["Kim"], "kimchi"),
    ],
)
def test_redact(_case, text, names, expected):
    from sadari.pitching.selectors import redact

    assert redact(text, names) == expected


def test_an_idea_text_has_a_length_limit(client, world):
    from sadari.pitching.models import Submission

    client.force_login(world.applicant)
    response = client.post(
        reverse("pitching:submission-create", args=[world.call.pk]),
        {**IDEA, "keywords": "드론", "idea": "가" * 20000, "submit": "1"},
    )

    assert response.status_code == 200
    assert not Submission.objects.filter(applicant=world.applicant).exists()


def test_batch_page_shows_the_load_across_concurrent_batches(client, world):
    from sadari.pitching import services

    published(world)  # each of the three experts reviews its one idea
    later = submitted(world, applicant=world.other_applicant)
    services.assignment_propose(later.batch, by=world.staff)

    client.force_login(world.staff)
    page = client.get(reverse("pitching:batch-detail", args=[later.batch.pk])).content.decode()

    for e in world.experts:  # one idea in the batch under review, plus any proposed here
        here = later.batch.assignments.filter(expert=e).count()
        assert f"{e.user.display_name} {1 + here}/5" in page


def test_assignment_reasons_read_as_labels():
    from django.utils import translation

    from sadari.pitching.templatetags.pitching_tags import reason_labels

    with translation.override("ko"):
        labels = reason_labels(["semiconductor", "반도체", "비전", "semiconductor"])

    assert labels == ["반도체", "비전"]


def test_a_blind_reviewer_gets_the_deck_without_its_author(client, world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Kim Changup", "/Title": "Skyroad IR"})
    out = io.BytesIO()
    writer.write(out)
    accept_all(world)
    fresh = services.submission_create(
        call=world.call, applicant=world.other_applicant, data=IDEA,
        deck=SimpleUploadedFile("ir.pdf", out.getvalue(), content_type="application/pdf"),
    )  # fmt: skip
    fresh = services.submission_submit(fresh, by=world.other_applicant)
    services.assignment_propose(fresh.batch, by=world.staff)
    services.assignment_publish(fresh.batch, by=world.staff)
    reviewer = Assignment.objects.filter(submission=fresh).first().expert.user
    url = reverse("pitching:deck", args=[fresh.pk])

    client.force_login(reviewer)
    blind = client.get(url)

    assert blind.status_code == 200
    assert blind.content.startswith(b"%PDF-")
    assert b"Kim Changup" not in blind.content
    with fresh.deck.open("rb") as stored:  # the applicant and staff get the file as uploaded
        assert b"Kim Changup" in stored.read()
