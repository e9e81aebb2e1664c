"""Aggregating review scores for a batch, four ways.

Every score is (submission, reviewer, score on ``lo..hi``, confidence > 0, default 1); the
confidence weighs the score in every method but the median.

- ``mean``: the (confidence-weighted) mean of a submission's scores.
- ``median``: the median of its scores.
- ``zscore``: each score standardized by its reviewer's mean and standard deviation, then put
  back on the scale with the batch's mean and deviation. A reviewer with one review or a
  constant one (deviation 0) is standardized by the batch deviation instead — no division by 0.
- ``calibrated``: the model ``score − c = bias[r] + scale[r] · quality[s] + noise`` (``c`` the
  batch mean) fitted by alternating ridge least squares over the whole batch. Each reviewer's
  (bias, scale) has a Gaussian prior centred on (0, 1) worth ``prior_reviews`` pseudo-reviews,
  so a reviewer with one review is barely corrected while one with twenty is fully; quality has
  an empirical-Bayes prior ``N(0, τ²)``. The estimate is ``c + quality`` — the score a neutral
  reviewer (bias 0, scale 1) would give — and its band ``± band · σ / √(Σ w·scale² + σ²/τ²)``.
  Scales are kept ≥ ``MIN_SCALE`` (a reviewer who scores against the grain is not inverted).

Bands of the other methods are ``± band · σ_pooled / √n`` with the pooled within-submission
deviation (× 1.2533 for the median). ``spread`` is max − min of the submission's per-review
values (raw scores for mean/median; rescaled z-scores; bias- and scale-corrected scores for the
calibration); ``disagreement`` is ``spread > threshold`` (default 30 % of the scale's range).
Estimates and bands are clipped to ``lo..hi``. Results are deterministic: inputs are sorted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Vector = NDArray[np.float64]
METHODS = ("mean", "median", "zscore", "calibrated")
MIN_SCALE = 0.1


@dataclass(frozen=True, slots=True)
class Score:
    submission: str
    reviewer: str
    score: float
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class SubmissionScore:
    submission: str
    estimate: float
    low: float
    high: float
    n: int
    spread: float
    disagreement: bool


@dataclass(frozen=True, slots=True)
class ReviewerModel:
    """A reviewer's leniency (``bias``, scale points) and ``scale`` (1 = uses the scale like the
    batch); from the calibration, or from mean/deviation for the other methods."""

    reviewer: str
    n: int
    bias: float
    scale: float


@dataclass(frozen=True, slots=True)
class Aggregation:
    method: str
    submissions: dict[str, SubmissionScore]
    reviewers: dict[str, ReviewerModel]
    sigma: float  # residual noise, scale points
    iterations: int = 0

    def ranking(self) -> list[SubmissionScore]:
        """Best first; ties by submission id."""
        return sorted(self.submissions.values(), key=lambda s: (-s.estimate, s.submission))


@dataclass(frozen=True, slots=True)
class _Batch:
    subs: list[str]
    revs: list[str]
    si: NDArray[np.int64]
    ri: NDArray[np.int64]
    y: Vector
    w: Vector


def _batch(scores: Iterable[Score], lo: float, hi: float) -> _Batch:
    rows = sorted(scores, key=lambda s: (s.submission, s.reviewer, s.score, s.confidence))
    if not rows:
        raise ValueError("no scores")
    seen: set[tuple[str, str]] = set()
    for s in rows:
        if not lo <= s.score <= hi:
            raise ValueError(
                f"score {s.score} of {s.reviewer} on {s.submission} is outside {lo}..{hi}"
            )
        if not s.confidence > 0:
            raise ValueError(f"confidence must be > 0 ({s.reviewer} on {s.submission})")
        if (s.submission, s.reviewer) in seen:
            raise ValueError(f"{s.reviewer} scored {s.submission} twice")
        seen.add((s.submission, s.reviewer))
    subs = sorted({s.submission for s in rows})
    revs = sorted({s.reviewer for s in rows})
    sx = {s: i for i, s in enumerate(subs)}
    rx = {r: i for i, r in enumerate(revs)}
    return _Batch(
        subs=subs,
        revs=revs,
        si=np.array([sx[s.submission] for s in rows], dtype=np.int64),
        ri=np.array([rx[s.reviewer] for s in rows], dtype=np.int64),
        y=np.array([s.score for s in rows], dtype=np.float64),
        w=np.array([s.confidence for s in rows], dtype=np.float64),
    )


def _group_mean(index: NDArray[np.int64], values: Vector, w: Vector, size: int) -> Vector:
    total = np.bincount(index, weights=w * values, minlength=size)
    weight = np.bincount(index, weights=w, minlength=size)
    return np.asarray(total / np.maximum(weight, 1e-300), dtype=np.float64)


def _pooled_sd(b: _Batch, values: Vector, centre: Vector, fallback: float) -> float:
    df = float(b.w.sum()) - len(b.subs)
    if df <= 0.5:
        return fallback
    sd = float(np.sqrt(np.sum(b.w * (values - centre[b.si]) ** 2) / df))
    return sd if sd > 0 else fallback


def aggregate(
    scores: Iterable[Score],
    *,
    lo: float,
    hi: float,
    method: str = "calibrated",
    threshold: float | None = None,
    prior_reviews: float = 3.0,
    band: float = 1.96,
    max_iterations: int = 500,
    tol: float = 1e-9,
) -> Aggregation:
    """Aggregate a batch's scores with ``method`` (one of :data:`METHODS`); see the module doc."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; one of {METHODS}")
    if not hi > lo:
        raise ValueError("hi must be above lo")
    b = _batch(scores, lo, hi)
    span = hi - lo
    threshold = 0.3 * span if threshold is None else threshold
    n_s, n_r = len(b.subs), len(b.revs)
    n_sub = np.bincount(b.si, minlength=n_s)
    n_rev = np.bincount(b.ri, minlength=n_r)
    centre = float(np.average(b.y, weights=b.w))
    batch_sd = float(np.sqrt(np.average((b.y - centre) ** 2, weights=b.w)))
    fallback_sd = batch_sd if batch_sd > 1e-9 * span else span / 4
    iterations = 0

    rev_mean = _group_mean(b.ri, b.y, b.w, n_r)
    rev_sd = np.sqrt(_group_mean(b.ri, (b.y - rev_mean[b.ri]) ** 2, b.w, n_r))
    bias = rev_mean - centre
    scale = np.where(rev_sd > 1e-9 * span, rev_sd / fallback_sd, 1.0)
    se_factor = 1.0

    if method in ("mean", "median"):
        values = b.y
        est = _group_mean(b.si, values, b.w, n_s)
        if method == "median":
            est = np.array([float(np.median(values[b.si == i])) for i in range(n_s)])
            se_factor = 1.2533
        sigma = _pooled_sd(b, values, _group_mean(b.si, values, b.w, n_s), fallback_sd)
        se = se_factor * sigma / np.sqrt(n_sub)
    elif method == "zscore":
        usable = (n_rev >= 2) & (rev_sd > 1e-9 * span)
        sd = np.where(usable, rev_sd, fallback_sd)
        values = centre + (b.y - rev_mean[b.ri]) / sd[b.ri] * fallback_sd
        est = _group_mean(b.si, values, b.w, n_s)
        sigma = _pooled_sd(b, values, est, fallback_sd)
        se = sigma / np.sqrt(n_sub)
    else:
        est, se, values, bias, scale, sigma, iterations = _calibrate(
            b, centre, fallback_sd, prior_reviews, max_iterations, tol
        )

    results: dict[str, SubmissionScore] = {}
    for i, sub in enumerate(b.subs):
        mine = values[b.si == i]
        spread = float(mine.max() - mine.min())
        e = float(np.clip(est[i], lo, hi))
        results[sub] = SubmissionScore(
            submission=sub,
            estimate=e,
            low=float(np.clip(est[i] - band * se[i], lo, hi)),
            high=float(np.clip(est[i] + band * se[i], lo, hi)),
            n=int(n_sub[i]),
            spread=spread,
            disagreement=spread > threshold,
        )
    reviewers = {
        r: ReviewerModel(reviewer=r, n=int(n_rev[j]), bias=float(bias[j]), scale=float(scale[j]))
        for j, r in enumerate(b.revs)
    }
    return Aggregation(method, results, reviewers, float(sigma), iterations)


def _calibrate(
    b: _Batch, centre: float, batch_sd: float, m: float, max_iterations: int, tol: float
) -> tuple[Vector, Vector, Vector, Vector, Vector, float, int]:
    n_s, n_r = len(b.subs), len(b.revs)
    y, w, si, ri = b.y - centre, b.w, b.si, b.ri
    n_rev = np.bincount(ri, minlength=n_r).astype(np.float64)
    bias, scale = np.zeros(n_r), np.ones(n_r)
    sigma2 = tau2 = max(batch_sd**2, 1e-12)
    quality = np.zeros(n_s)
    n_params = n_s + 2 * min(n_r, max(1, len(y) // 4))
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported afterwards
        # Quality given the reviewers: ridge toward 0 with λ = σ²/τ².
        lam_q = sigma2 / tau2
        num = np.bincount(si, weights=w * scale[ri] * (y - bias[ri]), minlength=n_s)
        den = np.bincount(si, weights=w * scale[ri] ** 2, minlength=n_s) + lam_q
        new_quality = num / den
        # Reviewers given the quality: 2×2 ridge toward (0, 1) worth m pseudo-reviews.
        q = new_quality[si]
        lam_b = m * max(float(np.mean(new_quality**2)), 1e-12)
        s_w = np.bincount(ri, weights=w, minlength=n_r) + m
        s_q = np.bincount(ri, weights=w * q, minlength=n_r)
        s_qq = np.bincount(ri, weights=w * q * q, minlength=n_r) + lam_b
        s_y = np.bincount(ri, weights=w * y, minlength=n_r)
        s_qy = np.bincount(ri, weights=w * q * y, minlength=n_r) + lam_b
        det = s_w * s_qq - s_q**2
        new_bias = (s_qq * s_y - s_q * s_qy) / det
        new_scale = np.maximum((s_w * s_qy - s_q * s_y) / det, MIN_SCALE)
        new_bias = (s_y - new_scale * s_q) / s_w  # consistent with a clamped scale
        # Scale and quality trade off (b·q = (b/g)·(g·q)): keep the review-weighted geometric
        # mean of the scales at 1 so that "scale 1" means "uses the scale like the batch".
        g = float(np.exp(np.average(np.log(new_scale), weights=n_rev)))
        new_scale, new_quality = new_scale / g, new_quality * g
        q = new_quality[si]
        resid = y - new_bias[ri] - new_scale[ri] * q
        df = max(float(w.sum()) - n_params, float(w.sum()) / 4)
        sigma2 = max(float(np.sum(w * resid**2)) / df, 1e-12 * batch_sd**2 + 1e-300)
        tau2 = max(float(np.var(new_quality)), 1e-6 * batch_sd**2 + 1e-300)
        change = max(
            float(np.abs(new_quality - quality).max()),
            float(np.abs(new_bias - bias).max()),
            float(np.abs(new_scale - scale).max()),
        )
        quality, bias, scale = new_quality, new_bias, new_scale
        if change < tol * max(batch_sd, 1e-12):
            break
    den = np.bincount(si, weights=w * scale[ri] ** 2, minlength=n_s) + sigma2 / tau2
    se = np.sqrt(sigma2 / den)
    corrected = centre + (y - bias[ri]) / scale[ri]
    return centre + quality, se, corrected, bias, scale, float(np.sqrt(sigma2)), iterations
