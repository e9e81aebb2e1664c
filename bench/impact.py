"""Impact benchmark: KPI snapshot computation over 1,000,000 organizations and 10,000,000
recorded events, on SQLite and PostgreSQL, and report generation (XLSX, PDF).

Synthetic world (seeded): ``--orgs`` organizations (0.1 % institutions, 1 % academies, the rest
startups and corporates) and ``--events`` impact events over the last 36 months, kinds weighted
as a city would record them (support and pitching most, deals and hires least), 70 % of events
at an institution; trainee events carry no company. The KPIs are the demo's (sadari/demo/impact.py).

Each backend gets a throwaway database (SQLite: a file under a temporary directory; PostgreSQL:
database ``sadari_bench_impact`` on the server of ``SADARI_DATABASE_URL`` / scripts/postgres.sh),
migrated, bulk-loaded (SQLite ``executemany``; PostgreSQL ``COPY``), then timed:

- snapshots for one month, one quarter, one year, and a year of months (12 periods),
- the operator dashboard's figures (city-wide, every KPI with its 12-period trend),
- the quarter's report as XLSX and PDF (city-wide and for one institution).

    .venv/bin/python bench/impact.py                 # 1M orgs, 10M events, both backends
    .venv/bin/python bench/impact.py --quick         # 100k orgs, 1M events
    .venv/bin/python bench/impact.py --backends sqlite --events 2000000

Writes ``bench/results/impact.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_info  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "impact.json"
PG_DEFAULT = "postgres://sadari:sadari@127.0.0.1:5432/sadari"
PG_DB = "sadari_bench_impact"

WORKER = r"""
import datetime as dt, io, json, random, sys, time
import django
django.setup()
from django.db import connection, transaction
from django.utils import timezone

n_orgs, n_events, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
out = {"orgs": n_orgs, "events": n_events, "vendor": connection.vendor}

from sadari.directory.models import Organization
from sadari.impact.enums import EventKind
from sadari.impact.models import ImpactEvent, Kpi, KpiSnapshot

# --- organizations ---------------------------------------------------------------------------
fields = [f for f in Organization._meta.concrete_fields if not f.primary_key]
template = Organization(kind="startup", name_ko="벤치", name_en="Bench", sort_name="벤치")
now = timezone.now()
template.created_at = template.updated_at = now
columns = [f.column for f in fields]
base = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
ix = {f.attname: i for i, f in enumerate(fields)}
n_inst = max(10, n_orgs // 1000)
n_acad = max(5, n_orgs // 100)

def org_rows(start, stop):
    for i in range(start, stop):
        row = list(base)
        kind = ("institution" if i < n_inst else "academy" if i < n_inst + n_acad
                else "corporate" if i % 20 == 0 else "startup")
        row[ix["kind"]] = kind
        row[ix["name_ko"]] = row[ix["sort_name"]] = f"벤치기업{i:07d}"
        row[ix["name_en"]] = f"Bench {i:07d}"
        row[ix["host_id"]] = None
        yield row

if connection.vendor == "sqlite":
    # bulk-load settings for this connection only (the default 2 MB page cache makes index
    # inserts page to disk: 200,000 events took 60 s instead of 5 s); closed after the load
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size=-2000000")
        cursor.execute("PRAGMA synchronous=OFF")
t0 = time.perf_counter()
table = Organization._meta.db_table
CHUNK = 50000
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in org_rows(0, n_orgs):
                copy.write_row(row)
    connection.commit() if not connection.get_autocommit() else None
else:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    # one transaction per chunk (in autocommit every row would be its own transaction)
    for start in range(0, n_orgs, CHUNK):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, list(org_rows(start, min(n_orgs, start + CHUNK))))
ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
institutions = ids[:n_inst]
academies = ids[n_inst:n_inst + n_acad]
companies = ids[n_inst + n_acad:]
out["load_orgs_s"] = round(time.perf_counter() - t0, 1)

# --- events ----------------------------------------------------------------------------------
WEIGHTS = {
    "support_received": 12, "mentoring_session": 10, "program_applied": 6, "program_selected": 2,
    "referral_made": 2, "referral_completed": 1, "funding_round": 2, "deal_matched": 3,
    "deal_nda": 2, "deal_poc": 1, "deal_contract": 0.5, "pitch_submitted": 12, "pitch_feedback": 10,
    "trainee_enrolled": 8, "trainee_completed": 6, "trainee_followed": 5, "trainee_employed": 3,
    "trainee_employed_platform": 1.5, "hire_attributed": 1.5, "hire_coincidental": 1.5,
    "fair_held": 0.05, "fair_interview": 4, "space_booked": 8,
}
kinds = list(WEIGHTS)
cum, total = [], 0.0
for k in kinds:
    total += WEIGHTS[k]; cum.append(total)
import bisect
today = timezone.localdate()
first = today.replace(day=1) - dt.timedelta(days=365 * 3)
span = (today - first).days
people_kinds = {k for k in kinds if k.startswith("trainee_")}
def event_rows(start, stop):
    r = random.Random(seed * 1000003 + start)
    for i in range(start, stop):
        kind = kinds[bisect.bisect(cum, r.random() * total)]
        day = first + dt.timedelta(days=int(r.random() * span))
        if kind in people_kinds:
            org, inst = None, academies[int(r.random() * len(academies))]
        else:
            org = companies[int(r.random() ** 1.5 * len(companies))]  # some companies get more
            inst = institutions[int(r.random() * len(institutions))] if r.random() < 0.7 else None
        amount = int(r.lognormvariate(20.5, 1.2)) if kind == "funding_round" else None
        qty = round(0.5 + r.random() * 4, 1) if kind == "space_booked" else 1.0
        yield (kind, day, org, inst, amount, qty, f"b{i}")

t0 = time.perf_counter()
etable = ImpactEvent._meta.db_table
ecols = "kind, occurred_on, organization_id, institution_id, amount, quantity, source_key"
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(f"COPY {etable} ({ecols}) FROM STDIN") as copy:
            for row in event_rows(0, n_events):
                copy.write_row(row)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {etable}")
else:
    sql = f"INSERT INTO {etable} ({ecols}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    for start in range(0, n_events, 500000):
        rows = event_rows(start, min(n_events, start + 500000))
        with transaction.atomic():  # the driver's executemany: Django's wrapper is 2x slower here
            connection.connection.executemany(sql.replace("%s", "?"), [
                (k, d.isoformat(), o, i, a, q, s) for k, d, o, i, a, q, s in rows])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()  # the timings below use the platform's connection settings
out["load_events_s"] = round(time.perf_counter() - t0, 1)

# --- KPIs (the demo's) ---------------------------------------------------------------------
from sadari.demo.impact import kpi_definitions
for order, row in enumerate(kpi_definitions()):
    (slug, name_ko, name_en, formula, unit, period, target, target_period, since, public, dko, den) = row
    Kpi.objects.create(slug=slug, name_ko=name_ko, name_en=name_en, formula=formula, unit=unit,
                       period=period, target=target, target_period=target_period.split("|")[0],
                       cumulative_from=since, is_public=public, order=order,
                       definition_ko=dko, definition_en=den)
out["kpis"] = Kpi.objects.count()

from sadari.impact.compute import compute_snapshots
from sadari_core.impact.periods import last_periods, period_of
def timed(label, periods, repeat=2):
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        stats = compute_snapshots(periods=periods)
        s = time.perf_counter() - t
        best = s if best is None else min(best, s)
    out[label] = {"seconds": round(best, 3), "periods": len(periods), "snapshots": stats.snapshots,
                  "queries": stats.queries}

month = period_of(today, "month").previous()
quarter = period_of(today, "quarter").previous()
year = period_of(today, "year").previous()
timed("snapshot_month", [month])
timed("snapshot_quarter", [quarter])
timed("snapshot_year", [year])
timed("snapshot_12_months", last_periods("month", 12, until=month.end), repeat=1)
timed("snapshot_5_quarters", last_periods("quarter", 5, until=quarter.end), repeat=1)
# trends for the dashboard: a year of quarters and years as well
compute_snapshots(periods=last_periods("year", 3, until=today))
out["snapshot_rows"] = KpiSnapshot.objects.count()

from django.utils import translation
from sadari.impact.selectors import figures
from sadari.impact.reports import build_report, report_pdf, report_xlsx
with translation.override("ko"):
    kpis = list(Kpi.objects.all())
    t = time.perf_counter(); figures(kpis=kpis, period=quarter, breakdown_for=None)
    out["dashboard_figures_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter(); figures(kpis=[k for k in kpis if k.is_public])
    out["public_dashboard_figures_s"] = round(time.perf_counter() - t, 3)
    inst = Organization.objects.get(pk=institutions[0])
    for scope, who in (("city", None), ("institution", inst)):
        t = time.perf_counter(); report = build_report(period=quarter, institution=who)
        built = time.perf_counter() - t
        t = time.perf_counter(); x = report_xlsx(report); xs = time.perf_counter() - t
        t = time.perf_counter(); p = report_pdf(report); ps = time.perf_counter() - t
        out[f"report_{scope}"] = {"build_s": round(built, 3), "xlsx_s": round(xs, 3), "pdf_s": round(ps, 3),
                                  "xlsx_bytes": len(x), "pdf_bytes": len(p)}
print("RESULT " + json.dumps(out))
"""


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sadari.settings",
        SADARI_DATABASE_URL=url,
        SADARI_LOG_LEVEL="WARNING",
        SADARI_DEBUG="true",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(ROOT),
    )
    return env


def _run(env: dict[str, str], orgs: int, events: int, seed: int) -> dict:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, str(orgs), str(events), str(seed)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(proc.stderr[-4000:])
    result = json.loads(line.removeprefix("RESULT "))
    result["total_s"] = round(time.perf_counter() - started, 1)
    return result


def run_sqlite(orgs: int, events: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(
        prefix="sadari-bench-impact-", dir=os.environ.get("SADARI_BENCH_TMP")
    ) as tmp:
        path = Path(tmp) / "impact.sqlite3"
        result = _run(_env(f"sqlite:///{path}"), orgs, events, seed)
        result["db_mb"] = round(path.stat().st_size / 1e6, 1)
        return result


def run_postgres(orgs: int, events: int, seed: int, db: str = PG_DB) -> dict | None:
    import psycopg

    base = os.environ.get("SADARI_DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = PG_DEFAULT
    admin = base.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(
            admin.replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db}")
            conn.execute(f"CREATE DATABASE {db}")
    except psycopg.Error as exc:
        print(
            f"PostgreSQL not available ({exc}); skipped. Start it with scripts/postgres.sh start."
        )
        return None
    try:
        result = _run(_env(base.rsplit("/", 1)[0] + f"/{db}"), orgs, events, seed)
        with psycopg.connect(
            base.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + f"/{db}"
        ) as conn:
            result["db_mb"] = round(
                conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6, 1
            )
        return result
    finally:
        with psycopg.connect(
            admin.replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {db}")


ROWS = [
    ("load organizations (s)", lambda r: r["load_orgs_s"]),
    ("load events (s)", lambda r: r["load_events_s"]),
    ("snapshots: one month (s)", lambda r: r["snapshot_month"]["seconds"]),
    ("snapshots: one quarter (s)", lambda r: r["snapshot_quarter"]["seconds"]),
    ("snapshots: one year (s)", lambda r: r["snapshot_year"]["seconds"]),
    ("snapshots: 12 months (s)", lambda r: r["snapshot_12_months"]["seconds"]),
    ("snapshots: 5 quarters (s)", lambda r: r["snapshot_5_quarters"]["seconds"]),
    ("snapshot rows written, one quarter", lambda r: r["snapshot_quarter"]["snapshots"]),
    ("operator dashboard figures (s)", lambda r: r["dashboard_figures_s"]),
    ("public dashboard figures (s)", lambda r: r["public_dashboard_figures_s"]),
    ("report city: build (s)", lambda r: r["report_city"]["build_s"]),
    ("report city: XLSX (s)", lambda r: r["report_city"]["xlsx_s"]),
    ("report city: PDF (s)", lambda r: r["report_city"]["pdf_s"]),
    ("report institution: build (s)", lambda r: r["report_institution"]["build_s"]),
    ("report institution: PDF (s)", lambda r: r["report_institution"]["pdf_s"]),
    ("database size (MB)", lambda r: r.get("db_mb")),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--quick", action="store_true", help="100,000 orgs and 1,000,000 events")
    parser.add_argument("--pg-db", default=PG_DB, help=f"throwaway PostgreSQL database ({PG_DB})")
    parser.add_argument(
        "--out",
        type=Path,
        default=RESULTS,
        help="results file; backends already in it (same scale) are kept",
    )
    args = parser.parse_args()
    if args.quick:
        args.orgs, args.events = 100_000, 1_000_000
    results: dict = {"machine": machine_info(), "orgs": args.orgs, "events": args.events}
    if args.out.exists():
        previous = json.loads(args.out.read_text())
        if (previous.get("orgs"), previous.get("events")) == (args.orgs, args.events):
            results.update({b: previous[b] for b in ("sqlite", "postgres") if b in previous})
    for backend in args.backends.split(","):
        print(f"{backend}: {args.orgs:,} organizations, {args.events:,} events …", flush=True)
        if backend == "sqlite":
            result = run_sqlite(args.orgs, args.events, args.seed)
        else:
            result = run_postgres(args.orgs, args.events, args.seed, args.pg_db)
        if result is not None:
            results[backend] = result
    backends = [b for b in ("sqlite", "postgres") if b in results]
    print(f"\n{'':40}" + "".join(f"{b:>14}" for b in backends))
    for label, get in ROWS:
        print(f"{label:40}" + "".join(f"{get(results[b])!s:>14}" for b in backends))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"\nwritten {args.out}")


if __name__ == "__main__":
    main()
