"""Pitching services: every change goes through here (views and the demo call them).

Submissions: draft → submitted (into the call's collecting batch) → withdrawn; a resubmission
is a new draft that points to the version before it. Assignment: the optimizer
(``sadari_core.scheduling``) proposes k conflict-free reviewers per idea, staff adjust and
publish, a reviewer who declines is replaced. Reviews are scored on the rubric; closing a batch
aggregates the scores (``sadari_core.review``), compiles anonymous feedback and releases it.
Mentoring bookings are refused twice by the database, not only here.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.audit import audit_record
from sadari.investment.services import notifications_muted  # noqa: F401
from sadari.investment.services import notify_each as notify
from sadari.pitching import conflicts as coi
from sadari.pitching.enums import (
    AssignmentStatus,
    BatchStatus,
    BookingStatus,
    CallKind,
    InvitationStatus,
    Method,
    Phase,
    SubmissionStatus,
)
from sadari.pitching.models import (
    Assignment,
    Batch,
    Booking,
    Call,
    Criterion,
    Expert,
    Invitation,
    MentorNote,
    Result,
    Review,
    ReviewScore,
    Slot,
    Submission,
)
from sadari.pitching.rules import can_manage_call
from sadari.pitching.selectors import redact
from sadari_core import review as core_review
from sadari_core import scheduling

logger = logging.getLogger(__name__)
NOTIFY_KIND = "pitching"
SUBMISSION_FIELDS = (
    "title",
    "idea",
    "problem",
    "customer",
    "team",
    "stage",
    "industry",
    "keywords",
    "language",
    "organization",
)
REQUIRED_TO_SUBMIT = ("title", "idea", "problem", "customer", "team", "industry")


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def clean_keywords(value: Any) -> list[str]:
    """Keywords from a list or a comma-separated string: trimmed, de-duplicated, ≤ 12."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    seen: dict[str, str] = {}
    for item in items:
        text = " ".join(str(item).split())[:40]
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())[:12]


# --- batches --------------------------------------------------------------------------------


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def collecting_batch(call: Call, now: dt.datetime | None = None) -> Batch:
    """The batch an idea submitted now joins: this week's for a rolling desk (next week's when
    staff already started this week's review), the call's only batch for a dated call."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if call.kind == CallKind.DATED:
        if not call.is_open(now):
            raise ValidationError(_("This call is not taking ideas now."), code="closed")
        assert call.opens_at  # the check constraint guarantees both dates
        assert call.closes_at
        start, end = timezone.localdate(call.opens_at), timezone.localdate(call.closes_at)
    else:
        start, end = _week_of(today)
    for _attempt in range(8):
        batch = Batch.objects.filter(call=call, starts_on=start).first()
        if batch is None:
            number = (Batch.objects.filter(call=call).aggregate(n=Max("number"))["n"] or 0) + 1
            try:
                with transaction.atomic():
                    batch = Batch.objects.create(
                        call=call, number=number, starts_on=start, ends_on=end, method=call.method
                    )
            except IntegrityError:  # a concurrent submit created it
                continue
        if batch.status == BatchStatus.OPEN:
            return batch
        if call.kind == CallKind.DATED:
            raise ValidationError(_("This call's review has started."), code="closed")
        start, end = start + dt.timedelta(days=7), end + dt.timedelta(days=7)
    raise ValidationError(_("No batch is taking ideas now."), code="closed")


# --- submissions ----------------------------------------------------------------------------


def validate_deck(upload: UploadedFile, *, max_mb: int) -> None:
    """A PDF (sniffed from its content, not its name) that pypdf can read, ≤ ``max_mb``."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if upload.size is not None and upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("The deck is larger than %(mb)s MB.") % {"mb": max_mb}, code="deck_size"
        )
    upload.seek(0)
    head = upload.read(1024)
    if not head.lstrip().startswith(b"%PDF-"):
        raise ValidationError(_("The deck must be a PDF file."), code="deck_type")
    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()))
        if reader.is_encrypted:
            raise ValidationError(
                _("The deck is password-protected; upload it without a password."),
                code="deck_encrypted",
            )
        if len(reader.pages) < 1:
            raise ValidationError(_("The deck has no pages."), code="deck_empty")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise ValidationError(_("The deck could not be read as a PDF."), code="deck_type") from None
    finally:
        upload.seek(0)


def deck_without_metadata(data: bytes) -> bytes:
    """The deck without its document information and XMP metadata, which often carry the
    author's (the applicant's) name: what a blind reviewer downloads. Raises ValueError when
    the file cannot be rewritten."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.metadata = None
        root = writer._root_object
        if "/Metadata" in root:
            del root["/Metadata"]
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, KeyError, TypeError, OSError) as exc:
        raise ValueError("unreadable deck") from exc
    return out.getvalue()


def _apply(submission: Submission, data: Mapping[str, Any], deck: UploadedFile | None) -> None:
    for name in SUBMISSION_FIELDS:
        if name in data:
            value = data[name]
            if name == "keywords":
                value = clean_keywords(value)
            if value is None and name != "organization":
                value = ""
            setattr(submission, name, value)
    if deck is not None:
        validate_deck(deck, max_mb=submission.call.max_deck_mb)
        submission.deck_name = (deck.name or "deck.pdf")[-200:]
        submission.deck.save("deck.pdf", deck, save=False)


def submission_create(
    *, call: Call, applicant: Any, data: Mapping[str, Any], deck: UploadedFile | None = None
) -> Submission:
    """A new draft (the applicant submits it when ready)."""
    _require(getattr(applicant, "is_authenticated", False))
    if call.phase() not in ("open", "upcoming"):
        raise ValidationError(_("This call is not taking ideas now."), code="closed")
    submission = Submission(call=call, applicant=applicant, title="", idea="")
    _apply(submission, data, deck)
    submission.save()
    audit_record(actor=applicant, action="pitching.submission.create", target=submission)
    return submission


def submission_update(
    submission: Submission, *, by: Any, data: Mapping[str, Any], deck: UploadedFile | None = None
) -> Submission:
    _require(submission.applicant_id == by.pk)
    if submission.status != SubmissionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be edited."), code="not_draft")
    _apply(submission, data, deck)
    submission.save()
    return submission


def submission_submit(submission: Submission, *, by: Any) -> Submission:
    """Draft → submitted, into the batch that is collecting ideas."""
    _require(submission.applicant_id == by.pk)
    missing = [n for n in REQUIRED_TO_SUBMIT if not str(getattr(submission, n) or "").strip()]
    if missing:
        raise ValidationError(
            {
                n: ValidationError(_("Fill this in before you submit."), code="required")
                for n in missing
            }
        )
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.DRAFT:
            raise ValidationError(_("This idea was already submitted."), code="not_draft")
        locked.batch = collecting_batch(locked.call)
        locked.status = SubmissionStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["batch", "status", "submitted_at", "updated_at"])
        audit_record(actor=by, action="pitching.submission.submit", target=locked)
    return locked


def submission_withdraw(submission: Submission, *, by: Any) -> Submission:
    """The applicant withdraws (before the batch closes); reviewers no longer see it."""
    _require(submission.applicant_id == by.pk)
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status == SubmissionStatus.WITHDRAWN:
            return locked
        if locked.batch_id and locked.batch.status == BatchStatus.CLOSED:
            raise ValidationError(
                _("The review is over; the idea can no longer be withdrawn."), code="closed"
            )
        locked.status = SubmissionStatus.WITHDRAWN
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit_record(actor=by, action="pitching.submission.withdraw", target=locked)
    return locked


def can_resubmit(submission: Submission) -> bool:
    if Submission.objects.filter(previous=submission).exists():
        return False
    if submission.status == SubmissionStatus.WITHDRAWN:
        return True
    return submission.status == SubmissionStatus.SUBMITTED and bool(
        submission.batch_id and submission.batch.status == BatchStatus.CLOSED
    )


def submission_resubmit(submission: Submission, *, by: Any, call: Call | None = None) -> Submission:
    """A new draft of an improved idea (after feedback or a withdrawal) that keeps the history:
    it points to this version and carries its fields (the deck too) to be edited."""
    _require(submission.applicant_id == by.pk)
    submission = Submission.objects.select_related("batch", "call").get(pk=submission.pk)
    if not can_resubmit(submission):
        raise ValidationError(
            _(
                "This version can be improved after its feedback is released or after it is withdrawn."
            ),
            code="not_resubmittable",
        )
    call = call or _call_for_resubmission(submission.call)
    draft = Submission(
        call=call,
        applicant=submission.applicant,
        previous=submission,
        version=submission.version + 1,
        **{n: getattr(submission, n) for n in SUBMISSION_FIELDS},
    )
    if submission.deck:
        draft.deck.name = submission.deck.name  # the same stored file until a new one is uploaded
        draft.deck_name = submission.deck_name
    draft.save()
    audit_record(actor=by, action="pitching.submission.resubmit", target=draft)
    return draft


def _call_for_resubmission(call: Call) -> Call:
    """The idea's call while it takes ideas; otherwise the host's 365 desk (a dated call that
    has closed would leave the improved version a draft that can never be submitted)."""
    if call.phase() in (Phase.OPEN, Phase.UPCOMING):
        return call
    desk = Call.objects.filter(host_id=call.host_id, kind=CallKind.ROLLING).order_by("pk").first()
    if desk is None:
        raise ValidationError(
            _("This call no longer takes ideas and its host has no 365 desk for the new version."),
            code="closed",
        )
    return desk


# --- experts and invitations ----------------------------------------------------------------


def expert_for(user: Any, *, create: bool = False) -> Expert | None:
    if not getattr(user, "is_authenticated", False):
        return None
    expert = Expert.objects.filter(user=user).first()
    if expert is None and create:
        person = getattr(user, "person", None) if hasattr(user, "person") else None
        expert = Expert.objects.create(
            user=user,
            person=person,
            tags=list(getattr(person, "expertise", []) or []),
            languages=["ko"],
        )
    return expert


def invite(*, call: Call, expert: Expert, by: Any) -> Invitation:
    _require(can_manage_call(by, call))
    invitation, created = Invitation.objects.get_or_create(
        call=call, expert=expert, defaults={"invited_by": by}
    )
    if not created and invitation.status == InvitationStatus.DECLINED:
        invitation.status = InvitationStatus.INVITED
        invitation.responded_at = None
        invitation.save(update_fields=["status", "responded_at"])
    notify(
        users=[expert.user],
        kind=NOTIFY_KIND,
        text_ko=f"{call.title_ko} 심사위원으로 초대되었습니다.",
        text_en=f"You are invited to review for {call.title_en or call.title_ko}.",
        url=reverse("pitching:review-queue"),
    )
    return invitation


def invitation_respond(invitation: Invitation, *, by: Any, accept: bool) -> Invitation:
    _require(invitation.expert.user_id == by.pk)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    return invitation


# --- assignment -----------------------------------------------------------------------------


def _norm_tags(values: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(str(v).split()).casefold() for v in values if str(v).strip())


def _core_submission(s: Submission) -> scheduling.Submission:
    return scheduling.Submission(
        id=str(s.pk),
        tags=_norm_tags([*s.keywords, s.industry]),
        industry=s.industry,
        language=s.language,
    )


def _core_reviewer(e: Expert, capacity: int) -> scheduling.Reviewer:
    return scheduling.Reviewer(
        id=str(e.pk),
        tags=_norm_tags([*e.tags, *e.industries]),
        industries=frozenset(e.industries),
        languages=frozenset(e.languages or ["ko"]),
        capacity=max(0, capacity),
    )


def pool(call: Call) -> list[Expert]:
    """The call's reviewers: invited experts who accepted and are available."""
    experts = (
        Expert.objects.filter(invitations__call=call, invitations__status=InvitationStatus.ACCEPTED)
        .select_related("user", "person")
        .prefetch_related("affiliations")
        .order_by("pk")
    )
    return [e for e in experts if e.is_available()]


def live_submissions(batch: Batch) -> list[Submission]:
    return list(
        batch.submissions.filter(status=SubmissionStatus.SUBMITTED)
        .select_related("organization", "applicant")
        .order_by("pk")
    )


@dataclass
class Proposal:
    created: int = 0
    uncovered: dict[int, int] = field(default_factory=dict)  # submission id → reviewers missing
    conflicts: int = 0
    mean_affinity: float = 0.0


def load_elsewhere(experts: Iterable[Expert], batch: Batch | None) -> Counter[int]:
    """Live ideas each expert already reviews in batches under review (other than ``batch``)."""
    rows = Assignment.objects.filter(
        expert__in=list(experts),
        status=AssignmentStatus.PUBLISHED,
        batch__status=BatchStatus.REVIEWING,
        submission__status=SubmissionStatus.SUBMITTED,
    )
    if batch is not None:
        rows = rows.exclude(batch=batch)
    return Counter(rows.values_list("expert_id", flat=True))


def assignment_propose(batch: Batch, *, by: Any) -> Proposal:
    """Proposes k reviewers per idea (replacing earlier proposals): an exact optimization of
    affinity with balanced load; conflicts, declined pairs and capacities are hard limits.
    Ideas the pool cannot cover are listed, not silently under-reviewed."""
    call = batch.call
    _require(can_manage_call(by, call))
    if batch.status != BatchStatus.OPEN:
        raise ValidationError(_("The assignment of this batch is already published."))
    subs = live_submissions(batch)
    experts = pool(call)
    if not subs:
        raise ValidationError(_("No submitted idea in this batch yet."))
    if not experts:
        raise ValidationError(_("No reviewer has accepted an invitation to this call yet."))
    conflicts = coi.detect(experts, subs)
    busy = load_elsewhere(experts, batch)
    declined = set(
        batch.assignments.filter(status=AssignmentStatus.DECLINED).values_list(
            "submission_id", "expert_id"
        )
    )
    forbidden = {(str(s), str(e)) for (e, s) in conflicts} | {
        (str(s), str(e)) for (s, e) in declined
    }
    result = scheduling.assign_reviewers(
        [_core_submission(s) for s in subs],
        [_core_reviewer(e, e.capacity - busy[e.pk]) for e in experts],
        k=call.reviewers_per_submission,
        conflicts=forbidden,
        allow_partial=True,
        time_limit=30.0,
    )
    with transaction.atomic():
        batch.assignments.filter(status=AssignmentStatus.PROPOSED).delete()
        Assignment.objects.bulk_create(
            [
                Assignment(
                    batch=batch,
                    submission_id=int(p.submission),
                    expert_id=int(p.reviewer),
                    affinity=round(p.affinity, 4),
                    reasons=[*p.shared_tags, *([p.industry] if p.industry else [])],
                )
                for p in result.pairs
            ]
        )
        audit_record(actor=by, action="pitching.assignment.propose", target=batch)
    return Proposal(
        created=len(result.pairs),
        uncovered={int(s): call.reviewers_per_submission - n for s, n in result.uncovered.items()},
        conflicts=len(conflicts),
        mean_affinity=result.mean_affinity,
    )


def eligible_experts(submission: Submission) -> list[tuple[Expert, list[coi.Conflict]]]:
    """The call's pool for one idea, each with its conflicts (empty = eligible)."""
    experts = pool(submission.call)
    found = coi.detect(experts, [submission])
    return [(e, found.get((e.pk, submission.pk), [])) for e in experts]


def assignment_set(
    submission: Submission, *, expert: Expert, by: Any, replace: Assignment | None = None
) -> Assignment:
    """Staff put an expert on an idea (optionally instead of a proposed or published one).
    Conflicts and the pool are checked here too."""
    batch = submission.batch
    _require(batch is not None and can_manage_call(by, submission.call))
    _require(submission.applicant_id != by.pk)  # no one picks the reviewers of their own idea
    assert batch is not None
    if batch.status == BatchStatus.CLOSED:
        raise ValidationError(_("This batch is closed."))
    if not any(e.pk == expert.pk for e in pool(submission.call)):
        raise ValidationError(_("This expert is not in the call's reviewer pool."))
    if found := coi.conflicts_of(expert, submission):
        raise ValidationError(
            _("Conflict of interest: %(reason)s") % {"reason": coi.describe(found)}
        )
    status = (
        AssignmentStatus.PUBLISHED
        if batch.status == BatchStatus.REVIEWING
        else AssignmentStatus.PROPOSED
    )
    with transaction.atomic():
        if replace is not None:
            if replace.submission_id != submission.pk:
                raise ValidationError(_("That assignment belongs to another idea."))
            if (
                hasattr(replace, "review")
                and replace.review.submitted_at
                # A reviewer conflicted since assignment is replaced, review and all.
                and not coi.conflicts_of(replace.expert, submission)
            ):
                raise ValidationError(_("That reviewer has already submitted a review."))
            replace.delete()
        existing = Assignment.objects.filter(submission=submission, expert=expert).first()
        if existing is not None and existing.status != AssignmentStatus.DECLINED:
            raise ValidationError(_("This expert is already assigned to the idea."))
        # Capacity is a hard limit for staff too: other batches under review plus this one.
        here = batch.assignments.filter(
            expert=expert,
            status__in=[AssignmentStatus.PROPOSED, AssignmentStatus.PUBLISHED],
            submission__status=SubmissionStatus.SUBMITTED,
        ).count()
        load = load_elsewhere([expert], batch)[expert.pk] + here
        if load >= expert.capacity:
            raise ValidationError(
                _("%(name)s has no capacity left (%(n)s of %(cap)s ideas).")
                % {"name": expert, "n": load, "cap": expert.capacity},
                code="capacity",
            )
        if existing is not None:
            existing.delete()
        assignment = Assignment.objects.create(
            batch=batch, submission=submission, expert=expert, status=status, manual=True
        )
        audit_record(actor=by, action="pitching.assignment.set", target=assignment)
    if status == AssignmentStatus.PUBLISHED:
        _tell_reviewers([expert], batch)
    return assignment


def _tell_reviewers(experts: Iterable[Expert], batch: Batch) -> None:
    notify(
        users=[e.user for e in experts],
        kind=NOTIFY_KIND,
        text_ko=f"{batch.call.title_ko} {batch.number}차 심사가 배정되었습니다.",
        text_en=f"Reviews assigned: {batch.call.title_en or batch.call.title_ko}, batch {batch.number}.",
        url=reverse("pitching:review-queue"),
    )


def assignment_publish(batch: Batch, *, by: Any) -> int:
    """Publishes the (adjusted) proposal: reviewers see their ideas; the batch stops collecting."""
    _require(can_manage_call(by, batch.call))
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.OPEN:
            raise ValidationError(_("The assignment of this batch is already published."))
        proposed = locked.assignments.filter(status=AssignmentStatus.PROPOSED)
        if not proposed.exists():
            raise ValidationError(_("Propose an assignment first."))
        experts = list(
            Expert.objects.filter(assignments__in=proposed).distinct().select_related("user")
        )
        # Another batch may have been published since this proposal (an expert sits in
        # several pools): capacity holds across concurrent batches.
        busy = load_elsewhere(experts, locked)
        mine = Counter(
            proposed.filter(submission__status=SubmissionStatus.SUBMITTED).values_list(
                "expert_id", flat=True
            )
        )
        over = [e for e in experts if busy[e.pk] + mine[e.pk] > e.capacity]
        if over:
            raise ValidationError(
                _("Over capacity since the proposal: %(names)s. Propose the assignment again.")
                % {"names": ", ".join(str(e) for e in over)},
                code="capacity",
            )
        count = proposed.update(status=AssignmentStatus.PUBLISHED)
        locked.status = BatchStatus.REVIEWING
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        audit_record(actor=by, action="pitching.assignment.publish", target=locked, pairs=count)
    _tell_reviewers(experts, locked)
    batch.refresh_from_db()
    return count


def assignment_decline(assignment: Assignment, *, by: Any, reason: str) -> Assignment | None:
    """The reviewer declines; the optimizer finds a replacement (conflict-free, within
    capacity, not already on the idea) and assigns them. Returns the replacement or None
    (staff are then told to assign someone)."""
    _require(assignment.expert.user_id == by.pk)
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValidationError({"reason": _("Tell the staff why (they read it).")})
    if assignment.status != AssignmentStatus.PUBLISHED:
        raise ValidationError(_("This assignment is not active."))
    if assignment.batch.status == BatchStatus.CLOSED:
        raise ValidationError(_("This batch is closed."))
    _refuse_after_reviews_close(assignment.submission.call)  # no replacement could review
    if Review.objects.filter(assignment=assignment, submitted_at__isnull=False).exists():
        raise ValidationError(_("You have already submitted this review."))
    submission, batch = assignment.submission, assignment.batch
    with transaction.atomic():
        assignment.status = AssignmentStatus.DECLINED
        assignment.decline_reason = reason
        assignment.declined_at = timezone.now()
        assignment.save(update_fields=["status", "decline_reason", "declined_at"])
        Review.objects.filter(assignment=assignment).delete()
        audit_record(actor=by, action="pitching.assignment.decline", target=assignment)
        replacement = _replace_one(submission, batch)
    staff_text = (
        f"{submission.title}: 심사위원 교체 → {replacement.expert}"
        if replacement
        else f"{submission.title}: 심사위원이 사양했고 대신할 수 있는 위원이 없습니다."
    )
    notify(
        # Not to a staff member who is this idea's applicant: the text names the reviewer.
        users=[u for u in _host_staff(batch.call) if u.pk != submission.applicant_id],
        kind=NOTIFY_KIND,
        text_ko=staff_text,
        text_en=(
            f"{submission.title}: reviewer replaced by {replacement.expert}"
            if replacement
            else f"{submission.title}: a reviewer declined and no one is free to replace them."
        ),
        url=reverse("pitching:batch-detail", args=[batch.pk]),
    )
    if replacement:
        _tell_reviewers([replacement.expert], batch)
    return replacement


def _replace_one(submission: Submission, batch: Batch) -> Assignment | None:
    experts = pool(submission.call)
    taken = set(
        Assignment.objects.filter(submission=submission).values_list("expert_id", flat=True)
    )
    candidates = [e for e in experts if e.pk not in taken]
    if not candidates:
        return None
    found = coi.detect(candidates, [submission])
    load = load_elsewhere(candidates, None)
    try:
        result = scheduling.assign_reviewers(
            [_core_submission(submission)],
            [_core_reviewer(e, e.capacity - load[e.pk]) for e in candidates],
            k=1,
            conflicts={(str(submission.pk), str(e)) for (e, _s) in found},
        )
    except scheduling.InfeasibleAssignment:
        return None
    pair = result.pairs[0]
    return Assignment.objects.create(
        batch=batch,
        submission=submission,
        expert_id=int(pair.reviewer),
        status=AssignmentStatus.PUBLISHED,
        affinity=round(pair.affinity, 4),
        reasons=[*pair.shared_tags, *([pair.industry] if pair.industry else [])],
    )


def _host_staff(call: Call) -> list[Any]:
    from sadari.accounts.enums import Role
    from sadari.accounts.models import Membership

    return [
        m.user
        for m in Membership.objects.filter(
            organization=call.host, role=Role.INSTITUTION_STAFF
        ).select_related("user")
    ]


# --- reviews --------------------------------------------------------------------------------


def review_total(criteria: list[Criterion], scores: Mapping[int, int]) -> float | None:
    """Weighted score on 0–100: each criterion's value rescaled to its own scale."""
    num = den = 0.0
    for c in criteria:
        if c.pk in scores:
            num += c.weight * (scores[c.pk] - c.scale_min) / (c.scale_max - c.scale_min) * 100.0
            den += c.weight
    return round(num / den, 2) if den else None


def reviews_closed(call: Call, now: dt.datetime | None = None) -> bool:
    """A dated call's reviews close by themselves on its date."""
    return bool(
        call.kind == CallKind.DATED
        and call.review_closes_at is not None
        and (now or timezone.now()) >= call.review_closes_at
    )


def release_time(call: Call, now: dt.datetime) -> dt.datetime:
    """When a closing batch's feedback reaches the applicants: now, or a dated call's results
    date if that is later."""
    if call.kind == CallKind.DATED and call.results_at is not None:
        return max(now, call.results_at)
    return now


def _refuse_after_reviews_close(call: Call) -> None:
    if reviews_closed(call):
        assert call.review_closes_at is not None
        when = f"{timezone.localtime(call.review_closes_at):%Y-%m-%d %H:%M}"
        raise ValidationError(
            _("Reviews closed on %(date)s.") % {"date": when}, code="reviews_closed"
        )


def review_save(
    assignment: Assignment,
    *,
    by: Any,
    scores: Mapping[int, int | None],
    comment: str,
    staff_note: str = "",
    confidence: int = 3,
    submit: bool = False,
) -> Review:
    """Saves (and with ``submit`` submits) a review; editable until the batch closes."""
    _require(assignment.expert.user_id == by.pk)
    if assignment.status != AssignmentStatus.PUBLISHED:
        raise ValidationError(_("This assignment is not active."))
    if assignment.batch.status == BatchStatus.CLOSED:
        raise ValidationError(_("This batch is closed; reviews can no longer change."))
    if assignment.submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("The applicant withdrew this idea."))
    _refuse_after_reviews_close(assignment.submission.call)
    criteria = list(assignment.submission.call.criteria.all())
    errors: dict[str, list[ValidationError]] = defaultdict(list)
    given: dict[int, int] = {}
    for c in criteria:
        value = scores.get(c.pk)
        if value is None:
            if submit and c.required:
                errors[f"c{c.pk}"].append(
                    ValidationError(_("Score this criterion."), code="required")
                )
            continue
        if not c.scale_min <= int(value) <= c.scale_max:
            errors[f"c{c.pk}"].append(
                ValidationError(
                    _("Between %(lo)s and %(hi)s.") % {"lo": c.scale_min, "hi": c.scale_max},
                    code="range",
                )
            )
            continue
        given[c.pk] = int(value)
    if not 1 <= int(confidence) <= 5:
        errors["confidence"].append(ValidationError(_("Between 1 and 5."), code="range"))
    if submit and not (comment or "").strip():
        errors["comment"].append(
            ValidationError(_("Write a comment for the applicant."), code="required")
        )
    if errors:
        raise ValidationError(dict(errors))
    with transaction.atomic():
        review, _created = Review.objects.get_or_create(assignment=assignment)
        review.comment = comment.strip()
        review.staff_note = (staff_note or "").strip()
        review.confidence = int(confidence)
        review.total = review_total(criteria, given)
        if submit and review.submitted_at is None:
            review.submitted_at = timezone.now()
        review.save()
        review.scores.all().delete()
        ReviewScore.objects.bulk_create(
            [ReviewScore(review=review, criterion_id=cid, value=v) for cid, v in given.items()]
        )
        if submit:
            audit_record(actor=by, action="pitching.review.submit", target=review)
    return review


# --- results and feedback -------------------------------------------------------------------


def reviewer_names(experts: Iterable[Expert]) -> list[str]:
    """What would identify a reviewer in a comment they sign: their names and their current
    organizations ("○○벤처스 심사역 드림" narrows it down to a handful of people)."""
    names: set[str] = set()
    for e in experts:
        names.update([e.user.display_name, e.user.get_full_name()])
        if e.person is not None:
            names.update([e.person.name_ko, e.person.name_en])
        for a in e.affiliations.all():
            if a.is_current:
                names.add(a.name)
                if a.organization is not None:
                    names.update([a.organization.name_ko, a.organization.name_en or ""])
    return sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True)


@dataclass
class Row:
    submission: Submission
    estimate: float | None
    low: float | None
    high: float | None
    reviews: int
    spread: float
    disagreement: bool
    rank: int | None = None


def batch_scores(batch: Batch, method: str | None = None) -> list[Row]:
    """Every live idea of the batch with its aggregated score (0–100) by ``method``, best
    first; ideas without a submitted review come last without a score."""
    method = method if method in Method.values else batch.method
    subs = live_submissions(batch)
    reviews = Review.objects.filter(
        assignment__batch=batch,
        assignment__status=AssignmentStatus.PUBLISHED,
        submitted_at__isnull=False,
        total__isnull=False,
    ).values_list("assignment__submission_id", "assignment__expert_id", "total", "confidence")
    scores = [
        core_review.Score(str(s), str(e), float(t), confidence=c / 5.0) for s, e, t, c in reviews
    ]
    agg = (
        core_review.aggregate(
            scores, lo=0.0, hi=100.0, method=method, threshold=batch.call.disagreement_threshold
        )
        if scores
        else None
    )
    rows = []
    for s in subs:
        r = agg.submissions.get(str(s.pk)) if agg else None
        rows.append(
            Row(s, r.estimate, r.low, r.high, r.n, r.spread, r.disagreement)
            if r
            else Row(s, None, None, None, 0, 0.0, False)
        )
    rows.sort(key=lambda row: (row.estimate is None, -(row.estimate or 0.0), row.submission.pk))
    for i, row in enumerate(r for r in rows if r.estimate is not None):
        row.rank = i + 1
    return rows


def diagnosis_of(submission: Submission) -> list[dict[str, Any]]:
    """Per criterion: the mean of the submitted reviews' scores on the criterion's scale."""
    criteria = list(submission.call.criteria.all())
    values: dict[int, list[int]] = defaultdict(list)
    for cid, value in ReviewScore.objects.filter(
        review__assignment__submission=submission,
        review__assignment__status=AssignmentStatus.PUBLISHED,
        review__submitted_at__isnull=False,
    ).values_list("criterion_id", "value"):
        values[cid].append(value)
    return [
        {
            "criterion": c.pk,
            "name_ko": c.name_ko,
            "name_en": c.name_en,
            "mean": round(sum(values[c.pk]) / len(values[c.pk]), 2) if values[c.pk] else None,
            "n": len(values[c.pk]),
            "min": c.scale_min,
            "max": c.scale_max,
        }
        for c in criteria
    ]


def batch_close(batch: Batch, *, by: Any, method: str | None = None, shortlist: int = 0) -> int:
    """Closes the batch: stores each idea's result (score, band, rank, disagreement, per-
    criterion diagnosis, the reviewers' comments without their identities) and releases the
    feedback to the applicants. Returns how many results were released."""
    _require(can_manage_call(by, batch.call))
    method = method if method in Method.values else batch.method
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.REVIEWING:
            raise ValidationError(_("Only a batch under review can be closed."))
        rows = batch_scores(locked, method)
        now = timezone.now()
        released = release_time(locked.call, now)
        results = []
        for row in rows:
            reviews = list(
                Review.objects.filter(
                    assignment__submission=row.submission,
                    assignment__status=AssignmentStatus.PUBLISHED,
                    submitted_at__isnull=False,
                )
                .exclude(comment="")
                .select_related("assignment__expert__user", "assignment__expert__person")
                .prefetch_related("assignment__expert__affiliations__organization")
                .order_by("submitted_at", "pk")
            )
            # A reviewer who signs a comment is not revealed by it: every reviewer's name is
            # masked in the compiled feedback.
            names = reviewer_names([r.assignment.expert for r in reviews])
            comments = [redact(r.comment, names) for r in reviews]
            results.append(
                Result(
                    submission=row.submission,
                    batch=locked,
                    method=method,
                    estimate=row.estimate,
                    low=row.low,
                    high=row.high,
                    reviews=row.reviews,
                    spread=row.spread,
                    disagreement=row.disagreement,
                    rank=row.rank,
                    shortlisted=bool(row.rank and row.rank <= shortlist),
                    diagnosis=diagnosis_of(row.submission),
                    feedback=comments,
                    released_at=released,
                )
            )
        Result.objects.filter(batch=locked).delete()
        Result.objects.bulk_create(results)
        locked.status = BatchStatus.CLOSED
        locked.method = method
        locked.closed_at = now
        locked.closed_by = by
        locked.save(update_fields=["status", "method", "closed_at", "closed_by"])
        audit_record(actor=by, action="pitching.batch.close", target=locked, results=len(results))
    on = f"{timezone.localtime(released):%Y-%m-%d %H:%M}"
    for row in rows:
        title = row.submission.title
        notify(
            users=[row.submission.applicant],
            kind=NOTIFY_KIND,
            text_ko=f"'{title}' 전문가 진단 결과와 피드백이 도착했습니다."
            if released <= now
            else f"'{title}' 전문가 진단 결과와 피드백은 {on}에 공개됩니다.",
            text_en=f"Expert diagnosis and feedback for '{title}' are ready."
            if released <= now
            else f"Expert diagnosis and feedback for '{title}' will be released on {on}.",
            url=row.submission.get_absolute_url(),
        )
    batch.refresh_from_db()
    return len(results)


# --- mentoring ------------------------------------------------------------------------------


MAX_SLOT_AHEAD = dt.timedelta(days=366)


def slot_create(
    *, mentor: Expert, by: Any, starts_at: dt.datetime, ends_at: dt.datetime, **fields: Any
) -> Slot:
    _require(mentor.user_id == by.pk)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if starts_at > timezone.now() + MAX_SLOT_AHEAD:
        raise ValidationError({"starts_at": _("Choose a time within a year.")})
    if ends_at - starts_at > dt.timedelta(hours=4):
        raise ValidationError({"ends_at": _("A slot lasts at most 4 hours.")})
    overlapping = Slot.objects.filter(mentor=mentor, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.exists():
        raise ValidationError(_("You already have a slot at that time."))
    try:
        with transaction.atomic():
            return Slot.objects.create(
                mentor=mentor, starts_at=starts_at, ends_at=ends_at, **fields
            )
    except IntegrityError:
        raise ValidationError(_("You already have a slot at that time.")) from None


def booking_create(
    *, slot: Slot, applicant: Any, submission: Submission | None = None, topic: str = ""
) -> Booking:
    """Books a slot. The database refuses a second live booking of the same slot and a second
    booking of the applicant at the same time, so two people clicking at once cannot both win."""
    _require(getattr(applicant, "is_authenticated", False))
    if slot.mentor.user_id == applicant.pk:
        raise ValidationError(_("You cannot book your own slot."))
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This slot has already started."))
    if submission is not None and submission.applicant_id != applicant.pk:
        raise PermissionDenied
    # The database refuses two bookings starting at the same time; sessions that only
    # overlap are refused here.
    if Booking.objects.filter(
        applicant=applicant,
        status=BookingStatus.BOOKED,
        slot__starts_at__lt=slot.ends_at,
        slot__ends_at__gt=slot.starts_at,
    ).exists():
        raise ValidationError(_("You already have a booking at that time."), code="double")
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                slot=slot,
                applicant=applicant,
                submission=submission,
                starts_at=slot.starts_at,
                topic=" ".join((topic or "").split())[:300],
            )
    except IntegrityError:
        if Booking.objects.filter(slot=slot, status=BookingStatus.BOOKED).exists():
            raise ValidationError(_("Someone has just booked this slot."), code="taken") from None
        raise ValidationError(
            _("You already have a booking at that time."), code="double"
        ) from None
    audit_record(actor=applicant, action="pitching.booking.create", target=booking)
    notify(
        users=[slot.mentor.user],
        kind=NOTIFY_KIND,
        text_ko=f"멘토링 예약: {timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}",
        text_en=f"Mentoring booked: {timezone.localtime(slot.starts_at):%Y-%m-%d %H:%M}",
        url=reverse("pitching:booking-detail", args=[booking.pk]),
    )
    return booking


def booking_cancel(booking: Booking, *, by: Any) -> Booking:
    """The applicant or the mentor cancels; the slot is free again."""
    _require(by.pk in (booking.applicant_id, booking.slot.mentor.user_id))
    if booking.status == BookingStatus.CANCELLED:
        return booking
    if booking.starts_at <= timezone.now():
        raise ValidationError(_("This session has already started."), code="past")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    other = booking.slot.mentor.user if by.pk == booking.applicant_id else booking.applicant
    notify(
        users=[other],
        kind=NOTIFY_KIND,
        text_ko=f"멘토링 예약이 취소되었습니다: {timezone.localtime(booking.starts_at):%Y-%m-%d %H:%M}",
        text_en=f"Mentoring cancelled: {timezone.localtime(booking.starts_at):%Y-%m-%d %H:%M}",
        url=reverse("pitching:mentoring"),
    )
    return booking


def note_add(booking: Booking, *, by: Any, text: str) -> MentorNote:
    _require(booking.slot.mentor.user_id == by.pk)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    return MentorNote.objects.create(booking=booking, author=by, text=text[:5000])


def send_reminders(
    *, now: dt.datetime | None = None, within: dt.timedelta = dt.timedelta(hours=24)
) -> int:
    """Reminds applicant and mentor of each live booking starting within ``within`` (once)."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + within,
    ).select_related("slot__mentor__user", "applicant")
    sent = 0
    for booking in due:
        when = timezone.localtime(booking.starts_at)
        notify(
            users=[booking.applicant, booking.slot.mentor.user],
            kind=NOTIFY_KIND,
            text_ko=f"멘토링 알림: {when:%Y-%m-%d %H:%M}",
            text_en=f"Mentoring reminder: {when:%Y-%m-%d %H:%M}",
            url=reverse("pitching:booking-detail", args=[booking.pk]),
        )
        Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=now)
        sent += 1
    return sent
