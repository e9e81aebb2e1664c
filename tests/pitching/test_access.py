"""Role matrix: who sees which page, deck, export and booking. Forbidden and missing look the
same (404); anonymous users are sent to log in where a page needs a login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from tests.pitching.conftest import published, review_all

pytestmark = pytest.mark.django_db


def _status(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    # A file response holds its file open until closed; closing fires request_finished, which
    # must not close the database connection of the test's transaction (as the client does).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response.status_code


def _who(world):
    return {
        "anonymous": None,
        "applicant": world.applicant,
        "other_applicant": world.other_applicant,
        "assigned_reviewer": world.experts[0].user,
        "conflicted_reviewer": world.conflicted.user,
        "host_staff": world.staff,
        "other_staff": world.other_staff,
        "operator": world.operator,
        "outsider": world.outsider,
    }


def test_submission_page(client, world):
    sub = published(world)
    expected = {
        "anonymous": 302, "applicant": 200, "other_applicant": 404, "assigned_reviewer": 404,
        "conflicted_reviewer": 404, "host_staff": 200, "other_staff": 404, "operator": 200,
        "outsider": 404,
    }  # fmt: skip
    got = {k: _status(client, u, sub.get_absolute_url()) for k, u in _who(world).items()}
    assert got == expected


def test_review_page(client, world):
    from sadari.pitching.models import Assignment

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    expected = {
        "anonymous": 302, "applicant": 404, "other_applicant": 404, "assigned_reviewer": 200,
        "conflicted_reviewer": 404, "host_staff": 404, "other_staff": 404, "operator": 404,
        "outsider": 404,
    }  # fmt: skip
    url = reverse("pitching:review", args=[a.pk])
    assert {k: _status(client, u, url) for k, u in _who(world).items()} == expected
    # Another assigned reviewer cannot open this reviewer's assignment either.
    assert _status(client, world.experts[1].user, url) == 404


def test_deck(client, world):
    sub = published(world)
    expected = {
        "anonymous": 404, "applicant": 200, "other_applicant": 404, "assigned_reviewer": 200,
        "conflicted_reviewer": 404, "host_staff": 200, "other_staff": 404, "operator": 200,
        "outsider": 404,
    }  # fmt: skip
    url = reverse("pitching:deck", args=[sub.pk])
    assert {k: _status(client, u, url) for k, u in _who(world).items()} == expected


@pytest.mark.parametrize(
    "name", ["batch-detail", "batch-export-csv", "batch-export-xlsx", "call-manage"]
)
def test_staff_pages(client, world, name):
    sub = published(world)
    url = {
        "batch-detail": reverse("pitching:batch-detail", args=[sub.batch.pk]),
        "batch-export-csv": reverse("pitching:batch-export", args=[sub.batch.pk, "csv"]),
        "batch-export-xlsx": reverse("pitching:batch-export", args=[sub.batch.pk, "xlsx"]),
        "call-manage": reverse("pitching:call-manage", args=[world.call.pk]),
    }[name]
    got = {k: _status(client, u, url) for k, u in _who(world).items()}
    assert got == {
        "anonymous": 302, "applicant": 404, "other_applicant": 404, "assigned_reviewer": 404,
        "conflicted_reviewer": 404, "host_staff": 200, "other_staff": 404, "operator": 200,
        "outsider": 404,
    }  # fmt: skip


def test_a_conflict_that_appears_after_assignment_hides_the_idea(client, world):
    from sadari.pitching.models import Assignment, DeclaredConflict

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    DeclaredConflict.objects.create(
        expert=world.experts[0], organization=world.startup, reason="투자 검토 중"
    )
    assert _status(client, world.experts[0].user, reverse("pitching:review", args=[a.pk])) == 404
    assert _status(client, world.experts[0].user, reverse("pitching:deck", args=[sub.pk])) == 404
    queue = client.get(reverse("pitching:review-queue")).content.decode()
    assert sub.title not in queue


def test_a_withdrawn_idea_disappears_from_reviewers(client, world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    services.submission_withdraw(sub, by=world.applicant)
    assert _status(client, world.experts[0].user, reverse("pitching:review", args=[a.pk])) == 404


def test_blind_review_hides_applicant_and_company_names(client, world):
    from sadari.pitching.models import Assignment

    sub = published(world, idea="하늘길은 김창업 대표가 만든 드론 배송 서비스입니다 (Skyroad).")
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    client.force_login(world.experts[0].user)
    page = client.get(reverse("pitching:review", args=[a.pk])).content.decode()
    for name in ("김창업", "하늘길", "Skyroad", "founder1"):
        assert name not in page
    assert "드론 배송 서비스" in page


def test_open_review_shows_the_names_when_the_call_is_not_blind(client, world):
    from sadari.pitching.models import Assignment

    world.call.blind_review = False
    world.call.save()
    sub = published(world)
    a = Assignment.objects.get(submission=sub, expert=world.experts[0])
    client.force_login(world.experts[0].user)
    assert "김창업" in client.get(reverse("pitching:review", args=[a.pk])).content.decode()


def test_others_scores_only_after_submitting_own(client, world):
    from sadari.pitching import services
    from sadari.pitching.models import Assignment

    sub = published(world)
    mine = Assignment.objects.get(submission=sub, expert=world.experts[0])
    other = Assignment.objects.get(submission=sub, expert=world.experts[1])
    services.review_save(other, by=world.experts[1].user,
                         scores={c.pk: 4 for c in world.call.criteria.all()},
                         comment="다른 위원의 의견", submit=True)  # fmt: skip
    client.force_login(world.experts[0].user)
    url = reverse("pitching:review", args=[mine.pk])
    assert "다른 위원의 의견" not in client.get(url).content.decode()
    services.review_save(mine, by=world.experts[0].user,
                         scores={c.pk: 2 for c in world.call.criteria.all()},
                         comment="내 의견", submit=True)  # fmt: skip
    page = client.get(url).content.decode()
    assert "다른 위원의 의견" in page
    assert world.experts[1].user.display_name not in page  # anonymous "Reviewer 1"

    world.call.reveal_scores_after_own = False
    world.call.save()
    assert "다른 위원의 의견" not in client.get(url).content.decode()


def test_applicant_never_sees_reviewer_identities(client, world):
    from sadari.pitching import services
    from tests.pitching.conftest import submitted

    sub = published(world)
    review_all(world, sub)
    other = submitted(world, applicant=world.other_applicant, title="다른 팀의 아이디어")
    services.batch_close(sub.batch, by=world.staff)
    client.force_login(world.applicant)
    pages = [
        client.get(sub.get_absolute_url()).content.decode(),
        client.get(reverse("pitching:my-submissions")).content.decode(),
    ]
    for page in pages:
        for e in [*world.experts, world.conflicted]:
            assert e.user.display_name not in page
        assert "다른 팀의 아이디어" not in page
    assert _status(client, world.applicant, other.get_absolute_url()) == 404


def test_booking_page(client, world):
    from sadari.pitching import services

    slot = services.slot_create(
        mentor=world.experts[0], by=world.experts[0].user,
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=1), host=world.cafe,
    )  # fmt: skip
    booking = services.booking_create(slot=slot, applicant=world.applicant)
    url = reverse("pitching:booking-detail", args=[booking.pk])
    got = {k: _status(client, u, url) for k, u in _who(world).items()}
    assert got == {
        "anonymous": 302, "applicant": 200, "other_applicant": 404, "assigned_reviewer": 200,
        "conflicted_reviewer": 404, "host_staff": 200, "other_staff": 404, "operator": 200,
        "outsider": 404,
    }  # fmt: skip
