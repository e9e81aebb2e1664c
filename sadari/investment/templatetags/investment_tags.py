"""Template filters of the investment pages: round amounts with their currency, code lists as
labels."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sadari.common.templatetags.sadari_format import krw
from sadari.directory.enums import Industry
from sadari.investment.enums import Region, RoundType

register = template.Library()

_LABELS = {"stage": RoundType, "industry": Industry, "region": Region}


@register.filter
def round_amount(r) -> str:
    """``12억 5,000만원``; a round in another currency: ``USD 8,500,000 (≈ 95억 7,950만원)``,
    the ≈ part marked (tooltip) as an approximate conversion."""
    if r.amount_original is not None and r.currency != "KRW":
        text = f"{r.currency} {r.amount_original:,}"
        if not r.amount_krw:
            return text
        return format_html(
            '{} <span class="inv-approx" title="{}">(≈ {})</span>',
            text,
            _("Approximate: converted at the year's average exchange rate"),
            krw(r.amount_krw),
        )
    return krw(r.amount_krw) if r.amount_krw else _("undisclosed")


@register.filter
def labels(codes, kind: str) -> str:
    """``["seed", "pre_a"]|labels:"stage"`` → ``시드, 프리 A``."""
    enum = _LABELS.get(kind)
    if not codes or enum is None:
        return ""
    names = dict(enum.choices)
    return ", ".join(str(names.get(c, c)) for c in codes)


@register.filter
def pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


@register.simple_tag
def is_english() -> bool:
    return (get_language() or "ko").startswith("en")
