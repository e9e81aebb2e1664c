"""Tech-trade pages: the confidentiality role matrix (profiles, lists, search, feed), the NDA
and detail-request flow, create/edit with validation, matches with reasons, query counts."""

import pytest
from django.urls import reverse

from sadari.common.models import AuditEvent
from sadari.feed.models import ChangeEvent
from sadari.techtrade.enums import RequestStatus
from sadari.techtrade.models import DetailRequest, NdaAcceptance, NdaTemplate, TechNeed, Technology
from sadari.techtrade.services import need_create, technology_create
from tests.techtrade.conftest import NEED_SECRET, ROLES, TECH_SECRET

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
@pytest.mark.parametrize("kind", ["need", "tech"])
def test_listing_details_role_matrix(login, market, role, kind):
    client = login(role)
    url_name = "techtrade:need-detail" if kind == "need" else "techtrade:technology-detail"
    secret = NEED_SECRET if kind == "need" else TECH_SECRET
    owner = "corporate" if kind == "need" else "founder"

    response = client.get(reverse(url_name, args=[market[kind].pk]))

    assert response.status_code == 200
    assert (secret in response.content.decode()) == (role in ("approved", owner))


def test_viewing_details_on_the_page_is_audited(login, market):
    client = login("approved")
    before = AuditEvent.objects.filter(action="techtrade.need.view_details").count()

    client.get(reverse("techtrade:need-detail", args=[market["need"].pk]))
    login("nda_pending").get(reverse("techtrade:need-detail", args=[market["need"].pk]))

    events = AuditEvent.objects.filter(action="techtrade.need.view_details")
    assert events.count() == before + 1
    assert events.first().actor == market["approved"]
    assert events.first().detail["via"] == "page"


@pytest.mark.parametrize("role", [*ROLES, "corporate", "founder"])
def test_lists_and_their_search_never_show_details(login, market, role):
    client = login(role)
    pages = [
        client.get(reverse("techtrade:need-list")),
        client.get(reverse("techtrade:technology-list")),
        client.get(reverse("techtrade:home")),
        client.get(reverse("techtrade:challenge-list")),
    ]
    searches = [
        client.get(reverse("techtrade:need-list"), {"q": NEED_SECRET}),
        client.get(reverse("techtrade:technology-list"), {"q": TECH_SECRET}),
    ]
    site_search = client.get(reverse("directory:search"), {"q": NEED_SECRET})

    texts = [p.content.decode() for p in pages]

    assert [p.status_code for p in [*pages, *searches, site_search]] == [200] * 7
    assert all(NEED_SECRET not in t and TECH_SECRET not in t for t in texts)
    assert market["need"].title_ko in texts[0]
    assert market["tech"].title_en in texts[1]
    # A confidential word finds nothing: details are not searched.
    assert [s.context["page_obj"].paginator.count for s in searches] == [0, 0]
    assert site_search.context["items"] == []


def test_change_feed_carries_public_fields_only(market):
    events = list(ChangeEvent.objects.filter(kind__in=["tech_need", "technology"]))

    assert {e.kind for e in events} == {"tech_need", "technology"}
    for event in events:
        assert "details_ko" not in event.fields
        assert "details_en" not in event.fields
        assert "details_ko" not in event.data
        assert "details_en" not in event.data
        assert NEED_SECRET not in str(event.data)
        assert TECH_SECRET not in str(event.data)


def test_editing_only_details_records_no_change_event(client, market):
    client.force_login(market["corporate"])
    need = market["need"]
    before = ChangeEvent.objects.filter(kind="tech_need", entity_id=need.pk).count()
    data = _need_form_data(need, details_ko="새 기밀 내용")

    response = client.post(reverse("techtrade:need-edit", args=[need.pk]), data)

    assert response.status_code == 302
    assert TechNeed.objects.get(pk=need.pk).details_ko == "새 기밀 내용"
    assert ChangeEvent.objects.filter(kind="tech_need", entity_id=need.pk).count() == before


def _need_form_data(need, **overrides):
    data = {
        "title_ko": need.title_ko, "title_en": need.title_en, "teaser_ko": need.teaser_ko,
        "teaser_en": need.teaser_en, "problem_ko": need.problem_ko, "problem_en": "",
        "outcome_ko": "", "outcome_en": "", "trl_wanted": need.trl_wanted or "",
        "budget_min_krw": "5천만원", "budget_max_krw": "2억", "deadline": "2026-12-31",
        "status": need.status, "details_ko": need.details_ko, "details_en": "",
        "field_codes": need.fields,
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_nda_request_and_approval_flow_through_the_pages(client, market):
    tech = market["tech"]
    url = reverse("techtrade:technology-request", args=[tech.pk])
    client.force_login(market["other_corporate"])

    form_page = client.get(url)
    nda = NdaTemplate.objects.get(owner=market["startup"])
    no_accept = client.post(
        url, {"nda_id": nda.pk, "nda_sha256": nda.sha256, "requester": market["other_corp"].pk}
    )
    accepted = client.post(
        url,
        {"nda_id": nda.pk, "nda_sha256": nda.sha256, "requester": market["other_corp"].pk,
         "accept": "on", "message": "PoC 검토를 위해 요청합니다."},
    )  # fmt: skip
    before_approval = client.get(tech.get_absolute_url()).content.decode()
    request = DetailRequest.objects.get(technology=tech, requester=market["other_corp"])
    client.force_login(market["founder"])
    requests_page = client.get(reverse("techtrade:request-list")).content.decode()
    decided = client.post(
        reverse("techtrade:request-decide", args=[request.pk]), {"decision": "approve"}
    )
    client.force_login(market["other_corporate"])
    after_approval = client.get(tech.get_absolute_url()).content.decode()

    assert form_page.status_code == 200
    assert nda.text_ko[:20] in form_page.content.decode()
    assert no_accept.status_code == 200
    assert accepted.status_code == 302
    acceptance = NdaAcceptance.objects.get(organization=market["other_corp"], nda=nda)
    assert (acceptance.user, acceptance.text_sha256) == (market["other_corporate"], nda.sha256)
    assert TECH_SECRET not in before_approval
    assert "PoC 검토를 위해 요청합니다." in requests_page
    assert decided.status_code == 302
    assert DetailRequest.objects.get(pk=request.pk).status == RequestStatus.APPROVED
    assert TECH_SECRET in after_approval


def test_request_without_accepting_the_nda_records_nothing(client, market):
    tech = market["tech"]
    nda = NdaTemplate.objects.get(owner=market["startup"])
    client.force_login(market["other_corporate"])

    response = client.post(
        reverse("techtrade:technology-request", args=[tech.pk]),
        {"nda_id": nda.pk, "nda_sha256": nda.sha256, "requester": market["other_corp"].pk},
    )

    assert response.status_code == 200
    assert "NDA" in response.content.decode()
    assert not NdaAcceptance.objects.filter(organization=market["other_corp"]).exists()
    assert not DetailRequest.objects.filter(requester=market["other_corp"]).exists()


@pytest.mark.parametrize(
    ("_case", "role", "status"),
    [
        ("anonymous logs in first", "anonymous", 302),
        ("the owner cannot ask itself", "founder", 404),
        ("another corporate", "other_corporate", 200),
        ("institution staff may ask like anyone", "staff", 200),
    ],
)
def test_request_page_role_matrix(login, market, _case, role, status):
    response = login(role).get(reverse("techtrade:technology-request", args=[market["tech"].pk]))

    assert response.status_code == status


@pytest.mark.parametrize("role", ["anonymous", "other_startup", "approved", "staff", "operator"])
def test_only_the_owner_decides_on_requests(login, market, role):
    request = DetailRequest.objects.get(technology=market["tech"], requester=market["pending_corp"])

    response = login(role).post(
        reverse("techtrade:request-decide", args=[request.pk]), {"decision": "approve"}
    )

    assert response.status_code in (302, 404)
    if role != "anonymous":
        assert response.status_code == 404
    assert DetailRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


@pytest.mark.parametrize(
    ("_case", "url_name", "role", "status"),
    [
        ("corporate posts needs", "techtrade:need-create", "corporate", 200),
        ("a startup does not post needs", "techtrade:need-create", "founder", 404),
        ("anonymous logs in", "techtrade:need-create", "anonymous", 302),
        ("a startup offers technologies", "techtrade:technology-create", "founder", 200),
        (
            "a corporate does not offer technologies",
            "techtrade:technology-create",
            "corporate",
            404,
        ),
        ("operators post neither", "techtrade:technology-create", "operator", 404),
    ],
)
def test_create_pages_role_matrix(login, market, _case, url_name, role, status):
    assert login(role).get(reverse(url_name)).status_code == status


@pytest.mark.parametrize("role", [*ROLES, "corporate"])
def test_edit_page_role_matrix(login, market, role):
    response = login(role).get(reverse("techtrade:need-edit", args=[market["need"].pk]))

    expected = {"corporate": 200, "anonymous": 302}.get(role, 404)
    assert response.status_code == expected


def test_posting_a_need_in_korean_parses_won_and_shows_matches(client, market):
    client.force_login(market["corporate"])

    response = client.post(
        reverse("techtrade:need-create"),
        {
            "owner_id": market["corp"].pk, "title_ko": "폐배터리 잔존수명 진단",
            "teaser_ko": "전기차 배터리 진단 기술을 찾습니다.", "field_codes": ["climate"],
            "trl_wanted": "5", "budget_min_krw": "1억 2,000만원", "budget_max_krw": "3억",
            "status": "open", "details_ko": "내부 단가 자료",
        },
        follow=True,
    )  # fmt: skip

    need = TechNeed.objects.get(title_ko="폐배터리 잔존수명 진단")
    page = response.content.decode()
    assert (need.budget_min_krw, need.budget_max_krw) == (120_000_000, 300_000_000)
    assert need.published_at is not None
    assert "1억 2,000만원" in page
    assert market["tech"].title_en in page  # the English technology matches the Korean need
    assert "Why this match" in page or "매칭 이유" in page


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("no title", {"title_ko": "", "title_en": ""}, "title_ko"),
        ("unreadable amount", {"budget_min_krw": "많이"}, "budget_min_krw"),
        ("budget order", {"budget_min_krw": "3억", "budget_max_krw": "1억"}, "budget_max_krw"),
        ("bad date", {"deadline": "2026-13-45"}, "deadline"),
        ("unknown field code", {"field_codes": ["nope"]}, "field_codes"),
    ],
)
def test_need_form_errors_are_shown_not_raised(client, market, _case, overrides, field):
    client.force_login(market["corporate"])
    data = _need_form_data(market["need"], **overrides) | {"owner_id": market["corp"].pk}

    response = client.post(reverse("techtrade:need-create"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_technology_form_rejects_malformed_patent_numbers(client, market):
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:technology-create"),
        {"owner_id": market["startup"].pk, "title_en": "Drone lidar", "status": "open",
         "patents_text": "10-2023-0123456\n12345"},
    )  # fmt: skip
    ok = client.post(
        reverse("techtrade:technology-create"),
        {"owner_id": market["startup"].pk, "title_en": "Drone lidar", "status": "open",
         "patents_text": "1020230123456\n10-1234567-0000", "licensing": ["license"]},
    )  # fmt: skip

    assert response.status_code == 200
    assert "patents_text" in response.context["form"].errors
    assert ok.status_code == 302
    assert Technology.objects.get(title_en="Drone lidar").patents == [
        "10-2023-0123456",
        "10-1234567",
    ]


def test_matches_page_explains_each_match(client, market):
    response = client.get(reverse("techtrade:need-matches", args=[market["need"].pk]))
    partial = client.get(
        reverse("techtrade:need-matches", args=[market["need"].pk]), headers={"HX-Request": "true"}
    )
    tech_side = client.get(reverse("techtrade:technology-matches", args=[market["tech"].pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert market["tech"].title_en in page
    assert "tt-why" in page
    assert "<html" not in partial.content.decode()
    assert market["need"].title_ko in tech_side.content.decode()
    assert NEED_SECRET not in page
    assert TECH_SECRET not in page


def test_owner_publishes_a_new_nda_version(client, market):
    client.force_login(market["founder"])
    url = reverse("techtrade:nda-edit")

    page = client.get(url)
    response = client.post(url, {"title": "NDA 2026", "text_ko": "새 조항입니다.", "text_en": ""})

    assert page.status_code == 200
    assert response.status_code == 302
    current = NdaTemplate.objects.filter(owner=market["startup"]).order_by("-version").first()
    assert (current.version, current.text_ko) == (2, "새 조항입니다.")


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("operator", 404), ("founder", 200), ("corporate", 200)],
)
def test_nda_page_role_matrix(login, market, role, status):
    assert login(role).get(reverse("techtrade:nda-edit")).status_code == status


def test_owner_sees_who_viewed_what(login, market):
    login("approved").get(market["tech"].get_absolute_url())

    page = login("founder").get(reverse("techtrade:detail-views"))
    other = login("other_startup").get(reverse("techtrade:detail-views"))
    anonymous = login("anonymous").get(reverse("techtrade:detail-views"))

    assert page.status_code == 200
    assert "승인기업" in page.content.decode()
    assert "승인기업" not in other.content.decode()
    assert anonymous.status_code == 302


@pytest.mark.parametrize("role", ["anonymous", "operator", "corporate", "founder"])
def test_home_and_request_list(login, market, role):
    home = login(role).get(reverse("techtrade:home"))
    requests_page = login(role).get(reverse("techtrade:request-list"))

    assert home.status_code == 200
    assert requests_page.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("url_name", ["techtrade:need-list", "techtrade:technology-list"])
def test_list_pages_have_no_n_plus_one(client, market, django_assert_max_num_queries, url_name):
    for i in range(3):
        need_create(owner=market["corp"], title_ko=f"수요 {i}", fields=["ai"])
        technology_create(owner=market["startup"], title_en=f"Tech {i}", fields=["ai"])

    with django_assert_max_num_queries(8):
        response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 4


@pytest.mark.parametrize(
    "params",
    [{"q": "\"'); DROP"}, {"trl": "x"}, {"trl": "99"}, {"field": "zzz"}, {"page": "-1"},
     {"owner": "abc"}, {"status": "secret"}, {"english": "1"}],
)  # fmt: skip
def test_list_filters_never_fail(client, market, params):
    assert client.get(reverse("techtrade:need-list"), params).status_code == 200
    assert client.get(reverse("techtrade:technology-list"), params).status_code == 200


def test_missing_items_are_404(client, market):
    client.force_login(market["corporate"])

    assert client.get(reverse("techtrade:need-detail", args=[999999])).status_code == 404
    assert client.get(reverse("techtrade:technology-request", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", [*ROLES, "founder"])
def test_technology_edit_role_matrix(login, market, role):
    response = login(role).get(reverse("techtrade:technology-edit", args=[market["tech"].pk]))

    expected = {"founder": 200, "anonymous": 302}.get(role, 404)
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("_case", "role", "status"),
    [
        ("anonymous logs in first", "anonymous", 302),
        ("the owner cannot ask itself", "corporate", 404),
        ("a startup asks for a need's details", "founder", 200),
        ("operators ask like anyone else", "operator", 200),
    ],
)
def test_need_request_page_role_matrix(login, market, _case, role, status):
    response = login(role).get(reverse("techtrade:need-request", args=[market["need"].pk]))

    assert response.status_code == status


def test_startup_request_for_a_need_opens_a_deal(client, market):
    nda = NdaTemplate.objects.get(owner=market["corp"])
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:need-request", args=[market["need"].pk])
        + f"?from=technology:{market['tech'].pk}",
        {"nda_id": nda.pk, "nda_sha256": nda.sha256, "requester": market["startup"].pk,
         "accept": "on", "from": f"technology:{market['tech'].pk}"},
    )  # fmt: skip

    from sadari.techtrade.models import Deal

    deal = Deal.objects.get(buyer=market["corp"], seller=market["startup"], need=market["need"])
    assert response.status_code == 302
    assert (deal.technology, deal.stage) == (market["tech"], "contacted")


def test_stale_nda_hash_is_refused_with_a_message(client, market):
    nda = NdaTemplate.objects.get(owner=market["startup"])
    client.force_login(market["other_corporate"])

    response = client.post(
        reverse("techtrade:technology-request", args=[market["tech"].pk]),
        {"nda_id": nda.pk, "nda_sha256": "0" * 64, "requester": market["other_corp"].pk,
         "accept": "on"},
    )  # fmt: skip

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not DetailRequest.objects.filter(requester=market["other_corp"]).exists()


@pytest.mark.parametrize("role", ["anonymous", "approved", "founder"])
def test_organization_profiles_list_public_items_only(login, market, role):
    client = login(role)

    corporate = client.get(reverse("directory:organization-detail", args=[market["corp"].pk]))
    startup = client.get(reverse("directory:organization-detail", args=[market["startup"].pk]))

    assert market["need"].title_ko in corporate.content.decode()
    assert market["tech"].title_en in startup.content.decode()
    assert NEED_SECRET not in corporate.content.decode()
    assert TECH_SECRET not in startup.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_request_decision_never_redirects_off_site(client, market, target):
    request = DetailRequest.objects.get(technology=market["tech"], requester=market["pending_corp"])
    client.force_login(market["founder"])

    response = client.post(
        reverse("techtrade:request-decide", args=[request.pk]),
        {"decision": "decline", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("techtrade:request-list")
