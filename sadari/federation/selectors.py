"""Federation reads: sources a user may see, runs, the review queue, provenance per field and
the duplicate-support report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from sadari.accounts.models import hash_token
from sadari.accounts.rules import is_city_operator, is_institution_staff, org_ids_of
from sadari.federation.entities import decisions_for
from sadari.federation.fields import PRIVATE_FIELDS
from sadari.federation.models import (
    CandidateStatus,
    MatchCandidate,
    Source,
    SourceToken,
    SupportAward,
)
from sadari.federation.rules import can_manage_source
from sadari_core.text.company import normalize_company_name


def source_list_for(*, user: Any) -> QuerySet[Source]:
    """City operators: every source; institution staff: their institutions' sources."""
    qs = Source.objects.select_related("owner")
    if is_city_operator(user):
        return qs
    if is_institution_staff(user):
        return qs.filter(owner_id__in=org_ids_of(user))
    return qs.none()


def access_source(*, user: Any, slug: str) -> Source:
    """The source if ``user`` may manage it, else Http404."""
    source = Source.objects.select_related("owner").filter(slug=slug).first()
    if source is None or not can_manage_source(user, source):
        raise Http404
    return source


def source_for_token(raw: str) -> Source | None:
    """The active source owning the unrevoked push token ``raw``, or None."""
    if not raw or len(raw) > 200:
        return None
    token = (
        SourceToken.objects.select_related("source", "source__owner")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, source__is_active=True)
        .first()
    )
    return token.source if token else None


def review_queue_for(*, user: Any) -> QuerySet[MatchCandidate]:
    return MatchCandidate.objects.filter(status=CandidateStatus.PENDING).select_related(
        "left", "right", "source"
    )


@dataclass(slots=True)
class FieldProvenance:
    field: str
    value: Any
    source: str  # source name
    observed_at: datetime
    rule: str
    conflicts: list[tuple[Any, str, datetime]] = field(default_factory=list)
    label: str = ""
    display: str = ""


def provenance_for(
    *, user: Any, organization: Any, can_view_private: bool
) -> list[FieldProvenance]:
    """Per field: the shown claim's source and time, the deciding rule and disagreeing claims."""
    decisions = decisions_for("organization", organization.pk)
    names = {s.slug: s.display_name for s in Source.objects.only("slug", "name", "name_en")}
    out = []
    for name, decision in sorted(decisions.items()):
        if name in PRIVATE_FIELDS and not can_view_private:
            continue
        chosen = decision.chosen
        value = chosen.value
        shown = getattr(organization, name, None)
        if (
            name in {"name_ko", "name_en"}
            and shown
            and isinstance(value, str)
            and normalize_company_name(shown) == normalize_company_name(value)
        ):
            value = shown  # the profile keeps its spelling of the same name ((주) forms)
        out.append(
            FieldProvenance(
                field=name,
                value=value,
                source=names.get(chosen.source, chosen.source),
                observed_at=chosen.observed_at,
                rule=decision.rule,
                conflicts=[
                    (c.value, names.get(c.source, c.source), c.observed_at)
                    for c in decision.conflicts
                ],
            )
        )
    return out


def round_provenance(funding_round: Any) -> list[FieldProvenance]:
    """Per field of a round (all public): the shown claim's source and time, the deciding rule
    and the sources that disagree. Empty when no feed claimed the round."""
    decisions = decisions_for("funding_round", funding_round.pk)
    if not decisions:
        return []
    names = {s.slug: s.display_name for s in Source.objects.only("slug", "name", "name_en")}
    return [
        FieldProvenance(
            field=name,
            value=decision.chosen.value,
            source=names.get(decision.chosen.source, decision.chosen.source),
            observed_at=decision.chosen.observed_at,
            rule=decision.rule,
            conflicts=[
                (c.value, names.get(c.source, c.source), c.observed_at) for c in decision.conflicts
            ],
        )
        for name, decision in sorted(decisions.items())
    ]


@dataclass(slots=True)
class DuplicateSupport:
    first: SupportAward
    second: SupportAward
    overlap_days: int
    similarity: float
    evidence: list[str]


def _words(text: str) -> set[str]:
    return {w for w in normalize_company_name(text).split() if len(w) >= 2} | {
        text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace()
    }


def _overlap(a: SupportAward, b: SupportAward) -> int:
    start = max(a.starts_on, b.starts_on)
    end = min(a.until, b.until)
    return (end - start).days + 1 if end >= start else 0


def duplicate_support_report(*, user: Any, today: date | None = None) -> list[DuplicateSupport]:
    """Awards from different institutions to the same (resolved) company that overlap in time
    and have a similar purpose (category equal, or ≥ 0.3 word overlap of title + purpose)."""
    awards = list(
        SupportAward.objects.select_related("recipient", "institution").order_by(
            "recipient_id", "starts_on"
        )
    )
    # Institution staff see the overlaps their own institution is part of; operators all.
    own = None if is_city_operator(user) or user is None else org_ids_of(user)
    by_company: dict[int, list[SupportAward]] = {}
    for award in awards:
        by_company.setdefault(award.recipient_id, []).append(award)
    found = []
    for group in by_company.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.institution_id == b.institution_id:
                    continue
                if own is not None and not ({a.institution_id, b.institution_id} & own):
                    continue
                days = _overlap(a, b)
                if not days:
                    continue
                wa = _words(f"{a.program_title} {a.purpose}")
                wb = _words(f"{b.program_title} {b.purpose}")
                similarity = len(wa & wb) / max(1, len(wa | wb))
                same_category = bool(a.category) and a.category == b.category
                if not same_category and similarity < 0.3:
                    continue
                evidence = [f"{days}"]
                if same_category:
                    evidence.append(f"category:{a.category}")
                evidence.append(f"similarity:{similarity:.2f}")
                found.append(DuplicateSupport(a, b, days, similarity, evidence))
    found.sort(key=lambda d: (-d.overlap_days, -d.similarity))
    return found
