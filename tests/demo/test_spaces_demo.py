"""The spaces demo: a policy per demo space, a year of past bookings with meaningful
utilization, upcoming bookings with some pending approval, the demo founder booked at another
institution's lab, and the same seed giving the same bookings (two seeds, one test: the base
demo is slow)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command(
        "seed_demo", "--startups", "150", "--flush", "--apps", "pitching,spaces", stdout=out
    )
    return out.getvalue()


def _fingerprint() -> list[tuple[str, str, str, str, str]]:
    from sadari.spaces.models import Booking

    return sorted(
        (
            b.space.name_ko,
            b.space.host.name_ko,
            timezone.localtime(b.starts_at).isoformat(),
            b.status,
            b.booked_by.username,
        )
        for b in Booking.objects.select_related("space", "space__host", "booked_by")
    )


def test_spaces_demo_is_deterministic_and_meaningful(settings, tmp_path, client):
    from sadari.accounts.models import User
    from sadari.directory.models import Space
    from sadari.spaces.models import Booking, BookingPolicy, BookingSlot
    from sadari.spaces.selectors import utilization

    settings.SADARI_MATCH_ENCODER = "none"
    settings.MEDIA_ROOT = tmp_path / "media"
    _seed()
    first = _fingerprint()
    log = _seed()
    second = _fingerprint()
    today = timezone.localdate()

    assert len(first) > 1000
    assert first == second
    assert "공간: 예약 규칙" in log
    assert BookingPolicy.objects.count() == Space.objects.filter(is_fictional=True).count()
    past = Booking.objects.filter(ends_at__lte=timezone.now())
    assert set(past.values_list("status", flat=True)) == {"approved", "declined", "cancelled"}
    upcoming = Booking.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.filter(status="pending").count() >= 5
    assert upcoming.filter(status="approved").count() >= 5
    # Every live booking holds exactly its slot rows, and no two rows share a time.
    live = Booking.objects.filter(status__in=["pending", "approved"])
    assert BookingSlot.objects.count() == sum(b.minutes // 30 for b in live)
    duplicates = (
        BookingSlot.objects.values("space_id", "starts_at").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not duplicates.exists()
    report = utilization(start=today - dt.timedelta(days=365), end=today)
    rates = [r.rate for r in report.spaces if r.rate is not None]
    assert 0.05 < sum(rates) / len(rates) < 0.6
    assert any(r.approval_rate is not None and r.approval_rate < 1 for r in report.institutions)

    founder = User.objects.get(username="founder")
    labs = Booking.objects.filter(
        booked_by=founder, space__kind="lab", starts_at__gt=timezone.now()
    ).select_related("space")
    own = set(founder.memberships.values_list("organization_id", flat=True))
    own |= set(founder.memberships.values_list("organization__host_id", flat=True))
    assert sorted(b.status for b in labs) == ["approved", "pending"]
    assert all(b.space.host_id not in own for b in labs)
    client.force_login(founder)
    assert labs[0].space.name_ko in client.get(reverse("spaces:my-bookings")).content.decode()
    client.force_login(User.objects.get(username="staff"))
    assert client.get(reverse("spaces:approvals")).context["queue"]
