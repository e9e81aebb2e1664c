"""In Debian's Chromium: a page with the live-updates include refreshes its live region when
its entity changes, and shows a reload banner when it cannot."""

import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction

from sadari.feed import conf
from sadari.feed.services import change_record
from tests.feed import live_urls

CHROMIUM = os.environ.get("SADARI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
STREAM_SECONDS = 2.0

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)),
        reason=f"Chromium not found at {CHROMIUM} (make e2e-deps installs Debian's chromium)",
    ),
    # Like tests/e2e: the live server leaves a PostgreSQL session open at teardown (`make test`
    # runs the browser tests on SQLite only).
    pytest.mark.skipif(
        "sqlite" not in django_settings.DATABASES["default"]["ENGINE"],
        reason="browser tests run on SQLite",
    ),
]


@pytest.fixture
def live_page(live_server, settings, monkeypatch):
    settings.ROOT_URLCONF = "tests.feed.live_urls"
    monkeypatch.setattr(conf, "STREAM_MAX_SECONDS", STREAM_SECONDS)
    monkeypatch.setattr(live_urls, "BROKEN", {"is_broken": False})
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(locale="ko-KR")
            yield page, live_server.url
            browser.close()
        time.sleep(STREAM_SECONDS + 0.5)  # let the server end the stream before the db goes
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _record(entity_id: int) -> None:
    with transaction.atomic():
        change_record(kind="organization", entity_id=entity_id, action="updated", fields=["x"])


def test_live_region_refreshes_on_a_change_of_its_entity(transactional_db, live_page):
    from playwright.sync_api import expect

    page, url = live_page
    _record(42)  # before the page: not replayed
    page.goto(url + "/live/")
    expect(page.locator("#count")).to_have_text("1")

    _record(7)  # another entity: ignored
    _record(42)

    expect(page.locator("#count")).to_have_text("2", timeout=5000)
    expect(page.locator("#sadari-live-banner")).to_have_count(0)

    live_urls.BROKEN["is_broken"] = True
    _record(42)

    banner = page.locator("#sadari-live-banner")
    expect(banner).to_contain_text("이 페이지의 내용이 바뀌었습니다.", timeout=5000)
    expect(banner.get_by_role("button", name="새로고침")).to_be_visible()
    expect(page.locator("#count")).to_have_text("2")
