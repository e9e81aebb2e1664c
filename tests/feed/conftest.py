"""Feed test helpers: events recorded through the service, API clients, a loopback receiver."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import Client

from sadari.accounts.models import ApiToken
from sadari.feed.services import change_record, change_sequence

API = "/api/v1"


@pytest.fixture
def record(db):
    """``record(kind, entity_id, ...)``: one committed-and-sequenced event, as after a request."""

    def _record(kind="organization", entity_id=1, action="updated", **extra):
        with transaction.atomic():
            event = change_record(kind=kind, entity_id=entity_id, action=action, **extra)
        change_sequence()
        event.refresh_from_db()
        return event

    return _record


@pytest.fixture
def api_client():
    def _make(user=None) -> Client:
        if user is None:
            return Client()
        _, token = ApiToken.issue(user=user, name="test")
        return Client(headers={"Authorization": f"Bearer {token}"})

    return _make


@pytest.fixture
def allow_private(settings):
    settings.SADARI_WEBHOOK_ALLOW_PRIVATE = True


class Receiver:
    """A webhook receiver on 127.0.0.1 (port 0): records requests, answers ``status``."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                reply = json.dumps({"ok": receiver.status < 300}).encode()
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, format, *args):  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()
