"""Background work of the directory (Django tasks: ids in, fetch, call a service)."""

from django.tasks import task

from sadari.directory.search import index_pending


@task()
def task_index_pending() -> int:
    """Rebuilds the search documents of entities queued by ``search.index_later``."""
    return index_pending()
