"""``manage.py create_api_token USERNAME --name NAME``: issues an API token and prints it once.

Only the token's SHA-256 hash is stored; the raw value goes to stdout (alone, so scripts can
capture it) and cannot be shown again.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a user and print the raw token once (only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user the token acts as.")
        parser.add_argument(
            "--name", required=True, help="What the token is for, e.g. 'open-data sync'."
        )

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        name = name.strip()
        if not name:
            raise CommandError("--name must not be empty.")
        if len(name) > ApiToken._meta.get_field("name").max_length:
            raise CommandError("--name is too long.")
        user_model = get_user_model()
        try:
            user = user_model.objects.get(**{user_model.USERNAME_FIELD: username})
        except user_model.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is not active.")
        token, raw = ApiToken.issue(user=user, name=name)
        self.stdout.write(raw)
        self.stderr.write(
            f"Issued token {token.name!r} ({token.prefix}…) for {username}. "
            "Store it now: it is not shown again.",
            style_func=self.style.WARNING,
        )
