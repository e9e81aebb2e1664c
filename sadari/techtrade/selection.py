"""Pluggable selection of challenge proposals.

A selection method assesses a challenge's proposals (scores and a short summary each, or
nothing) and may refuse a host's decision (e.g. "reviews are not complete"). The default is
the host's manual decision. The pitching app's review engine registers its own method in its
``AppConfig.ready``::

    from sadari.techtrade.selection import register_selection_method
    register_selection_method(PitchingReviewSelection())

and a challenge whose ``selection_method`` is that method's key then shows the reviewers'
calibrated scores on the host's proposal page. The decision stays with the host.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from django.utils.translation import gettext_lazy as _

DECISIONS = ("shortlist", "select", "decline", "reopen")


@dataclass(frozen=True, slots=True)
class Assessment:
    """What a method says about one proposal: a score (higher is better) and a summary."""

    proposal_id: int
    score: float | None = None
    summary: str = ""
    url: str = ""


@runtime_checkable
class SelectionMethod(Protocol):
    key: str
    label: Any  # a (lazy) translated string

    def assess(self, challenge: Any, proposals: Iterable[Any]) -> dict[int, Assessment]:
        """Assessments by proposal id (proposals without one are shown unscored)."""
        ...

    def refusal(self, challenge: Any, proposal: Any, decision: str) -> str | None:
        """None when the host may make ``decision``; otherwise the reason shown to them."""
        ...


class ManualSelection:
    """The host reads the proposals and decides; no scores."""

    key = "manual"
    label = _("Host's decision")

    def assess(self, challenge: Any, proposals: Iterable[Any]) -> dict[int, Assessment]:
        return {}

    def refusal(self, challenge: Any, proposal: Any, decision: str) -> str | None:
        return None


_methods: dict[str, SelectionMethod] = {}


def register_selection_method(method: SelectionMethod) -> SelectionMethod:
    """Adds (or replaces) a method under its key."""
    if not isinstance(method, SelectionMethod):
        raise TypeError("a selection method needs key, label, assess() and refusal()")
    _methods[method.key] = method
    return method


def selection_method(key: str) -> SelectionMethod:
    """The registered method for ``key``; the manual method for an unknown key."""
    return _methods.get(key) or _methods["manual"]


def selection_choices() -> list[tuple[str, Any]]:
    return [(m.key, m.label) for m in _methods.values()]


register_selection_method(ManualSelection())
