"""Template helpers for the spaces pages."""

from typing import Any

from django import template

from sadari.spaces import rules

register = template.Library()


@register.simple_tag
def can_manage_spaces(user: Any) -> bool:
    """Whether the user manages any space (host institution staff or a city operator)."""
    return rules.can_manage_any(user)
