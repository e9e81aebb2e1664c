"""Background work of the tech-trade app (Django tasks: ids in, fetch, call a service)."""

from django.tasks import task

from sadari.techtrade.matching import vector_refresh


@task()
def task_match_vector_refresh(*, kind: str, object_id: int) -> bool:
    return vector_refresh(kind=kind, object_id=object_id)
