"""Assigning k reviewers to each submission as one exact optimization (HiGHS via scipy).

The model, with ``x[s, r]`` = 1 when reviewer ``r`` reviews submission ``s``:

- a variable exists only for pairs that are allowed: not conflicted, reviewer capacity > 0 —
  a conflicted pair cannot be chosen whatever the objective says;
- each submission gets ``k`` reviewers: ``Σ_r x[s, r] + short[s] = k``, where ``short[s]`` is a
  slack priced far above anything affinity can pay back, so it is non-zero only when covering
  ``s`` is impossible (too few free reviewers, or capacity spent); such submissions are named in
  :class:`InfeasibleAssignment` (or listed in ``Assignment.uncovered`` with ``allow_partial``);
- each reviewer's load ``L[r] = Σ_s x[s, r]`` is split into unit steps ``z[r, 1..capacity]``;
  the j-th step costs ``balance_weight · (2j − 1) / (2 · mean_load)``, i.e. the load cost is the
  convex ``balance_weight · L² / (2 · mean_load)``; one review moved from a reviewer at twice the
  mean load to one at the mean saves about ``balance_weight`` in affinity units;
- objective: minimize ``−Σ affinity · x + Σ step costs + BIG · Σ short``.

The constraint matrix is that of a bipartite network, so the optimum is integral; HiGHS solves
500 submissions × 80 reviewers in well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

Matrix = NDArray[np.float64]

# Default affinity: share of the submission's tags the reviewer knows, industry, language.
TAG_WEIGHT = 0.5
INDUSTRY_WEIGHT = 0.3
LANGUAGE_WEIGHT = 0.2


@dataclass(frozen=True, slots=True)
class Submission:
    """What assignment needs of a submission: expertise tags, industry and language ("ko"/"en")."""

    id: str
    tags: frozenset[str] = frozenset()
    industry: str = ""
    language: str = ""


@dataclass(frozen=True, slots=True)
class Reviewer:
    """An expert: tags, industries and languages known, and how many reviews per batch."""

    id: str
    tags: frozenset[str] = frozenset()
    industries: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    capacity: int = 10


@dataclass(frozen=True, slots=True)
class Pair:
    """One assignment and why: the affinity and what the two have in common."""

    submission: str
    reviewer: str
    affinity: float
    shared_tags: tuple[str, ...] = ()
    industry: str = ""  # the submission's industry when the reviewer knows it
    language: str = ""  # the submission's language when the reviewer reads it

    def explain(self) -> str:
        parts = []
        if self.shared_tags:
            parts.append("tags: " + ", ".join(self.shared_tags))
        if self.industry:
            parts.append(f"industry: {self.industry}")
        if self.language:
            parts.append(f"language: {self.language}")
        return "; ".join(parts) or "no shared expertise (assigned for coverage/balance)"


class InfeasibleAssignment(ValueError):  # noqa: N818 - reads better at the call site
    """Some submissions cannot get k reviewers; ``uncovered`` maps each to how many it got."""

    def __init__(self, uncovered: Mapping[str, int], k: int, partial: Assignment | None) -> None:
        self.uncovered = dict(uncovered)
        self.k = k
        self.partial = partial
        names = ", ".join(f"{s} ({n}/{k})" for s, n in sorted(self.uncovered.items()))
        super().__init__(
            f"cannot give {k} non-conflicted reviewers with free capacity to "
            f"{len(self.uncovered)} submission(s): {names}"
        )


@dataclass(frozen=True, slots=True)
class _Problem:
    submissions: tuple[Submission, ...]
    reviewers: tuple[Reviewer, ...]
    scores: Matrix  # affinity, submissions × reviewers
    forbidden: frozenset[tuple[str, str]]  # conflicts and declined pairs
    capacity: tuple[int, ...]
    k: int
    balance_weight: float


@dataclass(frozen=True, slots=True)
class Assignment:
    """The result: pairs (with explanations), load per reviewer, mean affinity, solve status.

    ``uncovered`` lists submissions that got fewer than k reviewers (only with
    ``allow_partial=True``; otherwise :class:`InfeasibleAssignment` is raised).
    """

    pairs: tuple[Pair, ...]
    load: dict[str, int]
    mean_affinity: float
    uncovered: dict[str, int] = field(default_factory=dict)
    objective: float = 0.0
    problem: _Problem | None = field(default=None, repr=False, compare=False)

    def reviewers_of(self, submission: str) -> list[str]:
        return [p.reviewer for p in self.pairs if p.submission == submission]

    def submissions_of(self, reviewer: str) -> list[str]:
        return [p.submission for p in self.pairs if p.reviewer == reviewer]

    @property
    def max_load(self) -> int:
        return max(self.load.values(), default=0)


def affinity(submission: Submission, reviewer: Reviewer) -> float:
    """Default affinity in [0, 1]: 0.5 · share of the submission's tags the reviewer has,
    0.3 if the reviewer knows the industry, 0.2 if they read the submission's language."""
    score = 0.0
    if submission.tags:
        score += TAG_WEIGHT * len(submission.tags & reviewer.tags) / len(submission.tags)
    if submission.industry and submission.industry in reviewer.industries:
        score += INDUSTRY_WEIGHT
    if submission.language and submission.language in reviewer.languages:
        score += LANGUAGE_WEIGHT
    return score


def _pair(problem: _Problem, s: int, r: int) -> Pair:
    sub, rev = problem.submissions[s], problem.reviewers[r]
    return Pair(
        submission=sub.id,
        reviewer=rev.id,
        affinity=float(problem.scores[s, r]),
        shared_tags=tuple(sorted(sub.tags & rev.tags)),
        industry=sub.industry if sub.industry and sub.industry in rev.industries else "",
        language=sub.language if sub.language and sub.language in rev.languages else "",
    )


def assign_reviewers(
    submissions: Sequence[Submission],
    reviewers: Sequence[Reviewer],
    *,
    k: int = 3,
    affinity: Matrix | Callable[[Submission, Reviewer], float] | None = None,
    conflicts: Iterable[tuple[str, str]] = (),
    capacity: Mapping[str, int] | None = None,
    balance_weight: float = 0.5,
    allow_partial: bool = False,
    time_limit: float = 60.0,
) -> Assignment:
    """Give each submission ``k`` reviewers, maximizing affinity with a balanced load.

    ``affinity`` is a submissions × reviewers matrix, a function of the two records, or ``None``
    for :func:`affinity`. ``conflicts`` are (submission id, reviewer id) pairs that must never be
    assigned; ``capacity`` overrides ``Reviewer.capacity`` by reviewer id. Raises
    :class:`InfeasibleAssignment` naming the submissions that cannot be covered unless
    ``allow_partial``, in which case the best partial assignment lists them in ``uncovered``.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if balance_weight < 0:
        raise ValueError("balance_weight must be >= 0")
    subs, revs = tuple(submissions), tuple(reviewers)
    for name, ids in (("submission", [s.id for s in subs]), ("reviewer", [r.id for r in revs])):
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate {name} ids")
    scores = _affinity_matrix(subs, revs, affinity)
    caps = dict(capacity or {})
    problem = _Problem(
        submissions=subs,
        reviewers=revs,
        scores=scores,
        forbidden=frozenset((str(s), str(r)) for s, r in conflicts),
        capacity=tuple(int(caps.get(r.id, r.capacity)) for r in revs),
        k=k,
        balance_weight=float(balance_weight),
    )
    return _solve(problem, fixed=frozenset(), allow_partial=allow_partial, time_limit=time_limit)


def reassign(
    assignment: Assignment,
    declined: tuple[str, str] | Iterable[tuple[str, str]],
    *,
    allow_partial: bool = False,
    time_limit: float = 60.0,
) -> Assignment:
    """Replace declined (submission id, reviewer id) pairs, keeping every other pair.

    A declined pair is never proposed again (it joins the conflicts of the returned assignment,
    so a later :func:`reassign` remembers it); the replacements are chosen by the same
    optimization with the kept pairs fixed.
    """
    problem = assignment.problem
    if problem is None:
        raise ValueError("this assignment was not made by assign_reviewers")
    if isinstance(declined, tuple) and len(declined) == 2 and isinstance(declined[0], str):
        gone = {(str(declined[0]), str(declined[1]))}
    else:
        gone = {(str(s), str(r)) for s, r in declined}
    current = {(p.submission, p.reviewer) for p in assignment.pairs}
    unknown = gone - current
    if unknown:
        raise ValueError(f"not in the assignment: {sorted(unknown)}")
    new_problem = _Problem(
        submissions=problem.submissions,
        reviewers=problem.reviewers,
        scores=problem.scores,
        forbidden=problem.forbidden | gone,
        capacity=problem.capacity,
        k=problem.k,
        balance_weight=problem.balance_weight,
    )
    return _solve(
        new_problem,
        fixed=frozenset(current - gone),
        allow_partial=allow_partial,
        time_limit=time_limit,
    )


def _affinity_matrix(
    subs: tuple[Submission, ...],
    revs: tuple[Reviewer, ...],
    given: Matrix | Callable[[Submission, Reviewer], float] | None,
) -> Matrix:
    if given is None or callable(given):
        fn = affinity if given is None else given
        return np.array([[fn(s, r) for r in revs] for s in subs], dtype=np.float64).reshape(
            len(subs), len(revs)
        )
    matrix = np.asarray(given, dtype=np.float64)
    if matrix.shape != (len(subs), len(revs)):
        raise ValueError(f"affinity matrix is {matrix.shape}, expected {(len(subs), len(revs))}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("affinity matrix has non-finite values")
    return matrix


def _solve(
    problem: _Problem, *, fixed: frozenset[tuple[str, str]], allow_partial: bool, time_limit: float
) -> Assignment:
    subs, revs, k = problem.submissions, problem.reviewers, problem.k
    n_s, n_r = len(subs), len(revs)
    sub_ids = [s.id for s in subs]
    rev_ids = [r.id for r in revs]
    caps = np.array(problem.capacity, dtype=np.int64).clip(min=0)
    allowed = np.ones((n_s, n_r), dtype=bool)
    s_index = {s: i for i, s in enumerate(sub_ids)}
    r_index = {r: j for j, r in enumerate(rev_ids)}
    for s, r in problem.forbidden:
        if s in s_index and r in r_index:
            allowed[s_index[s], r_index[r]] = False
    allowed[:, caps == 0] = False
    ps, pr = np.nonzero(allowed)
    n_x = len(ps)
    fixed_mask = np.array(
        [(sub_ids[s], rev_ids[r]) in fixed for s, r in zip(ps, pr, strict=True)], dtype=bool
    )

    # Convex load steps z[r, j], j = 1..cap[r].
    step_r = np.repeat(np.arange(n_r), caps)
    step_j = np.concatenate([np.arange(1, c + 1) for c in caps]) if n_r else np.zeros(0)
    mean_load = max(k * n_s / max(n_r, 1), 1.0)
    step_cost = problem.balance_weight * (2 * step_j - 1) / (2 * mean_load)
    n_z = len(step_r)

    biggest = float(np.abs(problem.scores).max(initial=0.0)) + float(step_cost.max(initial=0.0))
    big = 2.0 * (n_s + 1) * (2.0 * biggest + 1.0)

    cost = np.concatenate([-problem.scores[ps, pr], step_cost, np.full(n_s, big)])
    n_var = n_x + n_z + n_s
    x_cols, z_cols, u_cols = np.arange(n_x), n_x + np.arange(n_z), n_x + n_z + np.arange(n_s)
    rows = np.concatenate([ps, np.arange(n_s), n_s + pr, n_s + step_r])
    cols = np.concatenate([x_cols, u_cols, x_cols, z_cols])
    vals = np.concatenate([np.ones(n_x), np.ones(n_s), np.ones(n_x), -np.ones(n_z)])
    a = sp.csr_array((vals, (rows, cols)), shape=(n_s + n_r, n_var))
    rhs = np.concatenate([np.full(n_s, float(k)), np.zeros(n_r)])
    lower = np.zeros(n_var)
    lower[x_cols[fixed_mask]] = 1.0
    upper = np.concatenate([np.ones(n_x + n_z), np.full(n_s, float(k))])
    integrality = np.concatenate([np.ones(n_x), np.zeros(n_z + n_s)])
    result = milp(
        cost,
        constraints=LinearConstraint(a, rhs, rhs),
        integrality=integrality,
        bounds=Bounds(lower, upper),
        options={"time_limit": time_limit},
    )
    if result.x is None:  # only when a kept pair no longer fits (cannot happen via reassign)
        raise RuntimeError(f"assignment solver failed: {result.message}")
    chosen = np.round(result.x[:n_x]).astype(bool)
    pairs = tuple(
        _pair(problem, int(s), int(r))
        for s, r in sorted(zip(ps[chosen], pr[chosen], strict=True), key=lambda t: (t[0], t[1]))
    )
    counts = np.bincount(pr[chosen], minlength=n_r)
    per_sub = np.bincount(ps[chosen], minlength=n_s)
    uncovered = {sub_ids[i]: int(per_sub[i]) for i in range(n_s) if per_sub[i] < k}
    assignment = Assignment(
        pairs=pairs,
        load={rev_ids[j]: int(counts[j]) for j in range(n_r)},
        mean_affinity=float(np.mean([p.affinity for p in pairs])) if pairs else 0.0,
        uncovered=uncovered,
        objective=float(result.fun) - big * float(result.x[n_x + n_z :].sum()),
        problem=problem,
    )
    if uncovered and not allow_partial:
        raise InfeasibleAssignment(uncovered, k, assignment)
    return assignment
