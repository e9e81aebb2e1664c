"""A record sent exactly as before is unchanged without being validated and cleaned again (its
raw hash); anything that could change how it is read — the source's field mapping, the
schemas, the code's version — makes it go the whole way again."""

import pytest

from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create
from sadari.federation import ingest
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.models import SourceRecord
from sadari.federation.services import source_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    owner = organization_create(kind=OrgKind.INSTITUTION, name_ko="해시재단")
    src, _token = source_create(slug="hash-src", name="해시재단", owner=owner)
    return src


@pytest.fixture
def validations(monkeypatch):
    calls = []
    real = ingest.record_errors

    def counted(record):
        calls.append(record.get("id") if isinstance(record, dict) else None)
        return real(record)

    monkeypatch.setattr(ingest, "record_errors", counted)
    return calls


def _records(amount="3억", **extra):
    return [
        {"kind": "organization", "id": f"O{i}", "observed_at": f"2026-11-0{1 + i % 9}T09:00:00",
         "data": {"name_ko": f"해시기업{i}", "employees": 10 + i, **extra}}
        for i in range(30)
    ] + [{"kind": "support_award", "id": "S1", "data": {
        "recipient": {"name_ko": "해시기업1"}, "program_title": "실증 지원",
        "starts_on": "2026-03-01", "amount_krw": amount}}]  # fmt: skip


def _run(source, records, key):
    run, _created = ingest_run_create(source=source, records=records, idempotency_key=key)
    return ingest_run_execute(run)


def test_the_same_records_again_skip_validation(source, validations):
    first = _run(source, _records(), "k1")
    validated_first = len(validations)

    restamped = [{**r, "observed_at": "2026-11-23T09:00:00"} for r in _records()]
    second = _run(source, restamped, "k2")

    assert (first.created, first.rejected) == (31, 0)
    assert validated_first == 31
    assert (second.unchanged, second.created, second.updated) == (31, 0, 0)
    assert len(validations) == validated_first  # a new observed_at alone is not a change
    assert SourceRecord.objects.exclude(raw_hash="").count() == 31


def test_a_changed_record_or_mapping_is_validated_again(source, validations):
    _run(source, _records(), "k1")
    records = _records()
    records[3]["data"]["employees"] = 99
    changed = _run(source, records, "k2")
    after_change = len(validations)

    source.field_mapping = {"직원수": "employees"}
    source.save()
    source.refresh_from_db()
    remapped = _run(source, _records(), "k3")

    assert (changed.updated, changed.unchanged) == (1, 30)
    assert after_change == 31 + 1
    assert (remapped.unchanged, remapped.updated) == (30, 1)  # record 3 is back to 13
    assert len(validations) == after_change + 31  # the mapping changed: read again


def test_same_content_sent_differently_is_unchanged_and_remembered(source, validations):
    _run(source, _records(amount="3억"), "k1")
    SourceRecord.objects.update(raw_hash="")  # as if written before raw hashes existed

    again = _run(source, _records(amount=300_000_000), "k2")
    validated = len(validations)
    third = _run(source, _records(amount=300_000_000), "k3")

    assert (again.unchanged, again.updated) == (31, 0)
    assert validated == 31 + 31
    assert third.unchanged == 31
    assert len(validations) == validated  # remembered: not validated a third time


def test_a_kind_the_source_no_longer_sends_is_rejected_even_when_unchanged(source):
    _run(source, _records(), "k1")
    source.kinds = ["organization"]
    source.save()

    again = _run(source, _records(), "k2")

    assert (again.unchanged, again.rejected) == (30, 1)
