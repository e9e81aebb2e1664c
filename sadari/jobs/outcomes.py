"""Employment outcomes and the employment rate, with a published definition.

**Definition** (shown next to every figure):

- *Denominator*: trainees who completed their course in the period (``completed_on``) and
  consented to outcome follow-up. Trainees who did not consent, and those who left the course,
  are counted and shown separately, never silently dropped.
- *Employed*: a recorded employment (with evidence) starting within ``WINDOW_DAYS`` (180) days
  after completion (or during the course).
- *Attributed to the platform*: the hire follows a recorded referral or interview for that
  employer (a pipeline entry of the trainee with that employer, created before the hire and
  at most ``ATTRIBUTION_DAYS`` (90) days before it). Other hires are **coincidental**: counted
  in the employment rate, but not in the platform's.
- *Retention*: of those employed, the share still employed 6 and 12 months after the hire
  (known only once that date has passed and a coordinator checked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.audit import audit_record
from sadari.jobs.enums import ConsentPurpose, Stage, TraineeStatus
from sadari.jobs.models import Employment, PipelineEntry, StageChange, Trainee
from sadari.jobs.rules import can_see_trainee

WINDOW_DAYS = 180
MIN_CELL = 5  # rates over fewer completers are not published (people could be identified)


def attribution_days() -> int:
    return int(getattr(settings, "JOBS_ATTRIBUTION_DAYS", 90))


def _attribution(trainee: Trainee, employer_id: int, hired_on: dt.date) -> tuple[bool, str]:
    horizon = hired_on - dt.timedelta(days=attribution_days())
    entry = (
        PipelineEntry.objects.filter(trainee=trainee, employer_id=employer_id)
        .order_by("created_at")
        .first()
    )
    if entry is None:
        return False, "no referral or interview recorded with this employer"
    first = timezone.localdate(entry.created_at)
    if first > hired_on:
        return False, f"referral recorded after the hire ({first})"
    if first < horizon:
        return False, f"referral on {first} is more than {attribution_days()} days before the hire"
    return True, f"referred on {first} ({entry.get_stage_display()})"


def employment_record(
    trainee: Trainee,
    *,
    by: Any,
    employer: Any,
    hired_on: dt.date,
    evidence: str,
    evidence_note: str = "",
    posting: Any = None,
) -> Employment:
    """A coordinator records a hire (with its evidence); attribution is decided now from the
    pipeline, and the pipeline entry with that employer moves to hired."""
    if not can_see_trainee(by, trainee) or trainee.user_id == by.pk:
        raise PermissionDenied
    if hired_on > timezone.localdate():
        raise ValidationError({"hired_on": _("A hire cannot be in the future.")})
    if hired_on < trainee.cohort.starts_on:
        raise ValidationError({"hired_on": _("The hire is before the course started.")})
    attributed, why = _attribution(trainee, employer.pk, hired_on)
    try:
        with transaction.atomic():
            employment = Employment.objects.create(
                trainee=trainee,
                employer=employer,
                posting=posting,
                hired_on=hired_on,
                evidence=evidence,
                evidence_note=evidence_note[:300],
                attributed=attributed,
                attribution=why,
                recorded_by=by,
            )
            for entry in PipelineEntry.objects.filter(trainee=trainee, employer=employer).exclude(
                stage__in=[Stage.HIRED, Stage.RETAINED_6M, Stage.RETAINED_12M]
            ):
                StageChange.objects.create(
                    entry=entry, from_stage=entry.stage, to_stage=Stage.HIRED, by=by
                )
                entry.stage = Stage.HIRED
                entry.save(update_fields=["stage", "updated_at"])
            audit_record(actor=by, action="jobs.employment.record", target=employment)
    except IntegrityError:
        raise ValidationError(_("This hire is already recorded.")) from None
    return employment


RETENTION_DAYS = {6: 182, 12: 365}
OVERDUE_AFTER_DAYS = 30  # a check not recorded a month after its date is overdue


def retention_due_on(employment: Employment, months: int) -> dt.date:
    return employment.hired_on + dt.timedelta(days=RETENTION_DAYS[months])


@dataclass(frozen=True)
class RetentionDue:
    """A 6- or 12-month retention check to record (the coordinator's dashboard)."""

    employment: Employment
    months: int
    due_on: dt.date
    overdue: bool


def retention_checks_due(
    campus_ids: Any, *, today: dt.date | None = None, limit: int = 200
) -> list[RetentionDue]:
    """The 6- and 12-month retention checks of the campuses' hires whose date has come and
    that nobody recorded yet, oldest first; ``overdue`` when more than OVERDUE_AFTER_DAYS
    late. Left out: hires that ended (the answer is known), erased trainees and trainees
    without (or who withdrew) consent to outcome follow-up."""
    today = today or timezone.localdate()
    followed = Trainee.objects.filter(
        cohort__course__campus_id__in=list(campus_ids),
        anonymized_at__isnull=True,
        consents__purpose=ConsentPurpose.OUTCOMES,
        consents__withdrawn_at__isnull=True,
        consents__retention_until__gte=today,
    ).values("pk")
    out: list[RetentionDue] = []
    for months, days in RETENTION_DAYS.items():
        due = (
            Employment.objects.filter(
                trainee__in=followed,
                ended_on__isnull=True,
                hired_on__lte=today - dt.timedelta(days=days),
                **{f"retained_{months}m__isnull": True},
            )
            .select_related("trainee", "employer")
            .order_by("hired_on", "id")[:limit]
        )
        for employment in due:
            due_on = retention_due_on(employment, months)
            overdue = (today - due_on).days > OVERDUE_AFTER_DAYS
            out.append(RetentionDue(employment, months, due_on, overdue))
    out.sort(key=lambda r: (r.due_on, r.employment.pk, r.months))
    return out[:limit]


def retention_check(
    employment: Employment, *, by: Any, months: int, still_employed: bool
) -> Employment:
    if not can_see_trainee(by, employment.trainee) or employment.trainee.user_id == by.pk:
        raise PermissionDenied
    if months not in RETENTION_DAYS:
        raise ValidationError(_("Retention is checked at 6 or 12 months."))
    due = retention_due_on(employment, months)
    if due > timezone.localdate():
        raise ValidationError(_("It is too early: the check is due on %(date)s.") % {"date": due})
    setattr(employment, f"retained_{months}m", still_employed)
    employment.save(update_fields=[f"retained_{months}m"])
    stage = Stage.RETAINED_6M if months == 6 else Stage.RETAINED_12M
    if still_employed:
        PipelineEntry.objects.filter(
            trainee=employment.trainee, employer=employment.employer
        ).update(stage=stage)
    return employment


@dataclass
class Rate:
    """One row of the employment-rate table."""

    label: str
    completed: int = 0  # completers in the period
    no_consent: int = 0  # completers without outcome consent (not in the denominator)
    dropped: int = 0  # left the course (shown, not in the denominator)
    denominator: int = 0
    employed: int = 0
    attributed: int = 0
    coincidental: int = 0
    retained_6m: int = 0
    checked_6m: int = 0
    retained_12m: int = 0
    checked_12m: int = 0
    keys: dict[str, Any] = field(default_factory=dict)

    @property
    def published(self) -> bool:
        return self.denominator >= MIN_CELL

    def share(self, part: int, whole: int) -> float | None:
        return round(100.0 * part / whole, 1) if whole and self.published else None

    @property
    def employment_rate(self) -> float | None:
        return self.share(self.employed, self.denominator)

    @property
    def platform_rate(self) -> float | None:
        return self.share(self.attributed, self.denominator)

    @property
    def retention_6m(self) -> float | None:
        return self.share(self.retained_6m, self.checked_6m)

    @property
    def retention_12m(self) -> float | None:
        return self.share(self.retained_12m, self.checked_12m)


def rates(
    *, group: str = "campus", year: int | None = None, campus_ids: set[int] | None = None
) -> list[Rate]:
    """Employment rates by ``group`` (campus, cohort or year) for completions in ``year``."""
    trainees = Trainee.objects.select_related("cohort__course__campus").prefetch_related(
        "consents", "employments"
    )
    if campus_ids is not None:
        trainees = trainees.filter(cohort__course__campus_id__in=campus_ids)
    rows: dict[Any, Rate] = {}
    for t in trainees:
        end = t.completed_on or t.cohort.ends_on
        if year is not None and end.year != year:
            continue
        if t.status == TraineeStatus.ENROLLED:
            continue
        campus = t.cohort.course.campus
        key, label = {
            "campus": (campus.pk, campus.name),
            "cohort": (t.cohort_id, f"{campus.name} · {t.cohort}"),
            "year": (end.year, str(end.year)),
        }[group]
        row = rows.setdefault(key, Rate(label=label, keys={group: key}))
        if t.status == TraineeStatus.DROPPED:
            row.dropped += 1
            continue
        row.completed += 1
        consented = any(c.purpose == ConsentPurpose.OUTCOMES for c in t.consents.all())
        if not consented:
            row.no_consent += 1
            continue
        row.denominator += 1
        window_end = end + dt.timedelta(days=WINDOW_DAYS)
        jobs = [e for e in t.employments.all() if e.hired_on <= window_end]
        if not jobs:
            continue
        row.employed += 1
        if any(e.attributed for e in jobs):
            row.attributed += 1
        else:
            row.coincidental += 1
        first = min(jobs, key=lambda e: e.hired_on)
        if first.retained_6m is not None:
            row.checked_6m += 1
            row.retained_6m += int(first.retained_6m)
        if first.retained_12m is not None:
            row.checked_12m += 1
            row.retained_12m += int(first.retained_12m)
    return sorted(rows.values(), key=lambda r: r.label)
