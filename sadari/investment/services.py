"""Investment writes: rounds entered by hand, investor profiles and funds, intro requests
(double opt-in, weekly limit, notifications), data rooms (uploads, grants, watermarked and
audited reads).

Services check the rules that belong to the data (limits, states, kinds); the caller has
already checked who may act with the selectors' ``access_*`` functions. Refusals raise
``ValidationError`` with a ``code`` from ``enums.ErrorCode``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership
from sadari.accounts.rules import org_ids_of
from sadari.common.audit import audit_record
from sadari.directory.models import Organization
from sadari.investment.enums import (
    OPEN_INTRO_STATUSES,
    Currency,
    DeclineReason,
    DocumentKind,
    ErrorCode,
    IntroStatus,
    NotificationKind,
    RoundSource,
    RoundType,
)
from sadari.investment.models import (
    DataRoom,
    DataRoomDocument,
    DataRoomGrant,
    Fund,
    FundingRound,
    IntroRequest,
    InvestorProfile,
    Notification,
    PlannedRaise,
    RoundInvestor,
)
from sadari.investment.money import to_krw
from sadari.investment.rules import FUNDED_KINDS, INVESTOR_KINDS, STARTUP_KINDS
from sadari.investment.selectors import ROOM_VIEW_ACTION, introducers_for, intros_this_week
from sadari.investment.validators import clean_thesis, sniff_document
from sadari.investment.watermark import Watermark, watermark_pdf, watermark_xlsx

logger = logging.getLogger(__name__)
DEFAULT_INTROS_PER_WEEK = 3
MAX_GRANT_DAYS = 365


def intros_per_week() -> int:
    """``settings.INVESTMENT_INTRO_REQUESTS_PER_WEEK`` (default 3): requests one founder may
    make in any 7 days."""
    return int(getattr(settings, "INVESTMENT_INTRO_REQUESTS_PER_WEEK", DEFAULT_INTROS_PER_WEEK))


# --- notifications ---------------------------------------------------------------------------


def _members(org: Organization | None, roles: tuple[str, ...] = ()) -> list[Any]:
    if org is None:
        return []
    qs = Membership.objects.filter(organization=org).select_related("user")
    if roles:
        qs = qs.filter(role__in=roles)
    seen: dict[int, Any] = {}
    for m in qs.order_by("user_id"):
        if m.user.is_active:
            seen.setdefault(m.user_id, m.user)
    return list(seen.values())


def notify(
    *, users: list[Any], kind: str, text_ko: str, text_en: str, url: str = "", exclude: Any = None
) -> int:
    """Writes an in-app notification for each user and, after commit, e-mails the ones with an
    address (Korean then English, one message). Returns how many were notified."""
    targets = [u for u in users if u is not None and (exclude is None or u.pk != exclude.pk)]
    Notification.objects.bulk_create(
        [
            Notification(user=u, kind=kind, text_ko=text_ko[:300], text_en=text_en[:300], url=url)
            for u in targets
        ]
    )
    recipients = sorted({u.email for u in targets if u.email})
    if recipients:
        link = f"{url}" if url else ""
        body = f"{text_ko}\n{text_en}\n\n{link}\n\n— 사다리 (Sadari)"

        def _send() -> None:
            try:
                send_mail(
                    subject=f"[사다리] {text_ko[:80]}",
                    message=body,
                    from_email=None,
                    recipient_list=recipients,
                )
            except OSError:  # a mail server that is down must not undo the request
                logger.warning("notification e-mail not sent (%s)", kind, exc_info=True)

        transaction.on_commit(_send)
    return len(targets)


_MUTED: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def notifications_muted() -> Iterator[None]:
    """No notification or e-mail from ``notify_each`` inside (the demos seed through the
    services of pitching, spaces and the consortium)."""
    token = _MUTED.set(True)
    try:
        yield
    finally:
        _MUTED.reset(token)


def notify_each(*, users: Iterable[Any], **kwargs: Any) -> int:
    """``notify`` one person at a time (each gets their own e-mail: one message to many would
    show every recipient's address to the others), unless muted. Returns how many were told."""
    if _MUTED.get():
        return 0
    unique = {u.pk: u for u in users if u is not None}
    return sum(notify(users=[user], **kwargs) for user in unique.values())


def notifications_mark_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- rounds entered by hand ------------------------------------------------------------------

MAX_ROUND_AMOUNT = 10**15  # KRW 1,000조: more than any round; keeps BigIntegerField safe
MAX_ROUND_INVESTORS = 30
EARLIEST_ROUND = date(1980, 1, 1)


def _round_checked(
    *,
    company: Organization,
    round_type: str,
    announced_on: date,
    currency: str,
    amount: int | None,
    investors: Sequence[tuple[Organization, bool]],
    exclude_round_id: int | None = None,
) -> None:
    """Raises ValidationError (with a field where there is one) for what ``round_record``
    and ``round_update`` refuse; ``exclude_round_id`` is the round being edited."""
    if company.kind not in FUNDED_KINDS:
        raise ValidationError(
            _("Rounds are recorded for startups and corporates."), code=ErrorCode.ROUND_COMPANY
        )
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: str, code: str = "invalid") -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if round_type not in RoundType.values:
        refuse("round_type", _("Choose a round type."))
    today = timezone.localdate()
    if announced_on > today:
        refuse("announced_on", _("The date must not be in the future."), ErrorCode.ROUND_DATE)
    elif announced_on < EARLIEST_ROUND:
        refuse("announced_on", _("The date must be in 1980 or later."), ErrorCode.ROUND_DATE)
    if currency not in Currency.values:
        refuse("currency", _("Choose a currency."))
    if amount is not None and not 0 < amount <= MAX_ROUND_AMOUNT:
        refuse("amount", _("The amount must be a positive number of at most 10^15."))
    seen: set[int] = set()
    for investor, _is_lead in investors:
        if investor.kind not in INVESTOR_KINDS or investor.merged_into_id or investor == company:
            refuse(
                "investors",
                _("%(name)s is not an investor of the directory.") % {"name": investor.name},
                ErrorCode.ROUND_INVESTOR,
            )
        elif investor.pk in seen:
            refuse("investors", _("%(name)s is listed twice.") % {"name": investor.name})
        seen.add(investor.pk)
    if len(investors) > MAX_ROUND_INVESTORS:
        refuse("investors", _("At most %(n)d investors.") % {"n": MAX_ROUND_INVESTORS})
    if errors:
        raise ValidationError(errors)
    duplicate = FundingRound.objects.filter(
        company=company, round_type=round_type, announced_on=announced_on
    ).exclude(pk=exclude_round_id)
    if duplicate.exists():
        raise ValidationError(
            _("This company already has a round of this type on this date."),
            code=ErrorCode.ROUND_DUPLICATE,
        )


def _tell_named_investors(
    *,
    funding_round: FundingRound,
    investors: Sequence[tuple[Organization, bool]],
    by: Any,
) -> None:
    """The named investors hear of it: a round is public and shows in their portfolio, so a
    wrong name is theirs to correct (round_investor_disown)."""
    company = funding_round.company
    announced_on = funding_round.announced_on
    label = RoundType(funding_round.round_type).label
    for investor, is_lead in investors:
        with translation.override("ko"):
            ko = (
                f"{company.name_ko}의 {label} 라운드({announced_on:%Y-%m-%d})에 {investor.name_ko}이(가) "
                + ("리드 투자자로 기록되었습니다." if is_lead else "투자자로 기록되었습니다.")
            )
        with translation.override("en"):
            en = (
                f"{company.name_en or company.name_ko} recorded a {label} round "
                f"({announced_on:%Y-%m-%d}) naming {investor.name_en or investor.name_ko}"
                f"{' as lead' if is_lead else ''}."
            )
        notify(
            users=_members(investor),
            kind=NotificationKind.ROUND_NAMED,
            text_ko=ko,
            text_en=en,
            url=funding_round.get_absolute_url(),
            exclude=by,
        )


def _refit_after_commit() -> None:
    from sadari.investment.recommend import recommender_invalidate

    # bulk_create sends no post_save for the round's investors: refit explicitly.
    transaction.on_commit(recommender_invalidate)


@transaction.atomic
def round_record(
    *,
    company: Organization,
    by: Any,
    round_type: str,
    announced_on: date,
    currency: str = Currency.KRW,
    amount: int | None = None,
    investors: Sequence[tuple[Organization, bool]] = (),
    note: str = "",
) -> FundingRound:
    """Records a round by hand (source ``manual``, ``entered_by`` = ``by``): a founder for
    their own company, or institution staff / a city operator for any company; the caller
    checked ``rules.can_record_round``. ``amount`` is in ``currency``; another currency than
    KRW keeps the original and gets ``amount_krw`` at the year's approximate average rate.
    ``investors`` are (investor organization, is lead) pairs from the directory.

    Transactional, not idempotent: the same company, round type and date twice is refused
    (``round_duplicate``). Raises ValidationError (with a field where there is one) for a date
    in the future or before 1980, an amount that is not positive or too large, an unknown
    currency or round type, an organization that is not an investor, the same investor twice.
    """
    _round_checked(
        company=company,
        round_type=round_type,
        announced_on=announced_on,
        currency=currency,
        amount=amount,
        investors=investors,
    )
    is_krw = currency == Currency.KRW
    funding_round = FundingRound.objects.create(
        company=company,
        round_type=round_type,
        announced_on=announced_on,
        currency=currency,
        amount_original=None if is_krw else amount,
        amount_krw=to_krw(amount, currency, announced_on),
        source=RoundSource.MANUAL,
        note=(note or "").strip()[:2000],
        entered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    RoundInvestor.objects.bulk_create(
        [
            RoundInvestor(round=funding_round, investor=investor, is_lead=bool(is_lead))
            for investor, is_lead in investors
        ]
    )
    audit_record(
        actor=by,
        action="investment.round.record",
        target=funding_round,
        company=company.pk,
        investors=[i.pk for i, _lead in investors],
    )
    _tell_named_investors(funding_round=funding_round, investors=investors, by=by)
    _refit_after_commit()
    return funding_round


def round_is_editable(funding_round: FundingRound) -> bool:
    """Rounds entered on Sadari can be edited and removed there; imported and federated ones
    belong to their source."""
    return funding_round.source == RoundSource.MANUAL and funding_round.entered_by_id is not None


@transaction.atomic
def round_update(
    *,
    funding_round: FundingRound,
    by: Any,
    round_type: str,
    announced_on: date,
    currency: str = Currency.KRW,
    amount: int | None = None,
    investors: Sequence[tuple[Organization, bool]] = (),
    note: str = "",
) -> FundingRound:
    """Corrects a round entered on Sadari (the same checks as ``round_record``; imported and
    federated rounds are refused). Investors newly named are told, as on recording; investors
    taken off are not (the audit event keeps both lists). The caller checked
    ``rules.can_record_round`` on the round's company."""
    if not round_is_editable(funding_round):
        raise ValidationError(_("Only rounds entered on Sadari can be edited here."))
    _round_checked(
        company=funding_round.company,
        round_type=round_type,
        announced_on=announced_on,
        currency=currency,
        amount=amount,
        investors=investors,
        exclude_round_id=funding_round.pk,
    )
    before = dict(
        RoundInvestor.objects.filter(round=funding_round).values_list("investor_id", "is_lead")
    )
    is_krw = currency == Currency.KRW
    funding_round.round_type = round_type
    funding_round.announced_on = announced_on
    funding_round.currency = currency
    funding_round.amount_original = None if is_krw else amount
    funding_round.amount_krw = to_krw(amount, currency, announced_on)
    funding_round.note = (note or "").strip()[:2000]
    funding_round.save(
        update_fields=[
            "round_type", "announced_on", "currency", "amount_original", "amount_krw", "note",
            "updated_at",
        ]
    )  # fmt: skip
    after = {investor.pk: bool(is_lead) for investor, is_lead in investors}
    RoundInvestor.objects.filter(round=funding_round).exclude(investor_id__in=after).delete()
    for investor, is_lead in investors:
        if investor.pk in before and before[investor.pk] != bool(is_lead):
            RoundInvestor.objects.filter(round=funding_round, investor=investor).update(
                is_lead=bool(is_lead)
            )
    added = [(i, lead) for i, lead in investors if i.pk not in before]
    RoundInvestor.objects.bulk_create(
        [RoundInvestor(round=funding_round, investor=i, is_lead=bool(lead)) for i, lead in added]
    )
    audit_record(
        actor=by,
        action="investment.round.update",
        target=funding_round,
        company=funding_round.company_id,
        investors_before=sorted(before),
        investors_after=sorted(after),
    )
    _tell_named_investors(funding_round=funding_round, investors=added, by=by)
    _refit_after_commit()
    return funding_round


@transaction.atomic
def round_investor_disown(*, funding_round: FundingRound, investor: Organization, by: Any) -> None:
    """A member of ``investor`` says it was not in a round entered by hand: the link goes,
    audited, and the company's members are told. Rounds from imports and feeds belong to
    their source (refused). The caller checked that ``by`` is a member of ``investor``."""
    if funding_round.source != RoundSource.MANUAL:
        raise ValidationError(
            _("This round comes from %(source)s; ask its source to correct it.")
            % {"source": funding_round.get_source_display()}
        )
    deleted, _rows = RoundInvestor.objects.filter(round=funding_round, investor=investor).delete()
    if not deleted:
        return
    audit_record(
        actor=by,
        action="investment.round.disown",
        target=funding_round,
        investor=investor.pk,
    )
    company = funding_round.company
    notify(
        users=_members(company),
        kind=NotificationKind.ROUND_DISOWNED,
        text_ko=f"{investor.name_ko}이(가) {funding_round.announced_on:%Y-%m-%d} 라운드의 투자자가 "
        "아니라고 알려 와 투자자 목록에서 뺐습니다.",
        text_en=f"{investor.name_en or investor.name_ko} says it was not in the "
        f"{funding_round.announced_on:%Y-%m-%d} round; it was taken off the investors.",
        url=funding_round.get_absolute_url(),
    )


@transaction.atomic
def round_delete(*, funding_round: FundingRound, by: Any) -> None:
    """Removes a round entered by hand (imported and federated rounds belong to their source:
    refused). The caller checked ``rules.can_record_round`` on the round's company."""
    if not round_is_editable(funding_round):
        raise ValidationError(_("Only rounds entered on Sadari can be removed here."))
    audit_record(
        actor=by,
        action="investment.round.delete",
        target=funding_round,
        company=funding_round.company_id,
        round_type=funding_round.round_type,
        announced_on=funding_round.announced_on.isoformat(),
        amount_krw=funding_round.amount_krw,
    )
    funding_round.delete()


MAX_RAISE_AHEAD_DAYS = 3 * 366


@transaction.atomic
def planned_raise_save(
    *,
    company: Organization,
    by: Any,
    round_type: str,
    amount_krw: int | None = None,
    raise_by: date | None = None,
    share_with_investors: bool = False,
) -> PlannedRaise:
    """Declares (or replaces) the startup's next raise; audited. The recommender uses the
    amount for ticket fit at once (no refit: the profile is read per request). The caller
    checked that ``by`` is a member of ``company``."""
    if company.kind not in STARTUP_KINDS:
        raise ValidationError(_("Only startups declare a planned raise."))
    errors: dict[str, list[str]] = {}
    if round_type not in RoundType.values:
        errors["round_type"] = [_("Choose a round type.")]
    if amount_krw is not None and not 0 < amount_krw <= MAX_ROUND_AMOUNT:
        errors["amount"] = [_("The amount must be a positive number of at most 10^15.")]
    today = timezone.localdate()
    if raise_by is not None and not today <= raise_by <= today + timedelta(MAX_RAISE_AHEAD_DAYS):
        errors["raise_by"] = [_("Pick a date from today to three years ahead.")]
    if errors:
        raise ValidationError(errors)
    planned, _created = PlannedRaise.objects.update_or_create(
        company=company,
        defaults={
            "round_type": round_type,
            "amount_krw": amount_krw,
            "raise_by": raise_by,
            "share_with_investors": bool(share_with_investors),
            "updated_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    audit_record(
        actor=by,
        action="investment.planned_raise.save",
        target=company,
        round_type=round_type,
        amount_krw=amount_krw,
        shared=bool(share_with_investors),
    )
    return planned


@transaction.atomic
def planned_raise_clear(*, company: Organization, by: Any) -> None:
    """Withdraws the declared raise (investors stop seeing it at once)."""
    deleted, _rows = PlannedRaise.objects.filter(company=company).delete()
    if deleted:
        audit_record(actor=by, action="investment.planned_raise.clear", target=company)


# --- investors -------------------------------------------------------------------------------


@transaction.atomic
def investor_profile_save(*, organization: Organization, by: Any, **fields: Any) -> InvestorProfile:
    """Creates or updates the investor's profile (thesis checked by ``clean_thesis``); audited.
    The caller checked ``access_investor(action="edit")``."""
    if organization.kind not in INVESTOR_KINDS:
        raise ValidationError(_("Only investor organizations have an investor profile."))
    profile, _created = InvestorProfile.objects.get_or_create(organization=organization)
    thesis = clean_thesis(
        stages=fields.pop("thesis_stages", profile.thesis_stages),
        industries=fields.pop("thesis_industries", profile.thesis_industries),
        regions=fields.pop("thesis_regions", profile.thesis_regions),
        ticket_min_krw=fields.pop("ticket_min_krw", profile.ticket_min_krw),
        ticket_max_krw=fields.pop("ticket_max_krw", profile.ticket_max_krw),
    )
    allowed = {
        "investor_type", "fund_vintage", "fund_size_krw", "thesis_ko", "thesis_en",
        "is_accepting_intros", "source", "is_fictional",
    }  # fmt: skip
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name, value in {**thesis, **fields}.items():
        setattr(profile, name, value)
    profile.updated_by = by if getattr(by, "is_authenticated", False) else None
    profile.full_clean(exclude=["organization", "updated_by"])
    profile.save()
    if by is not None:
        audit_record(actor=by, action="investment.investor_profile.update", target=profile)
    return profile


@transaction.atomic
def fund_add(*, manager: Organization, by: Any, **fields: Any) -> Fund:
    """Adds a fund to the investor's list (validated)."""
    fund = Fund(manager=manager, **fields)
    if fund.size_krw is not None and fund.size_krw < 0:
        raise ValidationError({"size_krw": _("Must not be negative.")})
    if fund.established_on and fund.expires_on and fund.expires_on < fund.established_on:
        raise ValidationError({"expires_on": _("Must not be before the establishment date.")})
    fund.full_clean()
    fund.save()
    if by is not None:
        audit_record(actor=by, action="investment.fund.add", target=fund)
    return fund


# --- intro requests --------------------------------------------------------------------------


def _contact(user: Any, organization: Organization) -> dict[str, str]:
    if user is None:
        # The requester's account is gone (or the request was imported): the organization,
        # which opted in by asking, is the contact.
        return {
            "name": organization.name_ko,
            "email": organization.contact_email,
            "phone": organization.contact_phone,
            "organization": organization.name_ko,
        }
    person = getattr(user, "person", None)
    return {
        "name": str(user) if user is not None else "",
        "email": (getattr(user, "email", "") or getattr(person, "email", "")) if user else "",
        "phone": getattr(person, "phone", "") or "",
        "organization": organization.name_ko,
    }


def intro_limit_status(*, user: Any) -> tuple[int, int, datetime | None]:
    """(requests made in the last 7 days, the limit, when the next one is allowed or None)."""
    made = intros_this_week(user=user)
    count = made.count()
    limit = intros_per_week()
    next_at = None
    if count >= limit:
        oldest = made.aggregate(first=Min("created_at"))["first"]
        next_at = oldest + timedelta(days=7) if oldest else None
    return count, limit, next_at


def _duplicate_intro() -> ValidationError:
    return ValidationError(
        _("An intro request from your startup to this investor is still open."),
        code=ErrorCode.INTRO_DUPLICATE,
    )


@transaction.atomic
def intro_request_create(
    *,
    startup: Organization,
    investor: Organization,
    by: Any,
    message: str,
    introducer: Organization | None = None,
) -> IntroRequest:
    """A founder asks for an introduction to an investor, directly or through the startup's
    support institution. Transactional, not idempotent: a second open request to the same
    investor is refused, as is a request beyond the weekly limit (``intro_limit_reached``,
    the message says when the next one is possible). Notifies the introducer's staff or the
    investor's members (in-app and e-mail)."""
    if startup.kind not in STARTUP_KINDS or startup.pk not in org_ids_of(by):
        raise ValidationError(_("Only a startup's own members can ask for an introduction."))
    if investor.kind not in INVESTOR_KINDS:
        raise ValidationError(
            _("Introductions are to investor organizations."), code=ErrorCode.INTRO_NOT_INVESTOR
        )
    profile = InvestorProfile.objects.filter(organization=investor).first()
    if profile is not None and not profile.is_accepting_intros:
        raise ValidationError(
            _("This investor is not taking intro requests at the moment."),
            code=ErrorCode.INTRO_NOT_INVESTOR,
        )
    if introducer is not None and introducer.pk not in {
        o.pk for o in introducers_for(startup=startup)
    }:
        raise ValidationError(
            _("The introducer must be the institution the startup is based at."),
            code=ErrorCode.INTRO_INTRODUCER,
        )
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write a few lines for the investor.")})
    # Serialize a founder's requests so that two at once cannot both slip under the limit;
    # the open-request check comes after the lock so it sees a concurrent request.
    get_user_model().objects.select_for_update().filter(pk=by.pk).first()
    if IntroRequest.objects.filter(
        startup=startup, investor=investor, status__in=OPEN_INTRO_STATUSES
    ).exists():
        raise _duplicate_intro()
    count, limit, next_at = intro_limit_status(user=by)
    if count >= limit:
        when = timezone.localtime(next_at).strftime("%Y-%m-%d %H:%M") if next_at else ""
        raise ValidationError(
            _(
                "You have made %(count)d intro requests in the last 7 days, the weekly limit. "
                "You can ask again from %(when)s."
            )
            % {"count": count, "when": when},
            code=ErrorCode.INTRO_LIMIT,
        )
    try:
        # Another member of the startup may have asked the same investor at the same moment:
        # the partial unique constraint decides, and the loser gets the duplicate message.
        with transaction.atomic():
            intro = IntroRequest.objects.create(
                startup=startup,
                investor=investor,
                introducer=introducer,
                requested_by=by,
                message=message[:3000],
                status=IntroStatus.AT_INTRODUCER if introducer else IntroStatus.AT_INVESTOR,
            )
    except IntegrityError:
        raise _duplicate_intro() from None
    audit_record(actor=by, action="investment.intro.request", target=intro)
    url = intro.get_absolute_url()
    if introducer is not None:
        notify(
            users=_members(introducer, (Role.INSTITUTION_STAFF,)) or _members(introducer),
            kind=NotificationKind.INTRO_REQUESTED,
            text_ko=f"{startup.name_ko}이(가) {investor.name_ko} 소개를 요청했습니다.",
            text_en=f"{startup.name_en or startup.name_ko} asks to be introduced to "
            f"{investor.name_en or investor.name_ko}.",
            url=url,
        )
    else:
        _notify_investor(intro)
    return intro


def _notify_investor(intro: IntroRequest) -> None:
    s, i = intro.startup, intro.investor
    via_ko = f" ({intro.introducer.name_ko} 추천)" if intro.introducer else ""
    via_en = (
        f" (through {intro.introducer.name_en or intro.introducer.name_ko})"
        if intro.introducer
        else ""
    )
    notify(
        users=_members(i),
        kind=NotificationKind.INTRO_FORWARDED
        if intro.introducer
        else NotificationKind.INTRO_REQUESTED,
        text_ko=f"{s.name_ko}이(가) 소개를 요청했습니다{via_ko}.",
        text_en=f"{s.name_en or s.name_ko} asks for an introduction{via_en} to {i.name_en or i.name_ko}.",
        url=intro.get_absolute_url(),
    )


@transaction.atomic
def intro_request_forward(
    *, intro: IntroRequest, by: Any, forward: bool, note: str = ""
) -> IntroRequest:
    """The introducer's staff forward the request to the investor (or decline to). Only while
    it waits for them; the caller checked ``access_intro(action="forward")``."""
    intro = (
        IntroRequest.objects.select_for_update(of=("self",))
        .select_related("startup", "investor", "introducer")
        .get(pk=intro.pk)
    )
    if intro.status != IntroStatus.AT_INTRODUCER:
        raise ValidationError(
            _("This request is not waiting for the introducer."), code=ErrorCode.INTRO_STATE
        )
    intro.introducer_note = (note or "").strip()[:2000]
    intro.forwarded_by = by
    intro.forwarded_at = timezone.now()
    intro.status = IntroStatus.AT_INVESTOR if forward else IntroStatus.NOT_FORWARDED
    intro.save()
    audit_record(
        actor=by,
        action="investment.intro.forward" if forward else "investment.intro.not_forwarded",
        target=intro,
    )
    if forward:
        _notify_investor(intro)
    else:
        notify(
            users=_members(intro.startup),
            kind=NotificationKind.INTRO_NOT_FORWARDED,
            text_ko=f"{intro.introducer.name_ko}이(가) {intro.investor.name_ko} 소개 요청을 전달하지 않았습니다.",
            text_en=f"{intro.introducer.name_en or intro.introducer.name_ko} did not forward your "
            f"request to {intro.investor.name_en or intro.investor.name_ko}.",
            url=intro.get_absolute_url(),
        )
    return intro


@transaction.atomic
def intro_request_decide(
    *, intro: IntroRequest, by: Any, accept: bool, reason: str = "", note: str = ""
) -> IntroRequest:
    """The investor accepts (both sides have now opted in: contacts are shared with each
    other) or declines with a reason. Only while it waits for the investor; the caller checked
    ``access_intro(action="decide")``."""
    intro = (
        IntroRequest.objects.select_for_update(of=("self",))
        .select_related("startup", "investor", "introducer", "requested_by")
        .get(pk=intro.pk)
    )
    if intro.status != IntroStatus.AT_INVESTOR:
        raise ValidationError(
            _("This request is not waiting for the investor."), code=ErrorCode.INTRO_STATE
        )
    if not accept and reason not in DeclineReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    intro.decided_by = by
    intro.decided_at = timezone.now()
    if accept:
        intro.status = IntroStatus.ACCEPTED
        intro.founder_contact = _contact(intro.requested_by, intro.startup)
        intro.investor_contact = _contact(by, intro.investor)
        intro.decline_note = (note or "").strip()[:2000]
    else:
        intro.status = IntroStatus.DECLINED
        intro.decline_reason = reason
        intro.decline_note = (note or "").strip()[:2000]
    intro.save()
    audit_record(actor=by, action=f"investment.intro.{intro.status}", target=intro)
    i = intro.investor
    users = _members(intro.startup) + (
        _members(intro.introducer, (Role.INSTITUTION_STAFF,)) if intro.introducer else []
    )
    if accept:
        notify(
            users=users,
            kind=NotificationKind.INTRO_ACCEPTED,
            text_ko=f"{i.name_ko}이(가) 소개 요청을 수락했습니다. 연락처를 확인하세요.",
            text_en=f"{i.name_en or i.name_ko} accepted the intro request: contacts are shared.",
            url=intro.get_absolute_url(),
        )
    else:
        with translation.override("ko"):
            reason_ko = str(DeclineReason(reason).label)
        with translation.override("en"):
            reason_en = str(DeclineReason(reason).label)
        notify(
            users=users,
            kind=NotificationKind.INTRO_DECLINED,
            text_ko=f"{i.name_ko}이(가) 소개 요청을 거절했습니다: {reason_ko}",
            text_en=f"{i.name_en or i.name_ko} declined the intro request: {reason_en}",
            url=intro.get_absolute_url(),
        )
    return intro


@transaction.atomic
def intro_request_withdraw(*, intro: IntroRequest, by: Any) -> IntroRequest:
    """The startup withdraws an open request (it still counts towards the weekly limit)."""
    intro = IntroRequest.objects.select_for_update(of=("self",)).get(pk=intro.pk)
    if intro.status not in OPEN_INTRO_STATUSES:
        raise ValidationError(
            _("Only an open request can be withdrawn."), code=ErrorCode.INTRO_STATE
        )
    intro.status = IntroStatus.WITHDRAWN
    intro.decided_at = timezone.now()
    intro.save(update_fields=["status", "decided_at"])
    audit_record(actor=by, action="investment.intro.withdraw", target=intro)
    return intro


# --- data rooms ------------------------------------------------------------------------------


@transaction.atomic
def dataroom_for_startup(*, startup: Organization, by: Any) -> DataRoom:
    """The startup's data room, created on first use. Idempotent."""
    if startup.kind not in STARTUP_KINDS:
        raise ValidationError(_("Data rooms belong to startups."))
    room, created = DataRoom.objects.get_or_create(
        startup=startup,
        defaults={
            "title": f"{startup.name_ko} IR",
            "created_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    if created and by is not None:
        audit_record(actor=by, action="investment.dataroom.create", target=room)
    return room


@transaction.atomic
def document_upload(
    *, room: DataRoom, by: Any, title: str, data: bytes, filename: str
) -> DataRoomDocument:
    """Stores an IR document after sniffing its type from the content (PDF or XLSX) and
    checking its size. The caller checked ``access_dataroom(action="manage")``."""
    sniffed = sniff_document(data)
    suffix = ".pdf" if sniffed.kind == DocumentKind.PDF else ".xlsx"
    clean_name = (filename or "document").replace("/", "_").replace("\\", "_")[-200:]
    document = DataRoomDocument(
        room=room,
        title=(title or clean_name).strip()[:200] or clean_name,
        kind=sniffed.kind,
        filename=clean_name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pages=sniffed.pages,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    document.file.save(f"upload{suffix}", ContentFile(data), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    audit_record(
        actor=by, action="investment.document.upload", target=document, sha256=document.sha256
    )
    return document


@transaction.atomic
def document_delete(*, document: DataRoomDocument, by: Any) -> None:
    """Removes a document and its file (the audit trail keeps who read it)."""
    audit_record(
        actor=by, action="investment.document.delete", target=document, title=document.title
    )
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _expiry(expires_on: Any) -> datetime:
    if isinstance(expires_on, datetime):
        return expires_on
    return timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59)))


@transaction.atomic
def grant_create(
    *, room: DataRoom, investor: Organization, expires_on: Any, by: Any
) -> DataRoomGrant:
    """Lets an investor organization's members see the room until the end of ``expires_on``
    (at most a year ahead). An active grant to the same investor gets the new expiry.
    Notifies the investor's members."""
    if investor.kind not in INVESTOR_KINDS:
        raise ValidationError(
            _("Access can be granted to investor organizations only."), code=ErrorCode.GRANT_TARGET
        )
    expires_at = _expiry(expires_on)
    now = timezone.now()
    if expires_at <= now:
        raise ValidationError(_("The expiry must be in the future."), code=ErrorCode.GRANT_EXPIRY)
    if expires_at > now + timedelta(days=MAX_GRANT_DAYS + 1):
        raise ValidationError(
            _("Grants last at most a year; grant again later."), code=ErrorCode.GRANT_EXPIRY
        )
    grant = (
        DataRoomGrant.objects.select_for_update(of=("self",))
        .filter(room=room, investor=investor, revoked_at__isnull=True)
        .first()
    )
    if grant is not None and grant.expires_at <= now:
        # An expired, unrevoked grant is closed so the new one starts a fresh row.
        grant.revoked_at = now
        grant.save(update_fields=["revoked_at"])
        grant = None
    if grant is None:
        grant = DataRoomGrant.objects.create(
            room=room, investor=investor, granted_by=by, expires_at=expires_at
        )
    else:
        grant.expires_at = expires_at
        grant.save(update_fields=["expires_at"])
    audit_record(
        actor=by,
        action="investment.dataroom.grant",
        target=room,
        investor=investor.pk,
        expires_at=expires_at.isoformat(),
    )
    startup = room.startup
    notify(
        users=_members(investor),
        kind=NotificationKind.DATAROOM_SHARED,
        text_ko=f"{startup.name_ko}이(가) 데이터룸을 공유했습니다 "
        f"({timezone.localtime(expires_at):%Y-%m-%d}까지).",
        text_en=f"{startup.name_en or startup.name_ko} shared its data room with you "
        f"(until {timezone.localtime(expires_at):%Y-%m-%d}).",
        url=room.get_absolute_url(),
    )
    return grant


@transaction.atomic
def grant_revoke(*, grant: DataRoomGrant, by: Any) -> DataRoomGrant:
    """Ends a grant now. Idempotent (a revoked grant stays revoked)."""
    grant = (
        DataRoomGrant.objects.select_for_update(of=("self",))
        .select_related("room__startup", "investor")
        .get(pk=grant.pk)
    )
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=by, action="investment.dataroom.revoke", target=grant.room, investor=grant.investor_id
    )
    startup = grant.room.startup
    notify(
        users=_members(grant.investor),
        kind=NotificationKind.DATAROOM_REVOKED,
        text_ko=f"{startup.name_ko}의 데이터룸 열람 권한이 종료되었습니다.",
        text_en=f"Your access to {startup.name_en or startup.name_ko}'s data room has ended.",
        url="",
    )
    return grant


def _reader_orgs(user: Any, room: DataRoom) -> list[int]:
    """The organizations on whose behalf the user reads: the startup (its members), else the
    investor organizations with an active grant."""
    ids = org_ids_of(user)
    if room.startup_id in ids:
        return [room.startup_id]
    return sorted(
        room.grants.filter(
            investor_id__in=ids, revoked_at__isnull=True, expires_at__gt=timezone.now()
        ).values_list("investor_id", flat=True)
    )


def dataroom_view_record(*, room: DataRoom, user: Any, via: str = "page") -> None:
    """Audits that ``user`` opened the room's document list."""
    audit_record(
        actor=user,
        action=ROOM_VIEW_ACTION,
        target=room,
        organizations=_reader_orgs(user, room),
        via=via,
    )


@dataclass(frozen=True)
class DocumentCopy:
    data: bytes
    content_type: str
    filename: str
    reference: str


def document_read(*, document: DataRoomDocument, user: Any, via: str = "page") -> DocumentCopy:
    """The document's bytes for ``user`` — PDFs stamped, workbooks marked in headers, footers,
    properties and an added sheet, with the viewer, their organization, the time and the audit
    reference — after writing the audit event
    (``investment.document.download``). The caller checked ``access_document``."""
    room = document.room
    org_ids = _reader_orgs(user, room)
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        # The row outlived its file (a restore without media, a failed delete): nothing to
        # serve, and not a server error.
        logger.warning("data room document %s has no file %s", document.pk, document.file.name)
        raise Http404 from None
    event = audit_record(
        actor=user,
        action="investment.document.download",
        target=document,
        organizations=org_ids,
        via=via,
        sha256=document.sha256,
    )
    reference = f"A-{event.pk}"

    def _mark() -> Watermark:
        org_names = ", ".join(
            Organization.objects.filter(pk__in=org_ids)
            .order_by("pk")
            .values_list("name_ko", flat=True)
        )
        return Watermark(
            viewer=str(user),
            username=user.get_username(),
            organization=org_names or "-",
            at=event.at,
            reference=reference,
        )

    if document.kind == DocumentKind.PDF:
        data = watermark_pdf(data, _mark())
        event.detail["watermarked"] = True
        event.save(update_fields=["detail"])
        return DocumentCopy(data, "application/pdf", _download_name(document, ".pdf"), reference)
    try:
        data = watermark_xlsx(data, _mark())
    except ValueError:
        # Uploads are checked to open in openpyxl, so this is a workbook from before that
        # check or a damaged file: never hand out an unmarked copy.
        logger.warning("data room workbook %s could not be watermarked", document.pk)
        raise Http404 from None
    event.detail["watermarked"] = True
    event.save(update_fields=["detail"])
    return DocumentCopy(
        data,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _download_name(document, ".xlsx"),
        reference,
    )


def _download_name(document: DataRoomDocument, suffix: str) -> str:
    stem = document.filename.rsplit(".", 1)[0] if "." in document.filename else document.filename
    return f"{stem or 'document'}{suffix}"
