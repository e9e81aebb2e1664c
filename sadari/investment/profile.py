"""The investment section of organization profiles (registered with the directory): an
investor's thesis and portfolio summary; a startup's rounds and acquisitions with links to the
round pages; and, for the startup's own members, investors likely to invest next and the data
room; for an investor's own members, its deal flow."""

from typing import Any

from django.template.loader import render_to_string

from sadari.directory.enums import OrgKind
from sadari.investment.models import Acquisition, DataRoom
from sadari.investment.rules import can_record_round, orgs_of
from sadari.investment.selectors import fund_totals, portfolio_for, profile_of, round_list_for

SHOWN_SUGGESTIONS = 5


def investment_section(request: Any, organization: Any, can_view_private: bool) -> str:
    user = getattr(request, "user", None)
    is_member = organization.pk in orgs_of(user)
    context: dict[str, Any] = {"org": organization, "is_member": is_member}
    if organization.kind == OrgKind.INVESTOR:
        portfolio = portfolio_for(investor=organization, limit=8)
        context.update(
            profile=profile_of(organization),
            portfolio=portfolio,
            fund_totals=fund_totals(investor=organization),
        )
        if is_member:
            from sadari.investment.recommend import deal_flow_for

            context["suggestions"] = deal_flow_for(investor=organization, k=SHOWN_SUGGESTIONS)
        if not (context["profile"] or portfolio.deals or context.get("suggestions")):
            return ""
        return render_to_string("investment/_profile_investor.html", context, request=request)
    rounds = list(
        round_list_for(user=user).filter(company=organization).order_by("-announced_on")[:20]
    )
    acquisitions = list(
        Acquisition.objects.filter(company=organization).select_related("acquirer")[:5]
    )
    can_record = bool(user) and can_record_round(user, organization)
    context.update(rounds=rounds, acquisitions=acquisitions, can_record=can_record)
    if is_member and organization.kind == OrgKind.STARTUP:
        from sadari.investment.recommend import investors_for_startup

        context["suggestions"] = investors_for_startup(startup=organization, k=SHOWN_SUGGESTIONS)
        context["room"] = DataRoom.objects.filter(startup=organization).first()
        context["open_ids"] = set(
            organization.intro_requests_made.exclude(
                status__in=["declined", "not_forwarded", "withdrawn"]
            ).values_list("investor_id", flat=True)
        )
    if not (rounds or acquisitions or context.get("suggestions") or can_record):
        return ""
    return render_to_string("investment/_profile_company.html", context, request=request)
