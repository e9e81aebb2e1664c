import csv
import gzip
import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.integration

INVESTMENT_HEADER = ["company_name", "investor_name", "funded_when", "amount_usd"]
COMPANY_HEADER = [
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
]
ROUND_HEADER = [
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
INVESTORS = ["Seed Fund", "Bio Capital", "Growth Partners", "Angel Kim", "Angel Lee", "김엔젤"]


def _write(path, header, rows, *, encoding="utf-8", gz=False):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _company(name, category, region, founded=""):
    return [f"/company/{name}", name, category, "USA", "CA", region, "", founded, "", "", ""]


def _round(name, category, region, kind, when, amount=""):
    return ["", name, category, "USA", "CA", region, "", kind, when, "", "", "", amount]


def _files(tmp_path, *, gz=False, encoding="utf-8"):
    """Two years of deals: web seed rounds by Seed Fund, biotech by Bio Capital, A rounds by
    Growth Partners; two angels co-invest."""
    investments, companies, rounds = [], [], []
    for n in range(24):
        year = 2011 + n // 12
        when = f"{year}-{n % 12 + 1:02d}-15"
        web = n % 2 == 0
        name = f"{'web' if web else 'bio'}{n:02d}"
        category, region = ("web", "SF Bay") if web else ("biotech", "Boston")
        companies.append(_company(name, category, region, f"{year - 1}-06-01"))
        rounds.append(_round(name, category, region, "angel", when, "500000"))
        lead = "Seed Fund" if web else "Bio Capital"
        investments.append([name, lead, when, "500000"])
        if n % 3 == 0:
            investments += [[name, "Angel Kim", when, ""], [name, "Angel Lee", when, ""]]
        if n % 4 == 1:
            investments.append([name, "김엔젤", when, ""])
        if n < 12:
            later = f"{year + 1}-{n % 12 + 1:02d}-20"
            rounds.append(_round(name, category, region, "series-a", later, "5000000"))
            investments.append([name, "Growth Partners", later, "5000000"])
    companies.append(_company("newweb", "web", "SF Bay", "2012-10-01"))
    suffix = ".csv.gz" if gz else ".csv"
    return (
        _write(tmp_path / f"inv{suffix}", INVESTMENT_HEADER, investments, gz=gz, encoding=encoding),
        _write(
            tmp_path / f"companies{suffix}", COMPANY_HEADER, companies, gz=gz, encoding=encoding
        ),
        _write(tmp_path / f"rounds{suffix}", ROUND_HEADER, rounds, gz=gz, encoding=encoding),
    )


def _run(tmp_path, inv, companies, rounds, targets, *extra, k=3):
    out = tmp_path / "recs.csv"
    stdout = io.StringIO()
    call_command(
        "recommend_investors",
        "--investments",
        str(inv),
        "--companies",
        str(companies),
        "--rounds",
        str(rounds),
        "--targets",
        str(targets),
        "--k",
        str(k),
        "--out",
        str(out),
        *extra,
        stdout=stdout,
    )
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f)), stdout.getvalue()


def test_recommend_investors_writes_k_ranked_rows_per_target(tmp_path):
    inv, companies, rounds = _files(tmp_path)
    targets = _write(
        tmp_path / "targets.csv",
        ["company_name"],
        [["web22"], ["newweb"], ["Never Heard Of"], ["web22"], [""]],
    )

    rows, stdout = _run(tmp_path, inv, companies, rounds, targets)

    assert rows[0] == ["company_name", "rank", "investor_name", "score"]
    body = rows[1:]
    assert [(r[0], r[1]) for r in body] == [
        (name, str(rank)) for name in ("web22", "newweb", "Never Heard Of") for rank in (1, 2, 3)
    ]
    assert {r[2] for r in body} <= set(INVESTORS)
    for name in ("web22", "newweb", "Never Heard Of"):
        investors = [r[2] for r in body if r[0] == name]
        scores = [float(r[3]) for r in body if r[0] == name]
        assert len(set(investors)) == 3
        assert scores == sorted(scores, reverse=True)
    assert "3 companies (1 with an earlier round, 2 cold start) × 3 investors" in stdout


def test_recommend_investors_puts_the_category_specialist_first_for_a_cold_company(tmp_path):
    inv, companies, rounds = _files(tmp_path)
    targets = _write(tmp_path / "targets.csv", ["company_name"], [["newweb"]])

    rows, _ = _run(tmp_path, inv, companies, rounds, targets)

    assert rows[1][:3] == ["newweb", "1", "Seed Fund"]


def test_recommend_investors_reads_gzip_bom_and_cp949(tmp_path):
    inv, companies, rounds = _files(tmp_path, gz=True, encoding="cp949")
    targets = tmp_path / "targets.csv"
    targets.write_bytes("\ufeffcompany_name\r\nweb02\r\n".encode())

    rows, _ = _run(tmp_path, inv, companies, rounds, targets, k=6)

    assert len(rows) == 7
    assert "김엔젤" in {r[2] for r in rows[1:]}


def test_recommend_investors_as_of_ignores_later_deals(tmp_path):
    inv, companies, rounds = _files(tmp_path)
    targets = _write(tmp_path / "targets.csv", ["company_name"], [["web02"]])

    rows, stdout = _run(tmp_path, inv, companies, rounds, targets, "--as-of", "2011-06-01", k=10)

    assert {r[2] for r in rows[1:]} == {
        "Seed Fund",
        "Bio Capital",
        "Angel Kim",
        "Angel Lee",
        "김엔젤",
    }
    assert "as of 2011-06-01" in stdout


@pytest.mark.parametrize(
    ("_case", "broken", "message"),
    [
        ("missing column", "investments", "has no column investor_name"),
        ("unreadable file", "companies", "cannot read the companies file"),
        ("broken gzip", "rounds", "broken gzip file"),
    ],
)
def test_recommend_investors_bad_input_exits_with_code_2(tmp_path, _case, broken, message):
    inv, companies, rounds = _files(tmp_path)
    targets = _write(tmp_path / "targets.csv", ["company_name"], [["web02"]])
    if broken == "investments":
        inv = _write(
            tmp_path / "bad.csv", ["company_name", "funded_when"], [["web02", "2012-01-01"]]
        )
    elif broken == "companies":
        companies = tmp_path / "absent.csv"
    else:
        rounds = tmp_path / "rounds.csv.gz"
        rounds.write_bytes(b"\x1f\x8b\x08\x00garbage")

    with pytest.raises(CommandError, match=message) as caught:
        _run(tmp_path, inv, companies, rounds, targets)

    assert caught.value.returncode == 2


def test_recommend_investors_console_script_prints_one_line_and_exits_2(tmp_path):
    inv, companies, rounds = _files(tmp_path)
    targets = _write(tmp_path / "targets.csv", ["name"], [["web02"]])

    result = subprocess.run(  # noqa: S603 — this project's own console entry point
        [
            sys.executable,
            "-m",
            "sadari.cli",
            "recommend-investors",
            "--investments",
            str(inv),
            "--companies",
            str(companies),
            "--rounds",
            str(rounds),
            "--targets",
            str(targets),
            "--out",
            str(tmp_path / "recs.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the targets file has no column company_name" in result.stderr
