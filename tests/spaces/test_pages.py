"""Spaces pages: the role matrix for every page and action, who sees bookers' names, feeds,
filters that never fail, and exports."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "founder", "staff", "other_staff", "operator", "outsider")


def login(client, world, role):
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def book(world, space, user, day=0, start=10, end=12, purpose="비밀 프로젝트 회의"):
    from sadari.spaces.services import booking_create

    return booking_create(
        space=space,
        by=user,
        starts_at=world.at(day, start),
        ends_at=world.at(day, end),
        purpose=purpose,
    )


def week_of(world):
    return {"week": world.monday.isoformat()}


def test_public_pages_show_busy_blocks_without_names(client, world):
    book(world, world.hall, world.founder)

    listing = client.get(reverse("spaces:list"))
    page = client.get(reverse("spaces:space-detail", args=[world.hall.pk]), week_of(world))
    feed = client.get(reverse("spaces:space-ics", args=[world.hall.pk]))

    assert listing.status_code == 200
    assert world.lab.name_en in listing.content.decode()
    text = page.content.decode()
    assert page.status_code == 200
    assert 'class="busy"' in text
    assert "김창업" not in text
    assert "비밀 프로젝트" not in text
    assert "Sign in to book" in text
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    body = feed.content.decode()
    assert "DTSTART;TZID=Asia/Seoul:" in body
    assert f"{world.monday:%Y%m%d}T100000" in body
    assert "BEGIN:VTIMEZONE" in body
    assert "비밀" not in body
    assert "founder1" not in body


def test_space_without_policy_is_not_listed_or_shown(client, world):
    from sadari.directory.models import Space

    bare = Space.objects.create(name_ko="창고", host=world.host, kind="office", capacity=2)

    assert client.get(reverse("spaces:space-detail", args=[bare.pk])).status_code == 404
    assert client.get(reverse("spaces:space-ics", args=[bare.pk])).status_code == 404
    assert "창고" not in client.get(reverse("spaces:list")).content.decode()


@pytest.mark.parametrize(
    ("_case", "query"),
    [
        ("kind", {"kind": "lab"}),
        ("bad kind", {"kind": "spaceship"}),
        ("institution garbage", {"institution": "abc"}),
        ("capacity negative", {"min_capacity": "-3"}),
        ("capacity text", {"min_capacity": "many"}),
        ("bad date", {"date": "2026-13-45", "time": "10:00"}),
        ("bad time", {"date": "2026-12-01", "time": "25:61"}),
        ("hours huge", {"date": "2026-12-01", "time": "10:00", "hours": "999"}),
        ("equipment", {"equipment": "3D"}),
        ("week garbage", {"week": "yesterday"}),
    ],
)
def test_list_filters_never_fail(client, world, _case, query):
    assert client.get(reverse("spaces:list"), query).status_code == 200
    assert (
        client.get(reverse("spaces:space-detail", args=[world.hall.pk]), query).status_code == 200
    )


def test_list_filters_narrow_the_spaces(client, world):
    book(world, world.hall, world.founder, start=10, end=12)
    day = world.monday.isoformat()

    def names(**query):
        return [
            s.pk for s in client.get(reverse("spaces:list"), query).context["page_obj"].object_list
        ]

    assert names(kind="lab") == [world.lab.pk]
    assert names(min_capacity=50) == [world.hall.pk]
    assert names(equipment="레이저") == [world.lab.pk]
    assert world.lab.pk not in names(free_only="on")
    assert world.hall.pk not in names(date=day, time="11:00", hours=1)
    assert world.hall.pk in names(date=day, time="12:00", hours=2)
    assert names(date=day, time="17:30", hours=2) == []  # closes at 18:00
    assert names(institution=world.host.pk, district="일산동구", kind="meeting_room") == [
        world.room.pk
    ]


def test_list_page_has_no_n_plus_one(client, world, django_assert_max_num_queries):
    from sadari.directory.models import Space
    from sadari.spaces.services import policy_save

    with django_assert_max_num_queries(8):
        client.get(reverse("spaces:list"), {"date": world.monday.isoformat(), "time": "10:00"})
    for i in range(5):
        extra = Space.objects.create(
            name_ko=f"데스크 {i}", host=world.other_inst, kind="desk", capacity=1
        )
        policy_save(space=extra, by=None)
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("spaces:list"), {"date": world.monday.isoformat(), "time": "10:00"}
        )
    assert response.context["total"] == 8


def test_booking_through_the_page_and_the_taken_message(client, world):
    client.force_login(world.founder)
    url = reverse("spaces:space-book", args=[world.lab.pk])
    form = {
        "date": world.monday.isoformat(),
        "start": "10:00",
        "end": "11:30",
        "attendees": "3",
        "purpose": "시제품 출력",
        "organization": str(world.startup.pk),
    }

    first = client.post(url, form)
    client.force_login(world.other_staff)
    second = client.post(url, {**form, "start": "11:00", "end": "12:00", "organization": ""})
    saturday = (world.monday + dt.timedelta(days=5)).isoformat()
    bad = client.post(url, {**form, "date": saturday, "organization": ""})
    early = client.post(url, {**form, "start": "07:00", "organization": ""})

    from sadari.spaces.models import Booking

    booking = Booking.objects.get()
    assert first.status_code == 302
    assert first["Location"] == reverse("spaces:booking-detail", args=[booking.pk])
    assert booking.status == "pending"
    assert booking.organization == world.startup
    assert second.status_code == 200
    assert "just taken" in second.content.decode()
    assert "outside the opening hours" in bad.content.decode()
    assert "Select a valid choice" in early.content.decode()  # 07:00 is not offered


@pytest.mark.parametrize(
    ("role", "space", "expected"),
    [
        ("anonymous", "hall", 302),
        ("outsider", "lab", 404),
        ("outsider", "hall", 302),
        ("founder", "room", 404),
        ("founder", "lab", 302),
        ("other_staff", "room", 404),
        ("other_staff", "lab", 302),
        ("staff", "room", 302),
        ("operator", "lab", 302),
    ],
)
def test_book_role_matrix(client, world, role, space, expected):
    from sadari.spaces.models import Booking

    login(client, world, role)
    response = client.post(
        reverse("spaces:space-book", args=[getattr(world, space).pk]),
        {
            "date": world.monday.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "attendees": "1",
            "purpose": "회의",
        },
    )

    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login" in response["Location"] or "login" in response["Location"]
    assert Booking.objects.count() == (1 if expected == 302 and role != "anonymous" else 0)


@pytest.mark.parametrize(
    ("role", "status", "sees_names"),
    [
        ("anonymous", 302, False),
        ("founder", 200, True),  # the booker
        ("staff", 200, True),
        ("operator", 200, True),
        ("other_staff", 404, False),
        ("outsider", 404, False),
    ],
)
def test_booking_detail_role_matrix(client, world, role, status, sees_names):
    booking = book(world, world.lab, world.founder)
    login(client, world, role)

    detail = client.get(reverse("spaces:booking-detail", args=[booking.pk]))
    space_page = client.get(reverse("spaces:space-detail", args=[world.lab.pk]), week_of(world))

    assert detail.status_code == status
    if status == 200:
        assert "비밀 프로젝트" in detail.content.decode()
    # The space page lists upcoming bookings with purposes to the host's staff and operators.
    shown = "비밀 프로젝트" in space_page.content.decode()
    assert shown == (sees_names and role != "founder")


@pytest.mark.parametrize(
    ("role", "status", "outcome"),
    [
        ("anonymous", 302, "pending"),
        ("founder", 404, "pending"),
        ("other_staff", 404, "pending"),
        ("outsider", 404, "pending"),
        ("staff", 302, "approved"),
        ("operator", 302, "approved"),
    ],
)
def test_approve_role_matrix(client, world, role, status, outcome):
    booking = book(world, world.lab, world.founder)
    login(client, world, role)

    response = client.post(reverse("spaces:booking-decide", args=[booking.pk, "approve"]))

    booking.refresh_from_db()
    assert response.status_code == status
    assert booking.status == outcome


def test_decline_needs_a_reason_on_the_page(client, world):
    booking = book(world, world.lab, world.founder)
    client.force_login(world.staff)
    url = reverse("spaces:booking-decide", args=[booking.pk, "decline"])

    without = client.post(url, {"reason": ""}, follow=True)
    booking.refresh_from_db()
    status_after_first = booking.status
    client.post(url, {"reason": "장비 점검", "next": "approvals"})
    booking.refresh_from_db()
    unknown = client.post(reverse("spaces:booking-decide", args=[booking.pk, "explode"]))

    assert status_after_first == "pending"
    assert "Give the booker a reason" in without.content.decode()
    assert booking.status == "declined"
    assert booking.reason == "장비 점검"
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("role", "status", "outcome"),
    [
        ("anonymous", 302, "approved"),
        ("founder", 302, "cancelled"),
        ("staff", 302, "cancelled"),
        ("operator", 302, "cancelled"),
        ("other_staff", 404, "approved"),
        ("outsider", 404, "approved"),
    ],
)
def test_cancel_role_matrix(client, world, role, status, outcome):
    booking = book(world, world.hall, world.founder)
    login(client, world, role)

    response = client.post(reverse("spaces:booking-cancel", args=[booking.pk]))

    booking.refresh_from_db()
    assert response.status_code == status
    assert booking.status == outcome


@pytest.mark.parametrize(
    ("role", "status", "sees_pending"),
    [
        ("anonymous", 302, False),
        ("founder", 404, False),
        ("outsider", 404, False),
        ("other_staff", 200, False),
        ("staff", 200, True),
        ("operator", 200, True),
    ],
)
def test_approvals_and_manage_role_matrix(client, world, role, status, sees_pending):
    book(world, world.lab, world.founder)
    login(client, world, role)

    queue = client.get(reverse("spaces:approvals"))
    manage = client.get(reverse("spaces:manage"))

    assert queue.status_code == status
    assert manage.status_code == status
    assert ("김창업" in queue.content.decode()) == sees_pending
    if status == 200:
        assert (world.lab.name_en in manage.content.decode()) == sees_pending


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("founder", 404),
        ("outsider", 404),
        ("other_staff", 404),
        ("staff", 200),
        ("operator", 200),
    ],
)
def test_policy_edit_role_matrix(client, world, role, status):
    login(client, world, role)
    url = reverse("spaces:policy-edit", args=[world.hall.pk])

    response = client.get(url)
    add = client.post(
        reverse("spaces:closed-date-add", args=[world.hall.pk]), {"date": "2026-12-25"}
    )

    assert response.status_code == status
    assert add.status_code == (302 if status == 200 else status)
    assert world.hall.booking_policy.closed_dates.count() == (1 if status == 200 else 0)


def test_policy_form_saves_hours_and_rejects_bad_input(client, world):
    from sadari.spaces.models import ClosedDate

    client.force_login(world.staff)
    url = reverse("spaces:policy-edit", args=[world.hall.pk])
    form = {
        "is_bookable": "on",
        "audience": "members",
        "min_minutes": "60",
        "max_minutes": "180",
        "horizon_days": "30",
        "price_per_hour_krw": "20000",
        **{f"open_{i}": "10:00" for i in range(6)},
        **{f"close_{i}": "20:00" for i in range(6)},
    }

    saved = client.post(url, form)
    half = client.post(url, {**form, "close_0": ""})
    reversed_ = client.post(url, {**form, "min_minutes": "240"})
    policy = world.hall.booking_policy
    policy.refresh_from_db()
    client.post(reverse("spaces:closed-date-add", args=[world.hall.pk]), {"date": "2026-12-25"})
    closed = ClosedDate.objects.get()
    removed = client.post(reverse("spaces:closed-date-delete", args=[world.hall.pk, closed.pk]))

    assert saved.status_code == 302
    assert policy.hours[5] == ["10:00", "20:00"]
    assert policy.hours[6] is None
    assert policy.price_per_hour_krw == 20000
    assert half.status_code == 200
    assert "give both the opening and the closing time" in half.content.decode()
    assert reversed_.status_code == 200
    assert "at least the shortest" in reversed_.content.decode()
    assert removed.status_code == 302
    assert ClosedDate.objects.count() == 0


def test_my_bookings_and_the_personal_feed(client, world):
    book(world, world.hall, world.founder)
    book(world, world.hall, world.staff, day=1)

    assert client.get(reverse("spaces:my-bookings")).status_code == 302
    client.force_login(world.founder)
    page = client.get(reverse("spaces:my-bookings"))
    feed_url = page.context["feed_url"]
    path = feed_url.split("testserver", 1)[1]
    client.logout()
    feed = client.get(path)
    client.force_login(world.founder)
    client.post(reverse("spaces:calendar-rotate"))
    client.logout()
    old = client.get(path)

    assert page.status_code == 200
    assert "비밀 프로젝트" in page.content.decode()
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    body = feed.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert "비밀 프로젝트" in body
    assert "Asia/Seoul" in body
    assert old.status_code == 404
    assert client.get(reverse("spaces:my-ics", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("role", "status", "sees_host"),
    [
        ("anonymous", 302, False),
        ("founder", 404, False),
        ("outsider", 404, False),
        ("other_staff", 200, False),
        ("staff", 200, True),
        ("operator", 200, True),
    ],
)
def test_utilization_role_matrix(client, world, role, status, sees_host):
    login(client, world, role)
    query = {"start": "2026-01-01", "end": "2026-12-31"}

    page = client.get(reverse("spaces:utilization"), query)
    csv = client.get(reverse("spaces:utilization-export", args=["csv"]), query)
    xlsx = client.get(reverse("spaces:utilization-export", args=["xlsx"]), query)

    assert page.status_code == status
    assert csv.status_code == status
    assert xlsx.status_code == status
    if status == 200:
        assert (world.lab.name_en in page.content.decode()) == sees_host
        assert (world.lab.name_en in csv.content.decode("utf-8-sig")) == sees_host
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_utilization_export_bad_format_and_period(client, world):
    client.force_login(world.operator)

    assert client.get(reverse("spaces:utilization-export", args=["pdf"])).status_code == 404
    bad = client.get(reverse("spaces:utilization"), {"start": "2026-12-01", "end": "2026-01-01"})
    garbage = client.get(reverse("spaces:utilization"), {"start": "x", "end": "y"})

    assert bad.status_code == 200
    assert "at most three years" in bad.content.decode()
    assert garbage.status_code == 200


def test_utilization_csv_is_formula_safe(client, world):
    world.hall.name_en = "=HYPERLINK(1)"
    world.hall.save()
    client.force_login(world.operator)

    csv = client.get(
        reverse("spaces:utilization-export", args=["csv"]),
        {"start": "2026-01-01", "end": "2026-01-31"},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in csv


def test_a_free_cell_links_to_the_form_filled_in(client, world):
    client.force_login(world.founder)
    url = reverse("spaces:space-detail", args=[world.lab.pk])

    page = client.get(url, week_of(world))
    picked = client.get(url, {**week_of(world), "date": world.monday.isoformat(), "start": "10:00"})
    garbage = client.get(url, {"date": "x", "start": "99:99"})

    assert f"date={world.monday.isoformat()}&amp;start=10:00#book" in page.content.decode()
    form = picked.context["form"]
    assert form.initial["date"] == world.monday
    assert form.initial["start"] == "10:00"
    assert form.initial["end"] == "10:30"  # the lab's shortest booking: 30 minutes
    assert garbage.status_code == 200
    assert "start" not in garbage.context["form"].initial


@pytest.mark.parametrize("url_name", ["spaces:my-bookings", "spaces:approvals"])
def test_booking_lists_have_no_n_plus_one(client, world, url_name, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.staff if url_name == "spaces:approvals" else world.founder)
    client.get(reverse(url_name))  # the first visit makes the calendar token
    counts = []
    for day in (0, 1, 2):
        book(world, world.lab, world.founder, day=day)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(ctx))

    assert counts[0] == counts[2]


def test_the_space_list_is_paged(client, world, monkeypatch):
    from sadari.spaces import views

    monkeypatch.setattr(views, "SPACES_PER_PAGE", 2)

    first = client.get(reverse("spaces:list"))
    last = client.get(reverse("spaces:list"), {"page": "999"})

    total = first.context["total"]
    assert total > 2
    assert len(first.context["page_obj"].object_list) == 2
    assert "page=2" in first.content.decode()
    assert len(last.context["page_obj"].object_list) == total - 2 * (
        first.context["page_obj"].paginator.num_pages - 1
    )


def test_the_free_at_search_says_when_in_korean(client, world):
    day = timezone.localdate() + dt.timedelta(days=7)
    client.cookies["django_language"] = "ko"

    html = client.get(
        reverse("spaces:list"), {"date": day.isoformat(), "time": "10:00", "hours": "2"}
    ).content.decode()

    assert f"{day.year}년 {day.month}월 {day.day}일 10:00" in html
