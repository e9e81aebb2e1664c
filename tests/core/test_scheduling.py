import random

import numpy as np
import pytest

from sadari_core.scheduling import (
    InfeasibleAssignment,
    Reviewer,
    Submission,
    affinity,
    assign_reviewers,
    reassign,
)

pytestmark = pytest.mark.core

TAGS = [f"tag{i}" for i in range(12)]
INDUSTRIES = ("핀테크", "바이오", "AI", "커머스")


def _pool(n_subs: int = 40, n_revs: int = 12, seed: int = 3) -> tuple[list, list, list]:
    rng = random.Random(seed)
    subs = [
        Submission(
            f"s{i:02d}",
            frozenset(rng.sample(TAGS, 3)),
            rng.choice(INDUSTRIES),
            rng.choice(("ko", "en")),
        )
        for i in range(n_subs)
    ]
    revs = [
        Reviewer(
            f"r{j:02d}",
            frozenset(rng.sample(TAGS, 5)),
            frozenset(rng.sample(INDUSTRIES, 2)),
            frozenset({"ko", "en"} if j % 2 else {"ko"}),
            capacity=rng.randint(10, 16),
        )
        for j in range(n_revs)
    ]
    conflicts = [(s.id, r.id) for s in subs for r in revs if rng.random() < 0.1]
    return subs, revs, conflicts


def _check(a, subs, revs, conflicts, k=3):
    cap = {r.id: r.capacity for r in revs}
    for s in subs:
        assert len(set(a.reviewers_of(s.id))) == k
    for r in revs:
        assert a.load[r.id] == len(a.submissions_of(r.id)) <= cap[r.id]
    assert not {(p.submission, p.reviewer) for p in a.pairs} & set(conflicts)


def test_k_capacity_and_conflicts_hold():
    subs, revs, conflicts = _pool()
    a = assign_reviewers(subs, revs, k=3, conflicts=conflicts)
    _check(a, subs, revs, conflicts)
    assert len(a.pairs) == 3 * len(subs)
    assert a.mean_affinity == pytest.approx(np.mean([p.affinity for p in a.pairs]))


def test_conflicted_star_reviewer_never_assigned_to_conflicted_submission():
    subs = [Submission(f"s{i}", frozenset({"ai"}), "AI", "ko") for i in range(4)]
    star = Reviewer("star", frozenset({"ai"}), frozenset({"AI"}), frozenset({"ko"}), capacity=10)
    others = [Reviewer(f"o{j}", capacity=10) for j in range(3)]
    a = assign_reviewers(subs, [star, *others], k=2, conflicts=[("s1", "star")])
    assert "star" not in a.reviewers_of("s1")
    assert all("star" in a.reviewers_of(s) for s in ("s0", "s2", "s3"))


def test_capacity_override_and_explanations():
    subs, revs, conflicts = _pool(n_subs=10, n_revs=6)
    caps = {r.id: 5 for r in revs}
    a = assign_reviewers(subs, revs, k=3, conflicts=conflicts, capacity=caps)
    assert max(a.load.values()) <= 5
    for p in a.pairs:
        sub = next(s for s in subs if s.id == p.submission)
        rev = next(r for r in revs if r.id == p.reviewer)
        assert p.affinity == pytest.approx(affinity(sub, rev))
        assert set(p.shared_tags) == sub.tags & rev.tags
        assert p.explain()


def _greedy(subs, revs, scores, k):
    load = {r.id: 0 for r in revs}
    for i, _ in enumerate(subs):
        order = sorted(range(len(revs)), key=lambda j: -scores[i, j])
        for j in [j for j in order if load[revs[j].id] < revs[j].capacity][:k]:
            load[revs[j].id] += 1
    return load


def test_balance_beats_greedy_on_a_crafted_case():
    # Two stars everyone slightly prefers, with room for all: greedy piles everything on them.
    subs = [Submission(f"s{i:02d}") for i in range(30)]
    revs = [Reviewer(f"r{j}", capacity=30) for j in range(6)]
    scores = np.full((30, 6), 0.8)
    scores[:, :2] = 0.9
    greedy = _greedy(subs, revs, scores, k=2)
    assert max(greedy.values()) == 30
    a = assign_reviewers(subs, revs, k=2, affinity=scores)
    assert a.max_load <= 12 < max(greedy.values())
    assert min(a.load.values()) >= 8
    # With no balance weight the optimizer maximizes affinity alone, like greedy here.
    unbalanced = assign_reviewers(subs, revs, k=2, affinity=scores, balance_weight=0.0)
    assert unbalanced.mean_affinity == pytest.approx(0.9)


def test_infeasible_names_the_submissions():
    subs = [Submission("ok"), Submission("blocked"), Submission("also")]
    revs = [Reviewer(f"r{j}", capacity=5) for j in range(3)]
    conflicts = [("blocked", "r0"), ("blocked", "r1"), ("also", "r2")]
    with pytest.raises(InfeasibleAssignment) as info:
        assign_reviewers(subs, revs, k=2, conflicts=conflicts)
    assert info.value.uncovered == {"blocked": 1}
    assert "blocked (1/2)" in str(info.value)
    partial = assign_reviewers(subs, revs, k=2, conflicts=conflicts, allow_partial=True)
    assert partial.uncovered == {"blocked": 1}
    assert len(partial.reviewers_of("ok")) == 2


def test_infeasible_when_capacity_is_too_small():
    subs = [Submission(f"s{i}") for i in range(5)]
    revs = [Reviewer(f"r{j}", capacity=3) for j in range(3)]  # 9 slots for 10 reviews
    with pytest.raises(InfeasibleAssignment) as info:
        assign_reviewers(subs, revs, k=2)
    assert sum(2 - n for n in info.value.uncovered.values()) == 1


def test_reassign_keeps_other_pairs_and_never_returns_the_decliner():
    subs, revs, conflicts = _pool()
    a = assign_reviewers(subs, revs, k=3, conflicts=conflicts)
    declined = a.pairs[5]
    b = reassign(a, (declined.submission, declined.reviewer))
    before = {(p.submission, p.reviewer) for p in a.pairs}
    after = {(p.submission, p.reviewer) for p in b.pairs}
    assert before - after == {(declined.submission, declined.reviewer)}
    assert len(after - before) == 1
    (new,) = after - before
    assert new[0] == declined.submission
    assert new not in set(conflicts)
    _check(b, subs, revs, conflicts)
    # Declining again remembers the first decline.
    c = reassign(b, new)
    assert declined.reviewer not in c.reviewers_of(declined.submission)
    assert new[1] not in c.reviewers_of(declined.submission)
    with pytest.raises(ValueError, match="not in the assignment"):
        reassign(c, ("nope", "r00"))


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="duplicate"):
        assign_reviewers([Submission("a"), Submission("a")], [Reviewer("r")], k=1)
    with pytest.raises(ValueError, match="expected"):
        assign_reviewers([Submission("a")], [Reviewer("r")], k=1, affinity=np.zeros((2, 1)))


def test_reassign_without_a_free_reviewer_names_the_submission():
    subs = [Submission("a"), Submission("b")]
    revs = [Reviewer(f"r{j}", capacity=2) for j in range(2)]
    a = assign_reviewers(subs, revs, k=2)
    with pytest.raises(InfeasibleAssignment, match=r"a \(1/2\)"):
        reassign(a, ("a", "r0"))
