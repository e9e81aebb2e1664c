"""``sadari resume-ingest [--older-than MINUTES]``: finish ingest runs a killed process left
pending or running; each continues from its committed position."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from sadari.federation.ingest import ingest_run_execute
from sadari.federation.models import IngestRun, RunStatus


class Command(BaseCommand):
    help = "Resumes unfinished ingest runs from their committed position."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=float,
            default=10.0,
            help="only runs not updated for this many minutes (default 10: not a live run)",
        )

    def handle(self, *args, **options) -> None:
        cutoff = timezone.now() - timedelta(minutes=options["older_than"])
        runs = IngestRun.objects.filter(
            status__in=[RunStatus.PENDING, RunStatus.RUNNING], updated_at__lte=cutoff
        ).select_related("source")
        for run in runs:
            start = run.position
            run = ingest_run_execute(run)
            self.stdout.write(
                f"run {run.pk} ({run.source.slug}): {start} → {run.position} of {run.received}, "
                f"{run.status}"
            )
