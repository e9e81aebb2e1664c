"""GET /api/v1/changes: cursor order and paging, kinds, invalid cursors, private events."""

import pytest

from sadari.accounts.enums import Role
from tests.feed.conftest import API

pytestmark = pytest.mark.integration


def _ids(body):
    return [item["id"] for item in body["items"]]


def test_change_list_pages_in_cursor_order_with_after(record, client):
    for entity_id in range(1, 6):
        record(entity_id=entity_id)

    first = client.get(f"{API}/changes", {"limit": 2}).json()
    second = client.get(f"{API}/changes", {"limit": 2, "after": first["next_cursor"]}).json()
    last = client.get(f"{API}/changes", {"limit": 2, "after": second["next_cursor"]}).json()
    idle = client.get(f"{API}/changes", {"after": last["next_cursor"]}).json()

    assert (_ids(first), first["next_cursor"], first["has_more"]) == (["1", "2"], "2", True)
    assert (_ids(second), second["next_cursor"], second["has_more"]) == (["3", "4"], "4", True)
    assert (_ids(last), last["next_cursor"], last["has_more"]) == (["5"], "5", False)
    assert (idle["items"], idle["next_cursor"], idle["has_more"]) == ([], "5", False)


def test_change_list_item_has_the_documented_fields(record, client):
    record(
        kind="person",
        entity_id=9,
        action="updated",
        fields=["title"],
        data={"title": "대표"},
        source="goyang",
    )

    item = client.get(f"{API}/changes").json()["items"][0]

    assert set(item) == {
        "id", "kind", "entity_id", "action", "fields", "data", "source", "is_public", "created_at"
    }  # fmt: skip
    assert (item["id"], item["kind"], item["entity_id"], item["action"]) == (
        "1", "person", 9, "updated"
    )  # fmt: skip
    assert (item["fields"], item["data"], item["source"]) == (
        ["title"],
        {"title": "대표"},
        "goyang",
    )


def test_change_list_kinds_filter_and_cursor_moves_past_filtered_events(record, client):
    record(kind="organization", entity_id=1)
    record(kind="person", entity_id=1)
    record(kind="program", entity_id=1)
    record(kind="space", entity_id=1)

    body = client.get(f"{API}/changes", {"kinds": "person,program"}).json()
    only_spaces = client.get(f"{API}/changes", {"kinds": "space", "after": "3"}).json()
    nothing = client.get(f"{API}/changes", {"kinds": "job_posting"}).json()

    assert [i["kind"] for i in body["items"]] == ["person", "program"]
    assert body["next_cursor"] == "4"  # the filtered-out space event was looked at too
    assert [i["kind"] for i in only_spaces["items"]] == ["space"]
    assert (nothing["items"], nothing["next_cursor"]) == ([], "4")


def test_change_list_serves_events_recorded_without_an_on_commit_run(db, client):
    # A writer that crashed between commit and its on_commit hook: readers sequence for it.
    from django.db import transaction

    from sadari.feed.services import change_record

    with transaction.atomic():
        change_record(kind="organization", entity_id=1, action="created")

    assert _ids(client.get(f"{API}/changes").json()) == ["1"]


@pytest.mark.parametrize(
    ("_case", "after"),
    [
        ("letters", "abc"),
        ("negative", "-1"),
        ("decimal", "1.5"),
        ("too large", "99999999999999999999"),
        ("opaque list cursor", "eyJvIjoiaWQiLCJrIjpbMV19"),
    ],
)
def test_change_list_invalid_cursor_is_a_400(db, client, _case, after):
    response = client.get(f"{API}/changes", {"after": after})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
    assert set(response.json()) == {"code", "message"}


@pytest.mark.parametrize(
    ("_case", "role", "sees_private"),
    [
        ("anonymous", None, False),
        ("founder", Role.FOUNDER, False),
        ("investor", Role.INVESTOR, False),
        ("institution staff", Role.INSTITUTION_STAFF, True),
        ("city operator", Role.CITY_OPERATOR, True),
    ],
)
def test_private_events_only_for_operators_and_staff(
    record, make_user, api_client, _case, role, sees_private
):
    record(entity_id=1, is_public=True)
    record(entity_id=2, is_public=False, data={"revenue_krw": 125_000_000})
    record(entity_id=3, is_public=True)
    user = make_user(f"u-{_case.replace(' ', '-')}", role=role) if _case != "anonymous" else None

    body = api_client(user).get(f"{API}/changes").json()

    assert _ids(body) == (["1", "2", "3"] if sees_private else ["1", "3"])
    assert body["next_cursor"] == "3"


def test_django_staff_sees_private_events(record, make_user, client):
    record(entity_id=2, is_public=False)
    client.force_login(make_user("admin-ish", is_staff=True))

    assert _ids(client.get(f"{API}/changes").json()) == ["1"]


def test_change_list_bad_token_is_a_401(db, client):
    response = client.get(f"{API}/changes", headers={"Authorization": "Bearer nope"})

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
