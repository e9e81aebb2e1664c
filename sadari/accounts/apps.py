from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sadari.accounts"
    label = "accounts"
