"""``sadari simulate-feeds``: the demo institutions keep pushing changes (head counts, homepages,
new companies) through the ingest pipeline, so a visitor watches profiles update live."""

import random
import time

from django.core.management.base import BaseCommand

from sadari.demo.feeds import simulate_step
from sadari.directory.models import Organization
from sadari.federation.models import SourceRecord


class Command(BaseCommand):
    help = "Pushes a steady stream of demo changes from the demo sources."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=3.0, help="seconds between changes")
        parser.add_argument("--count", type=int, default=0, help="stop after N changes (0: never)")
        parser.add_argument("--seed", type=int, default=None, help="repeatable sequence")

    def handle(self, *args, **options) -> None:
        rng = random.Random(options["seed"])
        step = 0
        while options["count"] == 0 or step < options["count"]:
            step += 1
            run = simulate_step(rng, step)
            if run is None:
                self.stderr.write("no demo sources: run seed_demo first")
                return
            record = SourceRecord.objects.filter(last_run=run).first()
            org = Organization.objects.filter(pk=record.entity_id).first() if record else None
            where = f" → {org.name} {org.get_absolute_url()}" if org else ""
            self.stdout.write(f"[{step}] {run.source.name}: {run.status}{where}")
            if options["count"] == 0 or step < options["count"]:
                time.sleep(max(0.0, options["interval"]))
