"""Directory endpoints: private-field role matrix, filters, details, 404s, validation errors."""

import pytest

from sadari.accounts.enums import Role
from sadari.common.models import AuditEvent
from sadari.directory.enums import OrgKind
from sadari.directory.services import (
    organization_create,
    person_create,
    program_create,
    space_create,
)

from .conftest import API

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "ceo@haneul.example.kr"
ENTITLED = {"member of the org", "institution staff", "city operator"}
ROLES = [
    "anonymous",
    "other startup founder",
    "member of the org",
    "institution staff",
    "city operator",
]


@pytest.fixture
def users(make_user, startup):
    return {
        "anonymous": None,
        "other startup founder": make_user("other", role=Role.FOUNDER),
        "member of the org": make_user("own", role=Role.FOUNDER, organization=startup),
        "institution staff": make_user("staff", role=Role.INSTITUTION_STAFF),
        "city operator": make_user("operator", role=Role.CITY_OPERATOR),
    }


@pytest.mark.parametrize("role", ROLES)
def test_organization_private_fields_role_matrix(api_client, users, startup, role):
    response = api_client(users[role]).get(f"{API}/organizations/{startup.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["name_ko"] == "(주)하늘드론"
    assert body["name_en"] == "Haneul Drone"
    if role in ENTITLED:
        assert body["contact_email"] == PRIVATE_EMAIL
        assert body["contact_phone"] == "02-123-4567"
        assert body["revenue_krw"] == 125_000_000
    else:
        assert "contact_email" not in body
        assert "contact_phone" not in body
        assert "revenue_krw" not in body
        assert PRIVATE_EMAIL not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_organization_list_has_public_fields_only(api_client, users, startup, role):
    """Like the list pages: private fields are read one profile at a time (and audited)."""
    response = api_client(users[role]).get(f"{API}/organizations", {"district": "용산구"})

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == startup.pk
    assert item["name_en"] == "Haneul Drone"
    assert "contact_email" not in item
    assert "revenue_krw" not in item
    assert PRIVATE_EMAIL not in response.content.decode()
    assert not AuditEvent.objects.filter(action="organization.view_private").exists()


def test_private_read_is_audited(api_client, users, startup):
    api_client(users["institution staff"]).get(f"{API}/organizations/{startup.pk}")
    api_client(users["other startup founder"]).get(f"{API}/organizations/{startup.pk}")
    events = AuditEvent.objects.filter(
        action="organization.view_private", target_id=str(startup.pk)
    )
    assert [e.actor.username for e in events] == ["staff"]


def test_organization_detail_shape(client, startup):
    host = organization_create(
        kind=OrgKind.HUB, name_ko="서울창업허브", name_en="Seoul Startup Hub"
    )
    startup.host = host
    startup.save()
    body = client.get(f"{API}/organizations/{startup.pk}").json()
    assert body["host"] == {
        "id": host.pk,
        "kind": "hub",
        "name_ko": "서울창업허브",
        "name_en": "Seoul Startup Hub",
    }
    assert body["kind"] == "startup"
    assert body["industry"] == "drone"
    assert body["url"] == f"/directory/organizations/{startup.pk}/"


def test_organization_filters(client, startup):
    hub = organization_create(kind=OrgKind.HUB, name_ko="창업허브", district="마포구")
    ai = organization_create(
        kind=OrgKind.STARTUP,
        name_ko="에이아이랩",
        industry="ai",
        district="마포구",
        host=hub,
        stage="series_a",
    )

    def ids(**params):
        response = client.get(f"{API}/organizations", params)
        assert response.status_code == 200, response.content
        return {o["id"] for o in response.json()["items"]}

    assert ids() == {startup.pk, hub.pk, ai.pk}
    assert ids(kind="startup") == {startup.pk, ai.pk}
    assert ids(kind="hub") == {hub.pk}
    assert ids(district="마포구") == {hub.pk, ai.pk}
    assert ids(industry="drone") == {startup.pk}
    assert ids(stage="series_a") == {ai.pk}
    assert ids(host=hub.pk) == {ai.pk}
    assert ids(kind="startup", district="마포구") == {ai.pk}
    assert ids(q="드론") == {startup.pk}
    assert ids(kind="") == {startup.pk, hub.pk, ai.pk}  # blank means no filter


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"industry": "space-mining"},
        {"stage": "x"},
        {"host": "abc"},
        {"limit": "0"},
        {"limit": "201"},
        {"limit": "many"},
        {"q": "x" * 201},
    ],
)
def test_invalid_filters_are_422(client, startup, params):
    response = client.get(f"{API}/organizations", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["detail"]


@pytest.mark.parametrize(
    "path", ["organizations/999999", "people/999999", "programs/999999", "spaces/999999"]
)
def test_missing_is_404_json(client, db, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_non_integer_id_is_422(client, db):
    assert client.get(f"{API}/organizations/abc").status_code == 422


def test_people_private_fields_and_unlisted(api_client, make_user, startup):
    public = person_create(
        name_ko="김하늘",
        name_en="Haneul Kim",
        title="대표",
        organization=startup,
        email="haneul@haneul.example.kr",
        phone="010-1234-5678",
    )
    unlisted = person_create(name_ko="이비공개", is_public=False, email="hidden@example.kr")
    colleague = make_user("colleague", role=Role.FOUNDER, organization=startup)
    stranger = make_user("stranger", role=Role.FOUNDER)
    staff = make_user("staff", role=Role.INSTITUTION_STAFF)

    anon = api_client()
    body = anon.get(f"{API}/people/{public.pk}").json()
    assert body["name_en"] == "Haneul Kim"
    assert body["organization"]["id"] == startup.pk
    assert "email" not in body
    assert "phone" not in body
    assert "email" not in api_client(stranger).get(f"{API}/people/{public.pk}").json()
    assert (
        api_client(colleague).get(f"{API}/people/{public.pk}").json()["email"]
        == "haneul@haneul.example.kr"
    )

    assert anon.get(f"{API}/people/{unlisted.pk}").status_code == 404
    assert [p["id"] for p in anon.get(f"{API}/people").json()["items"]] == [public.pk]
    staff_client = api_client(staff)
    assert staff_client.get(f"{API}/people/{unlisted.pk}").json()["email"] == "hidden@example.kr"
    assert "hidden@example.kr" not in staff_client.get(f"{API}/people").content.decode()
    assert {p["id"] for p in staff_client.get(f"{API}/people").json()["items"]} == {
        public.pk,
        unlisted.pk,
    }
    assert (
        anon.get(f"{API}/people", {"organization": startup.pk}).json()["items"][0]["id"]
        == public.pk
    )


def test_programs_and_spaces(client, startup):
    hub = organization_create(kind=OrgKind.HUB, name_ko="서울창업허브")
    program = program_create(
        title_ko="드론 실증 지원사업",
        title_en="Drone pilot program",
        host=hub,
        industry="drone",
        url="https://apply.example.kr/drone",
        benefit_amount_krw=50_000_000,
    )
    other = program_create(title_ko="AI 바우처", host=startup, industry="ai")
    space = space_create(
        name_ko="회의실 A", name_en="Meeting room A", host=hub, kind="meeting_room", capacity=8
    )
    space_create(name_ko="메이커스페이스", host=startup, kind="workshop", capacity=20)

    body = client.get(f"{API}/programs/{program.pk}").json()
    assert body["title_en"] == "Drone pilot program"
    assert body["apply_url"] == "https://apply.example.kr/drone"
    assert body["url"] == f"/directory/programs/{program.pk}/"
    assert body["host"]["id"] == hub.pk
    programs = client.get(f"{API}/programs", {"host": hub.pk}).json()["items"]
    assert [p["id"] for p in programs] == [program.pk]
    assert [p["id"] for p in client.get(f"{API}/programs", {"industry": "ai"}).json()["items"]] == [
        other.pk
    ]

    body = client.get(f"{API}/spaces/{space.pk}").json()
    assert body["name_en"] == "Meeting room A"
    assert body["capacity"] == 8
    spaces = client.get(f"{API}/spaces", {"kind": "meeting_room"}).json()["items"]
    assert [s["id"] for s in spaces] == [space.pk]
    assert client.get(f"{API}/spaces", {"kind": "rocket"}).status_code == 422
