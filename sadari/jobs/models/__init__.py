"""Jobs models (see each module)."""

from sadari.jobs.models.academy import Cohort, Consent, Course, Trainee
from sadari.jobs.models.fairs import (
    Fair,
    FairCompany,
    FairInterview,
    FairSeeker,
    FairStatus,
    InterviewStatus,
)
from sadari.jobs.models.outcomes import Employment, Evidence
from sadari.jobs.models.pipeline import PipelineEntry, StageChange
from sadari.jobs.models.postings import ImportedEmployer, JobPosting

__all__ = [
    "Cohort",
    "Consent",
    "Course",
    "Employment",
    "Evidence",
    "Fair",
    "FairCompany",
    "FairInterview",
    "FairSeeker",
    "FairStatus",
    "ImportedEmployer",
    "InterviewStatus",
    "JobPosting",
    "PipelineEntry",
    "StageChange",
    "Trainee",
]
