"""Demo federation: the 81 institutions (42 city and 14 private support facilities, 9
corporates, 16 VCs/accelerators) registered as sources whose feeds overlap and disagree as real
ones do — (주)/주식회사 forms, English names, records without a business number, stale
homepages, different head counts — fed through the real ingest pipeline; and the changes that
``simulate_feeds`` keeps pushing.

Everything is deterministic for a seed. Institution names are the reference list's; the feeds'
contents are fictional (like the startups they describe).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import Count, Q

from sadari.demo import institutions as inst
from sadari.demo.generator import demo_homepage
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.federation.entities import organization_keys_refresh
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.models import Channel, IngestRun, Source, SourceToken
from sadari.federation.services import ingest_start
from sadari.investment.models import FundingRound
from sadari_core.text.company import strip_legal_form

Log = Callable[[str], None]
DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

# Per source: organizations described, of which this share carry no business number.
RECORDS_PER_SOURCE = 24
NO_BRN_SHARE = 0.05
AWARD_TOPICS = (
    ("초기창업 사업화 지원", "시제품 제작 및 사업화", "commercialization"),
    ("글로벌 진출 바우처", "해외 전시회 참가 및 현지화", "global"),
    ("기술 실증(PoC) 지원", "실증 사업 및 테스트베드", "poc"),
    ("입주 공간 지원", "사무 공간 및 회의실", "space"),
    ("투자 유치 IR 지원", "IR 자료 및 데모데이", "investment"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SourcePlan:
    seed: inst.OrgSeed
    kinds: tuple[str, ...]
    priority: int
    field_priorities: dict[str, int]


def source_plans() -> list[SourcePlan]:
    """The 81 demo sources: what each institution sends and how much it is trusted."""
    return [
        *(
            SourcePlan(s, ("organization", "program", "support_award"), 60, {})
            for s in inst.CITY_FACILITIES
        ),
        *(
            SourcePlan(s, ("organization", "support_award"), 50, {})
            for s in inst.PRIVATE_FACILITIES
        ),
        *(SourcePlan(s, ("organization", "job_posting"), 40, {}) for s in inst.CORPORATES),
        *(
            SourcePlan(s, ("organization", "funding_round"), 45, {"stage": 70, "amount_krw": 80})
            for s in inst.INVESTORS
        ),
    ]


def slug_for(seed: inst.OrgSeed) -> str:
    return seed.key.replace("_", "-")


def name_variant(rng: random.Random, org: Organization) -> dict[str, str]:
    """How one institution happens to write a company's name."""
    roll = rng.random()
    base = strip_legal_form(org.name_ko).strip()
    if roll < 0.25:
        return {"name_ko": f"(주){base}"}
    if roll < 0.4:
        return {"name_ko": f"{base} 주식회사"}
    if roll < 0.5:
        return {"name_ko": f"주식회사 {base}"}
    if roll < 0.62 and org.name_en:
        suffix = rng.choice(("Inc.", "Co., Ltd.", "Corp."))
        return {"name_en": f"{org.name_en} {suffix}"}
    return {"name_ko": base, **({"name_en": org.name_en} if org.name_en else {})}


def org_record(rng: random.Random, org: Organization, key: str) -> dict[str, Any]:
    data: dict[str, Any] = name_variant(rng, org)
    has_brn = bool(org.business_number) and rng.random() >= NO_BRN_SHARE
    if has_brn:
        data["business_number"] = org.business_number
    # A list without business numbers often lacks homepages too: then only the name (and perhaps
    # the district) tells which company it is, and the pair waits in the review queue.
    if org.homepage and (has_brn or rng.random() < 0.5):
        stale = rng.random() < 0.18
        data["homepage"] = (
            org.homepage.replace("https://", "http://old.") if stale else org.homepage
        )
    if org.employees is not None and rng.random() < 0.7:
        data["employees"] = max(1, org.employees + rng.choice((-3, -1, 0, 0, 0, 2, 5)))
    if org.district and rng.random() < 0.6:
        data["district"] = org.district
    if org.founded_on and rng.random() < 0.5:
        data["founded_on"] = org.founded_on.strftime(rng.choice(("%Y-%m-%d", "%Y.%m.%d", "%Y%m%d")))
    observed = DEMO_NOW - timedelta(days=rng.randint(0, 540), hours=rng.randint(0, 23))
    return {"kind": "organization", "id": key, "observed_at": observed.isoformat(), "data": data}


def _owners() -> dict[str, Organization]:
    kinds = [OrgKind.INSTITUTION, OrgKind.HUB, OrgKind.CORPORATE, OrgKind.INVESTOR]
    return {o.name_ko: o for o in Organization.objects.filter(kind__in=kinds)}


def _ref(org: Organization) -> dict[str, str]:
    ref = {"name_ko": org.name_ko}
    if org.business_number:
        ref["business_number"] = org.business_number
    return ref


def initial_batches(seed: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(source slug, records) for every demo source's first full export."""
    rng = random.Random(f"{seed}:feeds")
    startups = list(
        Organization.objects.filter(kind=OrgKind.STARTUP, is_fictional=True)
        .select_related("host")
        .order_by("pk")
    )
    if not startups:
        return
    by_host: dict[int, list[Organization]] = {}
    for org in startups:
        if org.host_id:
            by_host.setdefault(org.host_id, []).append(org)
    owners = _owners()
    awarded: list[tuple[Organization, int]] = []  # (company, topic) for deliberate overlaps
    for plan in source_plans():
        owner = owners.get(plan.seed.name_ko)
        if owner is None:
            continue
        slug = slug_for(plan.seed)
        per_source = min(RECORDS_PER_SOURCE, max(2, len(startups) // 10))
        described = by_host.get(owner.pk, [])[: per_source // 2]
        described += rng.sample(startups, per_source - len(described))
        records = [org_record(rng, org, f"{slug}-{org.pk}") for org in dict.fromkeys(described)]
        if "support_award" in plan.kinds:
            for i, org in enumerate(rng.sample(described, min(5, len(described)))):
                topic = rng.randrange(len(AWARD_TOPICS))
                if awarded and rng.random() < 0.08:  # the same company, funded again elsewhere
                    org, topic = rng.choice(awarded)
                awarded.append((org, topic))
                title, purpose, category = AWARD_TOPICS[topic]
                start = DEMO_NOW.date() - timedelta(days=rng.randint(30, 400))
                records.append(
                    {
                        "kind": "support_award",
                        "id": f"{slug}-award-{i}",
                        "data": {
                            "recipient": _ref(org),
                            "program_title": f"{plan.seed.name_ko} {title}",
                            "purpose": purpose,
                            "category": category,
                            "amount_krw": rng.choice((10, 20, 30, 50, 100)) * 1_000_000,
                            "starts_on": start.isoformat(),
                            "ends_on": (
                                start + timedelta(days=rng.choice((90, 180, 365)))
                            ).isoformat(),
                        },
                    }
                )
        if "funding_round" in plan.kinds:
            rounds = (
                FundingRound.objects.filter(roundinvestor__investor=owner)
                .annotate(
                    owner_leads=Count(
                        "roundinvestor",
                        filter=Q(roundinvestor__investor=owner, roundinvestor__is_lead=True),
                    )
                )
                .select_related("company")[:15]
            )
            records.extend(
                {
                    "kind": "funding_round",
                    "id": f"{slug}-round-{r.pk}",
                    "data": {
                        "company": _ref(r.company),
                        "round_type": r.round_type,
                        "announced_on": r.announced_on.isoformat(),
                        **({"amount_krw": r.amount_krw} if r.amount_krw else {}),
                        "investors": [{"name_ko": owner.name_ko, "is_lead": bool(r.owner_leads)}],
                    },
                }
                for r in rounds
            )
        if "job_posting" in plan.kinds:
            records.append(
                {
                    "kind": "job_posting",
                    "id": f"{slug}-job-1",
                    "data": {
                        "employer": {"name_ko": owner.name_ko},
                        "title": "오픈이노베이션 담당 (Open innovation manager)",
                        "required_skills": ["사업개발", "스타트업 협업"],
                        "employment_type": "정규직",
                        "region": "서울",
                        "deadline": (DEMO_NOW.date() + timedelta(days=30)).isoformat(),
                    },
                }
            )
        yield slug, records


def seed_feeds(*, seed: int, log: Log = lambda _m: None) -> dict[str, int]:
    """Registers the demo sources and ingests their first exports. Returns counts."""
    owners = _owners()
    sources = []
    for plan in source_plans():
        owner = owners.get(plan.seed.name_ko)
        if owner is None:
            continue
        source, _created = Source.objects.get_or_create(
            slug=slug_for(plan.seed),
            defaults={
                "name": plan.seed.name_ko,
                "name_en": owner.name_en,
                "owner": owner,
                "kinds": list(plan.kinds),
                "priority": plan.priority,
                "field_priorities": plan.field_priorities,
                "is_fictional": True,
            },
        )
        if not source.tokens.exists():
            SourceToken.issue(source=source)
        sources.append(source)
    log(f"연계 기관 {len(sources)}곳 (sources) …")
    organization_keys_refresh(list(Organization.objects.filter(merged_into__isnull=True)))
    by_slug = {s.slug: s for s in sources}
    totals = {
        "sources": len(sources),
        "runs": 0,
        "records": 0,
        "created": 0,
        "updated": 0,
        "rejected": 0,
    }
    # Every export is written before any is ingested: feeds describe the directory as it was.
    for slug, records in list(initial_batches(seed)):
        run, _created = ingest_run_create(
            source=by_slug[slug],
            records=records,
            channel=Channel.PUSH,
            idempotency_key="demo-initial",
        )
        run = ingest_run_execute(run)
        totals["runs"] += 1
        totals["records"] += run.received
        for name in ("created", "updated", "rejected"):
            totals[name] += getattr(run, name)
    log(
        f"수집 {totals['runs']}회, 레코드 {totals['records']:,}건 (생성 {totals['created']:,}, "
        f"갱신 {totals['updated']:,}, 거부 {totals['rejected']})"
    )
    return totals


def simulated_change(rng: random.Random, step: int) -> tuple[Source, list[dict[str, Any]]] | None:
    """One realistic change from one source: a head count, a homepage, a new company."""
    sources = list(Source.objects.filter(is_fictional=True).order_by("pk"))
    if not sources:
        return None
    source = rng.choice(sources)
    known = list(source.records.filter(kind="organization").order_by("pk")[:200])
    roll = rng.random()
    now = datetime.now(tz=UTC).isoformat()
    if known and roll < 0.8:
        record = rng.choice(known)
        data = dict(record.payload.get("data", {}))
        if roll < 0.5:
            data["employees"] = max(1, int(data.get("employees") or 5) + rng.choice((1, 2, 3, -1)))
        else:
            data["homepage"] = demo_homepage(f"www.{record.source_key}")
        return source, [
            {"kind": "organization", "id": record.source_key, "observed_at": now, "data": data}
        ]
    name = f"새싹랩{step:04d}"
    return source, [
        {
            "kind": "organization",
            "id": f"{source.slug}-new-{step}",
            "observed_at": now,
            "data": {"name_ko": name, "name_en": f"Saessak Lab {step}", "kind": "startup"},
        }
    ]


def simulate_step(rng: random.Random, step: int) -> IngestRun | None:
    change = simulated_change(rng, step)
    if change is None:
        return None
    source, records = change
    run, _created = ingest_start(
        source=source,
        records=records,
        channel=Channel.PUSH,
        idempotency_key=f"simulate-{step}-{rng.random()}",
    )
    return run
