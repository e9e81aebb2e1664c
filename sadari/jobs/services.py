"""Jobs services: trainee registration with consent, withdrawal, export and anonymization
(PIPA), matching trainees and postings, and the coordinator's pipeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.audit import audit_record
from sadari.jobs import occupations
from sadari.jobs.enums import ConsentPurpose, PostingStatus, Stage
from sadari.jobs.models import Cohort, Consent, JobPosting, PipelineEntry, StageChange, Trainee
from sadari.jobs.rules import can_see_trainee
from sadari_core.matching import jobs as core_jobs

# What each purpose collects and for how long after the cohort ends (shown on the consent form).
CONSENT_ITEMS: dict[str, tuple[str, ...]] = {
    ConsentPurpose.TRAINING: ("name", "phone", "email"),
    ConsentPurpose.JOB_MATCHING: (
        "skills",
        "portfolio_links",
        "desired_role",
        "regions",
        "salary_min_krw",
        "employment_types",
    ),
    ConsentPurpose.OUTCOMES: ("employer", "hired_on", "retention"),
}
RETENTION_AFTER_COHORT = {
    ConsentPurpose.TRAINING: dt.timedelta(days=365),
    ConsentPurpose.JOB_MATCHING: dt.timedelta(days=365),
    ConsentPurpose.OUTCOMES: dt.timedelta(days=365 + 60),  # the 12-month retention check
}
PERSONAL_FIELDS = (
    "phone", "email", "skills", "portfolio_links", "desired_role", "occupations", "regions",
    "salary_min_krw", "employment_types",
)  # fmt: skip


def _require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied


def _clean_list(value: Any, limit: int = 30) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    out: dict[str, str] = {}
    for item in items:
        text = " ".join(str(item).split())[:100]
        if text and text.casefold() not in out:
            out[text.casefold()] = text
    return list(out.values())[:limit]


# --- registration and consent ---------------------------------------------------------------


def trainee_register(
    *, user: Any, cohort: Cohort, data: Mapping[str, Any], purposes: Iterable[str]
) -> Trainee:
    """A user joins a cohort as a trainee, giving consent per purpose (training is required:
    without it there is nothing to register)."""
    _require(getattr(user, "is_authenticated", False))
    purposes = set(purposes)
    if ConsentPurpose.TRAINING not in purposes:
        raise ValidationError(
            {"consent_training": _("Consent to the training purpose is needed to enrol.")}
        )
    if Trainee.objects.filter(user=user, anonymized_at__isnull=True).exists():
        raise ValidationError(_("You are already registered as a trainee."))
    if cohort.trainees.filter(anonymized_at__isnull=True).count() >= cohort.capacity:
        raise ValidationError(_("This cohort is full."))
    with transaction.atomic():
        trainee = Trainee.objects.create(
            user=user,
            cohort=cohort,
            name=(data.get("name") or str(user))[:100],
            phone=(data.get("phone") or "")[:40],
            email=(data.get("email") or getattr(user, "email", "") or "")[:254],
            skills=_clean_list(data.get("skills")),
            portfolio_links=_clean_list(data.get("portfolio_links"), 10),
            desired_role=(data.get("desired_role") or "")[:100],
            regions=_clean_list(data.get("regions"), 10),
            salary_min_krw=data.get("salary_min_krw") or None,
            employment_types=_clean_list(data.get("employment_types"), 5),
        )
        trainee.occupations = occupations.codes_or_keep(
            occupations.classify_title(trainee.desired_role), []
        )
        if trainee.occupations:
            trainee.save(update_fields=["occupations"])
        for purpose in sorted(purposes & set(ConsentPurpose.values)):
            consent_give(trainee, purpose)
        audit_record(actor=user, action="jobs.trainee.register", target=trainee)
    return trainee


def trainee_save_profile(trainee: Trainee, *, role_changed: bool) -> Trainee:
    """Saves the trainee's edited profile; a new desired role is classified into O*NET-SOC
    occupations again (left empty when the O*NET files are absent: stale codes would mislead
    the matcher)."""
    if role_changed or not trainee.occupations:
        codes = occupations.classify_title(trainee.desired_role)
        trainee.occupations = codes if codes is not None else []
    trainee.save()
    return trainee


def consent_give(trainee: Trainee, purpose: str) -> Consent:
    retention = trainee.cohort.ends_on + RETENTION_AFTER_COHORT[ConsentPurpose(purpose)]
    try:
        with transaction.atomic():
            return Consent.objects.create(
                trainee=trainee,
                purpose=purpose,
                items=list(CONSENT_ITEMS[ConsentPurpose(purpose)]),
                retention_until=retention,
            )
    except IntegrityError:
        return Consent.objects.get(trainee=trainee, purpose=purpose, withdrawn_at__isnull=True)


def has_consent(trainee: Trainee, purpose: str) -> bool:
    today = timezone.localdate()
    return any(
        c.purpose == purpose and c.withdrawn_at is None and c.retention_until >= today
        for c in trainee.consents.all()
    )


def consent_withdraw(trainee: Trainee, purpose: str, *, by: Any) -> Trainee:
    """The trainee withdraws a consent. Withdrawing job matching erases the matching data;
    withdrawing training (or everything) anonymizes the trainee at once."""
    _require(trainee.user_id is not None and trainee.user_id == by.pk)
    now = timezone.now()
    with transaction.atomic():
        trainee.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(withdrawn_at=now)
        if purpose == ConsentPurpose.TRAINING:
            trainee.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
            anonymize(trainee, reason="consent withdrawn", by=by)
        elif purpose == ConsentPurpose.JOB_MATCHING:
            for name in CONSENT_ITEMS[ConsentPurpose.JOB_MATCHING]:
                field = Trainee._meta.get_field(name)
                setattr(trainee, name, field.get_default())
            trainee.occupations = []
            trainee.save()
            trainee.pipeline.filter(stage=Stage.RECOMMENDED).delete()
        audit_record(actor=by, action="jobs.consent.withdraw", target=trainee, purpose=purpose)
    return trainee


def anonymize(trainee: Trainee, *, reason: str, by: Any = None) -> Trainee:
    """Erases the personal fields (and notes about the person); keeps the anonymous record
    (cohort, status, stages reached) for outcome statistics."""
    for name in PERSONAL_FIELDS:
        setattr(trainee, name, Trainee._meta.get_field(name).get_default())
    trainee.name = ""
    trainee.user = None
    trainee.anonymized_at = timezone.now()
    trainee.save()
    trainee.pipeline.update(note="", reasons="")
    StageChange.objects.filter(entry__trainee=trainee).update(note="")
    audit_record(actor=by, action="jobs.trainee.anonymize", target=trainee, reason=reason)
    return trainee


def purge_expired(*, today: dt.date | None = None, dry_run: bool = False) -> list[int]:
    """Anonymizes every trainee with no consent left in force (all withdrawn or past
    retention). Returns their ids."""
    today = today or timezone.localdate()
    due = []
    for trainee in Trainee.objects.filter(anonymized_at__isnull=True).prefetch_related("consents"):
        live = [
            c
            for c in trainee.consents.all()
            if c.withdrawn_at is None and c.retention_until >= today
        ]
        if not live:
            due.append(trainee)
    if not dry_run:
        with transaction.atomic():
            for trainee in due:
                anonymize(trainee, reason="retention ended")
    return [t.pk for t in due]


def trainee_export(trainee: Trainee, *, by: Any) -> dict[str, Any]:
    """Everything held about the trainee (their right of access), as JSON-ready data."""
    _require(trainee.user_id is not None and trainee.user_id == by.pk)
    cohort = trainee.cohort
    return {
        "exported_at": timezone.now().isoformat(),
        "trainee": {
            "name": trainee.name,
            "phone": trainee.phone,
            "email": trainee.email,
            "status": trainee.status,
            "enrolled_on": trainee.enrolled_on.isoformat(),
            "completed_on": trainee.completed_on.isoformat() if trainee.completed_on else None,
            "skills": trainee.skills,
            "portfolio_links": trainee.portfolio_links,
            "desired_role": trainee.desired_role,
            "regions": trainee.regions,
            "salary_min_krw": trainee.salary_min_krw,
            "employment_types": trainee.employment_types,
        },
        "cohort": {
            "campus": cohort.course.campus.name_ko,
            "course": cohort.course.title_ko,
            "cohort": cohort.name,
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
        },
        "consents": [
            {
                "purpose": c.purpose,
                "items": c.items,
                "retention_until": c.retention_until.isoformat(),
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in trainee.consents.all()
        ],
        "pipeline": [
            {
                "employer": e.employer.name_ko,
                "posting": e.posting.title if e.posting else None,
                "stage": e.stage,
                "note": e.note,
                "history": [
                    {"from": ch.from_stage, "to": ch.to_stage, "at": ch.at.isoformat()}
                    for ch in e.changes.all()
                ],
            }
            for e in trainee.pipeline.select_related("employer", "posting")
        ],
    }


# --- matching -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def matcher() -> core_jobs.JobMatcher:
    """The matcher, with O*NET related occupations when the files are there (a related
    occupation scores 0.7 of a same-occupation fit)."""
    return core_jobs.JobMatcher(related_occupations=occupations.related_occupations())


def _core_trainee(t: Trainee) -> core_jobs.TraineeProfile:
    return core_jobs.TraineeProfile(
        id=str(t.pk),
        skills=tuple(t.skills),
        occupations=tuple(t.occupations),
        regions=tuple(t.regions),
        salary_min_krw=t.salary_min_krw,
        employment_types=tuple(t.employment_types),
        text=t.desired_role,
    )


def _core_posting(p: JobPosting) -> core_jobs.JobPosting:
    return core_jobs.JobPosting(
        id=str(p.pk),
        title=p.title,
        required_skills=tuple(p.required_skills),
        preferred_skills=tuple(p.preferred_skills),
        occupations=tuple(p.occupations),
        region=p.region,
        salary_min_krw=p.salary_min_krw,
        salary_max_krw=p.salary_max_krw,
        employment_type=p.employment_type,
        text=" ".join((p.title, p.duties, p.requirements, p.preferred)),
    )


def open_postings() -> list[JobPosting]:
    today = timezone.localdate()
    return list(
        JobPosting.objects.filter(status=PostingStatus.OPEN)
        .exclude(deadline__lt=today)
        .select_related("employer")
        .order_by("pk")[:5000]
    )


def postings_for(trainee: Trainee, k: int = 10) -> list[tuple[JobPosting, core_jobs.JobMatch]]:
    """The best open postings for a trainee who consented to job matching (else none)."""
    if not has_consent(trainee, ConsentPurpose.JOB_MATCHING):
        return []
    postings = open_postings()
    by_id = {str(p.pk): p for p in postings}
    ranked = matcher().postings_for(
        _core_trainee(trainee), [_core_posting(p) for p in postings], k=k
    )
    return [(by_id[m.posting_id], m) for m in ranked]


def trainees_for(posting: JobPosting, trainees: Iterable[Trainee], k: int = 10):
    pool = [
        t
        for t in trainees
        if t.anonymized_at is None and has_consent(t, ConsentPurpose.JOB_MATCHING)
    ]
    by_id = {str(t.pk): t for t in pool}
    ranked = matcher().trainees_for(_core_posting(posting), [_core_trainee(t) for t in pool], k=k)
    return [(by_id[m.trainee_id], m) for m in ranked]


# --- pipeline -------------------------------------------------------------------------------


def pipeline_add(
    trainee: Trainee, posting: JobPosting, *, by: Any, note: str = ""
) -> PipelineEntry:
    """A coordinator (or the trainee) puts a posting on the trainee's pipeline as recommended,
    with the match's score and reasons at that moment."""
    _require(can_see_trainee(by, trainee))
    if trainee.anonymized_at is not None:
        raise ValidationError(_("This trainee's data has been erased."))
    if not has_consent(trainee, ConsentPurpose.JOB_MATCHING):
        raise ValidationError(_("The trainee has not consented to job matching."))
    match = matcher().score(_core_trainee(trainee), _core_posting(posting))
    with transaction.atomic():
        entry, created = PipelineEntry.objects.get_or_create(
            trainee=trainee,
            posting=posting,
            defaults={
                "employer": posting.employer,
                "score": round(match.score, 4),
                "reasons": match.explanation.summary("ko")[:300],
                "note": note[:2000],
                "updated_by": by,
            },
        )
        if created:
            StageChange.objects.create(entry=entry, to_stage=Stage.RECOMMENDED, by=by)
    return entry


def pipeline_move(
    entry: PipelineEntry, *, stage: str, by: Any, note: str = "", remind_on: dt.date | None = None
) -> PipelineEntry:
    """Moves an entry to a stage (coordinators: any; the trainee: applied or ended)."""
    _require(can_see_trainee(by, entry.trainee))
    if by.pk == entry.trainee.user_id:
        _require(stage in (Stage.APPLIED, Stage.DROPPED))
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Unknown stage.")})
    with transaction.atomic():
        before = entry.stage
        entry.stage = stage
        entry.remind_on = remind_on
        if note:
            entry.note = (entry.note + "\n" + note).strip()[:5000]
        entry.updated_by = by
        entry.save()
        if before != stage:
            StageChange.objects.create(
                entry=entry, from_stage=before, to_stage=stage, by=by, note=note[:300]
            )
    return entry


def reminders_due(campus_ids: Iterable[int], today: dt.date | None = None):
    today = today or timezone.localdate()
    return (
        PipelineEntry.objects.filter(
            trainee__cohort__course__campus_id__in=list(campus_ids), remind_on__lte=today
        )
        .exclude(stage=Stage.DROPPED)
        .select_related("trainee", "employer", "posting")
        .order_by("remind_on")
    )
