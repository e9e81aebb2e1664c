"""Background work of the investment app (Django tasks: ids in, fetch, call a service)."""

from django.tasks import task

from sadari.investment import recommend


@task()
def task_recommender_refit() -> int:
    """Refits the recommender on the current rounds (after an import) so that the next page
    does not wait for it. Returns how many training pairs it was fit on."""
    recommend.recommender_invalidate()
    fitted = recommend.recommender()
    return sum(fitted.report.pairs.values()) if fitted is not None else 0
