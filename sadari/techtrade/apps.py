from django.apps import AppConfig


class TechtradeConfig(AppConfig):
    name = "sadari.techtrade"
    label = "techtrade"
    verbose_name = "Tech trade"
