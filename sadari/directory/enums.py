"""Directory enums: organization kinds, categories, industries, stages, space kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    STARTUP = "startup", _("Startup")
    CORPORATE = "corporate", _("Corporate")
    INVESTOR = "investor", _("Investor")
    INSTITUTION = "institution", _("Support institution")
    ACADEMY = "academy", _("Academy")
    HUB = "hub", _("Innovation hub")
    UNIVERSITY = "university", _("University")


class OrgCategory(models.TextChoices):
    """A finer kind within OrgKind (facility type, investor type, target-group center …)."""

    NONE = "", _("—")
    CITY_FACILITY = "city_facility", _("City startup facility")
    PRIVATE_FACILITY = "private_facility", _("Private startup facility")
    STARTUP_CAFE = "startup_cafe", _("Startup café")
    TARGET_GROUP_CENTER = "target_group_center", _("Target-group center")
    CONSORTIUM_MEMBER = "consortium_member", _("Consortium member")
    PUBLIC_AGENCY = "public_agency", _("Public agency")
    VC = "vc", _("Venture capital")
    CVC = "cvc", _("Corporate venture capital")
    ACCELERATOR = "accelerator", _("Accelerator")
    ANGEL = "angel", _("Angel network")
    PUBLIC_FUND = "public_fund", _("Public fund")
    LARGE_CORPORATE = "large_corporate", _("Large corporate")
    MIDSIZE_CORPORATE = "midsize_corporate", _("Mid-size corporate")


class Industry(models.TextChoices):
    AI = "ai", _("AI & big data")
    DRONE = "drone", _("Drones")
    BIO = "bio", _("Bio & healthcare")
    CONTENT = "content", _("Content & media")
    SOFTWARE = "software", _("Software")
    ROBOTICS = "robotics", _("Robotics")
    FINTECH = "fintech", _("Fintech & digital finance")
    IOT = "iot", _("IoT")
    COMMERCE = "commerce", _("E-commerce")
    MOBILITY = "mobility", _("Mobility")
    EDUTECH = "edutech", _("Edutech")
    FOODTECH = "foodtech", _("Foodtech")
    CLIMATE = "climate", _("Climate & energy")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    SOCIAL = "social", _("Social venture")
    FASHION = "fashion", _("Fashion & beauty")
    GAMES = "games", _("Games")
    SEMICONDUCTOR = "semiconductor", _("Semiconductors")
    PROPTECH = "proptech", _("Proptech")
    HRTECH = "hrtech", _("HR tech & jobs")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    NONE = "", _("—")
    IDEA = "idea", _("Idea")
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    PRE_A = "pre_a", _("Pre-Series A")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C+")
    LISTED = "listed", _("Listed")


class SpaceKind(models.TextChoices):
    MEETING_ROOM = "meeting_room", _("Meeting room")
    DESK = "desk", _("Co-working desk")
    OFFICE = "office", _("Private office")
    LAB = "lab", _("Lab")
    STUDIO = "studio", _("Studio")
    EVENT_HALL = "event_hall", _("Event hall")
    WORKSHOP = "workshop", _("Maker space")


class SearchKind(models.TextChoices):
    ORGANIZATION = "organization", _("Organizations")
    PERSON = "person", _("People")
    PROGRAM = "program", _("Programs")
