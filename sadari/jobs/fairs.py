"""Job fair services: registration, pre-matching, the whole-fair interview schedule
(``sadari_core.scheduling.schedule_fair``), check-in by QR code, walk-ins and no-shows with
re-optimization of the rest of the day, and follow-up into trainees' pipelines."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.accounts.enums import Role
from sadari.accounts.rules import is_city_operator
from sadari.common.audit import audit_record
from sadari.jobs import services
from sadari.jobs.enums import ConsentPurpose, Stage
from sadari.jobs.models import (
    Fair,
    FairCompany,
    FairInterview,
    FairSeeker,
    FairStatus,
    InterviewStatus,
    PipelineEntry,
    StageChange,
    Trainee,
)
from sadari_core import scheduling
from sadari_core.scheduling import fair as core_fair

log = logging.getLogger(__name__)

DEFAULT_SCORE = 0.2  # a seeker without a profile to match still gets interviews


def can_manage(user: Any, fair: Fair) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_city_operator(user):
        return True
    return user.memberships.filter(
        organization_id=fair.host_id, role__in=[Role.INSTITUTION_STAFF, Role.COORDINATOR]
    ).exists()


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied


def register(
    fair: Fair,
    *,
    user: Any,
    requested: Iterable[FairCompany] = (),
    blocked: Iterable[int] = (),
    declined: Iterable[FairCompany] = (),
) -> FairSeeker:
    """A signed-in job seeker registers (a trainee with job-matching consent is matched on
    their profile), with the companies they want to meet and those they would rather not (a
    company in both is declined)."""
    _require(getattr(user, "is_authenticated", False))
    if fair.status != FairStatus.REGISTRATION:
        raise ValidationError(_("Registration for this fair is closed."))
    trainee = Trainee.objects.filter(user=user, anonymized_at__isnull=True).first()
    seeker, _created = FairSeeker.objects.get_or_create(
        fair=fair, user=user, defaults={"name": str(user), "trainee": trainee}
    )
    seeker.blocked_slots = sorted({int(s) for s in blocked if 0 <= int(s) < fair.slots})
    seeker.save(update_fields=["blocked_slots"])
    declined_companies = [c for c in declined if c.fair_id == fair.pk]
    seeker.declined.set(declined_companies)
    no = {c.pk for c in declined_companies}
    seeker.requested.set([c for c in requested if c.fair_id == fair.pk and c.pk not in no])
    return seeker


def walk_in(fair: Fair, *, by: Any, name: str, user: Any = None) -> FairSeeker:
    """Staff register someone at the door (checked in at once)."""
    _require(can_manage(by, fair))
    name = " ".join((name or "").split())[:100]
    if not name:
        raise ValidationError({"name": _("Write the seeker's name.")})
    return FairSeeker.objects.create(
        fair=fair, user=user, name=name, walk_in=True, checked_in_at=timezone.now()
    )


def check_in(fair: Fair, *, by: Any, code: str) -> FairSeeker:
    _require(can_manage(by, fair))
    seeker = FairSeeker.objects.filter(fair=fair, code=(code or "").strip()).first()
    if seeker is None:
        raise ValidationError(_("No seeker of this fair has that code."))
    if seeker.checked_in_at is None:
        seeker.checked_in_at = timezone.now()
        seeker.no_show = False
        seeker.save(update_fields=["checked_in_at", "no_show"])
    return seeker


def mark_no_show(fair: Fair, *, by: Any, seeker: FairSeeker) -> FairSeeker:
    _require(can_manage(by, fair) and seeker.fair_id == fair.pk)
    seeker.no_show = True
    seeker.save(update_fields=["no_show"])
    return seeker


def can_speak_for(user: Any, company: FairCompany) -> bool:
    """The company's own people (members of the employer) and the fair's organizers."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.memberships.filter(organization_id=company.employer_id).exists() or can_manage(
        user, company.fair
    )


PAIR_CHOICES = ("invite", "refuse", "none")


def company_pair(company: FairCompany, *, by: Any, seeker: FairSeeker, choice: str) -> str:
    """The company invites a registered seeker (a bonus when scheduling), refuses one (never
    scheduled together), or takes either back. Takes effect at the next (re-)plan."""
    _require(can_speak_for(by, company))
    if seeker.fair_id != company.fair_id or choice not in PAIR_CHOICES:
        raise ValidationError(_("Choose a seeker of this fair."))
    if company.fair.status == FairStatus.DONE:
        raise ValidationError(_("This fair is over."))
    with transaction.atomic():
        company.invited.remove(seeker)
        company.refused.remove(seeker)
        if choice == "invite":
            company.invited.add(seeker)
        elif choice == "refuse":
            company.refused.add(seeker)
        audit_record(actor=by, action=f"jobs.fair.pair.{choice}", target=company, seeker=seeker.pk)
    return choice


def booth_seekers(company: FairCompany) -> list[tuple[FairSeeker, float, str, str]]:
    """The fair's seekers for a company's page: (seeker, pre-match score, reasons — only for
    trainees who consented to job matching, which covers referral to employers —, the
    company's choice: "invite" / "refuse" / ""), best match first."""
    fair = company.fair
    seekers = list(
        fair.seekers.filter(no_show=False)
        .select_related("trainee__cohort")
        .prefetch_related("trainee__consents")
        .order_by("pk")
    )
    if not seekers:
        return []
    scores, reasons = _scores(fair, seekers, [company])
    invited = set(company.invited.values_list("pk", flat=True))
    refused = set(company.refused.values_list("pk", flat=True))
    rows = [
        (
            seeker,
            float(scores[i, 0]),
            reasons.get((str(seeker.pk), str(company.pk)), ""),
            "invite" if seeker.pk in invited else "refuse" if seeker.pk in refused else "",
        )
        for i, seeker in enumerate(seekers)
    ]
    rows.sort(key=lambda r: (-r[1], r[0].pk))
    return rows


def _scores(fair: Fair, seekers: list[FairSeeker], companies: list[FairCompany]):
    """Pre-matching: a seeker's score with a company is their best match with its postings at
    the fair (the trainee's profile, with consent), else a neutral default."""
    scores = np.full((len(seekers), len(companies)), DEFAULT_SCORE)
    reasons: dict[tuple[str, str], str] = {}
    matcher = services.matcher()
    for j, company in enumerate(companies):
        postings = [services._core_posting(p) for p in company.postings.all()]
        if not postings:
            continue
        for i, seeker in enumerate(seekers):
            trainee = seeker.trainee
            if trainee is None or not services.has_consent(trainee, ConsentPurpose.JOB_MATCHING):
                continue
            profile = services._core_trainee(trainee)
            best = max((matcher.score(profile, p) for p in postings), key=lambda m: m.score)
            scores[i, j] = best.score
            reasons[(str(seeker.pk), str(company.pk))] = best.explanation.summary("ko")[:300]
    return scores, reasons


def _problem(
    fair: Fair, *, include_absent: bool = True
) -> tuple[core_fair.FairProblem, list[FairSeeker], list[FairCompany]]:
    seekers = list(
        fair.seekers.filter(**({} if include_absent else {"no_show": False}))
        .select_related("trainee__cohort")
        .prefetch_related("requested", "declined", "trainee__consents")
        .order_by("pk")
    )
    companies = list(
        fair.companies.select_related("employer")
        .prefetch_related("postings", "invited", "refused")
        .order_by("pk")
    )
    if not seekers or not companies:
        raise ValidationError(_("A schedule needs registered seekers and participating companies."))
    scores, reasons = _scores(fair, seekers, companies)
    problem = core_fair.FairProblem(
        seekers=tuple(
            core_fair.FairSeeker(id=str(s.pk), blocked_slots=frozenset(s.blocked_slots))
            for s in seekers
        ),
        companies=tuple(
            core_fair.FairCompany(
                id=str(c.pk), interviewers=c.interviewers, blocked_slots=frozenset(c.blocked_slots)
            )
            for c in companies
        ),
        n_slots=fair.slots,
        scores=scores,
        requested=frozenset((str(s.pk), str(c.pk)) for s in seekers for c in s.requested.all()),
        invited=frozenset((str(s.pk), str(c.pk)) for c in companies for s in c.invited.all()),
        refused=frozenset((str(s.pk), str(c.pk)) for c in companies for s in c.refused.all())
        | frozenset((str(s.pk), str(c.pk)) for s in seekers for c in s.declined.all()),
        breaks=frozenset(int(b) for b in fair.breaks if 0 <= int(b) < fair.slots),
        min_interviews=fair.min_interviews,
        max_interviews=max(fair.max_interviews, fair.min_interviews),
        reasons=reasons,
    )
    return problem, seekers, companies


def _store(fair: Fair, schedule: core_fair.FairSchedule, *, keep_before: int = 0) -> int:
    rows = [
        FairInterview(
            fair=fair,
            seeker_id=int(iv.seeker),
            company_id=int(iv.company),
            slot=iv.slot,
            score=round(iv.score, 4),
            reason=iv.reason[:300],
        )
        for iv in schedule.interviews
        if iv.slot >= keep_before
    ]
    fair.interviews.filter(slot__gte=keep_before, status=InterviewStatus.SCHEDULED).delete()
    FairInterview.objects.bulk_create(rows)
    return len(rows)


def schedule(fair: Fair, *, by: Any) -> core_fair.FairSchedule:
    """Optimizes the whole fair's interviews and publishes them (replacing any earlier plan)."""
    _require(can_manage(by, fair))
    if fair.status == FairStatus.DONE:
        raise ValidationError(_("This fair is over."))
    problem, _seekers, _companies = _problem(fair)
    result = scheduling.schedule_fair(problem)
    with transaction.atomic():
        fair.interviews.all().delete()
        n = _store(fair, result)
        fair.status = FairStatus.SCHEDULED
        fair.scheduled_at = timezone.now()
        fair.schedule_note = _note(result)
        fair.save(update_fields=["status", "scheduled_at", "schedule_note"])
        audit_record(actor=by, action="jobs.fair.schedule", target=fair, interviews=n)
    return result


def _note(result: core_fair.FairSchedule) -> str:
    gap = f", gap {result.gap:.1%}" if result.gap is not None else ""
    short = sum(result.short.values())
    return f"{result.method}{gap}, {result.seconds:.1f}s, below floor {short}"[:300]


def reoptimize(fair: Fair, *, by: Any, from_slot: int | None = None) -> core_fair.FairSchedule:
    """Re-plans the rest of the day: walk-ins get interviews, no-shows' later interviews are
    freed, earlier interviews stay; later ones stay where they can."""
    _require(can_manage(by, fair))
    if fair.status != FairStatus.SCHEDULED:
        raise ValidationError(_("Schedule the fair first."))
    start = fair.current_slot() if from_slot is None else max(0, min(fair.slots, from_slot))
    problem, seekers, _companies = _problem(fair)
    previous_rows = list(fair.interviews.exclude(status=InterviewStatus.CANCELLED))
    previous = core_fair.FairSchedule(
        interviews=tuple(
            core_fair.Interview(
                seeker=str(r.seeker_id), company=str(r.company_id), slot=r.slot, score=r.score
            )
            for r in previous_rows
        ),
        total_score=sum(r.score for r in previous_rows),
        objective=0.0,
        short={},
        method="stored",
        is_optimal=False,
        gap=None,
        seconds=0.0,
    )
    no_shows = [str(s.pk) for s in seekers if s.no_show]
    result = scheduling.reschedule(problem, previous, from_slot=start, no_shows=no_shows)
    with transaction.atomic():
        fair.interviews.filter(
            slot__lt=start, seeker__no_show=True, status=InterviewStatus.SCHEDULED
        ).update(status=InterviewStatus.NO_SHOW)
        _store(fair, result, keep_before=start)
        fair.schedule_note = _note(result)
        fair.save(update_fields=["schedule_note"])
        audit_record(actor=by, action="jobs.fair.reoptimize", target=fair, from_slot=start)
    return result


def close(fair: Fair, *, by: Any) -> int:
    """After the fair: interviews of checked-in seekers are held; a trainee's interview goes to
    their pipeline (a recorded interview with that employer, which later hires are attributed
    to). Returns how many pipeline entries were made or moved."""
    _require(can_manage(by, fair))
    moved = 0
    with transaction.atomic():
        fair.interviews.filter(
            status=InterviewStatus.SCHEDULED, seeker__checked_in_at__isnull=False
        ).update(status=InterviewStatus.DONE)
        fair.interviews.filter(status=InterviewStatus.SCHEDULED).update(
            status=InterviewStatus.NO_SHOW
        )
        for iv in fair.interviews.filter(
            status=InterviewStatus.DONE, seeker__trainee__isnull=False
        ).select_related("seeker__trainee", "company__employer"):
            trainee = iv.seeker.trainee
            if trainee is None or trainee.anonymized_at is not None:
                continue
            entry, created = PipelineEntry.objects.get_or_create(
                trainee=trainee,
                posting=None,
                employer=iv.company.employer,
                defaults={
                    "stage": Stage.INTERVIEW,
                    "reasons": iv.reason,
                    "note": f"{fair.title_ko} 면접",
                },
            )
            if created:
                StageChange.objects.create(
                    entry=entry, to_stage=Stage.INTERVIEW, by=by, note=fair.title_ko[:300]
                )
                moved += 1
        fair.status = FairStatus.DONE
        fair.save(update_fields=["status"])
    return moved


FOLLOW_UP_MAX = 2000


def send_follow_up(fair: Fair, *, by: Any, text: str) -> int:
    """After the fair, the organizers' message to every registered seeker: kept on the fair
    (each seeker reads it on their schedule page with their own interviews) and e-mailed to
    seekers with an address, one message each, after commit. Sending again replaces the text
    and mails again. Returns how many e-mails were queued.

    Not through the platform's notification inbox (``sadari.investment.services.notify``): jobs
    and investment are sibling layers and may not import each other."""
    _require(can_manage(by, fair))
    if fair.status != FairStatus.DONE:
        raise ValidationError(_("Close the fair first; the follow-up goes out after it."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the message.")})
    if len(text) > FOLLOW_UP_MAX:
        raise ValidationError(
            {"text": _("At most %(n)s characters.") % {"n": f"{FOLLOW_UP_MAX:,}"}}
        )
    messages = []
    seekers = fair.seekers.filter(user__isnull=False).select_related("user").order_by("pk")
    for seeker in seekers:
        email = getattr(seeker.user, "email", "")
        if not email or not seeker.user.is_active:
            continue
        held = [
            iv.company.employer.name_ko
            for iv in seeker.interviews.filter(status=InterviewStatus.DONE)
            .select_related("company__employer")
            .order_by("slot")
        ]
        body = text + "\n\n"
        if held:
            body += "면접 (Interviews): " + ", ".join(held) + "\n"
        body += f"{reverse('jobs:fair-my-schedule', args=[fair.pk])}\n\n— 사다리 (Sadari)"
        messages.append((f"[사다리] {fair.title_ko[:80]}", body, None, [email]))
    with transaction.atomic():
        fair.follow_up = text
        fair.follow_up_sent_at = timezone.now()
        fair.save(update_fields=["follow_up", "follow_up_sent_at"])
        audit_record(actor=by, action="jobs.fair.follow_up", target=fair, emails=len(messages))

        def _send() -> None:
            try:
                send_mass_mail(messages, fail_silently=False)
            except OSError:  # a mail server that is down must not undo the request
                log.warning("fair follow-up e-mails not sent (fair %s)", fair.pk, exc_info=True)

        if messages:
            transaction.on_commit(_send)
    return len(messages)


def qr_svg(text: str) -> str:
    """A QR code drawn here (no service), as inline SVG."""
    import segno

    return segno.make(text, error="m").svg_inline(scale=4, dark="#111")
