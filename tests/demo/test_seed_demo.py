"""The demo generator: counts of the fixed ecosystem, determinism, logins, and search."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from sadari.accounts.enums import Role
from sadari.accounts.models import Membership, User
from sadari.demo import generator, institutions
from sadari.directory import search
from sadari.directory.enums import Industry, OrgCategory, OrgKind
from sadari.directory.models import Organization, Person, Program, Space
from sadari.federation.models import Source, SourceRecord
from sadari.investment.models import FundingRound
from sadari_core.ids import is_valid_brn
from sadari_core.resolution.company import homepage_domain
from sadari_core.text.company import strip_legal_form

pytestmark = pytest.mark.django_db


def test_startup_generation_is_deterministic_per_seed():
    first = generator.generate_startups(2026, 400)
    again = generator.generate_startups(2026, 400)
    other = generator.generate_startups(7, 400)

    assert first == again  # every field, not only the names
    assert [s.name_ko for s in first] != [s.name_ko for s in other]
    assert generator.generate_startups(2026, 50) == first[:50]  # a stream: prefixes agree


def test_generated_startups_are_unique_valid_and_bilingual():
    specs = generator.generate_startups(2026, 2000)

    assert len({s.name_ko.removeprefix("(주)").removeprefix("주식회사 ") for s in specs}) == 2000
    assert len({s.slug for s in specs}) == 2000
    numbers = [s.business_number for s in specs if s.business_number]
    assert len(numbers) > 1600  # most have one
    assert len(set(numbers)) == len(numbers)
    assert all(is_valid_brn(n) for n in numbers)
    assert all(s.homepage.endswith(".example") for s in specs)  # the reserved TLD
    assert len({homepage_domain(s.homepage) for s in specs}) == len(specs)  # one domain each
    assert all(s.description_ko and s.description_en and s.name_en for s in specs)
    assert sum("드론" in s.description_ko for s in specs) > 50
    assert sum("채용" in s.description_ko for s in specs) > 100
    assert {s.city for s in specs} == {institutions.SEOUL, institutions.GOYANG}
    assert any(s.name_ko.startswith("(주)") for s in specs)
    assert any(s.name_en.endswith("Co., Ltd.") for s in specs)


def test_fixed_organizations_have_the_required_counts():
    by_category = Counter(s.category for s in institutions.ALL_FIXED)
    by_kind = Counter(s.kind for s in institutions.ALL_FIXED)

    assert by_category[OrgCategory.CITY_FACILITY] == 42
    assert by_category[OrgCategory.PRIVATE_FACILITY] == 14
    assert by_category[OrgCategory.STARTUP_CAFE] == 11
    assert by_category[OrgCategory.TARGET_GROUP_CENTER] == 5
    assert by_kind[OrgKind.CORPORATE] == 9
    assert by_kind[OrgKind.INVESTOR] == 16
    assert by_kind[OrgKind.ACADEMY] == 10
    assert by_kind[OrgKind.HUB] == 7
    assert all("(translation)" not in s.name_en for s in institutions.ALL_FIXED)
    assert len({s.name_ko for s in institutions.ALL_FIXED}) == len(institutions.ALL_FIXED)


def test_seed_demo_builds_the_ecosystem():
    out = StringIO()
    call_command("seed_demo", "--startups", "40", stdout=out)
    assert "데모 데이터 생성 완료" in out.getvalue()

    orgs = Organization.objects
    assert orgs.filter(kind=OrgKind.INSTITUTION, category=OrgCategory.CITY_FACILITY).count() == 42
    assert (
        orgs.filter(kind=OrgKind.INSTITUTION, category=OrgCategory.PRIVATE_FACILITY).count() == 14
    )
    assert orgs.filter(kind=OrgKind.INSTITUTION, category=OrgCategory.STARTUP_CAFE).count() == 11
    assert orgs.filter(category=OrgCategory.TARGET_GROUP_CENTER).count() == 5
    assert orgs.filter(kind=OrgKind.CORPORATE).count() == 9
    assert orgs.filter(kind=OrgKind.INVESTOR).count() == 16
    assert orgs.filter(kind=OrgKind.ACADEMY).count() == 10
    fed_only = SourceRecord.objects.filter(link_method="new").values("entity_id")
    assert orgs.filter(kind=OrgKind.STARTUP).exclude(pk__in=fed_only).count() == 40
    assert Source.objects.count() == 81  # 42 city + 14 private facilities, 9 corporates, 16 VCs
    assert orgs.filter(name_ko="카카오", kind=OrgKind.CORPORATE).exists()
    assert orgs.filter(name_ko="카카오벤처스", kind=OrgKind.INVESTOR).exists()
    assert not orgs.filter(kind=OrgKind.STARTUP, is_fictional=False).exists()

    hubs = {o.district: o.industry for o in orgs.filter(kind=OrgKind.HUB)}
    assert hubs == {
        "용산구": Industry.DRONE,
        "서초구": Industry.AI,
        "동대문구": Industry.BIO,
        "마포구": Industry.CONTENT,
        "강남구": Industry.SOFTWARE,
        "영등포구": Industry.FINTECH,
        "금천구": Industry.IOT,
    }
    goyang = orgs.filter(category=OrgCategory.CONSORTIUM_MEMBER)
    assert goyang.count() >= 5
    assert set(goyang.values_list("city", flat=True)) == {"경기도 고양시"}

    # The database holds exactly the pure generator's startups, in order (before the feeds'
    # companies that entity resolution left for review).
    startups = list(
        orgs.filter(kind=OrgKind.STARTUP)
        .exclude(pk__in=fed_only)
        .order_by("id")
        .values_list("name_ko", flat=True)
    )
    assert startups == [s.name_ko for s in generator.generate_startups(2026, 40)]

    numbers = list(orgs.exclude(business_number=None).values_list("business_number", flat=True))
    assert numbers
    assert all(is_valid_brn(n) for n in numbers)

    rounds = FundingRound.objects.annotate(
        leads=Count("roundinvestor", filter=Q(roundinvestor__is_lead=True))
    )
    assert rounds.exists()
    assert set(rounds.values_list("leads", flat=True)) == {1}
    assert all(r.amount_krw > 0 for r in rounds)
    assert Person.objects.filter(is_fictional=True).count() > 20
    assert Program.objects.filter(title_ko__contains="365 피칭센터").count() == 11
    assert Space.objects.exists()

    for role in Role:
        assert Membership.objects.filter(role=role, user__is_active=True).exists(), role
    founder = User.objects.get(username="founder")
    assert founder.check_password(generator.DEMO_PASSWORD)
    assert founder.person.organization.kind == OrgKind.STARTUP
    assert founder.memberships.get().organization == founder.person.organization
    assert User.objects.get(username="corporate").memberships.get().organization.name_ko == "카카오"
    assert User.objects.get(username="admin").is_superuser

    drone = search.search("드론", limit=50)
    titles = {h.title for h in drone.hits}
    assert "용산 드론 혁신허브" in titles
    drone_startups = set(
        orgs.filter(kind=OrgKind.STARTUP, industry=Industry.DRONE).values_list("name_ko", flat=True)
    )
    assert titles & drone_startups
    assert "카카오" in {h.title for h in search.search("카카오").hits}
    assert search.search("핀테크").total > 0

    logins = StringIO()
    call_command("demo_logins", stdout=logins)
    table = logins.getvalue()
    for username in ("founder", "corporate", "investor", "expert", "operator", "admin"):
        assert username in table
    assert generator.DEMO_PASSWORD in table
    assert "서울특별시" in table

    # --if-empty leaves a seeded directory alone; a plain run refuses to seed twice.
    before = Organization.objects.count()
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert Organization.objects.count() == before
    with pytest.raises(CommandError, match="not empty"):
        call_command("seed_demo", "--startups", "5", stdout=StringIO())


def test_flush_reseeds_from_scratch():
    call_command("seed_demo", "--startups", "5", "--apps", "none", stdout=StringIO())
    call_command(
        "seed_demo", "--flush", "--startups", "3", "--seed", "9", "--apps", "none",
        stdout=StringIO(),
    )  # fmt: skip

    startups = Organization.objects.filter(kind=OrgKind.STARTUP).order_by("id")
    generated = [s.name_ko for s in generator.generate_startups(9, 3)]
    assert [o.name_ko for o in startups[:3]] == generated
    # The rest are the feeds' records of them that only a reviewer can link (name only).
    assert {strip_legal_form(o.name_ko or o.name_en) for o in startups[3:]} <= {
        *generated,
        *(s.name_en for s in generator.generate_startups(9, 3)),
    }
    assert Organization.objects.filter(name_ko="카카오").count() == 1
    # The founder keeps one membership, now at the new first startup.
    founder = User.objects.get(username="founder")
    assert list(founder.memberships.values_list("organization", flat=True)) == [startups[0].pk]
    assert search.search("카카오").total >= 1
