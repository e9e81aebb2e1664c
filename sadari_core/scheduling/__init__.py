"""Reviewer assignment: k conflict-free reviewers per submission, best affinity, balanced load.

Pure Python on numpy/scipy (no Django, no I/O). The assignment is a min-cost transportation
problem solved exactly by HiGHS (``scipy.optimize.milp``): conflicts and capacities are hard
constraints, affinity is maximized and a convex (quadratic) per-reviewer load cost balances the
work. A declined pair is reassigned with every other pair kept.

Job fair interviews (``fair``): the whole fair's schedule as one MILP (or two exact stages for
large fairs) — seeker/slot, interviewer capacity, breaks, blocked and refused pairs, a floor of
interviews per seeker — with a greedy self-booking baseline and re-optimization for walk-ins.
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
from sadari_core.scheduling.fair import (
    FairCompany,
    FairProblem,
    FairSchedule,
    FairSeeker,
    Interview,
    greedy_schedule,
    reschedule,
    schedule_fair,
    schedule_value,
    violations,
)

__all__ = [
    "Assignment",
    "FairCompany",
    "FairProblem",
    "FairSchedule",
    "FairSeeker",
    "InfeasibleAssignment",
    "Interview",
    "Pair",
    "Reviewer",
    "Submission",
    "affinity",
    "assign_reviewers",
    "greedy_schedule",
    "reassign",
    "reschedule",
    "schedule_fair",
    "schedule_value",
    "violations",
]
