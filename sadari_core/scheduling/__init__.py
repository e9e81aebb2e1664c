"""Reviewer assignment: k conflict-free reviewers per submission, best affinity, balanced load.

Pure Python on numpy/scipy (no Django, no I/O). The assignment is a min-cost transportation
problem solved exactly by HiGHS (``scipy.optimize.milp``): conflicts and capacities are hard
constraints, affinity is maximized and a convex (quadratic) per-reviewer load cost balances the
work. A declined pair is reassigned with every other pair kept.
"""

from sadari_core.scheduling.assign import (
    Assignment,
    InfeasibleAssignment,
    Pair,
    Reviewer,
    Submission,
    affinity,
    assign_reviewers,
    reassign,
)

__all__ = [
    "Assignment",
    "InfeasibleAssignment",
    "Pair",
    "Reviewer",
    "Submission",
    "affinity",
    "assign_reviewers",
    "reassign",
]
