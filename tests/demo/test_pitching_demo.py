"""The pitching demo: a desk per startup café, batches in every state, conflict-free
assignments, released feedback for the demo founder, mentoring with notes."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command(
        "seed_demo", "--startups", "150", "--apps", "techtrade,investment,pitching", stdout=out
    )
    return out.getvalue()


def test_pitching_demo(demo, client):
    from sadari.accounts.models import User
    from sadari.pitching.conflicts import detect
    from sadari.pitching.enums import BatchStatus
    from sadari.pitching.models import Assignment, Batch, Booking, Call, Expert, MentorNote, Result

    assert "피칭: 공모 13개" in demo
    assert Call.objects.filter(kind="rolling").count() == 11
    assert {b.status for b in Batch.objects.all()} == set(BatchStatus.values)
    assert Result.objects.filter(released_at__isnull=False).count() > 20
    # Assignments are conflict-free although some experts used to work at applicants' startups.
    pairs = list(Assignment.objects.select_related("submission", "expert"))
    found = detect(Expert.objects.all(), {a.submission for a in pairs})
    # (Mentoring booked after a review is a later conflict; affiliations existed before.)
    standing = {k for k, v in found.items() if {c.kind for c in v} - {"mentor"}}
    assert standing, "the demo should contain conflicts for the assignment to avoid"
    assert not [a for a in pairs if (a.expert_id, a.submission_id) in standing]
    founder = User.objects.get(username="founder")
    mine = founder.pitching_submissions.order_by("version")
    assert [s.version for s in mine] == [1, 2]
    assert mine[0].result.released_at is not None
    assert mine[1].status == "draft"
    assert MentorNote.objects.filter(booking__applicant=founder).exists()
    assert Booking.objects.filter(applicant=founder, status="booked").count() == 2
    client.force_login(founder)
    assert mine[0].result.feedback[0] in client.get(mine[0].get_absolute_url()).content.decode()


def test_same_seed_same_pitching_demo(settings, tmp_path):
    from sadari.pitching.models import Result, Submission

    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"
    runs = []
    for _ in range(2):
        call_command(
            "seed_demo",
            "--startups",
            "150",
            "--flush",
            "--apps",
            "techtrade,investment,pitching",
            stdout=StringIO(),
        )
        runs.append(
            (
                sorted(Submission.objects.values_list("title", flat=True)),
                sorted(round(r.estimate or 0, 6) for r in Result.objects.all()),
            )
        )
    assert runs[0] == runs[1]
