from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "sadari.federation"
    label = "federation"
