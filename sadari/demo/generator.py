"""Deterministic bilingual demo data: the Seoul/Goyang ecosystem with a few thousand startups.

``seed_demo()`` fills an empty directory: the fixed organizations of ``institutions`` (real
names from the reference list plus generated fillers), ``startups`` generated startups, their
funding rounds, people, programs, spaces, and one demo user per role. The same ``seed`` always
gives the same data (``generate_startups()`` is the pure core, without a database).

Everything generated is flagged ``is_fictional``. Real organizations get neutral descriptions
built only from the reference list (type, location, focus). Contact details use the
``sadari-demo.example`` demo domain (RFC 2606) and phone numbers whose local part starts with 0, which no Korean
exchange assigns.

Writes go through ``sadari.directory.services`` (``organization_create``,
``organizations_bulk_create``) or bulk inserts followed by ``search.index_objects``, so the
search index is complete when the transaction commits.
"""

import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate, pairwise

from django.contrib.auth.hashers import make_password
from django.db import transaction

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.demo import institutions as inst
from sadari.demo import names, phrases
from sadari.directory import search
from sadari.directory.enums import Industry, OrgCategory, OrgKind, Stage
from sadari.directory.models import Organization, Person, Program, Space
from sadari.directory.services import organization_create, organizations_bulk_create
from sadari.investment.models import FundingRound, RoundInvestor, RoundType
from sadari_core.ids import make_brn

DEFAULT_SEED = 2026
DEFAULT_STARTUPS = 3000
DEMO_PASSWORD = "sadari-demo-2026"  # noqa: S105 - the documented demo password
DEMO_DOMAIN = "sadari-demo.example"  # RFC 2606 reserves .example: no real owner


def demo_homepage(slug: str) -> str:
    """A made-up company's homepage: a domain of its own under the reserved ``.example`` TLD
    (not a subdomain of one shared demo domain, which would read as "same homepage" to entity
    resolution)."""
    return f"https://{slug}.example"


MAX_SCALE = 1_000_000
SCALE_BATCH = 5000
# The demo's "today": fixed, so that the data does not depend on the clock.
DEMO_TODAY = date(2026, 3, 31)

Log = Callable[[str], None]


class DemoDataError(Exception):
    """The demo cannot be seeded (e.g. the directory is not empty)."""


def _rng(seed: int, stream: str) -> random.Random:
    # String seeds are hashed with SHA-512 by random.Random: stable across runs and processes.
    return random.Random(f"sadari-demo:{seed}:{stream}")


def _weighted(pairs):
    """(population, cumulative weights) for rng.choices."""
    population = [p[:-1] if len(p) > 2 else p[0] for p in pairs]
    return population, list(accumulate(p[-1] for p in pairs))


def _pick(rng: random.Random, table):
    population, cum = table
    return rng.choices(population, cum_weights=cum, k=1)[0]


_INDUSTRY_WEIGHTS = _weighted(
    [
        (Industry.AI, 14), (Industry.SOFTWARE, 11), (Industry.BIO, 8), (Industry.FINTECH, 7),
        (Industry.COMMERCE, 7), (Industry.DRONE, 5), (Industry.CONTENT, 6), (Industry.IOT, 5),
        (Industry.HRTECH, 5), (Industry.ROBOTICS, 4), (Industry.MOBILITY, 4), (Industry.EDUTECH, 5),
        (Industry.FOODTECH, 4), (Industry.CLIMATE, 4), (Industry.MANUFACTURING, 3),
        (Industry.SOCIAL, 3), (Industry.FASHION, 3), (Industry.GAMES, 3),
        (Industry.SEMICONDUCTOR, 2), (Industry.PROPTECH, 2), (Industry.OTHER, 1),
    ]
)  # fmt: skip
_STAGE_WEIGHTS = _weighted(
    [
        (Stage.IDEA, 5), (Stage.PRE_SEED, 15), (Stage.SEED, 30), (Stage.PRE_A, 18),
        (Stage.SERIES_A, 17), (Stage.SERIES_B, 9), (Stage.SERIES_C, 4), (Stage.LISTED, 2),
    ]
)  # fmt: skip
# Founding years, head count and yearly revenue (KRW) by stage.
_STAGE_PROFILE: dict[str, tuple[tuple[int, int], tuple[int, int], tuple[int, int] | None]] = {
    Stage.IDEA: ((2024, 2026), (1, 3), None),
    Stage.PRE_SEED: ((2023, 2025), (2, 6), (0, 50_000_000)),
    Stage.SEED: ((2020, 2025), (3, 15), (0, 500_000_000)),
    Stage.PRE_A: ((2019, 2024), (8, 30), (100_000_000, 3_000_000_000)),
    Stage.SERIES_A: ((2016, 2023), (15, 60), (500_000_000, 10_000_000_000)),
    Stage.SERIES_B: ((2014, 2021), (40, 150), (3_000_000_000, 40_000_000_000)),
    Stage.SERIES_C: ((2012, 2019), (100, 400), (10_000_000_000, 150_000_000_000)),
    Stage.LISTED: ((2008, 2017), (200, 900), (50_000_000_000, 400_000_000_000)),
}
_SEOUL_DISTRICTS = _weighted(names.SEOUL_DISTRICTS)
_GOYANG_DISTRICTS = _weighted(names.GOYANG_DISTRICTS)
_FAMILY_NAMES = _weighted(names.FAMILY_NAMES)
_DISTRICT_EN = {ko: en for ko, en, _w in names.SEOUL_DISTRICTS + names.GOYANG_DISTRICTS}

# The first startups always cover these industries, so even a tiny demo finds 드론, 핀테크 …
FEATURED_INDUSTRIES = (
    Industry.DRONE, Industry.FINTECH, Industry.AI, Industry.HRTECH, Industry.BIO,
    Industry.CONTENT, Industry.SOFTWARE, Industry.ROBOTICS, Industry.IOT, Industry.DRONE,
)  # fmt: skip


def _hosting(seed: inst.OrgSeed) -> bool:
    return seed.key not in inst.NOT_HOSTS and seed.kind in {OrgKind.INSTITUTION, OrgKind.HUB}


_SEOUL_GENERAL_HOSTS = tuple(
    s.key
    for s in inst.CITY_FACILITIES + inst.PRIVATE_FACILITIES + inst.STARTUP_CAFES
    if _hosting(s) and not s.industry
)
_SEOUL_SPECIAL_HOSTS: dict[str, tuple[str, ...]] = {}
for _s in inst.CITY_FACILITIES + inst.PRIVATE_FACILITIES:
    if _hosting(_s) and _s.industry:
        _SEOUL_SPECIAL_HOSTS[_s.industry] = (*_SEOUL_SPECIAL_HOSTS.get(_s.industry, ()), _s.key)
_GOYANG_HOSTS = tuple(
    s.key for s in inst.TARGET_GROUP_CENTERS + inst.CONSORTIUM_MEMBERS if s.key in {
        "tg_youth", "tg_senior", "tg_one_person", "tg_social", "tg_women", "gy_smartcity",
        "gy_creative_hub", "gy_naeilkkum", "gy_cic", "gy_gipa",
    }
)  # fmt: skip
_ACADEMY_HOSTS = tuple(s.key for s in inst.ACADEMIES)


def slugify_en(text: str) -> str:
    """``"Haneul Drone Co., Ltd."`` → ``"haneul-drone-co-ltd"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fictional_phone(rng: random.Random, area: str = "02") -> str:
    """A phone number whose local part starts with 0: well-formed, but never assigned."""
    return f"{area}-0{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"


# --- startups (pure: no database) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartupSpec:
    """One generated startup, before it becomes an Organization."""

    index: int
    name_ko: str
    name_en: str
    aliases: tuple[str, ...]
    slug: str
    business_number: str | None
    founded_on: date
    city: str
    district: str
    industry: str
    stage: str
    employees: int
    revenue_krw: int | None
    host_key: str | None
    description_ko: str
    description_en: str
    contact_phone: str

    @property
    def homepage(self) -> str:
        return demo_homepage(self.slug)

    @property
    def contact_email(self) -> str:
        return f"contact@{self.slug}.{DEMO_DOMAIN}"


class StartupFactory:
    """An endless, deterministic stream of unique startups for one seed."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        self._rng = _rng(seed, "startups")
        self._names: set[str] = set()
        self._slugs: set[str] = set()
        self._brns: set[str] = set()
        self._count = 0

    def __iter__(self) -> Iterator[StartupSpec]:
        return self

    def __next__(self) -> StartupSpec:
        return self.make()

    def take(self, count: int) -> list[StartupSpec]:
        return [self.make() for _ in range(count)]

    def _parts(self, industry: str) -> list[tuple[str, str]]:
        rng = self._rng
        cores = names.CORES[industry]
        for attempt in range(40):
            r = rng.random()
            if attempt >= 12:  # the short patterns are taken: four parts
                parts = [rng.choice(names.PREFIXES), rng.choice(cores)]
                parts += [rng.choice(names.SUFFIXES), rng.choice(names.SUFFIXES)]
            elif r < 0.35:
                parts = [rng.choice(names.PREFIXES), rng.choice(cores)]
            elif r < 0.60:
                parts = [rng.choice(cores), rng.choice(names.SUFFIXES)]
            elif r < 0.82:
                parts = [rng.choice(names.PREFIXES), rng.choice(cores), rng.choice(names.SUFFIXES)]
            elif r < 0.92:
                parts = [rng.choice(names.PREFIXES), rng.choice(names.SUFFIXES)]
            else:
                parts = [rng.choice(names.PREFIXES), rng.choice(cores), rng.choice(cores)]
            if any(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(parts)):
                continue
            ko = "".join(p[0] for p in parts)
            if ko not in self._names and ko not in names.RESERVED_NAMES:
                self._names.add(ko)
                return parts
        # Practically unreachable below a few million names: number the last candidate.
        n = 2
        while f"{ko}{n}" in self._names:
            n += 1
        self._names.add(f"{ko}{n}")
        return [*parts, (str(n), str(n))]

    def _brn(self) -> str:
        rng = self._rng
        while True:
            # Tax-office codes start at 101: codes 001-099 never collide with a real company.
            office = rng.randint(1, 99)
            kind = rng.choice((81, 86, 87, 88))  # corporations
            brn = make_brn(f"{office:03d}{kind}{rng.randint(1, 9999):04d}")
            if brn not in self._brns:
                self._brns.add(brn)
                return brn

    def make(self) -> StartupSpec:
        rng = self._rng
        index = self._count
        self._count += 1
        if index < len(FEATURED_INDUSTRIES):
            industry = FEATURED_INDUSTRIES[index]
            city = inst.SEOUL
        else:
            industry = _pick(rng, _INDUSTRY_WEIGHTS)
            city = inst.GOYANG if rng.random() < 0.1 else inst.SEOUL
        stage = Stage.SEED if index == 0 else _pick(rng, _STAGE_WEIGHTS)

        parts = self._parts(industry)
        base_ko = "".join(p[0] for p in parts)
        spaced_en = " ".join(p[1] for p in parts)
        camel_en = "".join(p[1] for p in parts)
        base_en = camel_en if rng.random() < 0.25 else spaced_en
        aliases: list[str] = []
        form = rng.random()
        if form < 0.2:
            name_ko = f"(주){base_ko}"
            aliases.append(f"주식회사 {base_ko}")
        elif form < 0.3:
            name_ko = f"주식회사 {base_ko}"
            aliases.append(f"(주){base_ko}")
        else:
            name_ko = base_ko
        form = rng.random()
        if form < 0.35:
            name_en = f"{base_en} Co., Ltd."
        elif form < 0.45:
            name_en = f"{base_en} Inc."
        else:
            name_en = base_en
        if len(parts) > 1 and rng.random() < 0.3:
            aliases.append(" ".join(p[0] for p in parts))
        if base_en == camel_en and len(parts) > 1:
            aliases.append(spaced_en)
        elif rng.random() < 0.2:
            aliases.append(camel_en)

        slug = "-".join(slugify_en(p[1]) for p in parts)
        if slug in self._slugs:
            n = 2
            while f"{slug}-{n}" in self._slugs:
                n += 1
            slug = f"{slug}-{n}"
        self._slugs.add(slug)

        business_number = self._brn() if rng.random() < 0.9 else None
        (y0, y1), (e0, e1), revenue = _STAGE_PROFILE[stage]
        first, last = date(y0, 1, 1), min(date(y1, 12, 31), DEMO_TODAY)
        founded_on = first + timedelta(days=rng.randrange((last - first).days + 1))
        employees = rng.randint(e0, e1)
        revenue_krw = None
        if revenue is not None and rng.random() < 0.9:
            revenue_krw = rng.randint(revenue[0], revenue[1]) // 1_000_000 * 1_000_000

        host_key = self._host(industry, city, index)
        host = inst.FIXED_BY_KEY[host_key] if host_key else None
        if host and host.district and host.city == city:
            district = host.district
        else:
            district = _pick(rng, _SEOUL_DISTRICTS if city == inst.SEOUL else _GOYANG_DISTRICTS)[0]

        extra = None
        if rng.random() < (0.8 if industry == Industry.HRTECH else 0.5):
            extra = rng.randrange(len(phrases.EXTRA_SENTENCES))
        description_ko, description_en = phrases.startup_description(
            industry, rng.randrange(len(phrases.WHAT[industry])), stage, extra
        )
        return StartupSpec(
            index=index,
            name_ko=name_ko,
            name_en=name_en,
            aliases=tuple(aliases),
            slug=slug,
            business_number=business_number,
            founded_on=founded_on,
            city=city,
            district=district,
            industry=industry,
            stage=stage,
            employees=employees,
            revenue_krw=revenue_krw,
            host_key=host_key,
            description_ko=description_ko,
            description_en=description_en,
            contact_phone=fictional_phone(rng, "02" if city == inst.SEOUL else "031"),
        )

    def _host(self, industry: str, city: str, index: int) -> str | None:
        rng = self._rng
        hub = inst.HUB_BY_INDUSTRY.get(industry)
        if index < len(FEATURED_INDUSTRIES) and hub:
            return hub
        r = rng.random()
        if city == inst.GOYANG:
            return rng.choice(_GOYANG_HOSTS) if r < 0.6 else None
        if r < 0.4:
            return None
        pools: list[tuple[tuple[str, ...], float]] = []
        if hub:
            pools.append(((hub,), 6))
        if special := _SEOUL_SPECIAL_HOSTS.get(industry):
            pools.append((special, 3))
        pools += [(_ACADEMY_HOSTS, 0.5), (_SEOUL_GENERAL_HOSTS, 4)]
        pool = rng.choices([p for p, _w in pools], weights=[w for _p, w in pools], k=1)[0]
        return rng.choice(pool)


def generate_startups(seed: int = DEFAULT_SEED, count: int = DEFAULT_STARTUPS) -> list[StartupSpec]:
    """The first ``count`` startups of ``seed`` (pure; the same arguments give the same list)."""
    return StartupFactory(seed).take(count)


# --- fixed organizations --------------------------------------------------------------------


def _label_key(s: inst.OrgSeed) -> str:
    if s.kind == OrgKind.CORPORATE:
        return "corporate"
    return s.category or s.kind


_FICTIONAL_EXTRA: dict[str, tuple[str, str]] = {
    "hub_yongsan": (
        "드론 스타트업의 비행 시험, 인증, 실증과 드론 전문인력 양성을 지원합니다.",
        "It supports drone startups with flight tests, certification and field trials, "
        "and trains drone specialists.",
    ),
    "hub_gvalley": (
        "IoT 스타트업의 시제품 제작, 통신 시험, 스마트공장 실증을 지원합니다.",
        "It supports IoT startups with prototypes, connectivity tests and smart-factory trials.",
    ),
}


def fixed_description(s: inst.OrgSeed) -> tuple[str, str]:
    """A neutral description from the reference facts only (type, location, focus)."""
    label_ko, label_en = phrases.TYPE_LABELS[_label_key(s)]
    city_en = {inst.SEOUL: "Seoul", inst.GOYANG: "Goyang, Gyeonggi-do"}.get(s.city, "")
    where_ko = " ".join(x for x in (s.city, s.district) if x)
    where_en = ", ".join(x for x in (_DISTRICT_EN.get(s.district, ""), city_en) if x)
    ko = [f"{where_ko}에 있는 {label_ko}입니다." if where_ko else f"{label_ko}입니다."]
    en = [f"{label_en[0].upper()}{label_en[1:]}" + (f" in {where_en}." if where_en else ".")]
    if s.focus_ko:
        ko.append(f"주요 분야: {s.focus_ko}.")
        en.append(f"Focus: {s.focus_en}.")
    if s.category == OrgCategory.STARTUP_CAFE:
        ko.append(phrases.CAFE_SENTENCE[0])
        en.append(phrases.CAFE_SENTENCE[1])
    if s.kind == OrgKind.ACADEMY:
        ko.append(phrases.ACADEMY_SENTENCE[0])
        en.append(phrases.ACADEMY_SENTENCE[1])
    if s.is_fictional:
        extra = _FICTIONAL_EXTRA.get(s.key)
        if extra is None and s.category != OrgCategory.STARTUP_CAFE:
            n = sum(map(ord, s.key)) % len(phrases.FICTIONAL_FACILITY_SENTENCES)
            extra = phrases.FICTIONAL_FACILITY_SENTENCES[n]
        if extra:
            ko.append(extra[0])
            en.append(extra[1])
        ko.append(phrases.DEMO_NOTE[0])
        en.append(phrases.DEMO_NOTE[1])
    return " ".join(ko), " ".join(en)


def _create_fixed(rng: random.Random) -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for s in inst.ALL_FIXED:
        description_ko, description_en = fixed_description(s)
        fields = {
            "kind": s.kind,
            "category": s.category,
            "name_ko": s.name_ko,
            "name_en": s.name_en,
            "aliases": list(s.aliases),
            "city": s.city,
            "district": s.district,
            "address": s.address,
            "industry": s.industry,
            "description_ko": description_ko,
            "description_en": description_en,
            "host": orgs.get(inst.HOST_OF.get(s.key, "")),
            "is_fictional": s.is_fictional,
        }
        if s.is_fictional:  # contact details only for made-up organizations
            slug = slugify_en(s.name_en)
            fields["homepage"] = demo_homepage(slug)
            fields["contact_email"] = f"contact@{slug}.{DEMO_DOMAIN}"
            fields["contact_phone"] = fictional_phone(rng)
        orgs[s.key] = organization_create(**fields)
    return orgs


def startup_organization(spec: StartupSpec, fixed: dict[str, Organization]) -> Organization:
    return Organization(
        kind=OrgKind.STARTUP,
        name_ko=spec.name_ko,
        name_en=spec.name_en,
        aliases=list(spec.aliases),
        business_number=spec.business_number,
        founded_on=spec.founded_on,
        city=spec.city,
        district=spec.district,
        address=f"{spec.city} {spec.district}",
        industry=spec.industry,
        stage=spec.stage,
        employees=spec.employees,
        homepage=spec.homepage,
        description_ko=spec.description_ko,
        description_en=spec.description_en,
        host=fixed.get(spec.host_key) if spec.host_key else None,
        contact_email=spec.contact_email,
        contact_phone=spec.contact_phone,
        revenue_krw=spec.revenue_krw,
        is_fictional=True,
    )


# --- funding rounds -------------------------------------------------------------------------

_ROUND_AMOUNTS: dict[str, tuple[int, int, int]] = {  # min, max, rounding unit (KRW)
    RoundType.ANGEL: (30_000_000, 200_000_000, 10_000_000),
    RoundType.SEED: (200_000_000, 1_500_000_000, 50_000_000),
    RoundType.TIPS: (100_000_000, 300_000_000, 50_000_000),
    RoundType.PRE_A: (1_000_000_000, 4_000_000_000, 100_000_000),
    RoundType.SERIES_A: (3_000_000_000, 15_000_000_000, 500_000_000),
    RoundType.BRIDGE: (500_000_000, 3_000_000_000, 100_000_000),
    RoundType.SERIES_B: (10_000_000_000, 40_000_000_000, 1_000_000_000),
    RoundType.SERIES_C: (30_000_000_000, 150_000_000_000, 5_000_000_000),
}
_ROUND_PLAN: dict[str, tuple[str, ...]] = {
    Stage.PRE_SEED: (RoundType.ANGEL,),
    Stage.SEED: (RoundType.SEED,),
    Stage.PRE_A: (RoundType.SEED, RoundType.PRE_A),
    Stage.SERIES_A: (RoundType.SEED, RoundType.SERIES_A),
    Stage.SERIES_B: (RoundType.SEED, RoundType.SERIES_A, RoundType.SERIES_B),
    Stage.SERIES_C: (RoundType.SEED, RoundType.SERIES_A, RoundType.SERIES_B, RoundType.SERIES_C),
    Stage.LISTED: (RoundType.SEED, RoundType.SERIES_A, RoundType.SERIES_B, RoundType.SERIES_C),
}
_EARLY_ROUNDS = frozenset({RoundType.ANGEL, RoundType.SEED, RoundType.TIPS})


def _round_types(rng: random.Random, stage: str) -> list[str]:
    plan = list(_ROUND_PLAN.get(stage, ()))
    if not plan or (stage == Stage.PRE_SEED and rng.random() < 0.6):
        return []
    if plan[0] == RoundType.SEED:
        if rng.random() < 0.25:
            plan.insert(0, RoundType.ANGEL)
        if rng.random() < 0.25:
            plan.insert(plan.index(RoundType.SEED) + 1, RoundType.TIPS)
    if stage == Stage.SERIES_A and rng.random() < 0.5:
        plan.insert(plan.index(RoundType.SERIES_A), RoundType.PRE_A)
    if stage in {Stage.SERIES_B, Stage.SERIES_C} and rng.random() < 0.15:
        plan.insert(len(plan) - 1, RoundType.BRIDGE)
    return plan


def _create_rounds(
    rng: random.Random, startups: list[Organization], fixed: dict[str, Organization]
) -> tuple[int, int]:
    investors = [fixed[s.key] for s in inst.INVESTORS]
    early = [o for o in investors if o.category == OrgCategory.ACCELERATOR]
    later = [o for o in investors if o.category != OrgCategory.ACCELERATOR]
    rounds: list[FundingRound] = []
    backers: list[list[Organization]] = []
    for org in startups:
        if rng.random() >= 0.8:
            continue
        types = _round_types(rng, org.stage)
        span = max((DEMO_TODAY - org.founded_on).days, len(types) + 1)
        for i, round_type in enumerate(types):
            low, high, unit = _ROUND_AMOUNTS[round_type]
            pool = early if round_type in _EARLY_ROUNDS and rng.random() < 0.75 else later
            lead = rng.choice(pool)
            others = rng.sample(
                [o for o in investors if o is not lead], rng.choice((0, 0, 1, 1, 2))
            )
            offset = int(span * (i + 0.3 + 0.6 * rng.random()) / len(types))
            rounds.append(
                FundingRound(
                    company=org,
                    round_type=round_type,
                    announced_on=org.founded_on + timedelta(days=offset),
                    amount_krw=rng.randint(low // unit, high // unit) * unit,
                    is_fictional=True,
                )
            )
            backers.append([lead, *others])
    rounds = FundingRound.objects.bulk_create(rounds, batch_size=2000)
    links = [
        RoundInvestor(round=r, investor=o, is_lead=(j == 0))
        for r, orgs in zip(rounds, backers, strict=True)
        for j, o in enumerate(orgs)
    ]
    RoundInvestor.objects.bulk_create(links, batch_size=2000)
    return len(rounds), len(links)


# --- people ---------------------------------------------------------------------------------


def person_name(rng: random.Random) -> tuple[str, str, str, str]:
    """(Korean full name, romanized full name, given name in Latin, family name in Latin)."""
    family_ko, family_en = _pick(rng, _FAMILY_NAMES)
    given_ko, given_en = rng.choice(names.GIVEN_NAMES)
    return f"{family_ko}{given_ko}", f"{family_en} {given_en}", given_en, family_en


def _email(given_en: str, family_en: str, domain: str, n: int) -> str:
    return f"{given_en.replace('-', '').lower()}.{family_en.lower()}{n}@{domain}"


_FOUNDER_BACKGROUND: tuple[tuple[str, str], ...] = (
    ("대기업 연구소 출신입니다.", "Previously at a corporate research lab."),
    ("두 번째 창업입니다.", "This is a second startup."),
    ("청년취업사관학교를 수료한 뒤 창업했습니다.", "Founded the company after SeSAC training."),
    ("대학원에서 관련 기술을 연구했습니다.", "Researched the technology in graduate school."),
    ("스타트업 개발자로 일하다 창업했습니다.", "Was a startup engineer before founding."),
)


def _create_people(
    rng: random.Random,
    startups: list[tuple[StartupSpec, Organization]],
    fixed: dict[str, Organization],
) -> list[Person]:
    people: list[Person] = []
    serial = 0

    def add(org: Organization | None, domain: str, **fields) -> None:
        nonlocal serial
        serial += 1
        name_ko, name_en, given_en, family_en = person_name(rng)
        people.append(
            Person(
                name_ko=name_ko,
                name_en=name_en,
                organization=org,
                email=_email(given_en, family_en, domain, serial),
                phone=fictional_phone(rng, "010"),
                is_public=rng.random() < 0.9,
                is_fictional=True,
                **fields,
            )
        )

    for spec, org in startups:
        if rng.random() >= 0.5:
            continue
        domain = f"{spec.slug}.{DEMO_DOMAIN}"
        word_ko, word_en, article = phrases.INDUSTRY_WORDS[spec.industry]
        expertise = list(phrases.EXPERTISE_BY_INDUSTRY[spec.industry])
        background = rng.choice(_FOUNDER_BACKGROUND)
        add(
            org,
            domain,
            title="대표이사 (CEO)",
            bio_ko=f"{word_ko} 스타트업을 창업해 제품과 팀을 이끌고 있습니다. {background[0]}",
            bio_en=f"Founder and CEO of {article} {word_en} startup. {background[1]}",
            expertise=[*expertise[:2], "창업", "투자 유치"],
        )
        for title, bio_ko in rng.sample(phrases.STARTUP_TITLES, rng.choice((0, 1, 1, 2))):
            add(
                org,
                domain,
                title=title,
                bio_ko=f"{word_ko} 스타트업의 {bio_ko}",
                bio_en=phrases.STARTUP_TITLES_EN[title],
                expertise=rng.sample(expertise, 2),
            )
    fictional_facilities = [
        fixed[s.key]
        for s in inst.ALL_FIXED
        if s.is_fictional and s.kind in {OrgKind.INSTITUTION, OrgKind.HUB}
    ]
    for org in fictional_facilities:
        for title, bio_ko, bio_en in rng.sample(phrases.STAFF_TITLES, rng.choice((1, 2))):
            add(
                org, DEMO_DOMAIN, title=title, bio_ko=bio_ko, bio_en=bio_en, expertise=["창업 보육"]
            )
    expert_homes = [o for o in fictional_facilities if o.category != OrgCategory.CITY_FACILITY]
    for _ in range(max(10, len(startups) // 60)):
        area_ko, area_en, expertise = rng.choice(phrases.EXPERT_AREAS)
        add(
            rng.choice(expert_homes) if rng.random() < 0.7 else None,
            DEMO_DOMAIN,
            title=rng.choice(("전문위원", "창업 멘토", "투자 심사역 출신 멘토")),
            bio_ko=f"{area_ko} 분야 전문가로 스타트업을 진단하고 멘토링합니다.",
            bio_en=f"An expert in {area_en} who assesses and mentors startups.",
            expertise=list(expertise),
        )
    for p in people:
        p.full_clean(exclude=["organization", "user"], validate_unique=False)
    people = Person.objects.bulk_create(people, batch_size=2000)
    search.index_objects(people)
    return people


# --- programs and spaces --------------------------------------------------------------------


def _program_templates(
    rng: random.Random, s: inst.OrgSeed
) -> list[tuple[phrases.ProgramTemplate, str, int | None]]:
    """(template, industry, month) for each program a fixed organization hosts."""
    out: list[tuple[phrases.ProgramTemplate, str, int | None]] = []
    general = phrases.GENERAL_PROGRAMS
    if s.kind == OrgKind.HUB:
        out += [(t, s.industry, None) for t in phrases.industry_programs(s.industry)]
        out.append((rng.choice(general), s.industry, None))
    elif s.category == OrgCategory.CITY_FACILITY:
        out += [(t, s.industry, None) for t in rng.sample(general, 2)]
        if s.industry:
            out.append((rng.choice(phrases.industry_programs(s.industry)), s.industry, None))
    elif s.category == OrgCategory.PRIVATE_FACILITY:
        out.append((rng.choice(general), s.industry, None))
    elif s.category == OrgCategory.STARTUP_CAFE:
        out += [(t, "", None) for t in phrases.CAFE_PROGRAMS]
    elif s.kind == OrgKind.ACADEMY:
        out += [(t, s.industry, None) for t in phrases.ACADEMY_PROGRAMS]
    elif s.category == OrgCategory.TARGET_GROUP_CENTER:
        out.append((phrases.TARGET_GROUP_PROGRAMS[s.key], s.industry, None))
        out.append((rng.choice(general), s.industry, None))
    elif s.key == "gy_job_center":  # Goyang holds about 100 job fairs a year
        out += [(phrases.JOB_FAIR, Industry.HRTECH, m) for m in range(2, 12)]
    elif s.key == "gy_employment_plus":
        out += [(phrases.JOB_FAIR, Industry.HRTECH, m) for m in (4, 10)]
    elif s.key in {"gy_gipa", "gov_sba"}:
        out += [(t, "", None) for t in rng.sample(general, 2)]
    elif s.key == "gy_smartcity":
        out.append((rng.choice(phrases.industry_programs(Industry.IOT)), Industry.IOT, None))
    elif s.key == "gov_seoul":
        out += [(t, "", None) for t in phrases.CITY_PROGRAMS]
    return out


def _create_programs(rng: random.Random, fixed: dict[str, Organization]) -> list[Program]:
    programs: list[Program] = []
    for s in inst.ALL_FIXED:
        org = fixed[s.key]
        for tpl, industry, month in _program_templates(rng, s):
            if month:
                starts = date(2026, month, rng.randint(10, 25))
                title_ko = f"2026 {org.name_ko} {month}월 {tpl.title_ko}"
                title_en = f"{org.name_en} {tpl.title_en} ({date(2026, month, 1):%B} 2026)"
            else:
                starts = date(2026, 1, 15) + timedelta(days=rng.randrange(300))
                title_ko = f"2026 {org.name_ko} {tpl.title_ko}"
                title_en = f"{org.name_en} {tpl.title_en} 2026"
            amount = None
            if tpl.amount:
                amount = rng.randint(tpl.amount[0] // 5_000_000, tpl.amount[1] // 5_000_000)
                amount *= 5_000_000
            programs.append(
                Program(
                    title_ko=title_ko,
                    title_en=title_en,
                    host=org,
                    summary_ko=tpl.summary_ko,
                    summary_en=tpl.summary_en,
                    eligibility_ko=tpl.eligibility_ko,
                    eligibility_en=tpl.eligibility_en,
                    benefit_ko=tpl.benefit_ko,
                    benefit_en=tpl.benefit_en,
                    benefit_amount_krw=amount,
                    industry=industry or "",
                    starts_on=starts,
                    ends_on=starts + timedelta(days=rng.randint(*tpl.days) - 1),
                    apply_by=starts - timedelta(days=rng.randint(7, 30)),
                    capacity=rng.randint(*tpl.capacity),
                    url=f"https://apply.{DEMO_DOMAIN}/programs/{len(programs) + 1}",
                    is_fictional=True,
                )
            )
    for p in programs:
        p.full_clean(exclude=["host"], validate_unique=False)
    programs = Program.objects.bulk_create(programs, batch_size=2000)
    search.index_objects(programs)
    return programs


def _space_templates(rng: random.Random, s: inst.OrgSeed) -> list[phrases.SpaceTemplate]:
    if s.kind not in {OrgKind.INSTITUTION, OrgKind.HUB, OrgKind.ACADEMY}:
        return []
    if s.category in {OrgCategory.PUBLIC_AGENCY, OrgCategory.CONSORTIUM_MEMBER}:
        return [phrases.MEETING_ROOM] if rng.random() < 0.5 else []
    lab = phrases.INDUSTRY_LABS.get(s.industry)
    out = [phrases.MEETING_ROOM]
    if s.kind == OrgKind.HUB:
        out += [phrases.MEETING_ROOM, phrases.COWORKING, phrases.EVENT_HALL]
        out += [lab] if lab else []
    elif s.kind == OrgKind.ACADEMY:
        out += [phrases.COWORKING, phrases.EVENT_HALL]
    elif s.category == OrgCategory.STARTUP_CAFE:
        out += [phrases.COWORKING]
    else:
        out += [rng.choice((phrases.COWORKING, phrases.OFFICE))]
        if rng.random() < 0.3:
            out.append(phrases.EVENT_HALL)
        if s.industry == Industry.MANUFACTURING:
            out.append(phrases.MAKER_SPACE)
        elif lab and rng.random() < 0.6:
            out.append(lab)
    return out


def _create_spaces(rng: random.Random, fixed: dict[str, Organization]) -> list[Space]:
    spaces: list[Space] = []
    for s in inst.ALL_FIXED:
        org = fixed[s.key]
        seen: Counter[str] = Counter()
        for tpl in _space_templates(rng, s):
            seen[tpl.name_ko] += 1
            letter = "ABCDEFGH"[seen[tpl.name_ko] - 1]
            spaces.append(
                Space(
                    name_ko=f"{tpl.name_ko} {letter}",
                    name_en=f"{tpl.name_en} {letter}",
                    host=org,
                    kind=tpl.kind,
                    capacity=rng.randint(*tpl.capacity),
                    district=org.district,
                    address=org.address,
                    description_ko=tpl.description_ko,
                    description_en=tpl.description_en,
                    equipment=list(tpl.equipment),
                    is_fictional=True,
                )
            )
    for sp in spaces:
        sp.full_clean(exclude=["host"], validate_unique=False)
    return Space.objects.bulk_create(spaces, batch_size=2000)


# --- demo users -----------------------------------------------------------------------------

FOUNDER_ORG = "startup:0"  # the first generated startup (a drone startup at the Yongsan hub)


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    role: str
    org_key: str
    name_ko: str
    name_en: str
    title: str
    expertise: tuple[str, ...] = ()


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("founder", Role.FOUNDER, FOUNDER_ORG, "김도윤", "Kim Do-yun", "대표이사 (CEO)",
             ("드론", "창업", "투자 유치")),
    DemoUser("corporate", Role.CORPORATE_OI, "corp_kakao", "이서연", "Lee Seo-yeon",
             "오픈이노베이션 매니저", ("오픈이노베이션", "사업개발")),
    DemoUser("investor", Role.INVESTOR, "vc_kakao", "박준호", "Park Jun-ho", "심사역",
             ("초기 투자", "AI", "핀테크")),
    DemoUser("expert", Role.EXPERT, "cafe_soongsil", "최민서", "Choi Min-seo", "전문위원",
             ("사업화 진단", "IR", "피칭")),
    DemoUser("trainee", Role.TRAINEE, "sesac_ydp", "정하은", "Jung Ha-eun", "교육생",
             ("웹 개발", "Python")),
    DemoUser("coordinator", Role.COORDINATOR, "sesac_ydp", "강지훈", "Kang Ji-hun",
             "잡 코디네이터", ("채용", "취업 상담")),
    DemoUser("staff", Role.INSTITUTION_STAFF, "city_gongdeok", "윤서준", "Yoon Seo-jun",
             "창업 매니저", ("창업 보육",)),
    DemoUser("operator", Role.CITY_OPERATOR, "gov_seoul", "한지민", "Han Ji-min",
             "창업정책 주무관", ("창업 정책", "일자리 정책")),
)  # fmt: skip
ADMIN_USERNAME = "admin"


def demo_users() -> list[DemoUser]:
    """One demo user per Role (roles added later get a user at the city operator's org)."""
    users = list(DEMO_USERS)
    covered = {u.role for u in users}
    users.extend(
        DemoUser(role.value, role, "gov_seoul", "홍길동", "Hong Gil-dong", "")
        for role in Role
        if role not in covered
    )
    return users


def _create_users(fixed: dict[str, Organization], startups: list[Organization]) -> list[Person]:
    password = make_password(DEMO_PASSWORD)  # hashed once for every demo account
    people: list[Person] = []
    for du in demo_users():
        org = startups[0] if du.org_key == FOUNDER_ORG and startups else fixed.get(du.org_key)
        if org is None:
            org = fixed["gov_seoul"]
        user, _created = User.objects.get_or_create(
            username=du.username,
            defaults={
                "display_name": du.name_ko,
                "email": f"{du.username}@{DEMO_DOMAIN}",
                "password": password,
            },
        )
        Membership.objects.get_or_create(user=user, organization=org, role=du.role)
        if not Person.objects.filter(user=user).exists():
            person = Person(
                name_ko=du.name_ko,
                name_en=du.name_en,
                title=du.title,
                organization=org,
                user=user,
                bio_ko=f"사다리 데모 계정({du.username})의 프로필입니다.",
                bio_en=f"Profile of the Sadari demo account '{du.username}'.",
                expertise=list(du.expertise),
                email=f"{du.username}@{DEMO_DOMAIN}",
                is_fictional=True,
            )
            person.save()
            people.append(person)
    User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={
            "display_name": "관리자",
            "email": f"{ADMIN_USERNAME}@{DEMO_DOMAIN}",
            "password": password,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    search.index_objects(people)
    return people


# --- the whole run --------------------------------------------------------------------------


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def flush_directory(log: Log = lambda _msg: None) -> None:
    """Deletes every organization, person, program, space and funding round, and the index."""
    with transaction.atomic():
        from sadari.federation.models import Source, SupportAward
        from sadari.jobs.models import Trainee
        from sadari.pitching.models import Call, Submission

        Trainee.objects.all().delete()  # trainees protect their cohorts
        Submission.objects.all().delete()  # ideas protect their calls and batches
        Call.objects.all().delete()
        SupportAward.objects.all().delete()
        Source.objects.all().delete()
        FundingRound.objects.all().delete()
        Program.objects.all().delete()
        Space.objects.all().delete()
        Person.objects.all().delete()
        Membership.objects.all().delete()
        Organization.objects.exclude(host=None).update(host=None)
        Organization.objects.all().delete()
        search.rebuild_index()
    log("기존 디렉터리 데이터를 삭제했습니다 (flushed existing directory data).")


def _bulk_startups(rows: list[Organization]) -> list[Organization]:
    created: list[Organization] = []
    for i in range(0, len(rows), SCALE_BATCH):
        created += organizations_bulk_create(rows[i : i + SCALE_BATCH])
    return created


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    startups: int = DEFAULT_STARTUPS,
    scale: int | None = None,
    flush: bool = False,
    log: Log = lambda _msg: None,
) -> SeedReport:
    """Seeds the demo. ``scale`` = total organizations (bulk-only startups beyond the base demo).

    The base demo is one transaction; at scale each batch of 5,000 commits on its own.
    Raises DemoDataError when the directory is not empty and ``flush`` is false.
    """
    started = time.monotonic()
    n_fixed = len(inst.ALL_FIXED)
    if scale is not None and not n_fixed <= scale <= MAX_SCALE:
        raise DemoDataError(f"--scale must be between {n_fixed} and {MAX_SCALE:,}")
    if flush:
        flush_directory(log)
    elif Organization.objects.exists():
        raise DemoDataError("the directory is not empty (use --flush or --if-empty)")
    base_startups = startups if scale is None else min(startups, scale - n_fixed)
    factory = StartupFactory(seed)
    report = SeedReport()
    with transaction.atomic():
        fixed = _create_fixed(_rng(seed, "fixed"))
        log(f"기관 {len(fixed)}곳 (fixed organizations) …")
        specs = factory.take(base_startups)
        rows = [startup_organization(spec, fixed) for spec in specs]
        for row in rows:
            row.full_clean(exclude=["host"], validate_unique=False, validate_constraints=False)
        created = _bulk_startups(rows)
        log(f"스타트업 {len(created):,}곳 (startups) …")
        n_rounds, n_links = _create_rounds(_rng(seed, "rounds"), created, fixed)
        people = _create_people(_rng(seed, "people"), list(zip(specs, created, strict=True)), fixed)
        programs = _create_programs(_rng(seed, "programs"), fixed)
        spaces = _create_spaces(_rng(seed, "spaces"), fixed)
        user_people = _create_users(fixed, created)
        log(
            f"투자 라운드 {n_rounds:,}건, 인물 {len(people) + len(user_people):,}명, "
            f"지원사업 {len(programs)}개, 공간 {len(spaces)}곳"
        )
    report.counts.update(
        fixed=len(fixed),
        startups=len(created),
        rounds=n_rounds,
        round_investors=n_links,
        people=len(people) + len(user_people),
        programs=len(programs),
        spaces=len(spaces),
        users=len(demo_users()) + 1,
    )
    if scale is not None:
        done = n_fixed + len(created)
        extra = 0
        scale_started = time.monotonic()
        while done < scale:
            n = min(SCALE_BATCH, scale - done)
            organizations_bulk_create(
                [startup_organization(next(factory), fixed) for _ in range(n)]
            )
            done += n
            extra += n
            rate = extra / max(time.monotonic() - scale_started, 1e-9)
            log(f"  {done:,} / {scale:,} organizations ({rate:,.0f}/s)")
        report.counts["startups"] += extra
    if scale is None:
        from sadari.demo.feeds import seed_feeds

        feeds = seed_feeds(seed=seed, log=log)
        report.counts.update(sources=feeds["sources"], feed_records=feeds["records"])
    report.counts["organizations"] = Organization.objects.filter(merged_into__isnull=True).count()
    report.seconds = time.monotonic() - started
    return report
