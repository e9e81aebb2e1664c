from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "sadari.directory"
    label = "directory"
