"""Importing needs and technologies from CSV/XLSX (UTF-8 or CP949, Korean or English headers).

Reading files reuses the directory importer (``parse_file``: encodings, delimiters, XLSX,
row numbers as the user sees them). Columns are recognized by their header; each row is
checked with the same validators as the forms, and problems are reported with the row number
and column. Nothing is written unless every row is valid (one transaction). A row updates the
organization's existing item with the same title (Korean or English), so importing a file
twice changes nothing the second time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sadari.directory.importing import (
    ImportFileError,
    ParsedFile,
    cell_text,
    normalize_label,
    parse_date,
    parse_file,
    parse_industry,
    parse_krw,
)
from sadari.directory.models import Organization
from sadari.techtrade.enums import LicensingModel, ListingStatus
from sadari.techtrade.models import TechImport, TechNeed, Technology
from sadari.techtrade.services import listing_create, listing_update
from sadari.techtrade.validators import MAX_AMOUNT_KRW, normalize_patent_number

COMMON = {
    "title_ko": ("제목", "과제명", "기술명", "수요명", "제목국문", "국문제목", "title", "titleko", "koreantitle"),
    "title_en": ("영문제목", "제목영문", "영문기술명", "titleen", "englishtitle"),
    "teaser_ko": ("요약", "공개요약", "티저", "소개", "teaser", "teaserko", "summary"),
    "teaser_en": ("영문요약", "요약영문", "teaseren", "englishsummary", "summaryen"),
    "fields": ("분야", "기술분야", "산업", "산업분야", "fields", "field", "industry", "sector"),
    "details_ko": ("비공개상세", "상세", "비공개", "기밀", "상세내용", "details", "detailsko", "confidential"),
    "details_en": ("영문비공개상세", "영문상세", "detailsen", "confidentialen"),
    "status": ("상태", "status"),
}  # fmt: skip
NEED_HEADERS = COMMON | {
    "problem_ko": ("문제", "해결과제", "문제정의", "problem", "problemko"),
    "problem_en": ("영문문제", "problemen"),
    "outcome_ko": ("기대성과", "목표", "원하는결과", "outcome", "desiredoutcome", "outcomeko"),
    "outcome_en": ("영문기대성과", "outcomeen"),
    "trl_wanted": ("trl", "요구trl", "희망trl", "기술성숙도", "trlwanted"),
    "budget_min_krw": ("최소예산", "예산하한", "예산최소", "budgetmin", "budgetfrom", "minbudget"),
    "budget_max_krw": ("최대예산", "예산상한", "예산", "예산최대", "budgetmax", "budget", "maxbudget"),
    "deadline": ("마감일", "기한", "마감", "deadline", "dueby"),
}  # fmt: skip
TECHNOLOGY_HEADERS = COMMON | {
    "description_ko": ("설명", "기술설명", "기술개요", "description", "descriptionko"),
    "description_en": ("영문설명", "descriptionen"),
    "trl": ("trl", "기술성숙도", "trl단계"),
    "patents": ("특허", "특허번호", "출원번호", "등록번호", "patents", "patent", "patentnumbers"),
    "licensing_models": ("거래유형", "협력방식", "라이선스", "거래방식", "licensing", "licensingmodels", "partnership"),
    "price_min_krw": ("최소가격", "희망가격하한", "pricemin", "pricefrom"),
    "price_max_krw": ("최대가격", "희망가격", "희망가격상한", "pricemax", "price"),
}  # fmt: skip

LICENSING_SYNONYMS = {
    LicensingModel.LICENSE: ("라이선스", "통상실시", "실시권", "license", "licensing"),
    LicensingModel.EXCLUSIVE_LICENSE: ("전용실시", "독점라이선스", "exclusivelicense", "exclusive"),
    LicensingModel.TRANSFER: ("기술이전", "양도", "매각", "transfer", "sale", "assignment"),
    LicensingModel.JOINT_DEVELOPMENT: ("공동개발", "공동연구", "jointdevelopment", "codevelopment"),
    LicensingModel.POC: ("poc", "실증", "파일럿", "pilot"),
    LicensingModel.SUPPLY: ("공급", "납품", "supply", "supplycontract"),
    LicensingModel.INVESTMENT: ("투자", "전략적투자", "investment", "strategicinvestment"),
}
STATUS_SYNONYMS = {
    ListingStatus.DRAFT: ("초안", "임시", "draft"),
    ListingStatus.OPEN: ("공개", "모집중", "진행", "open", "active"),
    ListingStatus.PAUSED: ("중지", "보류", "paused"),
    ListingStatus.CLOSED: ("마감", "종료", "closed"),
}


def _index(headers: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize_label(s): name for name, syns in headers.items() for s in (*syns, name)}


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem in one row (row numbers as in the file; 0 = the whole file)."""

    row: int
    column: str
    message: str
    message_en: str


@dataclass
class Preview:
    kind: str
    headers: list[str]
    columns: dict[int, str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.rows)


def _split(value: Any) -> list[str]:
    return [p.strip() for p in re.split(r"[,;/\n|·]+", cell_text(value)) if p.strip()]


def _trl(value: Any) -> int:
    text = unicodedata.normalize("NFKC", cell_text(value)).lower()
    match = re.fullmatch(r"(?:trl)?\s*([1-9])\s*(?:단계|level)?", text)
    if not match:
        raise ValueError(value)
    return int(match[1])


def _choice(value: Any, synonyms: dict[str, tuple[str, ...]]) -> str:
    key = normalize_label(value)
    for code, words in synonyms.items():
        if key == normalize_label(code) or key in {normalize_label(w) for w in words}:
            return str(code)
    raise ValueError(value)


def _fields(value: Any) -> list[str]:
    out = []
    for part in _split(value):
        code = parse_industry(part)
        if code is None:
            raise ValueError(part)
        code = str(getattr(code, "value", code))
        if code not in out:
            out.append(code)
    return out


MESSAGES = {
    "trl": ("TRL은 1~9 사이의 숫자여야 합니다: {v}", "TRL must be a number from 1 to 9: {v}"),
    "krw": ("금액을 읽을 수 없습니다: {v}", "Cannot read the amount: {v}"),
    "date": ("날짜를 읽을 수 없습니다: {v}", "Cannot read the date: {v}"),
    "fields": ("알 수 없는 분야입니다: {v}", "Unknown field: {v}"),
    "licensing": ("알 수 없는 거래 유형입니다: {v}", "Unknown licensing model: {v}"),
    "status": ("알 수 없는 상태입니다: {v}", "Unknown status: {v}"),
    "patent": ("특허번호 형식이 아닙니다 (예: 10-2023-0123456): {v}",
               "Not a KIPRIS number (e.g. 10-2023-0123456): {v}"),
    "title": ("제목(국문 또는 영문)이 없습니다.", "The row has no title (Korean or English)."),
    "budget": ("최소 금액이 최대 금액보다 큽니다.", "The minimum amount is larger than the maximum."),
    "no_title_column": ("제목 열을 찾을 수 없습니다 (예: '제목', 'title').",
                        "No title column found (e.g. '제목', 'title')."),
}  # fmt: skip


def _cell(name: str, value: Any) -> Any:
    """A cell's value for ``name``; ValueError(code, text) when it cannot be read."""
    text = cell_text(value)
    try:
        if name in ("trl", "trl_wanted"):
            return _trl(value)
        if name.endswith("_krw"):
            amount = parse_krw(value)
            if amount > MAX_AMOUNT_KRW:
                raise ValueError(value)  # the preview names the cell, not the database
            return amount
        if name == "deadline":
            return parse_date(value)
        if name == "fields":
            return _fields(value)
        if name == "licensing_models":
            return [_choice(p, LICENSING_SYNONYMS) for p in _split(value)]
        if name == "status":
            return _choice(value, STATUS_SYNONYMS)
    except ValueError:
        raise ValueError(name, text) from None
    if name == "patents":
        try:
            return [normalize_patent_number(p) for p in _split(value)]
        except ValidationError:
            raise ValueError("patent", text) from None
    return text


_CODE = {"trl_wanted": "trl", "trl": "trl", "deadline": "date", "fields": "fields",
         "licensing_models": "licensing", "status": "status", "patent": "patent"}  # fmt: skip


def preview(parsed: ParsedFile, kind: str) -> Preview:
    """Recognizes the columns and checks every row (nothing is written)."""
    headers = NEED_HEADERS if kind == "need" else TECHNOLOGY_HEADERS
    index = _index(headers)
    columns: dict[int, str] = {}
    for position, header in enumerate(parsed.headers):
        name = index.get(normalize_label(header)) or index.get(
            normalize_label(re.sub(r"[(\[（].*?[)\]）]", "", header))
        )
        if name and name not in columns.values():
            columns[position] = name
    result = Preview(kind, parsed.headers, columns)
    if not {"title_ko", "title_en"} & set(columns.values()):
        result.issues.append(Issue(0, "", *MESSAGES["no_title_column"]))
        return result
    for number, cells in parsed.rows:
        values: dict[str, Any] = {}
        for position, name in columns.items():
            raw = cells[position] if position < len(cells) else ""
            if cell_text(raw) == "":
                continue
            try:
                values[name] = _cell(name, raw)
            except ValueError as exc:
                problem, text = exc.args
                code = "krw" if problem.endswith("_krw") else _CODE.get(problem, problem)
                ko, en = MESSAGES[code]
                header = parsed.headers[position]
                result.issues.append(Issue(number, header, ko.format(v=text), en.format(v=text)))
        if not (values.get("title_ko") or values.get("title_en")):
            result.issues.append(Issue(number, "", *MESSAGES["title"]))
        for low, high in (("budget_min_krw", "budget_max_krw"), ("price_min_krw", "price_max_krw")):
            if low in values and high in values and values[low] > values[high]:
                result.issues.append(Issue(number, "", *MESSAGES["budget"]))
        result.rows.append((number, values))
    return result


def import_start(*, kind: str, owner: Organization, data: bytes, filename: str, by: Any):
    """Reads the file (ImportFileError when it cannot) and keeps it for the preview."""
    parsed = parse_file(data, filename)
    result = preview(parsed, kind)
    job = TechImport.objects.create(
        kind=kind,
        owner=owner,
        created_by=by,
        filename=filename[:255],
        payload=data,
        encoding=parsed.encoding,
        issues=[_issue_dict(i) for i in result.issues],
        total_rows=len(parsed.rows),
    )
    return job, result


def _issue_dict(issue: Issue) -> dict[str, Any]:
    return {"row": issue.row, "column": issue.column, "message": issue.message,
            "message_en": issue.message_en}  # fmt: skip


def job_preview(job: TechImport) -> Preview:
    parsed = parse_file(bytes(job.payload), job.filename, encoding=job.encoding or None)
    return preview(parsed, job.kind)


class ImportInvalidError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = issues


@transaction.atomic
def import_commit(*, job: TechImport, by: Any) -> tuple[int, int]:
    """Writes every row in one transaction: (created, updated). Raises ImportInvalidError
    (nothing written) when a row is invalid, including a model rule the preview missed."""
    result = job_preview(job)
    if result.issues:
        raise ImportInvalidError(result.issues)
    model = TechNeed if job.kind == "need" else Technology
    existing = {
        key: item
        for item in model.objects.filter(owner=job.owner)
        for key in (("ko", item.title_ko), ("en", item.title_en))
        if key[1]
    }
    created = updated = 0
    problems: list[Issue] = []
    for number, values in result.rows:
        item = existing.get(("ko", values.get("title_ko", ""))) or existing.get(
            ("en", values.get("title_en", ""))
        )
        try:
            with transaction.atomic():
                if item is None:
                    item = listing_create(model, owner=job.owner, by=by, **values)
                    created += 1
                else:
                    before = item.updated_at
                    item = listing_update(item=item, by=by, **values)
                    updated += int(item.updated_at != before)
        except ValidationError as exc:
            text = "; ".join(exc.messages)
            problems.append(Issue(number, "", text, text))
            continue
        for key in (("ko", item.title_ko), ("en", item.title_en)):
            if key[1]:
                existing[key] = item
    if problems:
        raise ImportInvalidError(problems)
    job.created_count = created
    job.committed_at = timezone.now()
    job.issues = []
    job.save(update_fields=["created_count", "committed_at", "issues", "updated_at"])
    return created, updated


__all__ = ["ImportFileError", "ImportInvalidError", "import_commit", "import_start", "preview"]
