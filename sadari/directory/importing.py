"""Organization importer: CSV/TSV/XLSX files of organizations → validated rows → one transaction.

The pipeline, shared by the web views (``import_views``) and ``manage.py import_orgs``:

1. ``parse_file(data, filename)``: decodes text (UTF-8 with or without BOM, UTF-16 with BOM,
   then CP949 — a superset of EUC-KR) and records which; reads CSV/TSV (the delimiter is the
   most frequent of tab, comma, semicolon in the header line) or XLSX (first sheet, values only;
   an XLSX is recognized by its bytes, whatever the file name says). Raises ``ImportFileError``
   with a message for the user on any unreadable input; never anything else.
2. ``auto_map(headers)``: Korean and English header names → Organization fields.
3. ``validate(parsed, mapping)``: cleans every row and returns per-row issues.
4. ``commit(parsed, mapping)`` / ``run_job(job)``: all-or-nothing write in ONE transaction.

Row numbers are the rows the user sees in the spreadsheet: the header is row 1 (or the first
non-blank row), so the first data row is row 2. Blank rows are skipped but still counted, so
numbers keep matching the file. A file-level problem is reported with row 0.

Decisions (documented for users in the templates and the command's help):

* Matching: a row updates the existing organization with the same 사업자등록번호; a row without
  one updates the only existing organization that has the same Korean name and no number (two
  or more such organizations is an error); anything else is created. Importing the same file
  twice therefore creates nothing the second time.
* Empty cells never clear existing values; they are "no information".
* ``kind`` is not changed on existing organizations (it is not an editable field); a different
  kind in the file is a warning. New rows without a kind get the mapping's default kind
  (스타트업 unless chosen otherwise).
* An unknown industry is imported as "other" with a warning (a warning never blocks the import);
  an unknown kind or stage is an error.
* Messages are Korean first (the files and their users are), with an English twin in
  ``message_en`` for the English UI; ``code`` is stable for programs.
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.core.cache import cache as django_cache
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from sadari.common.spreadsheet import csv_safe_row
from sadari.directory.enums import Industry, OrgKind, Stage
from sadari.directory.models import ImportJob, ImportStatus, Organization
from sadari.directory.services import organization_update, organizations_bulk_create
from sadari_core.ids import brn_digits, is_valid_brn, normalize_brn

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
ALLOWED_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx")
PREVIEW_ROWS = 20
PROGRESS_EVERY = 50
PROGRESS_TIMEOUT = 60 * 60
DEFAULT_KIND = OrgKind.STARTUP.value

# The fields a column can be mapped to, in the order the mapping step lists them.
IMPORT_FIELDS = (
    "name_ko", "name_en", "business_number", "kind", "founded_on", "city", "district",
    "address", "industry", "stage", "employees", "homepage", "description_ko",
    "description_en", "contact_email", "contact_phone", "revenue_krw", "aliases",
)  # fmt: skip

FIELD_LABELS_KO = {
    "name_ko": "기업명",
    "name_en": "영문명",
    "business_number": "사업자등록번호",
    "kind": "구분",
    "founded_on": "설립일",
    "city": "시도",
    "district": "지역(구)",
    "address": "주소",
    "industry": "업종",
    "stage": "투자단계",
    "employees": "직원수",
    "homepage": "홈페이지",
    "description_ko": "소개",
    "description_en": "영문소개",
    "contact_email": "이메일",
    "contact_phone": "연락처",
    "revenue_krw": "매출액",
    "aliases": "별칭",
}


def field_label(name: str) -> Any:
    """The (lazily translated) label of an import field: the model field's verbose name."""
    return Organization._meta.get_field(name).verbose_name


# --- issues --------------------------------------------------------------------------------

# code → (Korean, English); ``{value}``, ``{other}``, ``{label}``, ``{max}`` … are filled in.
MESSAGES: dict[str, tuple[str, str]] = {
    "required_name": (
        "기업명이 비어 있습니다.",
        "The organization name is missing.",
    ),
    "brn_format": (
        "사업자등록번호 '{value}'는 숫자 10자리여야 합니다 (예: 123-45-67890).",
        "Business registration number '{value}' must have 10 digits (e.g. 123-45-67890).",
    ),
    "invalid_brn": (
        "사업자등록번호 '{value}'의 검증번호(마지막 자리)가 맞지 않습니다.",
        "Business registration number '{value}' fails its check digit.",
    ),
    "duplicate_brn": (
        "사업자등록번호 {value}가 {other}행과 중복됩니다.",
        "Business registration number {value} repeats row {other}.",
    ),
    "duplicate_name": (
        "사업자등록번호 없는 같은 이름 '{value}'이(가) {other}행에도 있습니다. 사업자등록번호로 구분해 주세요.",
        "Row {other} has the same name '{value}' and neither has a business registration number.",
    ),
    "ambiguous_name": (
        "사업자등록번호 없는 기존 조직 중 '{value}' 이름이 여러 개입니다. 사업자등록번호를 입력해 주세요.",
        "Several existing organizations without a business registration number are named "
        "'{value}'; add the number.",
    ),
    "bad_date": (
        "날짜 '{value}'를 읽을 수 없습니다 (예: 2024-03-01, 2024.3.1, 20240301).",
        "Cannot read the date '{value}' (e.g. 2024-03-01, 2024.3.1, 20240301).",
    ),
    "bad_number": (
        "{label} '{value}'는 0 이상의 정수여야 합니다 (예: 1,234 또는 12명).",
        "{label_en} '{value}' must be a whole number of 0 or more (e.g. 1,234 or 12명).",
    ),
    "bad_amount": (
        "금액 '{value}'를 읽을 수 없습니다 (예: 120,000,000 또는 1억 2,000만원).",
        "Cannot read the amount '{value}' (e.g. 120,000,000 or 1억 2,000만원).",
    ),
    "bad_email": (
        "이메일 주소 '{value}'가 올바르지 않습니다.",
        "'{value}' is not a valid e-mail address.",
    ),
    "bad_url": (
        "홈페이지 주소 '{value}'가 올바르지 않습니다.",
        "'{value}' is not a valid web address.",
    ),
    "unknown_kind": (
        "알 수 없는 구분 '{value}'입니다 (스타트업, 기업, 투자사, 지원기관, 아카데미, 허브, 대학 중 하나).",
        "Unknown kind '{value}' (one of startup, corporate, investor, institution, academy, hub, "
        "university).",
    ),
    "unknown_stage": (
        "알 수 없는 투자단계 '{value}'입니다 (예: 시드, 프리A, 시리즈A, 상장).",
        "Unknown stage '{value}' (e.g. seed, pre-A, series A, listed).",
    ),
    "too_long": (
        "{label}이(가) 너무 깁니다 (최대 {max}자).",
        "{label_en} is too long (at most {max} characters).",
    ),
    "unknown_industry": (
        "알 수 없는 업종 '{value}'은(는) '기타'로 가져옵니다.",
        "Unknown industry '{value}' is imported as 'other'.",
    ),
    "kind_kept": (
        "기존 조직의 구분({current})은 바꾸지 않습니다. 파일의 값: '{value}'.",
        "The existing organization's kind ({current}) is kept; the file says '{value}'.",
    ),
    "no_name_column": (
        "기업명(또는 영문명) 열이 지정되지 않았습니다.",
        "No column is mapped to the organization name.",
    ),
    "invalid": ("{value}", "{value}"),
    "file": ("{value}", "{value}"),
    "failed": (
        "저장 중 오류가 발생해 아무것도 가져오지 않았습니다: {value}",
        "Saving failed, nothing was imported: {value}",
    ),
}

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class RowIssue:
    """One problem: ``row`` as the user sees it in the file (0 = the whole file)."""

    row: int
    field: str
    column: str
    code: str
    message: str
    message_en: str
    level: str = ERROR

    @classmethod
    def make(
        cls, row: int, field: str, column: str, code: str, level: str = ERROR, **params
    ) -> RowIssue:
        ko, en = MESSAGES[code]
        params.setdefault("label", FIELD_LABELS_KO.get(field, field))
        params.setdefault("label_en", field.replace("_", " "))
        return cls(row, field, column, code, ko.format(**params), en.format(**params), level)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "field": self.field,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
            "level": self.level,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RowIssue:
        return cls(
            int(d.get("row", 0)),
            str(d.get("field", "")),
            str(d.get("column", "")),
            str(d.get("code", "")),
            str(d.get("message", "")),
            str(d.get("message_en", d.get("message", ""))),
            str(d.get("level", ERROR)),
        )


class ImportFileError(Exception):
    """The file cannot be read at all; ``message`` is for the user (Korean and English)."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en

    def localized(self) -> str:
        return (
            self.message_en
            if (translation.get_language() or "ko").startswith("en")
            else self.message
        )


# --- reading files -------------------------------------------------------------------------


@dataclass(slots=True)
class ParsedFile:
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number in the file, cells)
    encoding: str  # "" for XLSX
    file_type: str  # "csv" | "xlsx"
    header_row: int = 1


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and the encoding used: ``encoding`` if given, else UTF-8 (with or without BOM),
    UTF-16 with a BOM, then CP949 (which reads EUC-KR too)."""
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError as exc:
            raise ImportFileError(
                f"알 수 없는 인코딩입니다: {encoding}", f"Unknown encoding: {encoding}"
            ) from exc
        try:
            return data.decode(name), encoding
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"파일을 {encoding} 인코딩으로 읽을 수 없습니다.",
                f"The file cannot be read as {encoding}.",
            ) from exc
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp949"]
    for name in candidates:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        "파일의 글자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV로 저장해 주세요.",
        "Unknown text encoding. Save the file as UTF-8 or CP949 (EUC-KR) CSV.",
    )


def _cell(value: Any) -> Any:
    """XLSX cells keep dates and numbers; text is stripped and NFC-normalized (macOS NFD)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    return unicodedata.normalize("NFC", str(value)).strip()


def _is_blank(cells: Iterable[Any]) -> bool:
    return all(c == "" for c in cells)


def _table(records: Iterable[list[Any]], *, encoding: str, file_type: str) -> ParsedFile:
    headers: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, raw in enumerate(records, start=1):
        cells = [_cell(c) for c in raw]
        if _is_blank(cells):
            continue
        if headers is None:
            while cells and cells[-1] == "":
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(
                    f"열이 너무 많습니다 (최대 {MAX_COLUMNS}개).",
                    f"Too many columns (at most {MAX_COLUMNS}).",
                )
            headers = [str(c) if c != "" else f"#{i + 1}" for i, c in enumerate(cells)]
            header_row = number
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                f"행이 너무 많습니다 (최대 {MAX_ROWS:,}행). 파일을 나누어 올려 주세요.",
                f"Too many rows (at most {MAX_ROWS:,}). Split the file.",
            )
        rows.append((number, cells))
    if headers is None:
        raise ImportFileError("파일이 비어 있습니다.", "The file is empty.")
    if not rows:
        raise ImportFileError(
            "머리글 행만 있고 데이터 행이 없습니다.", "The file has a header row but no data rows."
        )
    return ParsedFile(headers, rows, encoding, file_type, header_row)


def _read_csv(text: str, *, encoding: str, delimiter: str | None) -> ParsedFile:
    if "\x00" in text:
        raise ImportFileError("텍스트(CSV) 파일이 아닙니다.", "This is not a text (CSV) file.")
    if delimiter is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ("\t", ",", ";")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(
            f"CSV 파일을 읽을 수 없습니다: {exc}", f"The CSV file cannot be read: {exc}"
        ) from exc
    return _table(records, encoding=encoding, file_type="csv")


def _read_xlsx(data: bytes) -> ParsedFile:
    import openpyxl

    bad = ImportFileError(
        "XLSX 파일을 열 수 없습니다. 엑셀에서 다시 저장하거나 CSV로 저장해 주세요.",
        "The XLSX file cannot be opened. Save it again in Excel, or as CSV.",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not workbook.worksheets:
                    raise bad
                sheet = workbook.worksheets[0]
                if hasattr(sheet, "reset_dimensions"):
                    sheet.reset_dimensions()  # other programs write wrong dimensions
                records = []
                for values in sheet.iter_rows(values_only=True):
                    records.append(list(values))
                    if len(records) > MAX_ROWS + 1000:
                        break
            finally:
                workbook.close()
    except ImportFileError:
        raise
    except Exception as exc:  # BadZipFile, KeyError, ValueError …: openpyxl on broken files
        raise bad from exc
    return _table(records, encoding="", file_type="xlsx")


def parse_file(data: bytes, filename: str = "", *, encoding: str | None = None) -> ParsedFile:
    """Reads an uploaded file; ImportFileError (with a user message) when it cannot."""
    if not data:
        raise ImportFileError("파일이 비어 있습니다.", "The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            "파일이 너무 큽니다 (최대 10MB).", "The file is too large (at most 10 MB)."
        )
    name = (filename or "").lower()
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if name.endswith(".xlsx"):
        raise ImportFileError(
            "올바른 XLSX 파일이 아닙니다. 엑셀에서 다시 저장하거나 CSV로 저장해 주세요.",
            "This is not a valid XLSX file. Save it again in Excel, or as CSV.",
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "예전 엑셀(XLS) 형식은 읽을 수 없습니다. XLSX 또는 CSV로 저장해 주세요.",
            "Old Excel (XLS) files cannot be read. Save as XLSX or CSV.",
        )
    text, used = decode_bytes(data, encoding)
    return _read_csv(text, encoding=used, delimiter="\t" if name.endswith(".tsv") else None)


# --- mapping -------------------------------------------------------------------------------


def normalize_label(text: Any) -> str:
    """Header/label comparison key: NFKC, lower case, letters and digits only."""
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return re.sub(r"[^0-9a-z\uac00-\ud7a3]", "", text)


HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name_ko": (
        "기업명", "회사명", "상호", "상호명", "기관명", "조직명", "업체명", "단체명", "명칭", "이름",
        "국문명", "한글명", "국문기업명", "기업명국문", "회사명국문", "기업명한글", "상호국문",
        "name", "nameko", "namekorean", "koreanname", "company", "companyname", "organization",
        "organizationname", "orgname",
    ),
    "name_en": (
        "영문명", "영문기업명", "영문회사명", "영문상호", "기업명영문", "회사명영문", "상호영문",
        "englishname", "nameen", "nameenglish", "companynameenglish",
    ),
    "business_number": (
        "사업자등록번호", "사업자번호", "사업자등록", "사업자", "등록번호", "businessnumber",
        "businessregistrationnumber", "businessregistrationno", "brn", "bizno", "businessno",
        "registrationnumber",
    ),
    "kind": (
        "구분", "유형", "기관유형", "조직유형", "기업유형", "기관구분", "조직구분", "분류", "kind",
        "type", "orgtype", "organizationtype", "orgkind",
    ),
    "founded_on": (
        "설립일", "설립일자", "설립연월일", "설립년월일", "창업일", "창업일자", "개업일", "개업일자",
        "설립", "founded", "foundedon", "foundeddate", "foundingdate", "establishmentdate",
        "established", "dateoffoundation",
    ),
    "city": ("시도", "광역시도", "시군", "도시", "city", "province", "cityprovince"),
    "district": ("지역", "구", "자치구", "소재지구", "시군구", "district", "gu"),
    "address": (
        "주소", "소재지", "사업장주소", "본사주소", "도로명주소", "사업장소재지", "address",
    ),
    "industry": (
        "업종", "분야", "산업", "산업분야", "기술분야", "사업분야", "업태", "주력분야", "industry",
        "sector", "field",
    ),
    "stage": (
        "단계", "투자단계", "성장단계", "기업단계", "stage", "fundingstage", "investmentstage",
    ),
    "employees": (
        "직원수", "종업원수", "임직원수", "인원", "인원수", "고용인원", "상시근로자수", "근로자수",
        "employees", "employeecount", "numberofemployees", "headcount", "staff",
    ),
    "homepage": (
        "홈페이지", "웹사이트", "사이트", "홈페이지주소", "url", "homepage", "website", "web",
    ),
    "description_ko": (
        "소개", "설명", "기업소개", "회사소개", "기관소개", "사업내용", "주요사업", "주요사업내용",
        "국문소개", "소개국문", "description", "descriptionko", "descriptionkorean", "about",
    ),
    "description_en": (
        "영문소개", "영문설명", "소개영문", "descriptionen", "descriptionenglish",
        "englishdescription",
    ),
    "contact_email": (
        "이메일", "전자우편", "메일", "이메일주소", "담당자이메일", "email", "mail", "contactemail",
        "emailaddress",
    ),
    "contact_phone": (
        "전화", "전화번호", "연락처", "대표전화", "대표번호", "담당자연락처", "phone", "tel",
        "telephone", "contactphone", "phonenumber",
    ),
    "revenue_krw": (
        "매출", "매출액", "연매출", "연간매출", "연매출액", "매출액원", "revenue", "revenuekrw",
        "sales", "annualrevenue", "annualrevenuekrw",
    ),
    "aliases": ("별칭", "약칭", "이전상호", "다른이름", "별명", "aliases", "alias", "aka", "othernames"),
}  # fmt: skip

_HEADER_INDEX = {
    normalize_label(s): name
    for name, synonyms in HEADER_SYNONYMS.items()
    for s in (*synonyms, name)
}


def guess_field(header: str) -> str | None:
    """The field a header names, trying it whole and then without a parenthesised note."""
    key = normalize_label(header)
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    stripped = normalize_label(re.sub(r"[(\[（［].*?[)\]）］]", "", str(header)))
    return _HEADER_INDEX.get(stripped)


@dataclass(slots=True)
class Mapping:
    """Column index → field, and the kind for new rows that have none."""

    columns: dict[int, str] = field(default_factory=dict)
    default_kind: str = DEFAULT_KIND

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": {str(i): f for i, f in sorted(self.columns.items())},
            "default_kind": self.default_kind,
        }

    @classmethod
    def from_json(cls, data: Any) -> Mapping:
        data = data if isinstance(data, dict) else {}
        columns = {}
        for key, value in (data.get("columns") or {}).items():
            if str(key).isdigit() and value in IMPORT_FIELDS:
                columns[int(key)] = value
        kind = data.get("default_kind") or DEFAULT_KIND
        return cls(columns, kind if kind in OrgKind.values else DEFAULT_KIND)

    def problems(self) -> list[str]:
        """Korean/English-neutral codes: "no_name", "duplicate:<field>"."""
        out = []
        if not ({"name_ko", "name_en"} & set(self.columns.values())):
            out.append("no_name")
        seen: set[str] = set()
        for f in self.columns.values():
            if f in seen:
                out.append(f"duplicate:{f}")
            seen.add(f)
        return out


def auto_map(headers: list[str]) -> Mapping:
    """Maps each recognized header to its field; the first column wins when two name one field."""
    columns: dict[int, str] = {}
    for index, header in enumerate(headers):
        guessed = guess_field(header)
        if guessed and guessed not in columns.values():
            columns[index] = guessed
    return Mapping(columns)


# --- cleaning values -----------------------------------------------------------------------


class CellError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def cell_text(value: Any) -> str:
    """A cell as the user typed it (dates as ISO), for messages and the mapping step's samples."""
    return _as_text(value)


_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_PARTS = re.compile(
    r"(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\s*\.?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)


def parse_date(value: Any) -> date:
    """2024-03-01, 2024.3.1, 2024. 3. 1., 2024/03/01, 2024년 3월 1일, 20240301, Excel dates and
    Excel serial numbers (e.g. 45352). ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value)
        if number != value:
            raise ValueError(value)
        text = str(number)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
    if re.fullmatch(r"\d{8}", text):
        parsed = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    elif re.fullmatch(r"\d{5}", text):
        parsed = _EXCEL_EPOCH + timedelta(days=int(text))
    elif match := _DATE_PARTS.fullmatch(text):
        parsed = date(int(match[1]), int(match[2]), int(match[3]))
    else:
        raise ValueError(value)
    if not 1800 <= parsed.year <= 2100:
        raise ValueError(value)
    return parsed


def parse_count(value: Any) -> int:
    """1234, "1,234", "12명", "약 30명" → int ≥ 0; ValueError otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value) or value < 0:
            raise ValueError(value)
        return int(value)
    text = unicodedata.normalize("NFKC", str(value)).lower()
    text = re.sub(r"[\s,]", "", text).removeprefix("약")
    text = re.sub(r"(명|인|people|persons|employees)$", "", text)
    if not re.fullmatch(r"\d+", text):
        raise ValueError(value)
    return int(text)


_KRW_UNITS = {"조": 10**12, "억": 10**8, "천만": 10**7, "백만": 10**6, "만": 10**4, "천": 10**3}
_KRW_PART = re.compile(r"(\d+(?:\.\d+)?)(조|억|천만|백만|만|천)?")


def parse_krw(value: Any) -> int:
    """120000000, "120,000,000", "1억 2,000만원", "12억", "3.5억원", "₩1,000", "KRW 1,000" → won."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(value)
        return round(value)
    text = unicodedata.normalize("NFKC", str(value)).lower()
    text = re.sub(r"[\s,]", "", text)
    text = text.removeprefix("krw").removeprefix("₩").removeprefix("\\")
    text = text.removesuffix("원").removesuffix("krw")
    if not text:
        raise ValueError(value)
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return int(Decimal(text).to_integral_value())
        total = Decimal(0)
        position = 0
        last_unit = None
        for match in _KRW_PART.finditer(text):
            if match.start() != position:
                raise ValueError(value)
            unit = _KRW_UNITS[match[2]] if match[2] else 1
            if last_unit is not None and unit >= last_unit:
                raise ValueError(value)
            total += Decimal(match[1]) * unit
            position = match.end()
            last_unit = unit
        if position != len(text):
            raise ValueError(value)
        return int(total.to_integral_value())
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def _choice_index(choices: type, synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for value, label in choices.choices:
        if not value:
            continue
        index[normalize_label(value)] = value
        for lang in ("en", "ko"):
            with translation.override(lang):
                index.setdefault(normalize_label(str(label)), value)
    for value, words in synonyms.items():
        for word in words:
            index[normalize_label(word)] = value
    return index


KIND_SYNONYMS = {
    OrgKind.STARTUP: ("스타트업", "창업기업", "벤처", "벤처기업", "초기기업", "예비창업", "start-up"),
    OrgKind.CORPORATE: (
        "기업", "대기업", "중견기업", "중소기업", "일반기업", "회사", "corporation", "company",
        "enterprise", "corp",
    ),
    OrgKind.INVESTOR: (
        "투자사", "투자기관", "투자자", "vc", "벤처캐피탈", "벤처캐피털", "창투사", "cvc", "액셀러레이터",
        "엑셀러레이터", "ac", "accelerator", "엔젤", "angel", "investor", "investors",
    ),
    OrgKind.INSTITUTION: (
        "지원기관", "기관", "공공기관", "창업지원기관", "창업지원센터", "지자체", "institution",
        "supportinstitution", "agency", "publicagency",
    ),
    OrgKind.ACADEMY: ("아카데미", "교육기관", "교육", "academy", "school"),
    OrgKind.HUB: ("허브", "혁신허브", "창업허브", "hub", "innovationhub"),
    OrgKind.UNIVERSITY: ("대학", "대학교", "대학원", "산학협력단", "university", "college"),
}  # fmt: skip

INDUSTRY_SYNONYMS = {
    Industry.AI: ("인공지능", "ai", "빅데이터", "데이터", "머신러닝", "딥러닝", "ai빅데이터", "bigdata"),
    Industry.DRONE: ("드론", "무인기", "uav", "drone", "drones"),
    Industry.BIO: (
        "바이오", "헬스케어", "의료", "바이오헬스", "바이오헬스케어", "제약", "디지털헬스",
        "의료기기", "bio", "healthcare", "biotech", "medical",
    ),
    Industry.CONTENT: (
        "콘텐츠", "컨텐츠", "미디어", "영상", "문화콘텐츠", "엔터테인먼트", "content", "contents",
        "media",
    ),
    Industry.SOFTWARE: (
        "소프트웨어", "sw", "saas", "앱", "플랫폼", "it", "정보통신", "ict", "software", "클라우드",
    ),
    Industry.ROBOTICS: ("로봇", "로보틱스", "robot", "robots", "robotics"),
    Industry.FINTECH: ("핀테크", "금융", "디지털금융", "블록체인", "fintech", "finance", "blockchain"),
    Industry.IOT: ("iot", "사물인터넷", "internetofthings"),
    Industry.COMMERCE: ("커머스", "이커머스", "전자상거래", "유통", "쇼핑", "ecommerce", "commerce", "retail"),
    Industry.MOBILITY: ("모빌리티", "자율주행", "자동차", "교통", "mobility", "automotive"),
    Industry.EDUTECH: ("에듀테크", "교육", "edutech", "edtech", "education"),
    Industry.FOODTECH: ("푸드테크", "식품", "외식", "애그테크", "농업", "foodtech", "food", "agritech"),
    Industry.CLIMATE: (
        "기후", "에너지", "환경", "친환경", "클린테크", "기후테크", "탄소", "climate", "energy",
        "cleantech", "climatetech",
    ),
    Industry.MANUFACTURING: ("제조", "제조업", "소재", "부품", "하드웨어", "manufacturing", "hardware"),
    Industry.SOCIAL: ("소셜벤처", "사회적기업", "소셜", "social", "socialventure"),
    Industry.FASHION: ("패션", "뷰티", "화장품", "fashion", "beauty", "cosmetics"),
    Industry.GAMES: ("게임", "game", "games", "gaming"),
    Industry.SEMICONDUCTOR: ("반도체", "시스템반도체", "semiconductor", "semiconductors", "chip", "chips"),
    Industry.PROPTECH: ("프롭테크", "부동산", "건설", "proptech", "realestate"),
    Industry.HRTECH: ("hr테크", "인사", "채용", "일자리", "hrtech", "hr", "jobs", "recruiting"),
    Industry.OTHER: ("기타", "other", "etc", "others"),
}  # fmt: skip

STAGE_SYNONYMS = {
    Stage.IDEA: ("아이디어", "예비창업", "예비", "idea"),
    Stage.PRE_SEED: ("프리시드", "preseed"),
    Stage.SEED: ("시드", "엔젤", "seed", "angel"),
    Stage.PRE_A: ("프리a", "프리시리즈a", "prea", "preseriesa"),
    Stage.SERIES_A: ("시리즈a", "seriesa", "a"),
    Stage.SERIES_B: ("시리즈b", "seriesb", "b"),
    Stage.SERIES_C: (
        "시리즈c", "시리즈c이상", "시리즈d", "시리즈e", "seriesc", "seriesd", "seriese", "c",
        "preipo", "프리ipo",
    ),
    Stage.LISTED: ("상장", "코스닥", "코스피", "코넥스", "ipo", "listed"),
}  # fmt: skip


@cache
def _kind_index() -> dict[str, str]:
    return _choice_index(OrgKind, KIND_SYNONYMS)


@cache
def _industry_index() -> dict[str, str]:
    return _choice_index(Industry, INDUSTRY_SYNONYMS)


@cache
def _stage_index() -> dict[str, str]:
    return _choice_index(Stage, STAGE_SYNONYMS)


def parse_kind(value: Any) -> str | None:
    return _kind_index().get(normalize_label(value))


def parse_stage(value: Any) -> str | None:
    return _stage_index().get(normalize_label(value))


def parse_industry(value: Any) -> str | None:
    """The industry a label names; "AI, 드론" → the first one recognized; None when none is."""
    index = _industry_index()
    whole = normalize_label(value)
    if whole in index:
        return index[whole]
    for part in re.split(r"[,/·;|·&+]|\s+및\s+", str(value)):
        key = normalize_label(part)
        if key in index:
            return index[key]
    return None


_URL = URLValidator(schemes=["http", "https"])
_MAX_LENGTHS = {
    f.name: f.max_length
    for f in Organization._meta.get_fields()
    if getattr(f, "max_length", None) and f.name in IMPORT_FIELDS
}


def _clean_text(field_name: str, value: Any) -> str:
    text = _as_text(value)
    limit = _MAX_LENGTHS.get(field_name)
    if limit and len(text) > limit:
        raise CellError("too_long", max=limit)
    return text


def _clean_brn(value: Any) -> str:
    text = _as_text(value)
    if not re.fullmatch(r"\d{10}", brn_digits(text)):
        raise CellError("brn_format", value=text)
    if not is_valid_brn(text):
        raise CellError("invalid_brn", value=text)
    return normalize_brn(text)


def _clean_date(value: Any) -> date:
    try:
        return parse_date(value)
    except (ValueError, OverflowError) as exc:
        raise CellError("bad_date", value=_as_text(value)) from exc


def _clean_count(value: Any) -> int:
    try:
        number = parse_count(value)
    except (ValueError, OverflowError) as exc:
        raise CellError("bad_number", value=_as_text(value)) from exc
    if number > 2_147_483_647:
        raise CellError("bad_number", value=_as_text(value))
    return number


def _clean_krw(value: Any) -> int:
    try:
        amount = parse_krw(value)
    except (ValueError, OverflowError) as exc:
        raise CellError("bad_amount", value=_as_text(value)) from exc
    if amount > 9_000_000_000_000_000_000:
        raise CellError("bad_amount", value=_as_text(value))
    return amount


def _clean_email(value: Any) -> str:
    text = _as_text(value)
    try:
        validate_email(text)
    except ValidationError as exc:
        raise CellError("bad_email", value=text) from exc
    if len(text) > 254:
        raise CellError("bad_email", value=text)
    return text


def _clean_homepage(value: Any) -> str:
    text = _as_text(value)
    url = text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    try:
        _URL(url)
    except ValidationError as exc:
        raise CellError("bad_url", value=text) from exc
    if len(url) > 200:
        raise CellError("too_long", max=200)
    return url


def _clean_kind(value: Any) -> str:
    kind = parse_kind(value)
    if kind is None:
        raise CellError("unknown_kind", value=_as_text(value))
    return kind


def _clean_stage(value: Any) -> str:
    stage = parse_stage(value)
    if stage is None:
        raise CellError("unknown_stage", value=_as_text(value))
    return stage


def _clean_aliases(value: Any) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[;|]", _as_text(value)):
        alias = part.strip()[:200]
        if alias and alias not in out:
            out.append(alias)
    return out[:20]


_CLEANERS: dict[str, Callable[[Any], Any]] = {
    "business_number": _clean_brn,
    "founded_on": _clean_date,
    "kind": _clean_kind,
    "stage": _clean_stage,
    "employees": _clean_count,
    "homepage": _clean_homepage,
    "contact_email": _clean_email,
    "revenue_krw": _clean_krw,
    "aliases": _clean_aliases,
}


# --- validation ----------------------------------------------------------------------------

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
INVALID = "invalid"


@dataclass(slots=True)
class RowResult:
    row: int
    values: dict[str, Any]  # cleaned values of the mapped, non-empty cells (+ kind for new rows)
    issues: list[RowIssue] = field(default_factory=list)
    action: str = INVALID
    existing: Organization | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    file_kind: str = ""  # the kind the file gave, for the "kind kept" warning

    @property
    def is_valid(self) -> bool:
        return not any(i.is_error for i in self.issues)


@dataclass(slots=True)
class ValidationResult:
    rows: list[RowResult]
    file_issues: list[RowIssue] = field(default_factory=list)

    @property
    def issues(self) -> list[RowIssue]:
        out = list(self.file_issues)
        for r in self.rows:
            out.extend(r.issues)
        return out

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if r.is_valid)

    @property
    def invalid_count(self) -> int:
        return len(self.rows) - self.valid_count

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


ProgressCallback = Callable[[str, int, int], None]


def _clean_row(row: int, cells: list[Any], mapping: Mapping, headers: list[str]) -> RowResult:
    result = RowResult(row, {})
    for index, name in sorted(mapping.columns.items()):
        raw = cells[index] if index < len(cells) else ""
        if raw == "" or raw is None:
            continue
        column = headers[index] if index < len(headers) else f"#{index + 1}"
        try:
            if name == "industry":
                industry = parse_industry(raw)
                if industry is None:
                    industry = Industry.OTHER
                    result.issues.append(
                        RowIssue.make(
                            row, name, column, "unknown_industry", WARNING, value=_as_text(raw)
                        )
                    )
                value: Any = industry
            elif name in _CLEANERS:
                value = _CLEANERS[name](raw)
            else:
                value = _clean_text(name, raw)
        except CellError as exc:
            result.issues.append(RowIssue.make(row, name, column, exc.code, **exc.params))
            continue
        if value in ("", [], None):
            continue
        result.values[name] = value
    if not result.values.get("name_ko") and result.values.get("name_en"):
        result.values["name_ko"] = result.values["name_en"]
    if not result.values.get("name_ko") and not any(
        i.field in {"name_ko", "name_en"} for i in result.issues
    ):
        column = next((headers[i] for i, f in mapping.columns.items() if f == "name_ko"), "")
        result.issues.append(RowIssue.make(row, "name_ko", column, "required_name"))
    result.file_kind = result.values.pop("kind", "")
    return result


def _column_of(mapping: Mapping, headers: list[str], name: str) -> str:
    for index, f in mapping.columns.items():
        if f == name and index < len(headers):
            return headers[index]
    return ""


def _model_issues(
    row: int, exc: ValidationError, mapping: Mapping, headers: list[str]
) -> list[RowIssue]:
    out = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            column = _column_of(mapping, headers, name)
            out.append(
                RowIssue.make(
                    row, name if name != "__all__" else "", column, "invalid", value=message
                )
            )
    return out


def _chunks(items: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def validate(
    parsed: ParsedFile,
    mapping: Mapping,
    *,
    progress: ProgressCallback | None = None,
    progress_every: int = PROGRESS_EVERY,
) -> ValidationResult:
    """Cleans and checks every row; decides create / update / unchanged against the database.

    Read only (a few queries, in chunks). Never raises on bad data: problems are RowIssues.
    """
    headers = parsed.headers
    total = len(parsed.rows)
    result = ValidationResult([])
    if "no_name" in mapping.problems():
        result.file_issues.append(RowIssue.make(0, "name_ko", "", "no_name_column"))
    rows = [_clean_row(number, cells, mapping, headers) for number, cells in parsed.rows]
    result.rows = rows

    # Duplicates within the file.
    brn_column = _column_of(mapping, headers, "business_number")
    name_column = _column_of(mapping, headers, "name_ko") or _column_of(mapping, headers, "name_en")
    first_by_brn: dict[str, int] = {}
    first_by_name: dict[str, int] = {}
    for r in rows:
        brn = r.values.get("business_number")
        name = r.values.get("name_ko")
        if brn:
            if brn in first_by_brn:
                r.issues.append(
                    RowIssue.make(
                        r.row,
                        "business_number",
                        brn_column,
                        "duplicate_brn",
                        value=brn,
                        other=first_by_brn[brn],
                    )
                )
            else:
                first_by_brn[brn] = r.row
        elif name and "business_number" not in {i.field for i in r.issues}:
            key = normalize_label(name) or name
            if key in first_by_name:
                r.issues.append(
                    RowIssue.make(
                        r.row,
                        "name_ko",
                        name_column,
                        "duplicate_name",
                        value=name,
                        other=first_by_name[key],
                    )
                )
            else:
                first_by_name[key] = r.row

    # Existing organizations: by business number, else by exact Korean name without a number.
    by_brn: dict[str, Organization] = {}
    for chunk in _chunks(list(first_by_brn)):
        by_brn.update(
            {o.business_number: o for o in Organization.objects.filter(business_number__in=chunk)}
        )
    names = [
        r.values["name_ko"]
        for r in rows
        if r.values.get("name_ko") and not r.values.get("business_number")
    ]
    by_name: dict[str, list[Organization]] = {}
    for chunk in _chunks(sorted(set(names))):
        for o in Organization.objects.filter(name_ko__in=chunk, business_number__isnull=True):
            by_name.setdefault(o.name_ko, []).append(o)

    for done, r in enumerate(rows, start=1):
        if progress and (done % progress_every == 0 or done == total):
            progress("validating", done, total)
        if not r.is_valid:
            r.action = INVALID
            continue
        brn = r.values.get("business_number")
        if brn:
            r.existing = by_brn.get(brn)
        else:
            matches = by_name.get(r.values["name_ko"], [])
            if len(matches) > 1:
                r.issues.append(
                    RowIssue.make(
                        r.row, "name_ko", name_column, "ambiguous_name", value=r.values["name_ko"]
                    )
                )
                r.action = INVALID
                continue
            r.existing = matches[0] if matches else None
        if r.existing is None:
            candidate = Organization(kind=r.file_kind or mapping.default_kind, **r.values)
            try:
                candidate.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                r.issues.extend(_model_issues(r.row, exc, mapping, headers))
                r.action = INVALID
                continue
            r.values["kind"] = candidate.kind
            r.action = CREATE
            continue
        if r.file_kind and r.file_kind != r.existing.kind:
            r.issues.append(
                RowIssue.make(
                    r.row, "kind", _column_of(mapping, headers, "kind"), "kind_kept", WARNING,
                    value=r.file_kind, current=r.existing.kind,
                )
            )  # fmt: skip
        r.changes = {k: v for k, v in r.values.items() if getattr(r.existing, k) != v}
        if not r.changes:
            r.action = UNCHANGED
            continue
        candidate = copy.copy(r.existing)
        for k, v in r.changes.items():
            setattr(candidate, k, v)
        try:
            candidate.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            r.issues.extend(_model_issues(r.row, exc, mapping, headers))
            r.action = INVALID
            continue
        r.action = UPDATE
    return result


# --- committing ----------------------------------------------------------------------------


class ImportInvalidError(Exception):
    """Some rows are invalid; nothing was written."""

    def __init__(self, result: ValidationResult) -> None:
        super().__init__(f"{len(result.errors)} errors")
        self.result = result


@dataclass(slots=True)
class CommitOutcome:
    result: ValidationResult
    created: list[Organization]
    updated: list[Organization]

    @property
    def unchanged_count(self) -> int:
        return self.result.count(UNCHANGED)


def commit(
    parsed: ParsedFile,
    mapping: Mapping,
    *,
    by: Any = None,
    progress: ProgressCallback | None = None,
    progress_every: int = PROGRESS_EVERY,
    batch_size: int = 500,
) -> CommitOutcome:
    """Validates and writes every row in ONE transaction: all rows or none.

    New organizations go in with ``organizations_bulk_create`` (indexed for search in the same
    transaction), changed ones through ``organization_update`` (validated, re-indexed, audited).
    Raises ImportInvalidError when any row is invalid (nothing is written), and lets
    ValidationError / DatabaseError from the writes propagate after the rollback.
    Idempotent: a second run of the same file finds every row unchanged.
    """
    with transaction.atomic():
        result = validate(parsed, mapping, progress=progress, progress_every=progress_every)
        if not result.is_valid:
            raise ImportInvalidError(result)
        total = len(result.rows)
        created: list[Organization] = []
        updated: list[Organization] = []
        pending: list[Organization] = []
        for done, r in enumerate(result.rows, start=1):
            if r.action == CREATE:
                pending.append(Organization(**r.values))
            elif r.action == UPDATE:
                try:
                    updated.append(organization_update(organization=r.existing, by=by, **r.changes))
                except ValidationError as exc:
                    r.issues.extend(_model_issues(r.row, exc, mapping, parsed.headers))
                    raise ImportInvalidError(result) from exc
            if len(pending) >= batch_size:
                created.extend(organizations_bulk_create(pending, batch_size=batch_size))
                pending = []
            if progress and (done % progress_every == 0 or done == total):
                progress("saving", done, total)
        if pending:
            created.extend(organizations_bulk_create(pending, batch_size=batch_size))
    return CommitOutcome(result, created, updated)


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def read_progress(job: ImportJob) -> dict[str, Any]:
    """{"phase", "processed", "total", "percent"}: the cache while running, else the job row.

    Validating is the first half of the bar and saving the second.
    """
    total = job.total_rows
    if job.status == ImportStatus.RUNNING:
        data = django_cache.get(progress_key(job.pk)) or {}
        phase = data.get("phase", "validating")
        processed = int(data.get("processed", job.processed_rows))
        total = int(data.get("total", total)) or total
        half = 0 if phase == "validating" else 50
        percent = half + (round(50 * processed / total) if total else 0)
        return {
            "phase": phase,
            "processed": processed,
            "total": total,
            "percent": min(100, percent),
        }
    if job.status == ImportStatus.DONE:
        return {"phase": "done", "processed": job.processed_rows, "total": total, "percent": 100}
    return {"phase": job.status, "processed": job.processed_rows, "total": total, "percent": 0}


def run_job(job: ImportJob, *, by: Any = None) -> ImportJob:
    """Commits a mapped job; records counts or every issue on the job. Never raises on bad data.

    Only a job in MAPPED or FAILED status is run (a claim by conditional UPDATE, so a double
    submit runs it once); the job row is written outside the import's transaction, so its
    status survives a rollback.
    """
    from sadari.common.audit import audit_record

    claimed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.MAPPED, ImportStatus.FAILED]
    ).update(
        status=ImportStatus.RUNNING,
        processed_rows=0,
        created_count=0,
        updated_count=0,
        updated_at=timezone.now(),
    )
    job.refresh_from_db()
    if not claimed:
        return job
    key = progress_key(job.pk)
    django_cache.set(
        key, {"phase": "validating", "processed": 0, "total": job.total_rows}, PROGRESS_TIMEOUT
    )

    def report(phase: str, processed: int, total: int) -> None:
        django_cache.set(
            key, {"phase": phase, "processed": processed, "total": total}, PROGRESS_TIMEOUT
        )

    try:
        parsed = parse_file(bytes(job.payload), job.filename, encoding=job.encoding or None)
        outcome = commit(parsed, Mapping.from_json(job.mapping), by=by, progress=report)
    except ImportFileError as exc:
        issues = [RowIssue(0, "", "", "file", exc.message, exc.message_en)]
        return _finish(job, ImportStatus.FAILED, issues=issues)
    except ImportInvalidError as exc:
        return _finish(
            job, ImportStatus.FAILED, issues=exc.result.issues, total=len(exc.result.rows)
        )
    except (DatabaseError, ValidationError, ValueError) as exc:
        issues = [RowIssue.make(0, "", "", "failed", value=str(exc))]
        return _finish(job, ImportStatus.FAILED, issues=issues)
    except Exception as exc:  # a bug must not leave the job "running" forever
        logger.exception("import job %s failed", job.pk)
        issues = [RowIssue.make(0, "", "", "failed", value=type(exc).__name__)]
        return _finish(job, ImportStatus.FAILED, issues=issues)
    job = _finish(
        job,
        ImportStatus.DONE,
        issues=outcome.result.warnings,
        total=len(outcome.result.rows),
        created=len(outcome.created),
        updated=len(outcome.updated),
    )
    audit_record(
        actor=by,
        action="organization.import",
        target=job,
        created=job.created_count,
        updated=job.updated_count,
        unchanged=outcome.unchanged_count,
    )
    return job


def _finish(
    job: ImportJob,
    status: str,
    *,
    issues: list[RowIssue],
    total: int | None = None,
    created: int = 0,
    updated: int = 0,
) -> ImportJob:
    job.status = status
    if total is not None:
        job.total_rows = total
    job.processed_rows = job.total_rows if status == ImportStatus.DONE else 0
    job.created_count = created
    job.updated_count = updated
    job.errors = [i.to_dict() for i in sorted(issues, key=lambda i: (i.row, i.level != ERROR))]
    job.save(
        update_fields=[
            "status", "total_rows", "processed_rows", "created_count", "updated_count", "errors",
            "updated_at",
        ]
    )  # fmt: skip
    django_cache.set(
        progress_key(job.pk),
        {"phase": status, "processed": job.processed_rows, "total": job.total_rows},
        PROGRESS_TIMEOUT,
    )
    return job


def unchanged_count(job: ImportJob) -> int:
    """Rows a finished job left as they were (the job stores created and updated counts)."""
    if job.status != ImportStatus.DONE:
        return 0
    return max(0, job.total_rows - job.created_count - job.updated_count)


# --- error report --------------------------------------------------------------------------


def error_report_csv(issues: Iterable[RowIssue], *, english: bool = False) -> str:
    """CSV text ``row,field,message,column,level`` (row 0 = the whole file). The caller adds a
    UTF-8 BOM when serving it, so Excel opens the Korean text correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["row", "field", "message", "column", "level"])
    for i in issues:
        message = i.message_en if english else i.message
        writer.writerow(csv_safe_row([i.row, i.field, message, i.column, i.level]))
    return out.getvalue()


def new_job(
    *, data: bytes, filename: str, by: Any = None, encoding: str | None = None
) -> tuple[ImportJob, ParsedFile]:
    """Reads the file (ImportFileError when it cannot) and saves an UPLOADED job with the
    auto-mapping."""
    parsed = parse_file(data, filename, encoding=encoding)
    job = ImportJob.objects.create(
        created_by=by if getattr(by, "is_authenticated", False) else None,
        filename=filename[:255] or "import",
        payload=data,
        encoding=parsed.encoding[:16],
        headers=parsed.headers,
        mapping=auto_map(parsed.headers).to_json(),
        total_rows=len(parsed.rows),
    )
    return job, parsed
