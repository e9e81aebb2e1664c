"""``sadari purge-trainee-data``: erases the personal data of every trainee with no consent in
force (withdrawn, or past its retention date). Run daily from cron; ``--dry-run`` lists them."""

from django.core.management.base import BaseCommand

from sadari.jobs.services import purge_expired


class Command(BaseCommand):
    help = "Anonymize trainees whose consents were withdrawn or whose retention period ended."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, do not erase")

    def handle(self, *args, **options) -> None:
        ids = purge_expired(dry_run=options["dry_run"])
        verb = "대상" if options["dry_run"] else "익명화"
        self.stdout.write(
            f"교육생 {len(ids)}명 {verb} (trainees {'due' if options['dry_run'] else 'anonymized'}: {len(ids)})"
        )
