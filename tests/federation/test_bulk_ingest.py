"""Federation ingest in bulk: a chunk's organizations are written together, with the same
outcome as one by one; a database error replays them one by one; search indexing runs after
commit from a durable queue."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from sadari.common.db import create_rows, insert_values
from sadari.directory import search
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization, PendingIndex
from sadari.directory.services import organization_create
from sadari.federation import entities, ingest
from sadari.federation.entities import company_record, organization_keys_refresh
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.models import FieldClaim, MatchCandidate, OrganizationKey, SourceRecord
from sadari.federation.services import source_create
from sadari.feed.models import ChangeEvent
from sadari_core.resolution import company_blocking_keys

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def source():
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="A재단")
    return source_create(slug="a-foundation", name="A재단", owner=owner, priority=60)[0]


def _org(key, **data):
    return {"kind": "organization", "id": key, "data": data}


def _run(source, records, key="k"):
    run, _created = ingest_run_create(source=source, records=records, idempotency_key=key)
    return ingest_run_execute(run)


BATCH = [
    _org("A-1", name_ko="(주)드론랩", business_number="220-81-62517", homepage="dronelab.kr"),
    # The same company again under another id: its number links it to the first.
    _org("A-2", name_ko="드론랩 주식회사", business_number="220-81-62517", employees=12),
    # Same name and homepage, no number: linked automatically to the first.
    _org("A-3", name_ko="주식회사 드론랩", homepage="https://www.dronelab.kr", district="강남구"),
    _org("A-4", name_ko="새싹로보틱스", name_en="Saessak Robotics", employees=5),
    # Valid by the schema, refused by the model (a name longer than the column): rejected alone.
    _org("A-5", name_ko="가" * 201),
    _org("A-6", name_ko="한빛바이오", homepage="hanbitbio.example"),
]


def _state():
    """What a batch leaves behind, independent of ids."""
    orgs = {
        o.pk: o.name_ko
        for o in Organization.objects.exclude(kind=OrgKind.INSTITUTION).order_by("pk")
    }
    records = sorted(
        (r.source_key, orgs.get(r.entity_id), r.link_method) for r in SourceRecord.objects.all()
    )
    claims = sorted(
        (orgs.get(c.entity_id), c.field, str(c.value))
        for c in FieldClaim.objects.filter(superseded_at=None)
    )
    shown = sorted(
        (o.name_ko, o.business_number, o.homepage, o.employees, o.district)
        for o in Organization.objects.exclude(kind=OrgKind.INSTITUTION)
    )
    return records, claims, shown


def test_one_chunk_resolves_its_own_duplicates_and_rejects_a_bad_record_alone(source):
    run = _run(source, BATCH)

    assert (run.created, run.updated, run.rejected) == (3, 2, 1)
    assert [(e["row"], e["id"], e["field"]) for e in run.errors] == [(5, "A-5", "name_ko")]
    drone = Organization.objects.get(business_number="220-81-62517")
    links = dict(SourceRecord.objects.values_list("source_key", "link_method"))
    assert links == {"A-1": "new", "A-2": "business_number", "A-3": "auto", "A-4": "new",
                     "A-6": "new"}  # fmt: skip
    assert set(SourceRecord.objects.filter(source_key__in=["A-1", "A-2", "A-3"]).values_list(
        "entity_id", flat=True)) == {drone.pk}  # fmt: skip
    # Survivorship across the three records: every field shown, from whichever record has it.
    # The most recent claim wins between records of one source: A-3 came last.
    assert (drone.employees, drone.district, drone.homepage) == (
        12,
        "강남구",
        "https://www.dronelab.kr",
    )
    assert ChangeEvent.objects.filter(kind="organization", entity_id=drone.pk).count() == 1


def test_bulk_and_one_by_one_leave_the_same_state(source, monkeypatch):
    _run(source, BATCH)
    bulk = _state()
    Organization.objects.exclude(kind=OrgKind.INSTITUTION).delete()
    SourceRecord.objects.all().delete()

    monkeypatch.setattr(ingest, "BULK_MIN", 10_000)
    _run(source, BATCH, key="again")

    assert _state() == bulk


def test_a_database_error_in_bulk_replays_one_by_one_without_half_state(source, monkeypatch):
    real = entities.apply_organizations
    calls = []

    def failing(**kwargs):
        calls.append(1)
        real(**kwargs)  # writes everything, then the database refuses
        raise IntegrityError("simulated")

    monkeypatch.setattr(entities, "apply_organizations", failing)
    run = _run(source, BATCH)

    assert calls == [1]
    assert (run.created, run.updated, run.rejected) == (3, 2, 1)
    assert SourceRecord.objects.count() == 5  # nothing twice
    assert Organization.objects.exclude(kind=OrgKind.INSTITUTION).count() == 3


def test_review_pairs_found_in_bulk_wait_in_the_queue(source):
    existing = organization_create(kind=OrgKind.STARTUP, name_ko="카카오헬스케어")
    organization_keys_refresh([existing])

    _run(source, [_org("A-1", name_ko="카카오 헬스케어"), _org("A-2", name_ko="무관한회사")])

    record = SourceRecord.objects.get(source_key="A-1")
    assert record.link_method == "new"
    pair = MatchCandidate.objects.get()
    assert {pair.left_id, pair.right_id} == {existing.pk, record.entity_id}
    assert pair.explanation["summary_ko"]


def test_new_organizations_are_searchable_after_commit(source):
    _run(source, [_org("A-1", name_ko="새싹로보틱스"), _org("A-2", name_ko="한빛바이오")])

    assert not PendingIndex.objects.exists()
    hits = search.search("새싹로보틱스", kinds=["organization"]).hits
    assert [h.title for h in hits] == ["새싹로보틱스"]


def test_a_crash_before_indexing_leaves_the_queue_for_reindex_pending(source, monkeypatch):
    monkeypatch.setattr(search, "_drain_after_commit", lambda: None)  # as if the process died

    _run(source, [_org("A-1", name_ko="새싹로보틱스"), _org("A-2", name_ko="한빛바이오")])

    assert PendingIndex.objects.count() == 2
    assert search.search("새싹로보틱스", kinds=["organization"]).total == 0
    call_command("reindex", "--pending")
    assert not PendingIndex.objects.exists()
    assert search.search("새싹로보틱스", kinds=["organization"]).total == 1


def test_blocking_keys_are_rewritten_as_a_diff(source):
    _run(source, [_org("A-1", name_ko="새싹로보틱스", homepage="saessak.example"),
                  _org("A-2", name_ko="한빛바이오")])  # fmt: skip
    org = Organization.objects.get(name_ko="새싹로보틱스")
    before = dict(OrganizationKey.objects.filter(organization=org).values_list("key", "pk"))

    _run(
        source, [_org("A-1", name_ko="새싹로보틱스", homepage="saessak-robotics.example")], key="b"
    )

    org.refresh_from_db()
    after = dict(OrganizationKey.objects.filter(organization=org).values_list("key", "pk"))
    assert set(after) == {k[:120] for k in company_blocking_keys(company_record(org))}
    assert "dom:saessak-robotics.example" in after
    assert "dom:saessak.example" not in after
    kept = set(before) & set(after)  # the name keys: the same rows, not rewritten
    assert kept
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}


def test_every_created_organization_holds_the_keys_of_what_it_shows(source):
    # Organizations created from one record get their record's keys at once; one built from
    # several records of the chunk (drone) gets those of the values it shows.
    _run(source, BATCH)

    for org in Organization.objects.exclude(kind=OrgKind.INSTITUTION):
        stored = set(OrganizationKey.objects.filter(organization=org).values_list("key", flat=True))
        assert stored == {k[:120] for k in company_blocking_keys(company_record(org))}, org.name_ko
    # And the next batch finds them by those keys: the same company under another id links.
    again = _org("B-1", name_ko="한빛바이오 주식회사", homepage="https://www.hanbitbio.example")
    run = _run(source, [again], "b")
    assert (run.created, run.updated) == (0, 1)


def test_row_helpers_write_what_the_orm_would(source):
    orgs = [Organization(kind=OrgKind.STARTUP, name_ko=f"행{i}", employees=i) for i in range(3)]
    create_rows(orgs)
    assert [o.pk is not None and not o._state.adding for o in orgs] == [True] * 3
    stored = Organization.objects.get(pk=orgs[1].pk)
    assert (stored.name_ko, stored.employees, stored.created_at is not None) == ("행1", 1, True)

    rows = [(orgs[0].pk, "key:a"), (orgs[0].pk, "key:a"), (orgs[1].pk, "key:b")]
    insert_values(OrganizationKey, ["organization_id", "key"], rows, ignore_conflicts=True)
    assert sorted(OrganizationKey.objects.filter(key__startswith="key:").values_list(
        "organization_id", "key")) == [(orgs[0].pk, "key:a"), (orgs[1].pk, "key:b")]  # fmt: skip
    with pytest.raises(IntegrityError):
        insert_values(OrganizationKey, ["organization_id", "key"], rows[:1])


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (FieldClaim, "value"),  # JSONField
        (ChangeEvent, "data"),  # JSONField with DjangoJSONEncoder
        (SourceRecord, "observed_at"),
        (Organization, "employees"),
        (Organization, "founded_on"),
        (Organization, "name_ko"),
    ],
)
def test_db_preparer_gives_what_get_db_prep_save_gives(db, model, name):
    import datetime
    from decimal import Decimal

    from django.core.exceptions import ValidationError
    from django.db import connection

    from sadari.common.db import db_preparer

    field = model._meta.get_field(name)
    prepare = db_preparer(field, connection)
    values = [None, "드론랩", 12, 1.5, True, ["a", 1], {"k": ["v", None]}, {"n": Decimal("1.5")},
              datetime.date(2026, 3, 2), datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)]  # fmt: skip
    for value in values:
        try:
            expected = field.get_db_prep_save(value, connection)
        except (TypeError, ValueError, ValidationError, RuntimeWarning):
            continue  # a value this field does not take
        got = prepare(value)
        # psycopg's Jsonb wraps the value: compare what it holds.
        assert getattr(got, "obj", got) == getattr(expected, "obj", expected), (name, value)


def test_common_blocking_keys_are_read_once_per_run(source):
    orgs = [
        Organization(kind=OrgKind.STARTUP, name_ko=f"서울{i}")
        for i in range(entities.BLOCK_CAP + 1)
    ]
    create_rows(orgs)
    insert_values(OrganizationKey, ["organization_id", "key"], [(o.pk, "word:sl") for o in orgs])
    insert_values(OrganizationKey, ["organization_id", "key"], [(orgs[0].pk, "name:서울0")])
    cache = entities.RunCache()

    with entities.deferred_indexing(cache):
        first = entities._orgs_by_key(["word:sl", "name:서울0"])
        again = entities._orgs_by_key(["word:sl", "name:서울0"])

    assert len(first["word:sl"]) == entities.BLOCK_CAP + 1  # read, found common …
    assert cache.common_keys == {"word:sl"}
    assert again == {"name:서울0": [orgs[0].pk]}  # … and not read again in the run
    # Ranking skips a common key either way: the same candidates.
    assert entities._ranked(["word:sl", "name:서울0"], first) == [orgs[0].pk]
    assert entities._ranked(["word:sl", "name:서울0"], again) == [orgs[0].pk]
    # Outside a run nothing is remembered.
    assert len(entities._orgs_by_key(["word:sl"])["word:sl"]) == entities.BLOCK_CAP + 1
