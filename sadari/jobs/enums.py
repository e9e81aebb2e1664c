"""Jobs enums: trainee status, consent purposes, posting status and source, pipeline stages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TraineeStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Left the course")


class ConsentPurpose(models.TextChoices):
    TRAINING = "training", _("Training and course administration")
    JOB_MATCHING = "job_matching", _("Job matching and referral to employers")
    OUTCOMES = "outcomes", _("Employment outcome follow-up (6 and 12 months)")


class PostingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PostingSource(models.TextChoices):
    MANUAL = "manual", _("Entered here")
    FEDERATION = "federation", _("Institution feed")
    IMPORT = "import", _("Imported file")
    DEMO = "demo", _("Demo")
    WANTED = "wanted", _("Wanted (imported)")
    PROGRAMMERS = "programmers", _("Programmers (imported)")
    SARAMIN = "saramin", _("Saramin (imported)")


class Stage(models.TextChoices):
    """A trainee's way to a job with one employer (the coordinator's pipeline)."""

    RECOMMENDED = "recommended", _("Recommended")
    APPLIED = "applied", _("Applied")
    DOCUMENTS_PASSED = "documents_passed", _("Passed document screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    RETAINED_6M = "retained_6m", _("Still employed after 6 months")
    RETAINED_12M = "retained_12m", _("Still employed after 12 months")
    DROPPED = "dropped", _("Ended")


STAGE_ORDER = [s.value for s in Stage if s != Stage.DROPPED]
