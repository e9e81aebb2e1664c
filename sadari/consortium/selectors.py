"""Consortium reads: open programs, a viewer's eligibility profile and checks, applications
and referrals through access functions (404 for missing and forbidden alike), and the counts
the impact reports read (``referral_counts_by_pair``, ``application_counts_by_host``)."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sadari.accounts.enums import Role
from sadari.accounts.rules import org_ids_of
from sadari.consortium import rules as perms
from sadari.consortium.attributes import SPECS, why_text
from sadari.consortium.enums import (
    ApplicationMode,
    ApplicationStatus,
    Attribute,
    ProgramStatus,
    ReferralStatus,
)
from sadari.consortium.models import (
    Application,
    CompanyFacts,
    EligibilityProfile,
    ProgramRule,
    Referral,
)
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization, Program
from sadari_core import eligibility as core

# --- programs -------------------------------------------------------------------------------


def program_queryset() -> QuerySet[Program]:
    return Program.objects.select_related("host", "consortium_options").prefetch_related(
        Prefetch("eligibility_rules", queryset=ProgramRule.objects.order_by("order", "id"))
    )


def open_q(today: dt.date) -> Q:
    """Programs that take applications on ``today``: not closed by their host, and the apply-by
    date (or, without one, the end date) not passed."""
    by_date = Q(apply_by__gte=today) | Q(apply_by__isnull=True, ends_on__gte=today)
    by_date |= Q(apply_by__isnull=True, ends_on__isnull=True)
    return by_date & ~Q(consortium_options__status=ProgramStatus.CLOSED)


def is_open(program: Program, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    options = options_of(program)
    if options is not None and options.status == ProgramStatus.CLOSED:
        return False
    if program.apply_by is not None:
        return program.apply_by >= today
    return program.ends_on is None or program.ends_on >= today


def options_of(program: Program) -> Any:
    try:
        return program.consortium_options
    except Program.consortium_options.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None


def application_mode(program: Program) -> str:
    options = options_of(program)
    return options.application_mode if options is not None else ApplicationMode.EXTERNAL


# --- profiles -------------------------------------------------------------------------------


def profile_of(user: Any) -> EligibilityProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return EligibilityProfile.objects.filter(user=user).select_related("organization").first()


def company_of(user: Any, profile: EligibilityProfile | None = None) -> Organization | None:
    """The company a person applies for: the one chosen in the profile (if still a member),
    else their first startup membership."""
    if not getattr(user, "is_authenticated", False):
        return None
    if profile is not None and profile.organization_id in org_ids_of(user):
        return profile.organization
    membership = (
        user.memberships.filter(organization__kind=OrgKind.STARTUP)
        .select_related("organization")
        .order_by("role", "id")
        .first()
    )
    return membership.organization if membership is not None else None


def company_facts_of(organization: Organization | None) -> CompanyFacts | None:
    if organization is None:
        return None
    return CompanyFacts.objects.filter(organization=organization).first()


def _years_between(start: dt.date, today: dt.date) -> float:
    return int((today - start).days / 365.25 * 10) / 10


def profile_values(
    *,
    profile: EligibilityProfile | None,
    company: Organization | None,
    facts: CompanyFacts | None,
    today: dt.date | None = None,
) -> dict[str, object]:
    """The attribute → value mapping the rules read. Age counts by year of birth (as most
    announcements do: "1986년 이후 출생자"); company age in years with one decimal, rounded
    down. Company facts override the directory's revenue and headcount."""
    today = today or timezone.localdate()
    values: dict[str, object] = {}
    if profile is not None:
        if profile.birth_year:
            values[Attribute.FOUNDER_AGE] = today.year - profile.birth_year
        if profile.gender:
            values[Attribute.FOUNDER_GENDER] = profile.gender
        if profile.is_pre_founder is not None:
            values[Attribute.PRE_FOUNDER] = profile.is_pre_founder
    if company is not None:
        if Attribute.PRE_FOUNDER not in values:
            values[Attribute.PRE_FOUNDER] = False
        if company.founded_on:
            values[Attribute.COMPANY_AGE_YEARS] = _years_between(company.founded_on, today)
        if company.city:
            values[Attribute.REGION_CITY] = company.city
        if company.district:
            values[Attribute.REGION_DISTRICT] = company.district
        if company.industry:
            values[Attribute.INDUSTRY] = company.industry
        if company.stage:
            values[Attribute.STAGE] = company.stage
        if company.revenue_krw is not None:
            values[Attribute.REVENUE_KRW] = company.revenue_krw
        if company.employees is not None:
            values[Attribute.EMPLOYEES] = company.employees
    if facts is not None:
        if facts.revenue_krw is not None:
            values[Attribute.REVENUE_KRW] = facts.revenue_krw
        if facts.employees is not None:
            values[Attribute.EMPLOYEES] = facts.employees
        if facts.social_economy:
            values[Attribute.SOCIAL_ECONOMY] = facts.social_economy
        if facts.is_one_person is not None:
            values[Attribute.ONE_PERSON] = facts.is_one_person
    return values


def profile_values_for(*, user: Any, today: dt.date | None = None) -> dict[str, object]:
    """The signed-in user's own values (anonymous: empty)."""
    profile = profile_of(user)
    company = company_of(user, profile)
    return profile_values(
        profile=profile, company=company, facts=company_facts_of(company), today=today
    )


# --- checks ---------------------------------------------------------------------------------


def core_rules(program: Program) -> list[core.Rule]:
    return [
        core.Rule(
            rule.attribute,
            core.Operator(rule.operator),
            rule.value,
            SPECS[rule.attribute].kind,
            key=str(rule.pk),
        )
        for rule in program.eligibility_rules.all()
        if rule.attribute in SPECS
    ]


@dataclass
class RuleLine:
    """A rule as a page shows it: the rule in words, its note, and the viewer's outcome."""

    text: str
    note: str
    outcome: str = ""
    why: str = ""


@dataclass
class Check:
    program: Program
    verdict: str
    lines: list[RuleLine] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[RuleLine]:
        return [line for line in self.lines if line.outcome == core.Outcome.FAIL]


def check_program(*, program: Program, values: dict[str, object]) -> Check:
    rules = {str(r.pk): r for r in program.eligibility_rules.all()}
    evaluation = core.evaluate(core_rules(program), values)
    lines = []
    for result in evaluation.results:
        rule = rules[result.rule.key]
        why = ""
        if result.outcome is not core.Outcome.PASS:
            why = why_text(rule.attribute, result.reason, result.actual)
        lines.append(RuleLine(rule.text, rule.note, result.outcome.value, why))
    missing = [str(Attribute(a).label) for a in evaluation.missing]
    return Check(program, evaluation.verdict.value, lines, missing)


def snapshot(*, program: Program, values: dict[str, object]) -> dict[str, Any]:
    """The check as stored on an application (JSON): verdict and per-rule outcome with the
    values the rules read — never the rest of the profile."""
    evaluation = core.evaluate(core_rules(program), values)
    return {
        "verdict": evaluation.verdict.value,
        "at": timezone.now().isoformat(),
        "rules": [
            {
                "attribute": r.rule.attribute,
                "operator": r.rule.operator.value,
                "value": r.rule.value,
                "outcome": r.outcome.value,
                "reason": r.reason.value,
                "actual": r.actual,
            }
            for r in evaluation.results
        ],
    }


def snapshot_lines(data: dict[str, Any]) -> list[RuleLine]:
    """A stored snapshot in words, in the page language."""
    from sadari.consortium.attributes import rule_text, value_text

    lines = []
    for row in data.get("rules", []):
        attribute = row.get("attribute", "")
        if attribute not in SPECS:
            continue
        why = ""
        if row.get("outcome") == core.Outcome.UNKNOWN:
            why = why_text(attribute, row.get("reason", ""), row.get("actual"))
        elif row.get("actual") is not None:
            why = value_text(attribute, row.get("actual"))
        lines.append(
            RuleLine(
                rule_text(attribute, row.get("operator", ""), row.get("value")),
                "",
                row.get("outcome", ""),
                why,
            )
        )
    return lines


@dataclass
class EligibleGroups:
    eligible: list[Check]
    unknown: list[Check]
    not_eligible: list[Check]
    missing: list[str]  # attribute labels to fill in, most needed first


def eligible_programs_for(*, user: Any, today: dt.date | None = None) -> EligibleGroups:
    """Open programs grouped by the user's verdict: eligible, need more information, not
    eligible (with the failed rules). Reads each program's rules once (prefetched)."""
    today = today or timezone.localdate()
    values = profile_values_for(user=user, today=today)
    programs = program_queryset().filter(open_q(today)).order_by("apply_by", "id")
    groups = EligibleGroups([], [], [], [])
    needed: dict[str, int] = {}
    for program in programs:
        check = check_program(program=program, values=values)
        if check.verdict == core.Verdict.ELIGIBLE:
            groups.eligible.append(check)
        elif check.verdict == core.Verdict.UNKNOWN:
            groups.unknown.append(check)
            for label in check.missing:
                needed[label] = needed.get(label, 0) + 1
        else:
            groups.not_eligible.append(check)
    groups.missing = sorted(needed, key=lambda label: (-needed[label], label))
    return groups


# --- applications ---------------------------------------------------------------------------


def application_list_for(*, user: Any) -> QuerySet[Application]:
    """Applications the user may read: their own, those to programs they host, all for
    operators."""
    qs = Application.objects.select_related("program__host", "applicant", "organization")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if perms.is_operator(user):
        return qs
    return qs.filter(Q(applicant=user) | Q(program__host_id__in=perms.staff_org_ids(user)))


def access_application(*, user: Any, application_id: int, action: str = "view") -> Application:
    application = application_list_for(user=user).filter(pk=application_id).first()
    if application is None:
        raise Http404
    if action == "decide" and not perms.can_manage_program(user, application.program):
        raise Http404
    if action == "withdraw" and application.applicant_id != user.pk:
        raise Http404
    return application


def access_managed_program(*, user: Any, program_id: int) -> Program:
    program = program_queryset().filter(pk=program_id).first()
    if program is None or not perms.can_manage_program(user, program):
        raise Http404
    return program


def managed_programs_for(*, user: Any) -> QuerySet[Program]:
    qs = Program.objects.select_related("host", "consortium_options")
    if perms.is_operator(user):
        pass
    elif perms.staff_org_ids(user):
        qs = qs.filter(host_id__in=perms.staff_org_ids(user))
    else:
        return qs.none()
    return qs.annotate(
        n_applications=Count("consortium_applications", distinct=True),
        n_selected=Count(
            "consortium_applications",
            filter=Q(consortium_applications__status=ApplicationStatus.SELECTED),
            distinct=True,
        ),
        n_rules=Count("eligibility_rules", distinct=True),
    )


# --- referrals ------------------------------------------------------------------------------


def referral_list_for(*, user: Any) -> QuerySet[Referral]:
    """Referrals the user may read: sent or received by an institution they staff, or about
    them or a company they belong to. City operators read counts, not referrals."""
    qs = Referral.objects.select_related(
        "from_org", "to_org", "program", "space", "company", "person"
    )
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    staff = perms.staff_org_ids(user)
    return qs.filter(
        Q(from_org_id__in=staff)
        | Q(to_org_id__in=staff)
        | Q(person=user)
        | Q(company_id__in=org_ids_of(user))
    )


def access_referral(*, user: Any, referral_id: int, action: str = "view") -> Referral:
    referral = referral_list_for(user=user).filter(pk=referral_id).first()
    if referral is None or not perms.can_see_referral(user, referral):
        raise Http404
    if action == "answer" and not perms.can_answer_referral(user, referral):
        raise Http404
    return referral


@dataclass
class PairCounts:
    from_org: Organization
    to_org: Organization
    sent: int = 0
    accepted: int = 0
    declined: int = 0
    completed: int = 0
    open: int = 0
    median_days_to_answer: float | None = None


def referral_counts_by_pair(
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    org_ids: set[int] | None = None,
) -> list[PairCounts]:
    """Per (referring, receiving) institution pair: referrals sent in [start, end), how many
    are now accepted (still open), declined and completed, and the median days from sending
    to the first answer. ``org_ids`` limits to pairs with one of them on either side.
    Unscoped: the caller decides who may read it (the impact reports read it)."""
    qs = Referral.objects.all()
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lt=end)
    if org_ids is not None:
        qs = qs.filter(Q(from_org_id__in=org_ids) | Q(to_org_id__in=org_ids))
    rows = qs.values_list("from_org_id", "to_org_id", "status", "created_at", "answered_at")
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for from_id, to_id, status, created, answered in rows.iterator():
        pair = pairs.setdefault((from_id, to_id), {"counts": {}, "days": []})
        pair["counts"][status] = pair["counts"].get(status, 0) + 1
        if answered is not None:
            pair["days"].append((answered - created).total_seconds() / 86400)
    orgs = Organization.objects.in_bulk({i for pair in pairs for i in pair})
    out = []
    for (from_id, to_id), pair in pairs.items():
        counts = pair["counts"]
        out.append(
            PairCounts(
                orgs[from_id],
                orgs[to_id],
                sent=sum(counts.values()),
                accepted=counts.get(ReferralStatus.ACCEPTED, 0),
                declined=counts.get(ReferralStatus.DECLINED, 0),
                completed=counts.get(ReferralStatus.COMPLETED, 0),
                open=counts.get(ReferralStatus.SENT, 0),
                median_days_to_answer=(
                    round(statistics.median(pair["days"]), 1) if pair["days"] else None
                ),
            )
        )
    out.sort(key=lambda p: (-p.sent, p.from_org.sort_name, p.to_org.sort_name))
    return out


def referral_stats_for(
    *, user: Any, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[PairCounts]:
    """Pair counts a user may read: all for city operators, their institutions' pairs for
    staff, none otherwise."""
    if perms.is_operator(user):
        return referral_counts_by_pair(start=start, end=end)
    staff = perms.staff_org_ids(user)
    if not staff:
        return []
    return referral_counts_by_pair(start=start, end=end, org_ids=staff)


def application_counts_by_host(
    *, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[dict[str, Any]]:
    """Per program host: applications submitted in [start, end) and how many of them were
    selected, rejected and withdrawn (for the impact reports; unscoped)."""
    qs = Application.objects.all()
    if start is not None:
        qs = qs.filter(created_at__gte=start)
    if end is not None:
        qs = qs.filter(created_at__lt=end)
    return list(
        qs.values("program__host_id")
        .annotate(
            submitted=Count("id"),
            selected=Count("id", filter=Q(status=ApplicationStatus.SELECTED)),
            rejected=Count("id", filter=Q(status=ApplicationStatus.REJECTED)),
            withdrawn=Count("id", filter=Q(status=ApplicationStatus.WITHDRAWN)),
        )
        .order_by("program__host_id")
    )


def staff_users_of(org_id: int) -> list[Any]:
    from sadari.accounts.models import Membership

    return [
        m.user
        for m in Membership.objects.filter(
            organization_id=org_id, role=Role.INSTITUTION_STAFF
        ).select_related("user")
    ]


def member_users_of(org_id: int) -> list[Any]:
    from sadari.accounts.models import Membership

    return [
        m.user for m in Membership.objects.filter(organization_id=org_id).select_related("user")
    ]
