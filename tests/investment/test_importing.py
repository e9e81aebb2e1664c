"""Importers: the VCS funds file and the Crunchbase 2013 files, from small fixture files
written here — matching existing organizations by name, idempotent runs, row-numbered skips —
and, when the shared data is present, a bounded run on the real files."""

import csv
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari.directory.services import organization_create
from sadari.investment.models import (
    Acquisition,
    Fund,
    FundingRound,
    ImportedOrganization,
    InvestorProfile,
    RoundInvestor,
)

pytestmark = pytest.mark.django_db

VCS_HEADER = [
    "fund_id",
    "fund_name",
    "operator_id",
    "operator_name",
    "fund_size_krw",
    "establishment_date",
    "expiry_date",
    "fund_status",
    "investment_field_type",
    "investment_field_detail_type",
    "investment_character_code",
    "industry_code",
    "mother_fund_id",
    "extracted_at",
]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def vcs_file(tmp_path):
    return _write(
        tmp_path / "vcs_funds.csv.gz",
        VCS_HEADER,
        [
            [
                "AS1",
                "한강 1호 투자조합",
                "OP1",
                "(주)한강벤처스",
                "20000000000",
                "2021-04-26",
                "2029-04-25",
                "Active",
                "일반",
                "중소/벤처일반",
                "02",
                "9",
                "MF00000001",
                "x",
            ],
            [
                "AS2",
                "한강 2호 투자조합",
                "OP1",
                "(주)한강벤처스",
                "35000000000",
                "2024-02-01",
                "2032-01-31",
                "Active",
                "",
                "",
                "",
                "8",
                "",
                "x",
            ],
            [
                "AS3",
                "새싹 액셀러레이터 개인투자조합",
                "OP2",
                "새싹액셀러레이터",
                "210000000",
                "2023-11-02",
                "",
                "Active",
                "",
                "",
                "",
                "",
                "",
                "x",
            ],
            [
                "AS4",
                "잘못된 조합",
                "OP3",
                "문제투자",
                "abc",
                "2023-01-01",
                "",
                "Active",
                "",
                "",
                "",
                "",
                "",
                "x",
            ],
            [
                "",
                "이름만",
                "OP4",
                "무명투자",
                "1",
                "2023-01-01",
                "",
                "Active",
                "",
                "",
                "",
                "",
                "",
                "x",
            ],
        ],
    )


def test_vc_funds_import_matches_by_name_creates_and_is_idempotent(vcs_file):
    existing = organization_create(kind=OrgKind.INVESTOR, name_ko="한강벤처스", category="vc")
    out = StringIO()

    call_command("import_vc_funds", str(vcs_file), stdout=out)
    again = StringIO()
    call_command("import_vc_funds", str(vcs_file), stdout=again)

    report = out.getvalue()
    assert "firms matched by name: 1" in report
    assert "firms created: 1" in report
    assert "funds created: 3" in report
    assert "skipped vcs_funds.csv.gz row 5: bad fund size 'abc'" in report
    assert "skipped vcs_funds.csv.gz row 6: no fund id or managing firm" in report
    assert "firms matched by VCS id: 2" in again.getvalue()
    assert "funds unchanged: 3" in again.getvalue()
    assert Fund.objects.count() == 3
    assert list(
        existing.funds.order_by("established_on").values_list("name", "is_mother_fund_backed")
    ) == [
        ("한강 1호 투자조합", True),
        ("한강 2호 투자조합", False),
    ]
    profile = InvestorProfile.objects.get(organization=existing)
    assert (profile.investor_type, profile.fund_vintage, profile.fund_size_krw) == (
        "vc",
        2024,
        35_000_000_000,
    )
    created = Organization.objects.get(name_ko="새싹액셀러레이터")
    assert created.kind == "investor"
    assert created.category == "accelerator"
    assert created.investor_profile.investor_type == "accelerator"
    assert created.is_fictional is False


def test_vc_funds_import_updates_a_changed_fund(vcs_file, tmp_path):
    call_command("import_vc_funds", str(vcs_file), stdout=StringIO())
    changed = _write(
        tmp_path / "changed.csv",
        VCS_HEADER,
        [
            [
                "AS1",
                "한강 1호 투자조합",
                "OP1",
                "(주)한강벤처스",
                "25000000000",
                "2021-04-26",
                "2029-04-25",
                "Active",
                "",
                "",
                "",
                "",
                "",
                "x",
            ],
        ],
    )
    out = StringIO()

    call_command("import_vc_funds", str(changed), stdout=out)

    assert "funds updated: 1" in out.getvalue()
    assert Fund.objects.get(external_id="AS1").size_krw == 25_000_000_000


def test_vc_funds_import_refuses_a_file_without_its_columns(tmp_path):
    bad = _write(tmp_path / "bad.csv", ["name"], [["x"]])

    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_vc_funds", str(bad), stdout=StringIO())
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_vc_funds", str(tmp_path / "none.csv"), stdout=StringIO())


@pytest.fixture
def cb_dir(tmp_path):
    d = tmp_path / "cb"
    d.mkdir()
    _write(
        d / "companies.csv.gz",
        [
            "permalink",
            "name",
            "category_code",
            "country_code",
            "state_code",
            "region",
            "city",
            "founded_at",
            "founded_month",
            "founded_quarter",
            "founded_year",
        ],
        [
            [
                "/company/digg",
                "Digg",
                "news",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "2004-10-11",
                "",
                "",
                "2004",
            ],
            [
                "/company/dropbox",
                "Dropbox",
                "web",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "2007-05-01",
                "",
                "",
                "2007",
            ],
        ],
    )
    rounds_header = [
        "company_permalink",
        "company_name",
        "company_category_code",
        "company_country_code",
        "company_state_code",
        "company_region",
        "company_city",
        "funding_round_type",
        "funded_at",
        "funded_month",
        "funded_quarter",
        "funded_year",
        "raised_amount_usd",
    ]
    _write(
        d / "rounds_before_2013.csv.gz",
        rounds_header,
        [
            [
                "/company/digg",
                "Digg",
                "news",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "series-a",
                "2006-12-01",
                "",
                "",
                "",
                "8500000",
            ],
            [
                "/company/dropbox",
                "Dropbox",
                "web",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "venture",
                "2008-10-01",
                "",
                "",
                "",
                "",
            ],
            [
                "/company/newco",
                "NewCo",
                "biotech",
                "USA",
                "MA",
                "Boston",
                "Boston",
                "angel",
                "2011-02-01",
                "",
                "",
                "",
                "500000",
            ],
            [
                "/company/digg",
                "Digg",
                "news",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "series-a",
                "not a date",
                "",
                "",
                "",
                "1",
            ],
        ],
    )
    _write(
        d / "investments_before_2013.csv.gz",
        ["company_name", "investor_name", "funded_when", "amount_usd"],
        [
            ["Digg", "Greylock Partners", "2006-12-01", "8500000"],
            ["Digg", "Omidyar Network", "2006-12-01", "8500000"],
            ["Digg", "Greylock Partners", "2006-12-01", "8500000"],
            ["Dropbox", "Sequoia Capital", "2008-10-01", ""],
            ["Dropbox", "Ron Conway", "2007-09-01", "15000"],
            ["Unknown Inc", "Sequoia Capital", "2010-01-01", ""],
        ],
    )
    acq_header = [
        "company_permalink",
        "company_name",
        "company_category_code",
        "company_country_code",
        "company_state_code",
        "company_region",
        "company_city",
        "acquirer_permalink",
        "acquirer_name",
        "acquirer_category_code",
        "acquirer_country_code",
        "acquirer_state_code",
        "acquirer_region",
        "acquirer_city",
        "acquired_at",
        "acquired_month",
        "acquired_quarter",
        "acquired_year",
        "price_amount",
        "price_currency_code",
    ]
    _write(
        d / "acquisitions_before_2013.csv.gz",
        acq_header,
        [
            [
                "/company/digg",
                "Digg",
                "news",
                "USA",
                "CA",
                "SF Bay",
                "San Francisco",
                "/company/betaworks",
                "Betaworks",
                "software",
                "USA",
                "NY",
                "New York",
                "New York",
                "2012-07-12",
                "",
                "",
                "",
                "500000",
                "USD",
            ],
        ],
    )
    return d


def test_crunchbase_import_creates_everything_with_provenance_and_is_idempotent(cb_dir):
    sequoia = organization_create(
        kind=OrgKind.INVESTOR, name_ko="세쿼이아", name_en="Sequoia Capital"
    )
    out = StringIO()

    call_command("import_crunchbase", str(cb_dir), stdout=out)
    first = (
        Organization.objects.count(),
        FundingRound.objects.count(),
        RoundInvestor.objects.count(),
    )
    again = StringIO()
    call_command("import_crunchbase", str(cb_dir), stdout=again)

    report = out.getvalue()
    assert "companies created: 2" in report
    assert "companies (from rounds) created: 1" in report
    assert "rounds created: 3" in report
    assert "rounds created (from investments): 1" in report  # Ron Conway's 2007 deal
    assert "investors matched by name: 1" in report
    assert "investors created: 3" in report
    assert "investments created: 4" in report
    assert (
        "skipped investments_before_2013.csv.gz row 7: company 'Unknown Inc' not in companies or rounds"
        in report
    )
    assert "skipped rounds_before_2013.csv.gz row 5: no company or no valid date" in report
    digg_a = FundingRound.objects.get(company__name_en="Digg", round_type="series_a")
    assert (digg_a.currency, digg_a.amount_original, digg_a.amount_krw) == (
        "USD",
        8_500_000,
        8_117_500_000,
    )
    assert digg_a.source == "crunchbase-2013"
    assert digg_a.is_fictional is False
    assert set(digg_a.investors.values_list("name_en", flat=True)) == {
        "Greylock Partners",
        "Omidyar Network",
    }
    assert RoundInvestor.objects.filter(investor=sequoia).count() == 1
    assert Organization.objects.get(name_en="Ron Conway").category == "angel"
    assert Organization.objects.get(name_en="Greylock Partners").category == "vc"
    acquisition = Acquisition.objects.get()
    assert (acquisition.company.name_en, acquisition.acquirer.kind) == ("Digg", "corporate")
    assert (
        Organization.objects.count(),
        FundingRound.objects.count(),
        RoundInvestor.objects.count(),
    ) == first
    assert "rounds unchanged: 3" in again.getvalue()
    assert "companies matched by Crunchbase id: 2" in again.getvalue()
    assert ImportedOrganization.objects.filter(source="crunchbase-2013").count() == 8


def test_crunchbase_limit_and_missing_directory(cb_dir, tmp_path):
    call_command("import_crunchbase", str(cb_dir), "--limit", "1", stdout=StringIO())

    assert FundingRound.objects.filter(source="crunchbase-2013").count() == 1
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_crunchbase", str(tmp_path / "missing"), stdout=StringIO())
    with pytest.raises(CommandError, match="--limit"):
        call_command("import_crunchbase", str(cb_dir), "--limit", "0", stdout=StringIO())


def _shared(name: str) -> Path:
    path = Path(settings.SADARI_DATA_DIR) / name
    if not path.exists():
        pytest.skip(f"shared data {path} is absent (set SADARI_DATA_DIR to run this test)")
    return path


def test_real_vcs_file_imports_every_fund():
    path = _shared("kr-vc-funds-vcs/vcs_funds.csv.gz")

    call_command("import_vc_funds", str(path), stdout=StringIO())

    assert Fund.objects.count() == 3689
    firms = ImportedOrganization.objects.filter(source="vcs").count()
    assert firms == 545  # VCS operator ids (544 firm names in SOURCE.md)
    assert Organization.objects.filter(kind="investor").count() == firms


def test_real_crunchbase_files_import_a_bounded_slice():
    path = _shared("crunchbase-2013")

    out = StringIO()

    call_command("import_crunchbase", str(path), "--limit", "300", stdout=out)

    assert Organization.objects.filter(kind="startup").count() >= 300
    assert FundingRound.objects.filter(source="crunchbase-2013").count() >= 290
    assert "investments read: 300" in out.getvalue()


def test_import_refits_the_recommender_afterwards(vcs_file, inv):
    from sadari.investment import recommend

    call_command("import_vc_funds", str(vcs_file), stdout=StringIO())

    assert recommend._fitted.get("default")[2] is not None
    recommend.clear()
    call_command("import_vc_funds", str(vcs_file), "--no-refit", stdout=StringIO())
    assert recommend._fitted.get("default") is None


@pytest.mark.parametrize(
    ("_case", "a", "b"),
    [
        ("legal form in brackets", "케이비인베스트먼트(주)", "KB인베스트먼트"),
        ("주식회사 and English", "주식회사 KB인베스트먼트", "KB Investment Co., Ltd."),
        ("plural", "KB Investments", "KB Investment"),
        ("partners in Korean", "한국투자파트너스(주)", "Korea Investment Partners"),
        ("spelled letters", "에스브이인베스트먼트", "SV Investment Corp."),
        ("ventures", "카카오벤처스", "Kakao Ventures"),
        ("partners left out", "D3 Jubilee Partners", "D3 Jubilee"),
    ],
)
def test_investor_name_variants_meet(_case, a, b):
    from sadari.investment.names import investor_name_variants

    assert investor_name_variants(a) & investor_name_variants(b)


@pytest.mark.parametrize(
    ("_case", "a", "b"),
    [
        ("different firm word", "카카오벤처스", "카카오인베스트먼트"),
        ("different stem", "KB Investment", "SV Investment"),
        ("partners is not the only word", "Partners", "파트너스 인베스트먼트"),
        ("a romanized fragment is not spelled letters", "IDEO", "아이디어파트너스"),
    ],
)
def test_investor_name_variants_keep_different_firms_apart(_case, a, b):
    from sadari.investment.names import investor_name_variants

    assert investor_name_variants(a) & investor_name_variants(b) == set()


def test_vc_funds_import_matches_investor_name_variants_and_reports_them(tmp_path):
    kb = organization_create(kind=OrgKind.INVESTOR, name_ko="KB인베스트먼트", category="vc")
    kip = organization_create(
        kind=OrgKind.INVESTOR, name_ko="한국투자파트너스", name_en="Korea Investment Partners"
    )
    # Two directory investors share a variant: ambiguous, so a new firm rather than a guess.
    for name in ("에스브이인베스트먼트", "SV Investments"):
        organization_create(kind=OrgKind.INVESTOR, name_ko=name)
    row = ["", "{name} 1호 조합", "{op}", "{name}", "1000000000", "2023-01-01"] + [""] * 8
    rows = [
        [c.format(name=name, op=op) if i < 4 else c for i, c in enumerate(row)]
        for name, op in (
            ("케이비인베스트먼트(주)", "OP1"),
            ("Korea Investment Partners Co., Ltd.", "OP2"),
            ("SV Investment", "OP3"),
        )
    ]
    for r, fund_id in zip(rows, ("F1", "F2", "F3"), strict=True):
        r[0] = fund_id
    path = _write(tmp_path / "funds.csv", VCS_HEADER, rows)
    out = StringIO()

    call_command("import_vc_funds", str(path), stdout=out)

    report = out.getvalue()
    assert "firms matched by name variant: 1" in report
    assert "firms matched by name: 1" in report
    assert "firms created: 1" in report
    assert (
        f"matched firms '케이비인베스트먼트(주)' → KB인베스트먼트 (#{kb.pk}) by name variant"
        in report
    )
    assert Fund.objects.get(external_id="F1").manager == kb
    assert Fund.objects.get(external_id="F2").manager == kip


def test_crunchbase_investor_matches_a_korean_investor_by_variant_of_its_english_name(cb_dir):
    kb = organization_create(
        kind=OrgKind.INVESTOR, name_ko="에스브이인베스트먼트", name_en="SV Investment"
    )
    # Crunchbase is not Korean: Hangul is never romanized to meet its names.
    organization_create(kind=OrgKind.INVESTOR, name_ko="아이디어파트너스")
    path = cb_dir / "investments_before_2013.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    extra = list(rows[1])
    extra[header.index("investor_name")] = "SV Investments Corp."
    ideo = list(rows[1])
    ideo[header.index("investor_name")] = "IDEO"
    _write(path, header, [*rows[1:], extra, ideo])
    out = StringIO()

    call_command("import_crunchbase", str(cb_dir), stdout=out)

    assert "investors matched by name variant: 1" in out.getvalue()
    assert RoundInvestor.objects.filter(investor=kb).count() == 1
    assert Organization.objects.filter(name_en="IDEO", kind=OrgKind.INVESTOR).count() == 1


def test_variants_never_merge_what_the_source_keeps_apart(tmp_path):
    sparklabs = organization_create(kind=OrgKind.INVESTOR, name_ko="스파크랩", category="vc")
    rows = [
        [fund, f"{name} 1호", op, name, "1000000000", "2023-01-01"] + [""] * 8
        for fund, op, name in (("F1", "OP1", "스파크랩"), ("F2", "OP2", "스파크랩파트너스"))
    ]
    path = _write(tmp_path / "funds.csv", VCS_HEADER, rows)
    out = StringIO()

    call_command("import_vc_funds", str(path), stdout=out)

    report = out.getvalue()
    assert "firms matched by name: 1" in report
    assert "matched by name variant" not in report
    assert Fund.objects.get(external_id="F1").manager == sparklabs
    assert Fund.objects.get(external_id="F2").manager.name_ko == "스파크랩파트너스"
