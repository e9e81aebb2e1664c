"""Importing needs and technologies: Korean/English headers, UTF-8/CP949/XLSX, row-numbered
errors with nothing written, importing twice changes nothing, and who may import."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sadari.techtrade import importing
from sadari.techtrade.models import TechImport, TechNeed, Technology

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"


def _upload(client, market, name, kind, owner):
    data = (GOLDEN / name).read_bytes()
    return client.post(
        reverse("techtrade:import-upload"),
        {"kind": kind, "owner_id": market[owner].pk, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize("name", ["needs_utf8.csv", "needs_cp949.csv"])
def test_needs_import_with_korean_headers(client, market, name):
    client.force_login(market["corporate"])

    upload = _upload(client, market, name, "need", "corp")
    job = TechImport.objects.get()
    preview = client.get(reverse("techtrade:import-detail", args=[job.pk]))
    commit = client.post(reverse("techtrade:import-detail", args=[job.pk]))

    need = TechNeed.objects.get(title_ko="물류센터 피킹 로봇")
    other = TechNeed.objects.get(title_ko="매장 수요 예측 AI")
    assert upload.status_code == 302
    assert preview.status_code == 200
    assert "물류센터 피킹 로봇" in preview.content.decode()
    assert commit.status_code == 302
    assert (need.title_en, need.fields, need.trl_wanted) == (
        "Picking robots for logistics centers",
        ["robotics"],
        6,
    )
    assert (need.budget_min_krw, need.budget_max_krw) == (50_000_000, 200_000_000)
    assert str(need.deadline) == "2026-09-30"
    assert need.details_ko == "내부 물동량 자료"
    assert other.fields == ["ai", "commerce"]
    assert other.budget_max_krw == 150_000_000


def test_importing_the_same_file_twice_changes_nothing(market):
    data = (GOLDEN / "needs_utf8.csv").read_bytes()
    first, _ = importing.import_start(
        kind="need", owner=market["corp"], data=data, filename="a.csv", by=market["corporate"]
    )
    created_first = importing.import_commit(job=first, by=market["corporate"])
    second, _ = importing.import_start(
        kind="need", owner=market["corp"], data=data, filename="a.csv", by=market["corporate"]
    )

    created_second = importing.import_commit(job=second, by=market["corporate"])

    assert created_first == (2, 0)
    assert created_second == (0, 0)
    assert TechNeed.objects.filter(owner=market["corp"]).count() == 3  # with the market's own


def test_technologies_xlsx_import(client, market):
    client.force_login(market["founder"])

    _upload(client, market, "technologies.xlsx", "technology", "startup")
    job = TechImport.objects.get()
    client.post(reverse("techtrade:import-detail", args=[job.pk]))

    tech = Technology.objects.get(title_ko="배터리 잔존수명 진단")
    drone = Technology.objects.get(title_ko="드론 정밀 방제")
    assert (tech.fields, tech.trl, tech.patents) == (["climate"], 7, ["10-2023-0123456"])
    assert tech.licensing_models == ["license", "joint_development"]
    assert tech.price_max_krw == 300_000_000
    assert (drone.trl, drone.patents, drone.licensing_models) == (6, ["10-1234567"], ["transfer"])


def test_bad_rows_are_reported_by_row_number_and_nothing_is_written(client, market):
    client.force_login(market["founder"])
    before = Technology.objects.count()

    _upload(client, market, "technologies_bad.csv", "technology", "startup")
    job = TechImport.objects.get()
    preview = client.get(reverse("techtrade:import-detail", args=[job.pk]))
    commit = client.post(reverse("techtrade:import-detail", args=[job.pk]))

    rows = [i["row"] for i in preview.context["issues"]]
    assert rows == [3, 4, 5]
    assert "12" in preview.context["issues"][0]["text"]
    assert commit.status_code == 200
    assert Technology.objects.count() == before


def test_unreadable_file_is_a_form_error(client, market):
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:import-upload"),
        {"kind": "technology", "owner_id": market["startup"].pk,
         "file": SimpleUploadedFile("x.xlsx", b"not a zip")},
    )  # fmt: skip

    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_a_startup_cannot_import_needs(client, market):
    client.force_login(market["founder"])

    response = _upload(client, market, "needs_utf8.csv", "need", "startup")

    assert response.status_code == 200
    assert "owner_id" in response.context["form"].errors
    assert not TechImport.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("operator", 404), ("staff", 404), ("founder", 200), ("corporate", 200)],
)
def test_import_pages_role_matrix(login, market, role, status):
    job, _ = importing.import_start(
        kind="need", owner=market["corp"], data=(GOLDEN / "needs_utf8.csv").read_bytes(),
        filename="n.csv", by=market["corporate"],
    )  # fmt: skip
    client = login(role)

    upload = client.get(reverse("techtrade:import-upload"))
    detail = client.get(reverse("techtrade:import-detail", args=[job.pk]))

    assert upload.status_code == status
    expected_detail = {"anonymous": 302, "corporate": 200}.get(role, 404)
    assert detail.status_code == expected_detail
