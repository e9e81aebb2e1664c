"""Rules shared by forms, the API and services: uploaded documents (type sniffed from the
content, size), thesis lists and ticket ranges, amounts as typed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from sadari.directory.enums import Industry
from sadari.investment.enums import DocumentKind, ErrorCode, Region, RoundType

DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def max_document_bytes() -> int:
    """``settings.INVESTMENT_DATAROOM_MAX_BYTES`` (default 20 MB)."""
    return int(getattr(settings, "INVESTMENT_DATAROOM_MAX_BYTES", DEFAULT_MAX_DOCUMENT_BYTES))


@dataclass(frozen=True)
class SniffedDocument:
    kind: str
    pages: int | None


def sniff_document(data: bytes) -> SniffedDocument:
    """What the bytes are, read from the content (the extension is not trusted): a PDF that
    pypdf can open (not encrypted: it could not be watermarked) or an XLSX workbook (a ZIP
    with ``[Content_Types].xml`` and ``xl/workbook.xml``). ValidationError otherwise."""
    if len(data) > max_document_bytes():
        raise ValidationError(
            _("The file is larger than %(limit)s.")
            % {"limit": filesizeformat(max_document_bytes())},
            code=ErrorCode.FILE_SIZE,
        )
    if not data:
        raise ValidationError(_("The file is empty."), code=ErrorCode.FILE_UNREADABLE)
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return SniffedDocument(DocumentKind.PDF, _pdf_pages(data))
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            raise ValidationError(
                _("The workbook could not be read."), code=ErrorCode.FILE_UNREADABLE
            ) from None
        if (
            "[Content_Types].xml" in names
            and "xl/workbook.xml" in names
            and all(_is_workbook_part(name) for name in names)
        ):
            _check_workbook_opens(data)
            return SniffedDocument(DocumentKind.XLSX, None)
    raise ValidationError(
        _("Only PDF and XLSX files can be uploaded (the content decides, not the file name)."),
        code=ErrorCode.FILE_TYPE,
    )


# The parts an XLSX workbook is made of; anything else (an HTML page, an executable, macros)
# means the ZIP is not (only) a workbook.
WORKBOOK_PREFIXES = ("[Content_Types].xml", "_rels/", "docProps/", "xl/", "customXml/")


def _is_workbook_part(name: str) -> bool:
    if name.startswith("xl/printerSettings/") and ".." not in name:
        return True
    return (
        name.startswith(WORKBOOK_PREFIXES)
        and ".." not in name
        and not name.lower().endswith((".bin", ".html", ".htm", ".js", ".exe"))
    )


def _check_workbook_opens(data: bytes) -> None:
    """Workbooks are marked per viewer when read (``xlsxmark``): one whose parts cannot take
    the marks is refused now, not at the first investor's download."""
    from sadari.investment.xlsxmark import WorkbookError, check_workbook

    try:
        check_workbook(data)
    except WorkbookError:
        raise ValidationError(
            _("The workbook could not be read."), code=ErrorCode.FILE_UNREADABLE
        ) from None


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("Password-protected PDFs cannot be shared: upload it without a password."),
                code=ErrorCode.FILE_UNREADABLE,
            )
        return len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise ValidationError(
            _("The PDF could not be read."), code=ErrorCode.FILE_UNREADABLE
        ) from None


def clean_codes(values: object, allowed: list[str], field: str) -> list[str]:
    """A list of known codes, de-duplicated in the given order (ValidationError otherwise)."""
    if values in (None, ""):
        return []
    if not isinstance(values, list | tuple):
        raise ValidationError({field: _("Expected a list.")})
    out: list[str] = []
    for value in values:
        if value not in allowed:
            raise ValidationError({field: _("Unknown value: %(value)s") % {"value": value}})
        if value not in out:
            out.append(value)
    return out


def clean_thesis(
    *,
    stages: object,
    industries: object,
    regions: object,
    ticket_min_krw: int | None,
    ticket_max_krw: int | None,
) -> dict[str, object]:
    """The thesis fields, checked: known codes, non-negative tickets, min ≤ max."""
    errors: dict[str, str] = {}
    for name, value in (("ticket_min_krw", ticket_min_krw), ("ticket_max_krw", ticket_max_krw)):
        if value is not None and value < 0:
            errors[name] = _("Must not be negative.")
    if (
        ticket_min_krw is not None
        and ticket_max_krw is not None
        and ticket_min_krw > ticket_max_krw
    ):
        errors["ticket_max_krw"] = _("Must not be less than the minimum ticket.")
    if errors:
        raise ValidationError(errors)
    return {
        "thesis_stages": clean_codes(stages, RoundType.values, "thesis_stages"),
        "thesis_industries": clean_codes(industries, Industry.values, "thesis_industries"),
        "thesis_regions": clean_codes(regions, Region.values, "thesis_regions"),
        "ticket_min_krw": ticket_min_krw,
        "ticket_max_krw": ticket_max_krw,
    }


_KOREAN_UNITS = (("조", 10**12), ("억", 10**8), ("만", 10**4))
_AMOUNT_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(조|억|만)?")


def parse_amount(text: str) -> int | None:
    """An amount as people type it: ``1250000000``, ``1,250,000,000``, ``12억 5,000만원``,
    ``12.5억``, ``8,500,000.00``; None when empty. ValidationError for anything else."""
    value = (text or "").strip().replace(",", "").replace(" ", "")
    if value.endswith("원"):
        value = value[:-1]
    if not value:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return round(Decimal(value))
    if not re.fullmatch(r"(?:\d+(?:\.\d+)?(?:조|억|만))+\d*", value):
        raise ValidationError(_("Write the amount as digits, e.g. 1250000000 or 12억 5000만."))
    units = dict(_KOREAN_UNITS)
    total = Decimal(0)
    last_unit = 10**13
    for number, unit in _AMOUNT_PART.findall(value):
        scale = units.get(unit, 1)
        if scale >= last_unit:  # "5만 3억": units must go down
            raise ValidationError(_("Write the amount as digits, e.g. 1250000000 or 12억 5000만."))
        last_unit = scale
        total += Decimal(number) * scale
    return round(total)
