from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "sadari.common"
    label = "common"
