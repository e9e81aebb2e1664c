"""Investor-recommendation benchmark on the shared Crunchbase 2013 files, by time split.

For each cut-off, every system learns from the deals before it and ranks investors for every
company that raised money in the year after it; the investors of that year's deals are the
answers. Scored on Recall@10, Recall@20 and NDCG@20, apart for warm companies (a round before
the cut-off) and cold ones (none), with seconds to train and milliseconds per company:

- ``popularity``: investors by their number of deals before the cut-off (global popularity);
- ``popularity-12m``: the same, counting only the last 12 months (a stronger popularity);
- ``category-popularity``: deals in the company's ``category_code`` (global when it has none);
- ``item-knn``: investor–investor cosine over the companies they backed, summed over the
  company's investors (cold start: global popularity);
- ``implicit-als``: ``implicit``'s AlternatingLeastSquares on company × investor (cold start:
  global popularity); a numpy conjugate-gradient ALS stands in when ``implicit`` is missing;
- ``sadari``: ``sadari_core.recommend.Recommender``.

The test year (2012) is the last year of the files; 2011 is the second, earlier split. Nothing
was tuned on the 2012 split. Writes ``bench/results/recommend.json``; see ``bench/RECOMMEND.md``.

    .venv/bin/python bench/recommend.py            # both cut-offs (~1.5 min on 2 cores)
    .venv/bin/python bench/recommend.py --quick    # the 2011 cut-off only, no ALS
"""

import argparse
import csv
import gzip
import json
import math
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# implicit asks for a single-threaded BLAS (its own threads do the work); numpy follows suit.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import scipy.sparse as sp

from bench._common import ROOT, log, machine_info
from sadari_core.recommend import Recommender
from sadari_core.recommend.crunchbase import CrunchbaseRecords, from_crunchbase

DATA = Path(os.environ.get("SADARI_DATA_DIR", ROOT.parent / "shared" / "data")) / "crunchbase-2013"
RESULTS = ROOT / "bench" / "results" / "recommend.json"
CUTOFFS = (date(2012, 1, 1), date(2011, 1, 1))
KS = (10, 20)
GROUPS = ("warm", "cold", "all")


def _read(name: str) -> list[dict[str, str]]:
    with gzip.open(DATA / name, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load() -> CrunchbaseRecords | str:
    if not DATA.exists():
        return f"{DATA} is absent (set SADARI_DATA_DIR); skipping the recommendation benchmark"
    return from_crunchbase(
        _read("investments_before_2013.csv.gz"),
        _read("companies.csv.gz"),
        _read("rounds_before_2013.csv.gz"),
    )


# --- the split --------------------------------------------------------------------------------


@dataclass
class Split:
    cutoff: date
    train: CrunchbaseRecords
    answers: dict[str, set[str]]  # test company -> investors in the test year
    group: dict[str, str]  # test company -> warm | cold


def split(records: CrunchbaseRecords, cutoff: date) -> Split:
    end = cutoff.replace(year=cutoff.year + 1)
    train = CrunchbaseRecords(
        interactions=[it for it in records.interactions if it.when < cutoff],
        companies=records.companies,  # static profiles: category, region, founding date
        rounds=[r for r in records.rounds if r.when < cutoff],
    )
    answers: dict[str, set[str]] = defaultdict(set)
    for it in records.interactions:
        if cutoff <= it.when < end:
            answers[it.company].add(it.investor)
    had_round = {it.company for it in train.interactions} | {r.company for r in train.rounds}
    group = {c: ("warm" if c in had_round else "cold") for c in answers}
    return Split(cutoff, train, dict(answers), group)


# --- baselines ----------------------------------------------------------------------------------

Ranker = Callable[[str, int], list[str]]


def _ranked(scores: np.ndarray, names: Sequence[str], k: int) -> list[str]:
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.lexsort((top, -scores[top]))]
    return [names[i] for i in top]


class Popularity:
    def __init__(self, s: Split, days: int | None = None) -> None:
        since = s.cutoff - timedelta(days=days) if days else date.min
        counts = Counter(it.investor for it in s.train.interactions if it.when >= since)
        self.names = sorted(counts)
        self.scores = np.array([counts[n] for n in self.names], dtype=np.float64)

    def rank(self, company: str, k: int) -> list[str]:
        return _ranked(self.scores, self.names, k)


class CategoryPopularity:
    def __init__(self, s: Split) -> None:
        category = {c.id: c.category for c in s.train.companies}
        self.category = category
        self.global_ = Popularity(s)
        index = {n: i for i, n in enumerate(self.global_.names)}
        self.by_category: dict[str, np.ndarray] = {}
        for it in s.train.interactions:
            cat = category.get(it.company, "")
            vec = self.by_category.setdefault(cat, np.zeros(len(index)))
            vec[index[it.investor]] += 1
        tie = self.global_.scores / (self.global_.scores.max() * 10)
        for vec in self.by_category.values():
            vec += tie

    def rank(self, company: str, k: int) -> list[str]:
        vec = self.by_category.get(self.category.get(company, ""))
        if vec is None:
            return self.global_.rank(company, k)
        return _ranked(vec, self.global_.names, k)


def _company_investor_matrix(s: Split) -> tuple[sp.csr_matrix, dict[str, int], list[str]]:
    companies = sorted({it.company for it in s.train.interactions})
    investors = sorted({it.investor for it in s.train.interactions})
    ci = {c: i for i, c in enumerate(companies)}
    ii = {n: i for i, n in enumerate(investors)}
    pairs = {(ci[it.company], ii[it.investor]) for it in s.train.interactions}
    rows, cols = zip(*pairs, strict=True)
    matrix = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(companies), len(investors))
    )
    return matrix, ci, investors


class ItemKNN:
    def __init__(self, s: Split) -> None:
        self.matrix, self.companies, self.names = _company_investor_matrix(s)
        co = (self.matrix.T @ self.matrix).tocsr()
        norm = np.sqrt(np.maximum(co.diagonal(), 1.0))
        scale = sp.diags(1.0 / norm)
        self.similarity = (scale @ co @ scale).tocsr()
        self.popularity = Popularity(s)
        pop = np.asarray(self.matrix.sum(axis=0)).ravel()
        self.tie = pop / (pop.max() * 1000)

    def rank(self, company: str, k: int) -> list[str]:
        c = self.companies.get(company)
        if c is None:
            return self.popularity.rank(company, k)
        scores = np.asarray((self.matrix[c] @ self.similarity).todense()).ravel() + self.tie
        return _ranked(scores, self.names, k)


class ImplicitALS:
    """implicit's ALS (or the numpy stand-in) on company × investor, cold start → popularity."""

    def __init__(self, s: Split, factors: int = 64, regularization: float = 0.05) -> None:
        self.matrix, self.companies, self.names = _company_investor_matrix(s)
        self.popularity = Popularity(s)
        try:
            from implicit.als import AlternatingLeastSquares

            model = AlternatingLeastSquares(
                factors=factors,
                regularization=regularization,
                alpha=10.0,
                iterations=15,
                random_state=7,
                num_threads=2,
            )
            model.fit(self.matrix, show_progress=False)
            self.user, self.item = np.asarray(model.user_factors), np.asarray(model.item_factors)
            self.engine = f"implicit {_version('implicit')}"
        except ImportError:
            self.user, self.item = numpy_als(self.matrix, factors, regularization, alpha=10.0)
            self.engine = "numpy CG-ALS (implicit not installed)"

    def rank(self, company: str, k: int) -> list[str]:
        c = self.companies.get(company)
        if c is None:
            return self.popularity.rank(company, k)
        return _ranked(self.item @ self.user[c], self.names, k)


def numpy_als(
    matrix: sp.csr_matrix, factors: int, regularization: float, alpha: float, iterations: int = 15
) -> tuple[np.ndarray, np.ndarray]:
    """Implicit-feedback ALS (Hu, Koren, Volinsky 2008) with a few conjugate-gradient steps per
    row, as in ``implicit``'s CG solver: confidence 1 + alpha·r, preference 1 where r > 0."""
    rng = np.random.default_rng(7)
    users = rng.normal(0, 0.01, (matrix.shape[0], factors))
    items = rng.normal(0, 0.01, (matrix.shape[1], factors))

    def solve(x: np.ndarray, y: np.ndarray, r: sp.csr_matrix) -> None:
        yty = y.T @ y + regularization * np.eye(factors)
        for u in range(r.shape[0]):
            lo, hi = r.indptr[u], r.indptr[u + 1]
            idx, conf = r.indices[lo:hi], 1.0 + alpha * r.data[lo:hi]
            xu = x[u]
            yi = y[idx]
            residual = yi.T @ (conf - (conf - 1.0) * (yi @ xu)) - yty @ xu
            p = residual.copy()
            rs = residual @ residual
            for _ in range(3):
                if rs < 1e-20:
                    break
                ap = yty @ p + yi.T @ ((conf - 1.0) * (yi @ p))
                a = rs / (p @ ap)
                xu = xu + a * p
                residual -= a * ap
                rs_new = residual @ residual
                p = residual + (rs_new / rs) * p
                rs = rs_new
            x[u] = xu

    transposed = matrix.T.tocsr()
    for _ in range(iterations):
        solve(users, items, matrix)
        solve(items, users, transposed)
    return users, items


class Sadari:
    def __init__(self, s: Split) -> None:
        self.model = Recommender().fit(
            s.train.interactions, s.train.companies, rounds=s.train.rounds, as_of=s.cutoff
        )

    def rank(self, company: str, k: int) -> list[str]:
        return [r.item for r in self.model.recommend_investors(company, k)]


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


# --- scoring ----------------------------------------------------------------------------------


def evaluate(rank: Ranker, s: Split) -> tuple[dict[str, dict[str, float]], float]:
    sums: dict[str, Counter[str]] = {g: Counter() for g in GROUPS}
    counts = Counter[str]()
    started = time.perf_counter()
    ranked = {c: rank(c, max(KS)) for c in s.answers}
    elapsed = time.perf_counter() - started
    for company, answers in s.answers.items():
        top = ranked[company]
        hits = [name in answers for name in top]
        metrics = {f"recall@{k}": sum(hits[:k]) / len(answers) for k in KS}
        dcg = sum(1.0 / math.log2(i + 2) for i, hit in enumerate(hits[:20]) if hit)
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(answers), 20)))
        metrics["ndcg@20"] = dcg / ideal
        for group in (s.group[company], "all"):
            counts[group] += 1
            sums[group].update(metrics)
    table = {
        g: {m: round(v / counts[g], 4) for m, v in sums[g].items()} | {"companies": counts[g]}
        for g in GROUPS
        if counts[g]
    }
    return table, elapsed / max(len(s.answers), 1) * 1000


def ceiling(s: Split) -> dict[str, float]:
    """Recall@20 no system can pass: answers never seen before the cut-off cannot be ranked."""
    seen = {it.investor for it in s.train.interactions}
    out: dict[str, list[float]] = defaultdict(list)
    for company, answers in s.answers.items():
        best = min(len(answers & seen), 20) / len(answers)
        out[s.group[company]].append(best)
        out["all"].append(best)
    return {g: round(sum(v) / len(v), 4) for g, v in out.items()}


def run_split(records: CrunchbaseRecords, cutoff: date, systems: Sequence[str]) -> dict:
    s = split(records, cutoff)
    groups = Counter(s.group.values())
    log(
        f"cut-off {cutoff}: {len(s.train.interactions):,} training deals; test year "
        f"{len(s.answers):,} companies ({groups['warm']:,} warm, {groups['cold']:,} cold)"
    )
    builders: dict[str, Callable[[Split], object]] = {
        "popularity": Popularity,
        "popularity-12m": lambda sp_: Popularity(sp_, days=365),
        "category-popularity": CategoryPopularity,
        "item-knn": ItemKNN,
        "implicit-als": ImplicitALS,
        "sadari": Sadari,
    }
    out: dict = {
        "cutoff": cutoff.isoformat(),
        "test_year": f"{cutoff} .. {cutoff.replace(year=cutoff.year + 1) - timedelta(days=1)}",
        "training_deals": len(s.train.interactions),
        "test_companies": dict(groups),
        "test_edges": sum(len(a) for a in s.answers.values()),
        "recall20_ceiling": ceiling(s),
        "systems": {},
    }
    for name in systems:
        started = time.perf_counter()
        system = builders[name](s)
        train_s = time.perf_counter() - started
        table, ms = evaluate(system.rank, s)  # type: ignore[attr-defined]
        entry = {"train_s": round(train_s, 2), "ms_per_company": round(ms, 3), **table}
        if isinstance(system, ImplicitALS):
            entry["engine"] = system.engine
        if isinstance(system, Sadari):
            entry["training"] = system.model.report.as_dict()
        out["systems"][name] = entry
        log(
            f"  {name:20s} train {train_s:6.1f} s  {ms:6.2f} ms/company  "
            + "  ".join(
                f"{g}: R@20 {table[g]['recall@20']:.4f}" for g in ("warm", "cold") if g in table
            )
        )
    return out


def print_table(results: list[dict]) -> None:
    for res in results:
        print(
            f"\ncut-off {res['cutoff']} (test {res['test_year']}; "
            f"{res['test_companies'].get('warm', 0):,} warm + "
            f"{res['test_companies'].get('cold', 0):,} cold companies; "
            f"Recall@20 ceiling warm {res['recall20_ceiling'].get('warm', 0):.3f}, "
            f"cold {res['recall20_ceiling'].get('cold', 0):.3f})"
        )
        header = f"{'system':20s} {'group':5s} {'R@10':>7s} {'R@20':>7s} {'NDCG@20':>8s}"
        print(header + f" {'train s':>8s} {'ms/co':>7s}")
        print("-" * (len(header) + 17))
        pop = res["systems"].get("popularity", {})
        for name, entry in res["systems"].items():
            for g in ("warm", "cold"):
                if g not in entry:
                    continue
                row = entry[g]
                ratio = ""
                if name != "popularity" and g in pop and pop[g]["recall@20"]:
                    ratio = f"  ×{row['recall@20'] / pop[g]['recall@20']:.2f} pop"
                print(
                    f"{name:20s} {g:5s} {row['recall@10']:7.4f} {row['recall@20']:7.4f} "
                    f"{row['ndcg@20']:8.4f} {entry['train_s']:8.1f} "
                    f"{entry['ms_per_company']:7.2f}{ratio}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="the 2011 cut-off only, no ALS")
    parser.add_argument("--systems", nargs="*", help="only these systems")
    args = parser.parse_args()
    records = load()
    if isinstance(records, str):
        print(records)
        return
    systems = args.systems or [
        "popularity",
        "popularity-12m",
        "category-popularity",
        "item-knn",
        "implicit-als",
        "sadari",
    ]
    cutoffs = CUTOFFS
    if args.quick:
        cutoffs = (CUTOFFS[1],)
        systems = [s for s in systems if s != "implicit-als"]
    started = time.perf_counter()
    results = [run_split(records, cutoff, systems) for cutoff in cutoffs]
    print_table(results)
    if args.quick or args.systems:
        return
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine_info(),
        "data": str(DATA.relative_to(DATA.parent.parent.parent))
        if DATA.is_relative_to(ROOT.parent)
        else str(DATA),
        "total_s": round(time.perf_counter() - started, 1),
        "splits": results,
    }
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
