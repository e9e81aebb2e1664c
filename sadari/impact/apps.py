"""Impact: KPI definitions as data, recorded impact events, snapshots, dashboards and the
city's reports."""

from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "sadari.impact"
    label = "impact"
    verbose_name = "Impact"

    def ready(self) -> None:
        from sadari.directory.extensions import register_profile_section
        from sadari.impact.profile import timeline_section

        register_profile_section(timeline_section)
