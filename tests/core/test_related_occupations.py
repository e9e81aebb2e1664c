"""O*NET related occupations: parsing the rows, and the partial credit the matcher gives."""

from sadari_core.matching.jobs import JobMatcher, JobPosting, TraineeProfile
from sadari_core.skills import related_occupations_from_rows

ROWS = [
    {"O*NET-SOC Code": "15-1252.00", "Related O*NET-SOC Code": "15-1254.00",
     "Relatedness Tier": "Primary-Short", "Index": "1"},
    {"O*NET-SOC Code": "15-1252.00", "Related O*NET-SOC Code": "15-2051.00",
     "Relatedness Tier": "Primary-Long", "Index": "6"},
    {"O*NET-SOC Code": "15-1252.00", "Related O*NET-SOC Code": "17-2061.00",
     "Relatedness Tier": "Supplemental", "Index": "12"},
    {"O*NET-SOC Code": "15-1252.00", "Related O*NET-SOC Code": "", "Relatedness Tier": "Primary-Short"},
    {"O*NET-SOC Code": "29-1141.00", "Related O*NET-SOC Code": "29-1141.00",
     "Relatedness Tier": "Primary-Short"},
]  # fmt: skip


def test_primary_tiers_are_kept_by_default():
    related = related_occupations_from_rows(ROWS)

    assert related == {"15-1252.00": frozenset({"15-1254.00", "15-2051.00"})}


def test_all_tiers_on_request():
    related = related_occupations_from_rows(ROWS, tiers=None)

    assert related["15-1252.00"] == {"15-1254.00", "15-2051.00", "17-2061.00"}


def test_related_occupation_gives_partial_credit_in_matching():
    trainee = TraineeProfile("t", skills=("Python",), occupations=("15-1252.00",))
    analyst = JobPosting("p", "데이터 사이언티스트", required_skills=("Python",),
                         occupations=("15-2051.00",))  # fmt: skip
    without = JobMatcher().score(trainee, analyst)
    with_related = JobMatcher(related_occupations=related_occupations_from_rows(ROWS)).score(
        trainee, analyst
    )

    assert without.explanation.occupation_fit == 0.3  # same major group only
    assert with_related.explanation.occupation_fit == 0.7
    assert with_related.score > without.score
