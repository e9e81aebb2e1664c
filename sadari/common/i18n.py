"""Strings Django itself shows but its Korean catalog (6.1) does not translate yet; listing them
here puts them in Sadari's catalog, which Django consults first."""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    gettext_noop("- Select an option -"),  # the blank choice of select fields (Django 6)
)
