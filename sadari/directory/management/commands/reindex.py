"""Rebuilds the directory search index (``sadari reindex``)."""

import time

from django.core.management.base import BaseCommand

from sadari.directory.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuilds the search documents and the full-text index of the directory."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = rebuild_index()
        self.stdout.write(f"Indexed {count:,} documents in {time.perf_counter() - started:.1f} s")
