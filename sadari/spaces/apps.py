"""Shared spaces: member institutions' rooms, desks, labs and halls, booked across institutions."""

from django.apps import AppConfig


class SpacesConfig(AppConfig):
    name = "sadari.spaces"
    label = "spaces"
    verbose_name = "Spaces"
