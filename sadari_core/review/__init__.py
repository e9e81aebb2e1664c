"""Review-score aggregation: raw mean, median, per-reviewer z-score and a calibrated estimate.

Pure Python on numpy (no Django, no I/O), deterministic. The calibration fits every reviewer's
leniency (additive bias) and scale (multiplicative) jointly with the submissions' quality over
the whole batch, shrunk toward bias 0 / scale 1 for reviewers with few reviews; each submission
gets an estimate on the rubric's scale, an uncertainty band and a disagreement flag.
"""

from sadari_core.review.aggregate import (
    METHODS,
    Aggregation,
    ReviewerModel,
    Score,
    SubmissionScore,
    aggregate,
)

__all__ = ["METHODS", "Aggregation", "ReviewerModel", "Score", "SubmissionScore", "aggregate"]
