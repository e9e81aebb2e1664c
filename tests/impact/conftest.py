"""A small hand-made world whose impact figures can be computed by hand (see test_compute.py):
two institutions, a campus, three startups, awards, rounds, a deal that reached PoC, and four
trainees of one cohort that completed on 2026-08-31."""

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _english(request, settings):
    from django.utils import translation

    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


@pytest.fixture
def world(db, make_user):
    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.federation.models import SupportAward
    from sadari.investment.models import FundingRound
    from sadari.jobs.models import Cohort, Consent, Course, Employment, Trainee
    from sadari.techtrade.models import Deal, DealStageChange

    inst_a = organization_create(
        kind=OrgKind.INSTITUTION, name_ko="가기관 창업센터", name_en="Center A"
    )
    inst_b = organization_create(
        kind=OrgKind.INSTITUTION, name_ko="나기관 혁신센터", name_en="Center B"
    )
    campus = organization_create(kind=OrgKind.ACADEMY, name_ko="청년취업사관학교 시험캠퍼스")
    s1 = organization_create(
        kind=OrgKind.STARTUP, name_ko="주식회사 하나", name_en="Hana", host=inst_a
    )
    s2 = organization_create(
        kind=OrgKind.STARTUP, name_ko="주식회사 둘", name_en="Dul", host=inst_b
    )
    corp = organization_create(kind=OrgKind.CORPORATE, name_ko="대기업 셋", name_en="Set Corp")
    awards = [
        SupportAward.objects.create(recipient=s1, institution=inst_a, program_title="보육",
                                    amount_krw=50_000_000, starts_on=dt.date(2026, 7, 10)),
        SupportAward.objects.create(recipient=s2, institution=inst_a, program_title="바우처",
                                    amount_krw=30_000_000, starts_on=dt.date(2026, 8, 1)),
        SupportAward.objects.create(recipient=s2, institution=inst_b, program_title="멘토링",
                                    starts_on=dt.date(2026, 10, 5)),
    ]  # fmt: skip
    rounds = [
        FundingRound.objects.create(company=s1, round_type="seed", announced_on=dt.date(2026, 8, 20),
                                    amount_krw=1_234_000_000),
        FundingRound.objects.create(company=s2, round_type="seed", announced_on=dt.date(2026, 9, 1)),
        FundingRound.objects.create(company=s1, round_type="pre_a", announced_on=dt.date(2026, 4, 1),
                                    amount_krw=500_000_000),
    ]  # fmt: skip
    deal = Deal.objects.create(buyer=corp, seller=s1, title="비밀 거래: 배터리 진단 라이선스",
                               stage="poc", reached="poc", stage_changed_at=_at(dt.date(2026, 8, 10)))  # fmt: skip
    for stage, day in (
        ("matched", dt.date(2026, 7, 5)),
        ("nda", dt.date(2026, 7, 20)),
        ("poc", dt.date(2026, 8, 10)),
    ):
        DealStageChange.objects.create(deal=deal, stage=stage, at=_at(day))
    course = Course.objects.create(campus=campus, title_ko="백엔드 과정")
    cohort = Cohort.objects.create(course=course, name="1기", starts_on=dt.date(2026, 3, 2),
                                   ends_on=dt.date(2026, 8, 31), capacity=10)  # fmt: skip
    trainees = []
    for i, (status, consent) in enumerate(
        [("completed", True), ("completed", True), ("completed", False), ("dropped", True)]
    ):
        t = Trainee.objects.create(cohort=cohort, name=f"교육생{i}", status=status,
                                   enrolled_on=dt.date(2026, 3, 2),
                                   completed_on=dt.date(2026, 8, 31) if status == "completed" else None)  # fmt: skip
        if consent:
            Consent.objects.create(trainee=t, purpose="outcomes", items=["employment"],
                                   retention_until=dt.date(2028, 1, 1))  # fmt: skip
        trainees.append(t)
    Employment.objects.create(trainee=trainees[0], employer=s1, hired_on=dt.date(2026, 9, 15),
                              evidence="contract", attributed=True)  # fmt: skip
    people = {
        "founder": make_user("founder1", role=Role.FOUNDER, organization=s1),
        "other_founder": make_user("founder2", role=Role.FOUNDER, organization=s2),
        "staff_a": make_user("staffa", role=Role.INSTITUTION_STAFF, organization=inst_a),
        "operator": make_user("op1", role=Role.CITY_OPERATOR),
        "investor": make_user("inv1", role=Role.INVESTOR),
    }
    return {"inst_a": inst_a, "inst_b": inst_b, "campus": campus, "s1": s1, "s2": s2,
            "corp": corp, "awards": awards, "rounds": rounds, "deal": deal,
            "trainees": trainees, **people}  # fmt: skip


KPIS = [
    # slug, formula, unit, cumulative_from, target, is_public
    ("startups-supported", "distinct(support_received)", "count", None, 100, True),
    ("investment", "sum(funding_round)", "krw", None, None, True),
    ("employment-rate", "count(trainee_employed) / count(trainee_followed) * 100", "percent", None, 60, True),
    ("deals-poc", "count(deal_poc)", "count", None, None, True),
    ("talents", "count(trainee_completed)", "people", dt.date(2026, 1, 1), 40000, True),
    ("fair-rate", "count(fair_interview) / count(fair_held)", "count", None, None, False),
]  # fmt: skip


@pytest.fixture
def kpis(db):
    from sadari.impact.models import Kpi

    out = {}
    for order, (slug, formula, unit, since, target, public) in enumerate(KPIS):
        kpi = Kpi(slug=slug, name_ko=f"지표 {slug}", name_en=f"KPI {slug}", definition_ko="정의",
                  definition_en=f"Definition of {slug}", formula=formula, unit=unit,
                  cumulative_from=since, target=target, is_public=public, order=order,
                  period="quarter")  # fmt: skip
        kpi.full_clean()
        kpi.save()
        out[slug] = kpi
    return out


@pytest.fixture
def computed(world, kpis):
    from sadari.impact.collectors import collect
    from sadari.impact.compute import compute_snapshots
    from sadari_core.impact.periods import parse_period

    collect()
    compute_snapshots(
        periods=[parse_period("2026-Q3"), parse_period("2026-Q2"), parse_period("2026")]
    )
    return world
