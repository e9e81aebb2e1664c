import itertools

import numpy as np
import pytest

from sadari_core.scheduling import (
    FairCompany,
    FairProblem,
    FairSeeker,
    greedy_schedule,
    reschedule,
    schedule_fair,
    schedule_value,
    violations,
)

pytestmark = pytest.mark.core


def _fair(
    n_seekers=40, n_companies=8, n_slots=8, seed=1, interviewers=None, **extra
) -> FairProblem:
    rng = np.random.default_rng(seed)
    seekers = tuple(
        FairSeeker(
            f"s{i}",
            blocked_slots=frozenset(rng.choice(n_slots, size=rng.integers(0, 3), replace=False)),
            preferred_slots=frozenset({int(rng.integers(n_slots))}),
        )
        for i in range(n_seekers)
    )
    companies = tuple(
        FairCompany(
            f"c{j}",
            interviewers=interviewers or int(rng.integers(1, 4)),
            blocked_slots=frozenset({int(rng.integers(n_slots))}),
        )
        for j in range(n_companies)
    )
    pairs = [(s.id, c.id) for s in seekers for c in companies]
    pick = rng.random(len(pairs))
    options = {
        "requested": frozenset(p for p, r in zip(pairs, pick, strict=True) if r < 0.05),
        "invited": frozenset(p for p, r in zip(pairs, pick, strict=True) if 0.05 <= r < 0.08),
        "refused": frozenset(p for p, r in zip(pairs, pick, strict=True) if r > 0.95),
        "breaks": frozenset({n_slots // 2}),
    }
    options.update(extra)
    return FairProblem(seekers, companies, n_slots, rng.random((n_seekers, n_companies)), **options)


def _brute_force(problem: FairProblem) -> tuple[float, float]:
    """(least shortfall cost, then most value) over every schedule, seeker by seeker.

    A seeker k interviews short costs k + k(k−1)/8 units (the model's rising cost per step).
    """
    companies = [None, *range(len(problem.companies))]
    per_seeker = []
    for i, seeker in enumerate(problem.seekers):
        options = []
        for choice in itertools.product(companies, repeat=problem.n_slots):
            used = [(t, j) for t, j in enumerate(choice) if j is not None]
            chosen_companies = [j for _, j in used]
            slots = [t for t, _ in used]
            if len(set(chosen_companies)) < len(chosen_companies):
                continue
            if len(used) > problem.limit(seeker):
                continue
            if any(b - a <= problem.min_gap for a, b in itertools.pairwise(slots)):
                continue
            if any(not problem.is_open(seeker, problem.companies[j], t) for t, j in used):
                continue
            options.append((i, tuple(used)))
        per_seeker.append(options)
    best = (10.0**9, -1.0)
    for combo in itertools.product(*per_seeker):
        load: dict[tuple[int, int], int] = {}
        for _, used in combo:
            for t, j in used:
                load[(j, t)] = load.get((j, t), 0) + 1
        if any(n > problem.companies[j].interviewers for (j, _), n in load.items()):
            continue
        missing = [max(0, problem.floor(problem.seekers[i]) - len(used)) for i, used in combo]
        short = sum(k + k * (k - 1) / 8 for k in missing)
        value = 0.0
        for i, used in combo:
            for t, j in used:
                key = (problem.seekers[i].id, problem.companies[j].id)
                value += float(problem.scores[i, j])
                value += 0.3 * (key in problem.requested) + 0.3 * (key in problem.invited)
                preferred = (
                    problem.seekers[i].preferred_slots | problem.companies[j].preferred_slots
                )
                value += 0.05 * (t in preferred)
        if (short, -value) < (best[0], -best[1]):
            best = (short, value)
    return best


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_schedule_fair_is_optimal_on_tiny_fairs(seed):
    problem = _fair(n_seekers=3, n_companies=2, n_slots=3, seed=seed, min_interviews=2,
                    max_interviews=2, min_gap=seed % 2)  # fmt: skip

    schedule = schedule_fair(problem, candidates=None)

    short, value = _brute_force(problem)
    assert violations(problem, schedule.interviews) == []
    assert sum(k + k * (k - 1) / 8 for k in schedule.short.values()) == pytest.approx(short)
    assert schedule_value(problem, schedule.interviews) == pytest.approx(value, abs=1e-6)
    assert schedule.is_optimal


@pytest.mark.parametrize(("_case", "options"), [
    ("whole model", {"exact_variables": 10**9}),
    ("two stages", {"exact_variables": 0}),
])  # fmt: skip
@pytest.mark.parametrize("min_gap", [0, 1])
def test_schedule_fair_never_breaks_a_hard_constraint(_case, options, min_gap):
    problem = _fair(n_seekers=60, n_companies=10, n_slots=8, seed=7, min_gap=min_gap)

    schedule = schedule_fair(problem, **options)

    assert violations(problem, schedule.interviews) == []
    scheduled = {(iv.seeker, iv.company) for iv in schedule.interviews}
    assert scheduled.isdisjoint(problem.refused)
    assert all(iv.slot not in problem.breaks for iv in schedule.interviews)


def test_schedule_fair_gives_everyone_the_floor_when_capacity_allows():
    problem = _fair(n_seekers=30, n_companies=8, n_slots=8, seed=3, interviewers=4)
    room = sum(
        c.interviewers * (8 - len(c.blocked_slots | problem.breaks)) for c in problem.companies
    )
    assert room >= 30 * 4

    schedule = schedule_fair(problem)

    assert schedule.short == {}
    assert min(schedule.counts().values()) >= 4
    assert len(schedule.counts()) == 30


def test_two_stage_schedule_matches_the_whole_model_on_a_roomy_fair():
    problem = _fair(n_seekers=30, n_companies=8, n_slots=8, seed=11)

    whole = schedule_fair(problem, exact_variables=10**9)
    staged = schedule_fair(problem, exact_variables=0)

    assert staged.method == "two-stage"
    assert staged.objective <= whole.objective + 1e-6
    assert staged.objective >= 0.97 * whole.objective


def test_schedule_fair_beats_greedy_self_booking():
    problem = _fair(n_seekers=60, n_companies=8, n_slots=8, seed=5)

    optimized = schedule_fair(problem)
    greedy = greedy_schedule(problem)

    assert violations(problem, greedy.interviews) == []
    assert optimized.objective - 1e3 * sum(optimized.short.values()) >= (
        greedy.objective - 1e3 * sum(greedy.short.values())
    )


def test_refused_pair_is_never_scheduled_even_with_the_best_score():
    problem = _fair(n_seekers=5, n_companies=3, n_slots=4, seed=2)
    scores = problem.scores.copy()
    scores[0, 0] = 10.0
    problem = FairProblem(problem.seekers, problem.companies, 4, scores,
                          refused=frozenset({("s0", "c0")}))  # fmt: skip

    schedule = schedule_fair(problem)

    assert ("s0", "c0") not in {(iv.seeker, iv.company) for iv in schedule.interviews}


def test_reschedule_keeps_the_past_adds_a_walk_in_and_drops_a_no_show():
    problem = _fair(n_seekers=20, n_companies=6, n_slots=8, seed=4)
    first = schedule_fair(problem)
    walk_in = FairSeeker("walk-in")
    scores = np.vstack([problem.scores, np.full((1, 6), 0.9)])
    later = FairProblem((*problem.seekers, walk_in), problem.companies, 8, scores,
                        refused=problem.refused, breaks=problem.breaks)  # fmt: skip

    second = reschedule(later, first, from_slot=3, no_shows={"s1"})

    past = {(iv.seeker, iv.company, iv.slot) for iv in first.interviews if iv.slot < 3}
    now = {(iv.seeker, iv.company, iv.slot) for iv in second.interviews}
    assert past - {t for t in past if t[0] == "s1"} <= now
    assert all(iv.slot < 3 for iv in second.interviews if iv.seeker == "s1")
    assert second.counts().get("walk-in", 0) >= 1
    assert all(iv.slot >= 3 for iv in second.interviews if iv.seeker == "walk-in")
    assert violations(later, [iv for iv in second.interviews if iv.slot >= 3]) == []


def test_interview_explains_itself_in_korean_and_english():
    problem = FairProblem(
        (FairSeeker("s0", preferred_slots=frozenset({0})),),
        (FairCompany("c0"),),
        1,
        np.array([[0.82]]),
        requested=frozenset({("s0", "c0")}),
        reasons={("s0", "c0"): "Python, Django 일치 · Docker 부족"},
        min_interviews=1,
    )

    (interview,) = schedule_fair(problem).interviews

    assert interview.explain("ko") == (
        "매칭 점수 0.82 · 구직자 신청 · 희망 시간 · Python, Django 일치 · Docker 부족"
    )
    assert interview.explain("en").startswith("match score 0.82; requested by the seeker")
