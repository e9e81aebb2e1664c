"""Ingest benchmark: how fast federation batches land, and how soon a pushed change reaches a
change-feed subscriber.

    .venv/bin/python bench/ingest.py                  # SQLite, default sizes (~3 min)
    .venv/bin/python bench/ingest.py --records 2000 --pushes 50 --tokenizer bigram

1. **Throughput** (records/s, one process, the real pipeline: schema validation, cleaning,
   entity resolution, claims, survivorship, change events, search indexing):
   - ``create``: organizations new to the directory (no business number known to it);
   - ``link``: records about existing organizations, found by business number (claims only,
     plus a re-index when a shown value changes);
   - ``unchanged``: the same batch again (content hashes: nothing is written);
   - ``daily``: a feed's daily re-send: the create batch again with 8% changed, 2% new.
   Without ``_queued``, the default immediate task backend indexes each chunk for search right
   after it commits (in the timed path); with ``_queued``, a worker would (the Dummy backend
   holds the task), and ``index_worker`` times draining that queue on its own.
   Each path also gives records per second of the process's CPU time (``cpu_records_per_s``):
   on a machine shared with other work, wall-clock rates fall with the load and this one less.
2. **Push → change feed**: a web server (``manage.py runserver``) on loopback; the benchmark
   keeps an SSE connection to ``/api/v1/changes/stream`` open and pushes one-record batches
   through ``POST /api/v1/federation/sources/<slug>/batches``; latency = the event's arrival on
   the stream minus the push's start.

A fresh SQLite database in a temporary directory is built for each run (``migrate`` +
``seed_demo --startups N``; the demo's own feeds are part of the seed). Results are printed and
written to ``bench/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import log, machine_info, median, percentile  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "ingest.json"
TARGET_RECORDS_PER_S = 5000
TARGET_FEED_P95_MS = 1000


def _env(var_dir: str, tokenizer: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SADARI_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="sadari.settings",
        SADARI_VAR_DIR=var_dir,
        SADARI_TOKENIZER=tokenizer,
        SADARI_LOG_LEVEL="WARNING",
        # As in production: with DEBUG on, Django also logs every query (and quotes its
        # parameters with an extra SQLite call), which is not what an institution's feed meets.
        SADARI_DEBUG="false",
        SADARI_SECRET_KEY="bench-only-" + "x" * 40,
        SADARI_SSL_REDIRECT="false",  # the loopback server speaks plain HTTP
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True)


# --- 1. throughput (runs inside a worker process with Django set up) --------------------------

WORKER = r"""
import json, random, sys, time
import django
django.setup()
from django.test.utils import override_settings
from sadari.directory.models import Organization, PendingIndex
from sadari.directory.search import analyzer, index_pending
from sadari.federation.ingest import ingest_run_create, ingest_run_execute
from sadari.federation.services import source_create
from sadari.demo.generator import generate_startups

n = int(sys.argv[1])
owner = Organization.objects.filter(kind="institution").order_by("pk").first()
source, _token = source_create(slug="bench", name="Bench", owner=owner, priority=55)
rng = random.Random(7)
known = list(Organization.objects.filter(kind="startup").exclude(business_number=None).order_by("pk")[:2 * n])

def create_records(seed, prefix):
    # Realistic, varied names from the demo's generator (another seed): mostly new companies.
    return [{"kind": "organization", "id": f"{prefix}-{i}", "data": {
        "name_ko": spec.name_ko, "name_en": spec.name_en, "district": spec.district,
        "employees": spec.employees, "homepage": f"https://{spec.slug}-{i}.example",
        "founded_on": spec.founded_on.isoformat(), "industry": spec.industry, "stage": spec.stage}}
        for i, spec in enumerate(generate_startups(seed, n))]

def link_records(orgs):
    return [{"kind": "organization", "id": f"known-{o.pk}", "data": {
        "name_ko": o.name_ko, "business_number": o.business_number,
        "employees": (o.employees or 1) + 1, "homepage": f"https://www.bench-{o.pk}.example"}}
        for o in orgs]

def daily(records, seed):
    # A daily re-send of a feed: most records as before, 8% changed, 2% new companies.
    out, r = [], random.Random(seed)
    for rec in records:
        roll = r.random()
        if roll < 0.08:
            rec = {**rec, "data": {**rec["data"], "employees": (rec["data"].get("employees") or 1) + 1}}
        out.append(rec)
    extra = create_records(seed, f"day{seed}")[: max(1, len(records) // 50)]
    return out + extra

def run(label, records):
    ingest_run, _ = ingest_run_create(source=source, records=records, idempotency_key=label)
    cpu = time.process_time()
    started = time.perf_counter()
    ingest_run = ingest_run_execute(ingest_run)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    # cpu_records_per_s: per second of this process's CPU time — the rate without the time spent
    # waiting for a core or for the disk (telling on a shared machine).
    return {"records": len(records), "seconds": round(seconds, 3),
            "records_per_s": round(len(records) / seconds, 1),
            "cpu_records_per_s": round(len(records) / max(cpu, 1e-9), 1),
            "created": ingest_run.created, "updated": ingest_run.updated,
            "unchanged": ingest_run.unchanged, "rejected": ingest_run.rejected}

analyzer().index_text("워밍업: 형태소 분석기를 미리 불러 둡니다")  # load the Korean model first
run("warm-up", create_records(999, "warm")[:20])  # and every code path once, untimed
out = {}
# 1. Inline: the default immediate task backend indexes each chunk right after it commits.
created = create_records(4242, "new")
out["create"] = run("create", created)
out["create_unchanged"] = run("create-again", created)
out["link"] = run("link", link_records(known[:n]))
out["link_unchanged"] = run("link-again", link_records(known[:n]))
out["daily"] = run("daily", daily(created, 1))
# 2. With a worker: indexing is queued for a task the ingest does not wait for; timed apart.
with override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}):
    queued = create_records(4343, "queued")
    out["create_queued"] = run("create-queued", queued)
    out["link_queued"] = run("link-queued", link_records(known[n:]))
    out["daily_queued"] = run("daily-queued", daily(queued, 2))
pending = PendingIndex.objects.values("kind", "object_id").distinct().count()
started = time.perf_counter()
index_pending()
seconds = time.perf_counter() - started
out["index_worker"] = {"records": pending, "seconds": round(seconds, 3),
                       "records_per_s": round(pending / seconds, 1)}
print("RESULT " + json.dumps(out))
"""


def throughput(env: dict[str, str], records: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, str(records)],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(line.removeprefix("RESULT "))


# --- 2. push → change feed ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _token(env: dict[str, str]) -> str:
    code = (
        "import django; django.setup();"
        "from sadari.directory.models import Organization;"
        "from sadari.federation.services import source_create;"
        "o = Organization.objects.filter(kind='institution').order_by('pk').first();"
        "print(source_create(slug='bench-push', name='Bench push', owner=o)[1])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-1]


def feed_latency(env: dict[str, str], pushes: int) -> dict:
    token = _token(env)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/changes?limit=1", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        arrivals: dict[str, float] = {}
        stop = threading.Event()

        def listen() -> None:
            after = ""
            while True:  # the feed's head: page to the end
                page = json.loads(
                    urllib.request.urlopen(
                        f"{base}/api/v1/changes?limit=200&after={after}", timeout=10
                    ).read()
                )
                after = page.get("next_cursor") or after
                if not page.get("has_more"):
                    break
            while not stop.is_set():
                url = f"{base}/api/v1/changes/stream?kinds=organization&after={after}"
                with urllib.request.urlopen(url, timeout=70) as stream:
                    for raw in stream:
                        line = raw.decode().strip()
                        if line.startswith("id:"):
                            after = line[3:].strip()
                        if line.startswith("data:"):
                            data = json.loads(line[5:])
                            name = (data.get("data") or {}).get("name", "")
                            arrivals.setdefault(name, time.perf_counter())
                        if stop.is_set():
                            return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        time.sleep(1.0)
        starts: dict[str, float] = {}
        for i in range(-3, pushes):  # three untimed pushes warm the server (Korean model load)
            name = f"실시간랩{i + 3:04d}"
            body = json.dumps(
                {
                    "records": [
                        {"kind": "organization", "id": f"live-{i + 3}", "data": {"name_ko": name}}
                    ]
                }
            ).encode()
            request = urllib.request.Request(
                f"{base}/api/v1/federation/sources/bench-push/batches",
                data=body,
                method="POST",
                headers={
                    "Authorization": f"Bearer {token}",
                    "Idempotency-Key": f"live-{i + 3}",
                    "Content-Type": "application/json",
                },
            )
            started = time.perf_counter()
            urllib.request.urlopen(request, timeout=30).read()
            if i >= 0:
                starts[name] = started
            time.sleep(random.uniform(0.05, 0.15))
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and len(set(starts) & set(arrivals)) < len(starts):
            time.sleep(0.05)
        stop.set()
        latencies = [(arrivals[n] - t) * 1000 for n, t in starts.items() if n in arrivals]
        return {
            "pushes": pushes,
            "received": len(latencies),
            "p50_ms": round(median(latencies), 1) if latencies else None,
            "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
            "max_ms": round(max(latencies), 1) if latencies else None,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--startups", type=int, default=3000, help="demo startups in the database")
    parser.add_argument("--records", type=int, default=1000, help="records per throughput batch")
    parser.add_argument("--pushes", type=int, default=100, help="pushes timed through the feed")
    parser.add_argument(
        "--tokenizer",
        default=os.environ.get("SADARI_TOKENIZER", "kiwi"),
        choices=["kiwi", "bigram"],
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="sadari-bench-ingest-") as var_dir:
        env = _env(var_dir, args.tokenizer)
        log(f"Building a demo database ({args.startups:,} startups, {args.tokenizer}) …")
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "seed_demo", "--startups", str(args.startups))
        log(f"Throughput: {args.records:,} records per batch …")
        rates = throughput(env, args.records)
        log(f"Push → change feed: {args.pushes} pushes …")
        feed = feed_latency(env, args.pushes)
    result = {
        "benchmark": "ingest",
        "machine": machine_info(),
        # 1-minute load averages before and after (other processes compete for the cores).
        "load_avg": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "config": vars(args),
        "targets": {"records_per_s": TARGET_RECORDS_PER_S, "feed_p95_ms": TARGET_FEED_P95_MS},
        "throughput": rates,
        "feed": feed,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print()
    print(
        f"{'path':<20}{'records':>9}{'seconds':>10}{'records/s':>12}{'per CPU s':>12}"
        f"   (target {TARGET_RECORDS_PER_S:,}/s; load {result['load_avg'][0]}–{result['load_avg'][1]})"
    )
    for label, row in rates.items():
        cpu = f"{row['cpu_records_per_s']:>12,.0f}" if "cpu_records_per_s" in row else ""
        print(
            f"{label:<20}{row['records']:>9,}{row['seconds']:>10.2f}{row['records_per_s']:>12,.0f}"
            + cpu
        )
    print()
    print(
        f"push → change feed: {feed['received']}/{feed['pushes']} received; p50 {feed['p50_ms']} ms, "
        f"p95 {feed['p95_ms']} ms, max {feed['max_ms']} ms (target p95 ≤ {TARGET_FEED_P95_MS} ms)"
    )
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
