"""Submissions, batches, assignment, reviews, results and mentoring through the services."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.pitching.conftest import IDEA, accept_all, pdf_bytes, published, review_all, submitted

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


# --- submissions ----------------------------------------------------------------------------


def test_a_draft_needs_every_field_before_it_is_submitted(world):
    from sadari.pitching import services

    draft = services.submission_create(
        call=world.call, applicant=world.applicant, data={"title": "초안"}
    )
    with pytest.raises(ValidationError) as exc:
        services.submission_submit(draft, by=world.applicant)
    assert {"idea", "problem", "customer", "team", "industry"} <= set(exc.value.error_dict)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.batch is None


def test_only_the_applicant_edits_and_submits(world):
    from sadari.pitching import services

    draft = services.submission_create(call=world.call, applicant=world.applicant, data=IDEA)
    with pytest.raises(PermissionDenied):
        services.submission_submit(draft, by=world.other_applicant)
    with pytest.raises(PermissionDenied):
        services.submission_update(draft, by=world.staff, data={"title": "x"})


def test_rolling_desk_batches_ideas_by_week(world):
    from sadari.pitching import services

    batch = services.collecting_batch(world.call, now=dt.datetime(2026, 11, 25, 10, tzinfo=SEOUL))
    assert (batch.starts_on, batch.ends_on) == (dt.date(2026, 11, 23), dt.date(2026, 11, 29))
    same = services.collecting_batch(world.call, now=dt.datetime(2026, 11, 29, 22, tzinfo=SEOUL))
    assert same.pk == batch.pk
    following = services.collecting_batch(
        world.call, now=dt.datetime(2026, 11, 30, 9, tzinfo=SEOUL)
    )
    assert following.number == batch.number + 1


def test_an_idea_submitted_after_the_week_was_published_joins_next_weeks_batch(world):
    sub = published(world)
    later = submitted(world, applicant=world.other_applicant)
    assert later.batch.pk != sub.batch.pk
    assert later.batch.starts_on == sub.batch.starts_on + dt.timedelta(days=7)


def test_a_dated_call_opens_and_closes_by_its_dates(world):
    from sadari.pitching import services
    from sadari.pitching.models import Call

    now = timezone.now()
    call = Call.objects.create(
        host=world.cafe, kind="dated", title_ko="가을 공모",
        opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=10),
        review_closes_at=now + dt.timedelta(days=20), results_at=now + dt.timedelta(days=25),
    )  # fmt: skip
    assert call.phase(now) == "upcoming"
    assert call.phase(now + dt.timedelta(days=2)) == "open"
    assert call.phase(now + dt.timedelta(days=11)) == "reviewing"
    assert call.phase(now + dt.timedelta(days=26)) == "results"
    draft = services.submission_create(call=call, applicant=world.applicant, data=IDEA)
    with pytest.raises(ValidationError):
        services.submission_submit(draft, by=world.applicant)  # not open yet


def test_a_dated_call_needs_its_window(world):
    from sadari.pitching.models import Call

    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.create(host=world.cafe, kind="dated", title_ko="날짜 없는 공모")


def test_deck_must_be_a_readable_pdf_within_the_size_limit(world):
    from sadari.pitching import services

    def upload(data: bytes, name: str = "deck.pdf"):
        return SimpleUploadedFile(name, data, content_type="application/pdf")

    with pytest.raises(ValidationError, match="PDF"):
        services.submission_create(call=world.call, applicant=world.applicant, data=IDEA,
                                   deck=upload(b"PK\x03\x04 not a pdf"))  # fmt: skip
    with pytest.raises(ValidationError):
        services.submission_create(call=world.call, applicant=world.applicant, data=IDEA,
                                   deck=upload(b"%PDF-1.7 broken"))  # fmt: skip
    world.call.max_deck_mb = 1
    big = pdf_bytes() + b"%" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="MB"):
        services.submission_create(call=world.call, applicant=world.applicant, data=IDEA,
                                   deck=upload(big))  # fmt: skip
    ok = services.submission_create(call=world.call, applicant=world.applicant, data=IDEA,
                                    deck=upload(pdf_bytes(2), "내 덱.pdf"))  # fmt: skip
    assert ok.deck
    assert ok.deck_name == "내 덱.pdf"


def test_withdraw_and_resubmit_keep_the_history(world):
    from sadari.pitching import services

    first = submitted(world)
    assert not services.can_resubmit(first)  # not before feedback or withdrawal
    services.submission_withdraw(first, by=world.applicant)
    second = services.submission_resubmit(first, by=world.applicant)
    assert second.previous == first
    assert second.version == 2
    assert second.status == "draft"
    assert second.title == first.title
    services.submission_update(second, by=world.applicant, data={"title": "개선된 드론 물류"})
    second = services.submission_submit(second, by=world.applicant)
    assert [s.pk for s in second.history()] == [first.pk, second.pk]
    assert [s.pk for s in first.history()] == [first.pk, second.pk]
    with pytest.raises(ValidationError):
        services.submission_resubmit(first, by=world.applicant)  # one next version only


def test_feedback_allows_an_improved_resubmission(world):
    from sadari.pitching import services

    sub = published(world)
    review_all(world, sub)
    services.batch_close(sub.batch, by=world.staff)
    sub.refresh_from_db()
    assert services.can_resubmit(sub)
    with pytest.raises(ValidationError):
        services.submission_withdraw(sub, by=world.applicant)


# --- assignment -----------------------------------------------------------------------------


def test_assignment_is_k_conflict_free_reviewers_within_capacity(world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    accept_all(world)
    subs = [submitted(world)] + [
        submitted(world, applicant=world.other_applicant, title=f"아이디어 {i}") for i in range(3)
    ]
    for e in world.experts:
        e.capacity = 4
        e.save()
    proposal = services.assignment_propose(subs[0].batch, by=world.staff)
    assert proposal.uncovered == {}
    pairs = list(
        Assignment.objects.filter(batch=subs[0].batch).values_list("submission_id", "expert_id")
    )
    assert len(pairs) == 4 * 3
    assert (subs[0].pk, world.conflicted.pk) not in pairs
    load = {
        e.pk: sum(1 for _s, x in pairs if x == e.pk) for e in [*world.experts, world.conflicted]
    }
    assert max(load.values()) <= 4


def test_ideas_the_pool_cannot_cover_are_reported(world):
    from sadari.pitching import services

    accept_all(world)
    sub = submitted(world)
    for e in world.experts:
        e.available = False
        e.save()
    proposal = services.assignment_propose(sub.batch, by=world.staff)
    assert proposal.uncovered == {sub.pk: 3}  # the conflicted expert is the only one left


def test_staff_cannot_put_a_conflicted_expert_on_an_idea(world):
    from sadari.pitching import services

    accept_all(world)
    sub = submitted(world)
    services.assignment_propose(sub.batch, by=world.staff)
    with pytest.raises(ValidationError, match="Conflict"):
        services.assignment_set(sub, expert=world.conflicted, by=world.staff)


def test_staff_replace_a_proposed_reviewer(world, make_user):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment, Expert

    extra = Expert.objects.create(
        user=make_user("expert_x", display_name="추가위원"), tags=["드론"]
    )
    accept_all(world)
    services.invitation_respond(services.invite(call=world.call, expert=extra, by=world.staff),
                                by=extra.user, accept=True)  # fmt: skip
    sub = submitted(world)
    services.assignment_propose(sub.batch, by=world.staff)
    old = Assignment.objects.filter(submission=sub).first()
    services.assignment_set(sub, expert=extra, by=world.staff, replace=old)
    experts = set(Assignment.objects.filter(submission=sub).values_list("expert_id", flat=True))
    assert extra.pk in experts
    assert old.expert_id not in experts
    assert len(experts) == 3
    with pytest.raises(PermissionDenied):
        services.assignment_set(sub, expert=extra, by=world.other_staff)


def test_a_declining_reviewer_is_replaced(world, make_user):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment, Expert

    extra = Expert.objects.create(
        user=make_user("expert_x", display_name="추가위원"), tags=["드론"]
    )
    sub = published(world)
    services.invitation_respond(services.invite(call=world.call, expert=extra, by=world.staff),
                                by=extra.user, accept=True)  # fmt: skip
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    with pytest.raises(ValidationError):
        services.assignment_decline(a, by=world.experts[0].user, reason="  ")
    replacement = services.assignment_decline(a, by=world.experts[0].user, reason="출장")
    assert replacement is not None
    assert replacement.expert == extra
    a.refresh_from_db()
    assert a.status == "declined"
    assert a.decline_reason == "출장"


def test_a_decline_without_a_free_reviewer_tells_staff(world):
    from sadari.investment.models import Notification
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    assert services.assignment_decline(a, by=world.experts[0].user, reason="바쁨") is None
    assert Notification.objects.filter(
        user=world.staff, text_en__contains="no one is free"
    ).exists()


# --- reviews and results --------------------------------------------------------------------


def test_review_scores_are_checked_against_the_rubric(world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    c = list(world.call.criteria.all())
    with pytest.raises(ValidationError) as exc:
        services.review_save(
            a, by=world.experts[0].user, scores={c[0].pk: 9}, comment="x", submit=True
        )
    assert {f"c{c[0].pk}", f"c{c[1].pk}", f"c{c[2].pk}"} <= set(exc.value.error_dict)
    draft = services.review_save(a, by=world.experts[0].user, scores={c[0].pk: 5}, comment="")
    assert draft.submitted_at is None
    assert draft.total == 100.0
    with pytest.raises(PermissionDenied):
        services.review_save(a, by=world.experts[1].user, scores={}, comment="x")


def test_review_total_is_weighted_on_100(world):
    from sadari.pitching.services import review_total

    c = list(world.call.criteria.all())  # weights 2, 1, 1 on 1–5
    assert review_total(c, {c[0].pk: 5, c[1].pk: 1, c[2].pk: 1}) == 50.0
    assert review_total(c, {c[0].pk: 3, c[1].pk: 3, c[2].pk: 3}) == 50.0
    assert review_total(c, {}) is None


def test_closing_a_batch_ranks_flags_and_releases(world):
    from sadari.pitching import services
    from sadari.pitching.models import Result
    from tests.pitching.conftest import submitted as submit_more

    sub = published(world)
    # A second idea in the same batch, assigned by staff.
    world.call.refresh_from_db()
    review_all(world, sub, (5, 1, 1))  # strong disagreement
    second = submit_more(world, applicant=world.other_applicant, title="두 번째")
    assert second.batch != sub.batch  # the first batch is under review
    services.batch_close(sub.batch, by=world.staff, method="mean", shortlist=1)
    result = Result.objects.get(submission=sub)
    assert result.released_at is not None
    assert result.rank == 1
    assert result.shortlisted
    assert result.disagreement  # spread of 100 vs 0 is above the 20-point threshold
    assert result.low <= result.estimate <= result.high
    assert [d["mean"] for d in result.diagnosis] == [pytest.approx(7 / 3, abs=0.01)] * 3
    assert sorted(result.feedback) == ["의견 1", "의견 1", "의견 5"]
    with pytest.raises(ValidationError):
        services.batch_close(sub.batch, by=world.staff)  # once


def test_scores_differ_by_method_and_calibration_handles_leniency(world, make_user):
    from sadari.pitching import services

    sub = published(world)
    review_all(world, sub)
    rows = {
        m: services.batch_scores(sub.batch, m)[0]
        for m in ("mean", "median", "zscore", "calibrated")
    }
    assert rows["mean"].estimate == pytest.approx((100 + 50 + 25) / 3, abs=0.01)
    assert rows["median"].estimate == pytest.approx(50.0)
    assert all(r.low is not None and r.high is not None for r in rows.values())


def test_export_has_the_ranking_and_no_reviewer(client, world):
    from django.urls import reverse

    sub = published(world)
    review_all(world, sub)
    client.force_login(world.staff)
    text = client.get(reverse("pitching:batch-export", args=[sub.batch.pk, "csv"])).content.decode()
    assert text.lstrip("\ufeff").startswith("rank,title,applicant,company,score")
    assert sub.title in text
    for e in world.experts:
        assert e.user.display_name not in text


# --- mentoring ------------------------------------------------------------------------------


def _slot(world, days=2, expert=None):
    from sadari.pitching import services

    expert = expert or world.experts[0]
    start = timezone.now() + dt.timedelta(days=days)
    return services.slot_create(mentor=expert, by=expert.user, starts_at=start,
                                ends_at=start + dt.timedelta(hours=1))  # fmt: skip


def test_the_database_refuses_a_second_booking_of_a_slot(world):
    from sadari.pitching.models import Booking

    slot = _slot(world)
    Booking.objects.create(slot=slot, applicant=world.applicant, starts_at=slot.starts_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(slot=slot, applicant=world.other_applicant, starts_at=slot.starts_at)


def test_an_applicant_cannot_be_in_two_places_at_once(world):
    from sadari.pitching import services

    a = _slot(world, expert=world.experts[0])
    b = _slot(world, expert=world.experts[1])
    b.starts_at = a.starts_at
    b.save()
    services.booking_create(slot=a, applicant=world.applicant)
    with pytest.raises(ValidationError, match="already have a booking"):
        services.booking_create(slot=b, applicant=world.applicant)


def test_cancelling_frees_the_slot(world):
    from sadari.pitching import services

    slot = _slot(world)
    booking = services.booking_create(slot=slot, applicant=world.applicant)
    with pytest.raises(ValidationError, match="just booked"):
        services.booking_create(slot=slot, applicant=world.other_applicant)
    services.booking_cancel(booking, by=world.applicant)
    again = services.booking_create(slot=slot, applicant=world.other_applicant)
    assert again.status == "booked"
    with pytest.raises(PermissionDenied):
        services.booking_cancel(again, by=world.applicant)


def test_slots_do_not_overlap_and_are_in_the_future(world):
    from sadari.pitching import services

    slot = _slot(world)
    e = world.experts[0]
    with pytest.raises(ValidationError):
        services.slot_create(mentor=e, by=e.user, starts_at=slot.starts_at + dt.timedelta(minutes=30),
                             ends_at=slot.ends_at + dt.timedelta(minutes=30))  # fmt: skip
    past = timezone.now() - dt.timedelta(hours=1)
    with pytest.raises(ValidationError):
        services.slot_create(
            mentor=e, by=e.user, starts_at=past, ends_at=past + dt.timedelta(hours=1)
        )


def test_mentor_notes_are_for_the_mentor_to_write(world):
    from sadari.pitching import services

    booking = services.booking_create(slot=_slot(world), applicant=world.applicant)
    services.note_add(booking, by=world.experts[0].user, text="시장 규모 산정 근거 보완")
    with pytest.raises(PermissionDenied):
        services.note_add(booking, by=world.applicant, text="x")
    assert booking.notes.count() == 1


def test_reminders_go_once_for_bookings_within_a_day(world, mailoutbox):
    from sadari.pitching import services

    soon = services.booking_create(slot=_slot(world, days=0.5), applicant=world.applicant)
    services.booking_create(
        slot=_slot(world, days=3, expert=world.experts[1]), applicant=world.applicant
    )
    world.applicant.email = "founder@example.org"
    world.applicant.save()
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    soon.refresh_from_db()
    assert soon.reminded_at is not None
