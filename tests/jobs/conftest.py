import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _english(request, settings):
    """Pages and messages in English, so that assertions read the msgids (Korean is tested by
    tests/test_i18n.py); ``client.logout()`` drops the cookie, back to Korean."""
    from django.utils import translation

    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def jobs_world(db, make_user):
    from sadari.accounts.enums import Role
    from sadari.directory.enums import OrgKind
    from sadari.directory.services import organization_create
    from sadari.jobs import services
    from sadari.jobs.models import Cohort, Course, JobPosting

    campus = organization_create(kind=OrgKind.ACADEMY, name_ko="청년취업사관학교 시험캠퍼스")
    other_campus = organization_create(kind=OrgKind.ACADEMY, name_ko="청년취업사관학교 다른캠퍼스")
    employer = organization_create(kind=OrgKind.STARTUP, name_ko="주식회사 채용중")
    course = Course.objects.create(campus=campus, title_ko="백엔드 개발자 과정")
    today = timezone.localdate()
    cohort = Cohort.objects.create(course=course, name="1기", starts_on=today - dt.timedelta(days=30),
                                   ends_on=today + dt.timedelta(days=60), capacity=2)  # fmt: skip
    people = {
        "trainee_user": make_user("trainee1", display_name="정하은"),
        "other_trainee": make_user("trainee2", display_name="김다른"),
        "coordinator": make_user("coord1", role=Role.COORDINATOR, organization=campus),
        "campus_staff": make_user("cstaff", role=Role.INSTITUTION_STAFF, organization=campus),
        "other_coordinator": make_user("coord2", role=Role.COORDINATOR, organization=other_campus),
        "employer_user": make_user("hr1", role=Role.CORPORATE_OI, organization=employer),
        "operator": make_user("op1", role=Role.CITY_OPERATOR),
    }
    trainee = services.trainee_register(
        user=people["trainee_user"], cohort=cohort,
        data={"name": "정하은", "phone": "010-1234-5678", "skills": "파이썬, Django, SQL",
              "regions": "서울", "desired_role": "백엔드 개발자"},
        purposes=["training", "job_matching", "outcomes"],
    )  # fmt: skip
    other = services.trainee_register(
        user=people["other_trainee"], cohort=cohort, data={"name": "김다른", "phone": "010-9999-0000"},
        purposes=["training"],
    )  # fmt: skip
    posting = JobPosting.objects.create(
        employer=employer, title="백엔드 개발자 (Python)", required_skills=["Python", "Django"],
        preferred_skills=["Docker"], region="서울 강남구", employment_type="정규직",
    )  # fmt: skip
    return {"campus": campus, "cohort": cohort, "trainee": trainee, "other": other,
            "posting": posting, "employer": employer, **people}  # fmt: skip
