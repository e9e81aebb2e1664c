"""Job fair interview schedules: the whole fair optimized at once (HiGHS via scipy), explained.

The model, with ``x[i, c, t]`` = 1 when seeker ``i`` meets company ``c`` in slot ``t``:

- a variable exists only where the interview is allowed: the pair is not refused by either
  side, ``t`` is no fair-wide break, and neither the seeker nor the company has blocked ``t``
  — so a refused pair or a blocked slot can never be scheduled, whatever the objective;
- one interview per seeker per slot (with ``min_gap`` g > 0: at most one in any g + 1
  consecutive slots, so a seeker gets g free slots between interviews);
- at most ``interviewers`` interviews per company per slot;
- each pair meets at most once; each seeker has at most ``max_interviews``;
- a floor: ``Σ x[i, ·, ·] + short[i] ≥ min_interviews``, where ``short[i]`` costs more than any
  schedule can gain, so every seeker gets the floor whenever the fair's capacity and the
  constraints allow it, and the shortfall is spread only where they do not;
- objective: maximize ``Σ value · x − BIG · Σ short``, where a pair's value is its match score
  plus bonuses for pairs the seeker requested or the company invited, for slots either side
  prefers, and (when re-optimizing) for keeping an interview where it was.

Each seeker is offered only their ``candidates`` best companies (plus every requested or
invited one). The fair is first solved in two stages: which pairs meet, by the transportation
model that drops the slots (exact, integral, and an upper bound on the whole model), then the
slots of those pairs slot by slot, by an assignment of seekers to free seats that favours the
most constrained, then any place still free is filled greedily, then interviews move or swap
into slots worth more; the schedule reports its gap to the bound (600 × 60 × 12: under 1 s,
within 1 %). When the bound is not reached and the fair
has at most ``exact_variables`` variables, the whole model is also given to HiGHS (stopped at
``time_limit`` with its best so far) and the better schedule is kept; on tiny fairs that is the
exact optimum (tests compare it with brute force). HiGHS on the whole model of a large fair
takes far longer and, at a 20 s limit, still leaves seekers below the floor.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp

Matrix = NDArray[np.float64]

REQUEST_BONUS = 0.3  # the seeker asked for this company
INVITE_BONUS = 0.3  # the company asked for this seeker
SLOT_BONUS = 0.05  # a slot the seeker or the company prefers
STABILITY_BONUS = 0.5  # re-optimizing: keep a future interview where it was


@dataclass(frozen=True, slots=True)
class FairSeeker:
    """A registered job seeker: blocked and preferred slots; own floor/limit when not default."""

    id: str
    blocked_slots: frozenset[int] = frozenset()
    preferred_slots: frozenset[int] = frozenset()
    min_interviews: int | None = None
    max_interviews: int | None = None


@dataclass(frozen=True, slots=True)
class FairCompany:
    """A participating company: interviewers (interviews per slot), blocked and preferred slots.

    ``blocked_slots`` holds the company's breaks and the times it cannot interview.
    """

    id: str
    interviewers: int = 1
    blocked_slots: frozenset[int] = frozenset()
    preferred_slots: frozenset[int] = frozenset()


@dataclass(frozen=True)
class FairProblem:
    """A fair to schedule.

    ``scores[i, j]`` is the match score (about 0..1) of ``seekers[i]`` with ``companies[j]``;
    ``requested`` holds (seeker, company) pairs the seeker asked for, ``invited`` those the
    company asked for, ``refused`` pairs either side declined. ``reasons`` optionally gives the
    match's explanation per pair (shown with the interview).
    """

    seekers: tuple[FairSeeker, ...]
    companies: tuple[FairCompany, ...]
    n_slots: int
    scores: Matrix
    requested: frozenset[tuple[str, str]] = frozenset()
    invited: frozenset[tuple[str, str]] = frozenset()
    refused: frozenset[tuple[str, str]] = frozenset()
    breaks: frozenset[int] = frozenset()
    min_interviews: int = 4
    max_interviews: int = 6
    min_gap: int = 0
    reasons: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        shape = (len(self.seekers), len(self.companies))
        if self.scores.shape != shape:
            raise ValueError(f"scores must have shape {shape}, got {self.scores.shape}")
        if self.n_slots < 1:
            raise ValueError("a fair needs at least one slot")
        if self.min_gap < 0 or self.max_interviews < 0 or self.min_interviews < 0:
            raise ValueError("min_gap, min_interviews and max_interviews must be ≥ 0")

    def floor(self, seeker: FairSeeker) -> int:
        """The seeker's floor of interviews (capped by their own limit)."""
        floor = self.min_interviews if seeker.min_interviews is None else seeker.min_interviews
        return min(floor, self.limit(seeker))

    def limit(self, seeker: FairSeeker) -> int:
        """The most interviews the seeker may get."""
        return self.max_interviews if seeker.max_interviews is None else seeker.max_interviews

    def is_open(self, seeker: FairSeeker, company: FairCompany, slot: int) -> bool:
        """Whether the pair may meet in ``slot`` (no break, nobody blocked, nobody refused)."""
        return (
            0 <= slot < self.n_slots
            and slot not in self.breaks
            and slot not in seeker.blocked_slots
            and slot not in company.blocked_slots
            and company.interviewers > 0
            and (seeker.id, company.id) not in self.refused
        )


@dataclass(frozen=True, slots=True)
class Interview:
    """One scheduled interview and why it was chosen."""

    seeker: str
    company: str
    slot: int
    score: float
    is_requested: bool = False
    is_invited: bool = False
    is_preferred_slot: bool = False
    reason: str = ""  # the match explanation, when the caller gave one

    def explain(self, lang: str = "ko") -> str:
        """One line, e.g. ``"매칭 점수 0.82 · 구직자 신청 · 희망 시간 · Python, Django 일치"``.

        Args:
            lang: ``"ko"`` (default) or ``"en"``.

        Returns:
            The score, then who asked for the interview, then the match's own reasons.
        """
        en = lang.startswith("en")
        parts = [f"match score {self.score:.2f}" if en else f"매칭 점수 {self.score:.2f}"]
        if self.is_requested:
            parts.append("requested by the seeker" if en else "구직자 신청")
        if self.is_invited:
            parts.append("invited by the company" if en else "기업 초청")
        if self.is_preferred_slot:
            parts.append("preferred time" if en else "희망 시간")
        if self.reason:
            parts.append(self.reason)
        return ("; " if en else " · ").join(parts)


@dataclass(frozen=True)
class FairSchedule:
    """The result: interviews, per-seeker counts, shortfalls, objective and how it was solved.

    ``method`` is ``"milp"`` (``is_optimal`` when HiGHS proved optimality, else ``gap`` is its
    relative gap at the time limit) or ``"two-stage"`` (``gap`` to the pair model's upper
    bound; ``is_optimal`` when it is reached) or ``"greedy"`` (the baseline). ``short`` maps
    each seeker below their floor to how many interviews they miss.
    """

    interviews: tuple[Interview, ...]
    total_score: float
    objective: float
    short: dict[str, int]
    method: str
    is_optimal: bool
    gap: float | None
    seconds: float
    n_variables: int = 0

    def for_seeker(self, seeker_id: str) -> list[Interview]:
        """The seeker's interviews in slot order (their personal schedule)."""
        return sorted((iv for iv in self.interviews if iv.seeker == seeker_id), key=_slot)

    def for_company(self, company_id: str) -> list[Interview]:
        """The company's interviews in slot order."""
        return sorted((iv for iv in self.interviews if iv.company == company_id), key=_slot)

    def counts(self) -> dict[str, int]:
        """Interviews per seeker (seekers with none are absent)."""
        out: dict[str, int] = {}
        for iv in self.interviews:
            out[iv.seeker] = out.get(iv.seeker, 0) + 1
        return out


def _slot(iv: Interview) -> int:
    return iv.slot


@dataclass
class _Space:
    """The allowed (seeker, company, slot) triples and their values."""

    seeker: NDArray[np.int64]
    company: NDArray[np.int64]
    slot: NDArray[np.int64]
    value: Matrix


def pair_value(problem: FairProblem, i: int, j: int) -> float:
    """Score plus request/invitation bonuses of seeker ``i`` with company ``j``."""
    key = (problem.seekers[i].id, problem.companies[j].id)
    value = float(problem.scores[i, j])
    if key in problem.requested:
        value += REQUEST_BONUS
    if key in problem.invited:
        value += INVITE_BONUS
    return value


def _is_preferred(problem: FairProblem, i: int, j: int, t: int) -> bool:
    return t in problem.seekers[i].preferred_slots or t in problem.companies[j].preferred_slots


def _space(
    problem: FairProblem,
    candidates: int | None,
    keep: Collection[tuple[str, str, int]],
    fixed: Collection[tuple[str, str, int]],
) -> _Space:
    company_index = {c.id: j for j, c in enumerate(problem.companies)}
    seeker_index = {s.id: i for i, s in enumerate(problem.seekers)}
    must = {(seeker_index[s], company_index[c]) for s, c, _ in (*keep, *fixed)
            if s in seeker_index and c in company_index}  # fmt: skip
    for s, c in (*problem.requested, *problem.invited):
        if s in seeker_index and c in company_index:
            must.add((seeker_index[s], company_index[c]))
    fixed_triples = {
        (seeker_index[s], company_index[c], t)
        for s, c, t in fixed
        if s in seeker_index and c in company_index
    }
    keep_triples = {
        (seeker_index[s], company_index[c], t)
        for s, c, t in keep
        if s in seeker_index and c in company_index
    }
    seekers: list[int] = []
    companies: list[int] = []
    slots: list[int] = []
    values: list[float] = []
    for i, seeker in enumerate(problem.seekers):
        allowed = [
            j
            for j, company in enumerate(problem.companies)
            if (seeker.id, company.id) not in problem.refused and company.interviewers > 0
        ]
        if candidates is not None and len(allowed) > candidates:
            ranked = sorted(allowed, key=lambda j: (-pair_value(problem, i, j), j))
            chosen = set(ranked[:candidates]) | {j for j in allowed if (i, j) in must}
            allowed = [j for j in allowed if j in chosen]
        for j in allowed:
            base = pair_value(problem, i, j)
            for t in range(problem.n_slots):
                if (i, j, t) not in fixed_triples and not problem.is_open(
                    seeker, problem.companies[j], t
                ):
                    continue
                value = base + (SLOT_BONUS if _is_preferred(problem, i, j, t) else 0.0)
                if (i, j, t) in keep_triples:
                    value += STABILITY_BONUS
                seekers.append(i)
                companies.append(j)
                slots.append(t)
                values.append(value)
    return _Space(
        np.array(seekers, dtype=np.int64),
        np.array(companies, dtype=np.int64),
        np.array(slots, dtype=np.int64),
        np.array(values, dtype=np.float64),
    )


def _rows(keys: NDArray[np.int64], n_rows: int) -> sp.csr_matrix:
    """A 0/1 matrix with a 1 at (keys[v], v) for every variable v."""
    n = len(keys)
    return sp.csr_matrix((np.ones(n), (keys, np.arange(n))), shape=(n_rows, n))


def schedule_fair(
    problem: FairProblem,
    *,
    candidates: int | None = 12,
    time_limit: float = 20.0,
    exact_variables: int = 15_000,
    fixed: Collection[tuple[str, str, int]] = (),
    keep: Collection[tuple[str, str, int]] = (),
) -> FairSchedule:
    """The interview schedule that maximizes the fair's total value under its constraints.

    Args:
        problem: seekers, companies, slots, scores and the constraints (see :class:`FairProblem`).
        candidates: companies offered per seeker (their best by score, plus requested and
            invited ones); ``None`` offers all.
        time_limit: seconds HiGHS may take per solve before returning its best schedule so far.
        exact_variables: the two stages (``method="two-stage"``: the pairs by an exact
            transportation model, then their slots by a per-slot assignment, then free places
            filled) run first; unless they reach the pair model's bound, a fair of up to this
            many (seeker, company, slot) variables is also solved whole by HiGHS
            (``"milp"``), and the better schedule is kept.
        fixed: (seeker, company, slot) interviews that must stay (re-optimization: slots that
            have passed); they count toward every limit.
        keep: (seeker, company, slot) interviews to keep where possible (a bonus, not a rule).

    Returns:
        A :class:`FairSchedule`; e.g. 600 seekers × 60 companies × 12 slots, 4 interviews each
        where capacity allows (예: 구직자 600명, 기업 60곳, 12개 시간대).
    """
    started = time.perf_counter()
    space = _space(problem, candidates, keep, fixed)
    n = len(space.value)
    fixed_mask = _mask(problem, space, fixed)
    if n == 0:
        return _result(problem, space, fixed_mask, "milp", True, 0.0, started, n)
    big = _big(space)
    pairs_mask, bound = _best_pairs(problem, space, fixed_mask)
    chosen = _place_by_slot(problem, space, pairs_mask, fixed_mask)
    _place_greedily(problem, space, chosen, order=None)
    _move_to_better_slots(problem, space, chosen, fixed_mask)
    staged = _result(problem, space, chosen, "two-stage", False, None, started, n)
    # the pair model's optimum bounds the whole model's objective (value − shortfall cost)
    achieved = staged.objective - penalty(staged.short, big)
    if np.isfinite(bound):
        gap = max(0.0, bound - achieved) / max(1.0, abs(bound))
        staged = replace(staged, gap=gap, is_optimal=gap < 1e-9)
    if n > exact_variables or staged.is_optimal:
        return staged
    solved = _milp(problem, space, np.ones(n, dtype=bool), fixed_mask, time_limit)
    if solved is None:
        return staged
    whole = _result(problem, space, solved[0], "milp", solved[1], solved[2], started, n)
    # HiGHS stopped by the time limit may do worse than the two stages: keep the better one
    if whole.objective - penalty(whole.short, big) + 1e-9 < achieved:
        return replace(staged, seconds=time.perf_counter() - started)
    return whole


def _milp(
    problem: FairProblem,
    space: _Space,
    subset: NDArray[np.bool_],
    fixed_mask: NDArray[np.bool_],
    time_limit: float,
) -> tuple[NDArray[np.bool_], bool, float | None] | None:
    """The model of the module docstring over the variables in ``subset``; None if unsolved."""
    index = np.flatnonzero(subset)
    n = len(index)
    seeker, company, slot = space.seeker[index], space.company[index], space.slot[index]
    value = space.value[index]
    n_seekers, n_companies = problem.scores.shape
    n_slots = problem.n_slots
    big = _big(space)
    seeker_slot = _rows(seeker * n_slots + slot, n_seekers * n_slots)
    blocks = [_window_rows(problem.min_gap + 1, n_slots, n_seekers) @ seeker_slot]
    upper = [np.ones(blocks[0].shape[0])]
    cap = np.array([c.interviewers for c in problem.companies], dtype=np.float64)
    blocks.append(_rows(company * n_slots + slot, n_companies * n_slots))
    upper.append(np.repeat(cap, n_slots))
    blocks.append(_rows(seeker * n_companies + company, n_seekers * n_companies))
    upper.append(np.ones(n_seekers * n_companies))
    per_seeker = _rows(seeker, n_seekers)
    blocks.append(per_seeker)
    upper.append(np.array([problem.limit(s) for s in problem.seekers], dtype=np.float64))
    floors = np.array([problem.floor(s) for s in problem.seekers], dtype=np.float64)
    short, short_cost, short_upper = _shortfall(floors, big)
    m = len(short_cost)
    no_short = sp.csr_matrix((sum(b.shape[0] for b in blocks), m))
    capped = LinearConstraint(
        sp.hstack([sp.vstack(blocks, format="csr"), no_short], format="csr"),
        -np.inf,
        np.concatenate(upper),
    )
    floor = LinearConstraint(sp.hstack([per_seeker, short], format="csr"), floors, np.inf)
    lower = np.zeros(n + m)
    lower[:n][fixed_mask[index]] = 1.0
    result = milp(
        np.concatenate([-value, short_cost]),
        constraints=[capped, floor],
        integrality=np.concatenate([np.ones(n), np.zeros(m)]),
        bounds=Bounds(lower, np.concatenate([np.ones(n), short_upper])),
        options={"time_limit": time_limit},
    )
    if result.x is None:
        return None
    chosen = np.zeros(len(space.value), dtype=bool)
    chosen[index[result.x[:n] > 0.5]] = True
    gap = getattr(result, "mip_gap", None)
    return chosen, bool(result.status == 0), None if gap is None else float(gap)


def _big(space: _Space) -> float:
    """The price of a missing interview: more than any schedule can gain by leaving it out."""
    return 10.0 * (float(space.value.max()) + 1.0) if len(space.value) else 1.0


SHORT_STEP = 0.25  # each further missing interview of one seeker costs 25 % more


def _shortfall(floors: Matrix, big: float) -> tuple[sp.csr_matrix, Matrix, Matrix]:
    """Unit shortfall variables per seeker with rising costs (the k-th costs big·(1 + k/4)).

    The costs are convex, so a shortage is spread: two seekers one interview short cost less
    than one seeker two short, and nobody is left with none while others get their floor.

    Returns:
        The seekers × variables matrix, the costs and the upper bounds (0 beyond a floor).
    """
    n_seekers = len(floors)
    width = int(floors.max()) if n_seekers else 0
    width = max(width, 1)
    matrix = sp.kron(sp.identity(n_seekers, format="csr"), np.ones((1, width)), format="csr")
    cost = np.tile(big * (1.0 + SHORT_STEP * np.arange(width)), n_seekers)
    upper = (np.arange(width)[None, :] < floors[:, None]).astype(np.float64).ravel()
    return matrix, cost, upper


def penalty(short: Mapping[str, int], big: float) -> float:
    """The model's cost of the given shortfalls (seeker → missing interviews)."""
    return sum(big * (k + SHORT_STEP * k * (k - 1) / 2) for k in short.values())


def _window_rows(window: int, n_slots: int, n_seekers: int) -> sp.csr_matrix:
    """Rows summing each seeker's slots over every run of ``window`` consecutive slots."""
    starts = range(max(1, n_slots - window + 1))
    rows = [r for r, t0 in enumerate(starts) for t in range(t0, min(t0 + window, n_slots))]
    cols = [t for t0 in starts for t in range(t0, min(t0 + window, n_slots))]
    band = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(starts), n_slots))
    result: sp.csr_matrix = sp.kron(sp.identity(n_seekers, format="csr"), band, format="csr")
    return result


def _mask(
    problem: FairProblem, space: _Space, triples: Collection[tuple[str, str, int]]
) -> NDArray[np.bool_]:
    if not triples:
        return np.zeros(len(space.value), dtype=bool)
    seeker_index = {s.id: i for i, s in enumerate(problem.seekers)}
    company_index = {c.id: j for j, c in enumerate(problem.companies)}
    wanted = {
        (seeker_index[s], company_index[c], t)
        for s, c, t in triples
        if s in seeker_index and c in company_index
    }
    return np.array(
        [
            (int(i), int(j), int(t)) in wanted
            for i, j, t in zip(space.seeker, space.company, space.slot, strict=True)
        ],
        dtype=bool,
    )


def _best_pairs(
    problem: FairProblem, space: _Space, fixed_mask: NDArray[np.bool_]
) -> tuple[NDArray[np.bool_], float]:
    """Stage 1: which pairs meet, ignoring when — an exact transportation model (integral LP).

    Each pair meets at most once, each seeker at most their limit (and at most once per window
    of open slots), each company at most its interviewers × open slots; the floor is priced as
    in the full model. Its optimum bounds the full model's from above (every schedule is a
    solution of it), which gives the two-stage schedule a proven gap.

    Returns:
        The mask of every (seeker, company, slot) variable of a chosen pair, and the bound.
    """
    n_seekers, n_companies = problem.scores.shape
    n_slots = problem.n_slots
    window = problem.min_gap + 1
    pair_key = space.seeker * n_companies + space.company
    pairs = np.unique(pair_key)
    p_seeker, p_company = pairs // n_companies, pairs % n_companies
    # a pair's value: its best slot (the slot bonus is small; the bound stays an upper bound)
    p_value = np.full(len(pairs), -np.inf)
    np.maximum.at(p_value, np.searchsorted(pairs, pair_key), space.value)
    company_room = np.array(
        [c.interviewers * sum(1 for t in range(n_slots) if t not in problem.breaks
                              and t not in c.blocked_slots) for c in problem.companies],
        dtype=np.float64,
    )  # fmt: skip
    seeker_room = np.array(
        [-(-sum(1 for t in range(n_slots) if t not in problem.breaks and t not in s.blocked_slots)
           // window) for s in problem.seekers],
        dtype=np.float64,
    )  # fmt: skip
    limits = np.minimum([problem.limit(s) for s in problem.seekers], seeker_room)
    floors = np.minimum([problem.floor(s) for s in problem.seekers], limits)
    n_pairs = len(pairs)
    per_seeker = _rows(p_seeker, n_seekers)
    fixed_pairs = np.isin(pairs, pair_key[fixed_mask])
    short, short_cost, short_upper = _shortfall(floors, _big(space))
    m = len(short_cost)
    result = milp(
        np.concatenate([-p_value, short_cost]),
        constraints=[
            LinearConstraint(sp.hstack([per_seeker, short], format="csr"), floors, np.inf),
            LinearConstraint(
                sp.hstack([per_seeker, sp.csr_matrix((n_seekers, m))], format="csr"),
                -np.inf,
                limits,
            ),
            LinearConstraint(
                sp.hstack(
                    [_rows(p_company, n_companies), sp.csr_matrix((n_companies, m))], format="csr"
                ),
                -np.inf,
                company_room,
            ),
        ],
        integrality=np.zeros(n_pairs + m),
        bounds=Bounds(
            np.concatenate([fixed_pairs.astype(np.float64), np.zeros(m)]),
            np.concatenate([np.ones(n_pairs), short_upper]),
        ),
    )
    if result.x is None:
        return np.zeros(len(space.value), dtype=bool), float("inf")
    chosen_pairs = pairs[result.x[:n_pairs] > 0.5]
    return np.isin(pair_key, chosen_pairs), -float(result.fun)


def _place_by_slot(
    problem: FairProblem,
    space: _Space,
    pairs_mask: NDArray[np.bool_],
    fixed_mask: NDArray[np.bool_],
) -> NDArray[np.bool_]:
    """Stage 2: gives the chosen pairs their slots, one slot at a time, by weighted matching.

    In each slot the seekers with a pair still to place are matched to the companies' free
    seats (an assignment problem, exact), preferring the most urgent: seekers and companies with
    many interviews left for few remaining slots. This is the edge-colouring view of the
    timetable; it places every pair whenever the slots leave some room, and what is left is
    filled afterwards.
    """
    n_seekers, n_companies = problem.scores.shape
    n_slots = problem.n_slots
    window = problem.min_gap + 1
    chosen = fixed_mask.copy()
    busy = np.zeros((n_seekers, n_slots), dtype=bool)
    load = np.zeros((n_companies, n_slots), dtype=np.int64)
    for f in np.flatnonzero(fixed_mask):
        busy[space.seeker[f], space.slot[f]] = True
        load[space.company[f], space.slot[f]] += 1
    met = {(int(space.seeker[f]), int(space.company[f])) for f in np.flatnonzero(fixed_mask)}
    todo = pairs_mask & ~np.isin(
        space.seeker * n_companies + space.company,
        [i * n_companies + j for i, j in met],
    )
    by_slot = {t: np.flatnonzero(todo & (space.slot == t)) for t in range(n_slots)}
    remaining = np.zeros(n_seekers)
    company_left = np.zeros(n_companies)
    for i, j in {(int(space.seeker[v]), int(space.company[v])) for v in np.flatnonzero(todo)}:
        remaining[i] += 1
        company_left[j] += 1
    interviewers = np.array([c.interviewers for c in problem.companies])
    for t in range(n_slots):
        candidates = [
            int(v)
            for v in by_slot[t]
            if (int(space.seeker[v]), int(space.company[v])) not in met
            and not busy[space.seeker[v], max(0, t - window + 1) : t + window].any()
        ]
        seats_free = np.maximum(interviewers - load[:, t], 0)
        if not candidates or seats_free.sum() == 0:
            continue
        slots_left = np.array(
            [sum(1 for u in range(t, n_slots) if u not in problem.breaks
                 and u not in s.blocked_slots) for s in problem.seekers], dtype=np.float64
        )  # fmt: skip
        seats_left = np.array(
            [c.interviewers * sum(1 for u in range(t, n_slots) if u not in problem.breaks
                                  and u not in c.blocked_slots) for c in problem.companies],
            dtype=np.float64,
        )  # fmt: skip
        rows = sorted({int(space.seeker[v]) for v in candidates})
        row_of = {i: r for r, i in enumerate(rows)}
        seat_company = np.repeat(np.arange(n_companies), seats_free)
        first_seat = np.concatenate([[0], np.cumsum(seats_free)[:-1]])
        weight = np.zeros((len(rows), len(seat_company)))
        edge = np.full((len(rows), n_companies), -1, dtype=np.int64)
        for c in candidates:
            i, j = int(space.seeker[c]), int(space.company[c])
            urgency = (
                1.0
                + window * remaining[i] / max(1.0, slots_left[i])
                + company_left[j] / max(1.0, seats_left[j])
                + 0.01 * space.value[c]
            )
            cols = slice(first_seat[j], first_seat[j] + seats_free[j])
            weight[row_of[i], cols] = urgency
            edge[row_of[i], j] = c
        matched_rows, matched_cols = linear_sum_assignment(weight, maximize=True)
        for r, col in zip(matched_rows, matched_cols, strict=True):
            j = int(seat_company[col])
            picked = int(edge[r, j])
            if picked < 0 or weight[r, col] <= 0:
                continue
            i = rows[r]
            chosen[picked] = True
            busy[i, t] = True
            load[j, t] += 1
            met.add((i, j))
            remaining[i] -= 1
            company_left[j] -= 1
    return chosen


def _move_to_better_slots(
    problem: FairProblem,
    space: _Space,
    chosen: NDArray[np.bool_],
    fixed_mask: NDArray[np.bool_],
    passes: int = 3,
) -> None:
    """Local improvement (in place): a preferred slot, or the slot an interview had before
    re-optimizing, is worth a little more; interviews move there when the seeker and the company
    are free, and two interviews of one company swap slots when both seekers are free for it
    (a full fair has no free seat, so swaps do most of the work). Never drops an interview."""
    n_seekers, n_companies = problem.scores.shape
    n_slots = problem.n_slots
    window = problem.min_gap + 1
    index = {
        (int(i), int(j), int(t)): v
        for v, (i, j, t) in enumerate(zip(space.seeker, space.company, space.slot, strict=True))
    }
    busy = np.zeros((n_seekers, n_slots), dtype=bool)
    load = np.zeros((n_companies, n_slots), dtype=np.int64)
    for v in np.flatnonzero(chosen):
        busy[space.seeker[v], space.slot[v]] = True
        load[space.company[v], space.slot[v]] += 1
    interviewers = np.array([c.interviewers for c in problem.companies])

    def free(i: int, t: int, ignoring: int) -> bool:
        busy[i, ignoring] = False
        ok = not busy[i, max(0, t - window + 1) : min(n_slots, t + window)].any()
        busy[i, ignoring] = True
        return ok

    def value(i: int, j: int, t: int) -> float | None:
        v = index.get((i, j, t))
        return None if v is None else float(space.value[v])

    def move(i: int, j: int, t: int, u: int) -> None:
        chosen[index[(i, j, t)]] = False
        chosen[index[(i, j, u)]] = True
        busy[i, t] = False
        busy[i, u] = True

    for _ in range(passes):
        improved = False
        for j in range(n_companies):
            mine = [
                (int(space.seeker[v]), int(space.slot[v]))
                for v in np.flatnonzero(chosen & (space.company == j) & ~fixed_mask)
            ]
            for a in range(len(mine)):
                i, t = mine[a]
                here = float(space.value[index[(i, j, t)]])
                # a free seat in a better slot
                for u in range(n_slots):
                    there = value(i, j, u)
                    if (
                        there is not None
                        and there > here + 1e-12
                        and load[j, u] < interviewers[j]
                        and free(i, u, t)
                    ):
                        move(i, j, t, u)
                        load[j, t] -= 1
                        load[j, u] += 1
                        mine[a] = (i, u)
                        improved = True
                        break
                i, t = mine[a]
                here = float(space.value[index[(i, j, t)]])
                # or a swap with another seeker of the same company
                for b in range(a + 1, len(mine)):
                    k, u = mine[b]
                    if u == t:
                        continue
                    mine_there, theirs_here = value(i, j, u), value(k, j, t)
                    if mine_there is None or theirs_here is None:
                        continue
                    theirs = float(space.value[index[(k, j, u)]])
                    if mine_there + theirs_here <= here + theirs + 1e-12:
                        continue
                    if free(i, u, t) and free(k, t, u):
                        move(i, j, t, u)
                        move(k, j, u, t)
                        mine[a], mine[b] = (i, u), (k, t)
                        improved = True
                        break
        if not improved:
            return


def _place_greedily(
    problem: FairProblem,
    space: _Space,
    chosen: NDArray[np.bool_],
    order: NDArray[np.int64] | None,
) -> None:
    """Adds interviews to ``chosen`` (in place) wherever every constraint still allows one.

    With ``order`` the variables are tried in that order (one per pair); without, seekers
    below their floor first, then by value.
    """
    n_seekers, n_companies = problem.scores.shape
    n_slots = problem.n_slots
    window = problem.min_gap + 1
    busy = np.zeros((n_seekers, n_slots), dtype=bool)
    load = np.zeros((n_companies, n_slots), dtype=np.int64)
    met: set[tuple[int, int]] = set()
    count = np.zeros(n_seekers, dtype=np.int64)
    for v in np.flatnonzero(chosen):
        i, j, t = int(space.seeker[v]), int(space.company[v]), int(space.slot[v])
        busy[i, t] = True
        load[j, t] += 1
        met.add((i, j))
        count[i] += 1
    floors = np.array([problem.floor(s) for s in problem.seekers])
    limits = np.array([problem.limit(s) for s in problem.seekers])
    if order is None:
        below = count[space.seeker] < floors[space.seeker]
        order = np.lexsort((space.slot, -space.value, ~below))
    for v in order:
        i, j, t = int(space.seeker[v]), int(space.company[v]), int(space.slot[v])
        lo, hi = max(0, t - window + 1), min(n_slots, t + window)
        if (
            chosen[v]
            or busy[i, lo:hi].any()
            or load[j, t] >= problem.companies[j].interviewers
            or (i, j) in met
            or count[i] >= limits[i]
        ):
            continue
        chosen[v] = True
        busy[i, t] = True
        load[j, t] += 1
        met.add((i, j))
        count[i] += 1


def _result(
    problem: FairProblem,
    space: _Space,
    chosen: NDArray[np.bool_],
    method: str,
    is_optimal: bool,
    gap: float | None,
    started: float,
    n_variables: int,
) -> FairSchedule:
    interviews = []
    for v in np.flatnonzero(chosen):
        i, j, t = int(space.seeker[v]), int(space.company[v]), int(space.slot[v])
        key = (problem.seekers[i].id, problem.companies[j].id)
        interviews.append(
            Interview(
                seeker=key[0],
                company=key[1],
                slot=t,
                score=float(problem.scores[i, j]),
                is_requested=key in problem.requested,
                is_invited=key in problem.invited,
                is_preferred_slot=_is_preferred(problem, i, j, t),
                reason=problem.reasons.get(key, ""),
            )
        )
    interviews.sort(key=lambda iv: (iv.slot, iv.company, iv.seeker))
    counts: dict[str, int] = {}
    for iv in interviews:
        counts[iv.seeker] = counts.get(iv.seeker, 0) + 1
    short = {
        s.id: problem.floor(s) - counts.get(s.id, 0)
        for s in problem.seekers
        if counts.get(s.id, 0) < problem.floor(s)
    }
    return FairSchedule(
        interviews=tuple(interviews),
        total_score=float(sum(iv.score for iv in interviews)),
        objective=float(space.value[chosen].sum()) if len(space.value) else 0.0,
        short=short,
        method=method,
        is_optimal=is_optimal,
        gap=gap,
        seconds=time.perf_counter() - started,
        n_variables=n_variables,
    )


def schedule_value(problem: FairProblem, interviews: Iterable[Interview]) -> float:
    """The objective a set of interviews reaches (score, bonuses, preferred slots), for comparing."""
    seeker_index = {s.id: i for i, s in enumerate(problem.seekers)}
    company_index = {c.id: j for j, c in enumerate(problem.companies)}
    total = 0.0
    for iv in interviews:
        i, j = seeker_index[iv.seeker], company_index[iv.company]
        total += pair_value(problem, i, j)
        if _is_preferred(problem, i, j, iv.slot):
            total += SLOT_BONUS
    return total


def violations(problem: FairProblem, interviews: Sequence[Interview]) -> list[str]:
    """Every hard constraint the interviews break (empty when the schedule is valid)."""
    seekers = {s.id: s for s in problem.seekers}
    companies = {c.id: c for c in problem.companies}
    out: list[str] = []
    per_seeker: dict[str, list[int]] = {}
    per_company_slot: dict[tuple[str, int], int] = {}
    pairs: set[tuple[str, str]] = set()
    for iv in interviews:
        seeker, company = seekers.get(iv.seeker), companies.get(iv.company)
        if seeker is None or company is None:
            out.append(f"unknown seeker or company in {iv}")
            continue
        if not problem.is_open(seeker, company, iv.slot):
            out.append(f"{iv.seeker}–{iv.company} in slot {iv.slot} is not allowed")
        if (iv.seeker, iv.company) in pairs:
            out.append(f"{iv.seeker}–{iv.company} meet twice")
        pairs.add((iv.seeker, iv.company))
        per_seeker.setdefault(iv.seeker, []).append(iv.slot)
        key = (iv.company, iv.slot)
        per_company_slot[key] = per_company_slot.get(key, 0) + 1
    for (company_id, slot), n in per_company_slot.items():
        if n > companies[company_id].interviewers:
            out.append(f"{company_id} has {n} interviews in slot {slot}")
    for seeker_id, slots in per_seeker.items():
        slots.sort()
        if len(slots) > problem.limit(seekers[seeker_id]):
            out.append(f"{seeker_id} has {len(slots)} interviews (limit)")
        for a, b in pairwise(slots):
            if b - a <= problem.min_gap:
                out.append(f"{seeker_id} has interviews in slots {a} and {b}")
    return out


def greedy_schedule(
    problem: FairProblem, *, order: Sequence[str] | None = None, choices: int = 8
) -> FairSchedule:
    """First-come self-booking, the baseline: each seeker in turn books their best companies.

    Seekers arrive in ``order`` (default: as listed); each goes down their ``choices`` best
    companies by score (requested ones first) and books the earliest slot open for both, until
    their limit. Nobody plans for the fair as a whole.
    """
    started = time.perf_counter()
    n_slots = problem.n_slots
    window = problem.min_gap + 1
    seeker_index = {s.id: i for i, s in enumerate(problem.seekers)}
    load = np.zeros((len(problem.companies), n_slots), dtype=np.int64)
    interviews: list[Interview] = []
    for seeker_id in order or [s.id for s in problem.seekers]:
        i = seeker_index[seeker_id]
        seeker = problem.seekers[i]
        busy = np.zeros(n_slots, dtype=bool)
        ranked = sorted(
            range(len(problem.companies)), key=lambda j: (-pair_value(problem, i, j), j)
        )[:choices]
        booked = 0
        for j in ranked:
            if booked >= problem.limit(seeker):
                break
            company = problem.companies[j]
            for t in range(n_slots):
                lo, hi = max(0, t - window + 1), min(n_slots, t + window)
                if (
                    problem.is_open(seeker, company, t)
                    and not busy[lo:hi].any()
                    and load[j, t] < company.interviewers
                ):
                    busy[t] = True
                    load[j, t] += 1
                    booked += 1
                    key = (seeker.id, company.id)
                    interviews.append(
                        Interview(
                            seeker.id,
                            company.id,
                            t,
                            float(problem.scores[i, j]),
                            key in problem.requested,
                            key in problem.invited,
                            _is_preferred(problem, i, j, t),
                            problem.reasons.get(key, ""),
                        )
                    )
                    break
    interviews.sort(key=lambda iv: (iv.slot, iv.company, iv.seeker))
    counts: dict[str, int] = {}
    for iv in interviews:
        counts[iv.seeker] = counts.get(iv.seeker, 0) + 1
    short = {
        s.id: problem.floor(s) - counts.get(s.id, 0)
        for s in problem.seekers
        if counts.get(s.id, 0) < problem.floor(s)
    }
    return FairSchedule(
        interviews=tuple(interviews),
        total_score=float(sum(iv.score for iv in interviews)),
        objective=schedule_value(problem, interviews),
        short=short,
        method="greedy",
        is_optimal=False,
        gap=None,
        seconds=time.perf_counter() - started,
    )


def reschedule(
    problem: FairProblem,
    previous: FairSchedule,
    *,
    from_slot: int,
    no_shows: Collection[str] = (),
    **options: object,
) -> FairSchedule:
    """Re-optimizes the rest of the day (walk-ins added to ``problem``, no-shows removed).

    Interviews before ``from_slot`` stay as they were (they happened or are under way); later
    ones are kept where possible (a bonus for each) but may move to make room for walk-ins or
    for seekers below their floor; a no-show seeker's later interviews are dropped and their
    places freed. Seekers and companies no longer in ``problem`` lose their interviews.

    Args:
        problem: the fair now (with walk-ins registered).
        previous: the schedule being replaced.
        from_slot: the first slot that may still change.
        no_shows: seeker ids who did not come.
        **options: passed to :func:`schedule_fair` (``candidates``, ``time_limit`` …).

    Returns:
        The new schedule (예: 현장 등록자 추가 후 재최적화).
    """
    absent = set(no_shows)
    fixed = [
        (iv.seeker, iv.company, iv.slot)
        for iv in previous.interviews
        if iv.slot < from_slot and iv.seeker not in absent
    ]
    keep = [
        (iv.seeker, iv.company, iv.slot)
        for iv in previous.interviews
        if iv.slot >= from_slot and iv.seeker not in absent
    ]
    blocked_now = frozenset(range(from_slot))
    seekers = tuple(
        FairSeeker(
            s.id,
            # nobody new is placed in a slot that has passed; a no-show gets nothing later
            s.blocked_slots | blocked_now | (frozenset(range(problem.n_slots)) if s.id in absent
                                             else frozenset()),
            s.preferred_slots,
            s.min_interviews,
            s.max_interviews,
        )
        for s in problem.seekers
    )  # fmt: skip
    replanned = FairProblem(
        seekers=seekers,
        companies=problem.companies,
        n_slots=problem.n_slots,
        scores=problem.scores,
        requested=problem.requested,
        invited=problem.invited,
        refused=problem.refused,
        breaks=problem.breaks,
        min_interviews=problem.min_interviews,
        max_interviews=problem.max_interviews,
        min_gap=problem.min_gap,
        reasons=problem.reasons,
    )
    candidates = options.get("candidates", 12)
    time_limit = options.get("time_limit", 20.0)
    return schedule_fair(
        replanned,
        candidates=candidates if isinstance(candidates, int) or candidates is None else 12,
        time_limit=float(time_limit) if isinstance(time_limit, int | float) else 20.0,
        fixed=fixed,
        keep=keep,
    )
