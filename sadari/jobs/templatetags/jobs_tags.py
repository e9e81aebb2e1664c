"""Template helpers for jobs: a match's explanation in the page language."""

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def explain(match: Any) -> str:
    """``"Python, Django 일치 · Docker 부족"`` (or English) for a JobMatch."""
    lang = "en" if (get_language() or "ko").startswith("en") else "ko"
    return match.explanation.summary(lang)
