"""``sadari import-crunchbase DIR``: Crunchbase 2013 companies, rounds, investments, acquisitions."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.investment.importing import ImportFileError, import_crunchbase


class Command(BaseCommand):
    help = (
        "Imports the Crunchbase 2013 files (companies.csv.gz, rounds_before_2013.csv.gz, "
        "investments_before_2013.csv.gz, acquisitions_before_2013.csv.gz) as real data "
        "(CC-BY, attribution: crunchbase.com). Idempotent; prints what it matched, created and "
        "skipped. --limit N reads N rows of each file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directory", nargs="?", help="default: $SADARI_DATA_DIR/crunchbase-2013"
        )
        parser.add_argument(
            "--no-refit",
            dest="refit",
            action="store_false",
            help="do not refit the investor recommender afterwards",
        )
        parser.add_argument("--limit", type=int, default=None, help="rows per file")

    def handle(self, *args, **options) -> None:
        directory = Path(options["directory"] or settings.SADARI_DATA_DIR / "crunchbase-2013")
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit must be at least 1")
        try:
            tally = import_crunchbase(directory, limit=options["limit"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Crunchbase 2013 가져오기 — {directory}")
        for line in tally.lines():
            self.stdout.write(line)
        if options["refit"]:
            from sadari.investment.tasks import task_recommender_refit

            task_recommender_refit.enqueue()
