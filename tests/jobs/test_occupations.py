"""Occupations (O*NET-SOC codes) of trainees' desired roles, at registration and on profile
edits, and the related occupations the matcher gets; what happens without the O*NET files."""

import pytest
from django.urls import reverse

from sadari.jobs import occupations, services


@pytest.fixture
def classifier_on(settings):
    settings.JOBS_CLASSIFY_OCCUPATIONS = True
    occupations.reset()
    services.matcher.cache_clear()
    if occupations.is_fallback():
        pytest.skip(f"no O*NET files under {settings.SADARI_DATA_DIR} ({occupations.status()})")
    yield
    occupations.reset()
    services.matcher.cache_clear()


@pytest.fixture
def no_data_dir(settings, tmp_path):
    settings.SADARI_DATA_DIR = tmp_path
    occupations.reset()
    services.matcher.cache_clear()
    yield
    occupations.reset()
    services.matcher.cache_clear()


@pytest.mark.usefixtures("classifier_on")
def test_registration_and_profile_edit_classify_the_desired_role(jobs_world, client):
    trainee = jobs_world["trainee"]  # registered with desired role 백엔드 개발자
    assert trainee.occupations == ["15-1254.00"]
    client.force_login(jobs_world["trainee_user"])
    response = client.post(reverse("jobs:me"), {
        "name": "정하은", "phone": "010-1234-5678", "email": "", "skills": "간호, BLS",
        "portfolio_links": "", "desired_role": "간호사", "regions": "서울",
        "salary_min_krw": "", "employment_types": "",
    })  # fmt: skip
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.occupations == ["29-1141.00"]
    # an edit that keeps the role keeps its codes
    services.trainee_save_profile(trainee, role_changed=False)
    assert trainee.occupations == ["29-1141.00"]


@pytest.mark.usefixtures("classifier_on")
def test_the_matcher_gets_onet_related_occupations(jobs_world):
    related = occupations.related_occupations()
    assert len(related) > 800
    assert "15-1254.00" in related["15-1252.00"]  # web developers: related to software devs
    assert services.matcher().related == related
    posting = jobs_world["posting"]
    posting.occupations = ["15-1252.00"]  # software developers; the trainee: web developers
    match = services.matcher().score(
        services._core_trainee(jobs_world["trainee"]), services._core_posting(posting)
    )
    assert match.explanation.occupation_fit == 0.7


@pytest.mark.usefixtures("no_data_dir")
def test_without_the_onet_files_the_shipped_common_occupations_are_used(jobs_world):
    assert occupations.is_fallback()
    assert "shipped list of 47 common occupations" in occupations.status()
    assert "no O*NET files" in occupations.status()
    assert occupations.related_occupations() == {}
    trainee = jobs_world["trainee"]  # registered as 백엔드 개발자
    assert trainee.occupations == ["15-1254.00"]
    assert occupations.classify_titles(["간호사", "반도체 공정 엔지니어", "바리스타", "PM"]) == [
        ["29-1141.00"],
        [],  # nothing close on the short list: no code rather than a wrong one
        [],
        ["15-1299.09"],
    ]
    trainee.desired_role = "약사"
    services.trainee_save_profile(trainee, role_changed=True)
    assert trainee.occupations == []  # stale codes are dropped, not kept
    assert [p for p, _ in services.postings_for(trainee)] == [jobs_world["posting"]]


def test_classification_can_be_turned_off(settings, jobs_world):
    settings.JOBS_CLASSIFY_OCCUPATIONS = False
    assert occupations.classifier() is None
    assert "off" in occupations.status()
    assert occupations.classify_titles(["백엔드 개발자"]) is None


def test_uninformative_titles_get_no_codes_and_hints_help():
    class M:
        def __init__(self, code, score):
            self.code, self.score = code, score

    assert occupations.codes_for([M("a", 0.333), M("b", 0.333)]) == []  # a tie
    assert occupations.codes_for([M("a", 0.3)]) == []
    assert occupations.codes_for([M("a", 0.9), M("b", 0.85)]) == ["a", "b"]
    assert occupations.codes_for([M("a", 0.9), M("b", 0.5)]) == ["a"]
