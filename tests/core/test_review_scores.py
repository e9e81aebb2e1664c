import numpy as np
import pytest

from sadari_core.review import METHODS, Score, aggregate

pytestmark = pytest.mark.core


def _synthetic(seed: int = 11, n_subs: int = 120, n_revs: int = 12, k: int = 4):
    """Known quality, biases and scales; no rounding so the model is exact up to noise."""
    rng = np.random.default_rng(seed)
    quality = rng.normal(0, 1.2, n_subs)
    bias = np.linspace(-1.5, 1.5, n_revs)
    scale = np.linspace(0.6, 1.5, n_revs)[rng.permutation(n_revs)]
    scores = []
    for i in range(n_subs):
        for j in rng.choice(n_revs, k, replace=False):
            value = 5.5 + bias[j] + scale[j] * quality[i] + rng.normal(0, 0.3)
            scores.append(Score(f"s{i:03d}", f"r{j:02d}", float(np.clip(value, 0, 11))))
    return scores, quality, bias, scale


def test_calibration_recovers_known_biases_and_scales():
    scores, quality, bias, scale = _synthetic()
    a = aggregate(scores, lo=0, hi=11)
    got_bias = np.array([a.reviewers[f"r{j:02d}"].bias for j in range(len(bias))])
    got_scale = np.array([a.reviewers[f"r{j:02d}"].scale for j in range(len(scale))])
    # Bias and scale are identified up to the batch's own centre and spread.
    assert np.corrcoef(got_bias, bias)[0, 1] > 0.97
    assert np.corrcoef(got_scale, scale)[0, 1] > 0.9
    assert np.abs((got_bias - got_bias.mean()) - (bias - bias.mean())).max() < 0.35
    est = np.array([a.submissions[f"s{i:03d}"].estimate for i in range(len(quality))])
    z = aggregate(scores, lo=0, hi=11, method="zscore")
    mean = aggregate(scores, lo=0, hi=11, method="mean")
    z_est = np.array([z.submissions[f"s{i:03d}"].estimate for i in range(len(quality))])
    m_est = np.array([mean.submissions[f"s{i:03d}"].estimate for i in range(len(quality))])
    err = np.corrcoef(est, quality)[0, 1]
    assert err > 0.99
    assert err > np.corrcoef(z_est, quality)[0, 1] > 0
    assert err > np.corrcoef(m_est, quality)[0, 1]


def test_band_contains_estimate_and_is_deterministic():
    scores, *_ = _synthetic(seed=2)
    a = aggregate(scores, lo=0, hi=11)
    b = aggregate(list(reversed(scores)), lo=0, hi=11)
    assert a == b
    for s in a.submissions.values():
        assert 0 <= s.low <= s.estimate <= s.high <= 11
        assert s.n == 4
    assert [s.submission for s in a.ranking()][:3] == [s.submission for s in b.ranking()][:3]


def test_shrinkage_with_a_single_review():
    # r-one gave one harsh score; the regulars see many submissions with no bias.
    scores = []
    rng = np.random.default_rng(0)
    for i in range(30):
        q = rng.normal(0, 1.5)
        scores.extend(
            Score(f"s{i:02d}", r, float(np.clip(5 + q + rng.normal(0, 0.2), 1, 9)))
            for r in ("a", "b", "c")
        )
    scores.append(Score("s00", "one", 1.0))
    a = aggregate(scores, lo=1, hi=9)
    one = a.reviewers["one"]
    assert one.n == 1
    # The gap is ~4 points; a (nearly) free fit puts it into the bias, the prior keeps most out.
    free = aggregate(scores, lo=1, hi=9, prior_reviews=0.01).reviewers["one"]
    assert free.bias < -3
    assert abs(one.bias) < 1.0
    assert abs(one.scale - 1.0) < 0.5
    assert a.reviewers["a"].scale == pytest.approx(1.0, abs=0.1)
    # Without shrinkage-worthy history, a lone reviewer is barely corrected, so the outlier
    # still pulls s00 and the spread flags it.
    assert a.submissions["s00"].disagreement
    heavy = aggregate(scores, lo=1, hi=9, prior_reviews=1000)
    assert abs(heavy.reviewers["one"].bias) < abs(one.bias)
    assert abs(heavy.reviewers["a"].bias) < 0.1


def test_zscore_of_a_constant_reviewer_does_not_divide_by_zero():
    scores = [
        Score("x", "flat", 7),
        Score("y", "flat", 7),
        Score("z", "flat", 7),
        Score("x", "var", 2),
        Score("y", "var", 5),
        Score("z", "var", 9),
        Score("x", "solo", 4),
    ]
    for method in METHODS:
        a = aggregate(scores, lo=1, hi=10, method=method)
        values = [s.estimate for s in a.submissions.values()]
        assert all(np.isfinite(values)), method
        assert all(1 <= v <= 10 for v in values)
    z = aggregate(scores, lo=1, hi=10, method="zscore")
    assert z.submissions["x"].estimate < z.submissions["y"].estimate < z.submissions["z"].estimate


def test_mean_median_and_disagreement_flag():
    scores = [
        Score("calm", "a", 6),
        Score("calm", "b", 7),
        Score("calm", "c", 6),
        Score("split", "a", 1),
        Score("split", "b", 10),
        Score("split", "c", 2),
    ]
    mean = aggregate(scores, lo=1, hi=10, method="mean")
    median = aggregate(scores, lo=1, hi=10, method="median")
    assert mean.submissions["split"].estimate == pytest.approx(13 / 3)
    assert median.submissions["split"].estimate == 2
    assert mean.submissions["split"].disagreement
    assert mean.submissions["split"].spread == 9
    assert not mean.submissions["calm"].disagreement
    lenient = aggregate(scores, lo=1, hi=10, method="mean", threshold=10)
    assert not lenient.submissions["split"].disagreement


def test_confidence_weights_the_mean():
    scores = [Score("x", "a", 2, confidence=3.0), Score("x", "b", 8, confidence=1.0)]
    assert aggregate(scores, lo=1, hi=10, method="mean").submissions["x"].estimate == 3.5


def test_rejects_bad_input():
    with pytest.raises(ValueError, match="outside"):
        aggregate([Score("x", "a", 11)], lo=1, hi=10)
    with pytest.raises(ValueError, match="twice"):
        aggregate([Score("x", "a", 3), Score("x", "a", 4)], lo=1, hi=10)
    with pytest.raises(ValueError, match="unknown method"):
        aggregate([Score("x", "a", 3)], lo=1, hi=10, method="vibes")
    with pytest.raises(ValueError, match="no scores"):
        aggregate([], lo=1, hi=10)
