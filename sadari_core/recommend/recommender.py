"""The recommender: investors for a company (warm or cold start) and deal flow for an investor."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Self

import numpy as np

from sadari_core.recommend.data import CompanyState, FloatArray, History, IntArray, Snapshot
from sadari_core.recommend.explain import (
    ACTIVE,
    CO_INVESTOR,
    PREVIOUS_INVESTOR,
    REGION,
    SEGMENT,
    TICKET,
    Explanation,
    Reason,
    Thesis,
)
from sadari_core.recommend.model import (
    FEATURES,
    CompanyBatch,
    LinearModel,
    candidate_mask,
    fit_choice,
    pair_features,
    prior_model,
)
from sadari_core.recommend.records import (
    CompanyProfile,
    Interaction,
    InvestorProfile,
    Recommendation,
    Round,
)
from sadari_core.recommend.stages import OTHER, STAGES, UNKNOWN, normalize_stage
from sadari_core.recommend.ticket import (
    FITS,
    MISSES,
    TicketRanges,
    expected_raise,
    ticket_adjustment,
    ticket_adjustment_for_companies,
    ticket_fit,
    typical_rounds,
)

WARM = "warm"  # an earlier round on record
COLD = "cold"  # none (cold start)
GROUPS = (WARM, COLD)
_MIN_POSITIVES = 100  # fewer positive pairs in a group than this: the prior blend is used
_REASON_FEATURES = {
    PREVIOUS_INVESTOR: ("previous",),
    CO_INVESTOR: ("co_investment",),
    SEGMENT: ("category", "category_stage", "stage", "ordinal", "age", "region_stage"),
    REGION: ("region", "category_region"),
    ACTIVE: ("activity_6m", "activity", "activity_all", "recency"),
}


def _group(state: CompanyState) -> str:
    return WARM if state.rounds else COLD


@dataclass
class _Sample:
    rows: dict[str, list[FloatArray]] = field(default_factory=lambda: {g: [] for g in GROUPS})
    labels: dict[str, list[FloatArray]] = field(default_factory=lambda: {g: [] for g in GROUPS})


@dataclass
class TrainingReport:
    """What ``fit`` learned from: the windows, the pairs per group and the fitted weights."""

    windows: list[tuple[str, str]] = field(default_factory=list)
    companies: dict[str, int] = field(default_factory=dict)
    pairs: dict[str, int] = field(default_factory=dict)
    positives: dict[str, int] = field(default_factory=dict)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)
    learned: dict[str, bool] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "windows": [list(w) for w in self.windows],
            "companies": self.companies,
            "pairs": self.pairs,
            "positives": self.positives,
            "weights": self.weights,
            "learned": self.learned,
        }


class Recommender:
    """Investors most likely to back a company next, and companies that fit an investor.

    It blends collaborative signals (the company's own investors — follow-on — and item-kNN
    over the co-investment graph), content fit (the investor's revealed or declared thesis:
    category, region, stage, round ordinal and company age against the company's), and activity
    (deals decayed by age, months since the last one). The blend is two logistic regressions —
    one for companies with an earlier round (warm), one without (cold start) — fit on what
    happened in the year(s) just before ``as_of``, with features from the history before each
    year. Nothing after ``as_of`` is read.

    Example:
        >>> rec = Recommender().fit(deals, companies, as_of=date(2013, 1, 1))
        >>> rec.recommend_investors("사다리테크", 3)[0].explanation.summary("ko")
        '2012년 AI 분야 시드 3건 주도 · 투자 성향: 시드, AI, 서울'
    """

    def __init__(
        self,
        *,
        half_life_days: float = 730.0,
        training_years: int = 2,
        candidates_per_signal: int = 40,
        l2: float = 1.0,
    ) -> None:
        self.half_life_days = half_life_days
        self.training_years = training_years
        self.candidates_per_signal = candidates_per_signal
        self.l2 = l2
        self.report = TrainingReport()
        self._history: History | None = None
        self._snapshot: Snapshot | None = None
        self._models: dict[str, LinearModel] = {}
        self._deal_order: IntArray = np.zeros(0, np.int64)
        self._deal_starts: IntArray = np.zeros(0, np.int64)
        self._typical: dict[str, float] = {}
        self._tickets = TicketRanges(np.zeros(0), np.zeros(0))

    # --- fitting ---------------------------------------------------------------------------

    def fit(
        self,
        interactions: Iterable[Interaction],
        companies: Iterable[CompanyProfile] = (),
        investors: Iterable[InvestorProfile] | None = None,
        *,
        rounds: Iterable[Round] = (),
        as_of: date,
    ) -> Self:
        """Learns from the history before ``as_of``; later records are ignored.

        Args:
            interactions: investor → company deals (duplicates count once).
            companies: profiles (category, region, founding date, stage).
            investors: declared theses, optional.
            rounds: rounds known without their investors (they still give a company's stage).
            as_of: the day recommendations are for.

        Returns:
            ``self``, fitted.
        """
        history = History(interactions, companies, investors or (), rounds)
        self._history = history
        self.report = TrainingReport()
        sample = _Sample()
        for year in range(self.training_years, 0, -1):
            start, end = _years_before(as_of, year), _years_before(as_of, year - 1)
            self.report.windows.append((start.isoformat(), end.isoformat()))
            self._training_sample(history, start, end, sample)
        for group in GROUPS:
            n_pos = int(sum(float(y.sum()) for y in sample.labels[group]))
            self.report.positives[group] = n_pos
            self.report.pairs[group] = sum(len(y) for y in sample.labels[group])
            if n_pos >= _MIN_POSITIVES:
                sizes = np.array([len(y) for y in sample.labels[group]], dtype=np.int64)
                y = np.concatenate(sample.labels[group])
                model = fit_choice(
                    np.vstack(sample.rows[group]),
                    y,
                    np.ones(len(y)),
                    np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64),
                    l2=self.l2,
                )
                self.report.learned[group] = True
            else:
                model = prior_model(group)
                self.report.learned[group] = False
            self._models[group] = model
            self.report.weights[group] = model.as_dict()
        snap = history.snapshot(as_of, self.half_life_days)
        self._snapshot = snap
        self._typical = typical_rounds(
            (
                (when, stage, history.round_amount.get((company, when)))
                for company, rs in history.company_rounds.items()
                for when, stage in rs
            ),
            as_of,
        )
        self._tickets = _ticket_ranges(history)
        self._deal_order = np.argsort(history.investor[: snap.n_deals], kind="stable")
        self._deal_starts = np.searchsorted(
            history.investor[: snap.n_deals][self._deal_order],
            np.arange(len(history.investors) + 1),
        ).astype(np.int64)
        return self

    def _training_sample(self, history: History, start: date, end: date, sample: "_Sample") -> None:
        """One window's choice sets: features before ``start``, choices = deals in [start, end).

        Each company that raised money in the window is one choice set: the candidates that the
        retrieval signals bring (the same as when recommending), the chosen ones labelled 1.
        Companies whose investors no signal retrieves teach nothing about ranking and are left
        out (they count against recall all the same in the benchmark).
        """
        lo = int(np.searchsorted(history.day, start.toordinal(), side="left"))
        hi = int(np.searchsorted(history.day, end.toordinal(), side="left"))
        if hi <= lo or lo == 0:
            return
        snap = history.snapshot(start, self.half_life_days)
        backers: dict[int, set[int]] = {}
        for c, i in zip(history.company[lo:hi], history.investor[lo:hi], strict=True):
            if snap.known[i]:
                backers.setdefault(int(c), set()).add(int(i))
        n_inv = len(history.investors)
        all_investors = np.arange(n_inv, dtype=np.int64)
        for c, positives in backers.items():
            state = snap.company_state(history.companies.items[c])
            group = _group(state)
            self.report.companies[group] = self.report.companies.get(group, 0) + 1
            x = pair_features(
                snap, all_investors, CompanyBatch.repeat(state, n_inv), snap.knn_for_company(c)
            )
            index = np.flatnonzero(
                candidate_mask(
                    x,
                    snap.known,
                    self.candidates_per_signal,
                    CompanyBatch.segments(state),
                    snap.retrieval_cache,
                )
            )
            y = np.fromiter((int(i) in positives for i in index), np.float64, len(index))
            if y.any():
                sample.rows[group].append(x[index])
                sample.labels[group].append(y)

    # --- recommending ----------------------------------------------------------------------

    def _ready(self) -> tuple[History, Snapshot]:
        if self._history is None or self._snapshot is None:
            raise RuntimeError("call fit() before recommending")
        return self._history, self._snapshot

    def recommend_investors(
        self,
        company_id: str,
        k: int,
        *,
        profile: CompanyProfile | None = None,
        exclude: Collection[str] = (),
    ) -> list[Recommendation]:
        """The ``k`` investors most likely to back ``company_id`` next, best first, explained.

        Args:
            company_id: a company of the history, or any other id (cold start).
            k: how many (fewer only when fewer investors are known).
            profile: what is known of the company, when it is not (or not well) in the history.
            exclude: investor ids to leave out.

        Returns:
            Recommendations with 1-based ranks; ``score`` is the model's probability.
        """
        history, snap = self._ready()
        state = snap.company_state(company_id, profile)
        n_inv = len(history.investors)
        investors = np.arange(n_inv, dtype=np.int64)
        x = pair_features(
            snap,
            investors,
            CompanyBatch.repeat(state, n_inv),
            snap.knn_for_company(state.index),
        )
        model = self._models[_group(state)]
        # Declared tickets against the expected round: a hand-set adjustment (see ticket.py).
        expected = self._expected(company_id, state, profile)
        ticket = ticket_adjustment(expected, self._tickets)
        logits = model.logits(x) + ticket
        eligible = snap.known.copy()
        for investor in exclude:
            if (j := history.investors.get(investor)) >= 0:
                eligible[j] = False
        inside = candidate_mask(
            x,
            eligible,
            self.candidates_per_signal,
            CompanyBatch.segments(state) if not exclude else None,
            snap.retrieval_cache,
        )
        # Candidates first (by the blend), then every other known investor by activity.
        scores = np.where(inside, logits, -1e6 + x[:, 1])
        scores[~eligible] = -np.inf
        # The score is the choice model's probability among the candidates (they sum to 1).
        share = np.zeros(n_inv)
        if inside.any():
            e = np.exp(logits[inside] - logits[inside].max())
            share[inside] = e / e.sum()
        best = _top(scores, k)
        return [
            Recommendation(
                item=history.investors.items[i],
                score=float(share[i]),
                rank=rank,
                explanation=self._explain(int(i), state, model, x[i], expected),
            )
            for rank, i in enumerate(best, start=1)
        ]

    def recommend_companies(
        self, investor_id: str, k: int, candidates: Collection[str] | None = None
    ) -> list[Recommendation]:
        """Deal flow: the ``k`` companies that fit ``investor_id`` best, best first, explained.

        Args:
            investor_id: an investor of the history or with a declared thesis.
            k: how many.
            candidates: the companies to rank (default: every company the recommender knows).

        Returns:
            Recommendations (``item`` is a company id); empty for an unknown investor.
        """
        history, snap = self._ready()
        i = history.investors.get(investor_id)
        if i < 0 or not snap.known[i]:
            return []
        ids = list(history.companies.items if candidates is None else candidates)
        if not ids:
            return []
        states = [snap.company_state(c) for c in ids]
        batch = CompanyBatch.of(states)
        investors = np.full(len(ids), i, np.int64)
        x = pair_features(
            snap,
            investors,
            batch,
            snap.knn_for_investor(i, batch.index),
        )
        groups = [_group(s) for s in states]
        scores = np.zeros(len(ids))
        for group in GROUPS:
            rows = np.array([g == group for g in groups], dtype=np.bool_)
            if rows.any():
                scores[rows] = self._models[group].logits(x[rows])
        expected: list[float | None] = [None] * len(ids)
        if self._tickets.declared[i]:
            expected = [self._expected(c, state) for c, state in zip(ids, states, strict=True)]
            low, high = float(self._tickets.low[i]), float(self._tickets.high[i])
            scores += ticket_adjustment_for_companies(
                np.array([np.nan if e is None else e for e in expected], dtype=np.float64),
                None if np.isnan(low) else low,
                None if np.isnan(high) else high,
            )
        best = _top(scores, k)
        out = []
        for rank, j in enumerate(best, start=1):
            model = self._models[groups[j]]
            out.append(
                Recommendation(
                    item=ids[j],
                    score=_sigmoid(float(scores[j])),
                    rank=rank,
                    explanation=self._explain(i, states[j], model, x[j], expected[j]),
                )
            )
        return out

    # --- explanations ----------------------------------------------------------------------

    def expected_raise(
        self, company_id: str, profile: CompanyProfile | None = None
    ) -> float | None:
        """The round ``company_id`` is expected to raise next (USD): what its profile declares,
        else the typical round at its next stage, else twice its last round; None when
        nothing tells (see :mod:`sadari_core.recommend.ticket`)."""
        _history, snap = self._ready()
        return self._expected(company_id, snap.company_state(company_id, profile), profile)

    def _expected(
        self, company_id: str, state: CompanyState, profile: CompanyProfile | None = None
    ) -> float | None:
        history, snap = self._ready()
        known = profile or history.profiles.get(company_id)
        rounds = history.company_rounds.get(company_id, ())
        last = None
        for when, _stage in reversed(rounds):
            if when < snap.as_of:
                last = history.round_amount.get((company_id, when))
                break
        return expected_raise(
            STAGES[state.next_stage],
            self._typical,
            last_amount=last,
            declared=known.expected_raise_usd if known else None,
        )

    def _explain(
        self,
        investor: int,
        state: CompanyState,
        model: LinearModel,
        x: FloatArray,
        expected: float | None = None,
    ) -> Explanation:
        history, snap = self._ready()
        components = model.contributions(x)
        deals = self._deal_order[self._deal_starts[investor] : self._deal_starts[investor + 1]]
        reasons: list[Reason] = []

        def weight(kind: str) -> float:
            return sum(components[f] for f in _REASON_FEATURES[kind])

        if state.index >= 0:
            own = deals[history.company[deals] == state.index]
            if len(own):
                last = int(own[np.argmax(history.day[own])])
                reasons.append(
                    Reason(
                        PREVIOUS_INVESTOR,
                        weight(PREVIOUS_INVESTOR),
                        count=len(own),
                        year=date.fromordinal(int(history.day[last])).year,
                        stage=_named(STAGES[history.stage[last]]),
                    )
                )
            partners = [j for j in snap.investors_of(state.index) if j != investor]
            shared = sorted(
                ((int(snap.co_counts[investor, j]), history.investors.items[j]) for j in partners),
                key=lambda t: (-t[0], t[1]),
            )
            shared = [s for s in shared if s[0] > 0][:2]
            if shared:
                reasons.append(
                    Reason(
                        CO_INVESTOR,
                        weight(CO_INVESTOR),
                        count=sum(n for n, _ in shared),
                        names=tuple(name for _, name in shared),
                    )
                )
        segment = self._segment_reason(deals, state, weight(SEGMENT))
        if segment is not None:
            reasons.append(segment)
        if state.region > 0:
            in_region = int(np.sum(history.region[deals] == state.region))
            if in_region:
                reasons.append(
                    Reason(
                        REGION,
                        weight(REGION),
                        count=in_region,
                        region=history.regions.items[state.region],
                    )
                )
        recent = int(snap.last_12m[investor])
        if recent:
            reasons.append(Reason(ACTIVE, weight(ACTIVE), count=recent))
        ticket = self._ticket_reason(investor, expected)
        if ticket is not None:
            reasons.append(ticket)
        reasons.sort(key=lambda r: -r.weight)
        return Explanation(
            reasons=tuple(reasons),
            thesis=self._thesis(investor),
            components=components,
            is_cold_start=state.rounds == 0,
        )

    def _ticket_reason(self, investor: int, expected: float | None) -> Reason | None:
        if investor >= len(self._tickets.low) or not self._tickets.declared[investor]:
            return None
        low, high = float(self._tickets.low[investor]), float(self._tickets.high[investor])
        low_or_none = None if np.isnan(low) else low
        high_or_none = None if np.isnan(high) else high
        verdict = ticket_fit(expected, low_or_none, high_or_none)
        if verdict not in (FITS, MISSES):
            return None
        adjustment = ticket_adjustment(expected, TicketRanges(np.array([low]), np.array([high])))
        return Reason(
            TICKET,
            float(adjustment[0]),
            amount=expected,
            low=low_or_none,
            high=high_or_none,
            is_fit=verdict == FITS,
        )

    def _segment_reason(self, deals: IntArray, state: CompanyState, weight: float) -> Reason | None:
        """Deals in the company's category at its next stage, in the latest year with any."""
        history, _ = self._ready()
        if len(deals) == 0:
            return None
        same_stage = history.stage[deals] == state.next_stage
        same_category = history.category[deals] == state.category
        category = history.categories.items[state.category] if state.category > 0 else ""
        for mask, with_category, with_stage in (
            (same_stage & same_category, True, True),
            (same_category, True, False),
            (same_stage, False, True),
        ):
            if (with_category and not category) or not mask.any():
                continue
            chosen = deals[mask]
            years = np.array([date.fromordinal(int(d)).year for d in history.day[chosen]])
            year = int(years.max())
            in_year = chosen[years == year]
            return Reason(
                SEGMENT,
                weight,
                count=len(in_year),
                year=year,
                stage=STAGES[state.next_stage] if with_stage else UNKNOWN,
                category=category if with_category else "",
                is_lead=bool(history.is_lead[in_year].all()),
            )
        return None

    def _thesis(self, investor: int) -> Thesis:
        history, snap = self._ready()
        declared = history.theses.get(history.investors.items[investor])
        if declared and (
            declared.thesis_stages or declared.thesis_industries or declared.thesis_regions
        ):
            return Thesis(
                stages=tuple(_named(normalize_stage(s)) or s for s in declared.thesis_stages),
                industries=declared.thesis_industries,
                regions=declared.thesis_regions,
                is_declared=True,
            )
        stages = snap.by_stage.row(investor)
        named = [j for j, s in enumerate(STAGES) if s not in (OTHER, UNKNOWN) and stages[j] > 0]
        categories = snap.by_category.row(investor)
        categories[0] = 0.0
        regions = snap.by_region.row(investor)
        regions[0] = 0.0
        return Thesis(
            stages=(STAGES[max(named, key=lambda j: stages[j])],) if named else (),
            industries=(history.categories.items[int(categories.argmax())],)
            if categories.max() > 0
            else (),
            regions=(history.regions.items[int(regions.argmax())],) if regions.max() > 0 else (),
        )

    @property
    def feature_names(self) -> tuple[str, ...]:
        return FEATURES


def _ticket_ranges(history: History) -> TicketRanges:
    """Declared ticket ranges per investor index (NaN where none)."""
    n = len(history.investors)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    for investor, thesis in history.theses.items():
        j = history.investors.index[investor]
        if thesis.ticket_min_usd is not None and thesis.ticket_min_usd >= 0:
            low[j] = thesis.ticket_min_usd
        if thesis.ticket_max_usd is not None and thesis.ticket_max_usd > 0:
            high[j] = thesis.ticket_max_usd
    return TicketRanges(low, high)


def _years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _named(stage: str) -> str:
    return "" if stage in (OTHER, UNKNOWN) else stage


def _sigmoid(x: float) -> float:
    if x == -np.inf:
        return 0.0
    return float(1.0 / (1.0 + np.exp(-x)))


def _top(scores: FloatArray, k: int) -> list[int]:
    """Indexes of the ``k`` best finite scores, best first (ties: lower index first)."""
    finite = np.flatnonzero(np.isfinite(scores))
    if k <= 0 or len(finite) == 0:
        return []
    values = scores[finite]
    if len(finite) > k:
        part = np.argpartition(-values, k - 1)[:k]
        finite, values = finite[part], values[part]
    order = np.lexsort((finite, -values))
    return [int(finite[j]) for j in order]
