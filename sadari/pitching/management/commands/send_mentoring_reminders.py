"""``sadari send-mentoring-reminders``: reminds applicant and mentor of every mentoring session
starting within the next 24 hours (once per booking; run it hourly from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from sadari.pitching.services import send_reminders


class Command(BaseCommand):
    help = "Send reminders for mentoring sessions starting soon (each booking once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="look-ahead window (default 24)")

    def handle(self, *args, **options) -> None:
        if not 1 <= options["hours"] <= 24 * 14:
            raise CommandError("--hours must be between 1 and 336")
        sent = send_reminders(within=timedelta(hours=options["hours"]))
        self.stdout.write(f"멘토링 알림 {sent}건 (reminders sent: {sent})")
