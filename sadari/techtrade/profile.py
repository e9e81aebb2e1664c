"""The tech-trade section of organization profiles: the organization's open needs,
technologies and challenges (public fields only), registered with the directory."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from sadari.techtrade.enums import ChallengeStatus, ListingStatus
from sadari.techtrade.selectors import challenge_list_for, need_list_for, technology_list_for


def techtrade_section(request: Any, organization: Any, can_view_private: bool) -> str:
    """Rendered for everyone alike: public lists, never confidential details."""
    anonymous = AnonymousUser()
    needs = list(
        need_list_for(user=anonymous).filter(owner=organization, status=ListingStatus.OPEN)[:10]
    )
    technologies = list(
        technology_list_for(user=anonymous).filter(owner=organization, status=ListingStatus.OPEN)[
            :10
        ]
    )
    challenges = list(
        challenge_list_for(user=anonymous).filter(host=organization, status=ChallengeStatus.OPEN)[
            :5
        ]
    )
    if not (needs or technologies or challenges):
        return ""
    return render_to_string(
        "techtrade/_profile_section.html",
        {"needs": needs, "technologies": technologies, "challenges": challenges},
        request=request,
    )
