"""Job fair benchmark: Sadari's whole-fair interview schedule against first-come self-booking.

A generated fair (seeded) in the shape of the issue: 60 companies, 600 seekers, 12 slots of
20 minutes with one fair-wide lunch break. Generator:

- 8 job families; each company hires in one (popularity ``Gamma(2, 1)``), with 3–7 interviewers
  (larger companies more), and 15 % of companies block 1–2 slots (arrive late, leave early);
- each seeker targets one family (popular families more often) and blocks 0–2 slots (20 %);
  match score = 0.55 · same family + 0.30 · skill overlap ``Beta(2, 3)`` + 0.15 · popularity;
- each seeker requests 2–3 companies (popular ones more often), each company invites 5 seekers,
  1 % of pairs are refused by one side; preferred slots: morning or afternoon per seeker;
- floor 4 interviews per seeker, limit 6.

Scenarios: ``issue`` (as above; capacity above the 2,400 interviews the floor needs),
``tight`` (interviewers 1–5: capacity below the floor), ``gap`` (a free slot between a
seeker's interviews), ``brief`` (600 seekers × 40 companies × 16 slots). Each is scheduled by
:func:`sadari_core.scheduling.schedule_fair` and by :func:`greedy_schedule` (seekers arrive in
random order and each books the earliest free slot with their 8 best companies). Then 30
walk-ins arrive before slot 4 and 5 % of seekers do not show: :func:`reschedule` re-optimizes.

Reports total match score, objective, interviews, per-seeker min/mean, seekers with none and
below the floor, hard-constraint violations and solve time. Writes ``bench/results/fair.json``;
see ``bench/FAIR.md``.

    .venv/bin/python bench/fair.py           # ~1-2 min
    .venv/bin/python bench/fair.py --quick   # the issue scenario only
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bench._common import ROOT, machine_info
from sadari_core.scheduling import (
    FairCompany,
    FairProblem,
    FairSchedule,
    FairSeeker,
    greedy_schedule,
    reschedule,
    schedule_fair,
    violations,
)

RESULTS = ROOT / "bench" / "results" / "fair.json"
FAMILIES = 8
SCENARIOS = {
    "issue": {"seekers": 600, "companies": 60, "slots": 12, "interviewers": (3, 7), "gap": 0},
    "tight": {"seekers": 600, "companies": 60, "slots": 12, "interviewers": (1, 5), "gap": 0},
    "gap": {"seekers": 600, "companies": 60, "slots": 12, "interviewers": (3, 7), "gap": 1},
    "brief": {"seekers": 600, "companies": 40, "slots": 16, "interviewers": (3, 8), "gap": 0},
}


def generate(
    seekers: int, companies: int, slots: int, interviewers: tuple[int, int], gap: int, seed: int
) -> FairProblem:
    rng = np.random.default_rng(seed)
    popularity = rng.gamma(2.0, 1.0, companies)
    popularity /= popularity.max()
    family = rng.integers(0, FAMILIES, companies)
    lo, hi = interviewers
    staff = np.clip(np.round(lo + popularity * (hi - lo) + rng.normal(0, 0.7, companies)), lo, hi)
    lunch = slots // 2
    company_list = []
    for j in range(companies):
        blocked: set[int] = set()
        if rng.random() < 0.15:
            k = int(rng.integers(1, 3))
            blocked = set(range(k)) if rng.random() < 0.5 else set(range(slots - k, slots))
        company_list.append(FairCompany(f"c{j:02d}", int(staff[j]), frozenset(blocked)))
    family_weight = np.bincount(family, weights=popularity, minlength=FAMILIES) + 0.2
    target = rng.choice(FAMILIES, size=seekers, p=family_weight / family_weight.sum())
    seeker_list = []
    for i in range(seekers):
        blocked = set()
        if rng.random() < 0.2:
            blocked = {int(t) for t in rng.choice(slots, size=rng.integers(1, 3), replace=False)}
        half = range(lunch) if rng.random() < 0.5 else range(lunch + 1, slots)
        seeker_list.append(FairSeeker(f"s{i:03d}", frozenset(blocked), frozenset(half)))
    same = (target[:, None] == family[None, :]).astype(float)
    overlap = rng.beta(2, 3, (seekers, companies))
    scores = 0.55 * same + 0.30 * overlap + 0.15 * popularity[None, :]
    requested = set()
    for i in range(seekers):
        appeal = scores[i] + popularity
        chosen = rng.choice(
            companies, size=int(rng.integers(2, 4)), replace=False, p=appeal / appeal.sum()
        )
        requested.update((f"s{i:03d}", f"c{int(j):02d}") for j in chosen)
    invited = set()
    for j in range(companies):
        best = np.argsort(-scores[:, j])[:40]
        invited.update((f"s{int(i):03d}", f"c{j:02d}") for i in rng.choice(best, 5, replace=False))
    refused = {
        (f"s{i:03d}", f"c{j:02d}")
        for i, j in zip(*np.nonzero(rng.random((seekers, companies)) < 0.01), strict=True)
    }
    return FairProblem(
        seekers=tuple(seeker_list),
        companies=tuple(company_list),
        n_slots=slots,
        scores=scores,
        requested=frozenset(requested),
        invited=frozenset(invited),
        refused=frozenset(refused),
        breaks=frozenset({lunch}),
        min_interviews=4,
        max_interviews=6,
        min_gap=gap,
    )


def capacity(problem: FairProblem) -> int:
    return sum(
        c.interviewers
        * sum(1 for t in range(problem.n_slots) if t not in problem.breaks | c.blocked_slots)
        for c in problem.companies
    )


def measure(problem: FairProblem, schedule: FairSchedule) -> dict:
    counts = schedule.counts()
    per_seeker = [counts.get(s.id, 0) for s in problem.seekers]
    return {
        "method": schedule.method,
        "is_optimal": schedule.is_optimal,
        "gap": None if schedule.gap is None else round(schedule.gap, 5),
        "total_score": round(schedule.total_score, 2),
        "objective": round(schedule.objective, 2),
        "interviews": len(schedule.interviews),
        "per_seeker_min": min(per_seeker),
        "per_seeker_mean": round(float(np.mean(per_seeker)), 3),
        "seekers_without_interview": sum(1 for n in per_seeker if n == 0),
        "seekers_below_floor": len(schedule.short),
        "shortfall": sum(schedule.short.values()),
        "requested_met": sum(1 for iv in schedule.interviews if iv.is_requested),
        "violations": len(violations(problem, schedule.interviews)),
        "solve_s": round(schedule.seconds, 2),
        "variables": schedule.n_variables,
    }


def walk_ins(problem: FairProblem, first: FairSchedule, seed: int) -> dict:
    """30 walk-ins registered before slot 4; 5 % of seekers did not come."""
    rng = np.random.default_rng(seed + 1)
    n_new = 30
    new_seekers = tuple(FairSeeker(f"w{i:02d}") for i in range(n_new))
    scores = np.vstack([problem.scores, rng.random((n_new, len(problem.companies))) * 0.8])
    later = FairProblem(
        seekers=(*problem.seekers, *new_seekers),
        companies=problem.companies,
        n_slots=problem.n_slots,
        scores=scores,
        requested=problem.requested,
        invited=problem.invited,
        refused=problem.refused,
        breaks=problem.breaks,
        min_interviews=problem.min_interviews,
        max_interviews=problem.max_interviews,
        min_gap=problem.min_gap,
    )
    absent = {s.id for s in problem.seekers if rng.random() < 0.05}
    second = reschedule(later, first, from_slot=4, no_shows=absent)
    before = {(iv.seeker, iv.company, iv.slot) for iv in first.interviews if iv.slot >= 4}
    before = {t for t in before if t[0] not in absent}
    after = {(iv.seeker, iv.company, iv.slot) for iv in second.interviews}
    counts = second.counts()
    return {
        "walk_ins": n_new,
        "no_shows": len(absent),
        "solve_s": round(second.seconds, 2),
        "method": second.method,
        "kept_future_interviews": round(len(before & after) / max(1, len(before)), 3),
        "walk_in_interviews_mean": round(
            float(np.mean([counts.get(s.id, 0) for s in new_seekers])), 2
        ),
        "past_kept": all(
            (iv.seeker, iv.company, iv.slot) in after
            for iv in first.interviews
            if iv.slot < 4 and iv.seeker not in absent
        ),
        "violations_after_slot_4": len(
            violations(later, [iv for iv in second.interviews if iv.slot >= 4])
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="only the issue scenario")
    args = parser.parse_args()
    t0 = time.perf_counter()
    results: dict = {}
    names = ["issue"] if args.quick else list(SCENARIOS)
    print(
        f"{'scenario':<8} {'method':<10} {'score':>8} {'objective':>9} {'intv':>5} {'min':>4} "
        f"{'mean':>5} {'none':>5} {'<floor':>6} {'viol':>4} {'gap':>7} {'time s':>7}"
    )
    for name in names:
        spec = SCENARIOS[name]
        problem = generate(
            spec["seekers"],
            spec["companies"],
            spec["slots"],
            spec["interviewers"],
            spec["gap"],
            args.seed,
        )
        sadari = schedule_fair(problem)
        order = [s.id for s in problem.seekers]
        np.random.default_rng(args.seed).shuffle(order)
        greedy = greedy_schedule(problem, order=order)
        row = {
            "size": {k: spec[k] for k in ("seekers", "companies", "slots")},
            "min_gap": spec["gap"],
            "capacity": capacity(problem),
            "floor_demand": problem.min_interviews * len(problem.seekers),
            "sadari": measure(problem, sadari),
            "greedy": measure(problem, greedy),
        }
        if name == "issue":
            row["walk_ins"] = walk_ins(problem, sadari, args.seed)
        results[name] = row
        for label in ("sadari", "greedy"):
            r = row[label]
            gap = "" if r["gap"] is None else f"{100 * r['gap']:.2f}%"
            print(
                f"{name:<8} {r['method']:<10} {r['total_score']:>8.1f} {r['objective']:>9.1f} "
                f"{r['interviews']:>5} {r['per_seeker_min']:>4} {r['per_seeker_mean']:>5.2f} "
                f"{r['seekers_without_interview']:>5} {r['seekers_below_floor']:>6} "
                f"{r['violations']:>4} {gap:>7} {r['solve_s']:>7.2f}"
            )
        print(f"{'':<8} capacity {row['capacity']} for a floor demand of {row['floor_demand']}")
    if "issue" in results:
        w = results["issue"]["walk_ins"]
        print(
            f"\nwalk-ins: {w['walk_ins']} added and {w['no_shows']} no-shows before slot 4 → "
            f"re-optimized in {w['solve_s']} s; {100 * w['kept_future_interviews']:.1f} % of later "
            f"interviews kept, walk-ins get {w['walk_in_interviews_mean']} each, past kept: "
            f"{w['past_kept']}, violations {w['violations_after_slot_4']}"
        )
    total = round(time.perf_counter() - t0, 1)
    print(f"\ntotal {total} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"machine": machine_info(), "seed": args.seed, "scenarios": results, "total_s": total},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
