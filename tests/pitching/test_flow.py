"""The judged walk-through, through the pages: an applicant submits an idea, staff assign
with one conflicted expert in the pool, three experts of different leniency review, staff
close the batch, the applicant reads anonymous feedback and books mentoring."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.pitching.conftest import IDEA, accept_all

pytestmark = pytest.mark.django_db


def test_idea_to_feedback_to_mentoring(client, world, settings):
    from sadari.pitching.enums import AssignmentStatus, BatchStatus
    from sadari.pitching.models import Assignment, Batch, Booking, Submission

    # 1. The applicant drafts and submits an idea.
    client.force_login(world.applicant)
    url = reverse("pitching:submission-create", args=[world.call.pk])
    form = {**IDEA, "keywords": "드론, 물류", "organization": world.startup.pk, "submit": "1"}
    response = client.post(url, form)
    sub = Submission.objects.get(applicant=world.applicant)
    assert response.status_code == 302
    assert sub.status == "submitted"
    assert sub.batch is not None

    # 2. Staff invite the pool (one expert used to work at the applicant's startup), propose,
    # look at the conflicts, publish.
    accept_all(world)
    client.force_login(world.staff)
    batch = sub.batch
    client.post(reverse("pitching:batch-action", args=[batch.pk, "propose"]))
    page = client.get(reverse("pitching:batch-detail", args=[batch.pk])).content.decode()
    assert "한과거" in page
    assert "Same organization (before)" in page
    assigned = set(Assignment.objects.filter(submission=sub).values_list("expert_id", flat=True))
    assert assigned == {e.pk for e in world.experts}
    assert world.conflicted.pk not in assigned
    client.post(reverse("pitching:batch-action", args=[batch.pk, "publish"]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REVIEWING

    # 3. Three experts of different leniency review.
    for expert, value in zip(world.experts, (5, 3, 2), strict=True):
        client.force_login(expert.user)
        a = Assignment.objects.get(submission=sub, expert=expert, status=AssignmentStatus.PUBLISHED)
        page = client.get(reverse("pitching:review", args=[a.pk]))
        assert page.status_code == 200
        assert "김창업" not in page.content.decode()  # blind review
        fields = {f"c{c.pk}": value for c in world.call.criteria.all()}
        response = client.post(
            reverse("pitching:review", args=[a.pk]),
            {**fields, "comment": f"{expert.user.display_name}의 의견: 시장 검증이 필요합니다.",
             "staff_note": "내부 메모", "confidence": 4, "submit": "1"},
        )  # fmt: skip
        assert response.status_code == 302
    # The conflicted expert cannot open the idea even by guessing the URL.
    client.force_login(world.conflicted.user)
    for a in Assignment.objects.filter(submission=sub):
        assert client.get(reverse("pitching:review", args=[a.pk])).status_code == 404
    assert client.get(reverse("pitching:deck", args=[sub.pk])).status_code == 404

    # 4. Staff close the batch and release feedback.
    client.force_login(world.staff)
    client.post(
        reverse("pitching:batch-action", args=[batch.pk, "close"]),
        {"method": "calibrated", "shortlist": 1},
    )
    assert Batch.objects.get(pk=batch.pk).status == BatchStatus.CLOSED

    # 5. The applicant reads the feedback: scores, diagnosis, comments — no reviewer names.
    client.force_login(world.applicant)
    settings.LANGUAGE_CODE = "ko"  # the rubric's Korean names
    page = client.get(sub.get_absolute_url()).content.decode()
    assert "시장 검증이 필요합니다" in page
    assert "시장성" in page  # per-criterion diagnosis
    for expert in [*world.experts, world.conflicted]:
        assert expert.user.display_name not in page
    assert "내부 메모" not in page

    # 6. The applicant books a mentoring slot; a second booking of it is refused.
    from sadari.pitching import services

    slot = services.slot_create(
        mentor=world.experts[0],
        by=world.experts[0].user,
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=1),
    )
    response = client.post(reverse("pitching:slot-book", args=[slot.pk]), {"topic": "투자 유치"})
    booking = Booking.objects.get(slot=slot)
    assert response.status_code == 302
    assert booking.applicant == world.applicant
    client.force_login(world.other_applicant)
    client.post(reverse("pitching:slot-book", args=[slot.pk]), {"topic": "저도요"})
    assert Booking.objects.filter(slot=slot).count() == 1
