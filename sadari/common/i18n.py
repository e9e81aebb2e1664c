"""Strings Django itself shows but its Korean catalog (6.1) does not translate yet; listing them
here puts them in Sadari's catalog, which Django consults first."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    gettext_noop("- Select an option -"),  # the blank choice of select fields (Django 6)
)


def pick_language(ko: str, en: str) -> str:
    """The Korean or English text of a bilingual pair by the active language, falling back to
    the other when one is empty (models' ``name``/``title`` properties)."""
    from django.utils.translation import get_language

    if (get_language() or "ko").startswith("en"):
        return en or ko
    return ko or en
