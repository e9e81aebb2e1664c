"""Importing job-posting files: Wanted, Programmers and Saramin CSV exports (the crawled files
under ``$SADARI_DATA_DIR/kr-job-postings`` have these columns; docs/jobs.md maps each column).

``import_postings(path, source="auto", dry_run=False)`` reads a CSV (UTF-8 with or without BOM,
or CP949; gzipped or not), maps each row with the source's mapper to JobPosting fields, and
writes them:

- **Idempotent** on ``(source, source_ref)``: Saramin's ``rec_idx`` from the posting link;
  Wanted and Programmers have no id, so the ref is a hash of the normalized company name and
  title. Importing the same file again changes nothing (``unchanged``); a row whose fields
  differ from the stored posting updates it (``updated``).
- **Rows are checked first, the file is written in one transaction.** A row without a title or
  company, or with a deadline that is not a date, is *rejected*: reported with its row number
  (the header is row 1) and skipped, while the other rows are imported. A database error while
  writing rolls the whole file back, so a file is never half-written. ``dry_run`` does all the
  work inside the transaction and rolls it back: the counts are exactly what a real run does.
- **Employers** are looked up in the directory by normalized name (legal forms like (주) and
  spacing ignored: ``normalize_company_name``; never a generated demo organization), remembered
  per source in ``ImportedEmployer``;
  a company not found is created as an organization (Wanted and Programmers: startup, Saramin:
  corporate; city and district from the address) and marked ``created`` in ``ImportedEmployer``.
- **Skills** come from the file's tech-stack labels (canonical names, unknown labels kept) and
  from the requirement and preferred text (``SkillVocabulary.skills_in``); **occupations** from
  the title (:mod:`sadari.jobs.occupations`, when the O*NET files are there).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db import transaction

from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create
from sadari.jobs import occupations
from sadari.jobs.models import ImportedEmployer, JobPosting
from sadari_core.skills import SkillVocabulary
from sadari_core.text.company import normalize_company_name, strip_legal_form

SOURCES = ("wanted", "programmers", "saramin")
MAX_REJECTED_SHOWN = 50
MAX_SKILLS = 30
MAX_TEXT = 10_000

# What the posting stores (compared to decide updated / unchanged).
POSTING_FIELDS = (
    "title", "duties", "requirements", "preferred", "required_skills", "preferred_skills",
    "employment_type", "experience", "education", "salary_min_krw", "salary_max_krw", "region",
    "deadline", "url",
)  # fmt: skip

WANTED_COLUMNS = ("title", "intro", "category", "comp_name", "comp_addr", "role", "requirement",
                  "preferred", "due", "tech_stack", "welfare", "procedure")  # fmt: skip
SARAMIN_COLUMNS = ("채용 제목", "채용 링크", "회사명", "회사 링크", "지역", "경력", "학력",
                   "고용형태", "연봉", "직무 분야", "등록일", "마감일")  # fmt: skip
REQUIRED_COLUMNS = {
    "wanted": ("title", "comp_name"),
    "programmers": ("title", "comp_name"),
    "saramin": ("채용 제목", "회사명"),
}

# 시/도 as the files abbreviate them → the directory's full names.
PROVINCES = {
    "서울": "서울특별시", "부산": "부산광역시", "대구": "대구광역시", "인천": "인천광역시",
    "광주": "광주광역시", "대전": "대전광역시", "울산": "울산광역시", "세종": "세종특별자치시",
    "경기": "경기도", "강원": "강원특별자치도", "충북": "충청북도", "충남": "충청남도",
    "전북": "전북특별자치도", "전남": "전라남도", "경북": "경상북도", "경남": "경상남도",
    "제주": "제주특별자치도",
}  # fmt: skip
_FULL_TO_SHORT = {full: short for short, full in PROVINCES.items()} | {
    "서울시": "서울", "강원도": "강원", "전라북도": "전북", "제주도": "제주",
}  # fmt: skip
NO_DEADLINE = {"", "none", "null", "채용시", "채용시 마감", "상시채용", "상시", "수시채용",
               "정보 없음", "정보없음", "-"}  # fmt: skip
NO_INFO = {"", "정보 없음", "정보없음", "none", "-"}
NO_STACK = {"기술 스택 없음", "기술스택 없음", "카테고리 없음", "없음", "None"}


class ImportFileError(Exception):
    """The file cannot be imported at all (unreadable, unknown encoding, missing columns)."""


class RowRejected(Exception):  # noqa: N818 - a row's reason, not a program error
    """A row that cannot be imported; the message is the reason shown with its row number."""


@dataclass
class MappedRow:
    """One row mapped to posting fields, with its employer as the file names it."""

    row: int
    source_ref: str
    company: str
    address: str
    fields: dict[str, Any]
    hint: str = ""  # a job field or category, classified when the title says too little

    @property
    def title_to_classify(self) -> str:
        """The title without the company's name (Saramin titles often start with it:
        "알피바이오 신입/경력 채용" is not about biology)."""
        title = self.fields["title"]
        for name in {self.company, strip_legal_form(self.company).strip()}:
            if len(name) >= 2:
                title = title.replace(name, " ")
        return " ".join(title.split())


@dataclass
class ImportReport:
    path: str
    source: str
    dry_run: bool = False
    received: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)
    duplicates: int = 0  # rows repeating an earlier row's ref (the last one wins)
    employers_matched: int = 0
    employers_created: int = 0
    with_occupations: int = 0  # postings of the file that have occupations after the import
    occupations: str = ""
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"{self.path} ({self.source}{', dry run: nothing saved' if self.dry_run else ''}): "
            f"received {self.received}, created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {len(self.rejected)}"
            + (f", repeated refs {self.duplicates}" if self.duplicates else ""),
            f"  employers: {self.employers_matched} found in the directory, "
            f"{self.employers_created} created",
            f"  postings with occupations: {self.with_occupations}; {self.occupations}",
            f"  {self.seconds:.1f} s",
        ]
        out += [
            f"  rejected row {row}: {reason}" for row, reason in self.rejected[:MAX_REJECTED_SHOWN]
        ]
        if len(self.rejected) > MAX_REJECTED_SHOWN:
            out.append(f"  … and {len(self.rejected) - MAX_REJECTED_SHOWN} more rejected rows")
        return out


# --- reading ----------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP949 (Korean Excel), else ImportFileError."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise ImportFileError("broken gzip file") from exc
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("neither UTF-8 nor CP949 text (save the file as UTF-8 CSV)")


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and (row number, row) pairs; the header is row 1."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read ({exc.strerror})") from exc
    try:
        text = decode(data)
    except ImportFileError as exc:
        raise ImportFileError(f"{path}: {exc}") from None
    if "\x00" in text:
        raise ImportFileError(f"{path}: not a text file")
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = headers

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for n, row in enumerate(reader, start=2):
            cells = {k: (v or "") if isinstance(v, str) else "" for k, v in row.items() if k}
            if any(v.strip() for v in cells.values()):
                yield n, cells

    return headers, rows()


def detect_source(path: Path, headers: list[str]) -> str:
    """saramin by its Korean headers; wanted vs programmers (same headers) by the file name,
    else wanted."""
    if "채용 제목" in headers:
        return "saramin"
    if "comp_name" in headers and "title" in headers:
        return "programmers" if "programmers" in path.name.lower() else "wanted"
    raise ImportFileError(
        f"{path.name}: unknown columns ({', '.join(headers[:6])} …); expected a Wanted/"
        "Programmers export (title, comp_name, …) or a Saramin one (채용 제목, 회사명, …)"
    )


# --- cleaning ---------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]{0,300}>")
_MD_ESCAPE = re.compile(r"\\([-.()\[\]_*#+!`{}>|~])")


def clean_text(value: str, *, markdown: bool = False) -> str:
    """Lines joined by "|" become lines; HTML tags, Markdown escapes (Programmers) and bold
    marks go; spacing is tidied."""
    text = (value or "").replace("\r\n", "\n").replace("\xa0", " ")
    if text.strip().casefold() in ("none", "nan"):
        return ""
    text = _TAG.sub("", text)
    if markdown:
        text = _MD_ESCAPE.sub(r"\1", text).replace("**", "")
    lines = [" ".join(line.split()) for part in text.split("|") for line in part.split("\n")]
    return "\n".join(line for line in lines if line)[:MAX_TEXT]


def _one_line(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def parse_deadline(value: str) -> date | None:
    text = (value or "").strip()
    if text.casefold() in NO_DEADLINE or text.startswith(("채용시", "상시")):
        return None
    match = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:\s*\(.\))?(?:[ T].*)?", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise RowRejected(f"deadline {text[:30]!r} is not a date (YYYY-MM-DD or YYYY/MM/DD)")


def region_of(value: str) -> str:
    """ "서울 강남구 강남구 언주로 527" → "서울 강남구"; "서울전체" → "서울"; "대한민국 서울특별시
    종로구 …" → "서울 종로구"; 경기 cities keep their 구 ("경기 성남시 분당구")."""
    words = (value or "").replace(",", " ").split()
    if words and words[0] in ("대한민국", "한국"):
        words = words[1:]
    if not words:
        return ""
    first = words[0].removesuffix("전체")
    first = _FULL_TO_SHORT.get(first, first)
    if first not in PROVINCES:
        return _one_line(value, 60) if len(value) <= 20 else ""
    out = [first]
    for word in words[1:3]:
        word = word.removesuffix("전체")
        if _FULL_TO_SHORT.get(word) == first or word == first:
            continue  # "서울 종로구 서울특별시 종로구"
        if word.endswith(("시", "군", "구")) and word not in out and len(word) <= 6:
            out.append(word)
            if word.endswith(("구", "군")):
                break
        else:
            break
    return " ".join(out)


def city_district(region: str) -> tuple[str, str]:
    """The directory's city and district for a region: 서울 강남구 → (서울특별시, 강남구);
    경기 성남시 분당구 → (경기도 성남시, 분당구)."""
    words = region.split()
    if not words or words[0] not in PROVINCES:
        return "", ""
    full = PROVINCES[words[0]]
    if full.endswith("도") and len(words) > 1 and words[1].endswith(("시", "군")):
        return f"{full} {words[1]}", (words[2] if len(words) > 2 else "")
    return full, (words[1] if len(words) > 1 else "")


def parse_salary(value: str) -> tuple[int | None, int | None]:
    """Saramin's salary: "6,000 만원" (annual) → 60,000,000 both ways; amounts under
    1,000만원 are monthly pay ("226 만원") and are annualized ×12; "3,000~4,000 만원" a range;
    "정보 없음", 회사내규 or amounts over 5억 (typos: "100,000 만원") → none."""
    text = (value or "").strip()
    if text.casefold() in NO_INFO:
        return None, None
    numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]
    if not numbers or "만원" not in text.replace(" ", ""):
        return None, None
    monthly = "월" in text or max(numbers) < 1000
    amounts = [n * 10_000 * (12 if monthly else 1) for n in numbers[:2]]
    if max(amounts) > 500_000_000 or min(amounts) <= 0:
        return None, None
    return min(amounts), max(amounts)


@lru_cache(maxsize=1)
def vocabulary() -> SkillVocabulary:
    return SkillVocabulary.default()


def skills_of(labels: list[str], required_text: str, preferred_text: str) -> tuple[list, list]:
    vocab = vocabulary()
    required = list(dict.fromkeys((*vocab.canonicalize(labels), *vocab.skills_in(required_text))))[
        :MAX_SKILLS
    ]
    preferred = [s for s in vocab.skills_in(preferred_text) if s not in required][:MAX_SKILLS]
    return [s[:100] for s in required], [s[:100] for s in preferred]


def company_key(name: str) -> str:
    return (normalize_company_name(name) or " ".join(name.split()).casefold())[:200]


def _hash_ref(company: str, title: str) -> str:
    key = f"{company_key(company)}\n{' '.join(title.split()).casefold()}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:24]  # noqa: S324 - an id, not security


def _require(row: dict[str, str], column: str, what: str) -> str:
    value = " ".join((row.get(column) or "").split())
    if not value or value.casefold() in ("none", "nan"):
        raise RowRejected(f"no {what} ({column})")
    return value


# --- one mapper per source ------------------------------------------------------------------


def _map_wanted_like(n: int, row: dict[str, str], *, markdown: bool) -> MappedRow:
    title = _require(row, "title", "title")[:200]
    company = _require(row, "comp_name", "company")[:200]
    duties = clean_text(row.get("role", ""), markdown=markdown) or clean_text(
        row.get("intro", ""), markdown=markdown
    )
    requirements = clean_text(row.get("requirement", ""), markdown=markdown)
    preferred = clean_text(row.get("preferred", ""), markdown=markdown)
    labels = [
        label.strip()
        for label in clean_text(row.get("tech_stack", ""), markdown=markdown).split("\n")
        if label.strip() and label.strip() not in NO_STACK
    ]
    category = clean_text(row.get("category", "")).split("\n")[0]
    hint = "" if category.isdigit() or category in NO_STACK else category
    required_skills, preferred_skills = skills_of(labels, requirements, preferred)
    address = _one_line(row.get("comp_addr", ""), 300)
    return MappedRow(
        row=n,
        source_ref=_hash_ref(company, title),
        company=company,
        address=address,
        hint=hint,
        fields={
            "title": title,
            "duties": duties,
            "requirements": requirements,
            "preferred": preferred,
            "required_skills": required_skills,
            "preferred_skills": preferred_skills,
            "employment_type": "",
            "experience": "",
            "education": "",
            "salary_min_krw": None,
            "salary_max_krw": None,
            "region": region_of(address),
            "deadline": parse_deadline(row.get("due", "")),
            "url": "",
        },
    )


def map_wanted(n: int, row: dict[str, str]) -> MappedRow:
    """Wanted: title, comp_name, comp_addr → region, role → duties, requirement, preferred,
    tech_stack ("|"-joined labels) → skills, due → deadline ("None": no deadline)."""
    return _map_wanted_like(n, row, markdown=False)


def map_programmers(n: int, row: dict[str, str]) -> MappedRow:
    """Programmers: Wanted's columns; the text has Markdown escapes ("\\-", "\\.") and HTML."""
    return _map_wanted_like(n, row, markdown=True)


_REC_IDX = re.compile(r"[?&]rec_idx=(\d+)")


def map_saramin(n: int, row: dict[str, str]) -> MappedRow:
    """Saramin: 채용 제목 → title, 회사명 → employer, 지역 → region, 경력 → experience, 학력 →
    education, 고용형태 → employment type, 연봉 → salary, 직무 분야 → duties and skills, 마감일 →
    deadline, 채용 링크 → link (its rec_idx is the ref)."""
    title = _require(row, "채용 제목", "title")[:200]
    company = _require(row, "회사명", "company")[:200]
    link = (row.get("채용 링크") or "").strip()
    match = _REC_IDX.search(link)
    fields_text = clean_text((row.get("직무 분야") or "").replace(",", "\n"))
    required_skills, _ = skills_of([], f"{title}\n{fields_text}", "")
    salary_min, salary_max = parse_salary(row.get("연봉", ""))

    def info(column: str) -> str:
        value = _one_line(row.get(column, ""), 40)
        return "" if value.casefold() in NO_INFO else value

    region = region_of(row.get("지역", ""))
    return MappedRow(
        row=n,
        source_ref=match[1] if match else _hash_ref(company, title),
        company=company,
        address=region,
        hint=fields_text.split("\n")[0],
        fields={
            "title": title,
            "duties": fields_text,
            "requirements": "",
            "preferred": "",
            "required_skills": required_skills,
            "preferred_skills": [],
            "employment_type": info("고용형태"),
            "experience": info("경력"),
            "education": info("학력"),
            "salary_min_krw": salary_min,
            "salary_max_krw": salary_max,
            "region": region,
            "deadline": parse_deadline(row.get("마감일", "")),
            "url": link[:500] if link.startswith(("http://", "https://")) else "",
        },
    )


MAPPERS: dict[str, Callable[[int, dict[str, str]], MappedRow]] = {
    "wanted": map_wanted,
    "programmers": map_programmers,
    "saramin": map_saramin,
}
EMPLOYER_KIND = {"wanted": OrgKind.STARTUP, "programmers": OrgKind.STARTUP,
                 "saramin": OrgKind.CORPORATE}  # fmt: skip


# --- employers --------------------------------------------------------------------------------


class _Employers:
    """Finds or creates the directory organization of each company named in a file."""

    def __init__(self, source: str, report: ImportReport) -> None:
        self.source = source
        self.report = report
        self.by_key: dict[str, int] = {}

    def prepare(self, rows: list[MappedRow]) -> None:
        names = {company_key(r.company): r.company for r in rows}
        known = ImportedEmployer.objects.filter(source=self.source, key__in=list(names))
        self.by_key = dict(known.values_list("key", "organization_id"))
        missing = {k: v for k, v in names.items() if k not in self.by_key}
        stripped = {strip_legal_form(v).strip()[:200] for v in missing.values()} - {""}
        found: dict[str, int] = {}
        chunk_size = 500
        stripped_list = sorted(stripped)
        for i in range(0, len(stripped_list), chunk_size):
            chunk = stripped_list[i : i + chunk_size]
            for pk, name_ko, name_en, target in (
                Organization.objects.filter(sort_name__in=chunk, is_fictional=False)
                .order_by("id")
                .values_list("id", "name_ko", "name_en", "merged_into_id")
            ):
                for name in (name_ko, name_en):
                    key = normalize_company_name(name or "")
                    if key in missing and key not in found:
                        found[key] = target or pk
        self.found = found

    def organization_id(self, row: MappedRow) -> int:
        key = company_key(row.company)
        if key in self.by_key:
            return self.by_key[key]
        created = False
        pk = self.found.get(key)
        if pk is None:
            city, district = city_district(row.fields["region"])
            org = organization_create(
                kind=EMPLOYER_KIND[self.source],
                name_ko=row.company,
                city=city,
                district=district[:40],
                address=row.address[:300],
                is_fictional=False,
            )
            pk, created = org.pk, True
            self.report.employers_created += 1
        else:
            self.report.employers_matched += 1
        ImportedEmployer.objects.create(
            organization_id=pk, source=self.source, name=row.company, key=key, created=created
        )
        self.by_key[key] = pk
        return pk


# --- the import -------------------------------------------------------------------------------


def map_file(path: Path, source: str = "auto") -> tuple[str, list[MappedRow], ImportReport]:
    """Reads and maps every row (no database writes). Rejected rows are in the report."""
    headers, rows = read_rows(path)
    if source == "auto":
        source = detect_source(path, headers)
    if source not in MAPPERS:
        raise ImportFileError(f"unknown source {source!r} (one of {', '.join(SOURCES)}, auto)")
    missing = [c for c in REQUIRED_COLUMNS[source] if c not in headers]
    if missing:
        raise ImportFileError(f"{path.name}: no column {', '.join(missing)} for {source}")
    report = ImportReport(path=str(path), source=source)
    mapper = MAPPERS[source]
    mapped: dict[str, MappedRow] = {}
    for n, row in rows:
        report.received += 1
        try:
            item = mapper(n, row)
        except RowRejected as exc:
            report.rejected.append((n, str(exc)))
            continue
        if item.source_ref in mapped:
            report.duplicates += 1
        mapped[item.source_ref] = item
    return source, list(mapped.values()), report


class _DryRun(Exception):  # noqa: N818 - control flow: roll the transaction back
    pass


def import_postings(
    path: Path | str, *, source: str = "auto", dry_run: bool = False, reclassify: bool = False
) -> ImportReport:
    """Imports one posting file (see the module docstring). Raises ImportFileError when the
    file cannot be read at all. Titles of new postings and changed titles are classified;
    ``reclassify`` classifies every posting's title again."""
    started = time.perf_counter()
    path = Path(path)
    source, rows, report = map_file(path, source)
    report.dry_run = dry_run
    report.occupations = occupations.status()
    try:
        with transaction.atomic():
            _write(source, rows, report, reclassify)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    report.seconds = time.perf_counter() - started
    return report


def _write(source: str, rows: list[MappedRow], report: ImportReport, reclassify: bool) -> None:
    existing = {
        p.source_ref: p
        for p in JobPosting.objects.filter(
            source=source, source_ref__in=[r.source_ref for r in rows]
        )
    }
    # Titles to classify: new postings and changed titles (every title with ``reclassify``,
    # e.g. after the O*NET files were added).
    to_classify = [
        r
        for r in rows
        if reclassify
        or r.source_ref not in existing
        or existing[r.source_ref].title != r.fields["title"]
    ]
    codes = (
        occupations.classify_titles(
            [r.title_to_classify for r in to_classify], [r.hint for r in to_classify]
        )
        if to_classify
        else []
    )  # the classifier is built (~5 s) only when a title needs it
    codes_by_ref = (
        {r.source_ref: c for r, c in zip(to_classify, codes, strict=True)} if codes else {}
    )
    employers = _Employers(source, report)
    employers.prepare(rows)
    new: list[JobPosting] = []
    changed: list[JobPosting] = []
    for r in rows:
        employer_id = employers.organization_id(r)
        posting = existing.get(r.source_ref)
        occ = codes_by_ref.get(r.source_ref)
        if posting is None:
            new.append(
                JobPosting(
                    employer_id=employer_id,
                    source=source,
                    source_ref=r.source_ref,
                    occupations=occ or [],
                    **r.fields,
                )
            )
            continue
        dirty = posting.employer_id != employer_id
        posting.employer_id = employer_id
        for name, value in r.fields.items():
            if getattr(posting, name) != value:
                setattr(posting, name, value)
                dirty = True
        if occ is not None and occ != posting.occupations:
            posting.occupations = occ
            dirty = True
        if dirty:
            changed.append(posting)
        else:
            report.unchanged += 1
    JobPosting.objects.bulk_create(new, batch_size=500)
    for posting in changed:
        posting.save()
    report.created = len(new)
    report.updated = len(changed)
    report.with_occupations = sum(1 for p in (*new, *changed) if p.occupations) + sum(
        1
        for r in rows
        if r.source_ref in existing
        and existing[r.source_ref].occupations
        and existing[r.source_ref] not in changed
    )
