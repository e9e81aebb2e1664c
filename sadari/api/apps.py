from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sadari.api"
    label = "api"
