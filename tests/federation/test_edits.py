"""Member edits are claims: a later feed does not undo them; a registry still wins."""

import pytest

from sadari.accounts.enums import Role
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create, organization_update
from sadari.federation.edits import EDITS_SLUG
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.models import FieldClaim
from sadari.federation.selectors import provenance_for
from sadari.federation.services import source_create

pytestmark = pytest.mark.django_db(transaction=True)


def _feed(source, key, **data):
    records = [{"kind": "organization", "id": "A-1", "data": data}]
    run, _created = ingest_run_create(source=source, records=records, idempotency_key=key)
    return ingest_run_execute(run)


@pytest.fixture
def feed_source():
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="A재단")
    return source_create(slug="a-foundation", name="A재단", owner=owner, priority=60)[0]


def test_a_member_edit_survives_the_next_feed_and_shows_the_feed_as_a_conflict(
    feed_source, make_user
):
    _feed(feed_source, "1", name_ko="드론랩", homepage="dronelab.kr", employees=5)
    org = Organization.objects.get(name_ko="드론랩")
    founder = make_user("founder", role=Role.FOUNDER, organization=org)

    organization_update(organization=org, by=founder, homepage="https://dronelab.co.kr")
    _feed(feed_source, "2", name_ko="드론랩", homepage="dronelab-old.kr", employees=6)

    org.refresh_from_db()
    assert org.homepage == "https://dronelab.co.kr"  # the edit stays
    assert org.employees == 6  # fields nobody edited still follow the feed
    rows = {
        p.field: p for p in provenance_for(user=founder, organization=org, can_view_private=True)
    }
    homepage = rows["homepage"]
    assert homepage.source == "사다리에서 직접 수정"
    assert [value for value, _source, _at in homepage.conflicts] == ["https://dronelab-old.kr"]


def test_a_registry_still_wins_over_a_member_edit(feed_source, make_user):
    _feed(
        feed_source, "1", name_ko="드론랩", business_number="220-81-62517", homepage="dronelab.kr"
    )
    org = Organization.objects.get(name_ko="드론랩")
    organization_update(organization=org, by=make_user("u"), homepage="https://mine.example")
    registry = source_create(
        slug="nts", name="국세청", owner=feed_source.owner, priority=10, is_registry=True
    )[0]

    run = _feed(
        registry,
        "r1",
        name_ko="드론랩",
        business_number="220-81-62517",
        homepage="registry.example",
    )
    assert (run.updated, run.errors) == (1, [])

    org.refresh_from_db()
    assert org.homepage == "https://registry.example"


def test_editing_twice_supersedes_the_first_edit_claim(feed_source, make_user):
    _feed(feed_source, "1", name_ko="드론랩")
    org = Organization.objects.get(name_ko="드론랩")
    user = make_user("u")

    organization_update(organization=org, by=user, employees=7)
    organization_update(organization=org, by=user, employees=9, district="성동구")

    current = FieldClaim.objects.filter(source__slug=EDITS_SLUG, superseded_at=None)
    assert dict(current.values_list("field", "value")) == {"employees": 9, "district": "성동구"}
    assert FieldClaim.objects.filter(source__slug=EDITS_SLUG, field="employees").count() == 2


def test_clearing_an_edited_field_withdraws_the_edit_claim(feed_source, make_user):
    _feed(feed_source, "1", name_ko="드론랩", homepage="dronelab.kr")
    org = Organization.objects.get(name_ko="드론랩")
    user = make_user("u")
    organization_update(organization=org, by=user, homepage="https://mine.example", employees=3)

    organization_update(organization=org, by=user, homepage="")

    current = FieldClaim.objects.filter(source__slug=EDITS_SLUG, superseded_at=None)
    assert dict(current.values_list("field", "value")) == {"employees": 3}


def test_source_names_follow_the_page_language(feed_source, make_user):
    from django.utils import translation

    _feed(feed_source, "1", name_ko="드론랩", homepage="dronelab.kr")
    org = Organization.objects.get(name_ko="드론랩")
    organization_update(organization=org, by=make_user("u"), homepage="https://mine.example")

    with translation.override("en"):
        rows = provenance_for(user=None, organization=org, can_view_private=False)
    assert {p.field: p.source for p in rows}["homepage"] == "Edited on Sadari"
    assert {p.field: p.source for p in rows}["name_ko"] == "A재단"  # no English name given
