"""The one enum of roles. Roles are data: a Membership ties a user to an organization with one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FOUNDER = "founder", _("Founder")
    CORPORATE_OI = "corporate_oi", _("Corporate open innovation")
    INVESTOR = "investor", _("Investor")
    EXPERT = "expert", _("Expert / mentor")
    TRAINEE = "trainee", _("Trainee")
    COORDINATOR = "coordinator", _("Job coordinator")
    INSTITUTION_STAFF = "institution_staff", _("Institution staff")
    CITY_OPERATOR = "city_operator", _("City operator")
