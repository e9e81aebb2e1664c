"""Background work of the impact app (Django tasks). Nightly, from cron:
``sadari compute-kpis`` (see docs/impact.md); the task is the same run, enqueued."""

from django.tasks import task

from sadari.impact.compute import refresh


@task()
def task_compute_kpis(*, months: int = 13) -> int:
    """Collects events and recomputes the last ``months`` months, their quarters and years."""
    _collected, stats = refresh(months=months)
    return stats.snapshots
