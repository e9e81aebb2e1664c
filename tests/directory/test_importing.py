"""The organization importer: decoding, mapping, cleaning, all-or-nothing commits, idempotence,
the management command, and the upload → mapping → preview → commit pages with their access rules.

Row numbers are spreadsheet rows: the header is row 1, the first data row is row 2.
"""

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from sadari.accounts.enums import Role
from sadari.common.models import AuditEvent
from sadari.directory import importing, search
from sadari.directory.enums import OrgKind
from sadari.directory.models import ImportJob, ImportStatus, Organization, SearchDocument
from sadari.directory.services import organization_create
from sadari_core.ids import make_brn

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.directory.import_test_urls")]

GOLDEN = Path(__file__).parent / "golden"
KO_CP949 = GOLDEN / "orgs_ko_cp949.csv"
EN_UTF8 = GOLDEN / "orgs_en_utf8.csv"
BAD_ROWS = GOLDEN / "orgs_bad_rows.csv"

HANEUL_BRN = make_brn("123456789")  # 123-45-67891, row 2 of the Korean golden file
# Excel date cells are naive datetimes; openpyxl reads them back as such.
EXCEL_JULY_2015 = datetime(2015, 7, 1)  # noqa: DTZ001
EXCEL_MARCH_2024 = datetime(2024, 3, 1)  # noqa: DTZ001


def _run(path: Path, *, by=None, mapping: importing.Mapping | None = None) -> ImportJob:
    data = path.read_bytes()
    job, _parsed = importing.new_job(data=data, filename=path.name, by=by)
    if mapping is not None:
        job.mapping = mapping.to_json()
    job.status = ImportStatus.MAPPED
    job.save()
    return importing.run_job(job, by=by)


def _xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def xlsx_bytes() -> bytes:
    return _xlsx(
        [
            ["회사명", "사업자번호", "설립일자", "유형", "구", "분야", "종업원수", "매출", "웹사이트"],
            ["엑셀주식회사", make_brn("301000001"), EXCEL_JULY_2015, "대기업", "중구", "AI", 250,
             3_500_000_000, "excel.example.kr"],
            ["셀스타트업", make_brn("301000002"), date(2023, 1, 9), "스타트업", "서초구", "IoT", 5, None, None],
        ]
    )  # fmt: skip


# --- reading files -------------------------------------------------------------------------


def test_cp949_file_with_korean_headers_is_decoded_and_recorded_as_cp949():
    parsed = importing.parse_file(KO_CP949.read_bytes(), KO_CP949.name)

    assert parsed.encoding == "cp949"
    assert parsed.headers[:3] == ["기업명", "영문명", "사업자등록번호"]
    assert [number for number, _cells in parsed.rows] == [2, 3, 4, 5]
    assert parsed.rows[0][1][0] == "(주)하늘드론"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("기업명\n하늘\n".encode(), "utf-8"),
        ("\ufeff기업명\n하늘\n".encode(), "utf-8-sig"),
        ("기업명\n하늘\n".encode("cp949"), "cp949"),
        ("기업명\n하늘\n".encode("euc-kr"), "cp949"),
        ("기업명\t영문명\n하늘\tHaneul\n".encode("utf-16"), "utf-16"),
    ],
)
def test_decoding_tries_utf8_then_cp949_and_records_which(data, encoding):
    parsed = importing.parse_file(data, "f.csv")

    assert parsed.encoding == encoding
    assert parsed.headers[0] == "기업명"
    assert parsed.rows[0][1][0] == "하늘"


def test_tab_separated_text_is_recognized():
    parsed = importing.parse_file("기업명\t자치구\n하늘\t용산구\n".encode(), "list.txt")

    assert parsed.headers == ["기업명", "자치구"]
    assert parsed.rows == [(2, ["하늘", "용산구"])]


def test_blank_rows_are_skipped_but_counted_so_row_numbers_match_the_file():
    parsed = importing.parse_file("기업명\n가\n\n나\n".encode(), "f.csv")

    assert parsed.rows == [(2, ["가"]), (4, ["나"])]


def test_xlsx_first_sheet_values_with_excel_dates(xlsx_bytes):
    parsed = importing.parse_file(xlsx_bytes, "orgs.xlsx")

    assert parsed.file_type == "xlsx"
    assert parsed.encoding == ""
    assert parsed.headers[0] == "회사명"
    assert parsed.rows[0][1][2] == EXCEL_JULY_2015


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "empty.csv", "비어"),
        (b"\n\n  \n", "blank.csv", "비어"),
        ("기업명,사업자등록번호\n".encode(), "header-only.csv", "데이터 행이 없습니다"),
        (b"\x00\x01\x02garbage\x00" * 50, "binary.csv", "CSV"),
        (b"this is not a spreadsheet" * 20, "fake.xlsx", "XLSX"),
        (b"PK\x03\x04" + b"\x00garbage" * 100, "broken.xlsx", "XLSX"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old.xls.csv", "XLS"),
        (bytes(range(128, 256)) * 4, "latin.csv", "인코딩"),
    ],
)
def test_unreadable_files_raise_import_file_error_with_a_message(data, filename, fragment):
    with pytest.raises(importing.ImportFileError) as info:
        importing.parse_file(data, filename)

    assert fragment in info.value.message
    assert info.value.message_en


def test_xlsx_with_only_a_header_row_is_reported():
    with pytest.raises(importing.ImportFileError, match="데이터 행이 없습니다"):
        importing.parse_file(_xlsx([["기업명"]]), "x.xlsx")


# --- mapping and cleaning ------------------------------------------------------------------


def test_korean_and_english_headers_are_mapped_automatically():
    headers = [
        "기업명", "영문명", "사업자등록번호", "설립일", "구분", "자치구", "업종", "투자단계",
        "직원수", "홈페이지", "이메일", "연락처", "매출액", "별칭", "소개", "비고",
    ]  # fmt: skip
    english = [
        "Name", "English name", "Business number", "Founded", "Kind", "District", "Industry",
        "Stage", "Employees", "Homepage", "E-mail", "Phone", "Revenue", "Aliases", "Description",
    ]  # fmt: skip

    ko = importing.auto_map(headers).columns
    en = importing.auto_map(english).columns

    expected = [
        "name_ko", "name_en", "business_number", "founded_on", "kind", "district", "industry",
        "stage", "employees", "homepage", "contact_email", "contact_phone", "revenue_krw",
        "aliases", "description_ko",
    ]  # fmt: skip
    assert [ko[i] for i in range(15)] == expected
    assert 15 not in ko  # 비고: unknown → ignored
    assert [en[i] for i in range(15)] == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("회사명", "name_ko"), ("상호", "name_ko"), ("name_ko", "name_ko"), ("기업명(국문)", "name_ko"),
        ("기업명(영문)", "name_en"), ("사업자번호", "business_number"), ("BRN", "business_number"),
        ("설립일자", "founded_on"), ("설립일(YYYY-MM-DD)", "founded_on"), ("유형", "kind"),
        ("지역", "district"), ("구", "district"), ("시/도", "city"), ("주소", "address"),
        ("분야", "industry"), ("산업", "industry"), ("단계", "stage"), ("종업원수", "employees"),
        ("웹사이트", "homepage"), ("설명", "description_ko"), ("영문소개", "description_en"),
        ("전화", "contact_phone"), ("매출", "revenue_krw"), ("aliases", "aliases"),
    ],
)  # fmt: skip
def test_header_synonyms(header, field):
    assert importing.guess_field(header) == field


def test_two_columns_naming_one_field_map_only_the_first():
    mapping = importing.auto_map(["기업명", "회사명"])

    assert mapping.columns == {0: "name_ko"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", date(2024, 3, 1)), ("2024.3.1", date(2024, 3, 1)),
        ("2024. 3. 1.", date(2024, 3, 1)), ("2024/03/01", date(2024, 3, 1)),
        ("20240301", date(2024, 3, 1)), ("2024년 3월 1일", date(2024, 3, 1)),
        (EXCEL_MARCH_2024, date(2024, 3, 1)), (date(2024, 3, 1), date(2024, 3, 1)),
        (45352, date(2024, 3, 1)), ("2024-03-01 00:00:00", date(2024, 3, 1)),
    ],
)  # fmt: skip
def test_dates(text, expected):
    assert importing.parse_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13-45", "내일", "2024", "01/03/2024", "3.1"])
def test_bad_dates(text):
    with pytest.raises(ValueError):  # noqa: PT011 - the parser only says "not a date"
        importing.parse_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1억 2,000만원", 120_000_000), ("120,000,000", 120_000_000), ("12억", 1_200_000_000),
        ("3.5억", 350_000_000), ("500만원", 5_000_000), ("1조 2억", 1_000_200_000_000),
        ("₩1,000", 1000), ("KRW 2,500", 2500), (3_500_000_000, 3_500_000_000), (12.0, 12),
    ],
)  # fmt: skip
def test_krw_amounts(text, expected):
    assert importing.parse_krw(text) == expected


@pytest.mark.parametrize("text", ["많음", "2만1억", "-100", "1억원쯤"])
def test_bad_amounts(text):
    with pytest.raises(ValueError):  # noqa: PT011
        importing.parse_krw(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("1,234", 1234), ("12명", 12), ("약 30명", 30), (7, 7), (7.0, 7)]
)
def test_counts(text, expected):
    assert importing.parse_count(text) == expected


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("스타트업", "startup"), ("기업", "corporate"), ("대기업", "corporate"), ("투자사", "investor"),
        ("VC", "investor"), ("지원기관", "institution"), ("기관", "institution"),
        ("아카데미", "academy"), ("허브", "hub"), ("대학", "university"), ("university", "university"),
        ("Innovation hub", "hub"),
    ],
)  # fmt: skip
def test_kind_labels(label, kind):
    assert importing.parse_kind(label) == kind


@pytest.mark.parametrize(
    ("label", "industry"),
    [
        ("드론", "drone"), ("인공지능", "ai"), ("AI", "ai"), ("바이오", "bio"), ("핀테크", "fintech"),
        ("콘텐츠", "content"), ("소프트웨어", "software"), ("로봇", "robotics"), ("IoT", "iot"),
        ("사물인터넷", "iot"), ("AI, 드론", "ai"), ("Climate & energy", "climate"),
    ],
)  # fmt: skip
def test_industry_labels(label, industry):
    assert importing.parse_industry(label) == industry


# --- importing -----------------------------------------------------------------------------


def test_cp949_golden_file_imports_every_field():
    job = _run(KO_CP949)

    assert job.status == ImportStatus.DONE, job.errors
    assert (job.created_count, job.updated_count, job.total_rows) == (4, 0, 4)
    assert job.encoding == "cp949"
    org = Organization.objects.get(business_number=HANEUL_BRN)
    assert org.name_ko == "(주)하늘드론"
    assert org.name_en == "Haneul Drone"
    assert org.founded_on == date(2019, 3, 1)
    assert org.kind == OrgKind.STARTUP
    assert org.district == "용산구"
    assert org.industry == "drone"
    assert org.stage == "series_a"
    assert org.employees == 1234
    assert org.homepage == "https://haneul.example.kr"
    assert org.contact_email == "ceo@haneul.example.kr"
    assert org.contact_phone == "02-123-4567"
    assert org.revenue_krw == 120_000_000
    assert org.aliases == ["하늘", "HD"]
    assert org.description_ko == "드론 배송 스타트업"
    fintech = Organization.objects.get(business_number="220-81-62517")  # written without hyphens
    assert (fintech.employees, fintech.revenue_krw) == (12, 1_200_000_000)
    assert fintech.founded_on == date(2020, 1, 15)
    assert Organization.objects.get(name_ko="새싹벤처스").kind == OrgKind.INVESTOR
    assert Organization.objects.get(name_ko="서울바이오허브").kind == OrgKind.HUB


def test_imported_organizations_are_searchable():
    _run(KO_CP949)

    assert "(주)하늘드론" in [h.title for h in search.search("하늘드론").hits]
    assert "머니핀테크랩" in [h.title for h in search.search("핀테크").hits]


def test_english_golden_file_via_the_management_command(capsys):
    call_command("import_orgs", str(EN_UTF8))

    out = capsys.readouterr().out
    assert "2 created, 0 updated, 0 unchanged" in out
    robo = Organization.objects.get(name_ko="로보웍스")
    assert robo.aliases == ["RW", "로보"]
    assert robo.revenue_krw == 120_000_000
    assert robo.industry == "robotics"
    green = Organization.objects.get(name_en="Green Energy Lab")
    assert (green.kind, green.industry, green.stage) == ("corporate", "climate", "series_b")
    assert green.revenue_krw == 350_000_000
    assert ImportJob.objects.get().status == ImportStatus.DONE


def test_xlsx_import(xlsx_bytes, tmp_path):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(xlsx_bytes)

    job = _run(path)

    assert job.status == ImportStatus.DONE, job.errors
    big = Organization.objects.get(name_ko="엑셀주식회사")
    assert big.founded_on == date(2015, 7, 1)
    assert (big.kind, big.industry, big.employees) == ("corporate", "ai", 250)
    assert big.revenue_krw == 3_500_000_000
    assert big.homepage == "https://excel.example.kr"
    assert Organization.objects.get(name_ko="셀스타트업").industry == "iot"


def test_bad_rows_report_exact_row_numbers_and_nothing_is_created():
    before = Organization.objects.count()
    documents = SearchDocument.objects.count()

    job = _run(BAD_ROWS)

    assert job.status == ImportStatus.FAILED
    errors = [(e["row"], e["field"], e["code"]) for e in job.errors if e["level"] == "error"]
    assert errors == [
        (3, "business_number", "invalid_brn"),
        (4, "founded_on", "bad_date"),
        (5, "name_ko", "required_name"),
    ]
    assert "사업자등록번호" in job.errors[0]["message"]
    assert "2020-13-45" in job.errors[1]["message"]
    assert (job.created_count, job.updated_count) == (0, 0)
    assert Organization.objects.count() == before  # row 2 was valid but is not imported either
    assert not Organization.objects.filter(name_ko="좋은기업").exists()
    assert SearchDocument.objects.count() == documents


def test_bad_rows_via_the_command_exit_non_zero_and_print_row_numbers(capsys):
    with pytest.raises(CommandError) as info:
        call_command("import_orgs", str(BAD_ROWS))

    assert info.value.returncode == 1
    err = capsys.readouterr().err
    assert "row 3 [사업자등록번호]" in err
    assert "row 4 [설립일]" in err
    assert "row 5 [기업명]" in err
    assert not Organization.objects.filter(name_ko="좋은기업").exists()


def test_dry_run_writes_nothing(capsys):
    call_command("import_orgs", str(KO_CP949), "--dry-run")

    assert "would create 4, update 0, leave 0 unchanged" in capsys.readouterr().out
    assert not Organization.objects.filter(business_number=HANEUL_BRN).exists()
    assert not ImportJob.objects.exists()


def test_command_map_overrides_and_encoding(tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_bytes("상호명칭,번호,메모\n하늘드론,123-45-67891,무시\n".encode("euc-kr"))

    call_command(
        "import_orgs", str(path), "--map", "상호명칭=name_ko", "--map", "2=business_number",
        "--map", "메모=ignore", "--encoding", "euc-kr", "--default-kind", "corporate",
    )  # fmt: skip

    org = Organization.objects.get(business_number=HANEUL_BRN)
    assert (org.name_ko, org.kind, org.description_ko) == ("하늘드론", "corporate", "")


def test_command_rejects_an_unknown_field_and_an_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="unknown field"):
        call_command("import_orgs", str(KO_CP949), "--map", "기업명=nickname")
    garbage = tmp_path / "x.xlsx"
    garbage.write_bytes(b"nope" * 10)
    with pytest.raises(CommandError, match="XLSX"):
        call_command("import_orgs", str(garbage))


def test_console_script_maps_import_orgs(capsys):
    from sadari.cli import main

    main(["import-orgs", str(KO_CP949), "--dry-run"])

    assert "would create 4" in capsys.readouterr().out


def test_importing_the_same_file_twice_creates_nothing_new():
    first = _run(KO_CP949)
    count = Organization.objects.count()
    documents = SearchDocument.objects.count()

    second = _run(KO_CP949)

    assert first.created_count == 4
    assert second.status == ImportStatus.DONE
    assert (second.created_count, second.updated_count) == (0, 0)
    assert importing.unchanged_count(second) == 4
    assert Organization.objects.count() == count
    assert SearchDocument.objects.count() == documents


def test_rows_without_a_number_are_matched_by_name_so_reimport_is_idempotent(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("기업명,자치구\n번호없는기업,종로구\n", encoding="utf-8")

    _run(path)
    again = _run(path)

    assert Organization.objects.filter(name_ko="번호없는기업").count() == 1
    assert (again.created_count, importing.unchanged_count(again)) == (0, 1)


def test_existing_organization_matched_by_number_is_updated_not_duplicated(make_user):
    staff = make_user("staff1", role=Role.INSTITUTION_STAFF)
    existing = organization_create(
        kind=OrgKind.CORPORATE,
        name_ko="하늘드론 옛이름",
        business_number=HANEUL_BRN,
        district="마포구",
        contact_phone="02-000-0000",
        description_ko="",
    )
    count = Organization.objects.count()

    job = _run(KO_CP949, by=staff)

    assert (job.created_count, job.updated_count) == (3, 1)
    assert Organization.objects.count() == count + 3
    existing.refresh_from_db()
    assert existing.name_ko == "(주)하늘드론"
    assert existing.district == "용산구"
    assert existing.contact_phone == "02-123-4567"
    assert existing.kind == OrgKind.CORPORATE  # kind is kept, with a warning
    warnings = [e for e in job.errors if e["level"] == "warning"]
    assert [(w["row"], w["code"]) for w in warnings] == [(2, "kind_kept")]
    assert "하늘드론" in [h.title.replace("(주)", "") for h in search.search("하늘드론").hits]
    assert AuditEvent.objects.filter(
        action="organization.update", target_id=str(existing.pk)
    ).exists()
    assert AuditEvent.objects.filter(action="organization.import", target_id=str(job.pk)).exists()


def test_empty_cells_do_not_erase_existing_values(tmp_path):
    org = organization_create(
        kind=OrgKind.STARTUP, name_ko="하늘드론", business_number=HANEUL_BRN, district="용산구"
    )
    path = tmp_path / "f.csv"
    path.write_text(f"기업명,사업자등록번호,자치구\n하늘드론,{HANEUL_BRN},\n", encoding="utf-8")

    job = _run(path)

    org.refresh_from_db()
    assert org.district == "용산구"
    assert importing.unchanged_count(job) == 1


def _validate(text: str) -> importing.ValidationResult:
    parsed = importing.parse_file(text.encode(), "f.csv")
    return importing.validate(parsed, importing.auto_map(parsed.headers))


def test_duplicates_within_the_file_are_errors_on_the_later_row():
    brn = make_brn("400000001")
    result = _validate(f"기업명,사업자등록번호\n가,{brn}\n나,{brn}\n다,\n다,\n")

    assert [(e.row, e.code) for e in result.errors] == [(3, "duplicate_brn"), (5, "duplicate_name")]
    assert "2행" in result.errors[0].message


@pytest.mark.parametrize(
    ("header", "value", "code"),
    [
        ("이메일", "not-an-email", "bad_email"),
        ("직원수", "열두명", "bad_number"),
        ("직원수", "-3", "bad_number"),
        ("매출액", "많이", "bad_amount"),
        ("구분", "우주선", "unknown_kind"),
        ("투자단계", "시리즈Z", "unknown_stage"),
        ("홈페이지", "http://", "bad_url"),
        ("사업자등록번호", "12345", "brn_format"),
        ("자치구", "가" * 41, "too_long"),
    ],
)
def test_bad_values_are_row_numbered_errors(header, value, code):
    result = _validate(f"기업명,{header}\n좋은기업,{value}\n")

    assert [(e.row, e.code) for e in result.errors] == [(2, code)]
    assert result.errors[0].message  # Korean
    assert result.errors[0].message_en


def test_unknown_industry_is_imported_as_other_with_a_warning():
    result = _validate("기업명,업종\n좋은기업,우주항공\n")

    assert result.is_valid
    assert result.rows[0].values["industry"] == "other"
    assert [(w.row, w.code) for w in result.warnings] == [(2, "unknown_industry")]


def test_english_name_stands_in_for_a_missing_korean_name():
    result = _validate("English name\nHaneul Drone\n")

    assert result.is_valid
    assert result.rows[0].values["name_ko"] == "Haneul Drone"


def test_several_existing_organizations_with_the_same_name_and_no_number_is_an_error():
    organization_create(kind=OrgKind.STARTUP, name_ko="같은이름")
    organization_create(kind=OrgKind.STARTUP, name_ko="같은이름")

    result = _validate("기업명\n같은이름\n")

    assert [(e.row, e.code) for e in result.errors] == [(2, "ambiguous_name")]


def test_progress_is_reported_per_phase_and_cached_per_job():
    parsed = importing.parse_file(KO_CP949.read_bytes(), KO_CP949.name)
    seen = []

    importing.commit(
        parsed,
        importing.auto_map(parsed.headers),
        progress=lambda phase, n, total: seen.append((phase, n, total)),
        progress_every=2,
    )

    assert seen == [("validating", 2, 4), ("validating", 4, 4), ("saving", 2, 4), ("saving", 4, 4)]


def test_running_job_progress_reads_the_cache():
    job = ImportJob.objects.create(filename="f.csv", payload=b"", total_rows=10)
    job.status = ImportStatus.RUNNING
    cache.set(importing.progress_key(job.pk), {"phase": "saving", "processed": 5, "total": 10})

    assert importing.read_progress(job)["percent"] == 75
    job.status = ImportStatus.DONE
    assert importing.read_progress(job)["percent"] == 100


def test_error_report_csv():
    issues = _validate("기업명,설립일\n,2024-99-99\n").issues

    text = importing.error_report_csv(issues)

    lines = text.splitlines()
    assert lines[0] == "row,field,message,column,level"
    assert lines[1].startswith("2,founded_on,")
    assert lines[2].startswith("2,name_ko,")


# --- pages ---------------------------------------------------------------------------------


@pytest.fixture
def staff(make_user):
    return make_user("staff1", role=Role.INSTITUTION_STAFF)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _upload(client, content: bytes, name: str):
    return client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(name, content)})


def test_full_flow_upload_mapping_preview_commit(staff_client, staff):
    response = _upload(staff_client, KO_CP949.read_bytes(), "기업목록.csv")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("imports:mapping", args=[job.pk])
    assert (job.created_by, job.encoding, job.total_rows) == (staff, "cp949", 4)

    page = staff_client.get(response.url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "사업자등록번호" in content
    assert '<option value="business_number" selected>' in content

    form = {f"col_{i}": f for i, f in importing.Mapping.from_json(job.mapping).columns.items()}
    response = staff_client.post(
        reverse("imports:mapping", args=[job.pk]), {**form, "default_kind": "startup"}
    )
    assert response.status_code == 302
    assert response.url == reverse("imports:preview", args=[job.pk])

    preview = staff_client.get(response.url)
    assert preview.status_code == 200
    assert preview.context["counts"] == {"create": 4, "update": 0, "unchanged": 0}
    assert preview.context["can_commit"] is True
    assert len(preview.context["rows"]) == 4
    assert "(주)하늘드론" in preview.content.decode()
    assert reverse("imports:progress", args=[job.pk]) in preview.content.decode()
    assert not Organization.objects.filter(business_number=HANEUL_BRN).exists()

    response = staff_client.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 302
    assert response.url == reverse("imports:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.processed_rows) == (4, 4)
    assert Organization.objects.filter(business_number=HANEUL_BRN).exists()
    assert "(주)하늘드론" in [h.title for h in search.search("하늘드론").hits]

    detail = staff_client.get(response.url)
    assert detail.status_code == 200
    progress = staff_client.get(reverse("imports:progress", args=[job.pk]))
    assert progress.status_code == 200
    assert "100%" in progress.content.decode()
    assert "hx-trigger" not in progress.content.decode()

    again = staff_client.post(reverse("imports:commit", args=[job.pk]))  # a double submit
    assert again.status_code == 302
    assert Organization.objects.filter(business_number=HANEUL_BRN).count() == 1


def test_preview_of_bad_rows_lists_errors_and_commit_imports_nothing(staff_client):
    _upload(staff_client, BAD_ROWS.read_bytes(), "bad.csv")
    job = ImportJob.objects.get()
    job.status = ImportStatus.MAPPED
    job.save()

    preview = staff_client.get(reverse("imports:preview", args=[job.pk]))

    assert preview.context["can_commit"] is False
    assert [(i["row"], i["field"]) for i in preview.context["issues"]] == [
        (3, "business_number"), (4, "founded_on"), (5, "name_ko"),
    ]  # fmt: skip
    assert preview.context["result"].valid_count == 1
    assert preview.context["result"].invalid_count == 3
    report = staff_client.get(reverse("imports:errors-csv", args=[job.pk]))
    assert report["Content-Type"].startswith("text/csv")
    body = report.content.decode("utf-8")
    assert body.startswith("\ufeffrow,field,message")
    assert "\r\n3,business_number," in body

    staff_client.post(reverse("imports:commit", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert [e["row"] for e in job.errors] == [3, 4, 5]
    assert not Organization.objects.filter(name_ko="좋은기업").exists()
    detail = staff_client.get(reverse("imports:detail", args=[job.pk]))
    assert "2020-13-45" in detail.content.decode()


def test_progress_partial_polls_while_running(staff_client, staff):
    job = ImportJob.objects.create(
        filename="f.csv", payload=b"", created_by=staff, status=ImportStatus.RUNNING, total_rows=10
    )
    cache.set(importing.progress_key(job.pk), {"phase": "validating", "processed": 4, "total": 10})

    response = staff_client.get(reverse("imports:progress", args=[job.pk]))

    content = response.content.decode()
    assert 'hx-trigger="every 1s"' in content
    assert 'value="20"' in content


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"a,b\n1,2\n", "orgs.pdf"),
        (b"a,b\n1,2\n", "orgs.xls"),
        (b"garbage bytes, not a zip" * 10, "orgs.xlsx"),
        (b"PK\x03\x04garbage" * 10, "orgs.xlsx"),
        (b"", "empty.csv"),
        ("기업명,사업자등록번호\n".encode(), "header.csv"),
        (bytes(range(256)) * 3, "binary.csv"),
    ],
)
def test_bad_uploads_show_a_message_and_create_no_job(staff_client, content, name):
    response = _upload(staff_client, content, name)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_too_large_upload_is_refused(staff_client, monkeypatch):
    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 10)

    response = _upload(staff_client, "기업명\n하늘드론\n".encode(), "a.csv")

    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_mapping_requires_a_name_column_and_no_duplicates(staff_client):
    _upload(staff_client, KO_CP949.read_bytes(), "a.csv")
    job = ImportJob.objects.get()
    url = reverse("imports:mapping", args=[job.pk])

    no_name = staff_client.post(
        url, {"col_1": "", "col_2": "business_number", "default_kind": "startup"}
    )
    twice = staff_client.post(
        url, {"col_0": "name_ko", "col_1": "name_ko", "default_kind": "startup"}
    )

    assert no_name.status_code == 200
    assert no_name.context["form"].non_field_errors()
    assert twice.status_code == 200
    assert twice.context["form"].non_field_errors()
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("imports:upload"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", [Role.FOUNDER, Role.INVESTOR, None])
def test_users_without_the_permission_get_404(client, make_user, staff, role):
    job = ImportJob.objects.create(filename="f.csv", payload=b"x", created_by=staff)
    client.force_login(make_user("other", role=role))

    for url in [
        reverse("imports:list"),
        reverse("imports:upload"),
        reverse("imports:detail", args=[job.pk]),
        reverse("imports:mapping", args=[job.pk]),
        reverse("imports:errors-csv", args=[job.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("imports:commit", args=[job.pk])).status_code == 404


def test_staff_see_only_their_own_jobs_and_operators_see_all(client, make_user, staff):
    other_staff = make_user("staff2", role=Role.INSTITUTION_STAFF)
    operator = make_user("operator", role=Role.CITY_OPERATOR)
    mine = ImportJob.objects.create(filename="mine.csv", payload=b"x", created_by=staff)
    theirs = ImportJob.objects.create(filename="theirs.csv", payload=b"x", created_by=other_staff)

    client.force_login(staff)
    listing = client.get(reverse("imports:list")).content.decode()
    assert "mine.csv" in listing
    assert "theirs.csv" not in listing
    assert client.get(reverse("imports:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("imports:progress", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("imports:commit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("imports:detail", args=[mine.pk])).status_code == 200

    client.force_login(operator)
    listing = client.get(reverse("imports:list")).content.decode()
    assert "mine.csv" in listing
    assert "theirs.csv" in listing
    assert client.get(reverse("imports:detail", args=[theirs.pk])).status_code == 200


def test_commit_requires_post(staff_client, staff):
    job = ImportJob.objects.create(filename="f.csv", payload=b"x", created_by=staff)

    assert staff_client.get(reverse("imports:commit", args=[job.pk])).status_code == 405


def test_xlsx_upload_flow(staff_client, xlsx_bytes):
    response = _upload(staff_client, xlsx_bytes, "orgs.xlsx")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    staff_client.post(
        reverse("imports:mapping", args=[job.pk]),
        {f"col_{i}": f for i, f in importing.Mapping.from_json(job.mapping).columns.items()}
        | {"default_kind": "startup"},
    )

    staff_client.post(reverse("imports:commit", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.errors
    assert Organization.objects.filter(name_ko="엑셀주식회사", kind="corporate").exists()


def test_pages_render_in_both_languages(staff_client, staff):
    _upload(staff_client, KO_CP949.read_bytes(), "a.csv")
    job = ImportJob.objects.get()
    job.status = ImportStatus.MAPPED
    job.save()

    for language in ["ko", "en"]:
        staff_client.cookies["django_language"] = language
        for url in [
            reverse("imports:list"),
            reverse("imports:upload"),
            reverse("imports:detail", args=[job.pk]),
            reverse("imports:mapping", args=[job.pk]),
            reverse("imports:preview", args=[job.pk]),
        ]:
            response = staff_client.get(url)
            assert response.status_code == 200, url
            assert 'name="file"' in response.content.decode() or "upload" not in url


def test_issue_messages_follow_the_language(staff_client):
    _upload(staff_client, BAD_ROWS.read_bytes(), "bad.csv")
    job = ImportJob.objects.get()
    job.status = ImportStatus.MAPPED
    job.save()

    staff_client.cookies["django_language"] = "en"
    english = staff_client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    staff_client.cookies["django_language"] = "ko"
    korean = staff_client.get(reverse("imports:preview", args=[job.pk])).content.decode()

    assert "fails its check digit" in english
    assert "검증번호" in korean


def test_an_unexpected_failure_leaves_the_job_failed_not_running(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importing, "commit", broken)

    job = _run(KO_CP949)

    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["code"] == "failed"
    assert not Organization.objects.filter(business_number=HANEUL_BRN).exists()


def test_htmx_commit_answers_with_hx_redirect_while_the_progress_bar_polls(staff_client):
    _upload(staff_client, KO_CP949.read_bytes(), "a.csv")
    job = ImportJob.objects.get()
    job.status = ImportStatus.MAPPED
    job.save()
    preview = staff_client.get(reverse("imports:preview", args=[job.pk])).content.decode()
    assert 'hx-post="{}"'.format(reverse("imports:commit", args=[job.pk])) in preview
    assert 'hx-trigger="htmx:beforeRequest from:#commit-form' in preview

    response = staff_client.post(
        reverse("imports:commit", args=[job.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("imports:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
