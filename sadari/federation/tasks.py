"""Background work of the federation app (Django tasks: ids in, fetch, call a service)."""

from django.tasks import task

from sadari.federation.ingest import ingest_run_execute
from sadari.federation.models import IngestRun


@task()
def task_ingest_run_execute(*, run_id: int) -> str:
    run = IngestRun.objects.select_related("source").get(pk=run_id)
    return ingest_run_execute(run).status
