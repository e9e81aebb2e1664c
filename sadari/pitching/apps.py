"""365 Pitching: calls and rolling desks, submissions, experts, rubrics, conflict-free
assignment, calibrated scores, feedback and mentoring."""

from django.apps import AppConfig


class PitchingConfig(AppConfig):
    name = "sadari.pitching"
    label = "pitching"
    verbose_name = "Pitching"
