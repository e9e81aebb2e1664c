from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    name = "sadari.investment"
    label = "investment"
