"""Search benchmark: latency, recall and precision of the directory search at 100k and 1M
organizations, on SQLite FTS5 and PostgreSQL, with a PostgreSQL pg_trgm baseline.

    .venv/bin/python bench/search.py                       # both scales, both engines
    .venv/bin/python bench/search.py --scales 100000 --engines sqlite
    .venv/bin/python bench/search.py --rebuild             # rebuild the cached databases

Each (engine, scale) gets its own database, built once with ``manage.py migrate`` and
``manage.py seed_demo --scale N --seed S`` and cached (SQLite: ``bench/results/search-N.sqlite3``;
PostgreSQL: database ``sadari_bench_N``). Queries run in a worker subprocess per (engine, scale)
that calls ``sadari.directory.search.search`` exactly as the web app does and compares what it
finds with a brute-force scan of every organization under the reference semantics
(``sadari_core.search.substring_match`` over ``organization_fields``). Everything is written to
``bench/results/search.json``; see bench/README.md for what each figure means.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    CATEGORIES,
    ROOT,
    git_describe,
    human_bytes,
    human_seconds,
    load_reference,
    log,
    machine_info,
    median,
    percentile,
    query_mix,
    recall_precision,
)

RESULTS = ROOT / "bench" / "results"
JSON_OUT = RESULTS / "search.json"
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
PG_HOST = "sadari:sadari@127.0.0.1:5432"
PG_ADMIN_URL = f"postgres://{PG_HOST}/postgres"
ALL_SCALES = (100_000, 1_000_000)
ALL_ENGINES = ("sqlite", "postgres")
META_TABLE = "bench_meta"
# What the search index is made of: a cached database built from other versions of these files
# may index differently (the benchmark warns, it does not rebuild on its own).
INDEX_SOURCES = (
    "sadari/demo/management/commands/seed_demo.py",
    "sadari/directory/search.py",
    "sadari_core/text/korean.py",
    "sadari_core/text/normalize.py",
    "sadari/directory/migrations/0002_search_index.py",
)
# The baseline: one pg_trgm GIN index over the organization's own text columns.
TRGM_INDEX = "bench_organization_trgm"
TRGM_EXPR = "(name_ko || ' ' || name_en || ' ' || description_ko || ' ' || description_en)"
HUGE_LIMIT = 100_000_000
# A query slower than this over its timed runs so far is not repeated further (1M scans).
SLOW_BUDGET_MS = 5_000
# The kind-filtered search, autocomplete and export paths are timed once per query; a call is
# cut off after PATH_TIMEOUT_S, and a path stops being measured after MAX_TIMEOUTS cut-offs.
PATH_TIMEOUT_S = 10.0
MAX_TIMEOUTS = 3


# --- databases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    engine: str
    scale: int
    seed: int
    tokenizer: str

    @property
    def sqlite_path(self) -> Path:
        return RESULTS / f"search-{self.scale}.sqlite3"

    @property
    def pg_name(self) -> str:
        return f"sadari_bench_{self.scale}"

    @property
    def pg_url(self) -> str:
        return f"postgres://{PG_HOST}/{self.pg_name}"

    def env(self, var_dir: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "SADARI_DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="sadari.settings",
            SADARI_VAR_DIR=var_dir,
            SADARI_TOKENIZER=self.tokenizer,
            SADARI_LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        if self.engine == "postgres":
            env["SADARI_DATABASE_URL"] = self.pg_url
        return env

    @property
    def label(self) -> str:
        return f"{self.engine} {self.scale:,}"


def sources_fingerprint() -> str:
    import hashlib

    h = hashlib.sha256()
    for rel in INDEX_SOURCES:
        path = ROOT / rel
        h.update(rel.encode())
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


def migration_names() -> list[str]:
    """Every migration file of the project: a cached database of another schema is rebuilt."""
    return sorted(
        f"{path.parent.parent.name}/{path.stem}"
        for path in ROOT.glob("sadari/*/migrations/[0-9]*.py")
    )


def read_meta(target: Target) -> dict | None:
    """The build record stored in the cached database, or None (missing, incomplete)."""
    sql = f"SELECT value FROM {META_TABLE} WHERE key = 'build'"
    try:
        if target.engine == "sqlite":
            if not target.sqlite_path.exists():
                return None
            con = sqlite3.connect(f"file:{target.sqlite_path}?mode=ro", uri=True)
            try:
                row = con.execute(sql).fetchone()
            finally:
                con.close()
        else:
            import psycopg

            with psycopg.connect(target.pg_url, connect_timeout=5) as con:
                row = con.execute(sql).fetchone()
    except Exception:
        return None
    return json.loads(row[0]) if row else None


def write_meta(target: Target, meta: dict) -> None:
    create = f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)"
    delete = f"DELETE FROM {META_TABLE} WHERE key = 'build'"
    insert = f"INSERT INTO {META_TABLE} (key, value) VALUES ('build', %s)"
    value = json.dumps(meta)
    if target.engine == "sqlite":
        con = sqlite3.connect(target.sqlite_path)
        try:
            with con:
                con.execute(create)
                con.execute(delete)
                con.execute(insert.replace("%s", "?"), (value,))
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    else:
        import psycopg

        with psycopg.connect(target.pg_url) as con:
            con.execute(create)
            con.execute(delete)
            con.execute(insert, (value,))


def postgres_available() -> str | None:
    """None when PostgreSQL answers (starting it with scripts/postgres.sh if needed), else why."""
    import psycopg

    def ping() -> str | None:
        try:
            with psycopg.connect(PG_ADMIN_URL, connect_timeout=3) as con:
                con.execute("SELECT 1")
        except Exception as exc:
            return str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        return None

    if ping() is None:
        return None
    log("PostgreSQL is not answering; running scripts/postgres.sh start …")
    try:
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "postgres.sh"), "start"],  # noqa: S607
            check=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"scripts/postgres.sh start failed: {exc}"
    return ping()


def _pg_recreate(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f"CREATE DATABASE \"{name}\" OWNER sadari ENCODING 'UTF8' TEMPLATE template0")


def _run(cmd: list[str], env: dict[str, str]) -> None:
    log("  $", " ".join(cmd[1:] if cmd[0] == PYTHON else cmd))
    subprocess.run(cmd, env=env, cwd=ROOT, check=True)


def seed_command(target: Target, override: str | None) -> list[str]:
    if override:  # development only: a stand-in for seed_demo with the same options
        return [PYTHON, override, "--scale", str(target.scale), "--seed", str(target.seed)]
    return [PYTHON, MANAGE, "seed_demo", "--scale", str(target.scale), "--seed", str(target.seed)]


def check_seed_demo() -> str | None:
    """None when ``manage.py seed_demo`` accepts ``--scale``, else why not."""
    with tempfile.TemporaryDirectory(prefix="sadari-bench-") as tmp:
        env = Target("sqlite", 0, 0, "bigram").env(tmp)
        proc = subprocess.run(
            [PYTHON, MANAGE, "seed_demo", "--help"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or ["seed_demo failed"])[-1]
    if "--scale" not in proc.stdout:
        return "seed_demo has no --scale option yet"
    return None


def build(target: Target, *, rebuild: bool, seed_override: str | None) -> dict:
    """Builds (or reuses) the database of ``target``; returns its build record."""
    meta = read_meta(target)
    fingerprint = sources_fingerprint()
    wanted = {"scale": target.scale, "seed": target.seed, "tokenizer": target.tokenizer}
    if meta and meta.get("migrations") != migration_names() and not rebuild:
        log(f"  {target.label}: the schema changed since the cached build (migrations); rebuilding")
        rebuild = True
    if meta and not rebuild and all(meta.get(k) == v for k, v in wanted.items()):
        meta["cached"] = True
        if meta.get("sources") != fingerprint:
            meta["warning"] = (
                "cached database was built from other versions of the indexing sources "
                "(seed_demo, search, korean analyzer); use --rebuild for current figures"
            )
            log(f"  warning: {target.label}: {meta['warning']}")
        log(f"  {target.label}: cached build from {meta.get('built_at')} ({target.tokenizer})")
        return meta

    log(f"Building {target.label} organizations (tokenizer {target.tokenizer}) …")
    with tempfile.TemporaryDirectory(prefix="sadari-bench-") as var_dir:
        env = target.env(var_dir)
        if target.engine == "postgres":
            _pg_recreate(target.pg_name)
        started = time.perf_counter()
        _run([PYTHON, MANAGE, "migrate", "--noinput", "-v", "0"], env)
        migrated = time.perf_counter()
        _run(seed_command(target, seed_override), env)
        seeded = time.perf_counter()
        if target.engine == "sqlite":
            built = Path(var_dir) / "sadari.sqlite3"
            con = sqlite3.connect(built)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target.sqlite_path}{suffix}").unlink(missing_ok=True)
            shutil.move(built, target.sqlite_path)
        else:
            import psycopg

            with psycopg.connect(target.pg_url, autocommit=True) as con:
                con.execute("VACUUM ANALYZE")
        finished = time.perf_counter()
    meta = {
        **wanted,
        "engine": target.engine,
        "seconds": round(seeded - migrated, 1),
        "seconds_migrate": round(migrated - started, 1),
        "seconds_after": round(finished - seeded, 1),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git": git_describe(),
        "sources": fingerprint,
        "migrations": migration_names(),
        "seed_command": "dev stand-in" if seed_override else "manage.py seed_demo --scale",
    }
    write_meta(target, meta)
    meta["cached"] = False
    log(f"  built {target.label} in {human_seconds(meta['seconds'])} (seed_demo)")
    return meta


# --- worker (runs inside Django, one per engine and scale) -------------------------------------


def worker(config_path: str, out_path: str) -> None:
    import django

    django.setup()
    from django.db import connection

    from sadari.directory import search as engine
    from sadari.directory.models import Organization, SearchDocument
    from sadari_core.search import parse_query

    cfg = json.loads(Path(config_path).read_text())
    out: dict = {"engine": connection.vendor, "scale": cfg["scale"]}
    # Other work on the machine skews latency: the load averages show whether there was any.
    out["loadavg_start"] = [round(x, 2) for x in os.getloadavg()]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT sqlite_version()" if connection.vendor == "sqlite" else "SHOW server_version"
        )
        out["server_version"] = cur.fetchone()[0]
    out["organizations"] = Organization.objects.count()
    out["search_documents"] = SearchDocument.objects.count()
    # What the first searches of a fresh web worker cost: the analyzer (kiwi model) is made at
    # the first query, and kiwi's first analysis (a 4+ letter word: the compound split) is
    # slower still. Timed once here, then the real queries run warm.
    t = time.perf_counter()
    engine.analyzer()
    engine.search("워밍업")
    out["first_query_ms"] = round((time.perf_counter() - t) * 1000, 1)
    t = time.perf_counter()
    engine.search("워밍업스타트업")
    out["first_long_query_ms"] = round((time.perf_counter() - t) * 1000, 1)

    out["stale_documents"] = _stale_documents(engine)
    if out["stale_documents"]:
        log(
            f"    warning: {out['stale_documents']} of 200 sampled search documents differ from"
            " what the current code indexes: the cached database is stale, use --rebuild"
        )

    t = time.perf_counter()
    ref = load_reference(
        sample_every=max(1, out["organizations"] // 2000),
        progress=lambda n: log(f"    reference: {n:,} organizations loaded"),
    )
    out["reference_load_seconds"] = round(time.perf_counter() - t, 1)
    log(f"    reference: {len(ref.ids):,} organizations in {out['reference_load_seconds']} s")
    mix = query_mix(ref, cfg["queries"], cfg["seed"])

    rows = []
    mismatches = 0
    guard = _Timeouts(connection)
    for category in CATEGORIES:
        for q in mix[category]:
            query = parse_query(q)
            expected = ref.match(query)
            mismatches += ref.check(query)
            t = time.perf_counter()
            found = _all_ids(engine, connection, query)
            all_ms = (time.perf_counter() - t) * 1000
            times = []
            for _ in range(cfg["repeat"]):
                t = time.perf_counter()
                page = engine.search(q, limit=20)
                times.append((time.perf_counter() - t) * 1000)
                if sum(times) > SLOW_BUDGET_MS:
                    break
            recall, precision = recall_precision(found, expected)
            page_orgs = {h.object_id for h in page.hits if h.kind == "organization"}
            row = {
                "category": category,
                "q": q,
                "ms": round(median(times), 2),
                "ms_runs": [round(x, 2) for x in times],
                "total": page.total,
                "capped": bool(getattr(page, "capped", False)),
                "relaxed": page.relaxed,
                "page_hits": len(page.hits),
                # First-page organizations outside the exact match set (a relaxed page's hits
                # are "any word" or split-compound matches, so they are not counted).
                "page_wrong": 0 if page.relaxed else len(page_orgs - expected),
                "found": len(found),
                "expected": len(expected),
                "recall": round(recall, 4),
                "precision": round(precision, 4),
                "all_ids_ms": round(all_ms, 1),
            }
            # The other ways users reach the engine, once each, cut off at PATH_TIMEOUT_S.
            row["kind_ms"] = guard.time(
                "kind", lambda q=q: engine.search(q, kinds=["organization"], limit=20)
            )
            row["suggest_ms"] = guard.time(
                "suggest",
                lambda q=q: engine.search(q, limit=8, prefix_last=True, names_only=True),
            )
            if hasattr(engine, "search_ids"):
                row["export_ms"] = guard.time(
                    "export", lambda q=q: engine.search_ids(q, kinds=["organization"])
                )
            rows.append(row)
        log(f"    {category}: {len(mix[category])} queries done")
    out["path_timeouts"] = guard.timeouts
    out["queries"] = rows
    out["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    out["reference_mismatches"] = mismatches
    out["reference_sample"] = len(ref.sample_texts)
    out["sizes"] = _sizes(connection)
    if connection.vendor == "postgresql" and cfg.get("baseline"):
        out["baseline"] = _baseline(connection, mix, ref, cfg["repeat"], parse_query)
    connection.close()
    Path(out_path).write_text(json.dumps(out, ensure_ascii=False))


def _all_ids(engine, connection, query) -> set[int]:
    """Every organization the engine's match expression finds for ``query`` (strict AND).

    Runs the engine's own compiled condition (``_backend().expressions()``) over all kinds and
    keeps the organizations in Python: ``search_ids(kinds=[...])`` answers the same question
    but its kind filter can make SQLite probe the full-text index once per document (timed
    separately as the "export" path). Falls back to the public functions on other engines.
    """
    try:
        everything, _names = engine._backend().expressions(query, "and")
        sql = f"SELECT d.object_id, d.kind FROM {everything.source} WHERE {everything.sql}"
        with connection.cursor() as cur:
            cur.execute(f"{sql} AND d.is_public", list(everything.params))
            return {oid for oid, kind in cur.fetchall() if kind == "organization"}
    except (AttributeError, TypeError, ValueError):
        pass
    text = " ".join(t.text for t in query.terms)
    if hasattr(engine, "search_ids"):
        return engine.search_ids(text, kinds=["organization"])
    # The ranked search with no practical limit: a relaxed result (compound split, then any
    # word) means the strict set was empty.
    full = engine.search(text, kinds=["organization"], limit=HUGE_LIMIT)
    return set() if full.relaxed else {h.object_id for h in full.hits}


class _Timeouts:
    """Times one call, interrupting its SQL after PATH_TIMEOUT_S; after MAX_TIMEOUTS timeouts
    on one path that path is no longer measured (None), so a pathological shape cannot stall a
    1M run for hours."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.timeouts: dict[str, int] = {}

    def time(self, path: str, call) -> float | str | None:
        import threading

        from django.db import OperationalError

        if self.timeouts.get(path, 0) >= MAX_TIMEOUTS:
            return None
        con = self.connection
        timer = None
        if con.vendor == "sqlite":
            con.ensure_connection()
            timer = threading.Timer(PATH_TIMEOUT_S, con.connection.interrupt)
            timer.start()
        else:
            with con.cursor() as cur:
                cur.execute(f"SET statement_timeout = {int(PATH_TIMEOUT_S * 1000)}")
        t = time.perf_counter()
        try:
            call()
            ms: float | str = round((time.perf_counter() - t) * 1000, 2)
        except OperationalError:
            self.timeouts[path] = self.timeouts.get(path, 0) + 1
            ms = "timeout"
        finally:
            if timer is not None:
                timer.cancel()
            else:
                with con.cursor() as cur:
                    cur.execute("RESET statement_timeout")
        if isinstance(ms, float) and ms > PATH_TIMEOUT_S * 1000:
            self.timeouts[path] = self.timeouts.get(path, 0) + 1
        return ms


def _stale_documents(engine) -> int | None:
    """How many of 200 sampled organizations' stored search documents differ from what the
    current code would index (a cached database built by older analysis code), or None when
    that cannot be checked."""
    from sadari.directory.models import Organization, SearchDocument

    build = getattr(engine, "_org_document", None)
    if build is None:
        return None
    n = Organization.objects.count()
    step = max(1, n // 200)
    ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True)[::step][:200])
    stored = {
        d.object_id: d
        for d in SearchDocument.objects.filter(kind="organization", object_id__in=ids)
    }
    stale = 0
    for org in Organization.objects.filter(pk__in=ids):
        doc, fresh = stored.get(org.pk), build(org)
        if doc is None or any(
            getattr(doc, f) != getattr(fresh, f)
            for f in ("name_tokens", "alias_tokens", "body_tokens")
        ):
            stale += 1
    return stale


def _sizes(connection) -> dict:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("PRAGMA page_count")
            pages = cur.fetchone()[0]
            cur.execute("PRAGMA page_size")
            return {"database_bytes": pages * cur.fetchone()[0]}
        cur.execute(
            "SELECT pg_database_size(current_database()),"
            " pg_total_relation_size('directory_searchdocument'),"
            " pg_total_relation_size('directory_organization')"
        )
        db, docs, orgs = cur.fetchone()
        cur.execute(
            "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c"
            " WHERE c.relname IN ('directory_searchdocument_tsv',"
            " 'directory_searchdocument_name_tsv')"
        )
        indexes = dict(cur.fetchall())
    return {
        "database_bytes": db,
        "searchdocument_bytes": docs,
        "organization_bytes": orgs,
        "tsv_index_bytes": indexes.get("directory_searchdocument_tsv"),
        "name_tsv_index_bytes": indexes.get("directory_searchdocument_name_tsv"),
    }


def _baseline(connection, mix, ref, repeat: int, parse_query) -> dict:
    """pg_trgm: ``ILIKE '%word%'`` per query word over the organization's text columns."""
    out: dict = {}
    with connection.cursor() as cur:
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cur.execute("SELECT 1 FROM pg_class WHERE relname = %s", [TRGM_INDEX])
        if cur.fetchone() is None:
            log("    baseline: creating the pg_trgm GIN index …")
            t = time.perf_counter()
            cur.execute(
                f"CREATE INDEX {TRGM_INDEX} ON directory_organization"
                f" USING gin ({TRGM_EXPR} gin_trgm_ops)"
            )
            cur.execute("ANALYZE directory_organization")
            out["index_seconds"] = round(time.perf_counter() - t, 1)
        else:
            out["index_seconds"] = None  # made by an earlier run on this cached database
        cur.execute("SELECT pg_relation_size(%s::regclass)", [TRGM_INDEX])
        out["index_bytes"] = cur.fetchone()[0]
        rows = []
        plans = {}
        for category in CATEGORIES:
            for q in mix[category]:
                query = parse_query(q)
                words = [f"%{t.text}%" for t in query.terms]
                where = " AND ".join([f"{TRGM_EXPR} ILIKE %s"] * len(words))
                base = f"FROM directory_organization WHERE {where}"
                if category not in plans:
                    cur.execute(f"EXPLAIN SELECT id {base} LIMIT 20", words)
                    plans[category] = {"q": q, "plan": [r[0] for r in cur.fetchall()]}
                t = time.perf_counter()
                cur.execute(f"SELECT id {base}", words)
                found = {r[0] for r in cur.fetchall()}
                full_ms = (time.perf_counter() - t) * 1000
                times = []
                for _ in range(repeat):
                    t = time.perf_counter()
                    cur.execute(f"SELECT COUNT(*) {base}", words)
                    cur.fetchone()
                    cur.execute(f"SELECT id, name_ko {base} LIMIT 20", words)
                    cur.fetchall()
                    times.append((time.perf_counter() - t) * 1000)
                    if sum(times) > SLOW_BUDGET_MS:
                        break
                expected = ref.match(query)
                recall, precision = recall_precision(found, expected)
                rows.append(
                    {
                        "category": category,
                        "q": q,
                        "ms": round(median(times), 2),
                        "ms_runs": [round(x, 2) for x in times],
                        "all_ids_ms": round(full_ms, 1),
                        "found": len(found),
                        "expected": len(expected),
                        "recall": round(recall, 4),
                        "precision": round(precision, 4),
                    }
                )
            log(f"    baseline {category}: done")
    out["queries"] = rows
    out["plans"] = plans
    return out


def run_worker(target: Target, args) -> dict:
    with tempfile.TemporaryDirectory(prefix="sadari-bench-") as var_dir:
        if target.engine == "sqlite":
            # A hard link keeps SQLite's -wal/-shm files in the temporary directory (a symlink
            # is resolved, and they would appear next to the cached file).
            link = Path(var_dir) / "sadari.sqlite3"
            try:
                os.link(target.sqlite_path, link)
            except OSError:
                link.symlink_to(target.sqlite_path)
        config = Path(var_dir) / "config.json"
        out = Path(var_dir) / "out.json"
        config.write_text(
            json.dumps(
                {
                    "scale": target.scale,
                    "seed": args.seed,
                    "queries": args.queries,
                    "repeat": args.repeat,
                    "baseline": target.engine == "postgres" and not args.no_baseline,
                }
            )
        )
        log(f"Querying {target.label} …")
        subprocess.run(
            [PYTHON, __file__, "--worker", str(config), str(out)],
            env=target.env(var_dir),
            cwd=ROOT,
            check=True,
        )
        return json.loads(out.read_text())


# --- summaries -------------------------------------------------------------------------------


def summarize(rows: list[dict]) -> list[dict]:
    """Per category (and "all"): n, p50/p95/max of the per-query median latency, mean recall
    and precision, how many queries fell short of recall 1.0 and how many were relaxed."""
    out = []
    for category in (*CATEGORIES, "all"):
        sel = [r for r in rows if category in ("all", r["category"])]
        if not sel:
            continue
        ms = [r["ms"] for r in sel]
        out.append(
            {
                "category": category,
                "n": len(sel),
                "p50_ms": round(percentile(ms, 50), 2),
                "p95_ms": round(percentile(ms, 95), 2),
                "max_ms": round(max(ms), 2),
                "recall": round(sum(r["recall"] for r in sel) / len(sel), 4),
                "precision": round(sum(r["precision"] for r in sel) / len(sel), 4),
                "recall_below_1": sum(r["recall"] < 1 for r in sel),
                "relaxed": sum(bool(r.get("relaxed")) for r in sel),
                "capped": sum(bool(r.get("capped")) for r in sel),
                "page_wrong": sum(r.get("page_wrong", 0) for r in sel),
                "mean_expected": round(sum(r["expected"] for r in sel) / len(sel)),
            }
        )
        for path in PATHS:
            values = [r.get(f"{path}_ms") for r in sel]
            if all(v is None for v in values):
                continue
            timed = [v if isinstance(v, float | int) else PATH_TIMEOUT_S * 1000 for v in values]
            timed = [v for v, raw in zip(timed, values, strict=True) if raw is not None]
            out[-1][path] = {
                "n": len(timed),
                "p50_ms": round(percentile(timed, 50), 2),
                "p95_ms": round(percentile(timed, 95), 2),
                "timeouts": sum(v == "timeout" for v in values),
                "skipped": sum(v is None for v in values),
            }
    return out


# The other ways users reach the engine (summarized like the results page, see the worker).
PATHS = {
    "kind": "search(q, kinds=['organization'], limit=20): the kind tab / organization list",
    "suggest": "search(q, limit=8, prefix_last=True, names_only=True): autocomplete",
    "export": "search_ids(q, kinds=['organization']): every match, unranked",
}


def print_tables(runs: list[dict]) -> None:
    print()
    head = (
        f"{'engine':<16} {'scale':>9} {'category':<8} {'n':>3} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'max ms':>8} {'recall':>7} {'precis.':>7} {'<1.0':>4} {'relax':>5} {'capped':>6}"
        f" {'avg hits':>8}"
    )
    print(head)
    print("-" * len(head))
    for run in runs:
        for label, summary in (
            (run["engine"], run["summary"]),
            ("pg_trgm ILIKE", (run.get("baseline") or {}).get("summary") or []),
        ):
            for s in summary:
                print(
                    f"{label:<16} {run['scale']:>9,} {s['category']:<8} {s['n']:>3}"
                    f" {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} {s['max_ms']:>8.1f}"
                    f" {s['recall']:>7.3f} {s['precision']:>7.3f} {s['recall_below_1']:>4}"
                    f" {s.get('relaxed', 0):>5} {s.get('capped', 0):>6} {s['mean_expected']:>8,}"
                )
    print()
    head = f"{'engine':<10} {'scale':>9} {'category':<8}" + "".join(
        f" {path + ' p50':>12} {path + ' p95':>12} {'cut':>3}" for path in PATHS
    )
    print(head)
    print("-" * len(head))
    for run in runs:
        for s in run["summary"]:
            cells = ""
            for path in PATHS:
                v = s.get(path)
                if not v:
                    cells += f" {'-':>12} {'-':>12} {'':>3}"
                    continue
                cut = v["timeouts"] + v["skipped"]
                p95 = f"{'>' if cut else ''}{v['p95_ms']:.1f}"
                cells += f" {v['p50_ms']:>12.1f} {p95:>12} {cut or '':>3}"
            print(f"{run['engine']:<10} {run['scale']:>9,} {s['category']:<8}{cells}")
    print(
        f"(cut: calls interrupted after {PATH_TIMEOUT_S:.0f} s or not run after"
        f" {MAX_TIMEOUTS} interruptions; their p95 is a lower bound)"
    )
    print()
    head = (
        f"{'engine':<10} {'scale':>9} {'tokenizer':<9} {'build':>9} {'cached':>6}"
        f" {'orgs':>9} {'docs':>9} {'db size':>9} {'trgm idx':>9} {'trgm build':>10}"
    )
    print(head)
    print("-" * len(head))
    for run in runs:
        b = run["build"]
        base = run.get("baseline") or {}
        print(
            f"{run['engine']:<10} {run['scale']:>9,} {b['tokenizer']:<9}"
            f" {human_seconds(b['seconds']):>9} {'yes' if b.get('cached') else 'no':>6}"
            f" {run['organizations']:>9,} {run['search_documents']:>9,}"
            f" {human_bytes(run['sizes']['database_bytes']):>9}"
            f" {human_bytes(base.get('index_bytes')):>9}"
            f" {human_seconds(base.get('index_seconds')):>10}"
        )
    for run in runs:
        print(
            f"{run['engine']} {run['scale']:,}: first query of a fresh process"
            f" {run.get('first_query_ms')} ms, first 4+-letter Korean query"
            f" {run.get('first_long_query_ms')} ms; 1-min load average"
            f" {run.get('loadavg_start', ['?'])[0]} → {run.get('loadavg_end', ['?'])[0]}"
        )
        for note in run.get("notes", []):
            print(f"note ({run['engine']} {run['scale']:,}): {note}")


def markdown_report(data: dict) -> str:
    """The figures of search.json as Markdown tables (for bench/README.md)."""
    runs = data.get("runs", [])
    m = data.get("machine", {})
    lines = [
        f"Machine: {m.get('cores')} cores ({m.get('cpu')}), {m.get('memory_gb')} GB,"
        f" Python {m.get('python')}, SQLite {m.get('sqlite')}, kiwipiepy {m.get('kiwipiepy')};"
        f" seed {data.get('config', {}).get('seed')}.",
        "",
        "Results page, `search(q, limit=20)`, and recall/precision of the full match set:",
        "",
        "| engine | scale | category | n | p50 ms | p95 ms | max ms | recall | precision"
        " | <1.0 | relaxed | capped | avg hits |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for run in runs:
        base = (run.get("baseline") or {}).get("summary") or []
        for label, summary in ((run["engine"], run["summary"]), ("pg_trgm ILIKE", base)):
            for s in summary:
                cat = f"**{s['category']}**" if s["category"] == "all" else s["category"]
                lines.append(
                    f"| {label} | {run['scale']:,} | {cat} | {s['n']} | {s['p50_ms']:.1f}"
                    f" | {s['p95_ms']:.1f} | {s['max_ms']:.1f} | {s['recall']:.3f}"
                    f" | {s['precision']:.3f} | {s['recall_below_1']} | {s.get('relaxed', 0)}"
                    f" | {s.get('capped', 0)} | {s['mean_expected']:,} |"
                )
    lines += [
        "",
        "Other paths (all categories; `>`: some calls were cut off at"
        f" {PATH_TIMEOUT_S:.0f} s or skipped, so the figure is a lower bound):",
        "",
        "| engine | scale | path | measured | p50 ms | p95 ms | cut off / skipped |",
        "|---|--:|---|--:|--:|--:|--:|",
    ]
    for run in runs:
        total = next((s for s in run["summary"] if s["category"] == "all"), {})
        for path in PATHS:
            v = total.get(path)
            if not v:
                continue
            cut = v["timeouts"] + v["skipped"]
            gt = ">" if cut else ""
            lines.append(
                f"| {run['engine']} | {run['scale']:,} | {path} | {v['n'] - v['skipped']}"
                f" | {gt}{v['p50_ms']:.1f} | {gt}{v['p95_ms']:.1f}"
                f" | {v['timeouts']} / {v['skipped']} |"
            )
    lines += [
        "",
        "| engine | scale | tokenizer | build (seed_demo) | db size | trgm index | trgm build"
        " | first query | first 4+-letter query |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|",
    ]
    for run in runs:
        b, base = run["build"], run.get("baseline") or {}
        lines.append(
            f"| {run['engine']} | {run['scale']:,} | {b['tokenizer']}"
            f" | {human_seconds(b['seconds'])} | {human_bytes(run['sizes']['database_bytes'])}"
            f" | {human_bytes(base.get('index_bytes'))} | {human_seconds(base.get('index_seconds'))}"
            f" | {run.get('first_query_ms')} ms | {run.get('first_long_query_ms')} ms |"
        )
    notes = [*data.get("notes", [])]
    for run in runs:
        notes += [f"{run['engine']} {run['scale']:,}: {n}" for n in run.get("notes", [])]
    if notes:
        lines += ["", *[f"- {n}" for n in notes]]
    return "\n".join(lines) + "\n"


def dump_json(data: dict) -> str:
    """Indented JSON with one line per query row and per list of numbers (diff-friendly)."""
    import re

    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = re.sub(
        r'\{\n\s+"category"[^{}]*?\}',
        lambda m: json.dumps(json.loads(m.group(0)), ensure_ascii=False),
        text,
    )
    text = re.sub(
        r"\[\s*([-\d.,\se]*?)\s*\]",
        lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]",
        text,
    )
    return text + "\n"


def merge_results(runs: list[dict], header: dict, notes: list[str]) -> dict:
    """The new runs replace earlier runs of the same (engine, scale) in search.json."""
    previous: list[dict] = []
    if JSON_OUT.exists():
        try:
            previous = json.loads(JSON_OUT.read_text()).get("runs", [])
        except (ValueError, AttributeError):
            previous = []
    keys = {(r["engine"], r["scale"]) for r in runs}
    kept = [r for r in previous if (r.get("engine"), r.get("scale")) not in keys]
    merged = sorted([*kept, *runs], key=lambda r: (r["scale"], r["engine"]))
    return {**header, "notes": notes, "runs": merged}


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--scales", default=",".join(map(str, ALL_SCALES)), help="organizations")
    p.add_argument("--engines", default=",".join(ALL_ENGINES), help="sqlite,postgres")
    p.add_argument("--queries", type=int, default=30, help="queries per category (default 30)")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per query (default 5)")
    p.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="seed of the data and the query mix (default 2026, as seed_demo)",
    )
    p.add_argument(
        "--tokenizer",
        choices=["kiwi", "bigram"],
        default=os.environ.get("SADARI_TOKENIZER", "kiwi"),
        help="index and query analyzer (default: $SADARI_TOKENIZER or kiwi)",
    )
    p.add_argument(
        "--max-build-minutes",
        type=float,
        default=25.0,
        help="use bigram for a scale whose kiwi build is predicted to take longer (default 25)",
    )
    p.add_argument("--rebuild", action="store_true", help="rebuild cached databases")
    p.add_argument("--no-baseline", action="store_true", help="skip the pg_trgm baseline")
    p.add_argument("--build-only", action="store_true", help="build the databases, no queries")
    p.add_argument(
        "--report", action="store_true", help="print search.json as Markdown tables and exit"
    )
    p.add_argument("--seed-command", help=argparse.SUPPRESS)  # dev stand-in for seed_demo
    p.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def choose_tokenizer(
    args: argparse.Namespace, scale: int, engines: list[str], kiwi_rate: dict[str, float]
) -> tuple[str, str | None]:
    """The tokenizer for ``scale`` (the same for every engine, so that they compare) and a note.

    kiwi unless a kiwi build of this scale is predicted, from the rate of a smaller kiwi build,
    to take longer than ``--max-build-minutes`` on some engine that has no kiwi build cached.
    """
    if args.tokenizer != "kiwi":
        return args.tokenizer, None
    slow = []
    for engine in engines:
        cached = None if args.rebuild else read_meta(Target(engine, scale, args.seed, "kiwi"))
        if cached and cached.get("tokenizer") == "kiwi" and cached.get("seed") == args.seed:
            continue
        if engine in kiwi_rate and kiwi_rate[engine] * scale / 60 > args.max_build_minutes:
            slow.append(f"{engine} {kiwi_rate[engine] * scale / 60:.0f} min")
    if not slow:
        return "kiwi", None
    rates = ", ".join(f"{e} {r * 1000:.2f} s" for e, r in sorted(kiwi_rate.items()))
    note = (
        f"tokenizer bigram instead of kiwi at {scale:,}: a kiwi build was predicted to take"
        f" {', '.join(slow)} (kiwi seed_demo per 1,000 organizations on a smaller scale: {rates};"
        f" limit {args.max_build_minutes:.0f} min); index and queries both use bigram"
    )
    log(note)
    return "bigram", note


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    if args.report:
        print(markdown_report(json.loads(JSON_OUT.read_text())), end="")
        return 0
    scales = sorted(int(s.replace("_", "")) for s in args.scales.split(",") if s.strip())
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ALL_ENGINES)
    if unknown:
        log(f"unknown engine(s): {', '.join(sorted(unknown))}")
        return 2
    notes: list[str] = []
    if "postgres" in engines:
        why = postgres_available()
        if why:
            note = f"PostgreSQL skipped: it could not be started ({why})"
            log(note)
            notes.append(note)
            engines.remove("postgres")
    if not args.seed_command:
        why = check_seed_demo()
        if why:
            log(f"Cannot build the databases: {why}")
            return 2

    runs: list[dict] = []
    # engine -> seed_demo seconds per organization with kiwi, from the smallest kiwi build
    # (this run's or a cached one) — it decides whether a larger kiwi build is affordable.
    kiwi_rate: dict[str, float] = {}
    for engine in engines:
        for scale in sorted({*ALL_SCALES, *scales}):
            meta = read_meta(Target(engine, scale, args.seed, "kiwi"))
            if meta and meta.get("tokenizer") == "kiwi" and meta.get("seconds"):
                kiwi_rate[engine] = meta["seconds"] / scale
                break
    for scale in scales:
        tokenizer, scale_note = choose_tokenizer(args, scale, engines, kiwi_rate)
        for engine in engines:
            run_notes = [scale_note] if scale_note else []
            target = Target(engine, scale, args.seed, tokenizer)
            meta = build(target, rebuild=args.rebuild, seed_override=args.seed_command)
            if meta["tokenizer"] == "kiwi" and meta.get("seconds"):
                kiwi_rate.setdefault(engine, meta["seconds"] / scale)
            if meta.get("warning"):
                run_notes.append(meta["warning"])
            if args.build_only:
                continue
            result = run_worker(target, args)
            run = {
                "engine": engine,
                "scale": scale,
                "tokenizer": target.tokenizer,
                "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "git": git_describe(),
                "build": meta,
                "notes": run_notes,
                **{k: v for k, v in result.items() if k not in ("engine", "scale")},
            }
            run["summary"] = summarize(run["queries"])
            if run.get("baseline"):
                run["baseline"]["summary"] = summarize(run["baseline"]["queries"])
            if run.get("stale_documents"):
                run_notes.append(
                    f"{run['stale_documents']} of 200 sampled search documents differ from what"
                    " the current code indexes: stale cached database, rerun with --rebuild"
                )
            wrong = sum(s["page_wrong"] for s in run["summary"] if s["category"] == "all")
            if wrong:
                run_notes.append(f"{wrong} first-page organizations were not exact matches")
            if run["reference_mismatches"]:
                run_notes.append(
                    f"the fast reference disagreed with substring_match"
                    f" {run['reference_mismatches']} times on the check sample"
                )
            runs.append(run)
            print_tables([run])
    if args.build_only:
        return 0
    header = {
        "benchmark": "bench/search.py",
        "machine": machine_info(),
        "config": {
            "scales": scales,
            "engines": engines,
            "queries_per_category": args.queries,
            "repeat": args.repeat,
            "seed": args.seed,
            "tokenizer": args.tokenizer,
            "max_build_minutes": args.max_build_minutes,
        },
    }
    JSON_OUT.parent.mkdir(parents=True, exist_ok=True)
    JSON_OUT.write_text(dump_json(merge_results(runs, header, notes)))
    print("\n=== all runs ===")
    print_tables(runs)
    for note in notes:
        print(f"note: {note}")
    print(f"\nwrote {JSON_OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
