"""Investment: rounds, investors and their theses, recommendations, intro requests, data rooms."""

from django.apps import AppConfig


class InvestmentConfig(AppConfig):
    name = "sadari.investment"
    label = "investment"
    verbose_name = "Investment"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from sadari.directory.extensions import register_profile_section
        from sadari.investment.models import FundingRound, InvestorProfile, RoundInvestor
        from sadari.investment.profile import investment_section
        from sadari.investment.recommend import recommender_invalidate

        register_profile_section(investment_section)

        # Signals only invalidate the recommender's cache (ARCHITECTURE.md §3).
        def _changed(**_kwargs) -> None:
            recommender_invalidate()

        for model in (FundingRound, RoundInvestor, InvestorProfile):
            post_save.connect(_changed, sender=model, dispatch_uid=f"investment-{model.__name__}")
            post_delete.connect(
                _changed, sender=model, dispatch_uid=f"investment-del-{model.__name__}"
            )
