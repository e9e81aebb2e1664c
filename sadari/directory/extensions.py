"""Extension points for apps above the directory (which it must not import): extra sections on
organization profiles, and listeners told of a member's edit, registered by those apps in
``AppConfig.ready``."""

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


# fn(organization, changed: {field: new value}, by) — called inside the edit's transaction.
EditListener = Callable[[Any, dict[str, Any], Any], None]
_edit_listeners: list[EditListener] = []


def register_edit_listener(fn: EditListener) -> EditListener:
    if fn not in _edit_listeners:
        _edit_listeners.append(fn)
    return fn


def organization_edited(organization: Any, changed: dict[str, Any], by: Any) -> None:
    for fn in _edit_listeners:
        fn(organization, changed, by)
