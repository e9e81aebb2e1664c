"""Helpers shared by the tech-trade models."""

from django.utils.translation import get_language


def pick(ko: str, en: str) -> str:
    """The text in the active language, falling back to the other one."""
    if (get_language() or "ko").startswith("en"):
        return en or ko
    return ko or en
