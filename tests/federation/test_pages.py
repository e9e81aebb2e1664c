"""Federation pages: role matrix, upload with a CP949 file and a broken row, the review queue,
merges and splits, the duplicate-support report, provenance on profiles."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sadari.accounts.enums import Role
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create
from sadari.federation.models import CandidateStatus, IngestRun, MatchCandidate, Merge
from sadari.federation.services import source_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setup(make_user):
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브")
    other_owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="고양창업센터")
    source, token = source_create(slug="hub", name="서울창업허브", owner=owner, priority=60)
    other, other_token = source_create(slug="goyang", name="고양창업센터", owner=other_owner)
    return {
        "source": source,
        "token": token,
        "other": other,
        "other_token": other_token,
        "staff": make_user("staff", role=Role.INSTITUTION_STAFF, organization=owner),
        "other_staff": make_user("other", role=Role.INSTITUTION_STAFF, organization=other_owner),
        "operator": make_user("operator", role=Role.CITY_OPERATOR),
        "founder": make_user("founder", role=Role.FOUNDER),
    }


@pytest.fixture
def ambiguous_pair(client, setup):
    """Two institutions send the same company, once in Korean and once in English: the matcher
    is unsure, so the pair waits for review."""
    one = [{"kind": "organization", "id": "1", "data": {"name_ko": "알파로보틱스"}}]
    two = [{"kind": "organization", "id": "2", "data": {"name_en": "Alpha Robotics"}}]
    _push(client, setup["source"], setup["token"], one, "a")
    _push(client, setup["other"], setup["other_token"], two, "b")


def _push(client, source, token, records, key):
    return client.post(
        reverse("api-v1:federation-batches", args=[source.slug]),
        data=json.dumps({"records": records}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous goes to login", None, 302),
        ("founder gets 404", "founder", 404),
        ("own staff", "staff", 200),
        ("other institution's staff", "other_staff", 404),
        ("city operator", "operator", 200),
    ],
)
def test_source_detail_role_matrix(client, setup, _case, who, status):
    if who:
        client.force_login(setup[who])

    response = client.get(reverse("federation:source-detail", args=["hub"]))

    assert response.status_code == status


def test_source_list_shows_staff_their_own_and_operators_all(client, setup):
    client.force_login(setup["staff"])
    staff_page = client.get(reverse("federation:source-list")).content.decode()
    client.force_login(setup["operator"])
    operator_page = client.get(reverse("federation:source-list")).content.decode()

    assert "goyang" not in staff_page
    assert "/federation/sources/hub/" in staff_page
    assert "/federation/sources/goyang/" in operator_page


def test_other_staff_cannot_rotate_or_read_runs(client, setup):
    _push(
        client,
        setup["source"],
        setup["token"],
        [{"kind": "organization", "id": "1", "data": {"name_ko": "가"}}],
        "k",
    )
    run = IngestRun.objects.get()
    client.force_login(setup["other_staff"])

    rotate = client.post(reverse("federation:source-rotate", args=["hub"]))
    run_page = client.get(reverse("federation:run-detail", args=[run.pk]))
    progress = client.get(reverse("federation:run-progress", args=[run.pk]))
    run_api = client.get(reverse("api-v1:federation-run", args=["hub", run.pk]))

    assert (rotate.status_code, run_page.status_code, progress.status_code) == (404, 404, 404)
    assert run_api.status_code == 404
    assert setup["source"].tokens.filter(revoked_at__isnull=True).count() == 1


def test_source_token_reads_its_own_run_only(client, setup):
    _push(
        client,
        setup["source"],
        setup["token"],
        [{"kind": "organization", "id": "1", "data": {"name_ko": "가"}}],
        "k",
    )
    run = IngestRun.objects.get()
    url = reverse("api-v1:federation-run", args=["hub", run.pk])

    own = client.get(url, headers={"Authorization": f"Bearer {setup['token']}"})
    foreign = client.get(url, headers={"Authorization": f"Bearer {setup['other_token']}"})

    assert (own.status_code, own.json()["created"]) == (200, 1)
    assert foreign.status_code == 404


def test_rotate_issues_a_new_token_shown_once(client, setup):
    client.force_login(setup["staff"])

    response = client.post(reverse("federation:source-rotate", args=["hub"]))

    assert response.status_code == 200
    assert "sdrsrc_" in response.content.decode()
    assert setup["source"].tokens.filter(revoked_at__isnull=True).count() == 1
    assert setup["source"].tokens.count() == 2


def test_upload_cp949_csv_with_a_broken_row_reports_its_row_number(client, setup):
    text = (
        "기업명,사업자등록번호,설립일,홈페이지\n"
        "(주)드론랩,220-81-62517,2021.3.1,dronelab.kr\n"
        "망가진행,123-45-67890,어제,\n"
        "로봇랩,,2022-05-01,robotlab.kr\n"
    )
    upload = SimpleUploadedFile("기관목록.csv", text.encode("cp949"), content_type="text/csv")
    client.force_login(setup["staff"])

    response = client.post(
        reverse("federation:source-detail", args=["hub"]), {"kind": "organization", "file": upload}
    )

    run = IngestRun.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("federation:run-detail", args=[run.pk])
    assert (run.created, run.rejected, run.status) == (2, 1, "partial")
    assert {(e["row"], e["field"]) for e in run.errors} == {
        (3, "business_number"),
        (3, "founded_on"),
    }
    page = client.get(response.url).content.decode()
    assert "망가진행" not in page
    assert "설립일" in page  # the field as people call it, not its code
    assert Organization.objects.filter(
        name_ko="(주)드론랩", homepage="https://dronelab.kr"
    ).exists()


def test_profile_shows_provenance_and_conflicts(client, setup):
    records = [
        {
            "kind": "organization",
            "id": "1",
            "data": {
                "name_ko": "드론랩",
                "business_number": "220-81-62517",
                "homepage": "https://a.kr",
            },
        }
    ]
    _push(client, setup["source"], setup["token"], records, "a")
    other = [
        {
            "kind": "organization",
            "id": "x",
            "data": {
                "name_ko": "드론랩",
                "business_number": "220-81-62517",
                "homepage": "https://b.kr",
            },
        }
    ]
    _push(client, setup["other"], setup["other_token"], other, "b")
    org = Organization.objects.get(business_number="220-81-62517")

    page = client.get(org.get_absolute_url()).content.decode()

    assert "https://a.kr" in page
    assert "서울창업허브" in page
    assert "https://b.kr" in page  # the disagreeing claim, with its source
    assert "data-sadari-live" in page


def test_review_accept_merges_and_split_restores(client, setup, ambiguous_pair):
    item = MatchCandidate.objects.get(status=CandidateStatus.PENDING)
    client.force_login(setup["staff"])

    queue = client.get(reverse("federation:review-queue")).content.decode()
    client.post(reverse("federation:review-decide", args=[item.pk]), {"decision": "same"})

    assert "알파로보틱스" in queue
    assert "Alpha Robotics" in queue
    assert Organization.objects.get(pk=item.right_id).merged_into_id == item.left_id
    redirected = client.get(reverse("directory:organization-detail", args=[item.right_id]))
    assert redirected.status_code == 302
    merge = Merge.objects.get()

    client.post(reverse("federation:merge-split", args=[merge.pk]))

    assert Organization.objects.get(pk=item.right_id).merged_into_id is None
    assert Merge.objects.get().split_at is not None


def test_review_reject_keeps_both(client, setup, ambiguous_pair):
    item = MatchCandidate.objects.get()
    client.force_login(setup["operator"])

    client.post(reverse("federation:review-decide", args=[item.pk]), {"decision": "different"})

    assert MatchCandidate.objects.get().status == CandidateStatus.REJECTED
    assert Organization.objects.filter(merged_into__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("anonymous", None, 302),
        ("founder", "founder", 404),
        ("staff", "staff", 200),
        ("operator", "operator", 200),
    ],
)
@pytest.mark.parametrize(
    "url_name", ["review-queue", "merge-list", "duplicate-support", "source-list"]
)
def test_staff_pages_role_matrix(client, setup, url_name, _case, who, status):
    if who:
        client.force_login(setup[who])

    response = client.get(reverse(f"federation:{url_name}"))

    assert response.status_code == status


def test_duplicate_support_page_lists_overlapping_awards(client, setup):
    company = {"business_number": "220-81-62517", "name_ko": "드론랩"}
    award = {
        "recipient": company,
        "program_title": "드론 실증 지원",
        "purpose": "드론 배송 실증",
        "starts_on": "2026-03-01",
        "ends_on": "2026-12-31",
    }
    _push(
        client,
        setup["source"],
        setup["token"],
        [{"kind": "support_award", "id": "1", "data": award}],
        "a",
    )
    _push(
        client,
        setup["other"],
        setup["other_token"],
        [
            {
                "kind": "support_award",
                "id": "9",
                "data": {**award, "program_title": "드론 배송 실증 사업"},
            }
        ],
        "b",
    )
    client.force_login(setup["operator"])

    page = client.get(reverse("federation:duplicate-support")).content.decode()

    assert "드론 실증 지원" in page
    assert "드론 배송 실증 사업" in page


def test_schema_endpoint_publishes_each_kind(client):
    ok = client.get(reverse("api-v1:federation-schema", args=["organization"]))
    missing = client.get(reverse("api-v1:federation-schema", args=["nope"]))

    assert ok.status_code == 200
    assert ok.json()["properties"]["kind"] == {"const": "organization"}
    assert missing.status_code == 404


def test_staff_registers_a_source_for_own_only(client, setup):
    client.force_login(setup["staff"])
    own = setup["source"].owner
    foreign = setup["other"].owner
    url = reverse("federation:source-create")
    form = {"slug": "hub-jobs", "name": "허브 채용", "kinds": ["job_posting"], "priority": 50,
            "field_priorities": "{}", "field_mapping": '{"회사명": "name_ko"}', "pull_interval_hours": 24,
            "is_active": "on"}  # fmt: skip

    refused = client.post(url, {**form, "owner": foreign.pk})
    created = client.post(url, {**form, "owner": own.pk})

    assert refused.status_code == 200
    assert "sdrsrc_" in created.content.decode()
    source = setup["source"].__class__.objects.get(slug="hub-jobs")
    assert (source.owner, source.kinds, source.field_mapping) == (
        own,
        ["job_posting"],
        {"회사명": "name_ko"},
    )


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [("founder", "founder", 404), ("other staff", "other_staff", 404), ("own staff", "staff", 200)],
)
def test_source_edit_role_matrix(client, setup, _case, who, status):
    client.force_login(setup[who])

    response = client.get(reverse("federation:source-edit", args=["hub"]))

    assert response.status_code == status


def test_upload_xlsx_with_dates_and_json_batches(client, setup):
    from datetime import date
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["관리번호", "기업명", "설립일", "직원수"])
    sheet.append(["X-1", "엑셀랩", date(2021, 3, 1), 12])
    buffer = BytesIO()
    book.save(buffer)
    records = [{"id": "J-1", "data": {"name_ko": "제이슨랩", "founded_on": "2020.1.2"}}]
    client.force_login(setup["staff"])
    url = reverse("federation:source-detail", args=["hub"])

    client.post(
        url, {"kind": "organization", "file": SimpleUploadedFile("orgs.xlsx", buffer.getvalue())}
    )
    client.post(
        url,
        {
            "kind": "organization",
            "file": SimpleUploadedFile("orgs.json", json.dumps({"records": records}).encode()),
        },
    )

    excel = Organization.objects.get(name_ko="엑셀랩")
    assert (str(excel.founded_on), excel.employees) == ("2021-03-01", 12)
    assert str(Organization.objects.get(name_ko="제이슨랩").founded_on) == "2020-01-02"
    assert set(IngestRun.objects.values_list("channel", flat=True)) == {"upload"}


def test_unreadable_upload_says_why_and_starts_no_run(client, setup):
    client.force_login(setup["staff"])

    response = client.post(
        reverse("federation:source-detail", args=["hub"]),
        {
            "kind": "organization",
            "file": SimpleUploadedFile("old.xls", b"\xd0\xcf\x11\xe0" + b"0" * 100),
        },
    )

    assert response.status_code == 200
    assert "XLSX" in response.content.decode()
    assert IngestRun.objects.count() == 0
