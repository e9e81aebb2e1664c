"""Survivorship: which of several sources' claims about one field a profile shows, and why.

A declared, ordered policy decides per field. The rules, in the default order:

1. ``registry`` — a claim from a registry-verified source (국세청 사업자 상태, DART) wins;
2. ``priority`` — the source with the higher priority for this field wins (a source may
   declare per-field priorities, e.g. a VC is trusted on funding but not on addresses);
3. ``recency`` — the most recently observed claim wins;
4. ``source`` — ties fall to the smaller source slug, so the choice is deterministic.

Conflicts are the other current claims whose value differs from the chosen one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DEFAULT_RULES: tuple[str, ...] = ("registry", "priority", "recency", "source")


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's current value for one field of one entity."""

    value: Any
    source: str
    observed_at: datetime
    priority: int = 50
    is_registry: bool = False
    claim_id: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    """The chosen claim, the rule that decided it, and the claims that disagree."""

    chosen: Claim
    rule: str  # the first rule that told the winner from the runner-up ("only" if one claim)
    conflicts: tuple[Claim, ...] = field(default=())


def _key(rule: str, claim: Claim) -> Any:
    if rule == "registry":
        return 0 if claim.is_registry else 1
    if rule == "priority":
        return -claim.priority
    if rule == "recency":
        return -claim.observed_at.timestamp()
    if rule == "source":
        return claim.source
    raise ValueError(f"unknown survivorship rule: {rule}")


def comparable(value: Any) -> Any:
    """Values compared for conflicts: strings without case and surrounding space."""
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, list):
        return tuple(comparable(v) for v in value)
    return value


def decide(claims: Sequence[Claim], rules: Sequence[str] = DEFAULT_RULES) -> Decision | None:
    """Chooses the value to show from the current claims about one field.

    Args:
        claims: every source's current claim about the field (empty values excluded).
        rules: the policy, in order of precedence.

    Returns:
        The decision, or None when there is no claim. Example: claims "a.kr" (A재단, priority 60,
        2026-10-01) and "b.kr" (B센터, priority 50, 2025-03-02) → "a.kr" by ``priority``, with
        "b.kr" as a conflict.
    """
    if not claims:
        return None
    ordered = sorted(claims, key=lambda c: tuple(_key(r, c) for r in rules))
    chosen = ordered[0]
    rule = "only"
    if len(ordered) > 1:
        runner_up = ordered[1]
        rule = next((r for r in rules if _key(r, chosen) != _key(r, runner_up)), rules[-1])
    shown = comparable(chosen.value)
    conflicts = tuple(c for c in ordered[1:] if comparable(c.value) != shown)
    return Decision(chosen=chosen, rule=rule, conflicts=conflicts)
