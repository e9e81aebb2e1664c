"""``sadari deliver-webhooks [--loop]``: sequences new change events and sends due webhooks."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from sadari.feed import conf
from sadari.feed.services import webhook_deliver_due


class Command(BaseCommand):
    help = "Send due webhook deliveries (once, or --loop as a long-running worker)."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--once", action="store_true", help="One pass, then exit (default).")
        mode.add_argument("--loop", action="store_true", help="Run until interrupted.")
        parser.add_argument(
            "--interval",
            type=float,
            default=conf.POLL_SECONDS,
            help="Seconds between passes with --loop when nothing was due.",
        )
        parser.add_argument("--limit", type=int, default=50, help="Deliveries per pass.")

    def handle(self, *args, loop: bool, interval: float, limit: int, **options):
        if not loop:
            attempts = webhook_deliver_due(limit=limit)
            self.stdout.write(f"{attempts} delivery attempt(s)")
            return
        self.stdout.write("Delivering webhooks; Ctrl-C to stop.")
        try:
            while True:
                close_old_connections()
                attempts = webhook_deliver_due(limit=limit)
                if attempts < limit:
                    time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
