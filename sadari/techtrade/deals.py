"""Tech-trade writes for the pipeline: deals and their stage history, messages between the
parties, challenges and proposals (selection through ``selection``), and PoCs.

Deals and PoCs hold no confidential details: titles are the public titles of the items.
Transactional; callers check access with the selectors first."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.accounts.rules import org_ids_of
from sadari.common.audit import audit_record
from sadari.directory.models import Organization
from sadari.feed.services import change_record
from sadari.techtrade.enums import (
    ChallengeStatus,
    DealStage,
    DropReason,
    ListingStatus,
    PocStatus,
    ProposalStatus,
    stage_index,
)
from sadari.techtrade.models import (
    Challenge,
    Deal,
    DealMessage,
    DealStageChange,
    Poc,
    PocMilestone,
    Proposal,
    TechNeed,
    Technology,
)
from sadari.techtrade.rules import CHALLENGE_HOST_KINDS, PROPOSER_KINDS
from sadari.techtrade.selection import DECISIONS, selection_method
from sadari.techtrade.validators import validate_budget_range


class PipelineError(ValidationError):
    """A move the pipeline does not allow; the message is for the user."""


DRAFT_REFUSAL = _("Publish it first: drafts are not shown to others.")


# --- deals -----------------------------------------------------------------------------------


def _deal_title(need: Any, technology: Any, challenge: Any) -> str:
    parts = [x.title for x in (need, technology) if x is not None]
    if not parts and challenge is not None:
        parts = [challenge.title]
    return " ↔ ".join(parts)[:300] or "-"


def _history(deal: Deal, stage: str, at: Any, by: Any, note: str = "") -> None:
    DealStageChange.objects.create(
        deal=deal, stage=stage, at=at, by=by if getattr(by, "is_authenticated", False) else None,
        note=note[:500],
    )  # fmt: skip


@transaction.atomic
def deal_open(
    *,
    buyer: Organization,
    seller: Organization,
    by: Any,
    need: TechNeed | None = None,
    technology: Technology | None = None,
    challenge: Challenge | None = None,
    stage: str = DealStage.MATCHED,
    at: Any = None,
    is_fictional: bool = False,
) -> Deal:
    """The open deal of this pair about these items, created if there is none, moved forward
    to ``stage`` if it is behind. A new deal's history starts with "posted" at the time the
    item was published (so "days in posted" measures how long a posting waited for a match).
    Idempotent."""
    if buyer.pk == seller.pk:
        raise PipelineError(_("A deal needs two different organizations."))
    if any(x is not None and x.status == ListingStatus.DRAFT for x in (need, technology)):
        # A draft is its owner's only: its title must not reach the other party's board.
        raise PipelineError(DRAFT_REFUSAL, code="draft")
    at = at or timezone.now()
    existing = (
        Deal.objects.select_for_update()
        .filter(buyer=buyer, seller=seller)
        .exclude(stage=DealStage.DROPPED)
    )
    if technology is not None:
        existing = existing.filter(technology=technology)
    elif need is not None:
        existing = existing.filter(need=need)
    else:
        existing = existing.filter(challenge=challenge)
    deal = existing.first()
    if deal is not None:
        if need is not None and deal.need_id is None:
            deal.need = need
            deal.save(update_fields=["need"])
        if stage_index(deal.stage) < stage_index(stage):
            deal_move(deal=deal, to_stage=stage, by=by, at=at)
        return deal
    posted_at = min(
        [x.published_at for x in (need, technology) if x is not None and x.published_at]
        + ([timezone.make_aware(_midnight(challenge.opens_on))] if challenge else [])
        + [at]
    )
    deal = Deal.objects.create(
        buyer=buyer,
        seller=seller,
        need=need,
        technology=technology,
        challenge=challenge,
        title=_deal_title(need, technology, challenge),
        stage=stage,
        reached=stage,
        stage_changed_at=at,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        is_fictional=is_fictional,
    )
    _history(deal, DealStage.POSTED, posted_at, None)
    if stage != DealStage.POSTED:
        _history(deal, stage, at, by)
    if by is not None:
        audit_record(actor=by, action="techtrade.deal.open", target=deal, stage=stage)
    return deal


def _midnight(day: date) -> Any:
    from datetime import datetime, time

    return datetime.combine(day, time(9, 0))


@transaction.atomic
def deal_move(
    *,
    deal: Deal,
    to_stage: str,
    by: Any,
    reason: str = "",
    note: str = "",
    at: Any = None,
) -> Deal:
    """Moves a deal to a pipeline stage (forward, or back to correct a mistake), drops it
    (``to_stage="dropped"`` with a ``reason`` from DropReason) or reopens a dropped deal.
    Records the stage history; entering "poc" creates the PoC record when there is none.
    Raises PipelineError for an unknown stage, a drop without a reason, or no change."""
    deal = Deal.objects.select_for_update().get(pk=deal.pk)
    at = at or timezone.now()
    if to_stage not in DealStage.values:
        raise PipelineError(_("Unknown stage."))
    if to_stage == deal.stage:
        raise PipelineError(_("The deal is already in this stage."))
    if to_stage == DealStage.DROPPED:
        if reason not in DropReason.values:
            raise PipelineError(_("Choose why the deal is dropped."), code="drop_reason")
        deal.dropped_from = deal.stage
        deal.drop_reason = reason
        deal.drop_note = note[:500]
    else:
        deal.dropped_from = ""
        deal.drop_reason = ""
        deal.drop_note = ""
        if stage_index(to_stage) > stage_index(deal.reached):
            deal.reached = to_stage
    deal.stage = to_stage
    deal.stage_changed_at = at
    deal.save()
    _history(deal, to_stage, at, by, note)
    audit_record(actor=by, action="techtrade.deal.move", target=deal, stage=to_stage)
    if to_stage == DealStage.POC and not Poc.objects.filter(deal=deal).exists():
        poc_create(
            corporate=deal.buyer,
            startup=deal.seller,
            title=deal.title[:200],
            deal=deal,
            challenge=deal.challenge,
            by=by,
            is_fictional=deal.is_fictional,
        )
    return deal


@transaction.atomic
def deal_message_post(*, deal: Deal, by: Any, body: str) -> DealMessage:
    """A message from one party to the other. ``by`` must be a member of a party."""
    body = (body or "").strip()
    if not body:
        raise PipelineError(_("Write a message."))
    if len(body) > 5000:
        raise PipelineError(_("A message has at most 5,000 characters."))
    ids = org_ids_of(by)
    if deal.buyer_id in ids:
        org_id = deal.buyer_id
    elif deal.seller_id in ids:
        org_id = deal.seller_id
    else:
        raise PipelineError(_("Only the parties of a deal write messages."))
    last = DealMessage.objects.filter(deal=deal).order_by("-id").first()
    if (
        last is not None
        and last.author_id == getattr(by, "pk", None)
        and last.body == body
        and timezone.now() - last.created_at < timedelta(seconds=60)
    ):
        return last  # the same message sent twice (a double click, a resent form)
    return DealMessage.objects.create(deal=deal, author=by, organization_id=org_id, body=body)


# --- challenges and proposals ----------------------------------------------------------------

CHALLENGE_EDITABLE = (
    "kind", "title_ko", "title_en", "summary_ko", "summary_en", "problem_ko", "problem_en",
    "eligibility_ko", "eligibility_en", "fields", "opens_on", "closes_on", "announce_on",
    "poc_starts_on", "poc_ends_on", "poc_fund_krw", "max_selected", "selection_method", "status",
)  # fmt: skip
CHALLENGE_PUBLIC = tuple(f for f in CHALLENGE_EDITABLE if f != "selection_method")


def _clean_challenge(challenge: Challenge) -> None:
    if not (challenge.title_ko.strip() or challenge.title_en.strip()):
        raise ValidationError({"title_ko": _("Enter a title in Korean or English.")})
    if challenge.opens_on and challenge.closes_on and challenge.opens_on > challenge.closes_on:
        raise ValidationError({"closes_on": _("The challenge closes before it opens.")})
    if (
        challenge.poc_starts_on
        and challenge.poc_ends_on
        and challenge.poc_starts_on > challenge.poc_ends_on
    ):
        raise ValidationError({"poc_ends_on": _("The PoC ends before it starts.")})
    validate_budget_range(challenge.poc_fund_krw, None)
    try:
        MinValueValidator(1)(challenge.max_selected)
    except ValidationError as exc:
        raise ValidationError({"max_selected": exc.messages}) from None
    challenge.fields = sorted(dict.fromkeys(challenge.fields or []))
    challenge.full_clean()


def _challenge_feed(
    challenge: Challenge, action: str, names: list[str], was_draft: bool | None = None
) -> None:
    """Public fields that changed; publishing a draft feeds them all, turning a published
    challenge back into a draft tells public readers its status only (as for listings)."""
    names = [n for n in names if n in CHALLENGE_PUBLIC]
    if action == "updated" and not names:
        return
    is_draft = challenge.status == ChallengeStatus.DRAFT

    def record(fields: list[str], is_public: bool) -> None:
        data: dict[str, Any] = {"host": challenge.host_id}
        for name in fields:
            value = getattr(challenge, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        change_record(
            kind="challenge", entity_id=challenge.pk, action=action, fields=fields, data=data,
            is_public=is_public,
        )  # fmt: skip

    if was_draft and not is_draft:
        names = list(CHALLENGE_PUBLIC)
    elif was_draft is False and is_draft:
        record(["status"], True)
        names = [n for n in names if n != "status"]
        if not names:
            return
    record(names, not is_draft)


@transaction.atomic
def challenge_create(*, host: Organization, by: Any = None, **fields: Any) -> Challenge:
    """Publishes a challenge (or saves a draft). The host is a corporate, an institution or a
    hub (the city). Validated; fed (public fields); audited."""
    if host.kind not in CHALLENGE_HOST_KINDS:
        raise PipelineError(_("Challenges are hosted by corporates, institutions or the city."))
    unknown = set(fields) - set(CHALLENGE_EDITABLE) - {"is_fictional"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    challenge = Challenge(
        host=host, created_by=by if getattr(by, "is_authenticated", False) else None, **fields
    )
    _clean_challenge(challenge)
    challenge.save()
    _challenge_feed(challenge, "created", list(CHALLENGE_PUBLIC))
    if by is not None:
        audit_record(actor=by, action="techtrade.challenge.create", target=challenge)
    _challenge_vector_later(challenge)
    return challenge


def _challenge_vector_later(challenge: Challenge) -> None:
    from sadari.techtrade.tasks import task_match_vector_refresh

    pk = challenge.pk
    transaction.on_commit(lambda: task_match_vector_refresh.enqueue(kind="challenge", object_id=pk))


@transaction.atomic
def challenge_update(*, challenge: Challenge, by: Any, **fields: Any) -> Challenge:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    was_draft = challenge.status == ChallengeStatus.DRAFT
    changed = []
    for name, value in fields.items():
        if name not in CHALLENGE_EDITABLE:
            raise ValueError(f"field {name!r} is not editable")
        if getattr(challenge, name) != value:
            changed.append(name)
            setattr(challenge, name, value)
    if not changed:
        return challenge
    _clean_challenge(challenge)
    challenge.save()
    _challenge_feed(challenge, "updated", changed, was_draft=was_draft)
    audit_record(actor=by, action="techtrade.challenge.update", target=challenge, fields=changed)
    _challenge_vector_later(challenge)
    return challenge


@transaction.atomic
def proposal_submit(
    *,
    challenge: Challenge,
    startup: Organization,
    by: Any,
    title: str,
    summary: str,
    poc_plan: str = "",
    requested_fund_krw: int | None = None,
    technology: Technology | None = None,
    today: date | None = None,
    is_fictional: bool = False,
) -> Proposal:
    """A startup's proposal to an open challenge (one per startup; a withdrawn one may be
    submitted again). Raises PipelineError when the challenge is not open, the organization
    may not propose, or the technology is not the startup's."""
    today = today or timezone.localdate()
    if not challenge.is_open_on(today):
        raise PipelineError(_("This challenge is not open for proposals."), code="not_open")
    if startup.kind not in PROPOSER_KINDS:
        raise PipelineError(_("Proposals come from startups and university labs."))
    if by is not None and startup.pk not in org_ids_of(by):
        raise PipelineError(_("You cannot propose for this organization."))
    if technology is not None and technology.owner_id != startup.pk:
        raise PipelineError(_("Choose one of your own technologies."))
    if technology is not None and technology.status == ListingStatus.DRAFT:
        raise PipelineError(DRAFT_REFUSAL, code="draft")
    if not title.strip() or not summary.strip():
        raise PipelineError(_("Write a title and the proposal."))
    validate_budget_range(requested_fund_krw, None)
    proposal = Proposal.objects.filter(challenge=challenge, startup=startup).first()
    if proposal is not None and proposal.status != ProposalStatus.WITHDRAWN:
        raise PipelineError(_("Your organization has already proposed to this challenge."))
    values = {
        "submitted_by": by,
        "title": title.strip()[:200],
        "summary": summary.strip(),
        "poc_plan": poc_plan.strip(),
        "requested_fund_krw": requested_fund_krw,
        "technology": technology,
        "status": ProposalStatus.SUBMITTED,
        "is_fictional": is_fictional,
    }
    if proposal is None:
        proposal = Proposal.objects.create(challenge=challenge, startup=startup, **values)
    else:
        for name, value in values.items():
            setattr(proposal, name, value)
        proposal.save()
    if by is not None:
        audit_record(actor=by, action="techtrade.proposal.submit", target=proposal)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: Any) -> Proposal:
    if proposal.status == ProposalStatus.SELECTED:
        raise PipelineError(_("A selected proposal cannot be withdrawn; talk to the host."))
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="techtrade.proposal.withdraw", target=proposal)
    return proposal


@transaction.atomic
def proposal_decide(
    *, proposal: Proposal, by: Any, decision: str, note: str = "", at: Any = None
) -> Proposal:
    """The host shortlists, selects, declines or reopens a proposal, as the challenge's
    selection method allows. Selecting opens a deal at "PoC" and creates the PoC with the
    challenge's funds and dates. Raises PipelineError when the method refuses, the decision
    is unknown, or the challenge has selected its ``max_selected`` teams already."""
    proposal = Proposal.objects.select_for_update().select_related("challenge").get(pk=proposal.pk)
    challenge = proposal.challenge
    if decision not in DECISIONS:
        raise PipelineError(_("Unknown decision."))
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise PipelineError(_("The startup withdrew this proposal."))
    refusal = selection_method(challenge.selection_method).refusal(challenge, proposal, decision)
    if refusal:
        raise PipelineError(refusal)
    if decision == "select":
        if proposal.status == ProposalStatus.SELECTED:
            raise PipelineError(_("This proposal is already selected."))
        selected = challenge.proposals.filter(status=ProposalStatus.SELECTED).count()
        if selected >= challenge.max_selected:
            raise PipelineError(
                _("%(n)s teams are selected already, as many as the challenge takes.")
                % {"n": selected},
                code="capacity",
            )
    status = {
        "shortlist": ProposalStatus.SHORTLISTED,
        "select": ProposalStatus.SELECTED,
        "decline": ProposalStatus.DECLINED,
        "reopen": ProposalStatus.SUBMITTED,
    }[decision]
    if decision == "reopen" and proposal.status == ProposalStatus.SELECTED:
        raise PipelineError(_("A selected proposal has a PoC; change the PoC instead."))
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = at or timezone.now()
    if note:
        proposal.host_note = note[:5000]
    proposal.save()
    audit_record(actor=by, action=f"techtrade.proposal.{decision}", target=proposal)
    if decision == "select":
        deal = deal_open(
            buyer=challenge.host,
            seller=proposal.startup,
            by=by,
            technology=proposal.technology,
            challenge=challenge,
            stage=DealStage.MATCHED,
            at=proposal.created_at,
            is_fictional=proposal.is_fictional,
        )
        if deal.challenge_id is None:
            deal.challenge = challenge
            deal.save(update_fields=["challenge"])
        if stage_index(deal.stage) < stage_index(DealStage.POC):
            deal = deal_move(deal=deal, to_stage=DealStage.POC, by=by, at=at)
        plan = {
            "title": proposal.title[:200],
            "challenge": challenge,
            "proposal": proposal,
            "funds_krw": challenge.poc_fund_krw or proposal.requested_fund_krw,
            "starts_on": challenge.poc_starts_on,
            "ends_on": challenge.poc_ends_on,
        }
        poc = Poc.objects.filter(deal=deal).first()
        if poc is None:
            poc_create(
                corporate=challenge.host, startup=proposal.startup, deal=deal, by=by,
                is_fictional=proposal.is_fictional, **plan,
            )  # fmt: skip
        else:
            Poc.objects.filter(pk=poc.pk).update(**plan)
            poc.milestones.filter(position=0, due_on__isnull=True).update(
                due_on=challenge.poc_starts_on
            )
    elif decision == "shortlist":
        deal = deal_open(
            buyer=challenge.host,
            seller=proposal.startup,
            by=by,
            technology=proposal.technology,
            challenge=challenge,
            stage=DealStage.MATCHED,
            at=proposal.created_at,
            is_fictional=proposal.is_fictional,
        )
        if stage_index(deal.stage) < stage_index(DealStage.CONTACTED):
            deal_move(deal=deal, to_stage=DealStage.CONTACTED, by=by, at=at)
    return proposal


# --- PoCs ------------------------------------------------------------------------------------


@transaction.atomic
def poc_create(
    *,
    corporate: Organization,
    startup: Organization,
    title: str,
    by: Any,
    challenge: Challenge | None = None,
    proposal: Proposal | None = None,
    deal: Deal | None = None,
    funds_krw: int | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    milestones: list[tuple[str, date | None]] | None = None,
    is_fictional: bool = False,
) -> Poc:
    """A PoC between a corporate (or the city) and a startup, with milestones."""
    if starts_on and ends_on and starts_on > ends_on:
        raise PipelineError(_("The PoC ends before it starts."))
    poc = Poc.objects.create(
        corporate=corporate,
        startup=startup,
        title=title[:200],
        challenge=challenge,
        proposal=proposal,
        deal=deal,
        funds_krw=funds_krw,
        starts_on=starts_on,
        ends_on=ends_on,
        is_fictional=is_fictional,
    )
    default = [
        (str(_("Kick-off and test plan")), starts_on),
        (str(_("Mid-term check")), None),
        (str(_("Result report")), ends_on),
    ]
    for position, (name, due) in enumerate(milestones or default):
        PocMilestone.objects.create(poc=poc, title=name[:200], due_on=due, position=position)
    if by is not None:
        audit_record(actor=by, action="techtrade.poc.create", target=poc)
    return poc


POC_EDITABLE = ("title", "funds_krw", "starts_on", "ends_on", "status", "result")


@transaction.atomic
def poc_update(*, poc: Poc, by: Any, **fields: Any) -> Poc:
    """Updates a PoC's plan or result; finishing it (succeeded) moves its deal forward is the
    parties' call on the board, not automatic."""
    for name, value in fields.items():
        if name not in POC_EDITABLE:
            raise ValueError(f"field {name!r} is not editable")
        setattr(poc, name, value)
    if poc.starts_on and poc.ends_on and poc.starts_on > poc.ends_on:
        raise PipelineError(_("The PoC ends before it starts."))
    if poc.status not in PocStatus.values:
        raise PipelineError(_("Unknown status."))
    validate_budget_range(poc.funds_krw, None)
    poc.save()
    audit_record(actor=by, action="techtrade.poc.update", target=poc, fields=sorted(fields))
    return poc


@transaction.atomic
def poc_milestone_add(*, poc: Poc, by: Any, title: str, due_on: date | None) -> PocMilestone:
    if not title.strip():
        raise PipelineError(_("Name the milestone."))
    position = poc.milestones.count()
    return PocMilestone.objects.create(
        poc=poc, title=title.strip()[:200], due_on=due_on, position=position
    )


@transaction.atomic
def poc_milestone_toggle(
    *, milestone: PocMilestone, by: Any, today: date | None = None
) -> PocMilestone:
    milestone.done_on = None if milestone.done_on else (today or timezone.localdate())
    milestone.save(update_fields=["done_on"])
    return milestone
