"""Posting importers (Wanted, Programmers, Saramin): mapping, employers, idempotency, rejected
rows, one transaction per file, encodings, the command. The files are built here with the real
column headers (no real rows in the repository); one test reads the real files when present."""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create
from sadari.jobs import importing, occupations
from sadari.jobs.importing import ImportFileError, import_postings
from sadari.jobs.models import ImportedEmployer, JobPosting

WANTED = ["title", "intro", "category", "comp_name", "comp_addr", "role", "requirement",
          "preferred", "due", "tech_stack", "welfare", "procedure"]  # fmt: skip
SARAMIN = ["채용 제목", "채용 링크", "회사명", "회사 링크", "지역", "경력", "학력", "고용형태",
           "연봉", "직무 분야", "등록일", "마감일"]  # fmt: skip


def wanted_row(**kw):
    row = {
        "title": "백엔드 개발자",
        "intro": "소개",
        "category": "서버 개발자|웹 개발자",
        "comp_name": "시험랩",
        "comp_addr": "서울 강남구 강남구 테헤란로 1 10층",
        "role": "API 서버 개발|데이터 파이프라인 운영",
        "requirement": "파이썬 3년 이상|Django 경험",
        "preferred": "쿠버네티스 운영 경험|AWS",
        "due": "2030-01-31",
        "tech_stack": "Python|Django|PostgreSQL",
        "welfare": "",
        "procedure": "",
    }
    row.update(kw)
    return row


def saramin_row(**kw):
    row = {
        "채용 제목": "[시험] 프론트엔드 개발자 채용",
        "채용 링크": "https://www.saramin.co.kr/zf_user/jobs/relay/view?rec_idx=111&x=1",
        "회사명": "(주)시험소프트",
        "회사 링크": "https://www.saramin.co.kr/zf_user/company-info/view?csn=x",
        "지역": "경기 성남시 분당구",
        "경력": "신입·경력",
        "학력": "대졸↑",
        "고용형태": "정규직",
        "연봉": "4,000 만원",
        "직무 분야": "프론트엔드, 웹개발, React",
        "등록일": "2030/01/01",
        "마감일": "2030/02/01",
    }
    row.update(kw)
    return row


def write_csv(path: Path, headers, rows, *, encoding="utf-8", gz=False) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers)
    writer.writeheader()
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.fixture(autouse=True)
def _no_classifier(settings):
    settings.JOBS_CLASSIFY_OCCUPATIONS = False


def test_wanted_rows_map_to_postings_and_employers(db, tmp_path):
    existing = organization_create(kind=OrgKind.STARTUP, name_ko="주식회사 시험랩")
    path = write_csv(tmp_path / "wanted_test.csv.gz", WANTED, [
        wanted_row(),
        wanted_row(title="프론트엔드 개발자", comp_name="새회사", due="None", comp_addr=""),
    ], gz=True)  # fmt: skip
    report = import_postings(path)
    assert (report.source, report.received, report.created, report.rejected) == ("wanted", 2, 2, [])
    assert (report.employers_matched, report.employers_created) == (1, 1)
    posting = JobPosting.objects.get(title="백엔드 개발자")
    assert posting.employer == existing  # "(주)"/"주식회사" and spacing ignored
    assert posting.source == "wanted"
    assert posting.region == "서울 강남구"
    assert posting.duties == "API 서버 개발\n데이터 파이프라인 운영"
    assert posting.required_skills[:3] == ["Python", "Django", "PostgreSQL"]
    assert "Kubernetes" in posting.preferred_skills
    assert "AWS" in posting.preferred_skills
    assert str(posting.deadline) == "2030-01-31"
    other = JobPosting.objects.get(title="프론트엔드 개발자")
    assert other.deadline is None
    created = other.employer
    assert (created.name_ko, created.kind, created.is_fictional) == (
        "새회사",
        OrgKind.STARTUP,
        False,
    )
    mark = ImportedEmployer.objects.get(organization=created)
    assert (mark.source, mark.created) == ("wanted", True)
    assert ImportedEmployer.objects.get(organization=existing).created is False


def test_real_postings_are_never_attached_to_demo_organizations(db, tmp_path):
    demo = organization_create(kind=OrgKind.STARTUP, name_ko="(주)시험랩", is_fictional=True)
    import_postings(write_csv(tmp_path / "wanted.csv", WANTED, [wanted_row()]))
    employer = JobPosting.objects.get().employer
    assert employer != demo
    assert (employer.name_ko, employer.is_fictional) == ("시험랩", False)


def test_reimport_is_idempotent_and_a_changed_row_updates(db, tmp_path):
    rows = [wanted_row(), wanted_row(title="데이터 엔지니어", tech_stack="SQL|Spark")]
    path = write_csv(tmp_path / "wanted.csv", WANTED, rows)
    first = import_postings(path)
    orgs = Organization.objects.count()
    again = import_postings(path)
    assert (first.created, again.created, again.updated, again.unchanged) == (2, 0, 0, 2)
    assert Organization.objects.count() == orgs
    assert JobPosting.objects.count() == 2

    rows[1]["requirement"] = "Airflow 운영 경험"
    rows[1]["due"] = "2030-03-01"
    write_csv(path, WANTED, rows)
    changed = import_postings(path)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    posting = JobPosting.objects.get(title="데이터 엔지니어")
    assert posting.requirements == "Airflow 운영 경험"
    assert str(posting.deadline) == "2030-03-01"


def test_bad_rows_are_rejected_with_their_row_number_and_the_rest_imported(db, tmp_path):
    path = write_csv(tmp_path / "wanted.csv", WANTED, [
        wanted_row(),
        wanted_row(title=""),
        wanted_row(title="QA 엔지니어", due="다음 주쯤"),
        wanted_row(title="iOS 개발자", comp_name=" "),
    ])  # fmt: skip
    report = import_postings(path)
    assert report.created == 1
    assert [row for row, _ in report.rejected] == [3, 4, 5]
    assert "title" in report.rejected[0][1]
    assert "deadline" in report.rejected[1][1]
    assert "company" in report.rejected[2][1]
    assert list(JobPosting.objects.values_list("title", flat=True)) == ["백엔드 개발자"]


def test_a_failure_while_writing_rolls_the_whole_file_back(db, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "wanted.csv", WANTED, [
        wanted_row(comp_name="첫회사"), wanted_row(comp_name="둘째회사", title="데이터 분석가"),
    ])  # fmt: skip
    calls = []
    real = importing.organization_create

    def failing(**fields):
        calls.append(fields["name_ko"])
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(**fields)

    monkeypatch.setattr(importing, "organization_create", failing)
    with pytest.raises(RuntimeError):
        import_postings(path)
    assert calls == ["첫회사", "둘째회사"]
    assert not Organization.objects.filter(name_ko="첫회사").exists()
    assert not JobPosting.objects.exists()
    assert not ImportedEmployer.objects.exists()


def test_dry_run_counts_everything_and_saves_nothing(db, tmp_path):
    path = write_csv(tmp_path / "wanted.csv", WANTED, [wanted_row(), wanted_row(title="")])
    report = import_postings(path, dry_run=True)
    assert (report.received, report.created, len(report.rejected)) == (2, 1, 1)
    assert report.employers_created == 1
    assert not JobPosting.objects.exists()
    assert not Organization.objects.exists()


def test_saramin_cp949_salary_region_and_ref(db, tmp_path):
    path = write_csv(tmp_path / "export.csv", SARAMIN, [
        saramin_row(),
        saramin_row(**{"채용 링크": "https://www.saramin.co.kr/x?rec_idx=222", "채용 제목": "경리",
                       "연봉": "226 만원", "마감일": "채용시", "지역": "서울전체",
                       "고용형태": "정보 없음"}),
        saramin_row(**{"채용 링크": "https://www.saramin.co.kr/x?rec_idx=333", "채용 제목": "회계",
                       "연봉": "100,000 만원"}),
    ], encoding="cp949")  # fmt: skip
    report = import_postings(path)  # auto-detected by its Korean headers
    assert (report.source, report.created, report.rejected) == ("saramin", 3, [])
    first = JobPosting.objects.get(source_ref="111")
    assert first.title == "[시험] 프론트엔드 개발자 채용"
    assert (first.salary_min_krw, first.salary_max_krw) == (40_000_000, 40_000_000)
    assert (first.region, first.employment_type, first.experience, first.education) == (
        "경기 성남시 분당구", "정규직", "신입·경력", "대졸↑"
    )  # fmt: skip
    assert "React" in first.required_skills
    assert first.url.startswith("https://www.saramin.co.kr/")
    employer = first.employer
    assert (employer.kind, employer.city, employer.district) == (
        OrgKind.CORPORATE, "경기도 성남시", "분당구"
    )  # fmt: skip
    monthly = JobPosting.objects.get(source_ref="222")
    assert monthly.salary_min_krw == 226 * 10_000 * 12  # monthly pay, annualized
    assert (monthly.deadline, monthly.region, monthly.employment_type) == (None, "서울", "")
    assert JobPosting.objects.get(source_ref="333").salary_min_krw is None  # implausible
    assert JobPosting.objects.values("employer").distinct().count() == 1


def test_source_detection_and_unreadable_files(db, tmp_path):
    programmers = write_csv(tmp_path / "programmers_x.csv", WANTED, [
        wanted_row(role="\\- 서버 개발\\.|<span class=\"c\">API</span> 설계")
    ])  # fmt: skip
    report = import_postings(programmers)
    assert report.source == "programmers"
    assert JobPosting.objects.get().duties == "- 서버 개발.\nAPI 설계"
    # the same file imported as Wanted is another source: other postings
    assert import_postings(programmers, source="wanted").created == 1

    odd = write_csv(tmp_path / "odd.csv", ["name", "value"], [{"name": "a", "value": "b"}])
    with pytest.raises(ImportFileError, match="unknown columns"):
        import_postings(odd)
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81\x00" * 10)
    with pytest.raises(ImportFileError):
        import_postings(binary)
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8bnot gzip")
    with pytest.raises(ImportFileError, match="gzip"):
        import_postings(broken)


def test_command_prints_counts_and_handles_dry_run(db, tmp_path):
    write_csv(tmp_path / "wanted_a.csv", WANTED, [wanted_row(), wanted_row(title="")])
    write_csv(tmp_path / "saramin_b.csv.gz", SARAMIN, [saramin_row()], gz=True)
    out = io.StringIO()
    call_command("import_job_postings", str(tmp_path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "dry run" in text
    assert "rejected row 3: no title" in text
    assert "total: received 3, created 2, updated 0, unchanged 0, rejected 1" in text
    assert not JobPosting.objects.exists()
    out = io.StringIO()
    call_command("import_job_postings", str(tmp_path / "wanted_a.csv"), "--source", "wanted",
                 stdout=out)  # fmt: skip
    assert "received 2, created 1, updated 0, unchanged 0, rejected 1" in out.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_job_postings", str(tmp_path / "missing.csv"))


@pytest.fixture
def _with_classifier(settings):
    settings.JOBS_CLASSIFY_OCCUPATIONS = True
    occupations.reset()
    if occupations.classifier() is None:
        pytest.skip(f"no O*NET files under {settings.SADARI_DATA_DIR} ({occupations.status()})")
    yield
    occupations.reset()


@pytest.mark.usefixtures("_with_classifier")
def test_imported_titles_get_occupations(db, tmp_path):
    path = write_csv(tmp_path / "saramin.csv", SARAMIN, [
        saramin_row(),
        saramin_row(**{"채용 링크": "https://x.kr/?rec_idx=9", "채용 제목": "[확장] 각 부문 신규 채용",
                       "직무 분야": "백엔드/서버개발, 웹개발"}),
    ])  # fmt: skip
    report = import_postings(path)
    assert report.with_occupations == 2
    assert JobPosting.objects.get(source_ref="111").occupations[0] == "15-1254.00"
    # the title names no occupation: the first job field (백엔드/서버개발) does
    assert JobPosting.objects.get(source_ref="9").occupations[0] == "15-1254.00"


REAL = Path(settings.SADARI_DATA_DIR) / "kr-job-postings"


@pytest.mark.skipif(
    not (REAL / "saramin_1000.csv.gz").exists(),
    reason=f"the Korean posting files are not under {REAL} (set SADARI_DATA_DIR)",
)
def test_real_files_import_with_sane_counts_and_idempotently(db):
    counts = {}
    for name, source in (("wanted_350", "wanted"), ("programmers_110", "programmers"),
                         ("saramin_1000", "saramin")):  # fmt: skip
        report = import_postings(REAL / f"{name}.csv.gz")
        assert report.source == source
        counts[source] = (report.received, report.created, len(report.rejected))
    assert counts == {"wanted": (349, 349, 0), "programmers": (109, 109, 0),
                      "saramin": (1000, 1000, 0)}  # fmt: skip
    assert JobPosting.objects.filter(required_skills=[]).count() < 150
    assert JobPosting.objects.exclude(salary_min_krw=None).count() > 30
    assert JobPosting.objects.exclude(region="").count() > 1400
    again = import_postings(REAL / "wanted_350.csv.gz")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 349)


def test_titles_are_classified_when_new_or_changed_or_on_request(db, tmp_path, settings):
    path = write_csv(tmp_path / "wanted.csv", WANTED, [wanted_row(title="간호사")])
    import_postings(path)  # classification off (the autouse fixture)
    assert JobPosting.objects.get().occupations == []
    settings.JOBS_CLASSIFY_OCCUPATIONS = True
    occupations.reset()
    try:
        again = import_postings(path)
        assert (again.unchanged, JobPosting.objects.get().occupations) == (1, [])
        out = io.StringIO()
        call_command("import_job_postings", str(path), "--reclassify", stdout=out)
        assert "updated 1" in out.getvalue()
        assert JobPosting.objects.get().occupations == ["29-1141.00"]
    finally:
        occupations.reset()
