"""``manage.py recommend_investors`` (``sadari recommend-investors``): investors for companies.

``sadari recommend-investors --investments INV.csv[.gz] --companies COMPANIES.csv[.gz]
--rounds ROUNDS.csv[.gz] --targets TARGETS.csv --k 20 --out RECS.csv [--as-of YYYY-MM-DD]``

The three inputs have the columns of the Crunchbase 2013 files (investments: company_name,
investor_name, funded_when, amount_usd; companies: name, category_code, region, founded_at …;
rounds: company_name, funding_round_type, funded_at, raised_amount_usd …). TARGETS has one column
``company_name``; a target may be unknown or have no round (cold start) and still gets ``k``
investors. RECS is ``company_name,rank,investor_name,score``. Files may be gzipped, UTF-8 (BOM
or not) or CP949; unreadable files and missing columns exit with code 2 and one line of error.
The engine is ``sadari_core.recommend.Recommender``, fit on all of the history (or the part
before ``--as-of``).
"""

import csv
import gzip
import io
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari_core.recommend import Recommender
from sadari_core.recommend.crunchbase import (
    CrunchbaseRecords,
    from_crunchbase,
    parse_date,
)

BAD_INPUT = 2  # exit code for unreadable or invalid input (argparse uses 2 for bad arguments)
REQUIRED = {
    "investments": ("company_name", "investor_name", "funded_when"),
    "companies": ("name",),
    "rounds": ("company_name", "funded_at"),
    "targets": ("company_name",),
}


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP949 (Korean Excel's CSV), else Latin-1."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_rows(path: Path, kind: str) -> list[dict[str, str]]:
    """The rows of a CSV file (gzipped or not) keyed by the canonical column names.

    Header names are matched without regard to case and surrounding spaces; a required column
    that is missing, an unreadable file or a broken gzip stream raise CommandError (code 2).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(f"{path}: cannot read the {kind} file ({exc.strerror})") from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise _fail(f"{path}: broken gzip file") from exc
    text = decode(data)
    if "\x00" in text:
        raise _fail(f"{path}: not a CSV file (binary content)")
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().strip("\ufeff").casefold() for h in next(reader)]
    except StopIteration:
        raise _fail(f"{path}: the {kind} file is empty") from None
    except csv.Error as exc:
        raise _fail(f"{path}: unreadable CSV ({exc})") from exc
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        raise _fail(
            f"{path}: the {kind} file has no column {', '.join(missing)} "
            f"(its columns: {', '.join(header) or 'none'})"
        )
    rows: list[dict[str, str]] = []
    try:
        rows.extend(
            {h: (values[i] if i < len(values) else "") for i, h in enumerate(header)}
            for values in reader
            if any(v.strip() for v in values)
        )
    except csv.Error as exc:
        raise _fail(f"{path} line {reader.line_num}: unreadable CSV ({exc})") from exc
    return rows


def read_targets(path: Path) -> list[str]:
    """Target company names in file order, blanks and repeats left out."""
    seen: set[str] = set()
    names: list[str] = []
    for row in read_rows(path, "targets"):
        name = " ".join(row["company_name"].split())
        if name and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def resolve_names(targets: Sequence[str], records: CrunchbaseRecords) -> dict[str, str]:
    """Each target's name in the history: exact, else the same name up to case and spacing."""
    known = {it.company for it in records.interactions}
    known.update(c.id for c in records.companies)
    known.update(r.company for r in records.rounds)
    folded: dict[str, str] = {}
    for name in sorted(known):
        folded.setdefault(" ".join(name.split()).casefold(), name)
    return {t: t if t in known else folded.get(t.casefold(), t) for t in targets}


class Command(BaseCommand):
    help = (
        "Recommend investors for target companies from Crunchbase-shaped files "
        "(investments, companies, rounds); writes company_name,rank,investor_name,score."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--investments", required=True, help="investments CSV (.gz ok)")
        parser.add_argument("--companies", required=True, help="companies CSV (.gz ok)")
        parser.add_argument("--rounds", required=True, help="funding rounds CSV (.gz ok)")
        parser.add_argument("--targets", required=True, help="CSV with a company_name column")
        parser.add_argument("--k", type=int, default=20, help="investors per company (20)")
        parser.add_argument("--out", required=True, help="output CSV")
        parser.add_argument(
            "--as-of",
            default=None,
            help="recommend as of this date (YYYY-MM-DD); later records are ignored "
            "(default: the day after the latest date in the files)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        k = int(options["k"])
        if k < 1:
            raise _fail("--k must be at least 1")
        as_of: date | None = None
        if options["as_of"]:
            as_of = parse_date(str(options["as_of"]))
            if as_of is None:
                raise _fail(f"--as-of: not a date: {options['as_of']!r} (use YYYY-MM-DD)")
        records = from_crunchbase(
            read_rows(Path(str(options["investments"])), "investments"),
            read_rows(Path(str(options["companies"])), "companies"),
            read_rows(Path(str(options["rounds"])), "rounds"),
        )
        targets = read_targets(Path(str(options["targets"])))
        if not records.interactions:
            raise _fail("the investments file has no usable row (company, investor and date)")
        if as_of is None:
            # records.latest exists: there is at least one dated deal.
            as_of = (records.latest or date.min) + timedelta(days=1)
        recommender = Recommender().fit(
            records.interactions, records.companies, rounds=records.rounds, as_of=as_of
        )
        names = resolve_names(targets, records)
        cold = 0
        out = Path(str(options["out"]))
        try:
            with out.open("w", encoding="utf-8", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(["company_name", "rank", "investor_name", "score"])
                for target in targets:
                    recs = recommender.recommend_investors(names[target], k)
                    cold += bool(recs) and recs[0].explanation.is_cold_start
                    for rec in recs:
                        writer.writerow([target, rec.rank, rec.item, f"{rec.score:.6g}"])
        except OSError as exc:
            raise _fail(f"{out}: cannot write ({exc.strerror})") from exc
        skipped = sum(records.skipped.values())
        self.stdout.write(
            f"{len(targets)} companies ({len(targets) - cold} with an earlier round, {cold} "
            f"cold start) × {k} investors from {len(records.interactions):,} deals as of "
            f"{as_of.isoformat()}"
            + (f" ({skipped} rows without a name or date skipped)" if skipped else "")
            + f" in {time.perf_counter() - started:.1f} s → {out}"
        )
