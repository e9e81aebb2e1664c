"""``sadari refresh-org-keys``: rebuilds entity-resolution blocking keys for every organization
(after bulk loads, which bypass model signals)."""

from django.core.management.base import BaseCommand

from sadari.directory.models import Organization
from sadari.federation.entities import organization_keys_refresh


class Command(BaseCommand):
    help = "Rebuilds the entity-resolution blocking keys of all organizations."

    def handle(self, *args, **options) -> None:
        batch: list[Organization] = []
        total = 0
        for org in Organization.objects.filter(merged_into__isnull=True).iterator(chunk_size=2000):
            batch.append(org)
            if len(batch) == 2000:
                organization_keys_refresh(batch)
                total += len(batch)
                batch = []
        organization_keys_refresh(batch)
        total += len(batch)
        self.stdout.write(f"{total} organizations")
