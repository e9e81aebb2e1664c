"""Federation ingest: push API, runs, idempotency, claims and survivorship, resolution, merges."""

import json

import pytest
from django.urls import reverse

from sadari.directory.enums import OrgKind
from sadari.directory.models import Event, Organization
from sadari.directory.services import organization_create
from sadari.federation.entities import organization_keys_refresh
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.merging import organization_merge, organization_split
from sadari.federation.models import (
    CandidateStatus,
    FieldClaim,
    IngestRun,
    MatchCandidate,
    RunStatus,
    SourceRecord,
    SupportAward,
)
from sadari.federation.selectors import duplicate_support_report, provenance_for
from sadari.federation.services import source_create, source_token_rotate
from sadari.feed.models import ChangeEvent
from sadari.investment.models import FundingRound
from sadari.jobs.models import JobPosting

pytestmark = pytest.mark.django_db(transaction=True)


def _institution(name: str) -> Organization:
    return organization_create(kind=OrgKind.INSTITUTION, name_ko=name)


@pytest.fixture
def sources():
    a, token_a = source_create(
        slug="a-foundation", name="A재단", owner=_institution("A재단"), priority=60
    )
    b, token_b = source_create(
        slug="b-center", name="B센터", owner=_institution("B센터"), priority=50
    )
    return {"a": (a, token_a), "b": (b, token_b)}


def _org(key, **data):
    return {"kind": "organization", "id": key, "data": data}


def _push(client, source, token, records, key="k1"):
    return client.post(
        reverse("api-v1:federation-batches", args=[source.slug]),
        data=json.dumps({"records": records}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )


def test_push_creates_organizations_with_claims_and_change_events(client, sources):
    source, token = sources["a"]

    response = _push(
        client,
        source,
        token,
        [_org("A-1", name_ko="(주)드론랩", business_number="220-81-62517", homepage="dronelab.kr")],
    )

    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["received"], body["created"], body["rejected"], body["status"]) == (
        1, 1, 0, "succeeded",
    )  # fmt: skip
    org = Organization.objects.get(business_number="220-81-62517")
    assert org.name_ko == "(주)드론랩"
    assert org.homepage == "https://dronelab.kr"
    assert FieldClaim.objects.filter(entity_id=org.pk, superseded_at=None).count() == 3
    assert ChangeEvent.objects.filter(kind="organization", entity_id=org.pk).count() == 1


def test_same_batch_twice_changes_nothing(client, sources):
    source, token = sources["a"]
    records = [_org("A-1", name_ko="드론랩"), _org("A-2", name_ko="핀테크랩")]
    _push(client, source, token, records, key="first")
    before = (Organization.objects.count(), FieldClaim.objects.count(), ChangeEvent.objects.count())

    again = _push(client, source, token, records, key="second").json()
    replay = _push(client, source, token, records, key="first")

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert replay.status_code == 200
    assert replay.json()["id"] == IngestRun.objects.order_by("id").first().pk
    after = (Organization.objects.count(), FieldClaim.objects.count(), ChangeEvent.objects.count())
    assert after == before


def test_idempotency_key_reused_for_another_batch_is_409(client, sources):
    source, token = sources["a"]
    _push(client, source, token, [_org("A-1", name_ko="드론랩")], key="same")

    response = _push(client, source, token, [_org("A-2", name_ko="다른")], key="same")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"


def test_bad_record_is_rejected_alone_with_row_number(client, sources):
    source, token = sources["a"]

    body = _push(
        client,
        source,
        token,
        [
            _org("A-1", name_ko="드론랩"),
            _org("A-2", name_ko="나쁜행", business_number="123-45-67890", founded_on="어제"),
            {"kind": "organization", "id": "A-3", "data": {"homepage": "x.kr"}},
            _org("A-4", name_ko="로봇랩"),
        ],
    ).json()

    assert (body["created"], body["rejected"], body["status"]) == (2, 2, "partial")
    rows = {(e["row"], e["field"]) for e in body["errors"]}
    assert (2, "business_number") in rows
    assert (2, "founded_on") in rows
    assert {e["row"] for e in body["errors"]} == {2, 3}
    assert set(Organization.objects.filter(kind=OrgKind.STARTUP).values_list("name_ko", flat=True)) == {
        "드론랩", "로봇랩",
    }  # fmt: skip


def test_token_writes_only_its_own_source(client, sources):
    a, _token_a = sources["a"]
    _b, token_b = sources["b"]

    response = _push(client, a, token_b, [_org("X", name_ko="침입")])

    assert response.status_code == 403
    assert not Organization.objects.filter(name_ko="침입").exists()


def test_rotated_token_stops_working(client, sources):
    source, token = sources["a"]

    new = source_token_rotate(source=source)

    assert _push(client, source, token, [_org("A-1", name_ko="드론랩")]).status_code == 401
    assert _push(client, source, new, [_org("A-1", name_ko="드론랩")]).status_code == 202


def test_missing_idempotency_key_and_bad_json_are_clear_errors(client, sources):
    source, token = sources["a"]
    url = reverse("api-v1:federation-batches", args=[source.slug])
    auth = {"Authorization": f"Bearer {token}"}

    no_key = client.post(url, data="{}", content_type="application/json", headers=auth)
    bad_json = client.post(
        url, data="{", content_type="application/json", headers={**auth, "Idempotency-Key": "x"}
    )

    assert (no_key.status_code, no_key.json()["code"]) == (400, "idempotency_key_required")
    assert (bad_json.status_code, bad_json.json()["code"]) == (400, "invalid_json")


def test_two_sources_same_company_one_organization_with_provenance_and_conflict(client, sources):
    a, token_a = sources["a"]
    b, token_b = sources["b"]
    _push(
        client,
        a,
        token_a,
        [
            {
                **_org(
                    "A-1",
                    name_ko="(주)드론랩",
                    business_number="220-81-62517",
                    homepage="https://a.dronelab.kr",
                ),
                "observed_at": "2026-10-01T09:00:00+09:00",
            }
        ],
    )
    _push(
        client,
        b,
        token_b,
        [
            {
                **_org(
                    "B-9",
                    name_ko="드론랩 주식회사",
                    business_number="220-81-62517",
                    homepage="https://old.dronelab.kr",
                    employees="12명",
                ),
                "observed_at": "2025-03-02T09:00:00+09:00",
            }
        ],
    )

    orgs = Organization.objects.filter(business_number="220-81-62517")
    assert orgs.count() == 1
    org = orgs.get()
    assert org.homepage == "https://a.dronelab.kr"  # A has the higher priority
    assert org.employees == 12  # only B says it
    provenance = {
        p.field: p for p in provenance_for(user=None, organization=org, can_view_private=False)
    }
    assert provenance["homepage"].source == "A재단"
    assert provenance["homepage"].rule == "priority"
    assert [(v, s) for v, s, _at in provenance["homepage"].conflicts] == [
        ("https://old.dronelab.kr", "B센터")
    ]
    assert provenance["employees"].source == "B센터"


def test_registry_source_wins_over_priority(client, sources):
    a, token_a = sources["a"]
    registry, token_r = source_create(
        slug="nts", name="국세청", owner=_institution("국세청"), priority=10, is_registry=True
    )
    _push(
        client,
        a,
        token_a,
        [_org("A-1", name_ko="드론랩", business_number="220-81-62517", city="서울")],
    )

    _push(
        client,
        registry,
        token_r,
        [_org("R-1", name_ko="드론랩", business_number="220-81-62517", city="경기")],
    )

    assert Organization.objects.get(business_number="220-81-62517").city == "경기"


def test_changed_value_supersedes_the_claim_and_keeps_history(client, sources):
    source, token = sources["a"]
    _push(client, source, token, [_org("A-1", name_ko="드론랩", homepage="https://v1.kr")], key="1")

    body = _push(
        client, source, token, [_org("A-1", name_ko="드론랩", homepage="https://v2.kr")], key="2"
    ).json()

    org = Organization.objects.get(name_ko="드론랩")
    assert body["updated"] == 1
    assert org.homepage == "https://v2.kr"
    claims = FieldClaim.objects.filter(entity_id=org.pk, field="homepage").order_by("id")
    assert [(c.value, c.superseded_at is None) for c in claims] == [
        ("https://v1.kr", False),
        ("https://v2.kr", True),
    ]


def test_same_name_and_domain_without_number_links_automatically(client, sources):
    a, token_a = sources["a"]
    existing = organization_create(
        kind=OrgKind.STARTUP,
        name_ko="주식회사 카카오헬스케어",
        homepage="https://kakaohealthcare.com",
    )
    organization_keys_refresh([existing])

    _push(
        client,
        a,
        token_a,
        [_org("A-1", name_ko="(주)카카오헬스케어", homepage="kakaohealthcare.com")],
    )

    record = SourceRecord.objects.get(source_key="A-1")
    assert (record.entity_id, record.link_method) == (existing.pk, "auto")
    assert record.link_score >= 0.99
    assert MatchCandidate.objects.count() == 0


def test_killed_run_resumes_from_its_committed_position(sources):
    source, _token = sources["a"]
    records = [_org(f"A-{i}", name_ko=f"회사{i:03d}") for i in range(450)]
    run, _created = ingest_run_create(source=source, records=records, idempotency_key="resume")
    # As if a process had committed the first chunk and died:
    run.records = records[:200]
    ingest_run_execute(run)
    IngestRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, finished_at=None)

    run = IngestRun.objects.get(pk=run.pk)
    resumed = ingest_run_execute(run)

    assert resumed.position == 450
    assert (resumed.created, resumed.unchanged, resumed.rejected) == (450, 0, 0)
    assert Organization.objects.filter(name_ko__startswith="회사").count() == 450


def test_rounds_and_awards_resolve_the_company_and_dedupe_across_sources(client, sources):
    a, token_a = sources["a"]
    b, token_b = sources["b"]
    company = {"business_number": "220-81-62517", "name_ko": "드론랩"}
    _push(
        client,
        a,
        token_a,
        [
            {
                "kind": "funding_round",
                "id": "R1",
                "data": {
                    "company": company,
                    "round_type": "시드",
                    "announced_on": "2026.3.1",
                    "amount_krw": "3억",
                    "investors": [{"name_ko": "스파크랩", "is_lead": True}],
                },
            },
            {
                "kind": "support_award",
                "id": "S1",
                "data": {
                    "recipient": company,
                    "program_title": "드론 실증 지원사업",
                    "purpose": "드론 배송 실증",
                    "starts_on": "2026-03-01",
                    "ends_on": "2026-12-31",
                    "amount_krw": 50000000,
                },
            },
        ],
    )
    _push(
        client,
        b,
        token_b,
        [
            {
                "kind": "funding_round",
                "id": "X7",
                "data": {
                    "company": company,
                    "round_type": "seed",
                    "announced_on": "2026-03-10",
                    "amount_krw": 300000000,
                },
            },
            {
                "kind": "support_award",
                "id": "S9",
                "data": {
                    "recipient": company,
                    "program_title": "드론 배송 실증 사업화",
                    "purpose": "드론 배송 실증",
                    "starts_on": "2026-06-01",
                    "ends_on": "2027-05-31",
                },
            },
        ],
    )

    org = Organization.objects.get(business_number="220-81-62517")
    assert FundingRound.objects.filter(company=org).count() == 1
    assert FundingRound.objects.get(company=org).amount_krw == 300_000_000
    assert FundingRound.objects.get(company=org).source == "federation"  # provenance of the round
    assert SupportAward.objects.filter(recipient=org).count() == 2
    report = duplicate_support_report(user=None)
    assert len(report) == 1
    assert report[0].overlap_days == 214


def test_a_rounds_page_names_the_institution_behind_each_value(client, sources):
    from django.utils import translation

    from sadari.federation.selectors import round_provenance

    a, token_a = sources["a"]
    b, token_b = sources["b"]
    company = {"business_number": "220-81-62517", "name_ko": "드론랩"}
    fed = {"company": company, "round_type": "시드", "announced_on": "2026-03-01"}
    _push(
        client,
        a,
        token_a,
        [
            {
                "kind": "funding_round",
                "id": "R1",
                "data": {
                    **fed,
                    "amount_krw": "3억",
                    "investors": [{"name_ko": "스파크랩", "is_lead": True}],
                },
            }
        ],
    )
    _push(client, b, token_b, [{"kind": "funding_round", "id": "X7", "data": {
        **fed, "announced_on": "2026-03-10", "amount_krw": 350_000_000}}])  # fmt: skip
    r = FundingRound.objects.get(company__business_number="220-81-62517")
    manual = FundingRound.objects.create(company=r.company, round_type="series_a",
                                         announced_on=r.announced_on, source="manual")  # fmt: skip

    rows = {row.field: row for row in round_provenance(r)}
    with translation.override("ko"):
        page = client.get(r.get_absolute_url()).content.decode()
        manual_page = client.get(manual.get_absolute_url()).content.decode()

    assert (rows["amount_krw"].source, rows["amount_krw"].value) == ("A재단", 300_000_000)
    assert [c[1] for c in rows["amount_krw"].conflicts] == ["B센터"]
    assert [c[1] for c in rows["announced_on"].conflicts] == ["B센터"]
    assert rows["investors"].source == "A재단"
    assert 'id="provenance"' in page
    for text in ("A재단", "B센터", "스파크랩", "3억원", "3억 5,000만원"):
        assert text in page
    assert 'id="provenance"' not in manual_page


def test_ambiguous_pair_waits_for_review_then_merge_and_split_are_inverses(client, sources):
    a, token_a = sources["a"]
    b, token_b = sources["b"]
    _push(client, a, token_a, [_org("A-1", name_ko="알파로보틱스", homepage="https://alpha.kr")])
    _push(client, b, token_b, [_org("B-1", name_en="Alpha Robotics", employees=30)])
    first = Organization.objects.get(name_ko="알파로보틱스")
    second = Organization.objects.exclude(pk=first.pk).get(name_en="Alpha Robotics")
    candidate = MatchCandidate.objects.get(status=CandidateStatus.PENDING)
    assert {candidate.left_id, candidate.right_id} == {first.pk, second.pk}
    assert candidate.explanation["items"]

    merge = organization_merge(survivor=first, merged=second)
    first.refresh_from_db()

    assert first.employees == 30
    assert FieldClaim.objects.filter(entity_id=first.pk, superseded_at=None).count() == 4
    assert Organization.objects.get(pk=second.pk).merged_into_id == first.pk
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED

    organization_split(merge=merge)
    first.refresh_from_db()
    second.refresh_from_db()

    assert second.merged_into_id is None
    assert first.employees is None
    assert FieldClaim.objects.filter(entity_id=second.pk, superseded_at=None).count() == 2


def test_job_postings_and_events_become_entities_of_their_kind(client, sources):
    source, token = sources["a"]

    body = _push(
        client,
        source,
        token,
        [
            {
                "kind": "job_posting",
                "id": "J1",
                "data": {
                    "employer": {"name_ko": "드론랩"},
                    "title": "백엔드 개발자",
                    "required_skills": "파이썬, Django",
                    "salary_min_krw": "3,600만원",
                    "deadline": "2026.12.31",
                },
            },
            {
                "kind": "event",
                "id": "E1",
                "data": {
                    "title_ko": "고양 청년 일자리 박람회",
                    "starts_on": "2026-12-03",
                    "place": "고양 킨텍스",
                },
            },
        ],
    ).json()

    assert (body["created"], body["rejected"]) == (2, 0)
    posting = JobPosting.objects.get()
    assert (posting.employer.name_ko, posting.required_skills, posting.salary_min_krw) == (
        "드론랩",
        ["파이썬", "Django"],
        36_000_000,
    )
    assert Event.objects.get().host == source.owner


def test_resume_ingest_command_finishes_an_abandoned_run(sources):
    from io import StringIO

    from django.core.management import call_command

    source, _token = sources["a"]
    records = [_org(f"A-{i}", name_ko=f"재개{i:03d}") for i in range(5)]
    run, _created = ingest_run_create(source=source, records=records, idempotency_key="abandoned")
    IngestRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    out = StringIO()

    call_command("resume_ingest", "--older-than", "0", stdout=out)

    run.refresh_from_db()
    assert (run.status, run.position, run.created) == ("succeeded", 5, 5)
    assert "0 → 5 of 5" in out.getvalue()


def test_the_same_id_twice_in_one_batch_is_one_record(client, sources):
    source, token = sources["a"]

    body = _push(
        client,
        source,
        token,
        [_org("A-1", name_ko="드론랩", employees=3), _org("A-1", name_ko="드론랩", employees=4)],
    ).json()

    assert (body["created"], body["updated"], body["rejected"]) == (1, 1, 0)
    assert Organization.objects.get(name_ko="드론랩").employees == 4
    assert SourceRecord.objects.filter(source_key="A-1").count() == 1
