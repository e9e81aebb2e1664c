"""Extension points for apps above the directory (which it must not import): extra sections on
organization profiles, registered by those apps in ``AppConfig.ready``."""

from collections.abc import Callable
from typing import Any

# fn(request, organization, can_view_private) -> rendered HTML (or "" for nothing)
ProfileSection = Callable[[Any, Any, bool], str]
_profile_sections: list[ProfileSection] = []


def register_profile_section(fn: ProfileSection) -> ProfileSection:
    if fn not in _profile_sections:
        _profile_sections.append(fn)
    return fn


def profile_sections(request: Any, organization: Any, can_view_private: bool) -> list[str]:
    return [
        html for fn in _profile_sections if (html := fn(request, organization, can_view_private))
    ]
