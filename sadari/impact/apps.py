"""Impact: KPI definitions as data, recorded impact events, snapshots, dashboards and the
city's reports."""

from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "sadari.impact"
    label = "impact"
    verbose_name = "Impact"
