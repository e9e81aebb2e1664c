import pytest

from sadari_core.matching import JobMatcher, JobPosting, TraineeProfile

pytestmark = pytest.mark.core

BACKEND = JobPosting(
    "p-backend",
    "백엔드 개발자",
    required_skills=("Python", "Django", "Docker"),
    preferred_skills=("Kubernetes", "AWS"),
    occupations=("15-1252.00",),
    region="서울 강남구",
    salary_min_krw=35_000_000,
    salary_max_krw=45_000_000,
    employment_type="정규직",
)


def _trainee(**extra) -> TraineeProfile:
    base = {
        "id": "t1",
        "skills": ("파이썬", "장고", "Git"),
        "occupations": ("15-1252.00",),
        "regions": ("서울",),
        "salary_min_krw": 36_000_000,
        "employment_types": ("정규직",),
    }
    base.update(extra)
    return TraineeProfile(**base)


def test_score_explains_matched_and_missing_skills_in_korean_and_english():
    match = JobMatcher().score(_trainee(), BACKEND)

    explanation = match.explanation
    assert explanation.matched_required == ("Python", "Django")
    assert explanation.missing_required == ("Docker",)
    assert explanation.missing_preferred == ("Kubernetes", "AWS")
    assert explanation.summary("ko").startswith("Python, Django 일치 · Docker 부족 · 직무 일치")
    assert explanation.summary("en").startswith(
        "Python, Django matched · Docker missing · same occupation · same area (Seoul)"
    )


def test_components_add_up_to_the_score():
    match = JobMatcher().score(_trainee(), BACKEND)

    assert sum(match.explanation.components.values()) == pytest.approx(match.score)
    assert match.explanation.skill_fit == pytest.approx(4 / 8)  # 2·2 of 2·3 + 2


def test_required_skills_weigh_more_than_preferred():
    knows_required = _trainee(skills=("Python", "Django", "Docker"))
    knows_preferred = _trainee(skills=("Kubernetes", "AWS", "Git"))
    matcher = JobMatcher()

    assert (
        matcher.score(knows_required, BACKEND).score > matcher.score(knows_preferred, BACKEND).score
    )


def test_a_framework_implies_its_language():
    match = JobMatcher().score(_trainee(skills=("Django",)), BACKEND)

    assert "Python" in match.explanation.matched_required


def test_missing_preference_is_neutral_not_a_penalty():
    silent = _trainee(regions=(), salary_min_krw=None, employment_types=())
    matcher = JobMatcher()

    match = matcher.score(silent, BACKEND)

    assert match.explanation.region_fit is None
    assert set(match.explanation.components) == {"skills", "occupation"}
    assert match.score == pytest.approx((0.5 * 0.5 + 0.2 * 1.0) / 0.7)


@pytest.mark.parametrize(
    ("_case", "regions", "fit"),
    [
        ("same district", ("서울 강남구",), 1.0),
        ("same province spelled out", ("서울특별시",), 1.0),
        ("other district, same province", ("서울 마포구",), 0.7),
        ("other province", ("부산",), 0.0),
    ],
)
def test_region_fit(_case, regions, fit):
    match = JobMatcher().score(_trainee(regions=regions), BACKEND)

    assert match.explanation.region_fit == pytest.approx(fit)


def test_salary_below_expectation_lowers_the_fit():
    match = JobMatcher().score(_trainee(salary_min_krw=50_000_000), BACKEND)

    assert match.explanation.salary_fit == pytest.approx(1 - (5 / 50) / 0.2)
    assert "연봉 근접" in match.explanation.summary("ko")


def test_occupation_fit_by_soc_hierarchy_and_related_occupations():
    matcher = JobMatcher(related_occupations={"15-1252.00": ["15-1254.00"]})
    web = JobPosting("p-web", occupations=("15-1254.00",))
    analyst = JobPosting("p-analyst", occupations=("15-2051.00",))
    nurse = JobPosting("p-nurse", occupations=("29-1141.00",))
    trainee = _trainee()

    fits = [matcher.score(trainee, p).explanation.occupation_fit for p in (web, analyst, nurse)]

    assert fits == [0.7, 0.3, 0.0]


def test_postings_for_and_trainees_for_rank_both_ways():
    nurse = JobPosting(
        "p-nurse", "간호사", required_skills=("간호", "BLS"), occupations=("29-1141.00",)
    )
    developer = _trainee(id="dev")
    carer = _trainee(id="nurse", skills=("간호", "심폐소생술"), occupations=("29-1141.00",))
    matcher = JobMatcher()

    for_developer = matcher.postings_for(developer, [nurse, BACKEND], k=2)
    for_nurse_posting = matcher.trainees_for(nurse, [developer, carer], k=1)

    assert [m.posting_id for m in for_developer] == ["p-backend", "p-nurse"]
    assert [m.rank for m in for_developer] == [1, 2]
    assert [m.trainee_id for m in for_nurse_posting] == ["nurse"]


def test_posting_without_skill_lists_uses_its_text():
    posting = JobPosting("p-text", text="자격요건: 파이썬과 Docker 활용 경험, AWS 우대")

    match = JobMatcher().score(_trainee(), posting)

    assert match.explanation.matched_required == ("Python",)
    assert match.explanation.missing_required == ("Docker", "AWS")
