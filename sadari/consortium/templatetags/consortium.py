"""``{% load consortium %}``: schema.org JSON-LD for program and institution pages (the
directory's templates include them) and the rule outcome badges."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from sadari.consortium import exports

register = template.Library()


def _base(context: template.Context) -> str:
    request = context.get("request")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


@register.simple_tag(takes_context=True)
def program_json_ld(context: template.Context, program: Any) -> SafeString:
    data = exports.program_json_ld(program, _base(context))
    # exports escape "<", so the JSON cannot close the script element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308 -- "<" escaped


@register.simple_tag(takes_context=True)
def organization_json_ld(context: template.Context, org: Any) -> SafeString:
    if org.kind not in exports.INSTITUTION_KINDS:
        return mark_safe("")
    data = exports.organization_json_ld(org, _base(context))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data))  # noqa: S308 -- "<" escaped
