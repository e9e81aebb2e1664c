"""``sadari import-job-postings PATH [--source wanted|programmers|saramin|auto] [--dry-run]
[--reclassify]``.

PATH is a Wanted, Programmers or Saramin CSV (UTF-8 or CP949, gzipped or not) or a folder of
them (``*.csv``, ``*.csv.gz``; e.g. ``$SADARI_DATA_DIR/kr-job-postings``, the default). Prints
per file received / created / updated / unchanged / rejected (with row numbers). Idempotent;
each file is written in one transaction (see ``sadari/jobs/importing.py``).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.jobs.importing import SOURCES, ImportFileError, import_postings


class Command(BaseCommand):
    help = (
        "Imports job postings from Wanted, Programmers or Saramin CSV files (or a folder of "
        "them): employers matched in the directory by name or created, skills and occupations "
        "extracted. Idempotent; --dry-run saves nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="a CSV file or a folder (default: $SADARI_DATA_DIR/kr-job-postings)",
        )
        parser.add_argument("--source", choices=(*SOURCES, "auto"), default="auto")
        parser.add_argument("--dry-run", action="store_true", help="count only; save nothing")
        parser.add_argument(
            "--reclassify",
            action="store_true",
            help="classify every title again (default: new postings and changed titles)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"] or settings.SADARI_DATA_DIR / "kr-job-postings")
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.name.lower().endswith((".csv", ".csv.gz"))
            )
            if not files:
                raise CommandError(f"{path}: no .csv or .csv.gz files")
        elif path.exists():
            files = [path]
        else:
            raise CommandError(f"{path}: no such file or folder")
        totals = dict.fromkeys(("received", "created", "updated", "unchanged", "rejected"), 0)
        for file in files:
            try:
                report = import_postings(
                    file,
                    source=options["source"],
                    dry_run=options["dry_run"],
                    reclassify=options["reclassify"],
                )
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
            for line in report.lines():
                self.stdout.write(line)
            for key in totals:
                value = getattr(report, key)
                totals[key] += len(value) if isinstance(value, list) else value
        if len(files) > 1:
            self.stdout.write("total: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
