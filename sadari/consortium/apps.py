"""Consortium: programs with structured eligibility, applications, referrals between
institutions, and Open Referral HSDS export."""

from django.apps import AppConfig


class ConsortiumConfig(AppConfig):
    name = "sadari.consortium"
    label = "consortium"
    verbose_name = "Consortium"

    def ready(self) -> None:
        from sadari.consortium import rules  # noqa: F401  (registers the permissions)
