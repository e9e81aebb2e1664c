"""Space bookings and opening hours (utilization as the spaces app defines it), program
applications and referrals become impact events."""

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _last_month_monday() -> dt.date:
    first = timezone.localdate().replace(day=1) - dt.timedelta(days=20)
    return first - dt.timedelta(days=first.weekday())


def test_space_bookings_and_utilization(make_user):
    from sadari.directory.enums import OrgKind, SpaceKind
    from sadari.directory.models import Space
    from sadari.directory.services import organization_create
    from sadari.impact.collectors import collect
    from sadari.impact.compute import compute_snapshots
    from sadari.impact.models import ImpactEvent, Kpi, KpiSnapshot
    from sadari.spaces.models import Booking
    from sadari.spaces.selectors import utilization
    from sadari.spaces.services import policy_save
    from sadari_core.impact.periods import period_of

    host = organization_create(kind=OrgKind.INSTITUTION, name_ko="고양 창업지원센터")
    startup = organization_create(kind=OrgKind.STARTUP, name_ko="주식회사 하늘길")
    lab = Space.objects.create(name_ko="랩", host=host, kind=SpaceKind.LAB, capacity=6)
    policy_save(space=lab, by=None)
    day = _last_month_monday()
    at = lambda h: timezone.make_aware(dt.datetime.combine(day, dt.time(h)))  # noqa: E731
    user = make_user("booker")
    kept = Booking.objects.create(space=lab, booked_by=user, organization=startup,
                                  starts_at=at(10), ends_at=at(12), status="approved")  # fmt: skip
    Booking.objects.create(
        space=lab, booked_by=user, starts_at=at(13), ends_at=at(14), status="cancelled"
    )
    kpi = Kpi.objects.create(slug="use", name_ko="이용률", definition_ko="정의", unit="percent",
                             formula="qty(space_booked) / qty(space_open) * 100")  # fmt: skip
    month = period_of(day, "month")

    collect(only=["spaces"])
    compute_snapshots(periods=[month], kpis=[kpi])

    booked = ImpactEvent.objects.get(kind="space_booked")
    assert (booked.source_key, booked.quantity, booked.organization_id, booked.institution_id) == (
        f"booking:{kept.pk}", 2.0, startup.pk, host.pk,
    )  # fmt: skip
    expected = utilization(start=month.start, end=month.end + dt.timedelta(days=1)).total
    opened = ImpactEvent.objects.get(kind="space_open", occurred_on=month.start)
    assert opened.quantity == pytest.approx(expected.open_hours)
    value = KpiSnapshot.objects.get(kpi=kpi, institution=None, period_start=month.start).value
    assert value == pytest.approx(100 * expected.rate, abs=1e-3)


def test_applications_and_referrals(make_user):
    from sadari.directory.enums import OrgKind
    from sadari.directory.models import Program
    from sadari.directory.services import organization_create
    from sadari.impact.collectors import collect
    from sadari.impact.models import ImpactEvent

    sender = organization_create(kind=OrgKind.INSTITUTION, name_ko="보내는 기관")
    receiver = organization_create(kind=OrgKind.INSTITUTION, name_ko="받는 기관")
    startup = organization_create(kind=OrgKind.STARTUP, name_ko="주식회사 연계")
    program = Program.objects.create(host=receiver, title_ko="사회적경제 육성")
    user = make_user("applicant")
    from sadari.consortium.models import Application, Referral

    application = Application.objects.create(program=program, applicant=user, organization=startup,
                                             status="selected", decided_at=timezone.now())  # fmt: skip
    referral = Referral.objects.create(from_org=sender, to_org=receiver, program=program,
                                       company=startup, status="completed", closed_at=timezone.now())  # fmt: skip
    Referral.objects.create(from_org=sender, to_org=receiver, program=program, company=startup)

    collect(only=["consortium"])

    rows = sorted(
        ImpactEvent.objects.values_list("kind", "source_key", "organization_id", "institution_id")
    )
    assert rows == sorted([
        ("program_applied", f"application:{application.pk}", startup.pk, receiver.pk),
        ("program_selected", f"application:{application.pk}", startup.pk, receiver.pk),
        ("referral_made", f"referral:{referral.pk}", startup.pk, sender.pk),
        ("referral_made", f"referral:{referral.pk + 1}", startup.pk, sender.pk),
        ("referral_completed", f"referral:{referral.pk}", startup.pk, receiver.pk),
    ])  # fmt: skip
    referral.status = "accepted"
    referral.save()
    assert collect(only=["consortium"]).deleted == 1
