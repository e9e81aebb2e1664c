"""GET /api/v1/changes/stream: Server-Sent Events after Last-Event-ID or ?after=."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from sadari.feed import conf
from sadari.feed.services import change_record
from sadari.feed.stream import change_stream
from tests.feed.conftest import API

pytestmark = pytest.mark.integration


class FakeTime:
    """A clock that advances only when the stream sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _messages(text: str) -> list[dict[str, str]]:
    """SSE text → one dict per block (comments under "comment")."""
    blocks = []
    for block in text.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            name, _, value = line.partition(":")
            key = name or "comment"
            fields[key] = (fields.get(key, "") + value.strip()).strip()
        if fields:
            blocks.append(fields)
    return blocks


def _events(text: str) -> list[dict]:
    return [json.loads(m["data"]) for m in _messages(text) if m.get("event") == "change"]


def test_change_stream_yields_events_after_the_cursor_then_ends(record):
    for entity_id in (1, 2, 3):
        record(entity_id=entity_id)
    fake = FakeTime()

    text = "".join(
        change_stream(
            user=AnonymousUser(),
            after=1,
            max_seconds=1.0,
            poll_seconds=0.25,
            heartbeat_seconds=100,
            clock=fake.clock,
            sleep=fake.sleep,
        )
    )

    messages = _messages(text)
    assert messages[0]["retry"] == str(conf.STREAM_RETRY_MS)
    assert [(m["id"], m["event"]) for m in messages if "event" in m] == [
        ("2", "change"),
        ("3", "change"),
    ]
    assert [e["entity_id"] for e in _events(text)] == [2, 3]
    assert messages[-1]["id"] == "3"  # a reconnect resumes after the last event
    assert fake.sleeps == [0.25, 0.25, 0.25, 0.25]


def test_change_stream_picks_up_an_event_committed_while_streaming(record):
    record(entity_id=1)
    fake = FakeTime()

    def sleep_and_write(seconds):
        fake.sleep(seconds)
        if len(fake.sleeps) == 1:
            with transaction.atomic():
                change_record(kind="organization", entity_id=2, action="created")

    stream = change_stream(
        user=AnonymousUser(),
        after=1,
        max_seconds=0.5,
        poll_seconds=0.25,
        clock=fake.clock,
        sleep=sleep_and_write,
    )

    assert [e["entity_id"] for e in _events("".join(stream))] == [2]


def test_change_stream_heartbeats_carry_the_position_past_filtered_events(record):
    record(kind="person", entity_id=1)
    record(kind="organization", entity_id=5)
    fake = FakeTime()

    text = "".join(
        change_stream(
            user=AnonymousUser(),
            kinds=["organization"],
            entity_id=6,
            max_seconds=1.0,
            poll_seconds=0.5,
            heartbeat_seconds=0.5,
            clock=fake.clock,
            sleep=fake.sleep,
        )
    )

    messages = _messages(text)
    assert _events(text) == []
    assert next(m for m in messages if m.get("comment") == "heartbeat")["id"] == "2"


def test_change_stream_hides_private_events_from_anonymous(record):
    record(entity_id=1, is_public=False)
    record(entity_id=2)

    text = "".join(change_stream(user=AnonymousUser(), max_seconds=0, heartbeat_seconds=100))

    assert [e["entity_id"] for e in _events(text)] == [2]


def test_stream_endpoint_honours_last_event_id_over_after(record, client, monkeypatch):
    monkeypatch.setattr(conf, "STREAM_MAX_SECONDS", 0)
    for entity_id in (1, 2, 3):
        record(entity_id=entity_id)

    response = client.get(f"{API}/changes/stream", {"after": "0"}, headers={"Last-Event-ID": "2"})
    text = b"".join(response.streaming_content).decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert [e["id"] for e in _events(text)] == ["3"]


def test_stream_endpoint_filters_by_kind_and_entity(record, client, monkeypatch):
    monkeypatch.setattr(conf, "STREAM_MAX_SECONDS", 0)
    record(kind="organization", entity_id=7)
    record(kind="person", entity_id=7)
    record(kind="organization", entity_id=8)

    response = client.get(f"{API}/changes/stream", {"kind": "organization", "entity_id": 7})
    text = b"".join(response.streaming_content).decode()

    assert [(e["kind"], e["entity_id"]) for e in _events(text)] == [("organization", 7)]


@pytest.mark.parametrize(
    ("_case", "query", "headers"),
    [
        ("bad after", {"after": "x"}, {}),
        ("bad Last-Event-ID", {}, {"Last-Event-ID": "-3"}),
    ],
)
def test_stream_endpoint_invalid_cursor_is_a_400(db, client, _case, query, headers):
    response = client.get(f"{API}/changes/stream", query, headers=headers)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"
