"""The Server-Sent Events stream of the change feed (``GET /api/v1/changes/stream``).

A generator of SSE text: ``id:`` (the cursor), ``event: change`` and ``data:`` (the event as
JSON) per event; a comment line with the current position as heartbeat; and an end after a
bounded time, so that a WSGI worker is not held forever (EventSource reconnects by itself and
sends ``Last-Event-ID``). The database connection is closed after each poll, so an open stream
does not hold one.
"""

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection

from sadari.feed import conf
from sadari.feed.models import ChangeEvent
from sadari.feed.selectors import change_head, change_list_for, change_payload
from sadari.feed.services import change_sequence

BATCH = 200


def sse_message(event: ChangeEvent) -> str:
    data = json.dumps(change_payload(event), ensure_ascii=False, separators=(",", ":"))
    return f"id: {event.seq}\nevent: change\ndata: {data}\n\n"


def _release_connection() -> None:
    # Inside an atomic block (a test's transaction) the connection is not ours to close.
    if not connection.in_atomic_block:
        connection.close()


def change_stream(
    *,
    user: Any,
    after: int = 0,
    kinds: list[str] | None = None,
    entity_id: int | None = None,
    max_seconds: float | None = None,
    poll_seconds: float | None = None,
    heartbeat_seconds: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[str]:
    """SSE text for the events ``user`` may see after cursor ``after``, polling every
    ``poll_seconds`` for ``max_seconds``. Heartbeats and the last chunk carry ``id:`` with the
    position reached (also past events filtered out), so a reconnect resumes there."""
    max_seconds = conf.STREAM_MAX_SECONDS if max_seconds is None else max_seconds
    poll_seconds = conf.POLL_SECONDS if poll_seconds is None else poll_seconds
    heartbeat_seconds = conf.HEARTBEAT_SECONDS if heartbeat_seconds is None else heartbeat_seconds
    position = after
    started = last_beat = clock()
    try:
        yield f"retry: {conf.STREAM_RETRY_MS}\n: sadari change feed\n\n"
        while True:
            change_sequence(wait=False)  # in case a writer's on_commit did not run (crash)
            head = change_head()
            events: list[ChangeEvent] = []
            if head > position:
                events = list(
                    change_list_for(
                        user=user, after=position, kinds=kinds, entity_id=entity_id, upto=head
                    )[:BATCH]
                )
            _release_connection()
            for event in events:
                yield sse_message(event)
            full = len(events) == BATCH
            position = events[-1].seq if full else max(position, head)
            now = clock()
            if now - started >= max_seconds:
                break
            if now - last_beat >= heartbeat_seconds:
                yield f": heartbeat\nid: {position}\n\n"
                last_beat = now
            if not full:
                sleep(poll_seconds)
        yield f": end of stream, reconnect\nid: {position}\n\n"
    finally:
        _release_connection()
