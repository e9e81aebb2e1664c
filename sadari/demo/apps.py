from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sadari.demo"
    label = "demo"
