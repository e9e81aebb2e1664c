"""Reads with access checks: every function that returns an object to a user checks that the
user may see it and raises Http404 otherwise (missing and forbidden look the same)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sadari.accounts.rules import is_city_operator
from sadari.pitching import conflicts as coi
from sadari.pitching.enums import AssignmentStatus, BatchStatus, BookingStatus, SubmissionStatus
from sadari.pitching.models import (
    Assignment,
    Batch,
    Booking,
    Call,
    Expert,
    Invitation,
    Review,
    Submission,
)
from sadari.pitching.rules import can_manage_call, staff_host_ids

REDACTED = "○○○"


def calls_for(user: Any) -> QuerySet[Call]:
    return Call.objects.select_related("host").annotate(
        ideas=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED))
    )


def managed_calls(user: Any) -> QuerySet[Call]:
    if is_city_operator(user):
        return Call.objects.select_related("host")
    return Call.objects.filter(host_id__in=staff_host_ids(user)).select_related("host")


def access_call_staff(user: Any, pk: int) -> Call:
    call = Call.objects.select_related("host").filter(pk=pk).first()
    if call is None or not can_manage_call(user, call):
        raise Http404
    return call


def access_batch(user: Any, pk: int) -> Batch:
    batch = Batch.objects.select_related("call__host").filter(pk=pk).first()
    if batch is None or not can_manage_call(user, batch.call):
        raise Http404
    return batch


def access_submission(user: Any, pk: int) -> tuple[Submission, str]:
    """The applicant's own idea (role "applicant") or, for staff of the host, any idea
    ("staff"). Reviewers read ideas through their assignment (``access_assignment``)."""
    sub = (
        Submission.objects.select_related("call__host", "batch", "organization", "applicant")
        .filter(pk=pk)
        .first()
    )
    if sub is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if sub.applicant_id == user.pk:
        return sub, "applicant"
    # A draft is the applicant's until they submit it: not even the host's staff read it.
    if sub.status != SubmissionStatus.DRAFT and can_manage_call(user, sub.call):
        return sub, "staff"
    raise Http404


def access_assignment(user: Any, pk: int) -> Assignment:
    """A published assignment of the user's, on a live idea, without a conflict of interest
    (checked now: a conflict that appeared after assignment hides the idea too)."""
    a = (
        Assignment.objects.select_related(
            "expert__user", "submission__call__host", "submission__organization", "batch"
        )
        .filter(pk=pk, expert__user_id=getattr(user, "pk", None))
        .first()
    )
    if (
        a is None
        or a.status != AssignmentStatus.PUBLISHED
        or a.submission.status != SubmissionStatus.SUBMITTED
        or coi.conflicts_of(a.expert, a.submission)
    ):
        raise Http404
    return a


def may_read_deck(user: Any, submission: Submission) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if submission.applicant_id == user.pk:
        return True
    if submission.status != SubmissionStatus.DRAFT and can_manage_call(user, submission.call):
        return True
    for a in Assignment.objects.filter(
        submission=submission, expert__user_id=user.pk, status=AssignmentStatus.PUBLISHED
    ).select_related("expert"):
        if submission.status == SubmissionStatus.SUBMITTED and not coi.conflicts_of(
            a.expert, submission
        ):
            return True
    return False


def review_queue(expert: Expert | None) -> list[Assignment]:
    """The expert's published assignments on live ideas, conflicts re-checked."""
    if expert is None:
        return []
    rows = list(
        Assignment.objects.filter(
            expert=expert,
            status=AssignmentStatus.PUBLISHED,
            submission__status=SubmissionStatus.SUBMITTED,
        )
        .exclude(batch__status=BatchStatus.CLOSED)
        .select_related("submission__call__host", "batch")
        .order_by("batch__ends_on", "pk")
    )
    found = coi.detect([expert], [a.submission for a in rows])
    submitted = set(
        Review.objects.filter(assignment__in=rows, submitted_at__isnull=False).values_list(
            "assignment_id", flat=True
        )
    )
    for a in rows:
        a.done = a.pk in submitted  # type: ignore[attr-defined]
    return [a for a in rows if (expert.pk, a.submission_id) not in found]


def invitations_of(expert: Expert | None) -> QuerySet[Invitation]:
    if expert is None:
        return Invitation.objects.none()
    return Invitation.objects.filter(expert=expert).select_related("call__host")


def _names_of(submission: Submission) -> list[str]:
    """Names a blind reviewer must not see: applicant, their directory profile, company."""
    names: list[str] = []
    applicant = submission.applicant
    names += [applicant.display_name, applicant.get_full_name()]
    person = getattr(applicant, "person", None) if hasattr(applicant, "person") else None
    if person is not None:
        names += [person.name_ko, person.name_en]
    if submission.organization is not None:
        from sadari_core.text.company import strip_legal_form

        org = submission.organization
        names += [
            org.name_ko,
            org.name_en,
            strip_legal_form(org.name_ko),
            strip_legal_form(org.name_en),
        ]
    return sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)


def redact(text: str, names: list[str]) -> str:
    """Masks each name: Korean ones wherever they occur (particles attach: 하늘길은), Latin ones
    as whole words only ("KT" must not eat into "marketing")."""
    for name in names:
        pattern = re.escape(name)
        if name.isascii():
            pattern = rf"(?<!\w){pattern}(?!\w)"
        text = re.sub(pattern, REDACTED, text, flags=re.IGNORECASE)
    return text


@dataclass
class ReviewerView:
    """What a reviewer reads of an idea: blinded in blind calls."""

    title: str
    idea: str
    problem: str
    customer: str
    team: str
    applicant: str
    company: str
    blind: bool


def reviewer_view(submission: Submission) -> ReviewerView:
    blind = submission.call.blind_review
    names = _names_of(submission) if blind else []

    def show(text: str) -> str:
        return redact(text, names) if blind else text

    return ReviewerView(
        title=show(submission.title),
        idea=show(submission.idea),
        problem=show(submission.problem),
        customer=show(submission.customer),
        team=show(submission.team),
        applicant="" if blind else str(submission.applicant),
        company="" if blind or submission.organization is None else submission.organization.name,
        blind=blind,
    )


def others_reviews(assignment: Assignment, own: Review | None) -> list[Review] | None:
    """Other reviewers' submitted reviews (anonymous), or None while the reviewer may not see
    them: before submitting their own, or never when the call keeps them hidden."""
    if not assignment.submission.call.reveal_scores_after_own:
        return None
    if own is None or own.submitted_at is None:
        return None
    return list(
        Review.objects.filter(
            assignment__submission=assignment.submission,
            assignment__status=AssignmentStatus.PUBLISHED,
            submitted_at__isnull=False,
        )
        .exclude(pk=own.pk)
        .select_related("assignment__expert__user", "assignment__expert__person")
        .prefetch_related("scores__criterion", "assignment__expert__affiliations__organization")
        .order_by("submitted_at", "pk")
    )


def access_booking(user: Any, pk: int) -> tuple[Booking, str]:
    """The applicant, the mentor, staff of the slot's café, or a city operator."""
    b = (
        Booking.objects.select_related(
            "slot__mentor__user", "slot__host", "applicant", "submission__call"
        )
        .filter(pk=pk)
        .first()
    )
    if b is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if b.applicant_id == user.pk:
        return b, "applicant"
    if b.slot.mentor.user_id == user.pk:
        return b, "mentor"
    if is_city_operator(user) or (b.slot.host_id and b.slot.host_id in staff_host_ids(user)):
        return b, "staff"
    raise Http404


def booking_idea_visible(user: Any, booking: Booking, role: str) -> bool:
    """Whether the booking page may name the idea it is about: to the applicant and the
    mentor they chose to tell, and to staff who manage the idea's call — not to staff of
    another café where the session takes place."""
    if booking.submission is None:
        return False
    if role in ("applicant", "mentor"):
        return True
    return can_manage_call(user, booking.submission.call)


def my_bookings(user: Any) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(applicant=user)
        .select_related("slot__mentor__user", "slot__host")
        .order_by("-starts_at")
    )


def mentor_bookings(expert: Expert | None) -> QuerySet[Booking]:
    if expert is None:
        return Booking.objects.none()
    return (
        Booking.objects.filter(slot__mentor=expert, status=BookingStatus.BOOKED)
        .select_related("applicant", "slot")
        .order_by("starts_at")
    )


def cafe_bookings(user: Any, *, since: Any, limit: int = 100) -> list[Booking]:
    """Bookings at the cafés the user staffs (every café for a city operator) from ``since``:
    staff read the mentors' notes, so they need a way to find the bookings."""
    hosts = staff_host_ids(user)
    if not hosts and not is_city_operator(user):
        return []
    rows = Booking.objects.filter(starts_at__gte=since).select_related(
        "slot__mentor__user", "slot__host", "applicant"
    )
    if not is_city_operator(user):
        rows = rows.filter(slot__host_id__in=hosts)
    return list(rows.order_by("starts_at", "pk")[:limit])
