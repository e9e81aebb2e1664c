"""Conflicts of interest, detected from data (not only declared).

A reviewer is conflicted with an idea when they are the applicant; belong (now or before) to
the applicant's company or to another organization the applicant belongs to; belong to an
investor in the company (from the investment data); mentored the applicant or the company
here (a booking, or a cancelled one that named an idea); are named in the idea's team; or
declared a conflict with the company or the applicant. Every conflict carries its reason. A
conflicted reviewer is never assigned and never sees the idea (``rules`` checks this again on
every page, not only at assignment).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sadari.accounts.models import Membership
from sadari.directory.models import Organization
from sadari.investment.models import RoundInvestor
from sadari.pitching.enums import BookingStatus, ConflictKind
from sadari.pitching.models import Booking, DeclaredConflict, Expert, Submission
from sadari_core.text.company import normalize_company_name


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: str
    detail: str = ""  # an organization's name, or the declared reason

    @property
    def label(self) -> str:
        return str(ConflictKind(self.kind).label)

    def __str__(self) -> str:
        return f"{self.label}: {self.detail}" if self.detail else self.label


ConflictMap = dict[tuple[int, int], list[Conflict]]


def _expert_orgs(
    experts: list[Expert], relevant: dict[int, tuple[str, str]]
) -> dict[int, dict[int, bool]]:
    """Per expert: {organization id: current?} from memberships, the directory profile and
    affiliations — linked, or typed as text and matched by normalized name (exact, not fuzzy)
    against the ``relevant`` organizations (the ideas' companies, applicants' organizations
    and investors)."""
    orgs: dict[int, dict[int, bool]] = defaultdict(dict)
    by_user = {e.user_id: e.pk for e in experts}
    for user_id, org_id in Membership.objects.filter(user_id__in=by_user).values_list(
        "user_id", "organization_id"
    ):
        orgs[by_user[user_id]][org_id] = True
    for e in experts:
        if e.person is not None and e.person.organization_id:
            orgs[e.pk][e.person.organization_id] = True
    by_name: dict[str, int] = {}
    for org_id, names in relevant.items():
        for name in names:
            if key := normalize_company_name(name or ""):
                by_name.setdefault(key, org_id)
    for e in experts:
        for a in e.affiliations.all():
            org_id = a.organization_id or by_name.get(normalize_company_name(a.name))
            if org_id:
                orgs[e.pk][org_id] = orgs[e.pk].get(org_id, False) or a.is_current
    return orgs


def detect(experts: Iterable[Expert], submissions: Iterable[Submission]) -> ConflictMap:
    """Conflicts for every (expert, submission) pair, with reasons (pairs without conflict are
    absent). A few queries whatever the sizes."""
    submissions = list(submissions)
    expert_ids = [e.pk for e in experts]
    if not expert_ids or not submissions:
        return {}
    experts = list(
        Expert.objects.filter(pk__in=expert_ids)
        .select_related("user", "person")
        .prefetch_related("affiliations")
    )
    applicants = {s.applicant_id for s in submissions}
    applicant_orgs: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(user_id__in=applicants).values_list(
        "user_id", "organization_id"
    ):
        applicant_orgs[user_id].add(org_id)
    companies = {s.organization_id for s in submissions if s.organization_id}
    investors: dict[int, set[int]] = defaultdict(set)
    for company_id, investor_id in RoundInvestor.objects.filter(
        round__company_id__in=companies
    ).values_list("round__company_id", "investor_id"):
        investors[company_id].add(investor_id)
    relevant = set(companies).union(*applicant_orgs.values(), *investors.values())
    both = {
        pk: (ko, en)
        for pk, ko, en in Organization.objects.filter(pk__in=relevant).values_list(
            "pk", "name_ko", "name_en"
        )
    }
    names = {pk: ko or en for pk, (ko, en) in both.items()}
    orgs = _expert_orgs(experts, both)
    mentored_people: dict[int, set[int]] = defaultdict(set)
    mentored_orgs: dict[int, set[int]] = defaultdict(set)
    for expert_id, applicant_id, org_id in (
        # A cancelled booking still counts when it named an idea: the mentor has seen its
        # title with the applicant's name, so a blind review by them would not be blind.
        Booking.objects.filter(slot__mentor_id__in=expert_ids)
        .exclude(status=BookingStatus.CANCELLED, submission__isnull=True)
        .values_list("slot__mentor_id", "applicant_id", "submission__organization_id")
    ):
        mentored_people[expert_id].add(applicant_id)
        if org_id:
            mentored_orgs[expert_id].add(org_id)
    declared_orgs: dict[int, dict[int, str]] = defaultdict(dict)
    declared_people: dict[int, dict[int, str]] = defaultdict(dict)
    for d in DeclaredConflict.objects.filter(expert_id__in=expert_ids):
        if d.organization_id:
            declared_orgs[d.expert_id][d.organization_id] = d.reason
        if d.applicant_id:
            declared_people[d.expert_id][d.applicant_id] = d.reason

    result: ConflictMap = {}
    for e in experts:
        mine = orgs.get(e.pk, {})
        own_names = {
            n
            for n in (e.user.display_name, e.person.name_ko if e.person else "")
            if n and len(n.strip()) >= 3
        }
        for s in submissions:
            found: list[Conflict] = []
            if s.applicant_id == e.user_id:
                found.append(Conflict(ConflictKind.SELF))
            theirs = set(applicant_orgs.get(s.applicant_id, ()))
            if s.organization_id:
                theirs.add(s.organization_id)
            for org_id in sorted(theirs & mine.keys()):
                kind = ConflictKind.SAME_ORG if mine[org_id] else ConflictKind.PAST_ORG
                found.append(Conflict(kind, names.get(org_id, "")))
            if s.organization_id:
                found.extend(
                    Conflict(ConflictKind.INVESTOR, names.get(org_id, ""))
                    for org_id in sorted(investors.get(s.organization_id, set()) & mine.keys())
                )
            if s.applicant_id in mentored_people.get(e.pk, ()) or (
                s.organization_id and s.organization_id in mentored_orgs.get(e.pk, ())
            ):
                found.append(Conflict(ConflictKind.MENTOR))
            if any(n in s.team for n in own_names):
                found.append(Conflict(ConflictKind.TEAM))
            if s.organization_id and s.organization_id in declared_orgs.get(e.pk, {}):
                found.append(
                    Conflict(ConflictKind.DECLARED, declared_orgs[e.pk][s.organization_id])
                )
            if s.applicant_id in declared_people.get(e.pk, {}):
                found.append(Conflict(ConflictKind.DECLARED, declared_people[e.pk][s.applicant_id]))
            if found:
                result[(e.pk, s.pk)] = found
    return result


def conflicts_of(expert: Expert, submission: Submission) -> list[Conflict]:
    return detect([expert], [submission]).get((expert.pk, submission.pk), [])


def describe(conflicts: list[Conflict]) -> str:
    return " · ".join(str(c) for c in conflicts) or _("no conflict")
