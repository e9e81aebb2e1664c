"""/search and /search/suggest: Korean 2-syllable and English queries, kinds, counts."""

import pytest

from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create, person_create, program_create

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(startup):
    hub = organization_create(kind=OrgKind.HUB, name_ko="서울창업허브", name_en="Seoul Startup Hub")
    program = program_create(
        title_ko="드론 실증 지원사업", title_en="Drone pilot program", host=hub
    )
    person = person_create(
        name_ko="김하늘", name_en="Haneul Kim", organization=startup, bio_ko="드론 엔지니어"
    )
    hidden = person_create(name_ko="박드론", is_public=False)
    organization_create(kind=OrgKind.STARTUP, name_ko="바이오헬스", name_en="BioHealth")
    return {"startup": startup, "hub": hub, "program": program, "person": person, "hidden": hidden}


def test_korean_two_syllable_query(client, data):
    response = client.get(f"{API}/search", {"q": "드론"})
    assert response.status_code == 200
    body = response.json()
    found = {(h["kind"], h["id"]) for h in body["items"]}
    assert ("organization", data["startup"].pk) in found
    assert ("program", data["program"].pk) in found
    assert ("person", data["hidden"].pk) not in found
    assert body["counts"]["organization"] >= 1
    assert body["counts"]["program"] >= 1
    assert set(body["counts"]) == {"organization", "person", "program"}
    top = next(
        h for h in body["items"] if h["id"] == data["startup"].pk and h["kind"] == "organization"
    )
    assert top["title"] == "(주)하늘드론"
    assert top["title_en"] == "Haneul Drone"
    assert top["url"] == f"/directory/organizations/{data['startup'].pk}/"
    assert top["api_url"] == f"{API}/organizations/{data['startup'].pk}"
    assert isinstance(top["score"], float)
    assert client.get(top["api_url"]).status_code == 200


def test_english_word(client, data):
    body = client.get(f"{API}/search", {"q": "drone"}).json()
    assert ("organization", data["startup"].pk) in {(h["kind"], h["id"]) for h in body["items"]}
    assert "바이오헬스" not in {h["title"] for h in body["items"]}


def test_kind_filter_keeps_counts_for_all_kinds(client, data):
    body = client.get(f"{API}/search", {"q": "드론", "kind": "program"}).json()
    assert {h["kind"] for h in body["items"]} == {"program"}
    assert body["counts"]["organization"] >= 1
    assert body["total"] == body["counts"]["program"]


def test_search_validation_and_empty(client, data):
    assert client.get(f"{API}/search", {"q": "드론", "kind": "nonsense"}).status_code == 422
    assert client.get(f"{API}/search", {"q": "드론", "limit": 500}).status_code == 422
    body = client.get(f"{API}/search").json()
    assert body["items"] == []
    assert body["total"] == 0
    assert client.get(f"{API}/search", {"q": '"(*)-'}).status_code == 200


def test_search_offset(client, data):
    everything = client.get(f"{API}/search", {"q": "드론", "limit": 50}).json()["items"]
    second = client.get(f"{API}/search", {"q": "드론", "limit": 1, "offset": 1}).json()["items"]
    assert len(everything) >= 2
    assert second == everything[1:2]


def test_suggest_prefix(client, data):
    response = client.get(f"{API}/search/suggest", {"q": "서울창"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert {
        "kind": "organization",
        "id": data["hub"].pk,
        "title": "서울창업허브",
        "title_en": "Seoul Startup Hub",
        "url": f"/directory/organizations/{data['hub'].pk}/",
    } in items


def test_suggest_english_prefix_and_limit(client, data):
    for i in range(10):
        organization_create(kind=OrgKind.STARTUP, name_ko=f"드론텍{i}", name_en=f"Dronetech {i}")
    items = client.get(f"{API}/search/suggest", {"q": "dron"}).json()["items"]
    assert 1 <= len(items) <= 8
    assert client.get(f"{API}/search/suggest", {"q": ""}).json() == {"items": []}
