from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "sadari.feed"
    label = "feed"
