"""Tech trade and open innovation: corporate needs, startup technologies, challenges, NDAs, deals."""

from django.apps import AppConfig


class TechtradeConfig(AppConfig):
    name = "sadari.techtrade"
    label = "techtrade"
    verbose_name = "Tech trade"

    def ready(self) -> None:
        from sadari.directory.extensions import register_profile_section
        from sadari.techtrade.profile import techtrade_section

        register_profile_section(techtrade_section)
