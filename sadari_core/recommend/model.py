"""Features of an (investor, company) pair and the logistic model that blends them.

Every feature is a log-count read from a :class:`~sadari_core.recommend.data.Snapshot`, so the
same code scores one company against every investor (recommendations), one investor against many
companies (deal flow) and the training pairs. The blend is a logistic regression fit by Newton's
method on the ranking task itself, a year before ``as_of`` (see ``Recommender.fit``).
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sadari_core.recommend.data import CompanyState, FloatArray, IntArray, Snapshot
from sadari_core.recommend.stages import STAGES

FEATURES: tuple[str, ...] = (
    "activity_6m",  # deals, half-life 6 months
    "activity",  # deals, half-life ``half_life_days``
    "activity_all",  # deals ever
    "recency",  # log months since the last deal
    "category",  # decayed deals in the company's category
    "region",  # … in its region
    "category_region",  # … in both
    "stage",  # … at the stage it raises next
    "category_stage",  # … in its category at that stage
    "region_stage",  # … in its region at that stage
    "ordinal",  # … in companies' n-th round, n = its next round's ordinal
    "age",  # … in companies of its age
    "previous",  # decayed rounds of this very company (follow-on)
    "co_investment",  # item-kNN: cosine with this company's investors, summed
)
COLLABORATIVE = ("previous", "co_investment")


@dataclass
class CompanyBatch:
    """Companies as parallel index arrays (one entry per scored pair)."""

    index: IntArray
    category: IntArray
    region: IntArray
    next_stage: IntArray
    ordinal: IntArray
    age: IntArray

    @staticmethod
    def segments(state: CompanyState) -> dict[str, tuple[int, ...]]:
        """The segment keys of the retrieval signals that depend on nothing else."""
        return {
            "activity_6m": (),
            "activity": (),
            "category": (state.category,),
            "region": (state.region,),
            "category_region": (state.category, state.region),
            "stage": (state.next_stage,),
            "category_stage": (state.category, state.next_stage),
            "ordinal": (state.ordinal,),
            "age": (state.age,),
        }

    @classmethod
    def repeat(cls, state: CompanyState, n: int) -> "CompanyBatch":
        def full(v: int) -> IntArray:
            return np.full(n, v, np.int64)

        return cls(
            full(state.index),
            full(state.category),
            full(state.region),
            full(state.next_stage),
            full(state.ordinal),
            full(state.age),
        )

    @classmethod
    def of(cls, states: list[CompanyState]) -> "CompanyBatch":
        def col(name: str) -> IntArray:
            return np.fromiter((getattr(s, name) for s in states), np.int64, len(states))

        return cls(
            col("index"), col("category"), col("region"), col("next_stage"), col("ordinal"),
            col("age"),
        )  # fmt: skip


def pair_features(
    snap: Snapshot, investors: IntArray, companies: CompanyBatch, knn: FloatArray
) -> FloatArray:
    """The (pairs × FEATURES) matrix; ``knn`` is each pair's item-kNN score (computed apart:
    it is cheap for one company or for one investor at a time)."""
    n_reg = len(snap.history.regions)
    n_stage = len(STAGES)
    cat, reg, stage = companies.category, companies.region, companies.next_stage
    cat_reg = np.where((cat >= 0) & (reg >= 0), cat * n_reg + reg, -1)
    cat_stage = np.where(cat >= 0, cat * n_stage + stage, -1)
    reg_stage = np.where(reg >= 0, reg * n_stage + stage, -1)
    columns = [
        snap.activity_short[investors],
        snap.activity[investors],
        snap.activity_all[investors],
        snap.days_since_last[investors] / 30.0,
        snap.by_category.pairs(investors, cat),
        snap.by_region.pairs(investors, reg),
        snap.by_category_region.pairs(investors, cat_reg),
        snap.by_stage.pairs(investors, stage),
        snap.by_category_stage.pairs(investors, cat_stage),
        snap.by_region_stage.pairs(investors, reg_stage),
        snap.by_ordinal.pairs(investors, companies.ordinal),
        snap.by_age.pairs(investors, companies.age),
        snap.portfolio.pairs(companies.index, investors),
        knn,
    ]
    return np.log1p(np.column_stack(columns))


# The signals that retrieve candidates (each one's best investors), before the blend ranks them.
RETRIEVAL: tuple[str, ...] = (
    "activity_6m",
    "activity",
    "category",
    "region",
    "category_region",
    "stage",
    "category_stage",
    "ordinal",
    "age",
    "previous",
    "co_investment",
)
_RETRIEVAL_COLUMNS = [FEATURES.index(name) for name in RETRIEVAL]


def candidate_mask(
    x: FloatArray,
    eligible: npt.NDArray[np.bool_],
    per_signal: int,
    segments: dict[str, tuple[int, ...]] | None = None,
    cache: dict[tuple[object, ...], IntArray] | None = None,
) -> npt.NDArray[np.bool_]:
    """Rows among the ``per_signal`` best of any retrieval signal (zero values never count).

    A signal whose values depend only on the company's segment (its key in ``segments``, e.g.
    ``"category": (3,)``) has the same best rows for every company of that segment: they are
    kept in ``cache`` (one per snapshot). The others (follow-on, co-investment) are sparse and
    ranked among their non-zero rows only.
    """
    mask = np.zeros(len(x), np.bool_)
    rows = np.flatnonzero(eligible)
    if len(rows) == 0:
        return mask
    n = min(per_signal, len(rows))
    for name, column in zip(RETRIEVAL, _RETRIEVAL_COLUMNS, strict=True):
        key = None if segments is None or name not in segments else (name, *segments[name])
        top = cache.get(key) if cache is not None and key is not None else None
        if top is None:
            candidates = rows[x[rows, column] > 0] if key is None else rows
            values = x[candidates, column]
            if n < len(candidates):
                candidates = candidates[np.argpartition(-values, n - 1)[:n]]
            top = candidates[x[candidates, column] > 0]
            if cache is not None and key is not None:
                cache[key] = top
        mask[top] = True
    return mask
    n = min(per_signal, len(rows))
    for column in _RETRIEVAL_COLUMNS:
        values = x[rows, column]
        top = rows[np.argpartition(-values, n - 1)[:n]] if n < len(rows) else rows
        mask[top[x[top, column] > 0]] = True
    return mask


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression on standardized features; ``weights`` are per standardized unit."""

    mean: FloatArray
    scale: FloatArray
    weights: FloatArray
    intercept: float

    def logits(self, x: FloatArray) -> FloatArray:
        return ((x - self.mean) / self.scale) @ self.weights + self.intercept

    def contributions(self, x: FloatArray) -> dict[str, float]:
        """Each feature's share of one pair's logit (they add up to it with the intercept)."""
        parts = (x - self.mean) / self.scale * self.weights
        return {name: float(v) for name, v in zip(FEATURES, parts, strict=True)}

    def as_dict(self) -> dict[str, float]:
        out = {name: round(float(w), 4) for name, w in zip(FEATURES, self.weights, strict=True)}
        out["intercept"] = round(self.intercept, 4)
        return out


def fit_logistic(
    x: FloatArray,
    y: FloatArray,
    weights: FloatArray | None = None,
    l2: float = 1.0,
    iterations: int = 30,
) -> LinearModel:
    """L2-regularized, weighted logistic regression by Newton's method (IRLS).

    Args:
        x: (rows × features) raw features; standardized here.
        y: 0/1 labels.
        weights: per-row weights (a sampled negative stands for that many), default 1.
        l2: ridge penalty on the standardized weights (not on the intercept).
        iterations: Newton steps at most (it stops when a step changes no weight by 1e-7).

    Returns:
        The fitted :class:`LinearModel`; a constant feature gets weight 0.
    """
    sample = np.ones(len(y)) if weights is None else weights
    mean = np.average(x, axis=0, weights=sample)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=sample))
    scale = np.where(scale > 1e-12, scale, 1.0)
    z = np.column_stack([(x - mean) / scale, np.ones(len(x))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ (sample * (p - y)) + penalty * w
        hessian = (z * (sample * p * (1.0 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return LinearModel(mean, scale, w[:-1].copy(), float(w[-1]))


def fit_choice(
    x: FloatArray,
    y: FloatArray,
    weights: FloatArray,
    starts: IntArray,
    l2: float = 1.0,
    iterations: int = 30,
) -> LinearModel:
    """A conditional-logit (softmax) choice model fit by Newton's method.

    Each company "chooses" its investors among the candidates of its block:
    P(investor j | company) = ω_j·exp(θ·x_j) / Σ_k ω_k·exp(θ·x_k), where ω_k is how many
    investors candidate k stands for (1 for positives and hard negatives, the sampling ratio for
    random ones: the importance-sampled denominator of a softmax over every known investor).
    Only the ranking within a company matters, so there is no intercept and a company's own
    propensity to raise money cancels out.

    Args:
        x: (rows × features) raw features; standardized here.
        y: 1 for the investors the company chose, else 0.
        weights: ω per row.
        starts: the first row of each company's block (rows are grouped by company).
        l2: ridge penalty on the standardized weights.
        iterations: Newton steps at most.

    Returns:
        The fitted :class:`LinearModel` (``intercept`` 0).
    """
    mean = np.average(x, axis=0, weights=weights)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=weights))
    scale = np.where(scale > 1e-12, scale, 1.0)
    z = (x - mean) / scale
    block = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(y))))
    chosen = np.add.reduceat(y, starts)
    observed = (z * y[:, None]).sum(axis=0)
    log_weights = np.log(weights)

    def state(theta: FloatArray) -> tuple[float, FloatArray, FloatArray]:
        s = z @ theta + log_weights
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[block])
        total = np.add.reduceat(e, starts)
        loss = float(chosen @ (np.log(total) + top) - observed @ theta)
        return loss + 0.5 * l2 * float(theta @ theta), e / total[block], top

    theta = np.zeros(z.shape[1])
    loss, pi, _ = state(theta)
    for _ in range(iterations):
        mu = np.add.reduceat(z * pi[:, None], starts)
        gradient = -(observed - chosen @ mu) + l2 * theta
        hessian = (z * (chosen[block] * pi)[:, None]).T @ z - (mu * chosen[:, None]).T @ mu
        step = np.linalg.solve(hessian + l2 * np.eye(len(theta)), gradient)
        # Damped Newton: halve the step until the loss goes down (far from the optimum a full
        # step can overshoot on the log-sum-exp).
        for _ in range(30):
            new_loss, new_pi, _ = state(theta - step)
            if new_loss <= loss + 1e-12:
                break
            step = step / 2
        theta, loss, pi = theta - step, new_loss, new_pi
        if np.max(np.abs(step)) < 1e-7:
            break
    return LinearModel(mean, scale, theta, 0.0)


# Blends for histories too short to learn from (fewer than _MIN_POSITIVES choices in the two
# years before ``as_of``): the weights fit on the whole Crunchbase 2013 history (as_of
# 2013-01-01, 65k deals), per raw log-count unit, rounded. Follow-on dominates warm companies;
# region and category fit, round ordinal and recent activity lead for cold ones.
PRIOR_WEIGHTS: dict[str, dict[str, float]] = {
    "warm": {
        "activity_6m": -0.39,
        "activity_all": -0.1,
        "recency": -0.2,
        "category": 0.16,
        "region": 0.36,
        "category_region": -0.15,
        "stage": 0.16,
        "category_stage": 0.08,
        "region_stage": 0.07,
        "ordinal": 0.1,
        "age": 0.15,
        "previous": 7.2,
        "co_investment": 0.34,
    },
    "cold": {
        "activity_6m": 0.43,
        "activity": -0.12,
        "activity_all": -0.78,
        "category": 0.42,
        "region": 1.07,
        "category_region": -0.22,
        "stage": 0.15,
        "category_stage": -0.15,
        "region_stage": 0.16,
        "ordinal": 0.41,
        "age": 0.11,
    },
}


def prior_model(group: str) -> LinearModel:
    """The blend of :data:`PRIOR_WEIGHTS` for ``group`` ("warm" or "cold")."""
    weights = PRIOR_WEIGHTS[group]
    vector = np.array([weights.get(name, 0.0) for name in FEATURES])
    return LinearModel(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), vector, 0.0)
