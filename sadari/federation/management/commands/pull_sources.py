"""``sadari pull-sources [--force]``: fetch and ingest every source whose pull is due."""

from django.core.management.base import BaseCommand

from sadari.federation.pull import due_sources, pull_source


class Command(BaseCommand):
    help = "Fetches each due source's pull URL and ingests it (run it from cron, e.g. hourly)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="pull every source now")

    def handle(self, *args, **options) -> None:
        for source in due_sources(force=options["force"]):
            try:
                run = pull_source(source)
            except Exception as exc:
                self.stderr.write(f"{source.slug}: {exc}")
                continue
            if run is None:
                self.stdout.write(f"{source.slug}: no records")
            else:
                self.stdout.write(
                    f"{source.slug}: run {run.pk} {run.status} — created {run.created}, "
                    f"updated {run.updated}, unchanged {run.unchanged}, rejected {run.rejected}"
                )
