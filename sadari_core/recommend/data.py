"""The history as arrays, and a snapshot of it at a date: counts per investor and segment.

A :class:`History` is built once per ``fit``; a :class:`Snapshot` is the history cut at a date
(only deals before it, decayed by their age), which is all that the features read. Training
builds snapshots a year and two years before ``as_of``; serving uses the one at ``as_of``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from sadari_core.recommend.records import CompanyProfile, Interaction, InvestorProfile, Round
from sadari_core.recommend.stages import (
    AGE_BUCKETS,
    ORDINAL_BUCKETS,
    OTHER,
    STAGES,
    UNKNOWN,
    age_bucket,
    next_stage,
    normalize_stage,
    ordinal_bucket,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# A declared thesis counts as this many recent deals in each declared segment (and overall).
THESIS_PSEUDO_DEALS = 2.0
# A target's next round is expected about half a year after the snapshot (the test window is
# the year after it), so its age is taken then.
_AGE_AHEAD = timedelta(days=182)
_NO_DEAL_DAYS = 3650.0


class Vocabulary:
    """Strings ↔ dense indexes, in first-seen order."""

    def __init__(self, items: Iterable[str] = ()) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: str) -> int:
        found = self.index.get(item)
        if found is None:
            found = self.index[item] = len(self.items)
            self.items.append(item)
        return found

    def get(self, item: str) -> int:
        """The index of ``item``, or -1."""
        return self.index.get(item, -1)

    def __len__(self) -> int:
        return len(self.items)


def _weighted_counts(index: IntArray, weights: FloatArray, n: int) -> FloatArray:
    return np.bincount(index, weights, n).astype(np.float64)


class Counts:
    """A sparse (rows × columns) matrix read one column, one row, or pairs at a time."""

    def __init__(self, rows: IntArray, cols: IntArray, weights: FloatArray, shape: tuple[int, int]):
        keep = (rows >= 0) & (cols >= 0)
        matrix = sp.coo_matrix((weights[keep], (rows[keep], cols[keep])), shape=shape)
        self.csc: Any = matrix.tocsc()
        self.csc.sum_duplicates()
        self._csr: Any = None
        self.shape = shape

    @property
    def csr(self) -> Any:
        if self._csr is None:
            self._csr = self.csc.tocsr()
        return self._csr

    def column(self, j: int) -> FloatArray:
        out = np.zeros(self.shape[0])
        if 0 <= j < self.shape[1]:
            lo, hi = self.csc.indptr[j], self.csc.indptr[j + 1]
            out[self.csc.indices[lo:hi]] = self.csc.data[lo:hi]
        return out

    def row(self, i: int) -> FloatArray:
        out = np.zeros(self.shape[1])
        if 0 <= i < self.shape[0]:
            csr = self.csr
            lo, hi = csr.indptr[i], csr.indptr[i + 1]
            out[csr.indices[lo:hi]] = csr.data[lo:hi]
        return out

    def pairs(self, rows: IntArray, cols: IntArray) -> FloatArray:
        """Values at ``(rows[n], cols[n])``; a negative index reads as 0."""
        if len(rows) == 0:
            return np.zeros(0)
        if np.all(cols == cols[0]):
            return _gather(self.column(int(cols[0])), rows)
        if np.all(rows == rows[0]):
            return _gather(self.row(int(rows[0])), cols)
        ok = (rows >= 0) & (cols >= 0)
        out = np.zeros(len(rows))
        out[ok] = np.asarray(self.csr[rows[ok], cols[ok]]).ravel()
        return out

    def totals(self) -> FloatArray:
        """Row sums."""
        return np.asarray(self.csc.sum(axis=1), dtype=np.float64).ravel()


def _gather(values: FloatArray, index: IntArray) -> FloatArray:
    out = np.zeros(len(index))
    ok = index >= 0
    out[ok] = values[index[ok]]
    return out


@dataclass
class CompanyState:
    """A company as a snapshot sees it: its segment indexes and how far along it is."""

    index: int  # -1: not in the history
    category: int
    region: int
    next_stage: int
    ordinal: int  # bucket of its next round's ordinal
    age: int  # bucket of its age when it raises next
    rounds: int  # rounds before the snapshot (0: cold start)


class History:
    """Every deal, round and profile as integer arrays, sorted by day."""

    def __init__(
        self,
        interactions: Iterable[Interaction],
        companies: Iterable[CompanyProfile],
        investors: Iterable[InvestorProfile],
        rounds: Iterable[Round],
    ) -> None:
        self.profiles: dict[str, CompanyProfile] = {c.id: c for c in companies}
        self.theses: dict[str, InvestorProfile] = {i.id: i for i in investors}
        self.investors = Vocabulary()
        self.companies = Vocabulary(self.profiles)
        self.categories = Vocabulary([""])
        self.regions = Vocabulary([""])
        for profile in self.profiles.values():
            self.categories.add(_key(profile.category))
            self.regions.add(_key(profile.region))
        seen: set[tuple[str, str, date]] = set()
        deals: list[Interaction] = []
        for it in sorted(interactions, key=lambda x: (x.when, x.company, x.investor)):
            key = (it.investor, it.company, it.when)
            if key not in seen:  # the same edge twice (exact duplicate rows) counts once
                seen.add(key)
                deals.append(it)
        self.deals = deals
        for it in deals:
            self.investors.add(it.investor)
            self.companies.add(it.company)
        for investor in self.theses:
            self.investors.add(investor)

        # Each company's rounds: one per distinct date, from deals and investor-less rounds.
        round_stage: dict[tuple[str, date], str] = {}
        round_amount: dict[tuple[str, date], float] = {}
        named = [(r.company, r.when, r.round_type, r.amount_usd) for r in rounds]
        for company, *_ in named:
            self.companies.add(company)
        named += [(it.company, it.when, it.round_type, it.amount_usd) for it in deals]
        for company, when, round_type, amount in named:
            stage = normalize_stage(round_type)
            current = round_stage.get((company, when))
            if current is None or (current == UNKNOWN and stage != UNKNOWN):
                round_stage[(company, when)] = stage
            if amount and (company, when) not in round_amount:
                round_amount[(company, when)] = amount
        self.round_amount = round_amount
        by_company: dict[str, list[tuple[date, str]]] = {}
        for (company, when), stage in round_stage.items():
            by_company.setdefault(company, []).append((when, stage))
        self.company_rounds: dict[str, list[tuple[date, str]]] = {
            c: sorted(rs) for c, rs in by_company.items()
        }
        ordinal_of: dict[tuple[str, date], int] = {}
        for company, rs in self.company_rounds.items():
            for n, (when, _) in enumerate(rs, start=1):
                ordinal_of[(company, when)] = n

        stage_index = {s: i for i, s in enumerate(STAGES)}
        n = len(deals)
        self.day = np.fromiter((it.when.toordinal() for it in deals), np.int64, n)
        self.investor = np.fromiter(
            (self.investors.index[it.investor] for it in deals), np.int64, n
        )
        self.company = np.fromiter((self.companies.index[it.company] for it in deals), np.int64, n)
        self.is_lead = np.fromiter((it.is_lead for it in deals), np.bool_, n)
        self.stage = np.fromiter(
            (stage_index[round_stage[(it.company, it.when)]] for it in deals), np.int64, n
        )
        self.ordinal = np.fromiter(
            (ordinal_bucket(ordinal_of[(it.company, it.when)]) for it in deals), np.int64, n
        )
        self.category = np.fromiter(
            (self.categories.index[self.category_of(it.company)] for it in deals), np.int64, n
        )
        self.region = np.fromiter(
            (self.regions.index[self.region_of(it.company)] for it in deals), np.int64, n
        )
        self.age = np.fromiter(
            (age_bucket(self._founded(it.company), it.when) for it in deals), np.int64, n
        )

    def category_of(self, company: str) -> str:
        profile = self.profiles.get(company)
        return _key(profile.category) if profile else ""

    def region_of(self, company: str) -> str:
        profile = self.profiles.get(company)
        return _key(profile.region) if profile else ""

    def _founded(self, company: str) -> date | None:
        profile = self.profiles.get(company)
        return profile.founded if profile else None

    def snapshot(self, as_of: date, half_life_days: float) -> "Snapshot":
        return Snapshot(self, as_of, half_life_days)


def _key(text: str) -> str:
    return " ".join(text.split())


class Snapshot:
    """The history before ``as_of``: decayed counts per investor and segment, co-investment."""

    def __init__(self, history: History, as_of: date, half_life_days: float) -> None:
        self.history = history
        self.as_of = as_of
        # Best investors per retrieval signal and segment (see model.candidate_mask).
        self.retrieval_cache: dict[tuple[object, ...], IntArray] = {}
        h = history
        cut = int(np.searchsorted(h.day, as_of.toordinal(), side="left"))
        self.n_deals = cut
        n_inv, n_comp = len(h.investors), len(h.companies)
        n_cat, n_reg, n_stage = len(h.categories), len(h.regions), len(STAGES)
        inv = h.investor[:cut]
        age_days = (as_of.toordinal() - h.day[:cut]).astype(np.float64)
        decay = 0.5 ** (age_days / half_life_days)
        ones = np.ones(cut)

        # float64 even with no deals at all (numpy's bincount of nothing is int64).
        self.activity_short = _weighted_counts(inv, 0.5 ** (age_days / 182.0), n_inv)
        self.activity = _weighted_counts(inv, decay, n_inv)
        self.activity_all = _weighted_counts(inv, ones, n_inv)
        self.last_12m = _weighted_counts(inv, (age_days < 365.0).astype(np.float64), n_inv)
        last_day = np.full(n_inv, -1, np.int64)
        np.maximum.at(last_day, inv, h.day[:cut])
        self.days_since_last = np.where(
            last_day >= 0, as_of.toordinal() - last_day, _NO_DEAL_DAYS
        ).astype(np.float64)

        # Segment counts; a declared thesis adds pseudo-deals (THESIS_PSEUDO_DEALS each).
        cat, reg, stage = h.category[:cut], h.region[:cut], h.stage[:cut]
        p_inv, p_cat, p_reg, p_stage = self._thesis_rows()
        inv_all = np.concatenate([inv, p_inv])
        w_all = np.concatenate([decay, np.full(len(p_inv), THESIS_PSEUDO_DEALS)])
        cat_all = np.concatenate([cat, p_cat])
        reg_all = np.concatenate([reg, p_reg])
        stage_all = np.concatenate([stage, p_stage])
        self.by_category = Counts(inv_all, cat_all, w_all, (n_inv, n_cat))
        self.by_region = Counts(inv_all, reg_all, w_all, (n_inv, n_reg))
        self.by_stage = Counts(inv_all, stage_all, w_all, (n_inv, n_stage))
        cat_reg = np.where((cat_all >= 0) & (reg_all >= 0), cat_all * n_reg + reg_all, -1)
        cat_stage = np.where((cat_all >= 0) & (stage_all >= 0), cat_all * n_stage + stage_all, -1)
        self.by_category_region = Counts(inv_all, cat_reg, w_all, (n_inv, n_cat * n_reg))
        self.by_category_stage = Counts(inv_all, cat_stage, w_all, (n_inv, n_cat * n_stage))
        reg_stage = np.where((reg_all >= 0) & (stage_all >= 0), reg_all * n_stage + stage_all, -1)
        self.by_region_stage = Counts(inv_all, reg_stage, w_all, (n_inv, n_reg * n_stage))
        # A declared stage also stands for the round's ordinal (seed: 1st, Series A: 2nd …).
        p_ordinal = np.where(p_stage >= 0, np.minimum(p_stage, len(ORDINAL_BUCKETS) - 1), -1)
        p_ordinal[p_stage >= STAGES.index(OTHER)] = -1
        self.by_ordinal = Counts(
            np.concatenate([inv, p_inv]),
            np.concatenate([h.ordinal[:cut], p_ordinal]),
            w_all,
            (n_inv, len(ORDINAL_BUCKETS)),
        )
        self.by_age = Counts(inv, h.age[:cut], decay, (n_inv, len(AGE_BUCKETS)))
        # A declared thesis is kept up to date by its investor: it counts as recent activity.
        declared = np.bincount(p_inv, minlength=n_inv) > 0
        for activity in (self.activity_short, self.activity, self.activity_all):
            activity[declared] += THESIS_PSEUDO_DEALS
        self.days_since_last[declared] = np.minimum(self.days_since_last[declared], 30.0)
        self.known = (self.activity_all > 0) | declared

        # Co-investment: company × investor (decayed, for "this company's investors") and the
        # investor × investor cosine over who backed the same companies (item-kNN).
        comp = h.company[:cut]
        self.portfolio = Counts(comp, inv, decay, (n_comp, n_inv))
        binary: Any = sp.csr_matrix((ones, (comp, inv)), shape=(n_comp, n_inv))
        binary.data[:] = 1.0
        co: Any = (binary.T @ binary).tocsr()
        degree = co.diagonal().astype(np.float64)
        co.setdiag(0.0)
        co.eliminate_zeros()
        self.co_counts: Any = co
        norm = np.sqrt(np.maximum(degree, 1.0))
        scale: Any = sp.diags(1.0 / norm)
        self.similarity: Any = (scale @ co @ scale).tocsr()
        self._similarity_csc: Any = None

    def _thesis_rows(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        h = self.history
        stage_index = {s: i for i, s in enumerate(STAGES)}
        rows: list[tuple[int, int, int, int]] = []
        for investor, thesis in h.theses.items():
            i = h.investors.index[investor]
            stages = [stage_index[normalize_stage(s)] for s in thesis.thesis_stages] or [-1]
            cats = [h.categories.get(_key(c)) for c in thesis.thesis_industries] or [-1]
            regs = [h.regions.get(_key(r)) for r in thesis.thesis_regions] or [-1]
            rows.extend((i, c, r, s) for c, r, s in product(cats, regs, stages))
        if not rows:
            empty = np.zeros(0, np.int64)
            return empty, empty, empty, empty
        arr = np.array(rows, dtype=np.int64)
        return arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]

    def company_state(self, company: str, profile: CompanyProfile | None = None) -> CompanyState:
        """The company as of this snapshot; ``profile`` overrides the stored profile."""
        h = self.history
        profile = profile or h.profiles.get(company) or CompanyProfile(company)
        rounds = [s for when, s in h.company_rounds.get(company, []) if when < self.as_of]
        if rounds:
            stage = next_stage(rounds)
        elif profile.stage:
            stage = normalize_stage(profile.stage)
            stage = next_stage([]) if stage == UNKNOWN else stage
        else:
            stage = next_stage([])
        return CompanyState(
            index=h.companies.get(company),
            category=h.categories.get(_key(profile.category)),
            region=h.regions.get(_key(profile.region)),
            next_stage=STAGES.index(stage),
            ordinal=ordinal_bucket(len(rounds) + 1),
            age=age_bucket(profile.founded, self.as_of + _AGE_AHEAD),
            rounds=len(rounds),
        )

    def knn_for_company(self, company: int) -> FloatArray:
        """Σ over the company's investors j (decayed weight) of cosine(j, every investor)."""
        if company < 0:
            return np.zeros(self.portfolio.shape[1])
        row = self.portfolio.csr[company]
        return np.asarray((row @ self.similarity).todense(), dtype=np.float64).ravel()

    def knn_for_investor(self, investor: int, companies: IntArray) -> FloatArray:
        """The same score for one investor and many companies."""
        if self._similarity_csc is None:
            self._similarity_csc = self.similarity.tocsc()
        column = self._similarity_csc[:, investor]
        scores = np.asarray((self.portfolio.csr @ column).todense(), dtype=np.float64).ravel()
        return _gather(scores, companies)

    def investors_of(self, company: int) -> Sequence[int]:
        """Indexes of the company's investors before the snapshot."""
        if company < 0:
            return []
        csr = self.portfolio.csr
        return [int(x) for x in csr.indices[csr.indptr[company] : csr.indptr[company + 1]]]
