"""In Debian's Chromium: search in Korean, open a profile, save a screenshot."""

import os
import shutil
from pathlib import Path

import pytest

from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create

CHROMIUM = os.environ.get("SADARI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)),
        reason=f"Chromium not found at {CHROMIUM} (make e2e-deps installs Debian's chromium)",
    ),
]


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # live server happen in its own thread, and test setup runs before the loop starts.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        yield page
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def directory_data(transactional_db):
    organization_create(
        kind=OrgKind.STARTUP,
        name_ko="(주)하늘드론",
        name_en="Haneul Drone",
        industry="drone",
        district="용산구",
        description_ko="도심 드론 배송과 AI 관제를 만드는 스타트업입니다.",
        is_fictional=True,
    )
    organization_create(
        kind=OrgKind.HUB,
        name_ko="서울드론허브",
        industry="drone",
        district="용산구",
        description_ko="드론 산업 혁신 거점",
    )
    organization_create(kind=OrgKind.STARTUP, name_ko="머니핀테크랩", industry="fintech")


def test_search_in_korean_and_open_profile(live_server, browser_page, directory_data):
    page = browser_page
    SCREENSHOTS.mkdir(exist_ok=True)

    page.goto(live_server.url + "/")
    page.get_by_role("main").get_by_role("searchbox").fill("드론")
    page.get_by_role("main").get_by_role("button", name="검색").click()

    page.wait_for_url("**/directory/search/?q=*")
    results = page.locator("ul.results > li")
    assert results.count() == 2
    assert "머니핀테크랩" not in page.content()
    page.get_by_role("link", name="(주)하늘드론").first.click()

    page.wait_for_url("**/directory/organizations/*/")
    assert page.locator("h1").inner_text().startswith("(주)하늘드론")
    assert "도심 드론 배송" in page.content()
    page.screenshot(path=str(SCREENSHOTS / "e2e-search-profile.png"), full_page=True)
    assert (SCREENSHOTS / "e2e-search-profile.png").stat().st_size > 10_000
