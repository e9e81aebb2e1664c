"""Rebuilds the directory search index (``sadari reindex``), or only what is queued
(``sadari reindex --pending``: entities changed by bulk writers whose indexing task has not run)."""

import time

from django.core.management.base import BaseCommand

from sadari.directory.search import index_pending, rebuild_index


class Command(BaseCommand):
    help = "Rebuilds the search documents and the full-text index of the directory."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--pending",
            action="store_true",
            help="index only the entities queued for indexing (after a crash or without a worker)",
        )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = index_pending() if options["pending"] else rebuild_index()
        self.stdout.write(f"Indexed {count:,} documents in {time.perf_counter() - started:.1f} s")
