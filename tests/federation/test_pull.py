"""Scheduled pulls from an allow-listed host: a loopback HTTP server serves a CP949 CSV."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create
from sadari.federation.models import IngestRun, Source
from sadari.federation.services import source_create

pytestmark = pytest.mark.django_db(transaction=True)

CSV = "기업명,사업자등록번호,홈페이지\n(주)드론랩,220-81-62517,dronelab.kr\n로봇랩,,robotlab.kr\n".encode(
    "cp949"
)


@pytest.fixture
def server():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            self.wfile.write(CSV)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_pull_ingests_and_an_unchanged_file_changes_nothing(server, settings, capsys):
    settings.SADARI_FEDERATION_PULL_HOSTS = ["127.0.0.1"]
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울경제진흥원")
    source_create(
        slug="sba", name="SBA", owner=owner, kinds=["organization"], pull_url=f"{server}/orgs.csv"
    )

    call_command("pull_sources")
    call_command("pull_sources", "--force")

    assert Organization.objects.filter(kind=OrgKind.STARTUP).count() == 2
    assert IngestRun.objects.count() == 1  # the same content replays the first run
    assert "created 2" in capsys.readouterr().out


def test_pull_url_must_be_on_an_allowed_host(settings):
    settings.SADARI_FEDERATION_PULL_HOSTS = ["data.seoul.go.kr"]
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="서울경제진흥원")

    with pytest.raises(ValidationError):
        source_create(slug="x", name="X", owner=owner, pull_url="http://127.0.0.1:9/x.csv")

    assert not Source.objects.filter(slug="x").exists()
