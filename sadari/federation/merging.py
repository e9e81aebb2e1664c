"""Reversible merges and splits of organizations (entity resolution's decisions).

A merge moves everything that points at the merged organization to the survivor and records
each moved row's id in ``Merge.moved``; a split moves exactly those rows back. Both are
transactional, re-run survivorship on the organizations involved, re-index them and emit a
change event.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sadari.common.audit import audit_record
from sadari.directory import search
from sadari.directory.models import Organization, Person, Program, Space
from sadari.federation.entities import (
    ORG_FIELDS,
    _apply_shown,
    _save,
    _shown,
    organization_keys_refresh,
)
from sadari.federation.fields import model_value
from sadari.federation.models import (
    CandidateStatus,
    FieldClaim,
    MatchCandidate,
    Merge,
    SourceRecord,
    SupportAward,
)
from sadari.feed.services import change_record
from sadari.investment.models import FundingRound, RoundInvestor

# (label, model, foreign-key attribute, extra filter) of everything that can point at a company.
_POINTERS: list[tuple[str, Any, str, dict[str, Any]]] = [
    ("records", SourceRecord, "entity_id", {"kind": "organization"}),
    ("claims", FieldClaim, "entity_id", {"kind": "organization"}),
    ("rounds", FundingRound, "company_id", {}),
    ("people", Person, "organization_id", {}),
    ("programs", Program, "host_id", {}),
    ("spaces", Space, "host_id", {}),
    ("hosted", Organization, "host_id", {}),
    ("awards", SupportAward, "recipient_id", {}),
    ("awards_given", SupportAward, "institution_id", {}),
]


class MergeError(Exception):
    pass


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _refresh(org: Organization) -> list[str]:
    changed = _apply_shown(org, _shown("organization", org.pk), ORG_FIELDS)
    if changed:
        _save(org)
    return changed


@transaction.atomic
def organization_merge(
    *, survivor: Organization, merged: Organization, by: Any = None, reason: str = ""
) -> Merge:
    """Folds ``merged`` into ``survivor``. Raises MergeError for a merged/identical pair or two
    different business numbers."""
    if survivor.pk == merged.pk or survivor.merged_into_id or merged.merged_into_id:
        raise MergeError(_("One of these organizations was already merged into another."))
    if survivor.business_number and merged.business_number:
        raise MergeError(
            _("Both organizations have a business registration number: they are different.")
        )
    moved: dict[str, Any] = {}
    for label, model, attr, extra in _POINTERS:
        ids = list(model.objects.filter(**{attr: merged.pk}, **extra).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(**{attr: survivor.pk})
        moved[label] = ids
    investor_ids = []
    for link in RoundInvestor.objects.filter(investor=merged):
        if RoundInvestor.objects.filter(round_id=link.round_id, investor=survivor).exists():
            continue  # both were listed on the round: the survivor's entry stays
        investor_ids.append(link.pk)
    RoundInvestor.objects.filter(pk__in=investor_ids).update(investor=survivor)
    moved["round_investors"] = investor_ids
    if merged.business_number:
        moved["business_number"] = [0]
        survivor.business_number, merged.business_number = merged.business_number, None
        merged.save(update_fields=["business_number"])
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "updated_at"])
    before = {attr: getattr(survivor, attr) for attr in ORG_FIELDS}
    _save(survivor)
    fields = _refresh(survivor)
    # What the merge changed on the survivor, so that a split can restore it.
    moved["survivor_before"] = {
        attr: _json(before[attr]) for attr in fields if attr != "business_number"
    }
    search.unindex("organization", [merged.pk])
    search.index_objects([survivor])
    organization_keys_refresh([survivor, merged])
    MatchCandidate.objects.filter(left__in=[survivor, merged], right__in=[survivor, merged]).update(
        status=CandidateStatus.ACCEPTED, decided_by=by, decided_at=timezone.now()
    )
    # Other pending pairs with the merged organization now concern the survivor: re-point
    # them (or drop them where the survivor already has that pair).
    for item in MatchCandidate.objects.filter(
        Q(left=merged) | Q(right=merged), status=CandidateStatus.PENDING
    ):
        other = item.right if item.left_id == merged.pk else item.left
        left, right = sorted([survivor, other], key=lambda o: o.pk)
        exists = MatchCandidate.objects.filter(left=left, right=right).exists()
        if other.pk == survivor.pk or exists:
            item.status = CandidateStatus.OBSOLETE
            item.save(update_fields=["status", "updated_at"])
        else:
            item.left, item.right = left, right
            item.save(update_fields=["left", "right", "updated_at"])
    merge = Merge.objects.create(
        survivor=survivor, merged=merged, moved=moved, reason=reason, by=by
    )
    if by is not None:
        audit_record(actor=by, action="organization.merge", target=survivor, merged=merged.pk)
    change_record(
        kind="organization",
        entity_id=survivor.pk,
        action="merged",
        fields=sorted(fields),
        data={"merged": merged.pk, "name": survivor.name, "url": survivor.get_absolute_url()},
    )
    return merge


@transaction.atomic
def organization_split(*, merge: Merge, by: Any = None) -> Merge:
    """Undoes a merge exactly: the moved rows go back and both organizations are shown again."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if not merge.is_active:
        raise MergeError(_("This merge was already undone."))
    survivor, merged = merge.survivor, merge.merged
    for label, model, attr, _extra in _POINTERS:
        model.objects.filter(pk__in=merge.moved.get(label, [])).update(**{attr: merged.pk})
    RoundInvestor.objects.filter(pk__in=merge.moved.get("round_investors", [])).update(
        investor=merged
    )
    if merge.moved.get("business_number"):
        merged.business_number, survivor.business_number = survivor.business_number, None
        survivor.save(update_fields=["business_number"])
    merged.merged_into = None
    merged.save(update_fields=["merged_into", "business_number", "updated_at"])
    for attr, value in (merge.moved.get("survivor_before") or {}).items():
        setattr(survivor, attr, model_value(attr, value))
    _save(survivor)
    _refresh(survivor)
    _refresh(merged)
    search.index_objects([survivor, merged])
    organization_keys_refresh([survivor, merged])
    MatchCandidate.objects.filter(
        left__in=[survivor, merged], right__in=[survivor, merged], status=CandidateStatus.ACCEPTED
    ).update(status=CandidateStatus.REJECTED, decided_by=by, decided_at=timezone.now())
    merge.split_at, merge.split_by = timezone.now(), by
    merge.save(update_fields=["split_at", "split_by", "updated_at"])
    if by is not None:
        audit_record(actor=by, action="organization.split", target=survivor, merged=merged.pk)
    for org in (survivor, merged):
        change_record(
            kind="organization",
            entity_id=org.pk,
            action="split",
            fields=[],
            data={"name": org.name, "url": org.get_absolute_url()},
        )
    return merge
