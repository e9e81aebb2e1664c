"""Cursor pagination: a full walk, garbage cursors, limits; no N+1 queries on list endpoints."""

import base64

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sadari.accounts.enums import Role
from sadari.api.pagination import encode_cursor
from sadari.directory.enums import OrgKind
from sadari.directory.services import (
    organization_create,
    person_create,
    program_create,
    space_create,
)

from .conftest import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_orgs(db):
    return [organization_create(kind=OrgKind.STARTUP, name_ko=f"스타트업{i}") for i in range(5)]


def test_walk_five_orgs_two_at_a_time(client, five_orgs):
    seen, pages, cursor = [], 0, None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        response = client.get(f"{API}/organizations", params)
        assert response.status_code == 200
        body = response.json()
        pages += 1
        seen += [o["id"] for o in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert pages < 10
    assert pages == 3
    assert seen == sorted(o.pk for o in five_orgs)  # stable id order, no duplicates, no misses


def test_rows_added_during_the_walk_are_not_repeated(client, five_orgs):
    first = client.get(f"{API}/organizations", {"limit": 2}).json()
    organization_create(kind=OrgKind.STARTUP, name_ko="가나다")  # sorts first by name, last by id
    rest = client.get(f"{API}/organizations", {"limit": 10, "cursor": first["next_cursor"]}).json()
    ids = [o["id"] for o in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 6


def test_default_and_exact_limits(client, five_orgs):
    body = client.get(f"{API}/organizations").json()
    assert len(body["items"]) == 5
    assert body["next_cursor"] is None
    body = client.get(f"{API}/organizations", {"limit": 5}).json()
    assert len(body["items"]) == 5
    assert body["next_cursor"] is None
    assert client.get(f"{API}/organizations", {"limit": 200}).status_code == 200


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!!",
        "bm90IGpzb24",  # "not json"
        base64.urlsafe_b64encode(b'{"o":"id","k":["x"]}').decode().rstrip("="),
        base64.urlsafe_b64encode(b'{"o":"id","k":[1,2]}').decode().rstrip("="),
        base64.urlsafe_b64encode(b"[1]").decode().rstrip("="),
        encode_cursor("name_ko", ["가", 1]),  # a cursor for another ordering
        "%%%",
        "A" * 600,
    ],
)
def test_garbage_cursor_is_a_4xx_json_error(client, five_orgs, cursor):
    response = client.get(f"{API}/organizations", {"cursor": cursor})
    assert 400 <= response.status_code < 500
    assert response.json()["code"] in {"invalid_cursor", "validation_error"}


def test_garbage_cursor_code(client, five_orgs):
    response = client.get(f"{API}/organizations", {"cursor": "garbage"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


def test_cursor_pagination_on_every_list(client, five_orgs):
    hub = five_orgs[0]
    for i in range(3):
        person_create(name_ko=f"사람{i}", organization=hub)
        program_create(title_ko=f"사업{i}", host=hub)
        space_create(name_ko=f"공간{i}", host=hub, kind="desk", capacity=1)
    for path in ("people", "programs", "spaces"):
        first = client.get(f"{API}/{path}", {"limit": 2}).json()
        second = client.get(f"{API}/{path}", {"limit": 2, "cursor": first["next_cursor"]}).json()
        assert len(first["items"]) == 2
        assert len(second["items"]) == 1
        assert second["next_cursor"] is None


def _seed(n: int) -> None:
    hub = organization_create(kind=OrgKind.HUB, name_ko="허브")
    for i in range(n):
        org = organization_create(
            kind=OrgKind.STARTUP, name_ko=f"회사{i}", host=hub, district="강남구"
        )
        person_create(name_ko=f"대표{i}", organization=org)
        program_create(title_ko=f"프로그램{i}", host=hub)
        space_create(name_ko=f"회의실{i}", host=hub, kind="meeting_room", capacity=4)


USERS = {"anonymous": None, "founder": Role.FOUNDER, "staff": Role.INSTITUTION_STAFF}


@pytest.mark.parametrize("path", ["organizations", "people", "programs", "spaces"])
@pytest.mark.parametrize("who", list(USERS))
def test_list_query_count_does_not_grow_with_items(
    api_client, make_user, django_assert_num_queries, path, who
):
    """1 item or 3: the same number of queries (select_related hosts, cached role checks)."""
    client = api_client(make_user(who, role=USERS[who]) if USERS[who] else None)
    params = {"kind": "startup", "district": "강남구"} if path == "organizations" else {}
    _seed(1)
    assert client.get(f"{API}/{path}", params).status_code == 200  # warm-up: token last_used_at
    with CaptureQueriesContext(connection) as one:
        response = client.get(f"{API}/{path}", params)
    assert len(response.json()["items"]) == 1
    _seed(2)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(f"{API}/{path}", params)
    assert len(response.json()["items"]) == 3
