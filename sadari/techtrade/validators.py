"""Validation shared by forms, the API, importers and services: KIPRIS-style patent numbers,
field codes, TRL and budget ranges."""

import re
import unicodedata
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sadari.directory.enums import Industry

# KIPO right types: 10 patent (특허), 20 utility model (실용신안), 30 design (디자인),
# 40 trademark (상표).
RIGHT_TYPES = ("10", "20", "30", "40")
MAX_AMOUNT_KRW = 10**15  # a quadrillion won: far above any budget, far below the column's limit
MAX_PATENTS = 30
_APPLICATION = re.compile(r"^(\d{2})-?(\d{4})-?(\d{7})$")
_REGISTRATION = re.compile(r"^(\d{2})-?(\d{7})(?:-?0000)?$")


def normalize_patent_number(raw: str) -> str:
    """A KIPRIS-style number in its canonical dashed form; ValidationError when it is not one.

    Application numbers: ``10-2023-0123456`` (right type, filing year, serial), also written
    ``1020230123456``. Registration numbers: ``10-1234567`` (also ``10-1234567-0000`` and
    ``1012345670000``, as KIPRIS prints them). Right types: 10 patent, 20 utility model,
    30 design, 40 trademark.
    """
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    text = re.sub(r"\s+", "", text).replace("–", "-").replace("—", "-")
    text = re.sub(r"^(?:KR|제)", "", text, flags=re.IGNORECASE).removesuffix("호")
    if match := _APPLICATION.match(text):
        kind, year, serial = match.groups()
        if kind in RIGHT_TYPES and 1948 <= int(year) <= date.today().year + 1:  # noqa: DTZ011 - a calendar year bound
            return f"{kind}-{year}-{serial}"
    elif match := _REGISTRATION.match(text):
        kind, serial = match.groups()
        if kind in RIGHT_TYPES and int(serial) > 0:
            return f"{kind}-{serial}"
    raise ValidationError(
        _(
            "%(value)s is not a KIPRIS patent number: write an application number like "
            "10-2023-0123456 or a registration number like 10-1234567."
        ),
        code="invalid_patent_number",
        params={"value": str(raw)[:40]},
    )


def clean_patent_numbers(values: Any) -> list[str]:
    """A list (or a text with one number per line/comma) → canonical, de-duplicated numbers."""
    if isinstance(values, str):
        values = re.split(r"[\n,;]+", values)
    out: list[str] = []
    for value in values or []:
        if not str(value).strip():
            continue
        number = normalize_patent_number(value)
        if number not in out:
            out.append(number)
    if len(out) > MAX_PATENTS:
        raise ValidationError(
            _("At most %(n)s patent numbers."), code="too_many_patents", params={"n": MAX_PATENTS}
        )
    return out


def validate_patent_numbers(values: Any) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("Enter a list of patent numbers."), code="invalid")
    clean_patent_numbers(values)


def validate_field_codes(values: Any) -> None:
    """Field codes are the directory's industry codes (ai, drone, bio, …)."""
    if not isinstance(values, list):
        raise ValidationError(_("Enter a list of field codes."), code="invalid")
    unknown = [v for v in values if v not in Industry.values]
    if unknown:
        raise ValidationError(
            _("Unknown field code: %(codes)s."),
            code="unknown_field",
            params={"codes": ", ".join(str(v) for v in unknown[:5])},
        )


def validate_licensing_models(values: Any) -> None:
    from sadari.techtrade.enums import LicensingModel

    if not isinstance(values, list) or any(v not in LicensingModel.values for v in values):
        raise ValidationError(_("Unknown licensing or partnership model."), code="invalid")


def validate_budget_range(low: int | None, high: int | None) -> None:
    if (low is not None and low < 0) or (high is not None and high < 0):
        raise ValidationError(_("A budget cannot be negative."), code="negative_budget")
    if any(v is not None and v > MAX_AMOUNT_KRW for v in (low, high)):
        raise ValidationError(_("The amount is too large."), code="too_large")
    if low is not None and high is not None and low > high:
        raise ValidationError(
            _("The minimum budget is larger than the maximum."), code="budget_order"
        )
