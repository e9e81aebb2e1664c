"""``sadari prune-feed``: deletes old change events and finished webhook deliveries."""

from django.core.management.base import BaseCommand, CommandError

from sadari.feed.services import feed_prune


class Command(BaseCommand):
    help = "Delete change events and finished webhook deliveries past their retention."

    def add_arguments(self, parser):
        parser.add_argument(
            "--event-days", type=int, default=365, help="Keep change events this long (365)."
        )
        parser.add_argument(
            "--delivery-days",
            type=int,
            default=30,
            help="Keep finished webhook deliveries (the delivery log) this long (30).",
        )

    def handle(self, *args, event_days: int, delivery_days: int, **options):
        try:
            events, deliveries = feed_prune(event_days=event_days, delivery_days=delivery_days)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Deleted {events:,} change event(s) and {deliveries:,} delivery log(s).")
