"""The impact pages by role: the public dashboard, the operator dashboard (city operators: all
institutions; institution staff: their own), reports, a company's timeline and KPI editing."""

import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_dashboard_shows_public_kpis_with_definitions(computed, client, settings):
    from django.utils import timezone

    from sadari.impact.compute import compute_snapshots
    from sadari.impact.selectors import latest_complete

    compute_snapshots(periods=[latest_complete("quarter")])

    page = client.get(reverse("impact:dashboard"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "KPI startups-supported" in html
    assert "Definition of employment-rate" in html
    assert "KPI fair-rate" not in html  # not public
    assert "<svg" in html
    assert "Tech-trade funnel" in html
    assert timezone.localdate().year >= 2026


def test_operator_dashboard_role_matrix(computed, client):
    url = reverse("impact:operator")
    b = computed["inst_b"].pk

    assert client.get(url).status_code == 302  # anonymous: to the login page
    for who, expected in [("founder", 404), ("investor", 404), ("staff_a", 200), ("operator", 200)]:
        client.force_login(computed[who])
        assert client.get(url + "?at=2026-Q3").status_code == expected, who
    client.force_login(computed["staff_a"])
    assert client.get(url + f"?at=2026-Q3&institution={b}").status_code == 404
    client.force_login(computed["operator"])
    assert client.get(url + f"?at=2026-Q3&institution={b}").status_code == 200
    assert client.get(url + "?at=2026-Q3&institution=abc").status_code == 404


def test_operator_dashboard_values_and_breakdown(computed, client):
    client.force_login(computed["operator"])

    html = client.get(reverse("impact:operator") + "?at=2026-Q3").content.decode()

    assert "KPI fair-rate" in html  # private KPIs too
    assert "KRW 1,234,000,000" in html
    assert "50.0%" in html
    assert "Center A" in html  # per-institution breakdown
    assert "—" in html  # division by zero


def test_staff_see_their_institution(computed, client):
    client.force_login(computed["staff_a"])

    html = client.get(reverse("impact:operator") + "?at=2026-Q3").content.decode()

    assert "Center A" in html
    assert "Center B" not in html
    assert "City-wide</option>" not in html


def test_operator_dashboard_bad_period_falls_back(computed, client):
    client.force_login(computed["operator"])

    page = client.get(reverse("impact:operator") + "?at=2026-Q9")

    assert page.status_code == 200
    assert "Unknown period" in page.content.decode()


def test_report_role_matrix_and_xlsx_rows(computed, client):
    from openpyxl import load_workbook

    url = reverse("impact:report", args=["xlsx"]) + "?at=2026-Q3"
    assert client.get(url).status_code == 302
    for who in ("founder", "investor"):
        client.force_login(computed[who])
        assert client.get(url).status_code == 404
    client.force_login(computed["staff_a"])
    assert client.get(url + f"&institution={computed['inst_b'].pk}").status_code == 404
    assert client.get(reverse("impact:report", args=["doc"])).status_code == 404
    client.force_login(computed["operator"])

    response = client.get(url)

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Impact report 2026-Q3 — City-wide"
    body = {r[0]: r for r in rows[3:]}
    assert list(body) == [
        "startups-supported",
        "investment",
        "employment-rate",
        "deals-poc",
        "talents",
        "fair-rate",
    ]
    assert body["investment"][2] == 1_234_000_000
    assert body["employment-rate"][2] == 50.0
    assert body["employment-rate"][8] == "Definition of employment-rate"
    assert body["fair-rate"][2] is None


def test_report_pdf_has_the_figures(computed, client):
    from pypdf import PdfReader

    client.force_login(computed["staff_a"])

    response = client.get(reverse("impact:report", args=["pdf"]) + "?at=2026-Q3")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Impact report 2026-Q3" in text
    assert "Center A" in text
    assert "KPI startups-supported" in text


def test_report_pdf_renders_korean(computed, client):
    from pathlib import Path

    from pypdf import PdfReader

    if not Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf").exists():
        pytest.skip("NanumGothic not installed: the CID font has no text layer to check")
    client.force_login(computed["operator"])
    client.cookies["django_language"] = "ko"

    response = client.get(reverse("impact:report", args=["pdf"]) + "?at=2026-Q3")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "지표 investment" in text
    assert "12억 3,400만원" in text


def test_company_timeline_role_matrix(computed, client):
    url = reverse("impact:company-timeline", args=[computed["s1"].pk])

    assert client.get(url).status_code == 302
    for who, expected in [("founder", 200), ("other_founder", 404), ("investor", 404),
                          ("staff_a", 200), ("operator", 200)]:  # fmt: skip
        client.force_login(computed[who])
        assert client.get(url).status_code == expected, who
    assert client.get(reverse("impact:company-timeline", args=[999999])).status_code == 404


def test_company_timeline_orders_support_then_outcomes_and_hides_deal_details(computed, client):
    client.force_login(computed["founder"])

    html = client.get(reverse("impact:company-timeline", args=[computed["s1"].pk])).content.decode()

    order = [
        html.index(s)
        for s in (
            "Funding round",
            "Support received (institution award)",
            "Tech-trade NDA",
            "Tech-trade PoC",
            "Hire attributed",
        )
    ]
    assert order == sorted(order)
    assert "KRW 1,234,000,000" in html
    # support from 2026-07-10, the NDA on 2026-07-20
    assert "First outcome 10 days after the first support (10 Jul 2026 → 20 Jul 2026)." in html
    assert "배터리" not in html  # the deal's title is confidential
    assert "Set Corp" not in html  # so is the other party


def test_kpi_pages_are_for_city_operators(computed, client):
    for name, args in [("impact:kpi-list", []), ("impact:kpi-create", []),
                       ("impact:kpi-edit", [computed["s1"].pk])]:  # fmt: skip
        client.logout()
        assert client.get(reverse(name, args=args)).status_code == 302
        for who in ("founder", "staff_a"):
            client.force_login(computed[who])
            assert client.get(reverse(name, args=args)).status_code == 404, (name, who)
    client.force_login(computed["operator"])
    assert client.get(reverse("impact:kpi-list")).status_code == 200


def test_kpi_form_refuses_a_bad_formula_and_saves_a_good_one(computed, client):
    from sadari.impact.models import Kpi

    client.force_login(computed["operator"])
    kpi = Kpi.objects.get(slug="deals-poc")
    data = {"slug": "deals-poc", "name_ko": "기술거래 PoC", "name_en": "PoCs", "definition_ko": "정의",
            "definition_en": "", "formula": "count(deal_poc) + open(x)", "unit": "count",
            "period": "quarter", "target": "", "target_period": "", "order": "3", "is_public": "on"}  # fmt: skip

    refused = client.post(reverse("impact:kpi-edit", args=[kpi.pk]), data)
    saved = client.post(
        reverse("impact:kpi-edit", args=[kpi.pk]), {**data, "formula": "count(deal_poc) * 2"}
    )

    assert refused.status_code == 200
    assert (
        "Unknown measure here: use count, sum, qty or distinct. (column 19)"
        in refused.content.decode()
    )
    assert saved.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.formula, kpi.name_ko) == ("count(deal_poc) * 2", "기술거래 PoC")


def test_dashboards_query_count_does_not_grow_with_kpis(computed, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sadari.impact.models import Kpi

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(computed["operator"])
    Kpi.objects.exclude(slug__in=["investment", "talents", "employment-rate"]).update(
        is_public=False
    )
    three = (
        queries(reverse("impact:dashboard")),
        queries(reverse("impact:operator") + "?at=2026-Q3"),
    )
    Kpi.objects.exclude(slug="investment").delete()
    one = (
        queries(reverse("impact:dashboard")),
        queries(reverse("impact:operator") + "?at=2026-Q3"),
    )

    assert three == one


def test_the_company_profile_links_to_its_timeline_for_those_who_may_read_it(computed, client):
    profile = computed["s1"].get_absolute_url()
    link = reverse("impact:company-timeline", args=[computed["s1"].pk])

    seen = {}
    for who in ("founder", "other_founder", "staff_a", "operator"):
        client.force_login(computed[who])
        seen[who] = link in client.get(profile).content.decode()
    client.logout()
    seen["anonymous"] = link in client.get(profile).content.decode()

    assert seen == {"founder": True, "other_founder": False, "staff_a": True, "operator": True,
                    "anonymous": False}  # fmt: skip


def test_one_institution_is_not_measured_against_the_city_wide_target(computed, client):
    client.force_login(computed["operator"])
    url = reverse("impact:operator") + "?at=2026-Q3"

    city = client.get(url).content.decode()
    one = client.get(url + f"&institution={computed['inst_b'].pk}").content.decode()

    assert 'role="progressbar"' in city
    assert 'role="progressbar"' not in one
    assert "City-wide target" in one
