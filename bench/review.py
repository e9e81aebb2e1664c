"""Review benchmark: score aggregation against a known truth, and reviewer assignment at size.

**Score aggregation.** A simulated batch per seed (seeds 1..8), in two scenarios:

- ``expertise``: reviewers are assigned by :func:`sadari_core.scheduling.assign_reviewers` on
  industry/tag affinity, and industries differ in mean quality — so each reviewer sees a
  non-random slice of the batch (the realistic case, where per-reviewer z-scores are biased);
- ``random``: each submission gets k reviewers drawn at random (the z-score's best case).

Generator (300 submissions, 40 reviewers, k = 3, scale 1..10):

- industry offset ``N(0, 0.6)`` for 6 industries; true quality ``q = offset + N(0, 1)``;
- reviewer leniency ``bias ~ N(0, 1)`` points, scale ``exp(N(0, 0.35))``, noise sd ``U(0.5, 1.5)``;
- reviewer capacity ``U{4..40}``, all raised by 1 until there is 15 % slack (some reviewers
  see few submissions);
- score ``= clip(round(5.5 + bias + scale · 1.5 · q + noise), 1, 10)`` — integers, clipped;
- each assigned review is missing with probability 0.15 (at least one review is kept).

Each of ``mean``, ``median``, ``zscore`` and ``calibrated`` (:func:`sadari_core.review.aggregate`)
is scored by Spearman and Kendall correlation of its estimates with ``q`` and by precision of its
top 10 against the true top 10.

**Assignment.** 500 submissions × 80 reviewers, k = 3, 30 tags, 8 industries, ko/en, capacity
``U{15..30}``, 2 % random conflicts: solve time, mean affinity, loads, violated conflicts and
capacities; a greedy baseline (each submission in turn takes its k best reviewers with room) for
comparison; and the time to reassign one declined pair.

Writes ``bench/results/review.json``; see ``bench/REVIEW.md``.

    .venv/bin/python bench/review.py            # ~20 s
    .venv/bin/python bench/review.py --seeds 3  # quicker
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from scipy.stats import kendalltau, spearmanr

from bench._common import ROOT, machine_info
from sadari_core.review import METHODS, Score, aggregate
from sadari_core.scheduling import Reviewer, Submission, affinity, assign_reviewers, reassign

RESULTS = ROOT / "bench" / "results" / "review.json"
N_SUBS, N_REVS, K, MISSING, TOP = 300, 40, 3, 0.15, 10
SCENARIOS = ("expertise", "random")


# --- score simulation ---------------------------------------------------------------------------


def simulate(seed: int, scenario: str) -> tuple[list[Score], np.ndarray]:
    rng = np.random.default_rng(seed)
    industries = [f"ind{i}" for i in range(6)]
    offset = rng.normal(0, 0.6, len(industries))
    sub_ind = rng.integers(0, len(industries), N_SUBS)
    quality = offset[sub_ind] + rng.normal(0, 1, N_SUBS)
    bias = rng.normal(0, 1, N_REVS)
    scale = np.exp(rng.normal(0, 0.35, N_REVS))
    noise = rng.uniform(0.5, 1.5, N_REVS)
    capacity = rng.integers(4, 41, N_REVS)
    while capacity.sum() < 1.15 * N_SUBS * K:  # room for every review, with some slack
        capacity += 1
    if scenario == "expertise":
        subs = [Submission(f"s{i:03d}", industry=industries[sub_ind[i]]) for i in range(N_SUBS)]
        revs = [
            Reviewer(
                f"r{j:02d}",
                industries=frozenset(rng.choice(industries, 2, replace=False).tolist()),
                capacity=int(capacity[j]),
            )
            for j in range(N_REVS)
        ]
        # Industry match dominates; a little jitter so ties do not decide who reviews what.
        scores = np.array([[affinity(s, r) for r in revs] for s in subs])
        scores += rng.uniform(0, 0.05, scores.shape)
        plan = assign_reviewers(subs, revs, k=K, affinity=scores, balance_weight=0.1)
        pairs = [(int(p.submission[1:]), int(p.reviewer[1:])) for p in plan.pairs]
    else:
        pairs = [(i, int(j)) for i in range(N_SUBS) for j in rng.choice(N_REVS, K, replace=False)]
    out: list[Score] = []
    kept: dict[int, int] = {}
    for i, j in pairs:
        if rng.random() < MISSING and kept.get(i, 0) + 1 < K:
            continue  # keeps at least one of each submission's reviews
        kept[i] = kept.get(i, 0) + 1
        raw = 5.5 + bias[j] + scale[j] * 1.5 * quality[i] + rng.normal(0, noise[j])
        out.append(Score(f"s{i:03d}", f"r{j:02d}", float(np.clip(np.round(raw), 1, 10))))
    return out, quality


def evaluate(seeds: int) -> dict:
    per: dict[str, dict[str, dict[str, list[float]]]] = {
        sc: {m: {"spearman": [], "kendall": [], "top10": []} for m in METHODS} for sc in SCENARIOS
    }
    timing: dict[str, dict[str, list[float]]] = {sc: {m: [] for m in METHODS} for sc in SCENARIOS}
    n_scores: list[int] = []
    for scenario in SCENARIOS:
        for seed in range(1, seeds + 1):
            scores, quality = simulate(seed, scenario)
            n_scores.append(len(scores))
            truth_top = set(np.argsort(-quality, kind="stable")[:TOP].tolist())
            for method in METHODS:
                t0 = time.perf_counter()
                result = aggregate(scores, lo=1, hi=10, method=method)
                timing[scenario][method].append(time.perf_counter() - t0)
                ids = sorted(result.submissions)
                est = np.array([result.submissions[s].estimate for s in ids])
                true = quality[[int(s[1:]) for s in ids]]
                top = {int(s.submission[1:]) for s in result.ranking()[:TOP]}
                row = per[scenario][method]
                row["spearman"].append(float(spearmanr(est, true).statistic))
                row["kendall"].append(float(kendalltau(est, true).statistic))
                row["top10"].append(len(top & truth_top) / TOP)
    summary: dict = {
        "scenarios": {},
        "seeds": seeds,
        "mean_scores_per_batch": float(np.mean(n_scores)),
    }
    for scenario in SCENARIOS:
        table = {}
        for method in METHODS:
            row = per[scenario][method]
            table[method] = {
                metric: {
                    "mean": round(float(np.mean(v)), 4),
                    "sd": round(float(np.std(v)), 4),
                    "per_seed": [round(x, 4) for x in v],
                }
                for metric, v in row.items()
            }
            table[method]["ms"] = round(1000 * float(np.mean(timing[scenario][method])), 1)
        wins = {
            metric: sum(
                c > z
                for c, z in zip(
                    per[scenario]["calibrated"][metric],
                    per[scenario]["zscore"][metric],
                    strict=True,
                )
            )
            for metric in ("spearman", "kendall")
        }
        summary["scenarios"][scenario] = {"methods": table, "calibrated_beats_zscore": wins}
    return summary


# --- assignment at size ---------------------------------------------------------------------------


def greedy(
    subs: list[Submission], revs: list[Reviewer], scores: np.ndarray, conflicts: set
) -> dict:
    load = np.zeros(len(revs), dtype=int)
    cap = np.array([r.capacity for r in revs])
    total = 0.0
    for i, s in enumerate(subs):
        order = np.argsort(-scores[i], kind="stable")
        chosen = [j for j in order if load[j] < cap[j] and (s.id, revs[j].id) not in conflicts][:K]
        load[chosen] += 1
        total += float(scores[i, chosen].sum())
    return {
        "mean_affinity": round(total / (K * len(subs)), 4),
        "max_load": int(load.max()),
        "min_load": int(load.min()),
        "load_sd": round(float(load.std()), 2),
    }


def assignment_bench(seed: int = 7) -> dict:
    rng = random.Random(seed)
    tags = [f"t{i}" for i in range(30)]
    industries = [f"i{i}" for i in range(8)]
    subs = [
        Submission(
            f"s{i:03d}",
            frozenset(rng.sample(tags, 3)),
            rng.choice(industries),
            "ko" if rng.random() < 0.7 else "en",
        )
        for i in range(500)
    ]
    revs = [
        Reviewer(
            f"r{j:02d}",
            frozenset(rng.sample(tags, 6)),
            frozenset(rng.sample(industries, 2)),
            frozenset({"ko", "en"} if rng.random() < 0.6 else {"ko"}),
            rng.randint(15, 30),
        )
        for j in range(80)
    ]
    conflicts = {(s.id, r.id) for s in subs for r in revs if rng.random() < 0.02}
    scores = np.array([[affinity(s, r) for r in revs] for s in subs])
    t0 = time.perf_counter()
    plan = assign_reviewers(subs, revs, k=K, conflicts=conflicts)
    solve = time.perf_counter() - t0
    first = plan.pairs[0]
    t0 = time.perf_counter()
    reassign(plan, (first.submission, first.reviewer))
    re_solve = time.perf_counter() - t0
    cap = {r.id: r.capacity for r in revs}
    loads = np.array(list(plan.load.values()))
    return {
        "submissions": len(subs),
        "reviewers": len(revs),
        "k": K,
        "conflicts": len(conflicts),
        "total_capacity": sum(cap.values()),
        "solve_s": round(solve, 3),
        "reassign_s": round(re_solve, 3),
        "sadari": {
            "mean_affinity": round(plan.mean_affinity, 4),
            "max_load": int(loads.max()),
            "min_load": int(loads.min()),
            "load_sd": round(float(loads.std()), 2),
        },
        "greedy": greedy(subs, revs, scores, conflicts),
        "conflicts_violated": sum((p.submission, p.reviewer) in conflicts for p in plan.pairs),
        "capacity_violated": sum(plan.load[r] > cap[r] for r in cap),
        "short_submissions": sum(len(plan.reviewers_of(s.id)) != K for s in subs),
    }


# --- report -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=8)
    args = parser.parse_args()
    t0 = time.perf_counter()
    scores = evaluate(args.seeds)
    assignment = assignment_bench()
    for scenario, block in scores["scenarios"].items():
        print(f"\nscores · {scenario} assignment · {args.seeds} seeds · mean ± sd")
        print(f"{'method':<11} {'Spearman':>15} {'Kendall':>15} {'top-10 prec':>15} {'ms':>7}")
        for method, row in block["methods"].items():
            cells = [
                f"{row[m]['mean']:.3f} ± {row[m]['sd']:.3f}"
                for m in ("spearman", "kendall", "top10")
            ]
            print(f"{method:<11} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15} {row['ms']:>7}")
        wins = block["calibrated_beats_zscore"]
        print(
            f"calibrated > zscore: Spearman {wins['spearman']}/{args.seeds} seeds, "
            f"Kendall {wins['kendall']}/{args.seeds}"
        )
    a = assignment
    print(
        f"\nassignment · {a['submissions']} × {a['reviewers']} · k={a['k']} · {a['conflicts']} conflicts"
    )
    print(f"{'':<8} {'mean aff':>9} {'max load':>9} {'min load':>9} {'load sd':>8}")
    for name in ("sadari", "greedy"):
        r = a[name]
        print(
            f"{name:<8} {r['mean_affinity']:>9.4f} {r['max_load']:>9} {r['min_load']:>9} {r['load_sd']:>8}"
        )
    print(
        f"solve {a['solve_s']} s · reassign {a['reassign_s']} s · conflicts violated "
        f"{a['conflicts_violated']} · capacity violated {a['capacity_violated']} · "
        f"short {a['short_submissions']}"
    )
    total = round(time.perf_counter() - t0, 1)
    print(f"\ntotal {total} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": machine_info(),
                "scores": scores,
                "assignment": assignment,
                "total_s": total,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
