"""Template filters of the tech-trade pages: field-code labels, percentages, budget ranges."""

from django import template
from django.utils.translation import gettext as _

from sadari.common.templatetags.sadari_format import krw
from sadari.directory.enums import Industry

register = template.Library()


@register.filter
def field_labels(codes) -> list[str]:
    """``["ai", "drone"]`` → ``["AI·빅데이터", "드론"]`` in the active language."""
    labels = dict(Industry.choices)
    return [str(labels.get(code, code)) for code in codes or []]


@register.filter
def percent(value) -> str:
    """``0.4231`` → ``42%``; None → ``-``."""
    if value is None:
        return "-"
    return f"{round(float(value) * 100)}%"


@register.filter
def krw_range(item, prefix: str = "budget") -> str:
    """A budget (``prefix="budget"``) or price (``"price"``) range: ``5,000만원 ~ 2억원``."""
    low = getattr(item, f"{prefix}_min_krw", None)
    high = getattr(item, f"{prefix}_max_krw", None)
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        return krw(low) if low == high else f"{krw(low)} ~ {krw(high)}"
    if low is not None:
        return _("from %(amount)s") % {"amount": krw(low)}
    return _("up to %(amount)s") % {"amount": krw(high)}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
