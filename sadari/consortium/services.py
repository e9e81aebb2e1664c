"""Consortium writes: program options and rules, eligibility profiles and company facts,
applications (submit, withdraw, decide within capacity) and referrals (create, answer), each
with its notifications. Every service validates its input and raises ``ValidationError`` with a
bilingual message; none trusts the caller's permissions more than the checks it makes itself."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.consortium import rules as perms
from sadari.consortium import selectors
from sadari.consortium.enums import (
    ApplicationMode,
    ApplicationStatus,
    ReferralAction,
    ReferralStatus,
)
from sadari.consortium.models import (
    Application,
    CompanyFacts,
    EligibilityProfile,
    ProgramOptions,
    ProgramRule,
    Referral,
    ReferralEvent,
)
from sadari.directory.models import Organization, Program, Space
from sadari.investment.services import notifications_muted  # noqa: F401
from sadari.investment.services import notify_each as notify
from sadari_core.eligibility import Verdict

logger = logging.getLogger(__name__)
NOTIFY_KIND = "consortium"


# --- programs -------------------------------------------------------------------------------


def program_options_save(
    *, program: Program, by: Any, application_mode: str, target_group: str, status: str
) -> ProgramOptions:
    """Creates or updates a program's options. Caller: host staff or a city operator."""
    if not perms.can_manage_program(by, program):
        raise ValidationError(_("Only the host's staff can change this program."))
    options, _created = ProgramOptions.objects.get_or_create(program=program)
    options.application_mode = application_mode
    options.target_group = target_group
    options.status = status
    options.full_clean(exclude=["program"])
    options.save()
    return options


@transaction.atomic
def program_rules_replace(*, program: Program, by: Any, rules: list[dict[str, Any]]) -> int:
    """Replaces a program's rules with ``rules`` (dicts of attribute, operator, value,
    note_ko, note_en) in order. All or nothing: one invalid rule changes nothing and raises
    a ValidationError naming its position."""
    if by is not None and not perms.can_manage_program(by, program):
        raise ValidationError(_("Only the host's staff can change this program."))
    built = []
    for i, data in enumerate(rules):
        rule = ProgramRule(
            program=program,
            attribute=data.get("attribute", ""),
            operator=data.get("operator", ""),
            value=data.get("value"),
            note_ko=data.get("note_ko", ""),
            note_en=data.get("note_en", ""),
            order=i,
        )
        try:
            rule.full_clean(exclude=["program"])
        except ValidationError as exc:
            raise ValidationError(
                _("Condition %(n)s: %(errors)s")
                % {
                    "n": i + 1,
                    "errors": " ".join(m for ms in exc.message_dict.values() for m in ms),
                }
            ) from exc
        built.append(rule)
    ProgramRule.objects.filter(program=program).delete()
    ProgramRule.objects.bulk_create(built)
    return len(built)


# --- profiles -------------------------------------------------------------------------------


def eligibility_profile_save(*, user: Any, **fields: Any) -> EligibilityProfile:
    """Saves the user's own profile (birth_year, gender, is_pre_founder, organization). The
    organization must be one the user belongs to."""
    from sadari.accounts.rules import org_ids_of

    org = fields.get("organization")
    if org is not None and org.pk not in org_ids_of(user):
        raise ValidationError({"organization": _("Choose a company you belong to.")})
    profile, _created = EligibilityProfile.objects.get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    this_year = timezone.localdate().year
    if profile.birth_year is not None and not (
        this_year - 100 <= profile.birth_year <= this_year - 14
    ):
        raise ValidationError(
            {
                "birth_year": _("Enter a year of birth between %(a)s and %(b)s.")
                % {"a": this_year - 100, "b": this_year - 14}
            }
        )
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


def company_facts_save(*, organization: Organization, by: Any, **fields: Any) -> CompanyFacts:
    """Saves a company's facts. Caller must be a member of the company."""
    if not perms.can_edit_company_facts(by, organization):
        raise ValidationError(_("Only the company's members can change its facts."))
    facts, _created = CompanyFacts.objects.get_or_create(organization=organization)
    for name, value in fields.items():
        setattr(facts, name, value)
    if facts.revenue_krw is not None and not (0 <= facts.revenue_krw <= 10**15):
        raise ValidationError({"revenue_krw": _("Enter a revenue between 0 and 1,000조 won.")})
    facts.updated_by = by
    facts.full_clean(exclude=["organization", "updated_by"])
    facts.save()
    return facts


# --- applications ---------------------------------------------------------------------------


def _program_url(program: Program) -> str:
    return reverse("consortium:program-detail", args=[program.pk])


def application_submit(
    *, program: Program, applicant: Any, answers: dict[str, str], at: dt.datetime | None = None
) -> Application:
    """Submits an in-platform application with the eligibility check as it stands now.
    Refuses external-link programs, closed programs, a second live application by the same
    person, and applicants the rules exclude (unknown facts are allowed: the host checks them).
    Notifies the host's staff. Transactional."""
    program = selectors.program_queryset().get(pk=program.pk)
    if selectors.application_mode(program) != ApplicationMode.IN_PLATFORM:
        raise ValidationError(_("This program takes applications on its own site."))
    today = timezone.localdate(at) if at else timezone.localdate()
    if not selectors.is_open(program, today):
        raise ValidationError(_("This program no longer takes applications."))
    profile = selectors.profile_of(applicant)
    company = selectors.company_of(applicant, profile)
    values = selectors.profile_values(
        profile=profile, company=company, facts=selectors.company_facts_of(company), today=today
    )
    snap = selectors.snapshot(program=program, values=values)
    if snap["verdict"] == Verdict.NOT_ELIGIBLE:
        raise ValidationError(_("You do not meet this program's eligibility rules."))
    clean_answers = {k: str(v)[:4000] for k, v in answers.items()}
    try:
        with transaction.atomic():
            application = Application.objects.create(
                program=program,
                applicant=applicant,
                organization=company,
                answers=clean_answers,
                eligibility=snap,
            )
            if at is not None:
                Application.objects.filter(pk=application.pk).update(created_at=at, updated_at=at)
    except IntegrityError as exc:
        raise ValidationError(_("You have already applied to this program.")) from exc
    notify(
        users=selectors.staff_users_of(program.host_id),
        kind=NOTIFY_KIND,
        text_ko=f"새 지원서: {program.title_ko}",
        text_en=f"New application: {program.title_en or program.title_ko}",
        url=reverse("consortium:program-applications", args=[program.pk]),
    )
    return application


def application_withdraw(*, application: Application, by: Any) -> Application:
    if application.applicant_id != by.pk:
        raise ValidationError(_("Only the applicant can withdraw an application."))
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW):
        raise ValidationError(_("This application can no longer be withdrawn."))
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    return application


_DECISIONS = {
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SELECTED,
    ApplicationStatus.REJECTED,
}


@transaction.atomic
def application_decide(
    *, application: Application, by: Any, status: str, note: str = "", at: dt.datetime | None = None
) -> Application:
    """Moves an application to under review, selected or rejected. Selection respects the
    program's capacity: the program row is locked so two staff selecting at once cannot
    overfill it. Notifies the applicant of a selection or rejection."""
    if status not in _DECISIONS:
        raise ValidationError(_("Choose a valid decision."))
    program = Program.objects.select_for_update().get(pk=application.program_id)
    if not perms.can_manage_program(by, program):
        raise ValidationError(_("Only the host's staff can decide on applications."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError(_("The applicant has withdrawn this application."))
    if status == ApplicationStatus.SELECTED and application.status != ApplicationStatus.SELECTED:
        taken = Application.objects.filter(
            program=program, status=ApplicationStatus.SELECTED
        ).count()
        if program.capacity is not None and taken >= program.capacity:
            raise ValidationError(
                _("The program is full: %(n)s of %(n)s places are taken.") % {"n": program.capacity}
            )
    application.status = status
    application.decided_by = by
    application.decided_at = at or timezone.now()
    application.decision_note = note[:500]
    application.save()
    if status in (ApplicationStatus.SELECTED, ApplicationStatus.REJECTED):
        word_ko = "선정" if status == ApplicationStatus.SELECTED else "미선정"
        word_en = "selected" if status == ApplicationStatus.SELECTED else "not selected"
        notify(
            users=[application.applicant],
            kind=NOTIFY_KIND,
            text_ko=f"{program.title_ko}: {word_ko}",
            text_en=f"{program.title_en or program.title_ko}: {word_en}",
            url=reverse("consortium:my-applications"),
        )
    return application


# --- referrals ------------------------------------------------------------------------------


def _referred_users(referral: Referral) -> list[Any]:
    if referral.person_id is not None:
        return [referral.person]
    return selectors.member_users_of(referral.company_id)


def _event(referral: Referral, status: str, by: Any, note: str, at: dt.datetime) -> None:
    ReferralEvent.objects.create(referral=referral, status=status, by=by, note=note, at=at)


@transaction.atomic
def referral_create(
    *,
    from_org: Organization,
    by: Any,
    program: Program | None = None,
    space: Space | None = None,
    company: Organization | None = None,
    person: Any = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Referral:
    """Refers a company or a person to another institution's program or space. The caller
    must be staff of ``from_org``; the target must belong to another institution. Notifies
    the receiving staff and the referred."""
    if from_org.pk not in perms.staff_org_ids(by):
        raise ValidationError(_("You can refer only on behalf of an institution you work for."))
    if (program is None) == (space is None):
        raise ValidationError(_("Choose one program or one space."))
    if (company is None) == (person is None):
        raise ValidationError(_("Choose one company or one person to refer."))
    target = program or space
    assert target is not None
    if target.host_id == from_org.pk:
        raise ValidationError(_("Refer to another institution's program or space."))
    when = at or timezone.now()
    referral = Referral.objects.create(
        from_org=from_org,
        to_org_id=target.host_id,
        program=program,
        space=space,
        company=company,
        person=person,
        note=note[:2000],
        created_by=by,
    )
    if at is not None:
        Referral.objects.filter(pk=referral.pk).update(created_at=at, updated_at=at)
        referral.created_at = at
    _event(referral, ReferralStatus.SENT, by, note[:2000], when)
    url = reverse("consortium:referral-detail", args=[referral.pk])
    title_ko = getattr(target, "title_ko", None) or getattr(target, "name_ko", "")
    title_en = getattr(target, "title_en", None) or getattr(target, "name_en", "") or title_ko
    notify(
        users=selectors.staff_users_of(referral.to_org_id),
        kind=NOTIFY_KIND,
        text_ko=f"{from_org.name_ko}에서 연계 요청: {title_ko}",
        text_en=f"Referral from {from_org.name_en or from_org.name_ko}: {title_en}",
        url=url,
        exclude=by,
    )
    notify(
        users=_referred_users(referral),
        kind=NOTIFY_KIND,
        text_ko=f"{from_org.name_ko}에서 회원님을 연계했습니다: {title_ko}",
        text_en=f"{from_org.name_en or from_org.name_ko} referred you to {title_en}",
        url=url,
        exclude=by,
    )
    return referral


_TRANSITIONS = {
    ReferralAction.ACCEPT: ({ReferralStatus.SENT}, ReferralStatus.ACCEPTED),
    ReferralAction.DECLINE: (
        {ReferralStatus.SENT, ReferralStatus.ACCEPTED},
        ReferralStatus.DECLINED,
    ),
    ReferralAction.COMPLETE: ({ReferralStatus.ACCEPTED}, ReferralStatus.COMPLETED),
}


@transaction.atomic
def referral_act(
    *, referral: Referral, by: Any, action: str, note: str = "", at: dt.datetime | None = None
) -> Referral:
    """The receiving institution accepts, declines (a reason is required) or completes a
    referral; each change is a ReferralEvent. Notifies the referring staff and the referred."""
    if action not in _TRANSITIONS:
        raise ValidationError(_("Choose accept, decline or complete."))
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not perms.can_answer_referral(by, referral):
        raise ValidationError(_("Only the receiving institution's staff can answer."))
    sources, target = _TRANSITIONS[ReferralAction(action)]
    if referral.status not in sources:
        raise ValidationError(
            _("A referral that is %(status)s cannot be changed that way.")
            % {"status": ReferralStatus(referral.status).label}
        )
    note = note.strip()[:2000]
    if target == ReferralStatus.DECLINED and not note:
        raise ValidationError({"note": _("Give a reason for declining.")})
    when = at or timezone.now()
    referral.status = target
    if referral.answered_at is None:
        referral.answered_at = when
    if target in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED):
        referral.closed_at = when
    referral.save()
    if at is not None:
        Referral.objects.filter(pk=referral.pk).update(updated_at=at)
    _event(referral, target, by, note, when)
    label_ko = {"accepted": "수락", "declined": "거절", "completed": "완료"}[target]
    to_org = referral.to_org
    notify(
        users=[*selectors.staff_users_of(referral.from_org_id), *_referred_users(referral)],
        kind=NOTIFY_KIND,
        text_ko=f"{to_org.name_ko}: 연계 {label_ko}",
        text_en=f"{to_org.name_en or to_org.name_ko}: referral {target}",
        url=reverse("consortium:referral-detail", args=[referral.pk]),
        exclude=by,
    )
    return referral
