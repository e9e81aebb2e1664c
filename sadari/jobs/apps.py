from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sadari.jobs"
    label = "jobs"
