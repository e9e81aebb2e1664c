"""Pitching models (see each module)."""

from sadari.pitching.models.calls import Batch, Call, Criterion, Submission
from sadari.pitching.models.experts import Affiliation, DeclaredConflict, Expert, Invitation
from sadari.pitching.models.mentoring import Booking, MentorNote, Slot
from sadari.pitching.models.reviews import Assignment, Result, Review, ReviewScore

__all__ = [
    "Affiliation",
    "Assignment",
    "Batch",
    "Booking",
    "Call",
    "Criterion",
    "DeclaredConflict",
    "Expert",
    "Invitation",
    "MentorNote",
    "Result",
    "Review",
    "ReviewScore",
    "Slot",
    "Submission",
]
