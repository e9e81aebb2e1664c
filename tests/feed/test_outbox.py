"""The outbox: events commit and roll back with the change; cursors follow commit order."""

import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections, transaction

from sadari.feed.models import ChangeEvent
from sadari.feed.selectors import change_head, change_list_for
from sadari.feed.services import change_record, change_records, change_sequence

pytestmark = pytest.mark.integration


def test_change_record_rolled_back_with_its_transaction_leaves_no_event(db):
    def failing_change():
        with transaction.atomic():
            change_record(kind="organization", entity_id=7, action="updated", fields=["name_ko"])
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()

    assert ChangeEvent.objects.count() == 0
    assert change_sequence() == 0


def test_change_record_sequences_on_commit_once_per_transaction(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        first = change_record(kind="organization", entity_id=7, action="created")
        second = change_record(kind="person", entity_id=3, action="updated", fields=["title"])

        assert first.seq is None  # no cursor before commit

    first.refresh_from_db()
    second.refresh_from_db()
    assert len(callbacks) == 1
    assert (first.seq, second.seq) == (1, 2)
    assert first.sequenced_at is not None


def test_change_record_stores_the_change(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = change_record(
            kind="program",
            entity_id=12,
            action="updated",
            fields=["title_ko", "ends_on"],
            data={"title_ko": "2026 창업도약패키지", "ends_on": "2026-12-31"},
            source="seoul-startup-plus",
            is_public=False,
        )

    event.refresh_from_db()
    assert (event.kind, event.entity_id, event.action) == ("program", 12, "updated")
    assert event.fields == ["title_ko", "ends_on"]
    assert event.data == {"title_ko": "2026 창업도약패키지", "ends_on": "2026-12-31"}
    assert (event.source, event.is_public, event.cursor) == ("seoul-startup-plus", False, "1")


@pytest.mark.parametrize(
    ("_case", "kind", "action"),
    [
        ("unknown action", "organization", "renamed"),
        ("uppercase kind", "Organization", "updated"),
        ("kind with spaces", "job posting", "created"),
        ("empty kind", "", "created"),
    ],
)
def test_change_record_rejects_bad_kind_or_action(db, _case, kind, action):
    with pytest.raises(ValueError, match="change"):
        change_record(kind=kind, entity_id=1, action=action)

    assert ChangeEvent.objects.count() == 0


def test_change_records_stores_many_as_change_record_would(db, django_capture_on_commit_callbacks):
    changes = [
        {"kind": "organization", "entity_id": 5, "action": "created", "fields": ["name_ko"],
         "data": {"name": "드론랩", "founded_on": "2024-03-02"}, "source": "a-foundation"},
        {"kind": "organization", "entity_id": "6", "action": "updated", "is_public": False},
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert change_records(changes) == 2

    assert len(callbacks) == 1
    stored = list(ChangeEvent.objects.order_by("seq"))
    assert [(e.seq, e.entity_id, e.action, e.fields, e.source, e.is_public) for e in stored] == [
        (1, 5, "created", ["name_ko"], "a-foundation", True),
        (2, 6, "updated", [], None, False),
    ]
    assert stored[0].data == {"name": "드론랩", "founded_on": "2024-03-02"}
    assert stored[1].data == {}
    assert stored[0].created_at is not None


def test_change_records_writes_nothing_when_one_change_is_bad(db):
    good = {"kind": "organization", "entity_id": 1, "action": "created"}
    with pytest.raises(ValueError, match="change"):
        change_records([good, {**good, "action": "renamed"}])

    assert ChangeEvent.objects.count() == 0


def test_unsequenced_events_are_not_served(db):
    with transaction.atomic():
        change_record(kind="organization", entity_id=1, action="created")

    assert change_head() == 0
    assert list(change_list_for(user=AnonymousUser(), after=0)) == []


def test_change_sequence_continues_from_the_head_in_id_order_and_is_idempotent(db, record):
    record(entity_id=1)
    with transaction.atomic():
        second = change_record(kind="organization", entity_id=2, action="updated")
        third = change_record(kind="organization", entity_id=3, action="updated")

    assert change_sequence() == 2
    assert change_sequence() == 0

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.seq, third.seq) == (2, 3)
    assert change_head() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_open_transaction_is_not_skipped_by_readers_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    inserted = threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def slow_writer():
        try:
            with transaction.atomic():
                change_record(kind="organization", entity_id=1, action="updated")
                inserted.set()
                release.wait(10)
            change_sequence()
        except BaseException as exc:  # reported in the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert inserted.wait(10)
    with transaction.atomic():  # inserted after the slow one (higher id), committed first
        fast = change_record(kind="organization", entity_id=2, action="updated")
    change_sequence()
    fast.refresh_from_db()
    seen_first = list(ChangeEvent.objects.filter(seq__gt=0).values_list("entity_id", "seq"))

    release.set()
    writer.join(10)

    assert errors == []
    assert seen_first == [(2, 1)]
    slow = ChangeEvent.objects.get(entity_id=1)
    assert slow.id < fast.id
    assert slow.seq == 2  # after the cursor a reader already holds: not skipped
