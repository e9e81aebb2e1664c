"""Validation shared by forms, API and importers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sadari_core.ids import is_valid_brn, normalize_brn


def validate_brn(value: str) -> None:
    if value and not is_valid_brn(value):
        raise ValidationError(
            _("%(value)s is not a valid business registration number (check digit)."),
            code="invalid_brn",
            params={"value": value},
        )


def clean_brn(value: str | None) -> str | None:
    """Canonical ``123-45-67890`` or None for empty; raises ValidationError when invalid."""
    if not value or not value.strip():
        return None
    validate_brn(value)
    return normalize_brn(value)
