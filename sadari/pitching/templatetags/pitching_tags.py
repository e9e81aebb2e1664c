"""Template helpers for pitching: Korean date-times and localized per-criterion names."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from sadari.common.templatetags.sadari_format import kdate

register = template.Library()


@register.filter
def kdatetime(value: datetime | None) -> str:
    """``2026년 11월 24일 14:00`` (Korean) or ``24 Nov 2026 14:00`` (English)."""
    if value is None:
        return "-"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{kdate(local)} {local:%H:%M}"


@register.filter
def pick_name(item: dict[str, Any]) -> str:
    """A stored dict's ``name_ko``/``name_en`` in the page language."""
    if (get_language() or "ko").startswith("en"):
        return str(item.get("name_en") or item.get("name_ko") or "")
    return str(item.get("name_ko") or item.get("name_en") or "")


@register.filter
def score(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


@register.filter
def reason_labels(reasons: list[str]) -> list[str]:
    """An assignment's reasons (shared tags and the industry code) in the page language, each
    once: ``["semiconductor", "반도체", "비전"]`` → ``["반도체", "비전"]``."""
    from sadari.directory.enums import Industry

    seen: dict[str, None] = {}
    for reason in reasons or []:
        label = str(Industry(reason).label) if reason in Industry.values else str(reason)
        seen.setdefault(label, None)
    return list(seen)
