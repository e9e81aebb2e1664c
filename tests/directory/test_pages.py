"""Directory pages: public reads, private fields per role, editing per role, lists without N+1."""

import pytest
from django.urls import reverse

from sadari.accounts.enums import Role
from sadari.common.models import AuditEvent
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import (
    organization_create,
    person_create,
    program_create,
    space_create,
)
from sadari_core.ids import make_brn

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "ceo@haneul.example.kr"


@pytest.fixture
def startup(db):
    return organization_create(
        kind=OrgKind.STARTUP,
        name_ko="(주)하늘드론",
        name_en="Haneul Drone",
        industry="drone",
        district="용산구",
        description_ko="드론 배송 스타트업",
        business_number=make_brn("123456789"),
        contact_email=PRIVATE_EMAIL,
        contact_phone="02-123-4567",
        revenue_krw=125_000_000,
    )


@pytest.fixture
def users(make_user, startup):
    other = organization_create(kind=OrgKind.STARTUP, name_ko="다른스타트업")
    corp = organization_create(kind=OrgKind.CORPORATE, name_ko="대기업")
    return {
        "anonymous": None,
        "own founder": make_user("own", role=Role.FOUNDER, organization=startup),
        "other founder": make_user("other", role=Role.FOUNDER, organization=other),
        "corporate": make_user("corp", role=Role.CORPORATE_OI, organization=corp),
        "investor": make_user("inv", role=Role.INVESTOR),
        "trainee": make_user("trainee", role=Role.TRAINEE),
        "institution staff": make_user("staff", role=Role.INSTITUTION_STAFF),
        "city operator": make_user("operator", role=Role.CITY_OPERATOR),
    }


ENTITLED = {"own founder", "institution staff", "city operator"}


@pytest.mark.parametrize(
    "role",
    ["anonymous", "own founder", "other founder", "corporate", "investor", "trainee",
     "institution staff", "city operator"],
)  # fmt: skip
def test_organization_private_fields_role_matrix(client, users, startup, role):
    if users[role]:
        client.force_login(users[role])

    response = client.get(startup.get_absolute_url())

    assert response.status_code == 200
    body = response.content.decode()
    assert "하늘드론" in body
    assert (PRIVATE_EMAIL in body) is (role in ENTITLED)
    assert ("1억 2,500만원" in body) is (role in ENTITLED)
    assert ('id="private-fields"' in body) is (role in ENTITLED)


@pytest.mark.parametrize(
    "role",
    ["anonymous", "own founder", "other founder", "corporate", "investor", "trainee",
     "institution staff", "city operator"],
)  # fmt: skip
def test_organization_edit_role_matrix(client, users, startup, role):
    if users[role]:
        client.force_login(users[role])
    url = reverse("directory:organization-edit", args=[startup.pk])

    response = client.get(url)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif role in ENTITLED:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_viewing_private_fields_is_audited(client, users, startup):
    client.force_login(users["institution staff"])

    client.get(startup.get_absolute_url())

    event = AuditEvent.objects.get(action="organization.view_private")
    assert event.actor == users["institution staff"]
    assert event.target_id == str(startup.pk)


def test_edit_saves_reindexes_and_audits(client, users, startup):
    client.force_login(users["own founder"])
    url = reverse("directory:organization-edit", args=[startup.pk])
    form = {
        "name_ko": "(주)하늘드론",
        "name_en": "Haneul Drone",
        "business_number": startup.business_number,
        "district": "마포구",
        "industry": "drone",
        "description_ko": "드론 측량과 핀테크 결제",
        "aliases_text": "하늘드론\nHD",
    }

    response = client.post(url, form)

    assert response.status_code == 302
    startup.refresh_from_db()
    assert startup.district == "마포구"
    assert startup.aliases == ["하늘드론", "HD"]
    assert AuditEvent.objects.filter(action="organization.update").count() == 1
    search = client.get(reverse("directory:search"), {"q": "측량"})
    assert "하늘드론" in search.content.decode()


def test_edit_rejects_invalid_business_number_without_saving(client, users, startup):
    client.force_login(users["own founder"])
    url = reverse("directory:organization-edit", args=[startup.pk])

    response = client.post(url, {"name_ko": "바뀐이름", "business_number": "123-45-67892"})

    assert response.status_code == 200
    assert "check digit" in response.content.decode() or "검증" in response.content.decode()
    startup.refresh_from_db()
    assert startup.name_ko == "(주)하늘드론"


def test_missing_organization_is_404(client, db):
    assert client.get(reverse("directory:organization-detail", args=[999999])).status_code == 404


def test_unlisted_person_is_404_to_public_and_visible_to_staff(client, users, startup):
    person = person_create(
        name_ko="김비공개", organization=startup, is_public=False, email="kim@x.example"
    )

    assert client.get(person.get_absolute_url()).status_code == 404
    client.force_login(users["institution staff"])
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    assert "kim@x.example" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "other founder", "own founder", "city operator"])
def test_person_private_fields_role_matrix(client, users, startup, role):
    person = person_create(name_ko="박대표", organization=startup, email="park@haneul.example.kr")
    if users[role]:
        client.force_login(users[role])

    body = client.get(person.get_absolute_url()).content.decode()

    assert "박대표" in body
    assert ("park@haneul.example.kr" in body) is (role in {"own founder", "city operator"})


@pytest.mark.parametrize(
    "params",
    [{"q": "드론"}, {"q": ""}, {"q": '"*(('}, {"q": "드론", "page": "abc"}, {"q": "드론", "kind": "bogus"},
     {"q": "드론", "page": "99999"}, {"q": "가" * 5000}],
)  # fmt: skip
def test_search_page_never_fails(client, startup, params):
    response = client.get(reverse("directory:search"), params)

    assert response.status_code == 200


def test_search_page_finds_korean_two_letter_query(client, startup):
    response = client.get(reverse("directory:search"), {"q": "드론"})

    assert "하늘드론" in response.content.decode()


def test_suggest_returns_names(client, startup):
    response = client.get(reverse("directory:suggest"), {"q": "haneul"})

    assert "하늘드론" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"kind": "startup"},
        {"kind": "nope"},
        {"industry": "drone"},
        {"host": "x"},
        {"page": "-1"},
    ],
)
def test_organization_list_filters_never_fail(client, startup, params):
    assert client.get(reverse("directory:organization-list"), params).status_code == 200


def test_organization_list_facets_and_empty_state(client, startup):
    response = client.get(reverse("directory:organization-list"), {"industry": "drone"})
    body = response.content.decode()
    assert "하늘드론" in body

    response = client.get(reverse("directory:organization-list"), {"industry": "bio"})
    assert "empty" in response.content.decode()


def _make_orgs(n, host):
    for i in range(n):
        org = organization_create(
            kind=OrgKind.STARTUP, name_ko=f"스타트업{i}", industry="ai", host=host
        )
        person_create(name_ko=f"대표{i}", organization=org)
        program_create(title_ko=f"지원사업{i}", host=host)
        space_create(name_ko=f"회의실{i}", host=host, kind="meeting_room", capacity=6)


@pytest.mark.parametrize(
    "url_name",
    [
        "directory:organization-list",
        "directory:person-list",
        "directory:program-list",
        "directory:space-list",
    ],
)
def test_list_pages_have_no_n_plus_one(client, django_assert_max_num_queries, url_name):
    host = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브")
    _make_orgs(1, host)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse(url_name)).status_code == 200
    _make_orgs(2, host)
    with CaptureQueriesContext(connection) as three:
        assert client.get(reverse(url_name)).status_code == 200

    assert len(three) == len(one)


def test_home_page_counts(client, startup):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert Organization.objects.count() == 1


def test_program_and_space_pages(client, startup):
    host = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브")
    program = program_create(
        title_ko="초기창업 패키지",
        host=host,
        benefit_amount_krw=50_000_000,
        summary_ko="사업화 자금",
    )
    space = space_create(name_ko="3층 회의실", host=host, kind="meeting_room", capacity=8)

    program_page = client.get(program.get_absolute_url()).content.decode()
    space_page = client.get(space.get_absolute_url()).content.decode()

    assert "초기창업 패키지" in program_page
    assert "5,000만원" in program_page
    assert "3층 회의실" in space_page
    assert client.get("/directory/programs/999999/").status_code == 404
    assert client.get("/directory/spaces/999999/").status_code == 404


def test_search_page_says_when_counts_are_capped(client, startup, monkeypatch):
    from sadari.directory import search as search_module

    organization_create(kind=OrgKind.STARTUP, name_ko="드론두번째")
    monkeypatch.setattr(search_module, "COUNT_CAP", 1)

    body = client.get(reverse("directory:search"), {"q": "드론"}).content.decode()

    assert "1건 이상" in body


@pytest.mark.parametrize(
    ("url_name", "params", "present", "absent"),
    [
        ("directory:program-list", {"q": "패키지"}, "초기창업 패키지", "AI 교육"),
        ("directory:program-list", {"industry": "ai"}, "AI 교육", "초기창업 패키지"),
        ("directory:program-list", {"open": "1"}, "초기창업 패키지", "AI 교육"),
        ("directory:space-list", {"kind": "lab"}, "바이오 실험실", "3층 회의실"),
        ("directory:space-list", {"q": "회의"}, "3층 회의실", "바이오 실험실"),
        ("directory:person-list", {"q": "김민"}, "김민수", "이서연"),
    ],
)
def test_secondary_lists_filter(client, startup, url_name, params, present, absent):
    import datetime as dt

    host = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울창업허브")
    program_create(title_ko="초기창업 패키지", host=host, apply_by=dt.date(2099, 1, 1))
    program_create(title_ko="AI 교육", host=host, industry="ai", apply_by=dt.date(2000, 1, 1))
    space_create(name_ko="3층 회의실", host=host, kind="meeting_room", capacity=8)
    space_create(name_ko="바이오 실험실", host=host, kind="lab", capacity=4)
    person_create(name_ko="김민수", organization=startup)
    person_create(name_ko="이서연", organization=startup)

    body = client.get(reverse(url_name), params).content.decode()

    assert present in body
    assert absent not in body


@pytest.mark.parametrize(
    "url_name", ["directory:program-list", "directory:space-list", "directory:person-list"]
)
def test_secondary_lists_empty_state_with_filters(client, db, url_name):
    body = client.get(reverse(url_name), {"q": "없는말"}).content.decode()

    assert 'class="empty"' in body
