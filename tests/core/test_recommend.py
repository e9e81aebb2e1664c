import itertools
import random
from datetime import date, timedelta

import numpy as np
import pytest

from sadari_core.recommend import (
    FEATURES,
    CompanyProfile,
    Interaction,
    InvestorProfile,
    Reason,
    Recommendation,
    Recommender,
    Round,
    Thesis,
    next_stage,
    normalize_stage,
)
from sadari_core.recommend.crunchbase import from_crunchbase, parse_amount, parse_date
from sadari_core.recommend.model import fit_choice

pytestmark = pytest.mark.core

AS_OF = date(2013, 1, 1)
CATEGORIES = ("AI", "bio", "fintech")
REGIONS = ("서울", "부산", "판교")
# Investor → (category, region, stage) it backs; the syndicate pair always invests together.
SPECIALISTS = {
    "서울AI시드": ("AI", "서울", "seed"),
    "부산바이오": ("bio", "부산", "seed"),
    "판교핀테크": ("fintech", "판교", "seed"),
    "AI그로스": ("AI", "", "series-a"),
    "바이오그로스": ("bio", "", "series-a"),
    "핀테크그로스": ("fintech", "", "series-a"),
}


def _history(seed: int = 7) -> tuple[list[Interaction], list[CompanyProfile]]:
    """Three years of seed rounds and Series A a year later, backed by the specialists."""
    rng = random.Random(seed)
    deals: list[Interaction] = []
    companies: list[CompanyProfile] = []
    day = date(2010, 1, 5)
    n = 0
    while day < AS_OF:
        category = CATEGORIES[n % 3]
        region = REGIONS[n % 3] if rng.random() < 0.8 else rng.choice(REGIONS)
        name = f"회사{n:03d}"
        companies.append(
            CompanyProfile(name, category=category, region=region, founded=day - timedelta(200))
        )
        for investor, (cat, reg, stage) in SPECIALISTS.items():
            if stage == "seed" and cat == category and (reg == region or rng.random() < 0.2):
                deals.append(Interaction(investor, name, day, is_lead=True, round_type="seed"))
        if rng.random() < 0.5:
            deals.append(Interaction("동반엔젤", name, day, round_type="seed"))
            deals.append(Interaction("동반VC", name, day, round_type="seed"))
        later = day + timedelta(days=380)
        if later < AS_OF:
            for investor, (cat, _, stage) in SPECIALISTS.items():
                if stage == "series-a" and cat == category:
                    deals.append(Interaction(investor, name, later, round_type="series-a"))
        deals.append(Interaction(f"개인투자자{n % 40}", name, day, round_type="seed"))
        day += timedelta(days=2)
        n += 1
    return deals, companies


@pytest.fixture(scope="module")
def fitted() -> Recommender:
    deals, companies = _history()
    return Recommender().fit(deals, companies, as_of=AS_OF)


def test_fit_learns_both_blends_from_the_years_before_as_of(fitted):
    report = fitted.report

    assert report.windows == [("2011-01-01", "2012-01-01"), ("2012-01-01", "2013-01-01")]
    assert report.learned == {"warm": True, "cold": True}
    assert report.companies["cold"] > 100
    assert report.pairs["cold"] > report.positives["cold"] > 100
    assert list(report.weights["warm"]) == [*FEATURES, "intercept"]


def test_cold_company_gets_the_specialist_of_its_category_and_region_first(fitted):
    profile = CompanyProfile("새회사", category="AI", region="서울", founded=date(2012, 9, 1))

    recs = fitted.recommend_investors("새회사", 5, profile=profile)

    assert recs[0].item == "서울AI시드"
    assert [r.rank for r in recs] == [1, 2, 3, 4, 5]
    assert recs[0].explanation.is_cold_start is True
    assert all(a.score >= b.score for a, b in itertools.pairwise(recs))


def test_cold_company_in_another_category_gets_another_specialist(fitted):
    profile = CompanyProfile("새바이오", category="bio", region="부산")

    recs = fitted.recommend_investors("새바이오", 3, profile=profile)

    assert recs[0].item == "부산바이오"
    assert "서울AI시드" not in {r.item for r in recs}


def test_warm_company_after_its_seed_gets_the_series_a_specialist(fitted):
    deals, _ = _history()
    seeded_2012 = sorted(
        {d.company for d in deals if d.when.year == 2012 and d.investor == "서울AI시드"}
    )

    recs = fitted.recommend_investors(seeded_2012[0], 5)

    assert "AI그로스" in [r.item for r in recs[:3]]
    assert recs[0].explanation.is_cold_start is False


def test_co_investor_of_the_syndicate_partner_ranks_high(fitted):
    deals, _ = _history()
    with_angel = {d.company for d in deals if d.investor == "동반엔젤" and d.when.year == 2012}
    without_vc = with_angel - {d.company for d in deals if d.investor == "동반VC"}
    company = sorted(with_angel - without_vc)[0]

    recs = fitted.recommend_investors(company, 10, exclude=["동반엔젤"])
    reasons = {r.item: r.explanation for r in recs}

    assert "동반VC" in reasons
    assert "동반엔젤" not in reasons
    kinds = {reason.kind for reason in reasons["동반VC"].reasons}
    assert {"previous_investor", "co_investor"} <= kinds


def test_explanation_of_the_specialist_names_its_segment_and_thesis(fitted):
    profile = CompanyProfile("새회사", category="AI", region="서울")

    explanation = fitted.recommend_investors("새회사", 1, profile=profile)[0].explanation
    segment = next(r for r in explanation.reasons if r.kind == "segment")

    assert (segment.category, segment.stage, segment.year, segment.is_lead) == (
        "AI",
        "seed",
        2012,
        True,
    )
    assert segment.count > 10
    assert explanation.thesis == Thesis(stages=("seed",), industries=("AI",), regions=("서울",))
    assert explanation.summary("ko").endswith("투자 성향: 시드, AI, 서울")
    assert explanation.summary("en").endswith("thesis: seed, AI, 서울")
    assert explanation.as_dict()["summary_ko"] == explanation.summary("ko")


def test_reason_and_thesis_texts_in_both_languages():
    reason = Reason("segment", 1.0, count=3, year=2012, stage="seed", category="AI", is_lead=True)
    thesis = Thesis(stages=("seed",), industries=("AI",), regions=("서울",))

    assert reason.text("ko") == "2012년 AI 분야 시드 3건 주도"
    assert reason.text("en") == "led 3 seed rounds in AI startups in 2012"
    assert thesis.text("ko") == "투자 성향: 시드, AI, 서울"
    assert thesis.text("en") == "thesis: seed, AI, 서울"


@pytest.mark.parametrize(
    ("_case", "reason", "ko", "en"),
    [
        (
            "previous",
            Reason("previous_investor", 1.0, count=2, year=2011, stage="series-a"),
            "이 회사의 기존 투자자 (2011년 시리즈 A, 2건)",
            "already an investor (2 rounds, last Series A 2011)",
        ),
        (
            "co-investor",
            Reason("co_investor", 1.0, count=5, names=("A", "B")),
            "기존 투자자 A, B와 공동투자 5건",
            "co-invested 5 times with A, B",
        ),
        (
            "region",
            Reason("region", 1.0, count=1, region="서울"),
            "서울 투자 1건",
            "1 deal in 서울",
        ),
        (
            "active",
            Reason("active", 1.0, count=12),
            "최근 12개월 투자 12건",
            "12 deals in the last 12 months",
        ),
        (
            "segment without stage",
            Reason("segment", 1.0, count=1, year=2012, stage="unknown", category="bio"),
            "2012년 bio 분야 1건 참여",
            "took part in 1 round in bio startups in 2012",
        ),
    ],
)
def test_reason_texts(_case, reason, ko, en):
    assert reason.text("ko") == ko
    assert reason.text("en") == en


def test_fit_ignores_records_after_as_of():
    deals, companies = _history()
    future = [Interaction("미래투자자", "회사001", date(2013, 6, 1), round_type="seed")] * 30

    plain = Recommender().fit(deals, companies, as_of=date(2012, 7, 1))
    with_future = Recommender().fit(deals + future, companies, as_of=date(2012, 7, 1))

    ids = [r.item for r in plain.recommend_investors("회사010", 10)]
    assert ids == [r.item for r in with_future.recommend_investors("회사010", 10)]
    assert "미래투자자" not in ids


def test_declared_thesis_brings_an_investor_without_history_closer_where_it_fits():
    deals, companies = _history()
    newcomer = InvestorProfile(
        "신생펀드",
        thesis_stages=("시드",),
        thesis_industries=("fintech",),
        thesis_regions=("판교",),
    )
    rec = Recommender().fit(deals, companies, [newcomer], as_of=AS_OF)

    def rank_of_newcomer(category: str, region: str) -> tuple[int, Recommendation]:
        profile = CompanyProfile("신규", category=category, region=region)
        found = next(
            r for r in rec.recommend_investors("신규", 100, profile=profile) if r.item == "신생펀드"
        )
        return found.rank, found

    fits, fitting = rank_of_newcomer("fintech", "판교")
    misses, _ = rank_of_newcomer("bio", "부산")

    assert fits < misses
    assert fitting.explanation.thesis.is_declared is True
    assert fitting.explanation.summary("ko") == "투자 성향: 시드, fintech, 판교"


def test_recommend_companies_gives_an_investor_its_segment(fitted):
    _, companies = _history()
    candidates = [c.id for c in companies if c.founded and c.founded > date(2012, 3, 1)]

    recs = fitted.recommend_companies("부산바이오", len(candidates), candidates)

    profiles = {c.id: c for c in companies}
    n_bio = sum(profiles[c].category == "bio" for c in candidates)
    assert len(recs) == len(candidates)
    assert 3 <= n_bio < len(candidates) / 2
    assert [profiles[r.item].category for r in recs[:n_bio]] == ["bio"] * n_bio
    assert fitted.recommend_companies("모르는투자자", 5) == []


def test_k_larger_than_the_known_investors_returns_them_all():
    deals = [
        Interaction("A", "x", date(2012, 1, 1)),
        Interaction("B", "x", date(2012, 2, 1)),
        Interaction("A", "y", date(2012, 3, 1)),
    ]

    rec = Recommender().fit(deals, as_of=date(2012, 6, 1))

    assert rec.report.learned == {"warm": False, "cold": False}
    assert sorted(r.item for r in rec.recommend_investors("z", 5)) == ["A", "B"]
    assert [r.rank for r in rec.recommend_investors("z", 5)] == [1, 2]
    assert len(rec.recommend_investors("x", 1)) == 1


def test_recommend_before_fit_raises():
    with pytest.raises(RuntimeError, match="fit"):
        Recommender().recommend_investors("x", 3)


@pytest.mark.parametrize(
    ("_case", "text", "stage"),
    [
        ("crunchbase angel", "angel", "seed"),
        ("korean seed", "시드", "seed"),
        ("pre-A", "pre_a", "series-a"),
        ("korean series A", "시리즈 A", "series-a"),
        ("crunchbase c+", "series-c+", "growth"),
        ("private equity", "private-equity", "growth"),
        ("venture", "venture", "other"),
        ("tips", "TIPS", "seed"),
        ("empty", "", "unknown"),
    ],
)
def test_normalize_stage(_case, text, stage):
    assert normalize_stage(text) == stage


@pytest.mark.parametrize(
    ("_case", "stages", "expected"),
    [
        ("no round", [], "seed"),
        ("after seed", ["seed"], "series-a"),
        ("after A then venture", ["series-a", "other"], "series-b"),
        ("growth stays", ["growth"], "growth"),
        ("two unnamed rounds", ["unknown", "other"], "series-b"),
    ],
)
def test_next_stage(_case, stages, expected):
    assert next_stage(stages) == expected


def test_fit_choice_recovers_the_weights_of_a_softmax_choice():
    rng = np.random.default_rng(3)
    theta = np.array([1.5, -1.0, 0.0])
    xs, ys, starts = [], [], []
    for c in range(400):
        x = rng.normal(size=(30, 3))
        p = np.exp(x @ theta)
        y = np.zeros(30)
        y[rng.choice(30, p=p / p.sum())] = 1.0
        starts.append(c * 30)
        xs.append(x)
        ys.append(y)
    x_all = np.vstack(xs)

    model = fit_choice(x_all, np.concatenate(ys), np.ones(len(x_all)), np.array(starts), l2=0.01)

    np.testing.assert_allclose(model.weights / model.scale, theta, atol=0.25)


@pytest.mark.parametrize(
    ("_case", "text", "expected"),
    [
        ("iso", "2012-06-30", date(2012, 6, 30)),
        ("dots", "2024.3.1", date(2024, 3, 1)),
        ("month", "2012-06", date(2012, 6, 1)),
        ("year", "2012", date(2012, 1, 1)),
        ("empty", "", None),
        ("invalid day", "2012-02-30", None),
        ("words", "soon", None),
    ],
)
def test_parse_date(_case, text, expected):
    assert parse_date(text) == expected


def test_parse_amount():
    assert parse_amount("8,500,000") == 8_500_000.0
    assert parse_amount("") is None
    assert parse_amount("n/a") is None


def test_from_crunchbase_takes_profiles_from_rounds_and_skips_undated_rows():
    records = from_crunchbase(
        [
            {"company_name": "Digg", "investor_name": "Greylock", "funded_when": "2006-12-01"},
            {"company_name": "Digg", "investor_name": "Omidyar", "funded_when": ""},
        ],
        [{"name": "Facebook", "category_code": "web", "region": "SF Bay", "founded_at": ""}],
        [
            {
                "company_name": "Digg",
                "company_category_code": "news",
                "company_region": "SF Bay",
                "funding_round_type": "series-a",
                "funded_at": "2006-12-01",
                "raised_amount_usd": "8500000",
            }
        ],
    )

    profiles = {c.id: c for c in records.companies}
    assert profiles["Digg"].category == "news"
    assert profiles["Facebook"].region == "SF Bay"
    assert records.rounds == [Round("Digg", date(2006, 12, 1), "series-a", 8_500_000.0)]
    assert [(i.investor, i.company) for i in records.interactions] == [("Greylock", "Digg")]
    assert records.skipped == {"investments": 1, "companies": 0, "rounds": 0}
    assert records.latest == date(2006, 12, 1)


def test_a_platform_without_deals_recommends_declared_theses_and_never_fails():
    with_thesis = Recommender().fit(
        [], [], [InvestorProfile(id="v1", thesis_stages=("seed",))], as_of=date(2026, 1, 1)
    )
    assert [r.item for r in with_thesis.recommend_investors("c1", 5)] == ["v1"]
    assert Recommender().fit([], [], as_of=date(2026, 1, 1)).recommend_investors("c1", 5) == []
