"""``sadari import-vc-funds [FILE]``: Korean venture funds and their managing firms (VCS portal)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.investment.importing import ImportFileError, import_vc_funds


class Command(BaseCommand):
    help = (
        "Imports the VCS portal's venture funds (vcs_funds.csv[.gz]): managing firms become "
        "investor organizations (matched by VCS id, then by normalized name), with their funds. "
        "Idempotent; prints what it matched, created, updated and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="the CSV (default: $SADARI_DATA_DIR/kr-vc-funds-vcs/vcs_funds.csv.gz)",
        )
        parser.add_argument(
            "--no-refit",
            dest="refit",
            action="store_false",
            help="do not refit the investor recommender afterwards",
        )
        parser.add_argument("--limit", type=int, default=None, help="read at most N rows")

    def handle(self, *args, **options) -> None:
        path = Path(
            options["path"] or settings.SADARI_DATA_DIR / "kr-vc-funds-vcs" / "vcs_funds.csv.gz"
        )
        try:
            tally = import_vc_funds(path, limit=options["limit"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"VCS 펀드 가져오기 (VCS funds) — {path}")
        for line in tally.lines():
            self.stdout.write(line)
        if options["refit"]:
            from sadari.investment.tasks import task_recommender_refit

            task_recommender_refit.enqueue()
