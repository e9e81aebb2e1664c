"""Template filters for Korean formats: KRW amounts, dates and names."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from sadari_core.money import format_krw, format_krw_en

register = template.Library()


@register.filter
def krw(amount: int | None) -> str:
    """``{{ 125000000|krw }}`` → ``1억 2,500만원`` (Korean) or ``KRW 125,000,000`` (English)."""
    if (get_language() or "ko").startswith("en"):
        return format_krw_en(amount)
    return format_krw(amount)


@register.filter
def kdate(value: date | datetime | None) -> str:
    """``2026-11-23`` → ``2026년 11월 23일`` (Korean) or ``23 Nov 2026`` (English)."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if (get_language() or "ko").startswith("en"):
        return f"{value.day} {value:%b} {value.year}"
    return f"{value.year}년 {value.month}월 {value.day}일"


@register.simple_tag(takes_context=True)
def localized(context: template.Context, obj: object, field: str) -> str:
    """The object's ``<field>_ko`` or ``<field>_en`` value for the active language, with fallback."""
    english = (get_language() or "ko").startswith("en")
    first, second = ("en", "ko") if english else ("ko", "en")
    return getattr(obj, f"{field}_{first}", "") or getattr(obj, f"{field}_{second}", "") or ""


@register.simple_tag(takes_context=True)
def query_replace(context: template.Context, **kwargs: object) -> str:
    """The current query string with some parameters replaced (for facets and pagination)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    params.pop("page", None) if "page" not in kwargs else None
    return params.urlencode()
